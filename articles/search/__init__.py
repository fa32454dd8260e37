"""The readers' search: articles through a full-text index, officials and organisations by name.

The index
---------
Every article, drafts included, has one row in ``articles_article_fts`` (migration 0003). The
row holds the article's title, lead and body text *pre-folded* with ``vn_fold`` and reduced to
its words (``Điện Biên`` is stored as ``dien bien``: FTS5's ``remove_diacritics`` leaves đ alone),
plus ``exact_text``: the same words as written, tones normalised (hoá -> hóa) and case-folded,
which ranks first the results that contain the query exactly as the reader typed it.

* SQLite: an FTS5 virtual table (title, lead, body, exact_text UNINDEXED) ranked by bm25 with
  column weights 10/4/1.
* PostgreSQL: a table whose tsvector is built with the ``simple`` configuration from the same
  folded words, title/lead/body weighted A/B/C with ``setweight``, under a GIN index; ranked by
  ``ts_rank``; matched with ``@@``. Two generated columns hold the title's and the title and
  lead's part of it (``title_doc``, ``head_doc``, migration 0009) for the search tiers.
* Any other database: no index, ``Article.search_text`` is scanned with ``contains``.

Readers only ever get ``Article.objects.published()``, applied when searching, so a scheduled
article becomes findable when its time comes without being reindexed.

The reader's text never reaches the database as query syntax: it is cut into folded words
(letters and digits) and double-quoted phrases, and the FTS5 or tsquery expression is built
from those words only.

Keeping the index current
-------------------------
``articles.signals`` reindexes an article on ``post_save`` (loaddata's raw saves included) and
removes it on ``post_delete``. ``QuerySet.update()``, ``bulk_create()`` and raw SQL send no
signal: code that writes articles that way must then call ``index_articles(articles)`` with the
articles it touched, or ``rebuild_index()`` (``manage.py rebuild_search_index``).
"""

import bisect
import functools
import re
import unicodedata
from dataclasses import dataclass, replace

from django.core.exceptions import EmptyResultSet
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from articles.content.html import html_to_text
from articles.models import Article
from healthnews.text import normalize_text, normalize_tones, vn_fold

INDEX_TABLE = "articles_article_fts"
SUPPORTED_VENDORS = ("sqlite", "postgresql")

# Longer queries are refused; more words than MAX_TERMS are dropped (phrases' words count).
MAX_QUERY_LENGTH = 200
MAX_TERMS = 12
# The best results a search returns at most (the count then reads "more than"): 10 pages.
# Each tier reads up to MAX_RESULTS + 1 rows newest first, so this bounds what a common word
# costs: at 100,000 articles on SQLite the engine took 7-29 ms per query with 1,000 and about
# 1-5 ms with 200 (bench/README.md). Readers narrow a long list with the filters instead.
MAX_RESULTS = 200
# Officials and organisations shown above the articles.
NAMES_SHOWN = 5
# Words in a snippet, and how many of them come before the first match.
SNIPPET_WORDS = 30
SNIPPET_CONTEXT = 6
# Characters of an article (lead, then body) in which its snippet is looked for, and how many
# around its best match are cut into words.
SNIPPET_SOURCE = 3000
SNIPPET_REACH = 300
# A word the reader may not have finished typing is completed only from this length on.
MIN_PREFIX_LENGTH = 2

# bm25 weights of the FTS5 columns title, lead, body, exact_text (not indexed).
BM25_WEIGHTS = "10.0, 4.0, 1.0, 0.0"
# ts_rank weights of the classes D, C (body), B (lead), A (title).
TS_RANK_WEIGHTS = "{0.1, 0.2, 0.4, 1.0}"

INDEX_BATCH = 500
REBUILD_BATCH = 2000

_WORD = re.compile(r"[^\W_]+")
_QUOTES = str.maketrans(dict.fromkeys("“”„‟«»＂", '"'))


# ---------------------------------------------------------------------------------------------
# Words
# ---------------------------------------------------------------------------------------------


def fold_words(text):
    """The folded words of a text: letters and digits, no case, no diacritics, đ as d."""
    return _WORD.findall(vn_fold(text))


