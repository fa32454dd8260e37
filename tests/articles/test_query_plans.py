"""The public lists read published articles newest first straight from an index (EXPLAIN)."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.models import Article
from people.models import Province
from tests.factories import (
    make_article,
    make_event,
    make_official,
    make_organisation,
    make_province,
)

pytestmark = pytest.mark.django_db


def plan(queryset):
    """The query plan as one string; PostgreSQL is told to avoid sequential scans and sorts
    whenever it can, as it would on a large table (on a small one it rightly scans)."""
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
            return "\n".join(row[-1] for row in cursor.fetchall())
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_sort = off")
        cursor.execute(f"EXPLAIN {sql}", params)
        return "\n".join(row[0] for row in cursor.fetchall())


def newest(**filters):
    return Article.objects.published().for_listing().filter(**filters)[:20]


@pytest.mark.parametrize(
    ("name", "filters", "index"),
    [
        ("news", {}, "article_newest"),
        ("province", {"province_id": 1}, "article_province_newest"),
        ("category", {"category_id": 1}, "article_category_newest"),
        ("commemoration", {"commemoration_id": 1}, "article_event_newest"),
    ],
)
def test_a_list_page_reads_its_index_in_order_without_sorting(name, filters, index):
    shown = plan(newest(**filters))

    assert index in shown, shown
    if connection.vendor == "sqlite":
        assert "TEMP B-TREE" not in shown, shown
    else:
        assert "Sort" not in shown and "Seq Scan on articles_article" not in shown, shown


def test_the_province_and_event_pages_list_through_their_indexes():
    province, event = make_province(), make_event()

    province_plan = plan(newest(province__in=[province.pk]))
    event_plan = plan(newest(commemoration=event))

    assert "article_province_newest" in province_plan, province_plan
    assert "article_event_newest" in event_plan, event_plan


@pytest.mark.parametrize(
    ("make_entry", "table", "index"),
    [
        (make_official, "articles_officialmention", "official_newest"),
        (make_organisation, "articles_organisationmention", "organisation_newest"),
    ],
)
def test_an_officials_or_organisations_newest_are_read_down_their_own_index(
    client, make_entry, table, index
):
    """The entry's link rows, from now down (entry, time, article), checked one by one and
    stopped at the 20th that passes: no sort, no scheduled article's link walked, whatever
    the number of links (before: every link looked up and sorted, 3.2 ms for an official
    named 700 times among 100,000 articles against 0.7 ms at 1,000). Only the 20 articles
    found are sorted."""
    entry = make_entry()
    with CaptureQueriesContext(connection) as queries:
        client.get(entry.get_absolute_url())
    (query,) = [
        q["sql"]
        for q in queries
        if f'FROM "{table}"' in q["sql"]
        and "EXISTS" in q["sql"]
        and 'FROM "people_position"' not in q["sql"]  # the posts' attested dates, below
    ]

    shown = explain(query)

    assert "LIMIT 20" in query.upper()
    assert index in shown, shown
    # From now down: the time bounds the index search itself.
    bound = (
        r"\(\w+_id=\? AND published_at<\?\)"
        if connection.vendor == "sqlite"
        else r"Index Cond: \(\(\w+_id = \d+\) AND \(published_at <="
    )
    assert re.search(bound, shown), shown
    assert sorts_below_the_top(shown) == [], shown


@pytest.mark.parametrize("page", ["official", "organisation"])
def test_the_dates_that_attest_a_post_are_read_at_the_ends_of_its_own_index(client, page):
    """The first and last published article naming each post: the post's link rows read in
    time order (position, time) from either end and checked one by one, not all of them
    gathered and grouped (before: 235 ms for an official named in thousands of articles
    among 100,000, against under 1 ms at 1,000)."""
    official = make_official()
    position = official.positions.create(organisation=make_organisation(), title="Giám đốc")
    entry = official if page == "official" else position.organisation
    with CaptureQueriesContext(connection) as queries:
        client.get(entry.get_absolute_url())
    (query,) = [q["sql"] for q in queries if 'FROM "people_position"' in q["sql"]]

    shown = explain(query)

    assert shown.count("position_attested") == 2, shown
    if connection.vendor == "sqlite":
        assert "TEMP B-TREE FOR ORDER BY" not in "\n".join(
            line for line in shown.splitlines() if "CORRELATED" in line or "SCALAR" in line
        )
    assert "GROUP BY" not in query.upper()


def test_the_newest_of_a_few_groups_are_read_through_each_groups_index():
    """A merged province's units, an article's category, province and tags: each group read
    through its own index with its own LIMIT, no sort but that of the few rows found."""
    provinces = [make_province() for _ in range(3)]
    for province in provinces:
        for _ in range(3):
            make_article(province=province)
    newest = Article.objects.published().newest_in_each(
        [("province_id", province.pk) for province in provinces], 2
    )

    with CaptureQueriesContext(connection) as queries:
        found = list(newest)
    shown = explain(queries[0]["sql"])

    assert len(queries) == 1 and len(found) == 6
    assert queries[0]["sql"].count("UNION ALL") == 2
    assert shown.count("article_province_newest") == 3, shown
    assert sorts_below_the_top(shown) == [], shown


def test_the_newest_of_each_province_are_read_through_the_province_index_by_rank():
    """The home page: each province's newest three, a subquery per rank run for each
    province, read through the province index whatever the number of articles."""
    for province in [make_province() for _ in range(3)]:
        make_article(province=province)
    newest = Article.objects.published().newest_keys("province", 3)

    with CaptureQueriesContext(connection) as queries:
        list(Province.objects.annotate(**newest))
    shown = explain(queries[0]["sql"])

    assert shown.count("article_province_newest") == 3, shown
    assert "Seq Scan on articles_article" not in shown and "SCAN articles_article" not in shown
    assert sorts_below_the_top(shown) == [], shown


def explain(sql):
    """The plan of a query as captured (its parameters inlined), as in plan()."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(f"EXPLAIN QUERY PLAN {sql}")
            return "\n".join(row[-1] for row in cursor.fetchall())
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_sort = off")
        cursor.execute(f"EXPLAIN {sql}")
        return "\n".join(row[0] for row in cursor.fetchall())


