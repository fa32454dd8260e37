"""Public pages served from the shared cache until the content they show changes.

Every reader who sends no login cookie gets the same page for the same address, so a page is
rendered once and then read from the cache (Redis in production). Its key holds a *content
version*: any save, delete or many-to-many change of an article, a person, a place or anything
else the public pages show replaces the version once the transaction commits, so every page
is rendered anew on its next request: publishing, editing or unpublishing shows up everywhere
at once, with nothing to keep track of per page.

Time changes pages too: a scheduled article appears when its time comes, and "còn 96 ngày"
counts down each day. The version therefore also expires at the next scheduled publication
or the next local midnight, whichever comes first (one query when it is replaced).

Never cached: anything but GET, requests with a session or messages cookie (editors: their
previews and admin pages), responses other than 200, responses that set a cookie or say
private/no-cache/no-store, and responses whose rendering used the CSP nonce: the nonce of a
cached page would not match the header of a later response.

The cache must be shared by all worker processes (settings.PAGE_CACHE_SECONDS is 0 without
REDIS_URL): a per-process cache would not see another process's new version.
"""

import datetime
import hashlib
import logging
import os
import re
import secrets
import threading
import time
from collections import OrderedDict

from django.apps import apps
from django.conf import settings
from django.core.cache import cache, caches
from django.core.cache.backends import redis as django_redis
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse
from django.utils import timezone
from django.utils.functional import cached_property

logger = logging.getLogger(__name__)

STATE_KEY = "pagecache:state"
SERIAL_KEY = "pagecache:serial"
CHANNEL = "pagecache:renewed"
# The apps whose rows the public pages show; models listed in SILENT change no public page.
APPS = ("articles", "people")
SILENT = {"articles.articlerevision"}
NEVER_CACHED_PREFIXES = ("/admin/", "/xem-truoc/", "/en/xem-truoc/", "/tep-dinh-kem/")
UNCACHEABLE = re.compile(r"\b(private|no-cache|no-store)\b")
ACCEPTS_GZIP = re.compile(r"\bgzip\b")


class _ReusingRedisClient(django_redis.RedisCacheClient):
    """Django's Redis client, keeping one redis.Redis per connection pool.

    Django builds a new redis.Redis for every cache call; redis-py 8 fills a table of about
    170 response callbacks in each, which cost more CPU than the round trip to Redis itself
    (0.4 of the 0.56 ms of a cached page, measured in process). redis.Redis is thread-safe.
    """

    def get_client(self, key=None, *, write=False):
        index = self._get_connection_pool_index(write)
        clients = self.__dict__.setdefault("_clients", {})
        if index not in clients:
            clients[index] = self._client(connection_pool=self._get_connection_pool(write))
        return clients[index]


class RedisCache(django_redis.RedisCache):
    """The cache backend of production (settings.CACHES with REDIS_URL)."""

    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = _ReusingRedisClient

    def redis(self):
        return self._cache.get_client(write=True)

    def clear(self):
        super().clear()
        LISTENER.reset(None)


def _next_change(now):
    """When time alone changes a page: the next scheduled publication or local midnight."""
    from articles.models import Article

    tomorrow = timezone.localdate(now) + datetime.timedelta(days=1)
    midnight = timezone.make_aware(datetime.datetime.combine(tomorrow, datetime.time()))
    scheduled = (
        Article.objects.filter(status=Article.Status.PUBLISHED, published_at__gt=now)
        .order_by("published_at")
        .values_list("published_at", flat=True)
        .first()
    )
    return min(midnight, scheduled) if scheduled else midnight


# With Redis the state is "serial version expires": the serial orders renewals, the script
# makes numbering, storing and announcing one atomic step.
_RENEW = """
local state = redis.call('INCR', KEYS[2]) .. ' ' .. ARGV[1] .. ' ' .. ARGV[2]
redis.call('SET', KEYS[1], state)
redis.call('PUBLISH', KEYS[3], state)
return state
"""


def _redis():
    """The Redis client when the shared cache is Redis, else None (one process's memory)."""
    backend = caches["default"]
    return backend.redis() if isinstance(backend, RedisCache) else None


def _keys():
    return [cache.make_key(name) for name in (STATE_KEY, SERIAL_KEY, CHANNEL)]


def _decode(raw):
    """(serial, version, expires) from Redis' bytes; None for nothing or anything else."""
    try:
        serial, content_version, expires = raw.decode().split()
        return int(serial), content_version, float(expires)
    except (AttributeError, UnicodeDecodeError, ValueError):  # None, or an older format
        return None


