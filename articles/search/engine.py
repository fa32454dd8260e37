"""Matching: the articles that have every term, best first, through the index of each database."""

from django.db import connections
from django.db.models import BooleanField, F, Max, Min, Value
from django.db.models.expressions import RawSQL
from django.db.models.functions import StrIndex
from django.db.models.lookups import GreaterThan

from articles.models import Article, SearchIndexRow
from articles.search.index import INDEX_TABLE, supported

# The best results a search returns at most (the count then reads "more than"): 10 pages.
# Each tier reads up to MAX_RESULTS + 1 rows newest first, so this bounds what a common word
# costs: at 100,000 articles on SQLite the engine took 7-29 ms per query with 1,000 and about
# 1-5 ms with 200 (bench/README.md). Readers narrow a long list with the filters instead.
MAX_RESULTS = 200


def _fts5_expression(query, columns=""):
    """FTS5 MATCH syntax built from folded words only: every term double-quoted, all required.

    columns: "title" or "title lead" to require every term in those columns.
    """
    parts = []
    for number, term in enumerate(query.terms):
        part = '"' + " ".join(term.words) + '"'
        if query.completes(number):
            part += "*"
        parts.append(part)
    expression = " ".join(parts)
    return f"{{{columns}}} : ({expression})" if columns else expression


def _tsquery_expression(query):
    """to_tsquery syntax built from folded words only: phrases with <->, terms joined by &."""
    parts = []
    for number, term in enumerate(query.terms):
        lexemes = [f"'{word}'" for word in term.words]
        if query.completes(number):
            lexemes[-1] = f"'{term.words[-1]}':*"
        parts.append(f"({' <-> '.join(lexemes)})")
    return " & ".join(parts)


def search_articles(query, queryset=None, limit=MAX_RESULTS):
    """The primary keys of queryset's articles matching query, best first, and the query used.

    Order: when the query has diacritics, the results containing it exactly as typed (tones
    normalised, case ignored) come first; then those with every word in the title, then in the
    title or the lead, then anywhere; newest first within each. Each tier is read newest first
    and stops after `limit` rows, so a word found in most of the archive costs about the same as
    a rare one (see bench/README.md).
    A query written as a name ("Trần Thị Thu") is looked for as one phrase first: the words
    scattered over an article ("thị trấn", "thử") only when no article has them in a row.
    When nothing matches and the last word may be unfinished, it is completed (dien bi -> bien).
    The queryset (published articles by default) may be filtered, e.g. by ArticleFilter.
    """
    if not query:
        return [], query
    if queryset is None:
        queryset = Article.objects.published()
    if query.name:
        ids = _match(query.whole_name(), queryset, limit)
        if ids:
            return ids, query.whole_name()
    ids = _match(query, queryset, limit)
    if not ids and query.can_complete:
        query = query.completing()
        ids = _match(query, queryset, limit)
    return ids, query


# PostgreSQL cannot read a GIN index in order: a tier reads every match, checks each against
# the reader's filters, then sorts (4,252 rows for "dien bien" in titles at 100,000 articles,
# 14 ms; a phrase 53 ms). So a tier is first read among the newest ids only, then among more:
# a window that yields `limit` rows holds the tier's newest `limit`, the same rows the whole
# table would give (2-4 ms for both). At most three queries per tier (_read_tier).
NEWEST_WINDOWS = (5_000, 25_000)

# Where every word must be found, best tier first: FTS5 columns; on PostgreSQL, the index
# table's tsvector columns (title, title and lead, whole document: migration 0009).
TIERS = (("title", "title_doc"), ("title lead", "head_doc"), ("", "document"))


