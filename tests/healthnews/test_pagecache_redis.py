"""The content version with Redis: every process learns a renewal without asking for it.

These run where Redis is (REDIS_URL, as `make test-postgres` and CI set it); without Redis
the site keeps the version in one process's memory and has no page cache.
"""

import os
import socket
import threading
import time

import pytest
from django.core.cache import caches

from healthnews import pagecache

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="needs Redis (REDIS_URL)"),
]


@pytest.fixture
def redis(settings):
    settings.PAGE_CACHE_SECONDS = 600
    caches["default"].clear()
    yield caches["default"].redis()
    caches["default"].clear()


def eventually(condition, seconds=5):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.01)
    return False


@pytest.fixture
def other_process(redis, monkeypatch):
    """A second worker's copy of the state: a listener of its own on the same Redis."""
    monkeypatch.setattr(pagecache._VersionListener, "RECHECK_SECONDS", 0.05)
    listener = pagecache._VersionListener()
    listener.current(redis)
    assert eventually(lambda: listener.pid is not None)
    return listener


def test_a_renewal_reaches_every_process_and_the_renewing_one_at_once(redis, other_process):
    first = pagecache.version()
    assert eventually(lambda: other_process.state and other_process.state[1] == first)

    second = pagecache.renew()

    assert second != first
    assert pagecache.version() == second  # this process: at once, no waiting
    assert eventually(lambda: other_process.state[1] == second)  # the other: pushed to it


def test_once_subscribed_a_request_reads_no_key_from_redis(redis, monkeypatch):
    current = pagecache.version()
    assert eventually(lambda: pagecache.LISTENER.state and pagecache.LISTENER.state[1] == current)
    reads = []
    real_get, me = redis.get, threading.current_thread()

    def get(*args):
        if threading.current_thread() is me:  # not the listener's own check
            reads.append(args)
        return real_get(*args)

    monkeypatch.setattr(redis, "get", get)

    versions = {pagecache.version() for _ in range(100)}

    assert versions == {current}
    assert reads == []


def test_a_late_announcement_never_takes_a_process_back_to_an_older_version(redis):
    older = pagecache._decode(b"5 aaaaaaaaaaaaaaaa 9999999999.0")
    newer = pagecache._decode(b"6 bbbbbbbbbbbbbbbb 9999999999.0")
    listener = pagecache._VersionListener()

    listener.accept(newer)
    listener.accept(older)

    assert listener.state == newer


def test_a_flushed_redis_is_noticed_and_a_new_version_starts(redis, other_process):
    before = pagecache.version()
    assert eventually(lambda: other_process.state and other_process.state[1] == before)

    redis.flushdb()  # a restart of Redis loses everything too: it keeps nothing on disk

    assert eventually(lambda: other_process.state is None)
    assert eventually(lambda: pagecache.LISTENER.state is None)  # within RECHECK_SECONDS
    after = pagecache.version()
    assert after != before
    assert eventually(lambda: other_process.state and other_process.state[1] == after)


def test_a_lost_subscription_is_dropped_then_taken_up_again(redis, other_process, caplog):
    before = pagecache.version()
    assert eventually(lambda: other_process.state and other_process.state[1] == before)

    # What a Redis restart does to a subscriber (this one only: others may share the server).
    other_process.pubsub.connection._sock.shutdown(socket.SHUT_RDWR)

    assert eventually(lambda: "subscription lost" in caplog.text)
    after = pagecache.renew()
    assert eventually(lambda: other_process.state and other_process.state[1] == after)


def test_an_unreachable_redis_leaves_no_copy_to_trust(monkeypatch):
    monkeypatch.setattr(pagecache._VersionListener, "RECHECK_SECONDS", 0.05)
    listener = pagecache._VersionListener()
    attempts = []

    class Unreachable:
        def pubsub(self):
            attempts.append(1)
            raise ConnectionError("Redis is down")

    listener.current(Unreachable())
    listener.state = pagecache._decode(b"7 cccccccccccccccc 9999999999.0")

    assert eventually(lambda: len(attempts) >= 2)  # it keeps trying
    assert eventually(lambda: listener.state is None)


def test_a_state_stored_by_an_older_release_starts_a_new_version(redis):
    redis.set(pagecache._keys()[0], b"\x80\x05pickled by an older release")

    assert pagecache.version() != ""
    assert pagecache._decode(redis.get(pagecache._keys()[0])) is not None
