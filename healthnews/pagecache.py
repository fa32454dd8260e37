"""Public pages served from the shared cache until the content they show changes.

Every reader who sends no login cookie gets the same page for the same address, so a page is
rendered once and then read from the cache (Redis in production). A stored page carries the
*content version* it was rendered for and is served only while that version is current. The
version is one random token in the cache: any save, delete or many-to-many change of an
article, a person, a place or anything else the public pages show deletes it once the
transaction commits, and the next request starts a new one (cache.add, so concurrent requests
agree on one). Publishing, editing or unpublishing shows up everywhere at once, with nothing to
keep track of per page.

Time changes pages too: a scheduled article appears when its time comes, and "còn 96 ngày"
counts down each day. A version is therefore added with a timeout that ends at the next
scheduled publication or the next local midnight, whichever comes first (one query per version).

Races. A request reads the version before it renders and stores its page under that version,
so a page holds data at least as new as its version. A commit during a render deletes the
version after the commit: the page rendered from older rows is stored under a dead token and
never served (tokens are random and never come back), and the next request starts a version
that sees the commit. Between a commit and its deletion (milliseconds) readers may still get
the pages of the version before. A transaction that changes many rows deletes the key once per
row after its commit: idempotent, and cheap next to the rows.

Never cached: anything but GET, requests with a session or messages cookie (editors: their
previews and admin pages), responses other than 200, responses that set a cookie or say
private/no-cache/no-store, and responses whose rendering used the CSP nonce: the nonce of a
cached page would not match the header of a later response. A page is stored only when its
query string holds nothing but the parameters that page reads (PARAMETERS): `?x=<random>` is
served, rendered, and stores nothing.

The shared cache is help, never a dependency: while it is unreachable, pages are rendered as
without it. After a fault a process leaves the cache alone for PAUSE_SECONDS (a Redis that
hangs would otherwise cost every cache call its socket timeout) and logs the fault at most
once a minute. A renewal that failed is done at this process's next contact with the cache;
a page stored before is in any case kept at most settings.PAGE_CACHE_SECONDS.

The cache must be shared by all worker processes (settings.PAGE_CACHE_SECONDS is 0 without
REDIS_URL): a per-process cache would not see another process's renewal.
"""

import datetime
import hashlib
import logging
import math
import re
import secrets
import time

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse
from django.middleware.csp import get_nonce
from django.utils import timezone
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

VERSION_KEY = "pagecache:version"
# Values kept per content version (per_version) at most this long: a bound on memory, and on
# staleness where the cache is not shared by every process.
PER_VERSION_SECONDS = 600
# After a fault of the shared cache a process works without it this long, and logs a fault
# at most once per FAULT_REPORT_SECONDS.
PAUSE_SECONDS = 5
FAULT_REPORT_SECONDS = 60
# The apps whose rows the public pages show; models listed in SILENT change no public page.
APPS = ("articles", "people")
SILENT = {"articles.articlerevision"}
NEVER_CACHED_PREFIXES = ("/admin/", "/xem-truoc/", "/en/xem-truoc/", "/tep-dinh-kem/")
UNCACHEABLE = re.compile(r"\b(private|no-cache|no-store)\b")
ACCEPTS_GZIP = re.compile(r"\bgzip\b")
NEWS_FILTERS = (
    *("tinh", "chuyen_muc", "the", "ngay_ky_niem", "nam"),
    *("can_bo", "don_vi", "tu_ngay", "den_ngay"),
)
# The query parameters each page reads, by URL name; a page with any other is not stored.
PARAMETERS = {
    "articles:article_list": frozenset({"page", *NEWS_FILTERS}),
    "articles:search": frozenset({"q", "page", *NEWS_FILTERS}),
    "directory:official_list": frozenset({"page", "ten"}),
    "directory:organisation_list": frozenset({"page", "tinh", "loai", "cap", "ten"}),
    "directory:province_list": frozenset({"ten"}),
    "articles:schedule": frozenset({"tuan", "don_vi"}),
    "articles:document_list": frozenset(
        {"page", "q", "loai", "co_quan", "linh_vuc", "nam", "hieu_luc", "du_thao", "sap_xep"}
    ),
}


class _Faults:
    """This process's record of the shared cache's faults."""

    def __init__(self):
        self.paused_until = self.reported_at = -math.inf
        self.renewal_failed = False

    def available(self):
        return time.monotonic() >= self.paused_until

    def report(self):
        """Pause the use of the cache; log the current exception unless logged lately."""
        now = time.monotonic()
        self.paused_until = now + PAUSE_SECONDS
        if now - self.reported_at >= FAULT_REPORT_SECONDS:
            self.reported_at = now
            logger.error("Shared cache unreachable: working without it", exc_info=True)


FAULTS = _Faults()


