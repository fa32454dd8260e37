"""Robustness: every public URL answers generated paths and query strings without a 5xx.

Hypothesis drives each route with real slugs of the seed content mixed with arbitrary text
(Vietnamese letters, emoji, control characters, invalid UTF-8, 5,000-character strings) and
query strings over the real filter names plus random ones (repeated keys, impossible dates,
huge numbers, SQL and full-text fragments), with and without the /en/ prefix. 200, 301, 302,
400 and 404 are all acceptable answers; a 500 fails with the URL and the server's traceback.

Runs are derandomised, so CI always sends the same requests: see QUOTAS for how many per route.
"""

import logging
import traceback
from collections import Counter, defaultdict
from dataclasses import dataclass
from urllib.parse import quote, urlencode

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import transaction
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from articles.models import Article, Category, CommemorativeEvent, Tag
from people.models import Official, Organisation, Province

pytestmark = pytest.mark.django_db

# The issue asks for at least this many generated requests over the public URLs.
MINIMUM_TOTAL = 2_000

ARTICLE_FILTERS = (
    "tinh",
    "chuyen_muc",
    "the",
    "ngay_ky_niem",
    "nam",
    "can_bo",
    "don_vi",
    "tu_ngay",
    "den_ngay",
    "page",
)
ORGANISATION_FILTERS = ("tinh", "loai", "cap", "page")


@dataclass(frozen=True)
class Route:
    name: str
    # The path after the language prefix; "{}" is where the generated segment goes.
    template: str
    # Query parameters the view reads; detail pages read none but get fuzzed all the same.
    params: tuple[str, ...] = ()
    # What the segment is drawn from: a key of the real slugs, "pk", "path" or None (no segment).
    segment: str | None = None
    quota: int = 100
    staff: bool = False


ROUTES = (
    Route("home", "", quota=150),
    Route("any_path", "{}", segment="path", quota=150),
    Route("favicon", "favicon.ico", quota=60),
    Route("article_list", "tin-tuc/", ARTICLE_FILTERS, quota=500),
    Route("article_detail", "tin-tuc/{}/", segment="article", quota=170),
    Route("article_preview", "xem-truoc/{}/", segment="pk", quota=80),
    Route("event_list", "ngay-ky-niem/", quota=60),
    Route("event_detail", "ngay-ky-niem/{}/", segment="event", quota=150),
    Route("official_list", "can-bo/", ("page",), quota=100),
    Route("official_detail", "can-bo/{}/", segment="official", quota=150),
    Route("organisation_list", "don-vi/", ORGANISATION_FILTERS, quota=250),
    Route("organisation_detail", "don-vi/{}/", segment="organisation", quota=150),
    Route("province_list", "tinh-thanh/", quota=60),
    Route("province_detail", "tinh-thanh/{}/", segment="province", quota=150),
    # Not public: the same preview signed in as staff, where the pk reaches the database.
    Route("article_preview_staff", "xem-truoc/{}/", segment="pk", quota=80, staff=True),
)
QUOTAS = {route.name: route.quota for route in ROUTES}
PUBLIC_TOTAL = sum(route.quota for route in ROUTES if not route.staff)
ALL_PARAMS = tuple(sorted({param for route in ROUTES for param in route.params}))

# Requests actually sent, by route name, and their answers' statuses.
REQUESTS = Counter()
STATUSES = defaultdict(Counter)

SLUG_MODELS = {
    "article": Article,
    "category": Category,
    "event": CommemorativeEvent,
    "official": Official,
    "organisation": Organisation,
    "province": Province,
    "tag": Tag,
}
# Which real values a query parameter is meant to take.
PARAM_SOURCES = {
    "tinh": "province",
    "chuyen_muc": "category",
    "the": "tag",
    "ngay_ky_niem": "event",
    "can_bo": "official",
    "don_vi": "organisation",
}

# ---------------------------------------------------------------------------------------------
# Strategies
# ---------------------------------------------------------------------------------------------

