"""The public lists read published articles newest first straight from an index (EXPLAIN)."""

import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles.models import Article
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


def test_the_news_total_is_counted_once_per_content_version(client, settings):
    settings.COUNT_CACHE_SECONDS = 600
    cache.clear()
    for _ in range(21):
        make_article()
    client.get(reverse("articles:article_list"))

    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("articles:article_list"), {"page": 2})

    assert "21 bài viết" in response.content.decode()
    assert not [q["sql"] for q in queries if "COUNT(" in q["sql"].upper()]
    cache.clear()


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
    named 700 times among 100,000 articles against 0.7 ms at 1,000)."""
    entry = make_entry()
    with CaptureQueriesContext(connection) as queries:
        client.get(entry.get_absolute_url())
    (walk,) = [q["sql"] for q in queries if f'FROM "{table}"' in q["sql"] and "EXISTS" in q["sql"]]
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(f"EXPLAIN QUERY PLAN {walk}")
            shown = "\n".join(row[-1] for row in cursor.fetchall())
        else:
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute("SET LOCAL enable_sort = off")
            cursor.execute(f"EXPLAIN {walk}")
            shown = "\n".join(row[0] for row in cursor.fetchall())

    assert "LIMIT 20" in walk.upper()
    assert index in shown, shown
    # From now down: the time bounds the index search itself.
    bound = (
        r"\(\w+_id=\? AND published_at<\?\)"
        if "SEARCH" in shown
        else r"Index Cond: \(\(\w+_id = \d+\) AND \(published_at <="
    )
    assert re.search(bound, shown), shown
    assert "TEMP B-TREE" not in shown and "Sort" not in shown, shown


def test_the_newest_of_each_province_read_through_the_province_index_for_every_unit():
    """Home page, province pages and feeds: the newest few of each of many provinces. On
    PostgreSQL one subquery, planned once, runs for each province (planning a UNION ALL branch
    per province cost 7.7 ms of 8.5 for the home page at 100,000 articles)."""
    provinces = [make_province() for _ in range(3)]
    for province in provinces:
        for _ in range(3):
            make_article(province=province)
    with CaptureQueriesContext(connection) as queries:
        Article.objects.published().newest_in_each(
            [("province_id", province.pk) for province in provinces], 2
        )
    (query,) = [q["sql"] for q in queries]
    if connection.vendor != "postgresql":
        assert query.count("UNION ALL") == 2, query
        return
    assert "LATERAL" in query and "UNION" not in query, query
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(f"EXPLAIN {query}")
        shown = "\n".join(row[0] for row in cursor.fetchall())
    assert "Function Scan on unnest" in shown and "article_province_newest" in shown, shown
