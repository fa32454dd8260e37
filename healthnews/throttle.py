"""Admin login throttling: too many failures for one account or one address lock it a while.

Counters live in the cache, so every worker shares them when the cache is Redis. While the
cache is unreachable nobody can log in (the form says so): an outage must not lift the limit.
"""

import hashlib

from django.conf import settings
from django.contrib.admin.forms import AdminAuthenticationForm
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from redis.exceptions import RedisError

from healthnews.pagecache import report_fault

# A whole office can share one address (NAT): it gets more tries than a single account.
MAX_FAILURES = {"account": 5, "address": 20}
LOCK_SECONDS = 15 * 60


def client_address(request):
    """The client's address: REMOTE_ADDR, or the header a trusted reverse proxy sets."""
    header = getattr(settings, "CLIENT_IP_HEADER", "") or "REMOTE_ADDR"
    return (request.META.get(header) or request.META.get("REMOTE_ADDR") or "").split(",")[0]


def _keys(request, username):
    """The cache key per kind of counter: the account (hashed) and the address."""
    account = hashlib.sha256(username.strip().casefold().encode()).hexdigest()
    return {
        "account": f"login-failures:account:{account}",
        "address": f"login-failures:address:{client_address(request)}",
    }


def is_locked(request, username):
    keys = _keys(request, username)
    counts = cache.get_many(keys.values())
    return any(counts.get(key, 0) >= MAX_FAILURES[kind] for kind, key in keys.items())


def record_failure(request, username):
    for key in _keys(request, username).values():
        cache.add(key, 0, LOCK_SECONDS)
        cache.incr(key)


def clear_failures(request, username):
    cache.delete(_keys(request, username)["account"])


class ThrottledAdminAuthenticationForm(AdminAuthenticationForm):
    """The admin login form, refusing to even try a password once the limit is reached."""

    error_messages = {
        **AdminAuthenticationForm.error_messages,
        "throttled": _("Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau %(minutes)s phút."),
        "unavailable": _("Tạm thời chưa đăng nhập được. Vui lòng thử lại sau ít phút."),
    }

    def clean(self):
        try:
            return self._clean_throttled()
        except RedisError:
            report_fault()
            raise ValidationError(self.error_messages["unavailable"], code="unavailable") from None

    def _clean_throttled(self):
        username = self.cleaned_data.get("username") or ""
        if is_locked(self.request, username):
            raise ValidationError(
                self.error_messages["throttled"],
                code="throttled",
                params={"minutes": LOCK_SECONDS // 60},
            )
        try:
            cleaned = super().clean()
        except ValidationError:
            record_failure(self.request, username)
            raise
        clear_failures(self.request, username)
        return cleaned
