"""RSS 2.0 and Atom feeds of published news: all of it, or one province, category, tag or day.

Every date is written in the site's time zone (Asia/Ho_Chi_Minh, +07:00), the way a Vietnamese
reader reads it: RSS `Wed, 28 Feb 2024 13:38:16 +0700`, Atom `2024-02-28T13:38:16+07:00`.
"""

import mimetypes
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib.syndication.views import Feed
from django.db import models
from django.db.models import Prefetch
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import feedgenerator, timezone
from django.utils.html import escape

from articles.models import (
    Article,
    ArticleQuerySet,
    Category,
    CommemorativeEvent,
    Document,
    Tag,
)
from healthnews.text import xml_safe
from people.models import Province

ITEMS_IN_FEED = 30
SITE_NAME = "Tin tức Y tế"
SITE_DESCRIPTION = "Tin hoạt động của các Sở Y tế"


def _xml_safe(value):
    """A feed value (text, or a list of texts such as categories) that XML 1.0 can carry."""
    if isinstance(value, str):
        return xml_safe(value, line_break=" ")
    if isinstance(value, list | tuple):
        return type(value)(_xml_safe(item) for item in value)
    return value


def local(moment):
    """An instant in the site's time zone, to the second: what every feed date shows."""
    return timezone.localtime(moment).replace(microsecond=0)


def last_change(article):
    """When readers last saw the article change: a scheduled article changes when it appears."""
    return max(article.updated_at, article.published_at)


class LocalTime:
    """A feed whose feed-level date is in local time too, even when there is no item."""

    def latest_post_date(self):
        return local(super().latest_post_date())


class LocalTimeRss(LocalTime, feedgenerator.Rss201rev2Feed):
    """RSS whose lastBuildDate is in local time."""


class LocalTimeAtom(LocalTime, feedgenerator.Atom1Feed):
    """Atom whose feed-level <updated> is in local time."""


@dataclass
class Source:
    """What a feed is about (None: all news) and the request, for absolute photo addresses."""

    request: HttpRequest
    subject: Any = None


class NewsFeed(Feed):
    """The newest published articles; SubjectFeed narrows them to one subject."""

    language = "vi"
    author_name = SITE_NAME

    def __init__(self, atom=False):
        super().__init__()
        self.feed_type = LocalTimeAtom if atom else LocalTimeRss

    def get_object(self, request, *args, **kwargs):
        return Source(request)

    def get_feed(self, obj, request):
        # Text written past Model.save() (raw SQL, an older release) may hold what XML cannot.
        feed = super().get_feed(obj, request)
        feed.feed = {key: _xml_safe(value) for key, value in feed.feed.items()}
        feed.items = [{key: _xml_safe(value) for key, value in item.items()} for item in feed.items]
        return feed

    def filter(self, articles, subject):
        return articles

    # The channel.

    def title(self, source):
        return SITE_NAME

    def description(self, source):
        return f"{SITE_DESCRIPTION}: tin mới nhất."

    def subtitle(self, source):
        """Atom's name for RSS's description (RSS leaves it out)."""
        return self.description(source)

    def link(self, source):
        return reverse("articles:article_list")

    def feed_copyright(self, source):
        return "Nội dung thuộc về các cơ quan và tác giả được ghi nguồn."

    # The items: one query for the articles and their joins, one for tags, one for photos
    # (for_listing's).

    def items(self, source):
        articles = self.filter(Article.objects.published().for_listing(), source.subject)
        articles = list(
            articles.prefetch_related(
                # To lists: a related manager built per item cost more than reading the tags.
                Prefetch("tags", queryset=Tag.objects.only("name"), to_attr="tag_list"),
            )[:ITEMS_IN_FEED]
        )
        for article in articles:
            article.feed_photo = None
            if article.photos:
                image = article.photos[0].image
                article.feed_photo = {
                    "url": source.request.build_absolute_uri(image.url),
                    "length": _size(image),
                    "mime_type": mimetypes.guess_type(image.name)[0] or "image/jpeg",
                }
        return articles

    def item_title(self, article):
        # Plain text, escaped once by the XML writer (the RSS profile's advice, Atom's default):
        # Django's double escaping would show "&quot;" in readers that take the title as text.
        return article.title

    def item_description(self, article):
        # The lead is plain text; the feed says HTML (RSS description, Atom type="html").
        return escape(article.lead)

    def item_pubdate(self, article):
        return local(article.published_at)

    def item_updateddate(self, article):
        return local(last_change(article))

    def item_author_name(self, article):
        return article.byline or None

    def item_categories(self, article):
        return [tag.name for tag in article.tag_list]

    def item_enclosures(self, article):
        if article.feed_photo is None:
            return []
        return [feedgenerator.Enclosure(**article.feed_photo)]


