"""What crawlers are told: the sitemap index and its sections, the Google News sitemap, robots.txt.

Only published articles and documents appear (`published()`); drafts, those awaiting review
and scheduled ones never do. Directory pages carry the publication date of the newest published
article they show, as that is when they last changed for a reader; it is read at the top of the
entry's own index, so a sitemap costs the same at 1,000 articles as at 100,000 (aggregating
every article instead took 5 s for the index at 100,000).
"""

import datetime
from functools import partial

from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps import views as sitemap_views
from django.db.models import Max, OuterRef, Q, Subquery
from django.db.models.functions import Greatest
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from articles.models import (
    Article,
    CommemorativeEvent,
    Document,
    Indicator,
    OfficialMention,
    OrganisationMention,
)
from articles.web.feeds import SITE_NAME, last_change, local
from healthnews.text import xml_safe
from people.models import Official, Organisation, Province

# Google News reads articles of the last two days, at most 1,000 per sitemap.
NEWS_WINDOW = datetime.timedelta(days=2)
NEWS_LIMIT = 1000


def _newest_published(prefix):
    """The newest change of a published article reached through `prefix` (None: no article)."""
    return Max(
        Greatest(f"{prefix}__updated_at", f"{prefix}__published_at"),
        filter=Q(
            **{
                f"{prefix}__status": Article.Status.PUBLISHED,
                f"{prefix}__published_at__lte": timezone.now(),
                f"{prefix}__deleted_at__isnull": True,
            }
        ),
    )


def _newest_first(rows):
    """Subquery: the publication time of the newest of rows (articles or link rows)."""
    return Subquery(rows.order_by("-published_at").values("published_at")[:1])


def newest_naming(link_model, field):
    """When the newest published article naming the entry (its link rows) was published."""
    links = link_model.objects.filter(
        Article.objects.published().includes("article_id"),
        published_at__lte=timezone.now(),
        **{field: OuterRef("pk")},
    )
    return _newest_first(links)


def newest_filed_under(field):
    """When the newest published article filed under the entry (a province, a commemoration)
    was published."""
    return _newest_first(Article.objects.published().filter(**{field: OuterRef("pk")}))


class PageSitemap(Sitemap):
    """The home page and the lists a reader starts from."""

    changefreq = "daily"

    def items(self):
        return [
            "articles:home",
            "articles:article_list",
            "directory:official_list",
            "directory:organisation_list",
            "directory:province_list",
            "articles:event_list",
            "articles:indicator_list",
            "articles:about",
            "articles:schedule",
            "articles:document_list",
        ]

    def location(self, item):
        return reverse(item)


class ArticleSitemap(Sitemap):
    def items(self):
        return (
            Article.objects.published()
            .only("slug", "updated_at", "published_at")
            .order_by("-published_at", "-pk")
        )

    def lastmod(self, article):
        return local(last_change(article))

    def get_latest_lastmod(self):
        """The newest publication or edit, each read down its own index."""
        published = Article.objects.published()
        latest = [
            published.order_by("-published_at").values_list("published_at", flat=True).first(),
            published.order_by("-updated_at").values_list("updated_at", flat=True).first(),
        ]
        known = [moment for moment in latest if moment]
        return local(max(known)) if known else None


class DocumentSitemap(Sitemap):
    """Published documents: each changes for a reader when it appears or is edited."""

    def items(self):
        return (
            Document.objects.published()
            .only("slug", "updated_at", "published_at")
            .order_by("-published_at", "-pk")
        )

    def lastmod(self, document):
        return local(max(document.updated_at, document.published_at))

    def get_latest_lastmod(self):
        latest = Document.objects.published().aggregate(
            latest=Max(Greatest("updated_at", "published_at"))
        )["latest"]
        return latest and local(latest)


class ByLatestArticleSitemap(Sitemap):
    """Rows annotated with `latest`: the newest change among the published articles they show."""

    def lastmod(self, row):
        return row.latest and local(row.latest)

    def get_latest_lastmod(self):
        return max((self.lastmod(row) for row in self.items() if row.latest), default=None)