def exact_words(text):
    """The words of a text as written, tones normalised (hoá -> hóa) and case-folded."""
    return _WORD.findall(normalize_tones(normalize_text(text)).casefold())


def _padded(words):
    """Words joined by single spaces with a space at both ends, for whole-word substring tests."""
    return f" {' '.join(words)} "


# ---------------------------------------------------------------------------------------------
# The reader's query
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Term:
    """One word, or the words of a quoted phrase (adjacent and in order), folded."""

    words: tuple[str, ...]
    quoted: bool = False


@dataclass(frozen=True)
class Query:
    """A parsed query: its terms, all required, and what to tell the reader about it."""

    text: str = ""
    terms: tuple[Term, ...] = ()
    # The words as typed (tones normalised, case-folded), padded: " điện biên ".
    exact: str = ""
    # Why nothing was searched (too long, no word), or what was left out (too many words).
    error: str = ""
    notice: str = ""
    # The last word may be unfinished: when nothing matches it whole, words starting with it do.
    can_complete: bool = False
    completed: bool = False

    def __bool__(self):
        return bool(self.terms)

    @property
    def typed_last_word(self):
        """The last word as the reader typed it."""
        return self.text.split()[-1].strip('"') if self.text else ""

    def completes(self, number):
        """Whether term number `number` matches the words that start with its last word."""
        return self.completed and number == len(self.terms) - 1

    def completing(self):
        """The same query with its last word matching every word that starts with it."""
        return replace(self, completed=True)


def parse_query(raw):
    """Cut the reader's text into folded words and quoted phrases; never raises."""
    raw = raw or ""
    if not raw.strip():
        return Query()
    if len(raw) > MAX_QUERY_LENGTH:
        message = gettext("Từ khóa quá dài: hãy gõ tối đa %(max)s ký tự.")
        return Query(error=message % {"max": MAX_QUERY_LENGTH})
    text = " ".join(normalize_text(raw).translate(_QUOTES).split())
    segments = text.split('"')
    terms = []
    for index, segment in enumerate(segments):
        # Odd segments are inside quotes, unless their closing quote is missing.
        quoted = index % 2 == 1 and index < len(segments) - 1
        words = tuple(fold_words(segment))
        if quoted and words:
            terms.append(Term(words, quoted=True))
        else:
            terms.extend(Term((word,)) for word in words)
    terms = list(dict.fromkeys(terms))
    if not terms:
        return Query(
            text=text, error=gettext("Hãy gõ ít nhất một từ có chữ cái hoặc chữ số để tìm.")
        )
    notice = ""
    if sum(len(term.words) for term in terms) > MAX_TERMS:
        kept, room = [], MAX_TERMS
        for term in terms:
            if room <= 0:
                break
            kept.append(replace(term, words=term.words[:room]))
            room -= len(term.words)
        terms = kept
        notice = gettext("Chỉ %(max)s từ đầu tiên được dùng để tìm.") % {"max": MAX_TERMS}
    last = terms[-1]
    return Query(
        text=text,
        terms=tuple(terms),
        exact=_padded(exact_words(text.replace('"', " "))),
        notice=notice,
        can_complete=(
            not last.quoted
            and not notice
            and len(last.words[0]) >= MIN_PREFIX_LENGTH
            and text[-1:].isalnum()
        ),
    )


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


# ---------------------------------------------------------------------------------------------
# Searching
# ---------------------------------------------------------------------------------------------


def search_articles(query, queryset=None, limit=MAX_RESULTS):
    """The primary keys of queryset's articles matching query, best first, and the query used.

    Order: when the query has diacritics, the results containing it exactly as typed (tones
    normalised, case ignored) come first; then those with every word in the title, then in the
    title or the lead, then anywhere; newest first within each. Each tier is read newest first
    and stops after `limit` rows, so a word found in most of the archive costs about the same as
    a rare one (see bench/README.md).
    When nothing matches and the last word may be unfinished, it is completed (dien bi -> bien).
    The queryset (published articles by default) may be filtered, e.g. by ArticleFilter.
    """
    if not query:
        return [], query
    if queryset is None:
        queryset = Article.objects.published()
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
    """For each tier, the SQL condition (and its parameters) of its articles that no tier
    above has: an FTS5 MATCH on SQLite; on PostgreSQL, the tier's column matched (each has a
    GIN index) and the columns of the tiers above not.
    """
    if vendor == "sqlite":
        conditions, above = [], None
        for columns, _document in TIERS:
            expression = _fts5_expression(query, columns)
            match = f"({expression}) NOT ({above})" if above else expression
            conditions.append((f"{INDEX_TABLE} MATCH %s", [match]))
            above = expression
        return conditions
    terms = _tsquery_expression(query)
    conditions, above = [], []
    for _columns, document in TIERS:
        matched = f"{INDEX_TABLE}.{document} @@ to_tsquery('simple', %s)"
        parts = [matched, *(f"NOT {part}" for part in above)]
        conditions.append((" AND ".join(parts), [terms] * len(parts)))
        above = [matched]
    return conditions


