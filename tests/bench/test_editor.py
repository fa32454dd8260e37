"""Tests for bench/editor.py: the editor's requests, and its form publishing through the admin."""

import urllib.parse

import pytest
from django.test import Client

from articles.models import Article
from articles.roles import EDITOR
from tests.factories import make_article, make_user


def test_build_request_gets_through_the_tls_proxy_with_the_cookies(bench_on_path):
    from bench import editor

    request = editor.build_request(
        "http://127.0.0.1:8850", editor.WAITING, {"csrftoken": "abc", "sessionid": "s1"}
    )

    assert request.full_url == "http://127.0.0.1:8850" + editor.WAITING
    assert request.get_method() == "GET"
    assert request.data is None
    assert request.headers == {
        "X-forwarded-proto": "https",
        "Cookie": "csrftoken=abc; sessionid=s1",
    }


def test_build_request_posts_the_form_with_origin_and_referer(bench_on_path):
    from bench import editor

    request = editor.build_request("http://127.0.0.1:8850", "/admin/login/", {}, {"a": "b c"})

    assert request.get_method() == "POST"
    assert request.data == b"a=b+c"
    assert request.headers == {
        "X-forwarded-proto": "https",
        "Content-type": "application/x-www-form-urlencoded",
        "Origin": "https://127.0.0.1:8850",
        "Referer": "https://127.0.0.1:8850/admin/login/",
    }


def test_keep_cookies_sets_replaces_and_deletes(bench_on_path):
    from bench import editor

    cookies = {"csrftoken": "old", "messages": "m"}

    editor.keep_cookies(
        cookies,
        [
            "csrftoken=new; expires=Sun, 05 Dec 2027 06:00:00 GMT; Max-Age=31449600; Path=/; "
            "SameSite=Lax; Secure",
            "sessionid=s1; HttpOnly; Path=/; SameSite=Lax; Secure",
            'messages=""; expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; Path=/',
        ],
    )

    assert cookies == {"csrftoken": "new", "sessionid": "s1"}


def test_first_article_of_an_empty_changelist_is_none(bench_on_path):
    from bench import editor

    assert editor.first_article("<p>0 bài viết</p>") is None


def test_publish_times_fall_mid_way_through_each_interval(bench_on_path):
    from bench import editor

    assert editor.publish_times(60, 10) == [5, 15, 25, 35, 45, 55]
    assert editor.publish_times(10, 3) == [1.5, 4.5, 7.5]
    assert editor.publish_times(5, 10) == []


@pytest.mark.django_db
def test_editor_publishes_the_first_undated_article_in_review(bench_on_path):
    from bench import editor

    make_article(status=Article.Status.DRAFT)
    dated = make_article(status=Article.Status.IN_REVIEW, published_at="2030-01-01T08:00+07:00")
    waiting = make_article(status=Article.Status.IN_REVIEW)
    client = Client(enforce_csrf_checks=True)
    client.force_login(make_user(EDITOR))
    page = client.get(editor.WAITING).text

    article = editor.first_article(page)
    response = client.post(editor.WAITING, editor.publish_form(editor.csrf_token(page), article))
    after = client.get(response["Location"]).text

    assert article == waiting.pk
    assert response.status_code == 302
    assert urllib.parse.unquote(response["Location"]) == urllib.parse.unquote(editor.WAITING)
    assert editor.PUBLISHED_ONE in after
    assert list(Article.objects.filter(status=Article.Status.PUBLISHED)) == [waiting]
    assert editor.first_article(after) is None
    dated.refresh_from_db()
    assert dated.status == Article.Status.IN_REVIEW


def test_publishing_counts_failures_and_a_count_that_did_not_rise(bench_on_path):
    from bench import load

    class Publisher:
        times = [5, 15, 25]
        published = [{"at_s": 5, "article": 7, "seconds": 0.4}]
        failures = [{"at_s": 15, "error": "changelist: status 500, expected 200"}]

    counted = load.publishing(Publisher, 100, 101)
    not_counted = load.publishing(Publisher, 100, 100)

    assert counted["errors"] == 1
    assert not_counted["errors"] == 2
    assert counted["planned"] == 3
