# The English interface of a Vietnamese site: dates stay day first, as readers type them.
from healthnews.formats.vi.formats import (  # noqa: F401
    DATE_INPUT_FORMATS,
    DATETIME_INPUT_FORMATS,
    SHORT_DATE_FORMAT,
    SHORT_DATETIME_FORMAT,
)

DATE_FORMAT = "j F Y"
DATETIME_FORMAT = "j F Y, H:i"
FIRST_DAY_OF_WEEK = 1