def _match(query, queryset, limit):
    connection = connections[queryset.db]
    if connection.vendor not in SUPPORTED_VENDORS:
        return _match_by_scanning(query, queryset, limit)
    key = _key_column(connection)
    # The reader's filters, checked for the rows that FTS5 or the GIN index hands over.
    try:
        allowed_sql, allowed_params = queryset.correlated_sql(f"{INDEX_TABLE}.{key}")
    except EmptyResultSet:
        return []
    # Preferring the accents the reader typed means reading each candidate's exact text: only
    # done when there are accents to prefer (who types "dien bien" wants Điện Biên).
    accented = query.exact != _padded(word for term in query.terms for word in term.words)
    if connection.vendor == "sqlite":
        exact = "instr(exact_text, %s) > 0" if accented else "0"
    else:
        exact = f"strpos({INDEX_TABLE}.exact_text, %s) > 0" if accented else "false"
    sql = (
        f"SELECT {INDEX_TABLE}.{key}, {exact} FROM {INDEX_TABLE} WHERE {{condition}}{{window}} "
        f"AND EXISTS ({allowed_sql}) ORDER BY {{order}} DESC LIMIT %s"
    )
    ranks = []
    with connection.cursor() as cursor:
        windows = _newest_windows(cursor) if connection.vendor == "postgresql" else []
        for tier, (condition, condition_params) in enumerate(
            _tier_conditions(query, connection.vendor)
        ):
            params = [query.exact] if accented else []
            tier_sql = sql.replace("{condition}", condition)
            rows = _read_tier(
                cursor, tier_sql, key, [*params, *condition_params], allowed_params, limit, windows
            )
            ranks.extend((not is_exact, tier, -pk) for pk, is_exact in rows)
            # Rows of the tiers below rank after `limit` rows already found (exact ones, when
            # exact ones come first): nothing below can reach the results.
            if sum(1 for rank in ranks if not rank[0] or not accented) >= limit:
                break
    return [-pk for _exact, _tier, pk in sorted(ranks)[:limit]]


def _read_tier(cursor, sql, key, before, after, limit, windows):
    """A tier's newest `limit` rows, (key, exact) pairs: sql's {window} and {order} filled
    in, its parameters `before`, the window's bound, `after`, `limit`.

    windows (PostgreSQL, _newest_windows): (size, lower bound) pairs tried first, each while
    the last one's rate of matches could fill it. A tier that comes short in them is sparse
    among the newest articles, and PostgreSQL's estimate does not know it: it would walk the
    whole index newest first, reading every document (0.6 s for "điện biên" below the lead
    at 100,000 articles); ordered by "key + 0" it reads the GIN index's matches and sorts
    them (16 ms).
    """
    rows, last = [], None
    for size, above in windows:
        if last and len(rows) * size < limit * last:
            break
        window = sql.replace("{window}", f" AND {INDEX_TABLE}.{key} > %s")
        cursor.execute(
            window.replace("{order}", f"{INDEX_TABLE}.{key}"), [*before, above, *after, limit]
        )
        rows, last = cursor.fetchall(), size
        if len(rows) >= limit:
            return rows
    order = f"{INDEX_TABLE}.{key} + 0" if last else f"{INDEX_TABLE}.{key}"
    cursor.execute(sql.replace("{window}", "").replace("{order}", order), [*before, *after, limit])
    return cursor.fetchall()


