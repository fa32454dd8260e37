import datetime
import hashlib
from pathlib import PurePath
from typing import NamedTuple

from django.contrib.admin.views.decorators import staff_member_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Min
from django.http import FileResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.functional import cached_property
from django.views.decorators.cache import never_cache
from django.views.generic import DetailView, ListView
from django_filters.views import FilterView

from articles.models import Article, Attachment, Category, CommemorativeEvent
from articles.web.filters import ArticleFilter
from healthnews.pagecache import per_version
from healthnews.text import vn_slugify
from people.models import Province

LATEST_ON_HOME = 10
PER_PROVINCE_ON_HOME = 3
PER_CATEGORY_ON_HOME = 4
RELATED = 4
ARTICLES_PER_YEAR = 5


def next_commemoration(today=None):
    """The soonest upcoming commemoration as (event, date, anniversary number, days left)."""
    today = today or timezone.localdate()
    upcoming = []
    for event in CommemorativeEvent.objects.all():
        date, number = event.next_occurrence(today)
        upcoming.append((date, event.pk, event, number))
    if not upcoming:
        return None
    date, _pk, event, number = min(upcoming)
    return {"event": event, "date": date, "number": number, "days": (date - today).days}


class Headline(NamedTuple):
    """An article as a list of titles shows it: a hundred on the home page, no instance each."""

    title: str
    slug: str
    published_at: datetime.datetime

    def get_absolute_url(self):
        return reverse("articles:article_detail", kwargs={"slug": self.slug})


def newest_by_category(count):
    """Each category with its `count` newest published articles, as cards show them.

    Two queries whatever the archive's size: the categories with the keys of their newest
    articles (read through the category index), then those articles for listing.
    """
    newest = Article.objects.published().newest_keys("category", count)
    categories = list(Category.objects.annotate(**newest))
    keys = {getattr(category, rank) for category in categories for rank in newest} - {None}
    articles = {
        article.pk: article
        for article in Article.objects.filter(pk__in=keys).for_listing().order_by()
    }
    sections = []
    for category in categories:
        ranked = [getattr(category, rank) for rank in newest]
        chosen = [articles[key] for key in ranked if key is not None]
        if chosen:  # a category without news has no section
            sections.append((category, chosen))
    return sections


def home(request):
    """Lead story, latest news, news by category and by province, the next commemoration."""
    latest = list(Article.objects.published().for_listing()[: LATEST_ON_HOME + 1])
    # The newest few of each province, each read through the province index: the cost follows
    # the number of provinces, not of articles (a window function over every published
    # article took ~0.1 s at 100,000 articles). A link needs only the title and the slug.
    newest = Article.objects.published().newest_keys("province", PER_PROVINCE_ON_HOME)
    provinces = Province.objects.select_related("successor__successor").annotate(**newest)
    # Grouped under today's unit: Thừa Thiên Huế's news of 2024 belongs with Huế's.
    unit_of = {
        getattr(province, rank): province.current()
        for province in provinces
        for rank in newest
        if getattr(province, rank) is not None
    }
    headlines = (
        Article.objects.filter(pk__in=list(unit_of))
        .order_by("-published_at", "-pk")
        .values_list("pk", "title", "slug", "published_at")
    )
    by_province = {}
    for pk, title, slug, published_at in headlines:
        by_province.setdefault(unit_of[pk], []).append(Headline(title, slug, published_at))
    for unit_headlines in by_province.values():
        del unit_headlines[PER_PROVINCE_ON_HOME:]
    return render(
        request,
        "articles/home.html",
        {
            "lead": latest[0] if latest else None,
            "latest": latest[1:],
            "by_category": newest_by_category(PER_CATEGORY_ON_HOME),
            "by_province": sorted(by_province.items(), key=lambda item: item[0].sort_key),
            "commemoration": next_commemoration(),
        },
    )


