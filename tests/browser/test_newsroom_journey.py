"""A newsroom's day, end to end: a reporter writes, an editor returns, then schedules; readers see.

1. The reporter (Phóng viên) writes an article: title, lead, three paragraphs, two photos placed
   in the text with "Chèn ảnh vào bài"; "Gửi duyệt" sends it to the editors.
2. The editor (Biên tập viên) finds it in the workspace's "Chờ duyệt" queue, opens it, writes a
   note and clicks "Trả lại".
3. The reporter finds it under "Trả lại" with the note, completes the paragraph the note asks
   about and clicks "Gửi duyệt" again.
4. The editor schedules it ("Hẹn giờ") a few seconds ahead.
5. A reader (no login: pages come from the page cache) gets a 404 for it and does not see it on
   the home page until the time comes; then the article shows its two photos where the reporter
   placed them, and the home page lists it.

The live server is a thread of the test process, so the e-mails the workflow sends land in
`django.core.mail.outbox` (the locmem backend) once each save commits.
"""

import datetime
import time

import pytest
from django.core import mail
from django.utils import timezone
from PIL import Image, ImageDraw
from playwright.sync_api import Page, expect

from articles.models import Article
from articles.roles import EDITOR, REPORTER, staff_name
from tests.factories import make_article, make_user

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PASSWORD = "Mật-khẩu-tòa-soạn-2026"
TITLE = "Sơn La: tiêm vắc xin sởi cho trẻ em tại xã Chiềng Hặc"
SLUG = "son-la-tiem-vac-xin-soi-cho-tre-em-tai-xa-chieng-hac"
LEAD = "Trung tâm Kiểm soát bệnh tật tỉnh Sơn La tổ chức tiêm vắc xin sởi cho trẻ em vùng cao."
PARAGRAPHS = [
    "Sáng 5/12, đoàn công tác của Trung tâm đến trạm y tế xã Chiềng Hặc.",
    "Cán bộ y tế khám sàng lọc cho từng trẻ trước khi tiêm.",
    "Sau tiêm, trẻ được theo dõi 30 phút tại điểm tiêm.",
]
ADDITION = " Có 126 trẻ được tiêm trong buổi sáng."
PHOTOS = [  # file name, sky, sun, caption, alt text
    (
        "kham-sang-loc.jpg",
        (200, 80, 60),
        (250, 230, 120),
        "Cán bộ y tế khám sàng lọc cho trẻ tại trạm y tế xã Chiềng Hặc",
        "Nữ y sĩ đặt ống nghe khám cho một bé trai ngồi trong lòng mẹ",
    ),
    (
        "theo-doi-sau-tiem.jpg",
        (60, 140, 200),
        (250, 250, 250),
        "Phụ huynh cùng trẻ ngồi chờ theo dõi sau tiêm",
        "Các bà mẹ bế con ngồi trên ghế dài ở hành lang trạm y tế",
    ),
]
NOTE = "Đoạn 2 chưa nói bao nhiêu trẻ được tiêm: bổ sung số trẻ giúp mình."
REPLY = "Đã bổ sung số trẻ ở đoạn 2."
BODY_EDITOR = ".field-body .ProseMirror[contenteditable=true]"


def photo(path, sky, sun):
    """A real 800x500 JPEG: a coloured sky with a sun, so that the two photos differ."""
    image = Image.new("RGB", (800, 500), sky)
    ImageDraw.Draw(image).ellipse((300, 120, 500, 320), fill=sun)
    image.save(path, "JPEG", quality=85)
    return path


def staff(role, username, first_name, last_name):
    """A staff account of the role that logs in with PASSWORD; its login is its e-mail."""
    user = make_user(
        role, username=username, email=username, first_name=first_name, last_name=last_name
    )
    user.set_password(PASSWORD)
    user.save()
    return user


def new_page(new_context, errors):
    """A browser of its own for one person; its console errors and script errors go to errors."""
    page = new_context().new_page()
    page.set_default_timeout(10_000)
    page.on(
        "console",
        lambda m: errors.append(f"{m.text} @ {m.location}") if m.type == "error" else None,
    )
    page.on("pageerror", lambda error: errors.append(f"pageerror: {error}"))
    return page