VIETNAMESE = (
    "aàáảãạăằắẳẵặâầấẩẫậbcdđeèéẻẽẹêềếểễệghiìíỉĩịklmnoòóỏõọôồốổỗộơờớởỡợpqrstuùúủũụưừứửữựvxyỳýỷỹỵ"
    "AÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬĐÊẾỆÔỐỘƠỚỢƯỨỰ"
)
ODD_PIECES = [
    "\x00",
    "\x1b",
    "\x7f",
    "\u200b",  # zero-width space
    "\u202e",  # right-to-left override
    "\ufeff",  # byte order mark
    "\u0301",  # combining acute accent: "a\u0301" is á in NFD
    "😀",
    "🇻🇳",
    "👩‍⚕️",
    "%",
    "/",
    "\\",
    "?",
    "#",
    "&",
    "=",
    "+",
    ";",
    " ",
    ".",
    "-",
    "_",
]
SQL_AND_FTS = [
    "' OR 1=1 --",
    "' OR '1'='1",
    "'; DROP TABLE articles_article; --",
    '"',
    "'",
    "*",
    "NEAR(",
    "NEAR(y tế, 5)",
    "bệnh viện*",
    'a" OR "b',
    "AND OR NOT",
    "(",
    ")",
    "%",
    "_",
    "\\",
    "\x00",
    "%00",
    "{{ 7*7 }}",
    "<script>alert(1)</script>",
    "../../../../etc/passwd",
    "null",
    "None",
    "NaN",
    "Infinity",
    "-Infinity",
    "1e309",
    "1e-400",
    "0x1F",
    "١٢٣",  # Arabic-Indic digits: int() accepts them
    "²",  # str.isdigit() says yes, int() says no
    "last",
    "-0",
    "",
]

# Pieces of text: letters, flags and emoji sequences of several code points, control characters.
pieces = st.one_of(
    st.sampled_from(VIETNAMESE),
    st.sampled_from(ODD_PIECES),
    st.characters(max_codepoint=0x1F),  # control characters, NUL included
    st.characters(),  # any code point but surrogates, which have no UTF-8 form
)
text = st.lists(pieces, max_size=40).map("".join)
long_text = st.builds(
    lambda chunk, length: (chunk * length)[:length],
    st.sampled_from(["a", "9", "ư", "-", "%", "😀", "\x00", "' OR 1=1 --", "tin-tuc"]),
    st.integers(201, 5_000),
)
numbers = st.one_of(
    st.integers(-(2**70), 2**70),
    st.integers(-3, 30),
    st.sampled_from([2**31 - 1, 2**31, 2**63 - 1, 2**63, 2**64, 10**40, -(2**63) - 1]),
).map(str)


def _numeric_date(day, month, year, separator, order):
    parts = {"d": f"{day:02}", "m": f"{month:02}", "y": f"{year:04}"}
    return separator.join(parts[part] for part in order)


dates = st.one_of(
    # Valid dates, in the day-first form the site reads and in others it may or may not.
    st.builds(
        _numeric_date,
        st.integers(1, 28),
        st.integers(1, 12),
        st.integers(1, 9999),
        st.sampled_from(["/", "-", ".", " "]),
        st.sampled_from(["dmy", "ymd", "mdy"]),
    ),
    st.dates().map(lambda day: day.isoformat()),
    st.datetimes().map(lambda moment: moment.isoformat()),
    # Anything numeric: 31/02/2025, 2025-13-45, 00/00/0000, negative years.
    st.builds(
        _numeric_date,
        st.integers(-1, 99),
        st.integers(-1, 99),
        st.integers(-10_000, 100_000),
        st.sampled_from(["/", "-", ".", "", "//"]),
        st.sampled_from(["dmy", "ymd", "mdy", "dm", "y"]),
    ),
    st.sampled_from(["31/02/2025", "29/02/2023", "29/02/2024", "2025-13-45", "00/00/0000"]),
)
generic_values = st.one_of(
    text,
    numbers,
    dates,
    st.sampled_from(SQL_AND_FTS),
    long_text,
    st.binary(max_size=20),  # percent-encoded as is: invalid UTF-8 included
)