def _newest_windows(cursor):
    """(size, lower bound) of the NEWEST_WINDOWS that leave out part of the index."""
    cursor.execute(f"SELECT min(article_id), max(article_id) FROM {INDEX_TABLE}")
    oldest, newest = cursor.fetchone()
    if newest is None:
        return []
    return [(size, newest - size) for size in NEWEST_WINDOWS if newest - size >= oldest]


def _match_by_scanning(query, queryset, limit):
    """Databases without an index: every term in the folded text, newest first."""
    for term in query.terms:
        queryset = queryset.filter(search_text__contains=" ".join(term.words))
    return list(queryset.order_by("-published_at", "-pk").values_list("pk", flat=True)[:limit])


@functools.lru_cache(maxsize=20_000)
def _name_keys(name):
    """A name's padded folded words and padded exact words, cached: names rarely change."""
    return _padded(fold_words(name)), _padded(exact_words(name))


def _name_matches(query, folded):
    for number, term in enumerate(query.terms):
        words = " ".join(term.words)
        if query.completes(number):
            if f" {words}" not in folded:
                return False
        elif f" {words} " not in folded:
            return False
    return True


def search_names(query, queryset, field, limit=NAMES_SHOWN):
    """Rows of a small table (officials, organisations) whose name has every term.

    Names are read in one query and matched in Python; the rows shown are then read in one
    more. Returns (at most limit rows, exact-accent matches first, then in the queryset's
    order; how many rows match in all).
    """
    if not query:
        return [], 0
    names = list(queryset.values_list("pk", field))
    for attempt in (query, query.completing()) if query.can_complete else (query,):
        hits = []
        for order, (pk, name) in enumerate(names):
            folded, exact = _name_keys(name)
            if _name_matches(attempt, folded):
                hits.append((query.exact not in exact, order, pk))
        if hits:
            break
    hits.sort()
    shown = [pk for _exact, _order, pk in hits[:limit]]
    rows = queryset.in_bulk(shown)
    return [rows[pk] for pk in shown if pk in rows], len(hits)


# ---------------------------------------------------------------------------------------------
# Highlighting
# ---------------------------------------------------------------------------------------------


class _FoldTable(dict):
    """str.translate table of vn_fold per character, filled as characters are met."""

    def __missing__(self, code):
        char = chr(code)
        folded = self[code] = " " if char.isspace() else vn_fold(char)
        return folded


_FOLD_TABLE = _FoldTable()


def _tokens(text, folded=None):
    """The words of text as (folded word, start, end), offsets in the original text.

    folded: text folded already (text.translate(_FOLD_TABLE)), when the caller has it.
    """
    if folded is None:
        folded = text.translate(_FOLD_TABLE)
    if len(folded) == len(text):
        # Every character folded to one (all Vietnamese text does): offsets carry over.
        return [(match.group(), match.start(), match.end()) for match in _WORD.finditer(folded)]
    origin = []
    for index, char in enumerate(text):
        origin.extend([index] * len(_FOLD_TABLE[ord(char)]))
    return [
        (match.group(), origin[match.start()], origin[match.end() - 1] + 1)
        for match in _WORD.finditer(folded)
    ]


def _term_spans(words, query):
    """(first word index, last word index, term number) of every match of a term in words."""
    positions = {}
    for index, word in enumerate(words):
        positions.setdefault(word, []).append(index)
    spans = []
    for number, term in enumerate(query.terms):
        first, *rest = term.words
        last_completes = query.completes(number)
        if last_completes and not rest:
            starts = [
                i for word, found in positions.items() if word.startswith(first) for i in found
            ]
        else:
            starts = positions.get(first, [])
        for start in starts:
            end = start + len(rest)
            if end >= len(words):
                continue
            following = words[start + 1 : end + 1]
            if rest and last_completes:
                ok = following[:-1] == rest[:-1] and following[-1].startswith(rest[-1])
            else:
                ok = following == rest
            if ok:
                spans.append((start, end, number))
    return sorted(spans)