def open_session(new_context, url, user, errors):
    """A browser of its own for a colleague, logged in through the form, on the admin home."""
    page = new_page(new_context, errors)
    page.goto(f"{url}/admin/login/?next=/admin/")
    page.locator("#id_username").fill(user.username)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("#login-form [type=submit]").click()
    expect(page).to_have_url(f"{url}/admin/")
    return page


def shown_name(user):
    """A colleague's name as the admin shows it: family name first ("Nguyễn Thị Lan")."""
    return staff_name(user)


def success_message(page: Page):
    return page.locator("ul.messagelist li.success")


def queue(page: Page, key):
    """A queue of the workspace on the admin home: "cho-duyet", "tra-lai", "hen-gio"..."""
    return page.locator(f"#workspace .queue-{key}")


def step_button(page: Page, step):
    """The workflow panel's button of a step ("submitted", "returned", "scheduled"...)."""
    return page.locator(f"#workflow button[name=_workflow][value={step}]")


def write_text(page: Page):
    """Title, lead and three paragraphs typed in the body editor."""
    page.locator("#id_title").fill(TITLE)
    page.locator("#id_lead").fill(LEAD)
    page.locator(BODY_EDITOR).click()
    page.keyboard.type(PARAGRAPHS[0])
    for paragraph in PARAGRAPHS[1:]:
        page.keyboard.press("Enter")
        page.keyboard.type(paragraph)


def add_photos(page: Page, tmp_path):
    """Two photo rows under the editor, each with its JPEG, caption and alt text."""
    add_figure = page.locator("#figures-group .add-row a")
    for index, (name, sky, sun, caption, alt_text) in enumerate(PHOTOS):
        add_figure.click()
        page.locator(f"#id_figures-{index}-image").set_input_files(photo(tmp_path / name, sky, sun))
        page.locator(f"#id_figures-{index}-caption").fill(caption)
        page.locator(f"#id_figures-{index}-alt_text").fill(alt_text)


def place_photo(page: Page, paragraph, label):
    """Put the cursor in a paragraph, then insert a photo there from the toolbar's dialog."""
    page.locator(f"{BODY_EDITOR} > p", has_text=paragraph).click()
    page.keyboard.press("End")
    page.get_by_role("button", name="Chèn ảnh vào bài").click()
    dialog = page.locator("dialog.figure-chooser")
    expect(dialog).to_be_visible()
    dialog.locator(".figure-chooser__figure", has_text=label).click()
    expect(dialog).to_have_count(0)


def open_from_queue(page: Page, key):
    """Click the article's title in a queue of the workspace: its form opens."""
    queue(page, key).get_by_role("link", name=TITLE).click()
    expect(page.locator("#id_title")).to_have_value(TITLE)


def reader_status(page: Page, url):
    """The HTTP status a reader gets for a page (pages may come from the page cache)."""
    return page.goto(url).status


def wait_until_published(page: Page, url, when):
    """Reload the article's address until it answers 200; at most 30 s after its time."""
    deadline = when + datetime.timedelta(seconds=30)
    while reader_status(page, url) != 200:
        assert timezone.now() < deadline, f"{url} still not public at {timezone.localtime()}"
        time.sleep(1)  # the one wait: the scheduled time comes by itself


def screenshot(page: Page, path):
    """The whole page from its top (the admin's sticky sidebar follows the scroll position)."""
    page.evaluate("() => window.scrollTo(0, 0)")
    page.screenshot(path=path, full_page=True)


def mails():
    """(recipient, subject) of each e-mail sent so far."""
    return [(message.to[0], message.subject) for message in mail.outbox]