def _size(image):
    """The photo's size in bytes, or 0 when the file cannot be read (RSS advice for unknown)."""
    try:
        return str(image.size)
    except OSError:
        return "0"


@dataclass(frozen=True)
class SubjectKind:
    """A kind of feed subject: the model looked up by slug, how the news is narrowed to one
    row, and the channel's wording, where {subject} is that row."""

    model: type[models.Model]
    narrow: Callable[[ArticleQuerySet, models.Model], ArticleQuerySet]
    title: str
    description: str


def with_merged_units(articles, province):
    """A province's news, with that of the units merged into it (Thừa Thiên Huế in Huế)."""
    # The newest of each unit through the province index, then the newest of those: an IN
    # over the units sorted every article of them (100 ms for Hồ Chí Minh at 100,000).
    units = [("province_id", unit) for unit in province.with_predecessors()]
    return articles.newest_in_each(units, ITEMS_IN_FEED).for_listing()


def by_field(name):
    """Narrows the news to the articles whose field `name` holds the subject."""

    def narrow(articles, subject):
        return articles.filter(**{name: subject})

    return narrow


PROVINCE = SubjectKind(
    Province,
    with_merged_units,
    "{subject.full_name}",
    "tin mới nhất của {subject.full_name}.",
)
CATEGORY = SubjectKind(
    Category,
    by_field("category"),
    "chuyên mục {subject.name}",
    "tin mới nhất trong chuyên mục {subject.name}.",
)
TAG = SubjectKind(
    Tag, by_field("tags"), "thẻ {subject.name}", "tin mới nhất gắn thẻ {subject.name}."
)
EVENT = SubjectKind(
    CommemorativeEvent,
    by_field("commemoration"),
    "{subject.name}",
    "tin mới nhất về {subject.name}.",
)


class SubjectFeed(NewsFeed):
    """The news of one province, category, tag or commemorative day, found by its slug."""

    def __init__(self, kind, atom=False):
        super().__init__(atom)
        self.kind = kind

    def get_object(self, request, slug):
        return Source(request, get_object_or_404(self.kind.model, slug=slug))

    def filter(self, articles, subject):
        return self.kind.narrow(articles, subject)

    def title(self, source):
        return f"{SITE_NAME}: {self.kind.title.format(subject=source.subject)}"

    def description(self, source):
        wording = self.kind.description.format(subject=source.subject)
        return f"{SITE_DESCRIPTION}: {wording}"

    def link(self, source):
        return source.subject.get_absolute_url()


class DocumentFeed(NewsFeed):
    """The newest published documents (văn bản), newest entered first."""

    def title(self, source):
        return f"{SITE_NAME}: văn bản"

    def description(self, source):
        return f"{SITE_DESCRIPTION}: văn bản mới đăng."

    def link(self, source):
        return reverse("articles:document_list")

    def items(self, source):
        return list(
            Document.objects.published()
            .for_listing()
            .order_by("-published_at", "-pk")[:ITEMS_IN_FEED]
        )

    def item_title(self, document):
        return document.name

    def item_description(self, document):
        return escape(document.title)

    def item_pubdate(self, document):
        return local(document.published_at)

    def item_updateddate(self, document):
        return local(max(document.updated_at, document.published_at))

    def item_author_name(self, document):
        return document.issuer.name if document.issuer else None

    def item_categories(self, document):
        return [document.kind_name]

    def item_enclosures(self, document):
        return []
