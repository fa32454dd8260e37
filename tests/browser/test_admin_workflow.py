"""An editor's day in the browser: write a draft with a photo, preview it, publish it."""

import datetime
import re

import pytest
from django.utils import timezone
from PIL import Image, ImageDraw
from playwright.sync_api import Page, expect

from articles.models import Article
from tests.factories import make_province

pytestmark = [
    pytest.mark.browser,
    # The live server needs committed data, so the test database is flushed after each browser
    # test (conftest runs them last); the serialized rollback puts back what the migrations
    # created (the editorial groups) before each one, so that a second browser test has them.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

TITLE = "Điện Biên: Sở Y tế kiểm tra phòng chống sốt xuất huyết"
SLUG = "dien-bien-so-y-te-kiem-tra-phong-chong-sot-xuat-huyet"
LEAD = "Đoàn công tác của Sở Y tế tỉnh Điện Biên kiểm tra công tác phòng, chống dịch tại các xã."
BODY = (
    "Tại xã Mường Phăng, đoàn đã hướng dẫn người dân diệt lăng quăng, bọ gậy; "
    "đến nay chưa ghi nhận ổ dịch mới."
)
CAPTION = "Cán bộ y tế phun hóa chất diệt muỗi tại bản Phăng, xã Mường Phăng"
ALT_TEXT = "Cán bộ y tế đeo khẩu trang phun thuốc diệt muỗi quanh nhà dân"


def small_jpeg(path):
    """A real 640x400 JPEG: blue sky, green hill, a yellow sun."""
    image = Image.new("RGB", (640, 400), (120, 180, 230))
    draw = ImageDraw.Draw(image)
    draw.ellipse((-100, 220, 740, 700), fill=(60, 140, 70))
    draw.ellipse((480, 40, 560, 120), fill=(250, 210, 60))
    image.save(path, "JPEG", quality=85)
    return path


def image_loaded(page: Page, selector):
    """The natural width of the image once it has loaded (0 if it failed)."""
    image = page.locator(selector)
    image.scroll_into_view_if_needed()
    page.wait_for_function(
        "selector => document.querySelector(selector).complete", arg=selector, timeout=5000
    )
    return image.evaluate("img => img.naturalWidth")


def rendition_shown(page: Page, selector):
    """The rendition the browser chose for the photo, once loaded: "360.webp" and the like."""
    assert image_loaded(page, selector) > 0
    return page.locator(selector).evaluate("img => img.currentSrc").rsplit("-", 1)[1]


def full_page_screenshot(page: Page, path):
    """The whole page from its top (the admin's sticky sidebar follows the scroll position)."""
    page.evaluate("() => window.scrollTo(0, 0)")
    page.screenshot(path=path, full_page=True)


def test_editor_writes_previews_and_publishes_article(
    live_server, page: Page, editor_credentials, browser_errors, screens, tmp_path
):
    province = make_province(name="Điện Biên")
    photo = small_jpeg(tmp_path / "phun-thuoc-diet-muoi.jpg")
    page.set_default_timeout(10_000)

    # 1. Log in through the form.
    username, password = editor_credentials
    page.goto(f"{live_server.url}/admin/login/?next=/admin/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(password)
    page.locator("#login-form [type=submit]").click()
    expect(page).to_have_url(f"{live_server.url}/admin/")
    expect(page.locator("#user-tools")).to_contain_text(username)

    # 2. Write the draft: title, lead, body in the prose editor, province, one photo.
    page.goto(f"{live_server.url}/admin/articles/article/add/")
    page.locator("#id_title").fill(TITLE)
    page.locator("#id_lead").fill(LEAD)
    editor = page.locator(".field-body .ProseMirror[contenteditable=true]")
    editor.click()
    page.keyboard.type(BODY)
    # The editor's toolbar speaks Vietnamese (its bundle hard-codes English titles).
    expect(page.locator('.field-body [title="In đậm"]')).to_have_count(1)
    expect(page.locator('.field-body [title="bold"], .field-body [title="undo"]')).to_have_count(0)
    expect(editor).to_contain_text(BODY)

    page.locator(".field-province .select2-selection").click()
    page.locator(".select2-container--open .select2-search__field").fill("dien bi")
    page.locator(".select2-results__option", has_text="Điện Biên").click()
    expect(page.locator("#id_province")).to_have_value(str(province.pk))

    add_figure = page.locator("#figures-group .add-row a")
    expect(add_figure).to_contain_text("Thêm")
    add_figure.click()
    page.locator("#id_figures-0-image").set_input_files(photo)
    page.locator("#id_figures-0-caption").fill(CAPTION)
    page.locator("#id_figures-0-alt_text").fill(ALT_TEXT)
    page.locator("#id_figures-0-order").fill("0")
    page.locator("#id_figures-0-position").fill("1")  # after the first paragraph

    expect(page.locator(".workflow-state")).to_contain_text("Bản nháp")
    page.locator("input[name=_continue]").click()

    success = page.locator("ul.messagelist li.success")
    expect(success).to_be_visible()
    expect(success).to_contain_text(TITLE)
    article = Article.objects.get(title=TITLE)
    assert article.status == Article.Status.DRAFT
    assert article.body == f"<p>{BODY}</p>"
    assert article.slug == SLUG
    assert article.province == province
    assert article.created_by.username == username
    figure = article.figures.get()
    assert (figure.caption, figure.alt_text, figure.position) == (CAPTION, ALT_TEXT, 1)
    assert figure.image.name.startswith("figures/") and figure.image.name.endswith(".jpg")
    expect(page).to_have_url(f"{live_server.url}/admin/articles/article/{article.pk}/change/")
    expect(page.locator(".field-body .ProseMirror[contenteditable=true]")).to_contain_text(BODY)
    assert image_loaded(page, "#figures-0 img.figure-preview") == 640
    full_page_screenshot(page, screens / "admin-edit-form.png")

    # 3. Preview the draft from the "view on site" link.
    page.locator("a.viewsitelink").click()
    expect(page).to_have_url(f"{live_server.url}/xem-truoc/{article.pk}/")
    expect(page.locator(".preview-banner")).to_be_visible()
    expect(page.locator(".preview-banner")).to_contain_text("bản nháp")
    expect(page.locator("h1")).to_have_text(TITLE)
    expect(page.locator("figure figcaption")).to_have_text(CAPTION)
    expect(page.locator("figure img")).to_have_attribute("alt", ALT_TEXT)
    # The 640 px photo's renditions are 160, 360 and 640 px wide: the 736 px column takes 640.
    assert rendition_shown(page, "figure img") == "640.webp"
    full_page_screenshot(page, screens / "preview.png")

    # 4. Back to the form: publish it with its button, dated an hour ago.
    page.go_back()
    expect(page).to_have_url(f"{live_server.url}/admin/articles/article/{article.pk}/change/")
    an_hour_ago = timezone.localtime(timezone.now() - datetime.timedelta(hours=1))
    page.locator("#id_published_at_0").fill(f"{an_hour_ago:%d/%m/%Y}")
    page.locator("#id_published_at_1").fill(f"{an_hour_ago:%H:%M:%S}")
    page.locator(".workflow-bottom button[name=_workflow][value=published]").click()

    expect(page).to_have_url(f"{live_server.url}/admin/")
    expect(page.locator("ul.messagelist li.success")).to_contain_text(
        f"Đã xuất bản bài “{TITLE}”: bạn đọc đã xem được."
    )
    page.goto(f"{live_server.url}/admin/articles/article/")
    row = page.locator("#result_list tbody tr", has_text=TITLE)
    expect(row).to_contain_text("đã xuất bản")
    full_page_screenshot(page, screens / "admin-changelist.png")
    article.refresh_from_db()
    assert article.status == Article.Status.PUBLISHED
    assert article.published_at == an_hour_ago.replace(microsecond=0)
    assert article.body == f"<p>{BODY}</p>"

    # 5. The public page, as a reader sees it.
    page.goto(f"{live_server.url}/tin-tuc/{SLUG}/")
    expect(page).to_have_title(re.compile(re.escape(TITLE)))
    expect(page.locator("h1")).to_have_text(TITLE)
    expect(page.locator(".lead")).to_have_text(LEAD)
    expect(page.locator(".body p")).to_have_text(BODY)
    expect(page.locator("figure figcaption")).to_have_text(CAPTION)
    expect(page.locator(".meta")).to_contain_text("tỉnh Điện Biên")
    expect(page.locator(".preview-banner")).to_have_count(0)
    assert rendition_shown(page, "figure img") == "640.webp"
    full_page_screenshot(page, screens / "public-article.png")

    page.set_viewport_size({"width": 360, "height": 740})
    page.reload()
    expect(page.locator("h1")).to_have_text(TITLE)
    # Chrome keeps the 640 px rendition it has in its cache (a first visit's is in
    # test_photo_budget.py).
    assert rendition_shown(page, "figure img") == "640.webp"
    widths = page.evaluate(
        "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    assert widths[0] <= widths[1], f"horizontal overflow at 360 px: {widths}"
    full_page_screenshot(page, screens / "public-article-360.png")

    # 6. No console error (CSP violations are logged as such) and no script error anywhere.
    assert browser_errors == []