def test_reporter_writes_editor_returns_then_schedules_and_readers_see_it_on_time(
    live_server, new_context, screens, tmp_path
):
    reporter = staff(REPORTER, "lan.pv@soyte.sonla.vn", "Lan", "Nguyễn Thị")
    editor = staff(EDITOR, "hung.btv@soyte.sonla.vn", "Hùng", "Trần Văn")
    earlier = make_article(title="Sơn La: khám bệnh miễn phí cho người cao tuổi")
    url = live_server.url
    errors = []
    mail.outbox.clear()

    # 1. The reporter writes the article, places the two photos, and sends it for review.
    writer = open_session(new_context, url, reporter, errors)
    expect(queue(writer, "cho-duyet")).to_have_count(0)  # a reporter has no review queue
    writer.get_by_role("link", name="Viết bài mới").click()
    write_text(writer)
    add_photos(writer, tmp_path)
    place_photo(writer, PARAGRAPHS[0], "Ảnh 1")
    place_photo(writer, PARAGRAPHS[1], "Ảnh 2")
    markers = writer.locator(f"{BODY_EDITOR} .figure-marker")
    expect(markers).to_have_count(2)
    expect(markers.nth(0)).to_contain_text(PHOTOS[0][3])
    expect(markers.nth(1)).to_contain_text(PHOTOS[1][3])
    # A reporter may only send it for review: publishing is the editors'.
    expect(writer.locator("#workflow button[name=_workflow]")).to_have_text(["Gửi duyệt"])
    markers.nth(0).scroll_into_view_if_needed()
    writer.screenshot(path=screens / "journey-1-reporter-writes-1280.png")
    step_button(writer, "submitted").click()

    expect(writer).to_have_url(f"{url}/admin/")
    expect(success_message(writer)).to_have_text(f"Đã gửi bài “{TITLE}” cho biên tập viên duyệt.")
    expect(queue(writer, "cua-toi")).to_contain_text(TITLE)
    expect(queue(writer, "cua-toi")).to_contain_text("Chờ duyệt ·")
    article = Article.objects.get(title=TITLE)
    assert article.status == Article.Status.IN_REVIEW
    assert article.body == (
        f'<p>{PARAGRAPHS[0]}</p><figure data-figure="0"></figure>'
        f'<p>{PARAGRAPHS[1]}</p><figure data-figure="1"></figure><p>{PARAGRAPHS[2]}</p>'
    )
    assert mails() == [(editor.email, f"Bài chờ duyệt: {TITLE}")]

    # 2. The editor finds it waiting for review, and returns it with a note.
    desk = open_session(new_context, url, editor, errors)
    waiting = queue(desk, "cho-duyet")
    expect(waiting.locator(".queue-count")).to_have_text("1")
    expect(waiting).to_contain_text(TITLE)
    expect(waiting).to_contain_text(shown_name(reporter))
    screenshot(desk, screens / "journey-2-editor-workspace-1280.png")
    open_from_queue(desk, "cho-duyet")
    expect(desk.locator(".workflow-state")).to_contain_text("Chờ duyệt")
    desk.locator("#id_note").fill(NOTE)
    step_button(desk, "returned").click()

    expect(desk).to_have_url(f"{url}/admin/")
    expect(success_message(desk)).to_have_text(
        f"Đã trả lại bài “{TITLE}” cho {shown_name(reporter)}, kèm ghi chú."
    )
    expect(queue(desk, "cho-duyet")).to_contain_text("Không có bài nào.")
    expect(queue(desk, "tra-lai")).to_contain_text(TITLE)
    assert mails()[1:] == [(reporter.email, f"Bài bị trả lại: {TITLE}")]
    assert NOTE in mail.outbox[1].body

    # 3. The reporter reads the note, completes the paragraph, and sends it again.
    writer.goto(f"{url}/admin/")
    returned = queue(writer, "tra-lai")
    expect(returned).to_contain_text(TITLE)
    expect(returned.locator(".queue-note")).to_contain_text(NOTE)
    expect(returned.locator(".queue-note footer")).to_contain_text(shown_name(editor))
    screenshot(writer, screens / "journey-3-reporter-returned-1280.png")
    open_from_queue(writer, "tra-lai")
    expect(writer.locator(".article-note.step-returned .note-text")).to_have_text(NOTE)
    writer.locator(f"{BODY_EDITOR} > p", has_text=PARAGRAPHS[1]).click()
    writer.keyboard.press("End")
    writer.keyboard.type(ADDITION)
    writer.locator("#id_note").fill(REPLY)
    step_button(writer, "submitted").click()

    expect(success_message(writer)).to_have_text(f"Đã gửi bài “{TITLE}” cho biên tập viên duyệt.")
    expect(queue(writer, "tra-lai")).to_contain_text("Không có bài nào.")
    article.refresh_from_db()
    assert PARAGRAPHS[1] + ADDITION in article.body
    assert list(article.figures.values_list("position", flat=True)) == [1, 2]
    assert mails()[2:] == [(editor.email, f"Bài chờ duyệt: {TITLE}")]

    # 4. The editor sees the reply, and schedules the article a few seconds ahead.
    desk.goto(f"{url}/admin/")
    open_from_queue(desk, "cho-duyet")
    expect(desk.locator(".article-note.step-submitted .note-text").first).to_have_text(REPLY)
    expect(desk.locator(BODY_EDITOR)).to_contain_text(ADDITION.strip())
    when = timezone.localtime().replace(microsecond=0) + datetime.timedelta(seconds=20)
    desk.locator("#id_published_at_0").fill(f"{when:%d/%m/%Y}")
    desk.locator("#id_published_at_1").fill(f"{when:%H:%M:%S}")
    step_button(desk, "scheduled").click()

    expect(success_message(desk)).to_have_text(
        f"Đã hẹn giờ: bài “{TITLE}” sẽ tự xuất bản lúc {when:%H:%M %d/%m/%Y}."
    )
    scheduled = queue(desk, "hen-gio")
    expect(scheduled).to_contain_text(TITLE)
    expect(scheduled).to_contain_text(f"xuất bản lúc {when:%H:%M %d/%m/%Y}")
    assert mails()[3:] == [(reporter.email, f"Bài đã được hẹn giờ xuất bản: {TITLE}")]
    desk.set_viewport_size({"width": 360, "height": 740})
    screenshot(desk, screens / "journey-4-editor-workspace-360.png")

    # 5. A reader: nothing before the time, the article with its photos once it has come.
    reader = new_page(new_context, errors)
    article_url = f"{url}/tin-tuc/{SLUG}/"
    assert timezone.now() < when, "the steps took longer than the scheduled delay"
    assert reader_status(reader, article_url) == 404
    assert reader_status(reader, f"{url}/") == 200  # now in the page cache until `when`
    expect(reader.locator("main")).to_contain_text(earlier.title)
    expect(reader.get_by_role("link", name=TITLE)).to_have_count(0)

    wait_until_published(reader, article_url, when)
    assert timezone.now() >= when
    expect(reader.locator("h1")).to_have_text(TITLE)
    expect(reader.locator(".lead")).to_have_text(LEAD)
    body = reader.locator(".body")
    expect(body.locator("figure picture img")).to_have_count(2)
    reading = [text for text in body.locator("p, figcaption").all_inner_texts() if text]
    assert reading == [
        PARAGRAPHS[0],
        PHOTOS[0][3],
        PARAGRAPHS[1] + ADDITION,
        PHOTOS[1][3],
        PARAGRAPHS[2],
    ]
    images = body.locator("figure img")
    for index in range(2):
        images.nth(index).scroll_into_view_if_needed()
        expect(images.nth(index)).to_have_attribute("alt", PHOTOS[index][4])
    reader.wait_for_function(
        "() => [...document.querySelectorAll('.body figure img')].every(i => i.complete)"
    )
    widths = images.evaluate_all("images => images.map(i => i.naturalWidth)")
    assert all(width > 0 for width in widths), widths
    screenshot(reader, screens / "journey-5-public-article-1280.png")

    # The cached home page's version lasts to the scheduled second, rounded up: within a
    # second of the article's own page, the home page lists it too.
    deadline = timezone.now() + datetime.timedelta(seconds=5)
    while reader.goto(f"{url}/") and not reader.get_by_role("link", name=TITLE).count():
        assert timezone.now() < deadline, "the home page does not list the article"
        time.sleep(0.5)
    expect(reader.get_by_role("link", name=TITLE).first).to_be_visible()
    screenshot(reader, screens / "journey-5-home-1280.png")
    # No console or script error anywhere, but the reader's 404s for the article before its time.
    expected = f"status of 404 (Not Found) @ {{'url': '{article_url}'"
    assert [error for error in errors if expected not in error] == []
