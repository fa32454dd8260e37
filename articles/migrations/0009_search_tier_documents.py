"""PostgreSQL search index: the title's and the title-and-lead's words in columns of their own.

Generated from the weighted document (ts_filter keeps the positions of the given weights), so
no writer changes. Checking a tier's words against them reads a few hundred bytes stored in the
row, where a weight label in a tsquery made PostgreSQL read (detoast) each article's whole
document: 132 of 152 ms for the title tier of "sốt" at 100,000 articles. Each has its own GIN
index. SQLite's FTS5 table
filters by column itself and is left alone.
"""

from django.db import migrations

TABLE = "articles_article_fts"


def add_columns(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        f"ALTER TABLE {TABLE} "
        "ADD COLUMN title_doc tsvector GENERATED ALWAYS AS (ts_filter(document, '{a}')) STORED, "
        "ADD COLUMN head_doc tsvector GENERATED ALWAYS AS (ts_filter(document, '{a,b}')) STORED"
    )
    # Each under its own GIN index: a rare word's few matches are found without a walk.
    for column in ["title_doc", "head_doc"]:
        schema_editor.execute(f"CREATE INDEX {TABLE}_{column} ON {TABLE} USING gin ({column})")


def drop_columns(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"ALTER TABLE {TABLE} DROP COLUMN title_doc, DROP COLUMN head_doc")


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0008_link_publication_times"),
    ]

    operations = [migrations.RunPython(add_columns, drop_columns, elidable=False)]
