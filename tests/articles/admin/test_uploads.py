"""Uploads through the article form: content decides, errors are Vietnamese, nothing is saved."""

import io
import os

import pytest
from django.core.files.storage import default_storage
from django.urls import reverse
from PIL import Image

from articles.content.uploads import MAX_IMAGE_BYTES
from articles.models import Article, Figure
from tests.articles.admin.test_article import EDITOR, form_data, login
from tests.factories import make_article, make_figure
from tests.samples import DOCX, ELF, PDF, SVG, image_bytes, one_bit_png, uploaded

pytestmark = pytest.mark.django_db

INVALID_IMAGE = "Tệp không phải ảnh hợp lệ"
TOO_MANY_PIXELS = "Ảnh có quá nhiều điểm ảnh (tối đa 64 triệu)."


def post_with_figure(client, upload):
    data = form_data(title="Tin có ảnh")
    data.update(
        {
            "figures-TOTAL_FORMS": "1",
            "figures-0-order": "0",
            "figures-0-position": "0",
            "figures-0-caption": "Chú thích",
            "figures-0-alt_text": "Mô tả",
            "figures-0-image": upload,
        }
    )
    return client.post(reverse("admin:articles_article_add"), data)


def post_with_attachment(client, upload):
    data = form_data(title="Tin có tệp")
    data.update(
        {
            "attachments-TOTAL_FORMS": "1",
            "attachments-0-order": "0",
            "attachments-0-title": "Văn bản",
            "attachments-0-file": upload,
        }
    )
    return client.post(reverse("admin:articles_article_add"), data)


def truncated_jpeg():
    data = image_bytes("JPEG", size=(400, 300))
    return data[: len(data) // 2]


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("photo.jpg", ELF, INVALID_IMAGE),
        ("photo.jpg", truncated_jpeg(), INVALID_IMAGE),
        ("bomb.png", one_bit_png(9000, 9000), TOO_MANY_PIXELS),
        ("logo.svg", SVG, INVALID_IMAGE),
        ("huge.jpg", os.urandom(MAX_IMAGE_BYTES + 1), "Ảnh quá lớn: tối đa 30 MB."),
    ],
    ids=["executable-as-jpg", "truncated", "decompression-bomb", "svg-with-script", "oversize"],
)
def test_bad_image_is_a_vietnamese_form_error_and_nothing_is_saved(client, name, data, message):
    login(client, EDITOR)

    response = post_with_figure(client, uploaded(name, data))

    assert response.status_code == 200
    errors = " ".join(
        str(error)
        for form in response.context["inline_admin_formsets"][0].formset.errors
        for error in form.values()
    )
    assert (message or TOO_MANY_PIXELS) in errors, errors
    assert not Article.objects.exists()
    assert not Figure.objects.exists()


def test_good_photo_is_saved_without_its_gps_position(client, settings):
    login(client, EDITOR)
    exif = Image.Exif()
    exif.get_ifd(0x8825)[1] = "N"
    photo = image_bytes("JPEG", size=(300, 200), exif=exif)

    post_with_figure(client, uploaded("IMG_0001.jpg", photo))

    figure = Figure.objects.get()
    with figure.image.open("rb") as stored_file:
        stored = Image.open(io.BytesIO(stored_file.read()))
    assert (stored.format, stored.size) == ("JPEG", (300, 200))
    assert not stored.getexif()
    assert figure.image.name.startswith("figures/") and figure.image.name.endswith(".jpg")


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("setup.exe", ELF, "Phần mở rộng tệp “exe” không được phép"),
        ("report.pdf", b"<html>not a pdf</html>", "Chỉ nhận tệp PDF hoặc văn bản"),
        ("report.docx", PDF, "Phần mở rộng của tệp không khớp với nội dung."),
    ],
)
def test_bad_attachment_is_a_form_error_and_nothing_is_saved(client, name, data, message):
    login(client, EDITOR)

    response = post_with_attachment(client, uploaded(name, data))

    assert response.status_code == 200
    errors = str(response.context["inline_admin_formsets"][1].formset.errors)
    assert message in errors, errors
    assert not Article.objects.exists()


def test_office_document_is_attached(client):
    login(client, EDITOR)

    post_with_attachment(client, uploaded("ke-hoach.docx", DOCX))

    article = Article.objects.get()
    assert [a.title for a in article.attachments.all()] == ["Văn bản"]


def test_a_48_megapixel_phone_photo_is_accepted_and_scaled_down(
    client, django_capture_on_commit_callbacks
):
    login(client, EDITOR)
    phone = io.BytesIO()
    Image.new("RGB", (8064, 6048), "teal").save(phone, "JPEG", quality=92)

    with django_capture_on_commit_callbacks(execute=True):
        response = post_with_figure(client, uploaded("IMG_4800.jpg", phone.getvalue()))

    assert response.status_code == 302
    figure = Figure.objects.get()
    with figure.image.open("rb") as stored_file:
        stored = Image.open(io.BytesIO(stored_file.read()))
    assert (stored.format, stored.size) == ("JPEG", (2400, 1800))
    assert (figure.width, figure.height) == (2400, 1800)
    assert figure.photo.webp[-1].width == 1600
    assert default_storage.exists(figure.photo.webp[-1].name)


def test_a_refused_photo_keeps_what_the_editor_typed(client):
    login(client, EDITOR)
    data = form_data(title="Tiêm chủng mở rộng tại Điện Biên", lead="Sapo đã gõ xong.")
    data.update(
        {
            "figures-TOTAL_FORMS": "1",
            "figures-0-order": "0",
            "figures-0-position": "2",
            "figures-0-caption": "Cán bộ y tế tiêm vắc xin",
            "figures-0-alt_text": "Tiêm vắc xin",
            "figures-0-image": uploaded("bomb.png", one_bit_png(9000, 9000)),
        }
    )

    response = client.post(reverse("admin:articles_article_add"), data)

    html = response.content.decode()
    assert TOO_MANY_PIXELS in html
    assert 'value="Tiêm chủng mở rộng tại Điện Biên"' in html
    assert "Sapo đã gõ xong." in html
    assert "Cán bộ y tế tiêm vắc xin" in html and 'value="Tiêm vắc xin"' in html
    assert not Article.objects.exists()


def test_the_figure_inline_flags_a_caption_without_photo(client):
    login(client, EDITOR)
    article = make_article(status=Article.Status.DRAFT, title="Bài có chú thích mồ côi")
    make_figure(article, caption="Chú thích còn lại")
    make_figure(article, caption="Ảnh hỏng", image="figures/mat.jpg")

    html = client.get(reverse("admin:articles_article_change", args=[article.pk])).content.decode()

    assert (
        '<strong class="figure-missing">Chưa có ảnh: bạn đọc không thấy chú thích này cho đến '
        "khi có ảnh.</strong>"
    ) in html
    assert (
        '<strong class="figure-missing">Không đọc được ảnh: bạn đọc không thấy ảnh này, hãy tải '
        "ảnh lên lại.</strong>"
    ) in html
