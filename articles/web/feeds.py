"""RSS 2.0 and Atom feeds of published news: all of it, or one province, category, tag or day.

Every date is written in the site's time zone (Asia/Ho_Chi_Minh, +07:00), the way a Vietnamese
reader reads it: RSS `Wed, 28 Feb 2024 13:38:16 +0700`, Atom `2024-02-28T13:38:16+07:00`.
"""

import io
import mimetypes
from dataclasses import dataclass
from typing import Any

from django.contrib.syndication.views import Feed
from django.db.models import Prefetch
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import feedgenerator, timezone
from django.utils.html import escape

from articles.models import Article, Category, CommemorativeEvent, Figure, Tag
from people.models import Province

ITEMS_IN_FEED = 30
SITE_NAME = "Tin tức Y tế"
SITE_DESCRIPTION = "Tin hoạt động của các Sở Y tế"


def local(moment):
    """An instant in the site's time zone, to the second: what every feed date shows."""
    return timezone.localtime(moment).replace(microsecond=0)


def last_change(article):
    """When readers last saw the article change: a scheduled article changes when it appears."""
    return max(article.updated_at, article.published_at)


class LocalTime:
    """A feed whose feed-level date is in local time too, even when there is no item,
    written to the response in one piece."""

    def latest_post_date(self):
        return local(super().latest_post_date())

    def write(self, outfile, encoding):
        # The XML writer writes each tag and each text apart: a thousand writes for thirty
        # items, each encoded and appended to the response on its own (a tenth of the feed's
        # time). Gathered in memory, the response gets one.
        buffer = io.StringIO()
        super().write(buffer, encoding)
        outfile.write(buffer.getvalue())


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
    """The newest published articles; subclasses narrow them to one subject."""

    language = "vi"
    author_name = SITE_NAME

    def __init__(self, atom=False):
        super().__init__()
        self.feed_type = LocalTimeAtom if atom else LocalTimeRss

    # The subject: subclasses look it up by slug (an unknown one is a 404).

    def get_object(self, request, *args, **kwargs):
        return Source(request)

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

    # The items: one query for the articles and their joins, one for tags, one for photos.

    def items(self, source):
        articles = self.filter(Article.objects.published().for_listing(), source.subject)
        articles = list(
            articles.prefetch_related(
                # To lists: a related manager built per item cost more than reading the tags.
                Prefetch("tags", queryset=Tag.objects.only("name"), to_attr="tag_list"),
                Prefetch("figures", queryset=Figure.objects.exclude(image=""), to_attr="photos"),
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


class ProvinceFeed(NewsFeed):
    """A province's news, with that of the units merged into it (Thừa Thiên Huế in Huế)."""

    def get_object(self, request, slug):
        return Source(request, get_object_or_404(Province, slug=slug))

    def filter(self, articles, province):
        # The newest of each unit through the province index, then the newest of those: an
        # IN over the units sorted every article of them (100 ms for Hồ Chí Minh at 100,000).
        units = [("province_id", unit) for unit in province.with_predecessors()]
        return articles.newest_in_each(units, ITEMS_IN_FEED).for_listing()

    def title(self, source):
        return f"{SITE_NAME}: {source.subject.full_name}"

    def description(self, source):
        return f"{SITE_DESCRIPTION}: tin mới nhất của {source.subject.full_name}."

    def link(self, source):
        return source.subject.get_absolute_url()


class CategoryFeed(NewsFeed):
    def get_object(self, request, slug):
        return Source(request, get_object_or_404(Category, slug=slug))

    def filter(self, articles, category):
        return articles.filter(category=category)

    def title(self, source):
        return f"{SITE_NAME}: chuyên mục {source.subject.name}"

    def description(self, source):
        return f"{SITE_DESCRIPTION}: tin mới nhất trong chuyên mục {source.subject.name}."

    def link(self, source):
        return source.subject.get_absolute_url()


class TagFeed(NewsFeed):
    def get_object(self, request, slug):
        return Source(request, get_object_or_404(Tag, slug=slug))

    def filter(self, articles, tag):
        return articles.filter(tags=tag)

    def title(self, source):
        return f"{SITE_NAME}: thẻ {source.subject.name}"

    def description(self, source):
        return f"{SITE_DESCRIPTION}: tin mới nhất gắn thẻ {source.subject.name}."

    def link(self, source):
        return source.subject.get_absolute_url()


class EventFeed(NewsFeed):
    def get_object(self, request, slug):
        return Source(request, get_object_or_404(CommemorativeEvent, slug=slug))

    def filter(self, articles, event):
        return articles.filter(commemoration=event)

    def title(self, source):
        return f"{SITE_NAME}: {source.subject.name}"

    def description(self, source):
        return f"{SITE_DESCRIPTION}: tin mới nhất về {source.subject.name}."

    def link(self, source):
        return source.subject.get_absolute_url()