class VersionedCountPaginator(Paginator):
    """A paginator whose total is counted once per content version, not on every request.

    Counting the published articles reads a whole index: 13 ms at 100,000 on SQLite.
    """

    def __init__(self, object_list, per_page, *, count_name, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self.count_name = count_name

    @cached_property
    def count(self):
        return per_version(self.count_name, self.object_list.count)


class ArticleListView(FilterView):
    """Published news with combinable filters; pagination keeps them."""

    filterset_class = ArticleFilter
    paginate_by = 20
    template_name = "articles/article_list.html"

    def get_queryset(self):
        return Article.objects.published().for_listing()

    def get_paginator(self, queryset, per_page, **kwargs):
        # The total of a list is named by the filters it uses (the page number left out).
        used = [(name, self.request.GET.getlist(name)) for name in self.filterset.filters]
        digest = hashlib.sha256(repr(used).encode()).hexdigest()
        return VersionedCountPaginator(queryset, per_page, count_name=f"news:{digest}", **kwargs)

    def paginate_queryset(self, queryset, page_size):
        units = self.filterset.only_province
        if units and len(units) > 1:
            queryset = NewestOfUnits(self.get_queryset(), units, total=queryset)
        return super().paginate_queryset(queryset, page_size)


class NewestOfUnits:
    """A province's news when it absorbed others: pages read through the province index.

    An IN over the units made the database sort every article of them (104 ms for Hồ Chí
    Minh's 13,000 at 100,000 articles). Each page is read as the newest `end` of each unit,
    joined (newest_in_each), then cut: the cost follows the page number, not the archive.
    The total comes from the plain filtered queryset.
    """

    ordered = True

    def __init__(self, published, units, total):
        self.published = published
        self.groups = [("province_id", unit) for unit in units]
        self.total = total

    def count(self):
        return self.total.count()

    def __getitem__(self, index):
        if not isinstance(index, slice) or index.step or index.stop is None:
            raise TypeError("NewestOfUnits takes a slice with an end")
        if index.stop == 0:  # the paginator's empty first page
            return []
        newest = self.published.newest_in_each(self.groups, index.stop).for_listing()
        return list(newest[index.start or 0 : index.stop])


class ArticleDetailView(DetailView):
    """One published article, with its figures in place and related news."""

    def get_queryset(self):
        return Article.objects.published().for_detail()

    def get_context_data(self, **kwargs):
        article = self.object
        # The newest few of the same category, of the same province and of each shared tag.
        groups = [("tags", tag.pk) for tag in article.tags.all()]
        if article.category_id:
            groups.append(("category_id", article.category_id))
        if article.province_id:
            groups.append(("province_id", article.province_id))
        related = (
            Article.objects.published()
            .exclude(pk=article.pk)
            .newest_in_each(groups, RELATED)
            .for_listing()[:RELATED]
        )
        return super().get_context_data(related=related, **kwargs)


@never_cache
@staff_member_required
def article_preview(request, pk):
    """Any article, draft or scheduled, in the public template: staff only, never indexed."""
    if not request.user.has_perm("articles.view_article"):
        raise PermissionDenied
    article = get_object_or_404(Article.objects.for_detail(), pk=pk)
    response = render(
        request,
        "articles/article_detail.html",
        {
            "article": article,
            "object": article,
            "preview": True,
            "is_public": Article.objects.published().filter(pk=pk).exists(),
        },
    )
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


class EventListView(ListView):
    """Commemorative days with their next date and anniversary number."""

    model = CommemorativeEvent
    template_name = "articles/event_list.html"

    def get_queryset(self):
        today = timezone.localdate()
        events = list(CommemorativeEvent.objects.all())
        # Counted in the commemoration index, one event after another, once per content
        # version: the count follows the articles (13 ms for 9,000 of them on SQLite).
        counts = per_version(
            "event-article-counts",
            lambda: dict(
                Article.objects.published()
                .filter(commemoration__in=events)
                .values_list("commemoration")
                .annotate(Count("pk"))
                .order_by()
            ),
        )
        for event in events:
            event.article_count = counts.get(event.pk, 0)
            event.next_date, event.next_number = event.next_occurrence(today)
            event.days_left = (event.next_date - today).days
        return sorted(events, key=lambda event: event.next_date)


class EventDetailView(DetailView):
    """A commemoration: its origin, each year's anniversary and the articles of each year."""

    model = CommemorativeEvent
    template_name = "articles/event_detail.html"

    def get_context_data(self, **kwargs):
        event = self.object
        today = timezone.localdate()
        next_date, next_number = event.next_occurrence(today)
        # The newest few of each anniversary year (one indexed LIMIT query per year, joined),
        # from the first year that has any; the rest are one link away, on the news list
        # filtered by commemoration and year. The first year reads all the event's articles
        # (13 ms for 3,300 on SQLite): once per content version.
        articles = Article.objects.published().filter(commemoration=event)
        first = per_version(
            f"event-first-year:{event.pk}",
            lambda: articles.aggregate(first=Min("commemoration_year"))["first"],
        )
        years = range(max(first, event.origin_date.year + 1), next_date.year + 1) if first else []
        newest = articles.newest_in_each(
            [("commemoration_year", year) for year in years], ARTICLES_PER_YEAR
        )
        by_year = {}
        for article in newest.for_listing().order_by("-published_at", "-pk"):
            by_year.setdefault(article.commemoration_year, []).append(article)
        undated = articles.filter(commemoration_year=None).for_listing()[:ARTICLES_PER_YEAR]
        by_year[None] = list(undated)
        years = sorted({*by_year, next_date.year} - {None}, reverse=True)
        anniversaries = [
            {
                "year": year,
                "number": event.anniversary(year),
                "date": event.occurrence(year),
                "articles": by_year.get(year, []),
                "more": len(by_year.get(year, [])) == ARTICLES_PER_YEAR,
                "upcoming": event.occurrence(year) >= today,
            }
            for year in years
        ]
        return super().get_context_data(
            anniversaries=anniversaries,
            undated=by_year.get(None, []),
            next_date=next_date,
            next_number=next_number,
            days_left=(next_date - today).days,
            **kwargs,
        )


def attachment_download(request, pk):
    """A document, always as a download, never rendered inline.

    Readers get the documents of published articles; staff who may view articles get those
    of drafts and scheduled ones too (the preview links to them), never kept by a cache.
    """
    previewing = request.user.is_staff and request.user.has_perm("articles.view_article")
    articles = Article.objects.all() if previewing else Article.objects.published()
    attachment = get_object_or_404(Attachment.objects.filter(article__in=articles), pk=pk)
    extension = PurePath(attachment.file.name).suffix
    response = FileResponse(
        attachment.file.open("rb"),
        as_attachment=True,
        filename=f"{vn_slugify(attachment.title) or 'tep-dinh-kem'}{extension}",
    )
    if previewing:
        add_never_cache_headers(response)
    return response