def report_fault():
    """For code that catches a fault of the shared cache: see _Faults.report."""
    FAULTS.report()


def _shared(method, *args):
    """cache.<method>(*args), or None when the shared cache fails (reported)."""
    try:
        return getattr(cache, method)(*args)
    except RedisError:
        report_fault()
        return None


def _next_change(now):
    """When time alone changes a page: the next scheduled publication or local midnight."""
    from articles.models import Article, Document

    tomorrow = timezone.localtime(now).date() + datetime.timedelta(days=1)
    midnight = timezone.make_aware(datetime.datetime.combine(tomorrow, datetime.time()))
    # Scheduled articles and documents, in one query.
    articles, documents = (
        model.objects.filter(status=Article.Status.PUBLISHED, published_at__gt=now)
        .order_by()
        .values_list("published_at", flat=True)
        for model in (Article, Document)
    )
    scheduled = articles.union(documents).order_by("published_at").first()
    return min(midnight, scheduled) if scheduled else midnight


def _current(stored):
    """The content version, given the one read from the cache (None: start one).

    Raises RedisError when the cache fails; returns None in the rare case of a renewal
    between starting a version and reading it back (that request then stores nothing).
    """
    if FAULTS.renewal_failed:
        cache.delete(VERSION_KEY)
        FAULTS.renewal_failed = False
        stored = None
    if stored is None:
        now = timezone.now()
        seconds = math.ceil((_next_change(now) - now).total_seconds())
        cache.add(VERSION_KEY, secrets.token_hex(8), max(1, seconds))
        stored = cache.get(VERSION_KEY)
    return stored


def version():
    """The current content version; None while the shared cache is unreachable."""
    if not FAULTS.available():
        return None
    try:
        return _current(cache.get(VERSION_KEY))
    except RedisError:
        report_fault()
        return None


def renew():
    """End the content version: every page is rendered again on its next request."""
    if not FAULTS.available():
        FAULTS.renewal_failed = True
        return
    try:
        cache.delete(VERSION_KEY)
    except RedisError:
        FAULTS.renewal_failed = True
        report_fault()
    else:
        FAULTS.renewal_failed = False


def content_changed(sender, using=None, **kwargs):
    """Signal receiver: renew the version once the change is committed (readers see it then)."""
    if kwargs.get("action", "post_").startswith("post_"):
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
    match = request.resolver_match
    parameters = PARAMETERS.get(match.view_name, frozenset()) if match else frozenset()
    return (
        request.method == "GET"
        and response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not UNCACHEABLE.search(response.get("Cache-Control", ""))
        and not get_nonce(request)
        and "'nonce-" not in response.get("Content-Security-Policy", "")
        and parameters.issuperset(request.GET)
    )


def _key(request):
    gzip = bool(ACCEPTS_GZIP.search(request.headers.get("Accept-Encoding", "")))
    address = f"{request.scheme}://{request.get_host()}{request.get_full_path()}|{gzip}"
    return f"page:{hashlib.sha256(address.encode()).hexdigest()}"


class PageCacheMiddleware:
    """Serve cacheable public pages from the cache; the first middleware of all.

    First, so that a hit costs no other middleware: a stored page already carries the headers
    the others set (HSTS, CSP, frame denial...). The scheme is part of the key, so a plain
    HTTP request never gets a page and always meets SecurityMiddleware's redirect.
    A hit is one read from the cache: the version and the page together (get_many).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not (settings.PAGE_CACHE_SECONDS and _cacheable_request(request) and FAULTS.available()):
            return self.get_response(request)
        key = _key(request)
        try:
            stored = cache.get_many([VERSION_KEY, key])
            content_version = _current(stored.get(VERSION_KEY))
        except RedisError:
            report_fault()
            return self.get_response(request)
        page = stored.get(key)
        if page is not None and page[0] == content_version:
            _version, status, headers, content = page
            response = HttpResponse(content, status=status, headers=headers)
            response["X-Page-Cache"] = "hit"
            return response
        response = self.get_response(request)
        if content_version is not None and _cacheable_response(request, response):
            page = (content_version, response.status_code, dict(response.items()), response.content)
            try:
                cache.set(key, page, settings.PAGE_CACHE_SECONDS)
            except RedisError:
                report_fault()
            else:
                response["X-Page-Cache"] = "miss"
        return response


def per_version(name, compute):
    """compute(), kept in the cache for the current content version.

    For totals that read many rows (the articles of each commemoration): computed once after
    each change instead of on every request; computed every time while the cache is down.
    """
    content_version = version()
    if content_version is None:
        return compute()
    key = f"{name}:{content_version}"
    value = _shared("get", key)
    if value is None:
        value = compute()
        _shared("set", key, value, PER_VERSION_SECONDS)
    return value