def _render(text, tokens, spans, start, end, cut_before, cut_after):
    """Escaped text[start:end] with the spans' words in <mark>."""
    marks = []
    for first, last, _number in spans:
        begin, finish = tokens[first][1], tokens[last][2]
        if begin < start or finish > end:
            continue
        # Overlapping matches, or matches only a space apart, share one <mark>.
        if marks and (begin <= marks[-1][1] or not text[marks[-1][1] : begin].strip()):
            marks[-1] = (marks[-1][0], max(finish, marks[-1][1]))
        else:
            marks.append((begin, finish))
    pieces, position = [], start
    for begin, finish in marks:
        pieces.append(escape(text[position:begin]))
        pieces.append(f"<mark>{escape(text[begin:finish])}</mark>")
        position = finish
    pieces.append(escape(text[position:end]))
    html = "".join(pieces).strip()
    return mark_safe(("… " if cut_before else "") + html + (" …" if cut_after else ""))


def highlight(text, query):
    """The whole text, escaped, with the query's words in <mark>."""
    text = normalize_text(text or "").replace("\n", " ")
    tokens = _tokens(text)
    spans = _term_spans([word for word, _start, _end in tokens], query) if query else []
    return _render(text, tokens, spans, 0, len(text), False, False)


@functools.lru_cache(maxsize=256)
def _term_patterns(query):
    """One regular expression per term, matching its folded words as whole words."""
    patterns = []
    for number, term in enumerate(query.terms):
        words = r"[\W_]+".join(re.escape(word) for word in term.words)
        end = "" if query.completes(number) else r"(?![^\W_])"
        patterns.append(re.compile(rf"(?<![^\W_]){words}{end}"))
    return patterns


def _region(text, folded, query):
    """(start, end) of the part of a long text around its best stretch of matches.

    Found with regular expressions on the folded text, so that only this part is cut into
    words: folding and tokenizing whole articles cost more than the search itself.
    """
    if len(text) <= 3 * SNIPPET_REACH or not query or len(folded) != len(text):
        return 0, len(text)
    found = sorted(
        (match.start(), number)
        for number, pattern in enumerate(_term_patterns(query))
        for match in pattern.finditer(folded)
    )
    positions = [at for at, _number in found]
    anchor, best = 0, 0
    for position, _number in found[:200]:
        # The different terms matched from 50 characters before to 250 after.
        first = bisect.bisect_left(positions, position - 50)
        last = bisect.bisect_right(positions, position + 250)
        near = len({number for _at, number in found[first:last]})
        if near > best:
            anchor, best = position, near
    start = max(0, anchor - SNIPPET_REACH)
    end = min(len(text), anchor + 2 * SNIPPET_REACH)
    if start:
        start = text.find(" ", start) + 1 or start
    if end < len(text):
        end = text.rfind(" ", start, end) + 1 or end
    return start, end


def snippet(text, query, size=SNIPPET_WORDS):
    """About size words of text around its best stretch of matches, escaped, matches marked.

    The best stretch holds the most different terms, then the most matches; without any
    match the snippet is the beginning of the text.
    """
    text = normalize_text(text or "").replace("\n", " ")
    folded = text.translate(_FOLD_TABLE)
    region_start, region_end = _region(text, folded, query)
    clipped_before, clipped_after = region_start > 0, region_end < len(text)
    # Offsets in the folded text are the text's when every character folded to one.
    aligned = len(folded) == len(text)
    text = text[region_start:region_end]
    tokens = _tokens(text, folded[region_start:region_end] if aligned else None)
    if not tokens:
        return SafeString("")
    spans = _term_spans([word for word, _start, _end in tokens], query) if query else []
    best = (0, 0), 0
    for anchor, _last, _number in spans[:200]:
        first = max(0, min(anchor - SNIPPET_CONTEXT, len(tokens) - size))
        inside = [span for span in spans if first <= span[0] and span[1] < first + size]
        score = len({number for _f, _l, number in inside}), len(inside)
        if score > best[0]:
            best = score, first
    first = best[1]
    last = min(len(tokens), first + size) - 1
    start = 0 if first == 0 else tokens[first][1]
    end = len(text) if last == len(tokens) - 1 else tokens[last][2]
    return _render(
        text,
        tokens,
        spans,
        start,
        end,
        first > 0 or clipped_before,
        last < len(tokens) - 1 or clipped_after,
    )


@dataclass(frozen=True)
class ArticleHit:
    """An article found, with its title and a snippet of its text, matches marked."""

    article: Article
    title: SafeString
    snippet: SafeString


