"""Detail-page URLs, reversed once per view and language instead of once per link.

A page of lists links a hundred articles, provinces and people; Django's reverse() walks the
URL patterns for each (about 40 µs). The URL of a slug pattern is its prefix, the slug and its
suffix, so it is reversed once with a marker and then assembled.
"""

import re

from django.urls import get_script_prefix, reverse
from django.utils.translation import get_language

_MARKER = "slug-marker"
_PLAIN_SLUG = re.compile(r"[-a-zA-Z0-9_]+")
_AROUND = {}


def slug_url(viewname, slug):
    """reverse(viewname, kwargs={"slug": slug}), the same string, cheaper."""
    if not _PLAIN_SLUG.fullmatch(slug):  # anything that reverse() would quote or refuse
        return reverse(viewname, kwargs={"slug": slug})
    key = (viewname, get_language(), get_script_prefix())
    around = _AROUND.get(key)
    if around is None:
        prefix, suffix = reverse(viewname, kwargs={"slug": _MARKER}).split(_MARKER)
        around = _AROUND[key] = (prefix, suffix)
    return f"{around[0]}{slug}{around[1]}"
