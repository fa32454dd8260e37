"""The directory: officials, organisations and facilities, provinces.

Articles are read from the articles models (the mentions, Article), never through people's
reverse relations: people knows nothing of articles.
"""

import django_filters
from django.db.models import F, OuterRef, Prefetch, Subquery
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_filters.views import FilterView

from articles import search
from articles.models import Article, OfficialMention, OrganisationMention
from articles.web.about import department
from articles.web.statistics import province_figures
from people.models import Official, Organisation, Position, Province

ARTICLES_ON_PAGE = 20
# Posts still held first, then the most recently ended: the same on SQLite and PostgreSQL.
CURRENT_FIRST = [F("end_date").desc(nulls_first=True)]


def _current_positions():
    return Prefetch(
        "positions",
        queryset=Position.objects.current().select_related("organisation"),
        to_attr="current_positions",
    )


def _published(links):
    """Published articles of these link rows (one entry's), newest first, with list joins.

    Read down the entry's link rows newest first by the publication time they carry, from
    now on down: the links of scheduled articles (ahead of now) and of undated drafts are
    not walked. The cost follows the page, not how often the entry is named nor the size of
    the archive.
    """
    links = links.filter(published_at__lte=timezone.now())
    return Article.objects.published().newest_linked(links, ARTICLES_ON_PAGE).for_listing()


class NameFilter(django_filters.CharFilter):
    """?ten=…: the rows whose name has every word, matched as the search page matches names."""

    def __init__(self, *args, name_field="name", **kwargs):
        self.name_field = name_field
        kwargs.setdefault("label", _("Tên"))
        kwargs.setdefault("max_length", search.MAX_QUERY_LENGTH)
        super().__init__(*args, **kwargs)

    def filter(self, queryset, value):
        if not value:
            return queryset
        found = search.matching_names(search.parse_query(value), queryset, self.name_field)
        return queryset.filter(pk__in=found)


class OfficialFilter(django_filters.FilterSet):
    ten = NameFilter(name_field="full_name")

    class Meta:
        model = Official
        fields = []


class OfficialListView(FilterView):
    """Officials by given name in Vietnamese alphabetical order, with their current posts."""

    filterset_class = OfficialFilter
    paginate_by = 50
    template_name = "people/official_list.html"

    def get_queryset(self):
        return Official.objects.prefetch_related(_current_positions())


def _attested(positions):
    """Give each position the first and last dates of the published articles that attest it.

    A post whose dates nobody entered still shows when the news saw it held. Each date is
    read at one end of the position's attestations in time order (index position_attested),
    each checked against the published articles by primary key until one passes: the cost
    follows the number of posts, not how often the news named them.
    """
    attestations = OfficialMention.objects.filter(
        Article.objects.published().includes("article_id"), position=OuterRef("pk")
    ).values("published_at")
    return positions.annotate(
        first_attested=Subquery(attestations.order_by("published_at")[:1]),
        last_attested=Subquery(attestations.order_by("-published_at")[:1]),
    )


def official_detail(request, slug):
    """An official's titles, positions over time and the articles that mention them."""
    official = get_object_or_404(Official, slug=slug)
    positions = official.positions.select_related("organisation__province").order_by(
        *CURRENT_FIRST, F("start_date").desc(nulls_last=True), "pk"
    )
    positions = _attested(positions)
    return render(
        request,
        "people/official_detail.html",
        {
            "official": official,
            "positions": positions,
            "articles": _published(OfficialMention.objects.filter(official=official)),
        },
    )


class OrganisationFilter(django_filters.FilterSet):
    ten = NameFilter()
    tinh = django_filters.ModelChoiceFilter(
        queryset=Province.objects.all(),
        method="filter_province",
        to_field_name="slug",
        label=_("Tỉnh, thành phố"),
        empty_label=_("Tất cả"),
    )
    loai = django_filters.ChoiceFilter(
        field_name="kind",
        choices=Organisation.Kind.choices,
        label=_("Loại"),
        empty_label=_("Tất cả"),
    )
    cap = django_filters.ChoiceFilter(
        field_name="level",
        choices=Organisation.Level.choices,
        label=_("Cấp"),
        empty_label=_("Tất cả"),
    )

    class Meta:
        model = Organisation
        fields = []

    def filter_province(self, queryset, name, province):
        """A province's organisations include those of the units it took over (Huế's)."""
        return queryset.filter(province__in=province.with_predecessors())


class OrganisationListView(FilterView):
    """Facilities and other organisations, filterable by name, province, kind and level."""

    filterset_class = OrganisationFilter
    paginate_by = 50
    template_name = "people/organisation_list.html"

    def get_queryset(self):
        # Two steps of succession: "tỉnh Thừa Thiên Huế (nay là thành phố Huế)".
        return Organisation.objects.select_related("province__successor__successor", "parent")


def organisation_detail(request, slug):
    """An organisation with the officials who hold posts in it and the articles naming it."""
    organisation = get_object_or_404(
        Organisation.objects.select_related("province__successor__successor", "parent"),
        slug=slug,
    )
    presented = department(organisation) if organisation.presents_itself else {}
    positions = organisation.positions.select_related("official").order_by(
        *CURRENT_FIRST, "official__sort_key"
    )
    return render(
        request,
        "people/organisation_detail.html",
        {
            **presented,
            "organisation": organisation,
            "positions": _attested(positions),
            "children": organisation.children.all(),
            "articles": _published(OrganisationMention.objects.filter(organisation=organisation)),
        },
    )


class ProvinceFilter(django_filters.FilterSet):
    ten = NameFilter()

    class Meta:
        model = Province
        fields = []


class ProvinceListView(FilterView):
    """Provincial-level units, today's and those merged away, with what became of them."""

    filterset_class = ProvinceFilter
    template_name = "people/province_list.html"

    def get_queryset(self):
        return Province.objects.select_related("successor__successor")


def province_detail(request, slug):
    """A province's news (its predecessors' too), its facilities and its history."""
    province = get_object_or_404(
        Province.objects.select_related("successor").prefetch_related("predecessors"), slug=slug
    )
    units = province.with_predecessors()
    # The newest of each unit through the province index, then the newest of those.
    news = Article.objects.published().newest_in_each(
        [("province_id", unit) for unit in units], ARTICLES_ON_PAGE
    )
    return render(
        request,
        "people/province_detail.html",
        {
            "province": province,
            "articles": news.for_listing()[:ARTICLES_ON_PAGE],
            "organisations": Organisation.objects.filter(province__in=units).select_related(
                "province"
            ),
            "figures": province_figures(units),
        },
    )