def sorts_below_the_top(shown):
    """The sorts of a plan other than the final one (of the rows it returns)."""
    lines = shown.splitlines()
    if connection.vendor == "sqlite":
        return [line for line in lines[:-1] if "TEMP B-TREE" in line]
    return [line for line in lines[1:] if re.search(r"->\s+(Incremental )?Sort\b", line)]


@pytest.mark.parametrize(
    ("section", "table", "index"),
    [
        ("can-bo", "people_official", "official_newest"),
        ("don-vi", "people_organisation", "organisation_newest"),
        ("tinh-thanh", "people_province", "article_province_newest"),
        ("ngay-ky-niem", "articles_commemorativeevent", "article_event_newest"),
    ],
)
def test_a_directory_sitemap_dates_each_entry_from_the_top_of_its_own_index(
    client, section, table, index
):
    """An entry's lastmod is its newest published article, read at the top of the entry's
    index, not an aggregate over all its articles (before: 1.3 s for the officials' section
    at 100,000 articles, 5 s for the sitemap index)."""
    make_official(), make_organisation(), make_province(), make_event()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(f"/sitemap-{section}.xml")
    assert response.status_code == 200
    (query,) = [
        q["sql"]
        for q in queries
        if q["sql"].startswith(f'SELECT "{table}"') and "published_at" in q["sql"]
    ]

    shown = explain(query)

    assert index in shown, shown
    assert "GROUP BY" not in query.upper() and "MAX(" not in query.upper()


@pytest.mark.parametrize(
    ("path", "table"),
    [("/so-lieu/", "articles_indicator"), ("/tinh-thanh/{slug}/", "articles_statistic")],
)
def test_published_figures_are_checked_one_by_one_not_against_every_published_article(
    client, path, table
):
    """A figure is shown when its article is published: an EXISTS by primary key per figure,
    so the figures' own indexes drive the query (before: `article_id IN (every published
    article)`, 250 ms for a province page at 100,000 articles)."""
    province = make_province()
    with CaptureQueriesContext(connection) as queries:
        client.get(path.format(slug=province.slug))
    (query,) = [q["sql"] for q in queries if f'FROM "{table}"' in q["sql"]]

    assert "EXISTS" in query.upper()
    assert 'ARTICLE_ID" IN (SELECT' not in query.upper()


def test_the_year_filter_alone_reads_its_own_index():
    shown = plan(newest(commemoration_year=2025))

    assert "article_year_newest" in shown, shown