def article_hits(ids, query, queryset=None):
    """The articles of ids in that order, as ArticleHit, read in one query."""
    if queryset is None:
        # The snippets are cut from the body.
        queryset = Article.objects.published().for_listing().defer(None).defer("search_text")
    articles = queryset.in_bulk(ids)
    hits = []
    for pk in ids:
        article = articles.get(pk)
        if article is not None:
            text = "\n".join([article.lead, html_to_text(article.body, enough=SNIPPET_SOURCE)])
            if len(text) > SNIPPET_SOURCE:
                # The snippet is cut from the article's beginning: folding and scanning a whole
                # long article for twenty results cost more than the search itself.
                text = text[: text.rfind(" ", 0, SNIPPET_SOURCE) + 1 or SNIPPET_SOURCE]
            hits.append(ArticleHit(article, highlight(article.title, query), snippet(text, query)))
    return hits


# ---------------------------------------------------------------------------------------------
# Keeping the index current
# ---------------------------------------------------------------------------------------------


def _index_fold_words(text):
    """fold_words(text), about four times faster: for indexing thousands of articles.

    vn_fold works character by character (NFD, combining marks dropped, casefold: none looks
    at a neighbour), so folding each character of the NFC text gives the same words;
    normalize_text's work on spaces and lines only moves what separates words.
    """
    return _WORD.findall(unicodedata.normalize("NFC", text).translate(_FOLD_TABLE))


def _index_exact_words(text):
    """exact_words(text) without normalize_text, which changes only what separates words."""
    return _WORD.findall(normalize_tones(text).casefold())


def index_row(title, lead, body_html):
    """The indexed columns of an article: folded title, lead, body words; padded exact words."""
    body = html_to_text(body_html or "")
    return (
        " ".join(_index_fold_words(title or "")),
        " ".join(_index_fold_words(lead or "")),
        " ".join(_index_fold_words(body)),
        _padded(_index_exact_words("\n".join([title or "", lead or "", body]))),
    )


def words_of_folded(folded):
    """The words of an already folded text, space-separated: index_row's columns."""
    return " ".join(_WORD.findall(folded))


def padded_words(words):
    """Space-separated exact words padded as index_row's exact_text column is."""
    return f" {words} "


def _supported(connection):
    return connection.vendor in SUPPORTED_VENDORS


def _write(connection, rows):
    """Insert or replace index rows (pk, title, lead, body, exact_text)."""
    if not rows or not _supported(connection):
        return
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.executemany(
                f"DELETE FROM {INDEX_TABLE} WHERE rowid = %s", [(row[0],) for row in rows]
            )
            cursor.executemany(
                f"INSERT INTO {INDEX_TABLE} (rowid, title, lead, body, exact_text) "
                "VALUES (%s, %s, %s, %s, %s)",
                rows,
            )
        else:
            cursor.executemany(
                f"INSERT INTO {INDEX_TABLE} (article_id, document, exact_text) VALUES (%s, "
                "setweight(to_tsvector('simple', %s), 'A') || "
                "setweight(to_tsvector('simple', %s), 'B') || "
                "setweight(to_tsvector('simple', %s), 'C'), %s) "
                "ON CONFLICT (article_id) DO UPDATE "
                "SET document = EXCLUDED.document, exact_text = EXCLUDED.exact_text",
                rows,
            )


def bulk_index(rows, using=DEFAULT_DB_ALIAS):
    """Add index rows (pk, title, lead, body, exact_text) of articles not indexed yet.

    One statement per call (FTS5: executemany; PostgreSQL: COPY into a temporary table, then
    one INSERT ... SELECT building the tsvectors), for writers of thousands of rows at once.
    """
    connection = connections[using]
    if not rows or not _supported(connection):
        return
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.executemany(
                f"INSERT INTO {INDEX_TABLE} (rowid, title, lead, body, exact_text) "
                "VALUES (%s, %s, %s, %s, %s)",
                rows,
            )
            return
        cursor.execute(
            f"CREATE TEMPORARY TABLE IF NOT EXISTS {INDEX_TABLE}_load "
            "(article_id bigint, title text, lead text, body text, exact_text text)"
        )
        with cursor.copy(
            f"COPY {INDEX_TABLE}_load (article_id, title, lead, body, exact_text) FROM STDIN"
        ) as copy:
            for row in rows:
                copy.write_row(row)
        cursor.execute(
            f"INSERT INTO {INDEX_TABLE} (article_id, document, exact_text) SELECT article_id, "
            "setweight(to_tsvector('simple', title), 'A') || "
            "setweight(to_tsvector('simple', lead), 'B') || "
            "setweight(to_tsvector('simple', body), 'C'), exact_text "
            f"FROM {INDEX_TABLE}_load "
            "ON CONFLICT (article_id) DO UPDATE "
            "SET document = EXCLUDED.document, exact_text = EXCLUDED.exact_text"
        )
        cursor.execute(f"TRUNCATE {INDEX_TABLE}_load")


