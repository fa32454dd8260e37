"""The public site as a reader meets it: a journey through the links, accessibility, screenshots.

The content is the seed fixtures (five real articles from five provinces, their officials and
organisations). axe-core comes from the PyPI package axe-playwright-python, which ships
axe.min.js; it is injected only into a context that bypasses the site's Content-Security-Policy.
"""

import json
import re
from pathlib import Path

import axe_playwright_python
import pytest
from django.core.management import call_command
from playwright.sync_api import Page, expect

pytestmark = [
    pytest.mark.browser,
    # The live server needs committed data, so the test database is flushed after each browser
    # test; the serialized rollback puts back what the migrations created before each one.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

AXE_JS = Path(axe_playwright_python.__file__).with_name("axe.min.js")
PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 900}

HUE_TITLE = (
    "Thừa Thiên Huế: Ngành Y tế nâng cao chất lượng khám chữa bệnh, chăm sóc sức khỏe nhân dân"
)
HUE_SLUG = "thua-thien-hue-nganh-y-te-nang-cao-chat-luong-kham-chua-benh-cham-soc-suc-khoe-nhan-dan"

INDICATOR = "Tỷ lệ dân số tham gia bảo hiểm y tế"

# Every kind of public page: (name, path, HTTP status, the heading a reader sees first).
PAGES = [
    ("home", "/", 200, "Tin chính"),
    ("news-list", "/tin-tuc/", 200, "Tin tức"),
    ("news-filtered", "/tin-tuc/?tinh=thua-thien-hue&chuyen_muc=kham-chua-benh", 200, "Tin tức"),
    ("article", f"/tin-tuc/{HUE_SLUG}/", 200, HUE_TITLE),
    ("official-list", "/can-bo/", 200, "Cán bộ"),
    ("official", "/can-bo/tran-kiem-hao/", 200, "PGS.TS.BS Trần Kiêm Hảo"),
    ("organisation-list", "/don-vi/", 200, "Cơ sở y tế, đơn vị"),
    ("organisation", "/don-vi/so-y-te-thua-thien-hue/", 200, "Sở Y tế Thừa Thiên Huế"),
    ("province-list", "/tinh-thanh/", 200, "Tỉnh, thành phố"),
    ("province", "/tinh-thanh/hue/", 200, "Thành phố Huế"),
    ("event-list", "/ngay-ky-niem/", 200, "Ngày kỷ niệm"),
    ("event", "/ngay-ky-niem/ngay-thay-thuoc-viet-nam/", 200, "Ngày Thầy thuốc Việt Nam"),
    ("search", "/tim-kiem/?q=hu%E1%BA%BF", 200, "Tìm kiếm"),
    ("document-list", "/van-ban/", 200, "Văn bản"),
    ("document", "/van-ban/chi-thi-42-ct-tu/", 200, "Chỉ thị số 42-CT/TU"),
    ("indicator-list", "/so-lieu/", 200, "Số liệu y tế"),
    ("indicator", "/so-lieu/ty-le-dan-so-tham-gia-bao-hiem-y-te/", 200, INDICATOR),
    ("about", "/gioi-thieu/", 200, "Giới thiệu"),
    ("schedule", "/lich-cong-tac/", 200, "Lịch công tác Sở Y tế Lào Cai"),
    ("404", "/khong-co-trang-nay/", 404, "Không tìm thấy trang"),
]


@pytest.fixture
def seed(transactional_db):
    """The five seed articles with their provinces, officials and organisations."""
    call_command("loaddata", "people", "articles", verbosity=0)


@pytest.fixture
def public_screens(screens):
    folder = screens / "public"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def heading(page: Page, text):
    """The first-level heading, or on the home page (whose h1 is for screen readers) an h2."""
    return page.get_by_role("heading", name=text, exact=True).first


