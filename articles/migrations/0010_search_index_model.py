"""The search index as an unmanaged model (SearchIndexRow), for the engine's querysets.

The model's primary key must name the same column on every database. FTS5 calls its key
rowid and cannot rename it, so PostgreSQL's column is rowid too: migration 0003 now creates
it so, and this renames the article_id of databases that ran 0003 before. A rename in the
catalogue keeps the primary key's index and the GIN indexes as they are.
"""

from django.db import migrations, models

TABLE = "articles_article_fts"

RENAME_OLD_KEY = f"""
DO $$ BEGIN
    IF EXISTS (
        SELECT 1 FROM information_schema.columns
        WHERE table_schema = current_schema() AND table_name = '{TABLE}'
        AND column_name = 'article_id'
    ) THEN
        ALTER TABLE {TABLE} RENAME COLUMN article_id TO rowid;
    END IF;
END $$
"""


def rename_key(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(RENAME_OLD_KEY)


def rename_key_back(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"ALTER TABLE {TABLE} RENAME COLUMN rowid TO article_id")


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0009_search_tier_documents"),
    ]

    operations = [
        migrations.CreateModel(
            name="SearchIndexRow",
            fields=[
                (
                    "article_id",
                    models.BigIntegerField(
                        db_column="rowid",
                        primary_key=True,
                        serialize=False,
                        verbose_name="bài viết",
                    ),
                ),
                ("exact_text", models.TextField(verbose_name="văn bản chính xác")),
            ],
            options={
                "verbose_name": "dòng chỉ mục tìm kiếm",
                "verbose_name_plural": "chỉ mục tìm kiếm",
                "db_table": TABLE,
                "managed": False,
            },
        ),
        migrations.RunPython(rename_key, rename_key_back, elidable=False),
    ]