class _VersionListener:
    """This process's copy of the content state, kept current by a Redis subscription.

    A cached page then costs no round trip to Redis (the round trip cost more CPU than the
    rest of a hit). A renewal is announced on a channel as it is stored; a thread of each
    worker process applies it, in serial order. The process that renews applies its own
    renewal at once. Until the thread is subscribed, or while Redis is unreachable, the state
    is None and each request reads it from Redis as before. Every RECHECK_SECONDS the thread
    also compares with the stored state, so that a flushed or restarted Redis is noticed.
    """

    RECHECK_SECONDS = 1.0

    def __init__(self):
        self.state = None
        self.pid = None
        self.pubsub = None
        self.lock = threading.Lock()

    def current(self, client):
        if self.pid != os.getpid():
            self._start(client)
        return self.state

    def accept(self, state):
        """Apply a renewal unless a later one is already applied."""
        with self.lock:
            if state is not None and (self.state is None or state[0] > self.state[0]):
                self.state = state

    def reset(self, state):
        with self.lock:
            self.state = state

    def _start(self, client):
        with self.lock:
            if self.pid == os.getpid():
                return
            self.pid, self.state = os.getpid(), None
        thread = threading.Thread(
            target=self._listen, args=(client,), name="pagecache-version", daemon=True
        )
        thread.start()

    def _listen(self, client):
        state_key, _serial_key, channel = _keys()
        failing = False
        while True:
            pubsub = None
            try:
                pubsub = self.pubsub = client.pubsub()
                pubsub.subscribe(channel)
                while (message := pubsub.get_message(timeout=self.RECHECK_SECONDS)) is None:
                    pass
                if message["type"] != "subscribe":
                    raise RuntimeError(f"unexpected first message {message!r}")
                # Subscribed first, read second: no renewal falls between the two.
                self.reset(_decode(client.get(state_key)))
                failing = False
                checked = time.monotonic()
                while True:
                    message = pubsub.get_message(timeout=self.RECHECK_SECONDS)
                    if message is not None and message["type"] == "message":
                        self.accept(_decode(message["data"]))
                    if time.monotonic() - checked >= self.RECHECK_SECONDS:
                        stored = _decode(client.get(state_key))
                        held = self.state
                        if stored is None or (held is not None and stored[0] < held[0]):
                            self.reset(stored)
                        checked = time.monotonic()
            except Exception:  # Redis unreachable: requests read the state themselves
                if not failing:
                    logger.warning("Page cache: version subscription lost", exc_info=True)
                failing = True
                self.reset(None)
                time.sleep(self.RECHECK_SECONDS)
            finally:
                if pubsub is not None:
                    pubsub.close()


LISTENER = _VersionListener()


def renew():
    """Start a new content version: every page is rendered again on its next request."""
    now = timezone.now()
    content_version, expires = secrets.token_hex(8), _next_change(now).timestamp()
    client = _redis()
    if client is None:
        cache.set(STATE_KEY, {"version": content_version, "expires": expires}, None)
        return content_version
    state = _decode(client.eval(_RENEW, 3, *_keys(), content_version, repr(expires)))
    LISTENER.accept(state)
    return state[1]


def version():
    """The current content version, renewed when its time is up."""
    now = timezone.now().timestamp()
    client = _redis()
    if client is None:
        state = cache.get(STATE_KEY)
        if state is None or state["expires"] <= now:
            return renew()
        return state["version"]
    state = LISTENER.current(client)
    if state is None or state[2] <= now:
        state = _decode(client.get(_keys()[0]))
        if state is None or state[2] <= now:
            return renew()
    return state[1]


def content_changed(sender, using=None, **kwargs):
    """Signal receiver: renew the version once the change is committed (readers see it then).

    One renewal per transaction, however many rows it changes (loaddata, bulk actions).
    """
    if not kwargs.get("action", "post_").startswith("post_"):
        return
    pending = transaction.get_connection(using).run_on_commit
    if not any(callback is renew for _savepoints, callback, _robust in pending):
        transaction.on_commit(renew, using=using)


def connect():
    """Renew the version on every change to a model the public pages show."""
    for app_label in APPS:
        for model in apps.get_app_config(app_label).get_models():
            if model._meta.label_lower in SILENT:
                continue
            uid = f"pagecache.{model._meta.label_lower}"
            post_save.connect(content_changed, sender=model, dispatch_uid=f"{uid}.save")
            post_delete.connect(content_changed, sender=model, dispatch_uid=f"{uid}.delete")
            for field in model._meta.local_many_to_many:
                m2m_changed.connect(
                    content_changed,
                    sender=field.remote_field.through,
                    dispatch_uid=f"{uid}.{field.name}",
                )


def _cacheable_request(request):
    return (
        request.method in ("GET", "HEAD")
        and not request.path.startswith(NEVER_CACHED_PREFIXES)
        and not request.path.startswith((settings.STATIC_URL, settings.MEDIA_URL))
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "messages" not in request.COOKIES
    )


