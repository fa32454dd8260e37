"""bench.generate: generated rows are what save() would store, visible, findable, repeatable."""

import datetime
import io
import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.db import connection
from django.utils import timezone

from articles import search
from articles.content.html import html_to_text
from articles.models import Article
from bench.generate.article import VN
from bench.generate.cli import run
from bench.generate.writer import ARTICLE_FIELDS, generate_articles
from healthnews.text import vn_fold, vn_slugify
from tests.factories import make_article

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 3, 1)


def stored_index_row(pk):
    """The article's index row: its four columns on SQLite, its exact_text on PostgreSQL."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(
                f"SELECT title, lead, body, exact_text FROM {search.INDEX_TABLE} WHERE rowid = %s",
                [pk],
            )
            return cursor.fetchone()
        cursor.execute(f"SELECT exact_text FROM {search.INDEX_TABLE} WHERE rowid = %s", [pk])
        return cursor.fetchone()


def expected_index_row(article):
    row = search.index_row(article.title, article.lead, article.body)
    return row if connection.vendor == "sqlite" else (row[3],)


def snapshot():
    """What a reader or editor sees of every article, in order."""
    return [
        (
            a.title,
            a.slug,
            a.lead,
            a.body,
            a.status,
            a.published_at,
            a.province.slug,
            a.category.slug,
            sorted(t.slug for t in a.tags.all()),
            sorted((m.official.full_name, m.as_written) for m in a.mentions.all()),
            [f.caption for f in a.figures.all()],
        )
        for a in Article.objects.order_by("pk").select_related("province", "category")
    ]


def test_generated_rows_are_what_save_and_the_index_would_store():
    generate_articles(60, seed=3, today=TODAY)

    body_field = Article._meta.get_field("body")
    articles = list(Article.objects.order_by("pk"))
    assert len(articles) == 60
    for article in articles:
        assert body_field.sanitize(article.body) == article.body
        text = "\n".join([article.title, article.lead, html_to_text(article.body)])
        assert article.search_text == vn_fold(text)
        assert stored_index_row(article.pk) == expected_index_row(article)
        assert article.slug == vn_slugify(article.title, max_length=194)
        assert article.version == 1
        assert 60 <= len(article.title) <= 120
        assert 5 <= len(article.body_blocks()) <= 15
        article.full_clean()
    assert search.index_size() == 60


def test_status_mix_and_visibility():
    generate_articles(200, seed=4, today=timezone.localdate())

    now = timezone.now()
    rows = list(Article.objects.values_list("status", "published_at"))
    visible = [r for r in rows if r[0] == Article.Status.PUBLISHED and r[1] <= now]
    scheduled = [r for r in rows if r[0] == Article.Status.PUBLISHED and r[1] > now]
    hidden = [r for r in rows if r[0] != Article.Status.PUBLISHED]
    assert Article.objects.published().count() == len(visible)
    assert 160 <= len(visible) < 200
    assert scheduled and hidden
    assert {status for status, _ in hidden} == {Article.Status.DRAFT, Article.Status.IN_REVIEW}
    oldest = min(published for _status, published in visible)
    assert now - oldest > datetime.timedelta(days=3 * 365)


def test_each_article_names_its_province_as_it_was_on_its_day():
    generate_articles(200, seed=5, today=TODAY)

    articles = Article.objects.exclude(published_at=None).select_related("province")
    for article in articles:
        day = article.published_at.astimezone(VN).date()
        assert article.province.is_current(on=day), (article.province.name, day)
    assert any(not article.province.is_current() for article in articles)


def test_related_rows_are_generated():
    generate_articles(100, seed=6, today=TODAY)

    articles = Article.objects.for_detail()
    assert all(a.tags.all() for a in articles)
    assert sum(len(a.mentions.all()) for a in articles) > 50
    assert sum(len(a.organisations.all()) for a in articles) > 50
    figures = [f for a in articles for f in a.figures.all()]
    assert figures and all(f.caption and not f.image for f in figures)
    marked = [a for a in articles if a.commemoration_id]
    assert all(a.anniversary > 0 for a in marked)
    for article in articles:
        for mention in article.mentions.all():
            assert mention.position.official_id == mention.official_id


def test_a_generated_article_page_shows_its_title(client):
    generate_articles(50, seed=7, today=TODAY)
    article = Article.objects.published().select_related("province").first()

    response = client.get(article.get_absolute_url())

    assert response.status_code == 200
    content = response.content.decode()
    assert article.title in content
    assert article.province.name in content


def test_search_finds_a_generated_article_by_its_folded_title():
    generate_articles(100, seed=8, today=TODAY)
    article = Article.objects.published().last()

    ids, _query = search.search_articles(search.parse_query(vn_fold(article.title)))

    assert article.pk in ids


def test_the_same_seed_gives_the_same_articles():
    generate_articles(40, seed=9, today=TODAY)
    first = snapshot()
    Article.objects.all().delete()

    generate_articles(40, seed=9, today=TODAY)

    assert snapshot() == first
    Article.objects.all().delete()
    generate_articles(40, seed=10, today=TODAY)
    assert [row[0] for row in snapshot()] != [row[0] for row in first]


def test_appended_articles_get_slugs_as_unique_slug_would():
    generate_articles(30, seed=11, today=TODAY)
    first = list(Article.objects.order_by("pk").values_list("slug", flat=True))

    generate_articles(30, seed=11, today=TODAY)

    slugs = list(Article.objects.order_by("pk").values_list("slug", flat=True))
    assert len(set(slugs)) == 60
    assert slugs[30:] == [f"{slug}-2" for slug in first]
    assert search.index_size() == 60


def test_command_reports_what_it_wrote(settings):
    settings.DEBUG = True
    out = io.StringIO()

    run(["25", "--seed", "1", "--today", "2026-03-01"], stdout=out)

    assert Article.objects.count() == 25
    assert out.getvalue().startswith("Generated 25 articles (seed 1) in ")
    assert "The database holds 25 articles, " in out.getvalue()
    assert out.getvalue().endswith("the index holds 25.\n")


@pytest.mark.parametrize(
    ("debug", "existing", "override", "reason"),
    [
        (True, 1, "--append", "already holds 1 articles"),
        (False, 0, "--force", "with DEBUG off"),
    ],
    ids=["a database with articles", "DEBUG off"],
)
def test_command_refuses_unless_told_to_go_on(settings, debug, existing, override, reason):
    settings.DEBUG = debug
    for _ in range(existing):
        make_article()

    with pytest.raises(SystemExit, match=reason):
        run(["5"], stdout=io.StringIO())

    assert Article.objects.count() == existing
    run(["5", override], stdout=io.StringIO())
    assert Article.objects.count() == existing + 5


def test_refusal_exits_non_zero_with_the_reason(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL"))}
    env.update(
        DJANGO_SECRET_KEY="x" * 50,
        DJANGO_ALLOWED_HOSTS="localhost",
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
    )

    result = subprocess.run(
        [sys.executable, "-m", "bench.generate", "10"],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )

    assert result.returncode == 1
    assert "Refusing to generate articles with DEBUG off" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_count_below_one_is_refused(capsys):
    with pytest.raises(SystemExit) as refused:
        run(["0"], stdout=io.StringIO())

    assert refused.value.code == 2
    assert "must be at least 1, got 0" in capsys.readouterr().err
    assert Article.objects.count() == 0


def test_the_generator_writes_every_column_of_an_article():
    columns = {field.attname for field in Article._meta.concrete_fields}

    assert set(ARTICLE_FIELDS) == columns
