"""Admin login throttling that a stranger cannot turn against a staff member.

Three counters of failed passwords, each for LOCK_SECONDS from its first failure:
- one account from one address: locked after ACCOUNT_AT_ADDRESS failures (a guesser);
- one address, any accounts: past ADDRESS_SLOW_AFTER failures, one attempt per delay that
  grows by ADDRESS_DELAY_STEP seconds a failure up to ADDRESS_MAX_DELAY, so an office behind
  one NAT address is slowed, never barred;
- one account from anywhere: locked after ACCOUNT_ANYWHERE failures, which takes many
  addresses (a distributed attack).
An attempt is counted before its password is checked (cache.add then cache.incr, atomic in
Redis and in local memory), so parallel attempts cannot check more passwords than the limit;
a refused or successful attempt gives its count back. Counters live in the cache, shared by
every worker when the cache is Redis.
"""

import contextlib
import hashlib
from dataclasses import dataclass

from django.conf import settings
from django.contrib.admin.forms import AdminAuthenticationForm
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

ACCOUNT_AT_ADDRESS = 5
ADDRESS_SLOW_AFTER = 20
ADDRESS_DELAY_STEP = 5
ADDRESS_MAX_DELAY = 60
ACCOUNT_ANYWHERE = 50
LOCK_SECONDS = 15 * 60


def client_address(request):
    """The client's address: REMOTE_ADDR, or the header a trusted reverse proxy sets."""
    header = getattr(settings, "CLIENT_IP_HEADER", "") or "REMOTE_ADDR"
    return (request.META.get(header) or request.META.get("REMOTE_ADDR") or "").split(",")[0]


@dataclass(frozen=True)
class Keys:
    pair: str
    address: str
    account: str
    address_turn: str


def _keys(request, username):
    """The cache keys of one attempt; names are hashed, case and outer spaces ignored."""
    account = hashlib.sha256(username.strip().casefold().encode()).hexdigest()
    address = client_address(request)
    return Keys(
        pair=f"login-failures:pair:{account}:{address}",
        address=f"login-failures:address:{address}",
        account=f"login-failures:account:{account}",
        address_turn=f"login-turn:address:{address}",
    )


def _count(key):
    """Add one to a counter and return the new value, in one atomic step."""
    cache.add(key, 0, LOCK_SECONDS)
    try:
        return cache.incr(key)
    except ValueError:  # expired between add() and incr()
        cache.add(key, 1, LOCK_SECONDS)
        return 1


def _uncount(*keys):
    """Give back what _count() added: the attempt was refused or the password was right."""
    for key in keys:
        with contextlib.suppress(ValueError):  # expired meanwhile: nothing to give back
            cache.decr(key)


def _address_delay(failures):
    """Seconds until the next attempt from an address with this many failures (0: none)."""
    beyond = max(failures - ADDRESS_SLOW_AFTER, 0)
    return min(beyond * ADDRESS_DELAY_STEP, ADDRESS_MAX_DELAY)


def _take_address_turn(keys, delay):
    """True when no other attempt from the address took the turn in the last delay seconds."""
    return cache.add(keys.address_turn, 1, delay)


def admit(request, username):
    """Count the attempt; None to go on and check the password, else the refusal to raise."""
    keys = _keys(request, username)
    if _count(keys.pair) > ACCOUNT_AT_ADDRESS:
        _uncount(keys.pair)
        return ValidationError(
            ThrottledAdminAuthenticationForm.error_messages["throttled"],
            code="throttled",
            params={"minutes": LOCK_SECONDS // 60},
        )
    delay = _address_delay(_count(keys.address))
    if delay and not _take_address_turn(keys, delay):
        _uncount(keys.pair, keys.address)
        return ValidationError(
            ThrottledAdminAuthenticationForm.error_messages["slowed"],
            code="slowed",
            params={"seconds": delay},
        )
    if _count(keys.account) > ACCOUNT_ANYWHERE:
        _uncount(keys.pair, keys.address, keys.account)
        return ValidationError(
            ThrottledAdminAuthenticationForm.error_messages["throttled"],
            code="throttled",
            params={"minutes": LOCK_SECONDS // 60},
        )
    return None


def succeeded(request, username):
    """The password was right: the account starts afresh from this address."""
    keys = _keys(request, username)
    cache.delete(keys.pair)
    _uncount(keys.address, keys.account)


class ThrottledAdminAuthenticationForm(AdminAuthenticationForm):
    """The admin login form, refusing to even try a password once a limit is reached."""

    error_messages = {
        **AdminAuthenticationForm.error_messages,
        "throttled": _("Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau %(minutes)s phút."),
        "slowed": _(
            "Có quá nhiều lần đăng nhập sai từ địa chỉ mạng này. "
            "Vui lòng thử lại sau %(seconds)s giây."
        ),
    }

    def clean(self):
        username = self.cleaned_data.get("username") or ""
        refusal = admit(self.request, username)
        if refusal is not None:
            raise refusal
        cleaned = super().clean()  # a wrong password raises: its count stays
        succeeded(self.request, username)
        return cleaned
