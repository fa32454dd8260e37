"""Writing generated articles: N in one transaction, a multi-row statement per table and batch.

Rows go in with ``executemany`` on SQLite and ``COPY`` on PostgreSQL: no ``save()`` and no
signal, so ``search_text`` and the index rows are computed by the generator, as
``Article.save()`` and ``articles.search.index_row()`` compute them (tested), and the index is
written here with ``articles.search.bulk_index()``.
"""

import time
from dataclasses import dataclass

from django.core.management.color import no_style
from django.db import connections, transaction
from django.utils import timezone

from articles import search
from articles.models import Article, Figure, OfficialMention, Statistic

from . import DEFAULT_BATCH
from .article import ArticleGenerator
from .reference import ensure_reference

ARTICLE_FIELDS = [
    "id", "title", "slug", "lead", "body", "status", "published_at", "published_at_precision",
    "event_year", "event_month", "event_day", "event_year_inferred", "event_date_text",
    "source_outlet_id", "source_url", "byline", "credit_line", "category_id", "province_id",
    "commemoration_id", "commemoration_year", "created_by_id", "last_editor_id", "created_at",
    "updated_at", "version", "search_text", "needs_title", "import_file_name", "import_hash",
    "deleted_at", "deleted_by_id",
]  # fmt: skip
DATETIME_FIELDS = ("published_at", "created_at", "updated_at")
MENTION_FIELDS = ["article_id", "official_id", "position_id", "as_written", "published_at"]
FIGURE_FIELDS = ["article_id", "order", "position", "image", "caption", "credit", "alt_text"]
STATISTIC_FIELDS = [
    "article_id", "order", "subject", "value", "qualifier", "unit", "year", "as_written",
]  # fmt: skip


def _table(model, attnames):
    """(table, columns) of a model for these attribute names."""
    return model._meta.db_table, [model._meta.get_field(name).column for name in attnames]


def _insert(connection, cursor, table, columns, rows):
    """Write many rows in one statement per call: COPY on PostgreSQL, executemany elsewhere."""
    if not rows:
        return
    quote = connection.ops.quote_name
    names = ", ".join(quote(column) for column in columns)
    if connection.vendor == "postgresql":
        with cursor.copy(f"COPY {quote(table)} ({names}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
    else:
        placeholders = ", ".join(["%s"] * len(columns))
        cursor.executemany(f"INSERT INTO {quote(table)} ({names}) VALUES ({placeholders})", rows)


@dataclass
class Timings:
    """Seconds spent in each stage of a run."""

    reference: float = 0.0
    generate: float = 0.0
    write: float = 0.0
    index: float = 0.0

    @property
    def total(self):
        return self.reference + self.generate + self.write + self.index


def _tune_sqlite(cursor, bulk):
    """Bulk-load settings on this connection only; returns the previous ones to restore."""
    pragmas = {"synchronous": "OFF", "cache_size": "-262144", "temp_store": "MEMORY"}
    previous = {}
    for name, value in pragmas.items():
        cursor.execute(f"PRAGMA {name}")
        previous[name] = cursor.fetchone()[0]
        if bulk:
            cursor.execute(f"PRAGMA {name} = {value}")
    return previous


def generate_articles(
    count, seed=0, batch=DEFAULT_BATCH, using="default", today=None, progress=None
):
    """Generate count articles with their related rows and index rows; returns Timings.

    Everything is written in one transaction: an error leaves the database as it was.
    today: the day publication times are counted from (past ones before it, scheduled ones
    after it); the same seed, day and reference rows give the same articles.
    """
    connection = connections[using]
    today = today or timezone.localdate()
    timings = Timings()
    # PRAGMA synchronous cannot change inside a transaction (a caller's, or a test's).
    tunes = connection.vendor == "sqlite" and not connection.in_atomic_block
    with connection.cursor() as cursor:
        previous = _tune_sqlite(cursor, bulk=True) if tunes else {}
    try:
        with transaction.atomic(using=using):
            started = time.perf_counter()
            reference = ensure_reference(seed)
            timings.reference = time.perf_counter() - started
            _write_articles(connection, reference, count, seed, batch, today, timings, progress)
    finally:
        if tunes:
            with connection.cursor() as cursor:
                for name, value in previous.items():
                    cursor.execute(f"PRAGMA {name} = {value}")
    if not connection.in_atomic_block:
        # Statistics for the planner after a bulk load: without them PostgreSQL guessed 73
        # published articles out of 90,000 and sorted them all for every news page.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    return timings


def _write_articles(connection, reference, count, seed, batch, today, timings, progress):
    """Generate and write the articles batch by batch, after the highest primary key."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"LOCK TABLE {Article._meta.db_table} IN EXCLUSIVE MODE")
        cursor.execute(f"SELECT COALESCE(MAX(id), 0) FROM {Article._meta.db_table}")
        first = cursor.fetchone()[0] + 1
        taken = set(Article._default_manager.using(connection.alias).values_list("slug", flat=True))
        generator = ArticleGenerator(reference, seed, today, taken)
        article_table = _table(Article, ARTICLE_FIELDS)
        tags_model = Article.tags.through
        orgs_model = Article.organisations.through
        tag_table = _table(tags_model, ["article_id", "tag_id"])
        org_table = _table(orgs_model, ["article_id", "organisation_id", "published_at"])
        mention_table = _table(OfficialMention, MENTION_FIELDS)
        figure_table = _table(Figure, FIGURE_FIELDS)
        stat_table = _table(Statistic, STATISTIC_FIELDS)
        adapt = connection.ops.adapt_datetimefield_value
        search.prepare_bulk_index(first, using=connection.alias)
        for start in range(first, first + count, batch):
            started = time.perf_counter()
            rows = [generator.article(pk) for pk in range(start, min(start + batch, first + count))]
            articles, tags, orgs, mentions, figures, stats = [], [], [], [], [], []
            for row in rows:
                values = row.article
                for name in DATETIME_FIELDS:
                    values[name] = adapt(values[name])
                articles.append(tuple(values[name] for name in ARTICLE_FIELDS))
                pk = values["id"]
                tags.extend((pk, tag) for tag in row.tags)
                # Link rows carry their article's time (ArticleLink).
                when = values["published_at"]
                orgs.extend((pk, org, when) for org in row.organisations)
                mentions.extend((pk, *mention, when) for mention in row.mentions)
                figures.extend(
                    (pk, o, at, "", text, credit, "") for o, at, text, credit in row.figures
                )
                stats.extend((pk, *stat) for stat in row.statistics)
            generated = time.perf_counter()
            _insert(connection, cursor, *article_table, articles)
            _insert(connection, cursor, *tag_table, tags)
            _insert(connection, cursor, *org_table, orgs)
            _insert(connection, cursor, *mention_table, mentions)
            _insert(connection, cursor, *figure_table, figures)
            _insert(connection, cursor, *stat_table, stats)
            written = time.perf_counter()
            search.bulk_index([row.index for row in rows], using=connection.alias)
            indexed = time.perf_counter()
            timings.generate += generated - started
            timings.write += written - generated
            timings.index += indexed - written
            if progress:
                progress(start - first + len(rows))
        if connection.vendor == "postgresql":
            models = [Article, tags_model, orgs_model, OfficialMention, Figure, Statistic]
            for statement in connection.ops.sequence_reset_sql(no_style(), models):
                cursor.execute(statement)
