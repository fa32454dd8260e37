"""The readers' search index (see articles/search.py): FTS5 on SQLite, tsvector + GIN on PostgreSQL.

Every column holds text folded in Python (vn_fold), so both databases match the same words.
Other databases get no index: articles.search then scans Article.search_text.
"""

from django.db import migrations

TABLE = "articles_article_fts"

CREATE = {
    "sqlite": [
        f"CREATE VIRTUAL TABLE {TABLE} USING fts5("
        "title, lead, body, exact_text UNINDEXED, "
        "tokenize = 'unicode61 remove_diacritics 2')",
    ],
    "postgresql": [
        # Keyed by rowid like FTS5's table (the name SearchIndexRow reads): databases that
        # ran this before migration 0010 was written had article_id, which 0010 renames.
        f"CREATE TABLE {TABLE} ("
        "rowid bigint PRIMARY KEY, "
        "document tsvector NOT NULL, "
        "exact_text text NOT NULL)",
        f"CREATE INDEX {TABLE}_document ON {TABLE} USING gin (document)",
    ],
}

DROP = {
    "sqlite": [f"DROP TABLE IF EXISTS {TABLE}"],
    "postgresql": [f"DROP TABLE IF EXISTS {TABLE}"],
}


def create_index(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor not in CREATE:
        return
    for statement in CREATE[connection.vendor]:
        schema_editor.execute(statement)
    from articles.search import rebuild_index

    rebuild_index(
        using=connection.alias,
        queryset=apps.get_model("articles", "Article")._default_manager.using(connection.alias),
    )


def drop_index(apps, schema_editor):
    for statement in DROP.get(schema_editor.connection.vendor, []):
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0002_roles"),
    ]

    operations = [migrations.RunPython(create_index, drop_index, elidable=False)]