def _cacheable_response(request, response):
    return (
        request.method == "GET"
        and response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not UNCACHEABLE.search(response.get("Cache-Control", ""))
        and not getattr(request, "_csp_nonce", None)
        and "'nonce-" not in response.get("Content-Security-Policy", "")
    )


def _key(request):
    gzip = bool(ACCEPTS_GZIP.search(request.headers.get("Accept-Encoding", "")))
    address = f"{request.scheme}://{request.get_host()}{request.get_full_path()}|{gzip}"
    return f"page:{hashlib.sha256(address.encode()).hexdigest()}"


class _RecentPages:
    """The pages this process served last, so that a hit reads nothing from Redis.

    Bounded in bytes; a page is used only when it carries the current content version.
    """

    def __init__(self, max_bytes):
        self.max_bytes = max_bytes
        self.pages = OrderedDict()
        self.size = 0
        self.lock = threading.Lock()

    def get(self, key, content_version):
        with self.lock:
            page = self.pages.get(key)
            if page is None or page[0] != content_version:
                return None
            self.pages.move_to_end(key)
            return page

    def put(self, key, page):
        with self.lock:
            if (old := self.pages.pop(key, None)) is not None:
                self.size -= len(old[3])
            self.pages[key] = page
            self.size += len(page[3])
            while self.size > self.max_bytes and self.pages:
                _key, dropped = self.pages.popitem(last=False)
                self.size -= len(dropped[3])


RECENT = _RecentPages(max_bytes=16 * 1024 * 1024)


class PageCacheMiddleware:
    """Serve cacheable public pages from the cache; the first middleware of all.

    First, so that a hit costs no other middleware: a stored page already carries the headers
    the others set (HSTS, CSP, frame denial...). The scheme is part of the key, so a plain
    HTTP request never gets a page and always meets SecurityMiddleware's redirect.
    A stored page carries the content version it was rendered for and is used only if it
    matches the current one: the version is this process's copy, kept current by a Redis
    subscription (_VersionListener), the page comes from this process's recent pages or else
    from Redis.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not settings.PAGE_CACHE_SECONDS or not _cacheable_request(request):
            return self.get_response(request)
        key = _key(request)
        content_version = version()
        page = RECENT.get(key, content_version)
        if page is None:
            page = cache.get(key)
            if page is not None and page[0] == content_version:
                RECENT.put(key, page)
            else:
                page = None
        if page is not None:
            _version, status, headers, content = page
            response = HttpResponse(content, status=status, headers=headers)
            response["X-Page-Cache"] = "hit"
            return response
        response = self.get_response(request)
        if _cacheable_response(request, response):
            page = (content_version, response.status_code, dict(response.items()), response.content)
            cache.set(key, page, settings.PAGE_CACHE_SECONDS)
            RECENT.put(key, page)
            response["X-Page-Cache"] = "miss"
        return response


def per_version(name, compute):
    """compute(), kept for the current content version when the shared cache allows it.

    For totals that read many rows (the articles of each commemoration): computed once after
    each change instead of on every request.
    """
    if not settings.COUNT_CACHE_SECONDS:
        return compute()
    key = f"{name}:{version()}"
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, settings.COUNT_CACHE_SECONDS)
    return value


_LOCAL = {}


def per_version_in_process(name, compute):
    """compute(), kept in this process's memory for the current content version.

    For small values read on every request (the options of the filter forms): no round trip
    at all, since the version itself is this process's copy. Same switch as per_version.
    """
    if not settings.COUNT_CACHE_SECONDS:
        return compute()
    content_version = version()
    kept = _LOCAL.get(name)
    if kept is not None and kept[0] == content_version:
        return kept[1]
    value = compute()
    _LOCAL[name] = (content_version, value)
    return value


class CountCachingPaginator(Paginator):
    """A paginator whose total is counted once per content version instead of every request.

    count_key names the list (view and filters, without the page number). Counting the
    published articles reads a whole index: 17 ms at 100,000 articles on SQLite.
    """

    def __init__(self, *args, count_key, **kwargs):
        super().__init__(*args, **kwargs)
        self.count_key = count_key

    @cached_property
    def count(self):
        digest = hashlib.sha256(self.count_key.encode()).hexdigest()
        return per_version(f"count:{digest}", lambda: Paginator.count.func(self))


class CountCachingMixin:
    """For list views: paginate with CountCachingPaginator, keyed by the view and its filters."""

    def get_paginator(self, queryset, per_page, orphans=0, allow_empty_first_page=True, **kwargs):
        params = self.request.GET.copy()
        params.pop(self.page_kwarg, None)
        match = self.request.resolver_match
        count_key = f"{match.view_name}|{sorted(match.kwargs.items())}|{params.urlencode()}"
        return CountCachingPaginator(
            queryset,
            per_page,
            orphans=orphans,
            allow_empty_first_page=allow_empty_first_page,
            count_key=count_key,
            **kwargs,
        )
