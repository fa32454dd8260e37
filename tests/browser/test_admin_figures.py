"""A reporter writes an article with two photos placed in the text, sees them while writing."""

import pytest
from PIL import Image, ImageDraw
from playwright.sync_api import Page, expect

from articles.models import Article
from tests.factories import make_user

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

TITLE = "Lào Cai: tiêm vắc xin sởi cho trẻ em vùng cao"
PARAGRAPHS = [
    "Trung tâm Kiểm soát bệnh tật tỉnh tổ chức tiêm vắc xin sởi tại xã Bản Lầu.",
    "Cán bộ y tế khám sàng lọc cho từng trẻ trước khi tiêm.",
    "Sau tiêm, trẻ được theo dõi 30 phút tại điểm tiêm.",
]
FIRST_CAPTION = "Cán bộ y tế khám sàng lọc cho trẻ tại trạm y tế xã Bản Lầu"
SECOND_CAPTION = "Phụ huynh đưa trẻ đến điểm tiêm"
MARKER = ".field-body .ProseMirror .figure-marker"


def photo(path, sky, sun):
    """A real 800x500 JPEG: a coloured sky with a sun, so that the two photos differ."""
    image = Image.new("RGB", (800, 500), sky)
    ImageDraw.Draw(image).ellipse((300, 120, 500, 320), fill=sun)
    image.save(path, "JPEG", quality=85)
    return path


@pytest.fixture
def reporter_credentials(transactional_db):
    password = "Mật-khẩu-phóng-viên-2026"
    user = make_user("Phóng viên", username="pv.laocai")
    user.set_password(password)
    user.save()
    return user.username, password


def place_figure(page: Page, paragraph, label):
    """Put the cursor in a paragraph, then insert a figure from the toolbar's dialog."""
    page.locator(".field-body .ProseMirror > p", has_text=paragraph).click()
    page.get_by_role("button", name="Chèn ảnh vào bài").click()
    dialog = page.locator("dialog.figure-chooser")
    expect(dialog).to_be_visible()
    dialog.locator(".figure-chooser__figure", has_text=label).click()
    expect(dialog).to_have_count(0)


def thumbnails_loaded(page: Page):
    """The natural width of each photo shown in the text (0 for one that failed)."""
    page.wait_for_function(
        "selector => [...document.querySelectorAll(selector)].every(img => img.complete)",
        arg=f"{MARKER} img",
    )
    return page.locator(f"{MARKER} img").evaluate_all("images => images.map(i => i.naturalWidth)")


def test_reporter_places_two_photos_in_the_text_and_readers_see_them_there(
    live_server, page: Page, reporter_credentials, browser_errors, screens, tmp_path
):
    first = photo(tmp_path / "kham-sang-loc.jpg", (200, 80, 60), (250, 230, 120))
    second = photo(tmp_path / "diem-tiem.jpg", (60, 140, 200), (250, 250, 250))
    page.set_default_timeout(10_000)
    username, password = reporter_credentials
    page.goto(f"{live_server.url}/admin/login/?next=/admin/articles/article/add/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(password)
    page.locator("#login-form [type=submit]").click()

    # 1. Write the text, then add the two photos below it with their captions.
    page.locator("#id_title").fill(TITLE)
    page.locator(".field-body .ProseMirror[contenteditable=true]").click()
    page.keyboard.type(PARAGRAPHS[0])
    for paragraph in PARAGRAPHS[1:]:
        page.keyboard.press("Enter")
        page.keyboard.type(paragraph)
    add_figure = page.locator("#figures-group .add-row a")
    for index, (image, caption) in enumerate([(first, FIRST_CAPTION), (second, SECOND_CAPTION)]):
        add_figure.click()
        page.locator(f"#id_figures-{index}-image").set_input_files(image)
        page.locator(f"#id_figures-{index}-caption").fill(caption)
    # Each new photo gets its own number.
    expect(page.locator("#id_figures-1-order")).to_have_value("1")

    # 2. Place them in the text: each shows as its photo, with its caption, where it was put.
    place_figure(page, PARAGRAPHS[0], "Ảnh 2")
    place_figure(page, PARAGRAPHS[2], "Ảnh 1")
    markers = page.locator(MARKER)
    expect(markers).to_have_count(2)
    expect(markers.nth(0)).to_contain_text(SECOND_CAPTION)
    expect(markers.nth(1)).to_contain_text(FIRST_CAPTION)
    assert thumbnails_loaded(page) == [320, 320]
    # The typed position gives way to the place in the text.
    expect(page.locator("#id_figures-0-position")).to_have_value("3")
    expect(page.locator("#id_figures-0-position")).not_to_be_editable()
    expect(page.locator("#figures-1 .figure-number")).to_have_text("Ảnh 2 · đã đặt trong nội dung")
    # A photo already in the text is not offered twice.
    page.get_by_role("button", name="Chèn ảnh vào bài").click()
    chooser = page.locator("dialog.figure-chooser")
    expect(chooser.locator(".figure-chooser__figure:disabled")).to_have_count(2)
    page.screenshot(path=screens / "admin-figures-chooser-1280.png")
    chooser.get_by_role("button", name="Đóng").click()
    markers.nth(0).scroll_into_view_if_needed()
    page.screenshot(path=screens / "admin-figures-in-text-1280.png")
    page.set_viewport_size({"width": 360, "height": 740})
    markers.nth(0).scroll_into_view_if_needed()
    page.screenshot(path=screens / "admin-figures-in-text-360.png")
    page.set_viewport_size({"width": 1280, "height": 800})

    page.locator("input[name=_continue]").click()

    expect(page.locator("ul.messagelist li.success")).to_contain_text(TITLE)
    article = Article.objects.get(title=TITLE)
    assert article.body == (
        f'<p>{PARAGRAPHS[0]}</p><figure data-figure="1"></figure><p>{PARAGRAPHS[1]}</p>'
        f'<p>{PARAGRAPHS[2]}</p><figure data-figure="0"></figure><p></p>'
    )
    assert list(article.figures.values_list("caption", "position")) == [
        (FIRST_CAPTION, 3),
        (SECOND_CAPTION, 1),
    ]
    # Saved, the photos in the text are the stored ones.
    expect(page.locator(MARKER)).to_have_count(2)
    assert thumbnails_loaded(page) == [800, 800]

    # 3. A paragraph written above moves nothing: each photo stays after its paragraph.
    page.locator(".field-body .ProseMirror > p", has_text=PARAGRAPHS[0]).click()
    page.keyboard.press("Home")
    page.keyboard.type("Sáng 5/12, đoàn công tác đến xã Bản Lầu.")
    page.keyboard.press("Enter")
    page.locator("input[name=_continue]").click()

    expect(page.locator("ul.messagelist li.success")).to_contain_text(TITLE)
    assert list(article.figures.values_list("position", flat=True)) == [4, 2]

    # 4. The preview reads text and photos in the order the reporter placed them.
    page.goto(f"{live_server.url}/xem-truoc/{article.pk}/")
    body = page.locator(".body")
    expect(body.locator("figure")).to_have_count(2)
    expect(body.locator("figure figcaption")).to_have_text([SECOND_CAPTION, FIRST_CAPTION])
    reading = body.locator("p, figcaption").all_inner_texts()
    assert [text for text in reading if text] == [
        "Sáng 5/12, đoàn công tác đến xã Bản Lầu.",
        PARAGRAPHS[0],
        SECOND_CAPTION,
        PARAGRAPHS[1],
        PARAGRAPHS[2],
        FIRST_CAPTION,
    ]
    assert browser_errors == []