class DirectorySitemap(ByLatestArticleSitemap):
    """The pages of one model (officials, organisations, commemorative days) in `order`;
    newest() gives the date of each one's newest article."""

    def __init__(self, model, newest, *order):
        self.model = model
        self.newest = newest
        self.order = order

    def items(self):
        return self.model.objects.only("slug").annotate(latest=self.newest()).order_by(*self.order)


class ProvinceSitemap(ByLatestArticleSitemap):
    """A province's page lists the news of the units merged into it: their dates count too."""

    def items(self):
        provinces = list(
            Province.objects.only("slug", "successor")
            .annotate(latest=newest_filed_under("province"))
            .order_by("sort_key", "pk")
        )
        by_pk = {province.pk: province for province in provinces}
        for province in provinces:
            unit, seen = province, {province.pk}
            while province.latest and unit.successor_id in by_pk and unit.successor_id not in seen:
                unit = by_pk[unit.successor_id]
                seen.add(unit.pk)
                if unit.latest is None or unit.latest < province.latest:
                    unit.latest = province.latest
        return provinces


class IndicatorSitemap(Sitemap):
    """The indicators with a published figure; each changes when an article with one does."""

    def items(self):
        return (
            Indicator.objects.only("slug")
            .annotate(latest=_newest_published("statistics__article"))
            .filter(latest__isnull=False)
            .order_by("sort_key", "pk")
        )

    def lastmod(self, indicator):
        return local(indicator.latest)


# Section names appear in the addresses: /sitemap-tin-tuc.xml and so on. Each value makes a
# sitemap when called: the views make one per request, as get_urls() keeps state on it.
SITEMAPS = {
    "trang": PageSitemap,
    "tin-tuc": ArticleSitemap,
    "can-bo": partial(
        DirectorySitemap,
        Official,
        partial(newest_naming, OfficialMention, "official"),
        "sort_key",
        "pk",
    ),
    "don-vi": partial(
        DirectorySitemap,
        Organisation,
        partial(newest_naming, OrganisationMention, "organisation"),
        "sort_key",
        "pk",
    ),
    "tinh-thanh": ProvinceSitemap,
    "ngay-ky-niem": partial(
        DirectorySitemap,
        CommemorativeEvent,
        partial(newest_filed_under, "commemoration"),
        "origin_date",
        "pk",
    ),
    "so-lieu": IndicatorSitemap,
    "van-ban": DocumentSitemap,
}


def sitemap_index(request):
    """The index of every section, and of the Google News sitemap."""
    response = sitemap_views.index(request, SITEMAPS, sitemap_url_name="sitemap_section")
    response.context_data["sitemaps"].append(
        sitemap_views.SitemapIndexItem(request.build_absolute_uri(reverse("sitemap_news")), None)
    )
    return response


def sitemap_section(request, section):
    return sitemap_views.sitemap(request, SITEMAPS, section=section)


@sitemap_views.x_robots_tag
def news_sitemap(request):
    """Google News: the articles published in the last two days, newest first."""
    now = timezone.now()
    articles = (
        Article.objects.published()
        .filter(published_at__gte=now - NEWS_WINDOW)
        .only("slug", "title", "published_at")[:NEWS_LIMIT]
    )
    entries = [
        {
            "location": request.build_absolute_uri(article.get_absolute_url()),
            "published": local(article.published_at).isoformat(),
            "title": xml_safe(article.title, line_break=" "),
        }
        for article in articles
    ]
    return render(
        request,
        "sitemap_news.xml",
        {"site_name": SITE_NAME, "entries": entries},
        content_type="application/xml; charset=utf-8",
    )


def robots_txt(request):
    """Everything may be crawled but the admin and the staff previews; where the sitemap is."""
    return render(
        request,
        "robots.txt",
        {"sitemap_url": request.build_absolute_uri(reverse("sitemap"))},
        content_type="text/plain; charset=utf-8",
    )
