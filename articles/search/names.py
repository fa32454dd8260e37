"""Officials and organisations whose name has every term of the reader's query."""

import functools

from articles.search.query import padded
from healthnews.text import exact_words, fold_words

# Officials and organisations shown above the articles.
NAMES_SHOWN = 5


@functools.lru_cache(maxsize=20_000)
def _name_keys(name):
    """A name's padded folded words and padded exact words, cached: names rarely change."""
    return padded(fold_words(name)), padded(exact_words(name))


def _name_matches(query, folded):
    """Whether a padded folded name has every term of the query as whole words."""
    for number, term in enumerate(query.terms):
        words = " ".join(term.words)
        if query.completes(number):
            if f" {words}" not in folded:
                return False
        elif f" {words} " not in folded:
            return False
    return True


def matching_names(query, queryset, field):
    """The primary keys of the rows of a small table whose name has every term, best first.

    Names are read in one query and matched in Python. Best first: the whole name as typed
    (accents included), then the query's words in a row, then the queryset's order.
    """
    if not query:
        return []
    names = list(queryset.values_list("pk", field))
    words = padded(word for term in query.terms for word in term.words)
    for attempt in (query, query.completing()) if query.can_complete else (query,):
        hits = []
        for order, (pk, name) in enumerate(names):
            folded, exact = _name_keys(name)
            if _name_matches(attempt, folded):
                hits.append((query.exact not in exact, words not in folded, order, pk))
        if hits:
            break
    return [hit[-1] for hit in sorted(hits)]


def search_names(query, queryset, field, limit=NAMES_SHOWN):
    """Rows of a small table (officials, organisations, provinces...) whose name has every term.

    Returns (at most limit rows, best first as in matching_names; how many rows match in all),
    in two queries.
    """
    found = matching_names(query, queryset, field)
    shown = found[:limit]
    rows = queryset.in_bulk(shown)
    return [rows[pk] for pk in shown if pk in rows], len(found)
