"""The page cache on Redis: one content version for every process, renewed and expiring there.

These run where Redis is (REDIS_URL, as `make test-postgres` and CI set it); without Redis
the site keeps the version in one process's memory and has no page cache by default.
"""

import datetime
import os
import time

import pytest
import redis
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from healthnews import pagecache
from tests.factories import make_article

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="needs Redis (REDIS_URL)"),
]


@pytest.fixture
def server(settings):
    """Redis itself, as another worker process reaches it."""
    settings.PAGE_CACHE_SECONDS = 600
    client = redis.Redis.from_url(os.environ["REDIS_URL"])
    yield client
    client.close()


@pytest.fixture
def shown():
    return make_article(title="Tiêm chủng mở rộng ở Điện Biên")


def home(client):
    response = client.get(reverse("articles:home"))
    assert response.status_code == 200
    return response


def test_a_renewal_by_another_process_shows_at_once_in_this_one(client, server, shown):
    before = [home(client)["X-Page-Cache"], home(client)["X-Page-Cache"]]
    Article.objects.filter(pk=shown.pk).update(title="Tiêm chủng: đợt hai")  # no signal here

    server.delete(cache.make_key(pagecache.VERSION_KEY))  # what renew() does in another worker

    assert before == ["miss", "hit"]
    assert "Tiêm chủng: đợt hai" in home(client).content.decode()


def test_a_scheduled_article_appears_on_time_from_redis(client, server):
    due = timezone.now() + datetime.timedelta(seconds=2)
    make_article(title="Tin hẹn giờ", published_at=due)
    before = home(client).content.decode()
    cached = home(client)

    time.sleep((due - timezone.now()).total_seconds() + 1.05)  # the version lasts whole seconds

    assert "Tin hẹn giờ" not in before
    assert cached["X-Page-Cache"] == "hit"
    assert "Tin hẹn giờ" in home(client).content.decode()


def test_a_flushed_or_restarted_redis_starts_a_new_version(client, server, shown):
    home(client)
    Article.objects.filter(pk=shown.pk).update(title="Tiêm chủng: đợt hai")

    server.flushdb()  # a restart loses everything too: Redis keeps nothing on disk here

    assert "Tiêm chủng: đợt hai" in home(client).content.decode()


def test_a_change_committed_while_redis_was_unreachable_shows_once_it_is_back(
    client, server, shown, settings, monkeypatch, django_capture_on_commit_callbacks
):
    reachable = settings.CACHES
    cached = [home(client)["X-Page-Cache"], home(client)["X-Page-Cache"]]
    monkeypatch.setattr(pagecache, "FAULTS", pagecache._Faults())
    monkeypatch.setattr(pagecache, "PAUSE_SECONDS", 0)
    settings.CACHES = {
        "default": {**reachable["default"], "LOCATION": "redis://127.0.0.1:1/0"}
    }  # a network fault: Redis keeps its data, this process cannot reach it a while
    shown.title = "Tiêm chủng: đợt hai"

    with django_capture_on_commit_callbacks(execute=True):
        shown.save()
    settings.CACHES = reachable
    after = home(client)

    assert cached == ["miss", "hit"]
    assert "Tiêm chủng: đợt hai" in after.content.decode()
    assert home(client)["X-Page-Cache"] == "hit"  # and the cache is used again
