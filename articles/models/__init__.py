"""What and when: articles with their figures, attachments, statistics and commemorations."""

from articles.models.article import BODY_EXTENSIONS, Article, ArticleChildManager
from articles.models.documents import (
    Document,
    DocumentFile,
    DocumentQuerySet,
    DocumentSector,
    search_tokens,
)
from articles.models.links import (
    ArticleLink,
    OfficialMention,
    OrganisationMention,
    copy_publication_times,
)
from articles.models.media import (
    ATTACHMENT_EXTENSIONS,
    Attachment,
    Figure,
    PhotoField,
    attachment_upload_to,
    figure_upload_to,
)
from articles.models.notes import ArticleNote
from articles.models.queryset import (
    LISTING_FIELDS,
    LISTING_RELATED,
    ArticleManager,
    ArticleQuerySet,
)
from articles.models.revision import ArticleRevision
from articles.models.schedule import ScheduleEntry
from articles.models.search import SearchIndexRow
from articles.models.site import SiteSettings
from articles.models.statistics import Indicator, Statistic
from articles.models.vocabulary import Category, CommemorativeEvent, SourceOutlet, Tag

__all__ = [
    "ATTACHMENT_EXTENSIONS",
    "BODY_EXTENSIONS",
    "LISTING_FIELDS",
    "LISTING_RELATED",
    "Article",
    "ArticleChildManager",
    "ArticleLink",
    "ArticleManager",
    "ArticleNote",
    "ArticleQuerySet",
    "ArticleRevision",
    "Attachment",
    "Category",
    "CommemorativeEvent",
    "Document",
    "DocumentFile",
    "DocumentQuerySet",
    "DocumentSector",
    "Figure",
    "Indicator",
    "OfficialMention",
    "OrganisationMention",
    "PhotoField",
    "ScheduleEntry",
    "SearchIndexRow",
    "SiteSettings",
    "SourceOutlet",
    "Statistic",
    "Tag",
    "attachment_upload_to",
    "copy_publication_times",
    "figure_upload_to",
    "search_tokens",
]
