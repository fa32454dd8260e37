"""The admin's import page: upload, preview, confirm; permissions and a signed payload."""

import re
from html import unescape

import pytest
from django.conf import settings
from django.contrib.messages import get_messages
from django.core import signing
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import DatabaseError
from django.urls import reverse

from articles.admin.importing import SIGNING_SALT
from articles.importing import saving
from articles.models import Article
from tests.factories import make_user

pytestmark = pytest.mark.django_db

SEEDS = sorted((settings.BASE_DIR / "fixtures" / "seeds").glob("*.txt"))
IMPORT_URL = "/admin/articles/article/import/"
CONFIRM_URL = "/admin/articles/article/import/confirm/"


def upload(path, name=None):
    return SimpleUploadedFile(name or path.name, path.read_bytes(), content_type="text/plain")


@pytest.fixture
def editor_client(client):
    client.force_login(make_user("Biên tập viên"))
    return client


def preview(client, *files):
    return client.post(IMPORT_URL, {"files": list(files)})


def payload_of(response):
    return unescape(re.search(r'name="payload" value="([^"]+)"', response.content.decode())[1])


def messages_of(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def test_the_import_urls_are_the_admin_ones():
    assert reverse("admin:articles_article_import") == IMPORT_URL
    assert reverse("admin:articles_article_import_confirm") == CONFIRM_URL


def test_the_changelist_links_to_the_import_page(editor_client):
    response = editor_client.get("/admin/articles/article/")

    assert f'<a href="{IMPORT_URL}" class="importlink">Nhập từ tệp văn bản</a>' in (
        response.content.decode()
    )


def test_a_user_who_cannot_add_articles_sees_no_link_and_gets_403(client):
    viewer = make_user()
    viewer.user_permissions.add(*_permissions("view_article"))
    client.force_login(viewer)

    changelist = client.get("/admin/articles/article/")
    form = client.get(IMPORT_URL)
    posted = preview(client, upload(SEEDS[0]))
    confirmed = client.post(CONFIRM_URL, {"payload": "x"})

    assert changelist.status_code == 200
    assert "Nhập từ tệp văn bản" not in changelist.content.decode()
    assert (form.status_code, posted.status_code, confirmed.status_code) == (403, 403, 403)
    assert Article.objects.count() == 0


def _permissions(*codenames):
    from django.contrib.auth.models import Permission

    return Permission.objects.filter(content_type__app_label="articles", codename__in=codenames)


def test_the_upload_form_is_vietnamese_and_accepts_several_files(editor_client):
    response = editor_client.get(IMPORT_URL)
    html = response.content.decode()

    assert response.status_code == 200
    assert "<title>Nhập bài viết từ tệp văn bản | Quản trị Tin tức Y tế</title>" in html
    assert 'type="file" name="files" accept=".txt,text/plain" multiple' in html
    assert "mỗi tệp tối đa 1024 KB." in html
    assert ' style="' not in html


def test_preview_shows_what_each_file_holds_and_saves_nothing(editor_client):
    response = preview(editor_client, upload(SEEDS[2]), upload(SEEDS[3]))
    html = unescape(response.content.decode())

    assert response.status_code == 200
    assert Article.objects.count() == 0
    assert html.count('<section class="module import-file">') == 2
    assert "Thừa Thiên Huế: Ngành Y tế nâng cao chất lượng khám chữa bệnh" in html
    assert "28/02/2024 13:38:16" in html and "(rõ ngày và giờ)" in html
    assert "cần đặt tiêu đề: đề xuất từ sapo" in html
    assert html.count('<p class="import-caption">') == 6
    assert "<code>Share Bai :</code>" in html and "<code>/</code>" in html
    assert "Đậu Bình" in html
    assert "HPĐT <span" in html and "nguồn tin mới: sẽ được tạo, cần bổ sung tên" in html
    assert "Xác nhận nhập 2 bản nháp" in html
    assert ' style="' not in html


def test_confirm_saves_drafts_without_re_uploading(editor_client):
    shown = preview(editor_client, upload(SEEDS[0]), upload(SEEDS[4]))

    response = editor_client.post(CONFIRM_URL, {"payload": payload_of(shown)})

    assert response.status_code == 302
    assert response.url == "/admin/articles/article/"
    assert sorted(Article.objects.values_list("import_file_name", "status", "needs_title")) == [
        (SEEDS[0].name, Article.Status.DRAFT, False),
        (SEEDS[4].name, Article.Status.DRAFT, True),
    ]
    assert Article.objects.get(import_file_name=SEEDS[0].name).created_by.groups.get().name == (
        "Biên tập viên"
    )
    assert messages_of(response) == ["Đã nhập 2 bản nháp từ tệp văn bản."]


def test_confirming_twice_creates_nothing_new(editor_client):
    payload = payload_of(preview(editor_client, upload(SEEDS[1])))
    editor_client.post(CONFIRM_URL, {"payload": payload})

    again = editor_client.post(CONFIRM_URL, {"payload": payload})

    assert Article.objects.count() == 1
    assert messages_of(again)[-1].startswith(f"Bỏ qua {SEEDS[1].name}: đã nhập trước đây")


def test_a_changed_payload_is_refused(editor_client):
    payload = payload_of(preview(editor_client, upload(SEEDS[1])))
    data = signing.loads(payload, salt=SIGNING_SALT)
    forged = payload.replace(payload[-5:], "AAAAA")
    other_user = signing.dumps({**data, "user": data["user"] + 1}, salt=SIGNING_SALT)

    responses = [editor_client.post(CONFIRM_URL, {"payload": p}) for p in [forged, other_user]]

    assert Article.objects.count() == 0
    assert [r.url for r in responses] == [IMPORT_URL, IMPORT_URL]
    assert messages_of(responses[-1]) == [
        "Dữ liệu xác nhận không hợp lệ hoặc đã hết hạn; hãy tải tệp lên lại.",
        "Dữ liệu xác nhận không hợp lệ hoặc đã hết hạn; hãy tải tệp lên lại.",
    ]


def test_a_bad_file_stops_the_batch_and_is_named(editor_client):
    binary = SimpleUploadedFile("anh.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")

    response = preview(editor_client, upload(SEEDS[0]), binary, upload(SEEDS[1]))
    html = unescape(response.content.decode())

    assert response.status_code == 200
    assert (
        "Tệp anh.txt: tệp không phải văn bản (có byte NUL, có thể là tệp nhị phân). "
        "Không tệp nào được nhập."
    ) in html
    assert "import-file" not in html
    assert Article.objects.count() == 0


@pytest.mark.parametrize(
    ("files", "error"),
    [
        ([], "Hãy chọn ít nhất một tệp .txt."),
        ([SimpleUploadedFile("bai.docx", b"PK\x03\x04")], "Tệp bai.docx: chỉ nhận tệp .txt."),
        ([SimpleUploadedFile("rong.txt", b"")], "Tệp được gửi lên rỗng."),
        (
            [SimpleUploadedFile("rac.txt", "Tag:\nChia sẻ ngay\n".encode())],
            "Tệp rac.txt: không có nội dung bài viết",
        ),
    ],
    ids=["none", "docx", "empty", "furniture"],
)
def test_upload_errors_are_vietnamese(editor_client, files, error):
    response = editor_client.post(IMPORT_URL, {"files": files})

    assert response.status_code == 200
    assert error in unescape(response.content.decode())
    assert Article.objects.count() == 0


def test_an_imported_title_edited_in_the_admin_clears_the_flag(editor_client):
    payload = payload_of(preview(editor_client, upload(SEEDS[4])))
    editor_client.post(CONFIRM_URL, {"payload": payload})
    article = Article.objects.get()
    change = editor_client.get(f"/admin/articles/article/{article.pk}/change/")

    assert "Tiêu đề được đề xuất từ sapo khi nhập từ tệp; hãy đặt tiêu đề." in (
        change.content.decode()
    )
    assert SEEDS[4].name in change.content.decode()


def test_a_database_error_shows_a_vietnamese_message_and_logs_the_detail(
    editor_client, monkeypatch, caplog
):
    def fail(plan, user):
        raise DatabaseError('duplicate key value violates unique constraint "secret_index"')

    shown = preview(editor_client, upload(SEEDS[2]))
    monkeypatch.setattr(saving, "_create_article", fail)

    response = editor_client.post(CONFIRM_URL, {"payload": payload_of(shown)}, follow=True)

    page = unescape(response.content.decode())
    assert f"Tệp {SEEDS[2].name}: lỗi cơ sở dữ liệu khi lưu; không bài nào được lưu." in page
    assert "secret_index" not in page and "duplicate key" not in page
    assert "secret_index" in caplog.text
    assert Article.objects.count() == 0