def near_misses(slugs):
    """Real slugs altered: some still match Django's slug converter and reach the view."""
    real = st.sampled_from(slugs)
    return st.one_of(
        real.map(str.upper),
        real.map(lambda slug: slug[:-1]),
        st.tuples(real, text).map("".join),
        st.tuples(real, st.sampled_from(["-2", "/", "/extra", "%", "\x00", " ", "ư"])).map("".join),
    )


def segments(kind, slugs, pks):
    """Path segments for a route: real values mixed with anything."""
    anything = st.one_of(text, long_text, numbers, st.sampled_from(SQL_AND_FTS), st.binary())
    if kind == "pk":
        real = st.one_of(
            st.sampled_from(pks).map(str),
            st.integers(0, 10**40).map(str),
            st.integers(0, 2**70).map(lambda number: f"000{number}"),
            st.sampled_from(["9" * 4_300, "9" * 4_301, "9" * 5_000]),
        )
        return st.one_of(real, real, anything)
    if kind == "path":
        words = st.sampled_from(
            [
                "tin-tuc",
                "can-bo",
                "don-vi",
                "tinh-thanh",
                "ngay-ky-niem",
                "xem-truoc",
                "favicon.ico",
                "en",
                "vi",
                "static",
                "media",
                "..",
                ".",
                "",
            ]
        )
        part = st.one_of(words, words, anything, st.sampled_from(slugs["article"]))
        # Joined by real slashes; a "/" inside a part arrives percent-encoded, then decoded.
        return st.lists(part.map(_encode), min_size=1, max_size=4).map("/".join)
    # Most requests reach the view with a real slug and a fuzzed query string.
    real = st.sampled_from(slugs[kind])
    return st.one_of(real, real, real, near_misses(slugs[kind]), anything)


def _encode(value):
    return quote(value, safe="")


def query_strings(params, slugs):
    """Query strings over the route's parameters, every other one, and random names."""
    names = st.one_of(
        st.sampled_from(params or ALL_PARAMS),
        st.sampled_from(params or ALL_PARAMS),
        st.sampled_from(ALL_PARAMS),
        st.sampled_from(["q", "o", "lang", "language", "tinh[]", "page ", "TINH", "__proto__", ""]),
        st.lists(pieces, max_size=20).map("".join),
    )
    all_slugs = [slug for values in slugs.values() for slug in values]
    choices = [*Organisation.Kind.values, *Organisation.Level.values]

    def values_for(name):
        if name in PARAM_SOURCES:
            real = st.sampled_from(slugs[PARAM_SOURCES[name]])
        elif name in {"loai", "cap"}:
            real = st.sampled_from(choices)
        elif name == "nam":
            real = st.integers(1890, 2210).map(str)
        elif name in {"tu_ngay", "den_ngay"}:
            real = dates
        elif name == "page":
            real = st.one_of(st.integers(-2, 5).map(str), st.just("last"))
        else:
            real = st.sampled_from(all_slugs)
        return st.one_of(real, real, st.sampled_from(all_slugs), generic_values)

    pair = names.flatmap(lambda name: st.tuples(st.just(name), values_for(name)))
    repeated = names.flatmap(
        lambda name: st.lists(values_for(name), min_size=2, max_size=5).map(
            lambda values: [(name, value) for value in values]
        )
    )
    pairs = st.lists(st.one_of(pair.map(lambda item: [item]), repeated), max_size=8).map(
        lambda groups: [item for group in groups for item in group]
    )
    encoded = pairs.map(urlencode)
    # Hand-made query strings: stray "&" and "=", malformed percent escapes, ";" separators.
    raw = st.text(st.sampled_from("=&%;+?#abcfFzZ019-_./ư\x00"), max_size=60).map(
        lambda value: quote(value, safe="=&%;+?/")
    )
    return st.one_of(st.just(""), encoded, encoded, encoded, raw)


