"""Which articles a page reads, and how: visibility, lists, the newest of each group."""

from django.conf import settings
from django.db import connections, models
from django.db.models import Exists, OuterRef
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce
from django.utils import timezone

from articles.models.vocabulary import Category, SourceOutlet
from people.models import (
    Province,
)

# Where a group's value goes in the parameters of ArticleQuerySet._newest_sql, and the value
# that finds the place (within the range of every integer column, a small positive one too).
_GROUP_VALUE = object()
_MARKER = 32_719


class ArticleQuerySet(models.QuerySet):
    def published(self):
        """Articles a reader may see: published, and their publication time has come."""
        return self.filter(status=self.model.Status.PUBLISHED, published_at__lte=timezone.now())

    def newest_in_each(self, groups, count):
        """This queryset's newest `count` articles in each group, together.

        groups: (field, value) pairs such as ("province_id", 7). Each group is read through
        its own index with its own LIMIT and the primary keys are joined with UNION ALL (one
        query); the result is this queryset limited to them. An OR of the groups' conditions
        would instead test, and sort, every article of all of them. On PostgreSQL, one
        subquery per field run for each value instead (_newest_lateral).
        """
        if groups and connections[self.db].vendor == "postgresql":
            return self._chosen(self._ids(*self._newest_lateral(groups, count)))
        parts, params = [], []
        for field, value in groups:
            sql, part_params = self._newest_sql(field, count)
            parts.append(f"SELECT * FROM ({sql}) AS group_{len(parts)}")
            params.extend(value if param is _GROUP_VALUE else param for param in part_params)
        if not parts:
            return self.none()
        return self._chosen(self._ids(" UNION ALL ".join(parts), params))

    def _newest_lateral(self, groups, count):
        """PostgreSQL: per field, one subquery run for each of its values (LATERAL).

        PostgreSQL plans every branch of a UNION ALL: for the home page's 64 provinces and
        former provinces, planning took 7.7 of the query's 8.5 ms at 100,000 articles; one
        subquery planned once and run per value took 0.9 ms, through the same index.
        """
        values = {}
        for field, value in groups:
            values.setdefault(field, []).append(value)
        parts, params = [], []
        for field, field_values in values.items():
            each = self.filter(**{field: RawSQL("unit.value", ())})
            sql, each_params = self._sql(each.order_by("-published_at", "-pk").values("pk")[:count])
            parts.append(
                "SELECT newest.pk FROM unnest(%s::bigint[]) AS unit(value) "
                f"CROSS JOIN LATERAL ({sql}) AS newest"
            )
            params.extend([field_values, *each_params])
        return " UNION ALL ".join(parts), params

    def newest_linked(self, links, count):
        """This queryset's newest `count` articles among links, newest first.

        links: the link rows (ArticleLink) naming one official or organisation. Each carries
        its article's publication time, so they are read newest first down their own index
        (entry, time, article) and each is checked against this queryset with a primary-key
        lookup until `count` pass: the cost follows the page, not how often the entry is
        named nor the size of the archive.
        """
        allowed = self.order_by().filter(pk=OuterRef("article_id")).values("pk")
        newest = links.filter(Exists(allowed)).order_by("-published_at", "-article_id")
        return self._chosen(list(newest.values_list("article_id", flat=True)[:count]))

    def correlated_sql(self, outer_id):
        """SQL and parameters of this queryset as a subquery for `EXISTS`, tied to outer_id.

        For a query over another table (the search index, link rows) that checks each row it
        hands over against this queryset's filters with a primary-key lookup, instead of
        listing every id the queryset holds. Raises EmptyResultSet when nothing can match.
        """
        return self._sql(self.order_by().filter(pk=RawSQL(outer_id, ())).values("pk"))

    def _sql(self, queryset):
        """SQL and parameters of a queryset, compiled for this queryset's database."""
        return queryset.query.get_compiler(connection=connections[self.db]).as_sql()

    def _ids(self, sql, params):
        """The first column of each row of raw SQL run on this queryset's database."""
        with connections[self.db].cursor() as cursor:
            cursor.execute(sql, params)
            return [row[0] for row in cursor.fetchall()]

    def _chosen(self, ids):
        """These articles (chosen through this queryset's filters), newest first, by key.

        Only the primary keys are filtered, and the order is an expression, on purpose: with
        the visibility filter or a plain column order, the database walks the newest-first
        index through the whole archive looking for these few rows instead of fetching them
        and sorting a handful (17 ms instead of 1 at 100,000 articles).
        """
        newest = Coalesce("published_at", "published_at").desc()
        return self.model._default_manager.filter(pk__in=ids).order_by(newest, "-pk")

    def _newest_query(self, field, value, count):
        newest = self.filter(**{field: value}).order_by("-published_at", "-pk").values("pk")
        return self._sql(newest[:count])

    def _newest_sql(self, field, count):
        """SQL and parameters of the newest `count` rows where field equals a group value.

        Compiled once per field, with a marker where the value goes: compiling a queryset per
        province costs more than running the query (the marker is found among the parameters).
        """
        cache = self.__dict__.setdefault("_newest_sql_cache", {})
        if (field, count) not in cache:
            sql, params = self._newest_query(field, _MARKER, count)
            at = [index for index, param in enumerate(params) if param == _MARKER]
            if len(at) != 1:  # the marker is also another parameter: compare with a second
                _sql, other = self._newest_query(field, _MARKER + 1, count)
                pairs = enumerate(zip(params, other, strict=True))
                at = [index for index, (first, second) in pairs if first != second]
            if len(at) != 1:
                raise ValueError(f"Cannot find where {field} goes in {sql}")
            params = list(params)
            params[at[0]] = _GROUP_VALUE
            cache[field, count] = sql, params
        return cache[field, count]

    def for_listing(self):
        """What every list of articles needs (LISTING_FIELDS); category, province and outlet.

        With the per-version cache on (production), the three come from this process's copy
        of their tables (listing_rows) instead of joins: joining them cost 0.9 of the
        1.6 ms of reading a page of 20 (compiling three joins, building 60 more instances).
        Without that cache, the joins as before.
        """
        listing = self.only(*LISTING_FIELDS)
        if not settings.COUNT_CACHE_SECONDS:
            return listing.select_related(*LISTING_RELATED)
        listing._iterable_class = _WithDirectory
        return listing

    def for_detail(self):
        """Joins the article page needs: its figures, mentions, tags and places in history."""
        mention_model = self.model._meta.get_field("mentions").related_model
        mentions = mention_model.objects.select_related("official", "position__organisation")
        if settings.COUNT_CACHE_SECONDS:  # category, province, outlet: as for_listing
            detail = self.select_related("commemoration")
            detail._iterable_class = _WithDirectory
        else:
            detail = self.select_related(
                "category", "province__successor", "source_outlet", "commemoration"
            )
        return detail.prefetch_related(
            "tags",
            "figures",
            "attachments",
            "organisations",
            # one query, not three (mentions, then their officials, then positions)
            models.Prefetch("mentions", queryset=mentions),
        )


