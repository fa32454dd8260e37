"""The index rows: what they hold, and writing, removing and rebuilding them."""

from django.db import DEFAULT_DB_ALIAS, connections, transaction

from articles.content.html import html_to_text
from articles.models import Article, SearchIndexRow
from healthnews.text import WORD, exact_words, fold_article_text, fold_words

INDEX_TABLE = SearchIndexRow._meta.db_table
SUPPORTED_VENDORS = ("sqlite", "postgresql")

INDEX_BATCH = 500
REBUILD_BATCH = 2000


def index_row(title, lead, body_html):
    """The indexed columns of an article: folded title, lead, body words; padded exact words."""
    title, lead, body = title or "", lead or "", html_to_text(body_html or "")
    # Cut from Article.search_text: the words of the title, then the lead's, then the body's.
    words = WORD.findall(fold_article_text(title, lead, body))
    after_title = len(fold_words(title))
    after_lead = after_title + len(fold_words(lead))
    return (
        " ".join(words[:after_title]),
        " ".join(words[after_title:after_lead]),
        " ".join(words[after_lead:]),
        padded_words(" ".join(exact_words("\n".join([title, lead, body])))),
    )


def words_of_folded(folded):
    """The words of an already folded text, space-separated: index_row's columns."""
    return " ".join(WORD.findall(folded))


def padded_words(words):
    """Space-separated exact words padded as index_row's exact_text column is."""
    return f" {words} "


def supported(connection):
    """Whether the database has an index: the others scan Article.search_text."""
    return connection.vendor in SUPPORTED_VENDORS


def _write(connection, rows):
    """Insert or replace index rows (pk, title, lead, body, exact_text)."""
    if not rows or not supported(connection):
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
                f"INSERT INTO {INDEX_TABLE} (rowid, document, exact_text) VALUES (%s, "
                "setweight(to_tsvector('simple', %s), 'A') || "
                "setweight(to_tsvector('simple', %s), 'B') || "
                "setweight(to_tsvector('simple', %s), 'C'), %s) "
                "ON CONFLICT (rowid) DO UPDATE "
                "SET document = EXCLUDED.document, exact_text = EXCLUDED.exact_text",
                rows,
            )


def bulk_index(rows, using=DEFAULT_DB_ALIAS):
    """Add index rows (pk, title, lead, body, exact_text) of articles not indexed yet.

    One statement per call (FTS5: executemany; PostgreSQL: COPY into a temporary table, then
    one INSERT ... SELECT building the tsvectors), for writers of thousands of rows at once.
    """
    connection = connections[using]
    if not rows or not supported(connection):
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
            f"INSERT INTO {INDEX_TABLE} (rowid, document, exact_text) SELECT article_id, "
            "setweight(to_tsvector('simple', title), 'A') || "
            "setweight(to_tsvector('simple', lead), 'B') || "
            "setweight(to_tsvector('simple', body), 'C'), exact_text "
            f"FROM {INDEX_TABLE}_load "
            "ON CONFLICT (rowid) DO UPDATE "
            "SET document = EXCLUDED.document, exact_text = EXCLUDED.exact_text"
        )
        cursor.execute(f"TRUNCATE {INDEX_TABLE}_load")


def prepare_bulk_index(first_pk, using=DEFAULT_DB_ALIAS):
    """Remove stale index rows from first_pk on, before bulk_index() adds rows from there."""
    connection = connections[using]
    if not supported(connection):
        return
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {INDEX_TABLE} WHERE rowid >= %s", [first_pk])


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
    if not pks or not supported(connection):
        return
    with connection.cursor() as cursor:
        cursor.executemany(
            f"DELETE FROM {INDEX_TABLE} WHERE rowid = %s",
            [(pk,) for pk in pks],
        )


def index_exists(using=DEFAULT_DB_ALIAS):
    """Whether the index table exists (migrated) on this database."""
    connection = connections[using]
    if not supported(connection):
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
    if not supported(connection):
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
    with connection.cursor() as cursor:
        cursor.execute(
            f"DELETE FROM {INDEX_TABLE} WHERE rowid NOT IN (SELECT {column} FROM {table})"
        )
        return cursor.rowcount