def urls(route, slugs, pks):
    prefix = st.one_of(
        *[st.just(""), st.just("/en")] * 2,
        st.sampled_from(["/vi", "/EN", "/en-us", "/fr", "/en/en", "/zh-hans", "/%65n"]),
    )
    if route.segment is None:
        path = st.just(route.template)
    else:
        segment = segments(route.segment, slugs, pks)
        if route.segment != "path":
            segment = segment.map(_encode)
        path = segment.map(route.template.format)
    # Now and then without the trailing slash: CommonMiddleware's redirect gets a go too.
    keep_slash = st.sampled_from([True] * 5 + [False])
    query = query_strings(route.params, slugs)
    return st.builds(_url, prefix, path, keep_slash, query)


def _url(prefix, path, keep_slash, query):
    url = f"{prefix}/{path}"
    if not keep_slash and len(url) > 1 and url.endswith("/"):
        url = url[:-1]
    return f"{url}?{query}" if query else url


# ---------------------------------------------------------------------------------------------
# Tests
# ---------------------------------------------------------------------------------------------


@pytest.fixture
def quiet_request_log():
    """Thousands of expected 404s and 400s would drown a real failure's log.

    django.request still logs a 500 with its traceback; django.security's 400s (a redirect
    past 16,384 characters, too many fields) are expected answers and stay silent.
    """
    levels = {"django.request": logging.ERROR, "django.security": logging.CRITICAL}
    loggers = {logging.getLogger(name): level for name, level in levels.items()}
    saved = {logger: logger.level for logger in loggers}
    for logger, level in loggers.items():
        logger.setLevel(level)
    yield
    for logger, level in saved.items():
        logger.setLevel(level)


def get(client, url):
    """GET url; whatever the view does to the database is rolled back, even a failed query."""
    savepoint = transaction.savepoint_create()
    try:
        return client.get(url)
    finally:
        transaction.savepoint_rollback(savepoint)


def failure(url, response):
    message = f"GET {url!r} answered {response.status_code}"
    if response.exc_info:
        message += "\n" + "".join(traceback.format_exception(*response.exc_info))
    return message


@pytest.mark.parametrize("route", ROUTES, ids=lambda route: route.name)
def test_no_server_error(route, quiet_request_log):
    call_command("loaddata", "people", "articles", verbosity=0)
    slugs = {
        name: sorted(model.objects.values_list("slug", flat=True))
        for name, model in SLUG_MODELS.items()
    }
    pks = sorted(Article.objects.values_list("pk", flat=True))
    client = Client(raise_request_exception=False)
    if route.staff:
        client.force_login(
            get_user_model().objects.create_superuser("fuzz", "fuzz@example.com", "unused")
        )
    REQUESTS[route.name] = 0
    STATUSES[route.name].clear()

    @settings(
        max_examples=route.quota,
        derandomize=True,
        database=None,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(url=urls(route, slugs, pks))
    def fuzz(url):
        REQUESTS[route.name] += 1
        response = get(client, url)
        STATUSES[route.name][response.status_code] += 1
        assert response.status_code < 500, failure(url, response)

    fuzz()
    print(f"{route.name}: {REQUESTS[route.name]} requests, {_statuses(route.name)}")
    assert REQUESTS[route.name] >= route.quota


def _statuses(name):
    return " ".join(f"{status}:{count}" for status, count in sorted(STATUSES[name].items()))


def test_quotas_add_up_to_the_issue_minimum():
    assert PUBLIC_TOTAL >= MINIMUM_TOTAL


def test_requests_sent():
    """After the whole module: how many requests each route got (shown with -s or -rP)."""
    if set(REQUESTS) != set(QUOTAS):
        pytest.skip("run the whole module to count every route's requests")
    for name, count in REQUESTS.items():
        print(f"{name:24} {count:5}  {_statuses(name)}")
    public = sum(count for name, count in REQUESTS.items() if not name.endswith("_staff"))
    print(f"{'public total':24} {public:5}")
    assert public >= MINIMUM_TOTAL
