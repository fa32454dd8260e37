"""The readers' search: articles through a full-text index, officials and organisations by name.

Modules: ``query`` (the reader's text), ``engine`` (matching), ``snippets`` (titles and
snippets marked), ``names`` (officials, organisations, provinces, commemorations), ``index``
(index rows and upkeep).

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

from articles.search.engine import MAX_RESULTS, search_articles
from articles.search.index import (
    INDEX_TABLE,
    SUPPORTED_VENDORS,
    bulk_index,
    index_articles,
    index_exists,
    index_row,
    index_size,
    padded_words,
    prepare_bulk_index,
    prune_index,
    rebuild_index,
    unindex_articles,
    words_of_folded,
)
from articles.search.names import NAMES_SHOWN, matching_names, search_names
from articles.search.query import MAX_QUERY_LENGTH, MAX_TERMS, Query, Term, parse_query
from articles.search.snippets import ArticleHit, article_hits, highlight, snippet
from healthnews.text import exact_words, fold_words

__all__ = [
    "INDEX_TABLE",
    "MAX_QUERY_LENGTH",
    "MAX_RESULTS",
    "MAX_TERMS",
    "NAMES_SHOWN",
    "SUPPORTED_VENDORS",
    "ArticleHit",
    "Query",
    "Term",
    "article_hits",
    "bulk_index",
    "exact_words",
    "fold_words",
    "highlight",
    "index_articles",
    "index_exists",
    "index_row",
    "index_size",
    "matching_names",
    "padded_words",
    "parse_query",
    "prepare_bulk_index",
    "prune_index",
    "rebuild_index",
    "search_articles",
    "search_names",
    "snippet",
    "unindex_articles",
    "words_of_folded",
]