LISTING_RELATED = ("category", "province", "source_outlet")
# The columns that cards, feeds and grouped lists show, of the thirty an article has: each
# column costs in compiling the query, converting the rows and building the instances. A
# list that reads another one reads it once per article: the query-count tests would see it.
LISTING_FIELDS = (
    "title",
    "slug",
    "lead",
    "status",
    "published_at",
    "published_at_precision",
    "updated_at",
    "byline",
    "commemoration",
    "commemoration_year",
    *LISTING_RELATED,
)


def listing_rows(name):
    """Every category, province (with its successors) or outlet by key, per content version.

    A few dozen rows each, read once per change of content, in this process's memory. The
    rows are shared by every request of the process: read them, never change them.
    """
    from healthnews.pagecache import per_version_in_process

    return per_version_in_process(f"listing:{name}", _LISTING_ROWS[name])


_LISTING_ROWS = {
    "category": lambda: Category.objects.in_bulk(),
    "province": lambda: Province.objects.select_related("successor__successor").in_bulk(),
    "source_outlet": lambda: SourceOutlet.objects.in_bulk(),
}


class _WithDirectory(models.query.ModelIterable):
    """Articles with their category, province and outlet taken from listing_rows().

    A key the copy lacks (a row added after the version this process holds) is left alone:
    the instance then reads it itself, as without the copy.
    """

    def __iter__(self):
        directory = [(name, f"{name}_id", listing_rows(name)) for name in LISTING_RELATED]
        for article in super().__iter__():
            fields_cache = article._state.fields_cache
            for name, attname, rows in directory:
                key = getattr(article, attname)
                if key is None or key in rows:
                    fields_cache[name] = rows.get(key)
            yield article


class ArticleManager(models.Manager.from_queryset(ArticleQuerySet)):
    def get_by_natural_key(self, slug):
        return self.get(slug=slug)
