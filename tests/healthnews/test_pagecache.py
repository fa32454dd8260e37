"""Cached public pages: what a change shows at once, what is never cached, what is stored."""

import datetime
import gzip
import logging
import time

import pytest
from django.http import HttpResponse
from django.middleware.csp import ContentSecurityPolicyMiddleware, get_nonce
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import timezone, translation

from articles.models import Article, Category
from healthnews import pagecache
from tests.factories import make_article, make_event, make_province, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 600


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run a change as if its transaction committed (the test's own transaction never does)."""

    def run(change, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return change(*args, **kwargs)

    return run


def text(client, url, **headers):
    response = client.get(url, headers=headers)
    assert response.status_code == 200
    return response.content.decode()


def pages(article):
    """The public pages on which a published article of a province is listed."""
    return [
        reverse("articles:home"),
        reverse("articles:article_list"),
        f"{reverse('articles:article_list')}?tinh={article.province.slug}",
        article.province.get_absolute_url(),
        reverse("rss_province", args=[article.province.slug]),
        f"{reverse('articles:search')}?q=tiem+chung",
    ]


@pytest.fixture
def shown():
    province = make_province(name="Điện Biên")
    return make_article(title="Tiêm chủng mở rộng ở Điện Biên", province=province)


def test_a_second_request_is_served_from_the_cache_without_a_query(
    client, shown, django_assert_num_queries
):
    first = text(client, reverse("articles:home"))

    with django_assert_num_queries(0):
        second = text(client, reverse("articles:home"))

    assert second == first
    assert "Tiêm chủng mở rộng ở Điện Biên" in second


def test_publishing_shows_on_every_page_at_once(client, shown, committed):
    draft = make_article(
        title="Tiêm chủng cho trẻ ở Mường Nhé", province=shown.province, status="draft"
    )
    before = [text(client, url) for url in pages(shown)]

    def publish():
        draft.status = Article.Status.PUBLISHED
        draft.published_at = timezone.now()
        draft.save()

    committed(publish)

    assert ["Mường Nhé" in page for page in before] == [False] * 6
    assert ["Mường Nhé" in text(client, url) for url in pages(shown)] == [True] * 6


def test_editing_and_unpublishing_show_on_every_page_at_once(client, shown, committed):
    for url in pages(shown):
        text(client, url)

    shown.title = "Tiêm chủng mở rộng ở Điện Biên: đợt hai"
    committed(shown.save)
    edited = ["đợt hai" in text(client, url) for url in pages(shown)]
    shown.status = Article.Status.DRAFT
    committed(shown.save)

    assert edited == [True] * 6
    assert ["Tiêm chủng mở rộng" in text(client, url) for url in pages(shown)] == [False] * 6


def test_the_news_count_follows_publication(client, shown, committed):
    before = text(client, reverse("articles:article_list"))

    committed(make_article, title="Tin thứ hai")

    assert "1 bài viết" in before
    assert "2 bài viết" in text(client, reverse("articles:article_list"))


def test_an_editor_publishing_in_the_admin_shows_on_the_home_page_at_once(client, committed):
    draft = make_article(title="Bệnh viện mở khoa mới", status="draft")
    home = text(client, reverse("articles:home"))
    editor = make_user("Biên tập viên")
    admin = client.__class__()
    admin.force_login(editor)

    committed(
        admin.post,
        reverse("admin:articles_article_changelist"),
        {"action": "publish_selected", "_selected_action": [draft.pk]},
    )

    assert "Bệnh viện mở khoa mới" not in home
    assert "Bệnh viện mở khoa mới" in text(client, reverse("articles:home"))


def test_a_scheduled_article_appears_when_its_time_comes_without_any_save(client):
    due = timezone.now() + datetime.timedelta(seconds=2)
    make_article(title="Tin hẹn giờ", published_at=due)
    before = text(client, reverse("articles:home"))
    cached = client.get(reverse("articles:home"))

    time.sleep((due - timezone.now()).total_seconds() + 1.05)  # the version lasts whole seconds

    assert "Tin hẹn giờ" not in before
    assert cached["X-Page-Cache"] == "hit"
    assert "Tin hẹn giờ" in text(client, reverse("articles:home"))


def test_the_countdown_to_a_commemoration_is_not_kept_past_midnight(monkeypatch):
    now = timezone.make_aware(datetime.datetime(2026, 11, 23, 21, 30))

    expires = pagecache._next_change(now)

    assert timezone.localtime(expires) == timezone.make_aware(datetime.datetime(2026, 11, 24))


def test_a_logged_in_editor_gets_fresh_pages_and_a_draft_preview_never_reaches_readers(client):
    draft = make_article(title="Bản nháp chưa duyệt", status="draft")
    preview = reverse("articles:article_preview", args=[draft.pk])
    editor = make_user("Biên tập viên")
    staff = client.__class__()
    staff.force_login(editor)
    text(client, reverse("articles:home"))

    staff_preview = text(staff, preview)
    reader = client.get(preview)
    staff_home = staff.get(reverse("articles:home"))

    assert "Bản nháp chưa duyệt" in staff_preview
    assert reader.status_code == 302
    assert "Bản nháp chưa duyệt" not in reader.content.decode()
    assert "X-Page-Cache" not in staff_home


def test_a_page_whose_rendering_used_the_csp_nonce_is_never_cached():
    calls = []

    def view(request):
        calls.append(request)
        return HttpResponse(f"<script nonce='{get_nonce(request)}'></script>")

    middleware = pagecache.PageCacheMiddleware(ContentSecurityPolicyMiddleware(view))
    for _ in range(2):
        middleware(RequestFactory().get("/tin-tuc/"))

    assert len(calls) == 2


def test_cached_public_pages_carry_the_same_csp_without_a_nonce(client, shown):
    first = client.get(reverse("articles:home"))
    second = client.get(reverse("articles:home"))

    assert [first["X-Page-Cache"], second["X-Page-Cache"]] == ["miss", "hit"]
    assert second["Content-Security-Policy"] == first["Content-Security-Policy"]
    assert "nonce" not in second["Content-Security-Policy"]


def test_a_compressed_page_is_never_served_to_a_reader_who_cannot_unpack_it(client, shown):
    packed = client.get(reverse("articles:home"), headers={"accept-encoding": "gzip"})
    plain = client.get(reverse("articles:home"))

    assert packed["Content-Encoding"] == "gzip"
    assert "Tiêm chủng mở rộng ở Điện Biên" in gzip.decompress(packed.content).decode()
    assert "Content-Encoding" not in plain
    assert "Tiêm chủng mở rộng ở Điện Biên" in plain.content.decode()


def test_with_the_cache_off_every_request_renders_the_page(client, shown, settings):
    settings.PAGE_CACHE_SECONDS = 0
    text(client, reverse("articles:home"))
    Article.objects.filter(pk=shown.pk).update(title="Đổi không qua tín hiệu")

    assert "Đổi không qua tín hiệu" in text(client, reverse("articles:home"))


def test_the_article_count_of_a_commemoration_follows_publication(client, committed, settings):
    settings.PAGE_CACHE_SECONDS = 0  # the count itself is kept per content version
    event = make_event(name="Ngày Thầy thuốc Việt Nam")
    make_article(commemoration=event, commemoration_year=2025)
    before = text(client, reverse("articles:event_list"))

    committed(make_article, commemoration=event, commemoration_year=2026)

    assert "1 bài viết" in before
    assert "2 bài viết" in text(client, reverse("articles:event_list"))


def test_a_page_cached_over_https_is_never_served_over_plain_http(client, shown, settings):
    settings.SECURE_SSL_REDIRECT = True
    secure = client.get(reverse("articles:home"), secure=True)
    secure_again = client.get(reverse("articles:home"), secure=True)

    plain = client.get(reverse("articles:home"))

    assert [secure["X-Page-Cache"], secure_again["X-Page-Cache"]] == ["miss", "hit"]
    assert plain.status_code == 301
    assert plain["Location"] == "https://testserver/"


def test_a_page_from_the_cache_carries_every_security_header_of_a_rendered_one(client, shown):
    names = [
        "Content-Security-Policy",
        "X-Frame-Options",
        "X-Content-Type-Options",
        "Referrer-Policy",
        "Cross-Origin-Opener-Policy",
        "Content-Type",
    ]
    rendered = client.get(reverse("articles:article_list"))

    cached = client.get(reverse("articles:article_list"))

    assert cached["X-Page-Cache"] == "hit"
    assert [cached.get(name) for name in names] == [rendered.get(name) for name in names]
    assert all(rendered.get(name) for name in names)


def test_a_new_province_is_offered_by_the_news_filter_at_once(client, shown, committed):
    """The filter's options are kept per content version in each process (no query)."""
    url = reverse("articles:article_list")
    before = text(client, url)

    committed(make_province, name="Tỉnh Mới Lập", slug="tinh-moi-lap")

    assert '<option value="tinh-moi-lap">' not in before
    assert '<option value="tinh-moi-lap">Tỉnh Mới Lập</option>' in text(client, url)
    # ...and choosing it filters (an option that the form would refuse is no option)
    assert "Không có bài viết nào" in text(client, f"{url}?tinh=tinh-moi-lap")


def test_a_cached_list_shows_renamed_provinces_and_categories_at_once(client, shown, committed):
    shown.category = category = Category.objects.create(name="Chuyên mục Alpha")
    committed(shown.save)
    url = reverse("articles:article_list")
    first = text(client, url)

    assert "tỉnh Điện Biên" in first and "Chuyên mục Alpha" in first
    province = shown.province
    province.name = "Điện Biên Phủ"
    committed(province.save)
    category.name = "Chuyên mục Beta"
    committed(category.save)

    html = text(client, url)
    assert "tỉnh Điện Biên Phủ" in html and "Chuyên mục Beta" in html
    assert "Chuyên mục Alpha" not in html


def test_an_article_of_a_province_newer_than_the_process_copy_still_shows_it(client, settings):
    settings.PAGE_CACHE_SECONDS = 0
    make_article(title="Tin cũ")
    text(client, reverse("articles:article_list"))  # the copy is read now, without the new one
    make_article(title="Tin tỉnh mới", province=make_province(name="Tỉnh Mới Lập"))  # no commit

    assert "tỉnh Tỉnh Mới Lập" in text(client, reverse("articles:article_list"))


def test_kept_filter_selects_show_each_requests_choice(client, shown, settings):
    """The <select> HTML kept per version and choice: each request still gets its own."""
    settings.PAGE_CACHE_SECONDS = 0
    url = reverse("articles:article_list")
    selected = '<option value="dien-bien" selected>'

    for _ in range(2):  # rendered, then kept
        assert selected in text(client, f"{url}?tinh=dien-bien")
        assert selected not in text(client, url)
        refused = text(client, f"{url}?tinh=dien-bien-x")
        assert selected not in refused and "Bộ lọc không hợp lệ" in refused
    with translation.override("en"):
        english = text(client, reverse("articles:article_list"))
    assert '<option value="" selected>All</option>' in english


def test_a_page_rendered_across_a_commit_is_never_served_after_it(settings):
    bodies = iter(["rendered before the commit", "rendered after the commit"])

    def view(request):
        body = next(bodies)
        if body == "rendered before the commit":
            pagecache.renew()  # a commit lands while this page is being rendered
        return HttpResponse(body)

    middleware = pagecache.PageCacheMiddleware(view)

    first = middleware(RequestFactory().get("/tin-tuc/"))
    second = middleware(RequestFactory().get("/tin-tuc/"))

    assert first.content == b"rendered before the commit"
    assert second.content == b"rendered after the commit"


def test_parameters_a_page_does_not_read_serve_the_page_and_store_nothing(client, shown):
    addresses = ["/?x=1", "/?x=1", "/?x=2", "/?page=2", "/tin-tuc/?fbclid=abc"]

    responses = [client.get(address) for address in addresses]

    assert [response.status_code for response in responses] == [200] * 5
    assert all("Tiêm chủng mở rộng ở Điện Biên" in r.content.decode() for r in responses)
    assert [response.get("X-Page-Cache") for response in responses] == [None] * 5


def test_parameters_a_page_reads_are_cached(client, shown):
    addresses = [
        f"{reverse('articles:article_list')}?tinh=dien-bien&page=1",
        f"{reverse('articles:search')}?q=tiem+chung&chuyen_muc=",
        f"{reverse('directory:organisation_list')}?tinh=dien-bien&loai=&cap=",
    ]

    first = [client.get(address)["X-Page-Cache"] for address in addresses]
    second = [client.get(address)["X-Page-Cache"] for address in addresses]

    assert first == ["miss"] * 3
    assert second == ["hit"] * 3


def test_readers_get_every_page_while_redis_is_down(shown, unreachable_cache):
    reader = Client(raise_request_exception=False)

    responses = [reader.get(url) for url in [*pages(shown), shown.get_absolute_url()]]

    assert [response.status_code for response in responses] == [200] * 7
    assert ["mở rộng ở Điện Biên" in r.content.decode() for r in responses] == [True] * 7


def test_a_change_while_redis_is_down_shows_at_once(client, shown, committed, unreachable_cache):
    before = text(client, reverse("articles:article_list"))
    shown.title = "Tiêm chủng mở rộng: đợt hai"

    committed(shown.save)

    assert "đợt hai" not in before
    assert "đợt hai" in text(client, reverse("articles:article_list"))


def test_redis_down_is_logged_once_not_per_request(client, shown, unreachable_cache, caplog):
    with caplog.at_level(logging.ERROR, logger="healthnews.pagecache"):
        for url in pages(shown) * 3:
            client.get(url)

    assert [record.getMessage() for record in caplog.records] == [
        "Shared cache unreachable: working without it"
    ]