def prepare_bulk_index(first_pk, using=DEFAULT_DB_ALIAS):
    """Remove stale index rows from first_pk on, before bulk_index() adds rows from there."""
    connection = connections[using]
    if not _supported(connection):
        return
    with connection.cursor() as cursor:
        cursor.execute(
            f"DELETE FROM {INDEX_TABLE} WHERE {_key_column(connection)} >= %s", [first_pk]
        )


def _key_column(connection):
    return "rowid" if connection.vendor == "sqlite" else "article_id"


def index_articles(articles, using=DEFAULT_DB_ALIAS):
    """(Re)index these articles (instances or a queryset): for code that bypasses save().

    Returns how many were indexed.
    """
    connection = connections[using]
    rows = [(a.pk, *index_row(a.title, a.lead, a.body)) for a in articles]
    for start in range(0, len(rows), INDEX_BATCH):
        _write(connection, rows[start : start + INDEX_BATCH])
    return len(rows)


def unindex_articles(pks, using=DEFAULT_DB_ALIAS):
    """Remove these articles (primary keys) from the index."""
    connection = connections[using]
    pks = list(pks)
    if not pks or not _supported(connection):
        return
    with connection.cursor() as cursor:
        cursor.executemany(
            f"DELETE FROM {INDEX_TABLE} WHERE {_key_column(connection)} = %s",
            [(pk,) for pk in pks],
        )


def index_exists(using=DEFAULT_DB_ALIAS):
    connection = connections[using]
    if not _supported(connection):
        return False
    with connection.cursor() as cursor:
        return INDEX_TABLE in connection.introspection.table_names(cursor)


def index_size(using=DEFAULT_DB_ALIAS):
    """How many articles the index holds."""
    if not index_exists(using):
        return 0
    with connections[using].cursor() as cursor:
        cursor.execute(f"SELECT COUNT(*) FROM {INDEX_TABLE}")
        return cursor.fetchone()[0]


def rebuild_index(using=DEFAULT_DB_ALIAS, queryset=None):
    """Empty the index and index every article again; returns how many were indexed.

    queryset: the articles to read (the migration passes its historical model's).
    """
    connection = connections[using]
    if not _supported(connection):
        return 0
    if queryset is None:
        queryset = Article._default_manager.using(using)
    rows = queryset.order_by().values_list("pk", "title", "lead", "body")
    count = 0
    with transaction.atomic(using=using):
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {INDEX_TABLE}")
        batch = []
        # The index is empty now: rows go in with bulk_index, without a DELETE each.
        for pk, title, lead, body in rows.iterator(chunk_size=REBUILD_BATCH):
            batch.append((pk, *index_row(title, lead, body)))
            if len(batch) == REBUILD_BATCH:
                bulk_index(batch, using=using)
                count, batch = count + len(batch), []
        bulk_index(batch, using=using)
        count += len(batch)
    return count


def prune_index(using=DEFAULT_DB_ALIAS):
    """Remove rows of articles that no longer exist (a flush empties only Django's tables)."""
    if not index_exists(using):
        return 0
    connection = connections[using]
    table = connection.ops.quote_name(Article._meta.db_table)
    column = connection.ops.quote_name(Article._meta.pk.column)
    key = _key_column(connection)
    with connection.cursor() as cursor:
        cursor.execute(
            f"DELETE FROM {INDEX_TABLE} WHERE {key} NOT IN (SELECT {column} FROM {table})"
        )
        return cursor.rowcount