def _tier_conditions(query, vendor):
    """For each tier, the condition (for filter()) of its index rows that no tier above has:
    an FTS5 MATCH on SQLite; on PostgreSQL, the tier's column matched (each has a GIN index)
    and the columns of the tiers above not.
    """
    if vendor == "sqlite":
        conditions, above = [], None
        for columns, _document in TIERS:
            expression = _fts5_expression(query, columns)
            match = f"({expression}) NOT ({above})" if above else expression
            conditions.append(_condition(f"{INDEX_TABLE} MATCH %s", [match]))
            above = expression
        return conditions
    terms = _tsquery_expression(query)
    conditions, above = [], []
    for _columns, document in TIERS:
        matched = f"{INDEX_TABLE}.{document} @@ to_tsquery('simple', %s)"
        parts = [matched, *(f"NOT {part}" for part in above)]
        conditions.append(_condition(" AND ".join(parts), [terms] * len(parts)))
        above = [matched]
    return conditions


def _condition(sql, params):
    """A condition in the database's own full-text syntax, for filter()."""
    return RawSQL(sql, params, output_field=BooleanField())


def _match(query, queryset, limit):
    """The primary keys of the best `limit` matches, tier by tier (search_articles)."""
    connection = connections[queryset.db]
    if not supported(connection):
        return _match_by_scanning(query, queryset, limit)
    # The reader's filters, checked with a primary-key lookup for each row that FTS5 or the
    # GIN index hands over, instead of listing every id the queryset holds.
    # Preferring the accents the reader typed means reading each candidate's exact text: only
    # done when there are accents to prefer (who types "dien bien" wants Điện Biên).
    accented = query.accented
    exact = GreaterThan(StrIndex("exact_text", Value(query.exact)), 0) if accented else Value(False)
    rows = (
        SearchIndexRow.objects.using(queryset.db)
        .filter(queryset.includes("pk"))
        .values_list("pk", exact)
    )
    windows = _newest_windows(queryset.db) if connection.vendor == "postgresql" else []
    ranks = []
    for tier, condition in enumerate(_tier_conditions(query, connection.vendor)):
        found = _read_tier(rows.filter(condition), limit, windows)
        ranks.extend((not is_exact, tier, -pk) for pk, is_exact in found)
        # Rows of the tiers below rank after `limit` rows already found (exact ones, when
        # exact ones come first): nothing below can reach the results.
        if sum(1 for rank in ranks if not rank[0] or not accented) >= limit:
            break
    return [-pk for _exact, _tier, pk in sorted(ranks)[:limit]]


def _read_tier(rows, limit, windows):
    """A tier's newest `limit` rows, (key, exact) pairs, of `rows` (the tier's index rows).

    windows (PostgreSQL, _newest_windows): (size, lower bound) pairs tried first, each while
    the last one's rate of matches could fill it. A tier that comes short in them is sparse
    among the newest articles, and PostgreSQL's estimate does not know it: it would walk the
    whole index newest first, reading every document (0.6 s for "điện biên" below the lead
    at 100,000 articles); ordered by "key + 0" it reads the GIN index's matches and sorts
    them (16 ms).
    """
    found, last = [], None
    for size, above in windows:
        if last and len(found) * size < limit * last:
            break
        found, last = list(rows.filter(pk__gt=above).order_by("-pk")[:limit]), size
        if len(found) >= limit:
            return found
    order = (F("pk") + 0).desc() if last else "-pk"
    return list(rows.order_by(order)[:limit])


def _newest_windows(using):
    """(size, lower bound) of the NEWEST_WINDOWS that leave out part of the index."""
    bounds = SearchIndexRow.objects.using(using).aggregate(oldest=Min("pk"), newest=Max("pk"))
    oldest, newest = bounds["oldest"], bounds["newest"]
    if newest is None:
        return []
    return [(size, newest - size) for size in NEWEST_WINDOWS if newest - size >= oldest]


def _match_by_scanning(query, queryset, limit):
    """Databases without an index: every term in the folded text, newest first."""
    for term in query.terms:
        queryset = queryset.filter(search_text__contains=" ".join(term.words))
    return list(queryset.order_by("-published_at", "-pk").values_list("pk", flat=True)[:limit])
