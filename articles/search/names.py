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