def assert_no_horizontal_scroll(page: Page, where):
    scroll, client = page.evaluate(
        "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    assert scroll <= client, f"{where}: horizontal scroll at {client} px ({scroll} px wide)"


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["360", "1280"])
def test_reader_follows_province_article_official_organisation(
    live_server, seed, page: Page, browser_errors, viewport
):
    page.set_default_timeout(10_000)
    page.set_viewport_size(viewport)
    base = live_server.url

    def step(name):
        assert_no_horizontal_scroll(page, name)

    # 1. Home: the lead story and the latest news.
    page.goto(f"{base}/")
    expect(page).to_have_title("Tin tức Y tế")
    expect(heading(page, "Tin chính")).to_be_visible()
    expect(heading(page, "Tin mới")).to_be_visible()
    step("home")
    # The first Tab shows the skip link, which moves the focus to the content.
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Bỏ qua, đến nội dung chính")
    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport()
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_be_focused()

    # 2. "Tin tức" in the site navigation.
    nav = page.get_by_role("navigation", name="Chuyên trang")
    nav.get_by_role("link", name="Tin tức", exact=True).click()
    expect(page).to_have_url(f"{base}/tin-tuc/")
    expect(heading(page, "Tin tức")).to_be_visible()
    expect(page.locator("article.card")).to_have_count(5)
    step("news list")

    # 3. Filter by province with the form.
    page.locator("#id_tinh").select_option(label="Thừa Thiên Huế")
    page.get_by_role("button", name="Lọc", exact=True).click()
    expect(page).to_have_url(re.compile(r"/tin-tuc/\?tinh=thua-thien-hue(&|$)"))
    expect(heading(page, "Tin tức")).to_be_visible()
    expect(page.locator("#id_tinh")).to_have_value("thua-thien-hue")
    expect(page.locator("article.card .card-title")).to_have_text([HUE_TITLE])
    expect(page.locator(".count")).to_have_text("1 bài viết")
    step("filtered news list")

    # 4. The article.
    page.locator("article.card").get_by_role("link", name=HUE_TITLE).click()
    expect(page).to_have_url(f"{base}/tin-tuc/{HUE_SLUG}/")
    expect(heading(page, HUE_TITLE)).to_be_visible()
    expect(page.locator(".article .meta")).to_contain_text("tỉnh Thừa Thiên Huế")
    # The seeds' captions lost their photos: kept for editors, not shown to readers.
    expect(page.locator("figure")).to_have_count(0)
    step("article")

    # 5. An official mentioned in it.
    officials = page.locator(
        "section", has=page.get_by_role("heading", name="Cán bộ được nhắc đến")
    )
    officials.get_by_role("link", name="Trần Kiêm Hảo").click()
    expect(page).to_have_url(f"{base}/can-bo/tran-kiem-hao/")
    expect(heading(page, "PGS.TS.BS Trần Kiêm Hảo")).to_be_visible()
    expect(page.locator("main .entries")).to_contain_text("Giám đốc, Sở Y tế Thừa Thiên Huế")
    expect(page.locator("article.card .card-title")).to_have_text([HUE_TITLE])
    step("official")

    # 6. The organisation he heads.
    page.locator("main .entries").get_by_role("link", name="Sở Y tế Thừa Thiên Huế").click()
    expect(page).to_have_url(f"{base}/don-vi/so-y-te-thua-thien-hue/")
    expect(heading(page, "Sở Y tế Thừa Thiên Huế")).to_be_visible()
    expect(page.locator("main > .meta")).to_contain_text("tỉnh Thừa Thiên Huế")
    expect(page.locator("main .entries").first).to_contain_text("Trần Kiêm Hảo, Giám đốc")
    expect(page.locator("article.card .card-title")).to_have_text([HUE_TITLE])
    step("organisation")

    # No console error (CSP violations are logged as such) and no script error anywhere.
    assert browser_errors == []


@pytest.mark.parametrize("prefix", ["", "/en"], ids=["vi", "en"])
def test_on_a_phone_the_header_is_short_and_shows_the_current_section(
    live_server, seed, page: Page, browser_errors, prefix
):
    page.set_default_timeout(10_000)
    page.set_viewport_size(PHONE)

    for path in ("/", "/can-bo/tran-kiem-hao/", "/ngay-ky-niem/"):
        page.goto(f"{live_server.url}{prefix}{path}")
        header = page.locator("header.masthead").bounding_box()
        assert header["height"] <= 120, (path, header["height"])
        # The navigation row scrolls sideways; the current section is scrolled into sight.
        current = page.locator(".site-nav [aria-current]")
        expect(current).to_have_count(1)
        expect(current).to_be_in_viewport(ratio=1)
        assert_no_horizontal_scroll(page, path)
    assert browser_errors == []


def test_copy_link_copies_the_articles_address(live_server, seed, new_context):
    context = new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.goto(f"{live_server.url}/tin-tuc/{HUE_SLUG}/")

    page.get_by_role("link", name="Chép liên kết").click()

    expect(page.get_by_role("status").filter(has_text="Đã chép liên kết.")).to_be_visible()
    assert page.evaluate("() => navigator.clipboard.readText()") == (
        f"{live_server.url}/tin-tuc/{HUE_SLUG}/"
    )
    expect(page.get_by_role("button", name="In bài")).to_be_visible()


def axe_scan(page: Page):
    """axe-core's violations on the current page, all rules (WCAG and best practices)."""
    page.add_script_tag(path=AXE_JS)
    return page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")["violations"]


def describe(violations):
    return [
        f"{v['impact']}: {v['id']} ({v['help']}) at "
        + "; ".join(" ".join(node["target"]) for node in v["nodes"])
        for v in violations
    ]


@pytest.mark.parametrize(("name", "path", "status", "title"), PAGES, ids=[p[0] for p in PAGES])
def test_page_has_no_serious_accessibility_violation(
    live_server, seed, new_context, public_screens, name, path, status, title
):
    # Only this context bypasses the CSP, to inject axe.min.js.
    page = new_context(bypass_csp=True).new_page()
    page.set_default_timeout(10_000)
    serious = []
    for viewport in (DESKTOP, PHONE):  # contrast and target sizes depend on the layout
        page.set_viewport_size(viewport)
        response = page.goto(f"{live_server.url}{path}")
        assert response.status == status
        expect(heading(page, title)).to_be_visible()
        report = describe(axe_scan(page))
        (public_screens / f"axe-{name}-{viewport['width']}.json").write_text(
            json.dumps(report, ensure_ascii=False, indent=2), encoding="utf-8"
        )
        serious += [
            f"{viewport['width']} px: {line}"
            for line in report
            if line.startswith(("serious", "critical"))
        ]
    assert serious == [], "\n".join(serious)


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["360", "1280"])
def test_screenshots_of_every_page(
    live_server, seed, page: Page, browser_errors, public_screens, viewport
):
    """Full-page screenshots to look at; at 360 px no page scrolls sideways."""
    page.set_default_timeout(10_000)
    page.set_viewport_size(viewport)
    for name, path, status, title in PAGES:
        response = page.goto(f"{live_server.url}{path}")
        assert response.status == status, name
        expect(heading(page, title)).to_be_visible()
        assert_no_horizontal_scroll(page, name)
        page.screenshot(path=public_screens / f"{name}-{viewport['width']}.png", full_page=True)
    # The 404 page's own status is logged as a failed resource; nothing else may be.
    missing = f"status of 404 (Not Found) @ {live_server.url}/khong-co-trang-nay/"
    assert [error for error in browser_errors if not error.endswith(missing)] == []
