"""An editor imports two plain-text articles in the browser: upload, preview, confirm."""

import pytest
from django.conf import settings
from playwright.sync_api import Page, expect

from articles.models import Article
from tests.factories import make_event, make_province

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

SEEDS = sorted((settings.BASE_DIR / "fixtures" / "seeds").glob("*.txt"))
HUE_TITLE = (
    "Thừa Thiên Huế: Ngành Y tế nâng cao chất lượng khám chữa bệnh, chăm sóc sức khỏe nhân dân"
)


def test_editor_uploads_two_files_previews_and_confirms(
    live_server, page: Page, editor_credentials, browser_errors, screens
):
    make_event(name="Ngày Thầy thuốc Việt Nam")
    make_province(name="Lào Cai")
    page.set_default_timeout(10_000)
    username, password = editor_credentials
    page.goto(f"{live_server.url}/admin/login/?next=/admin/articles/article/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(password)
    page.locator("#login-form [type=submit]").click()

    page.get_by_role("link", name="Nhập từ tệp văn bản").click()
    expect(page).to_have_url(f"{live_server.url}/admin/articles/article/import/")
    page.locator("#id_files").set_input_files([str(SEEDS[2]), str(SEEDS[4])])
    page.get_by_role("button", name="Xem trước").click()

    files = page.locator("section.import-file")
    expect(files).to_have_count(2)
    expect(files.nth(0).locator("h2")).to_have_text(SEEDS[2].name)
    expect(files.nth(0).locator(".import-title")).to_have_text(HUE_TITLE)
    expect(files.nth(0).locator(".import-published")).to_have_text(
        "28/02/2024 13:38:16 (rõ ngày và giờ)"
    )
    expect(files.nth(0).locator(".import-caption")).to_have_count(3)
    expect(files.nth(0).locator(".import-furniture")).to_contain_text("Share Bai :")
    expect(files.nth(0).locator(".import-links")).to_contain_text(
        "Ngày kỷ niệm: Ngày Thầy thuốc Việt Nam"
    )
    expect(files.nth(1).locator(".import-title")).to_contain_text("cần đặt tiêu đề")
    expect(files.nth(1).locator(".import-links")).to_have_text("Tỉnh, thành phố: Lào Cai")
    expect(files.nth(1).locator(".import-not-found")).to_contain_text(
        "Cán bộ chưa có: Giàng Thị Dung (Phó chủ tịch UBND tỉnh)"
    )
    expect(files.nth(1).locator(".import-event")).to_have_text("7/7 chưa rõ năm · “Chiều 7/7”")
    expect(files.nth(1).locator(".import-caption").first).to_have_text(
        "Chú thích ảnh: Quang cảnh buổi làm việc"
    )
    assert Article.objects.count() == 0
    page.evaluate("() => window.scrollTo(0, 0)")
    page.screenshot(path=screens / "admin-import-preview.png", full_page=True)

    page.get_by_role("button", name="Xác nhận nhập 2 bản nháp").click()

    expect(page).to_have_url(f"{live_server.url}/admin/articles/article/")
    expect(page.locator("ul.messagelist li.success")).to_have_text(
        "Đã nhập 2 bản nháp từ tệp văn bản."
    )
    rows = page.locator("#result_list tbody tr")
    expect(rows).to_have_count(2)
    expect(rows.filter(has_text=HUE_TITLE)).to_contain_text("bản nháp")
    expect(rows.filter(has_text="Giàng Thị Dung")).to_contain_text("bản nháp")
    assert sorted(Article.objects.values_list("import_file_name", flat=True)) == [
        SEEDS[2].name,
        SEEDS[4].name,
    ]
    assert browser_errors == []
