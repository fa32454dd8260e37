import io
import json
import logging

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage, default_storage
from django.core.management import call_command
from PIL import Image

from articles.content import photos
from articles.models import Figure
from tests.factories import make_article, make_figure
from tests.samples import image_bytes, uploaded

pytestmark = pytest.mark.django_db

ORIENTATION = 0x0112
WIDTHS = [160, 360, 720, 1080, 1600]


def stored(name):
    with default_storage.open(name, "rb") as file:
        image = Image.open(io.BytesIO(file.read()))
        image.load()
    return image


def rendition_files(figure):
    stem = figure.image.name.rsplit(".", 1)[0]
    return {
        (width, extension): f"renditions/{stem}-{width}.{extension}"
        for width in photos.widths_for(figure.width)
        for extension in ("webp", "jpg")
    }


def photo_figure(committed, size=(2000, 1500), image_format="JPEG", **options):
    data = image_bytes(image_format, size=size, **options)
    with committed(execute=True):
        return make_figure(make_article(), image=uploaded("IMG_0001.jpg", data))


@pytest.mark.parametrize(
    ("width", "widths"),
    [
        (4000, WIDTHS),
        (1600, WIDTHS),
        (800, [160, 360, 720, 800]),
        (360, [160, 360]),
        (100, [100]),
    ],
)
def test_renditions_are_never_wider_than_the_photo(width, widths):
    assert photos.widths_for(width) == widths


def test_saved_photo_gets_webp_and_jpeg_renditions_at_each_width(
    django_capture_on_commit_callbacks,
):
    figure = photo_figure(django_capture_on_commit_callbacks)

    assert (figure.width, figure.height) == (2000, 1500)
    found = {}
    for (width, extension), name in rendition_files(figure).items():
        image = stored(name)
        found[width, extension] = (image.format, image.size)
    assert found == {
        (width, extension): ({"webp": "WEBP", "jpg": "JPEG"}[extension], (width, width * 3 // 4))
        for width in WIDTHS
        for extension in ("webp", "jpg")
    }


def test_photo_lists_its_renditions_without_touching_the_disk(
    django_capture_on_commit_callbacks, monkeypatch
):
    figure = photo_figure(django_capture_on_commit_callbacks, size=(800, 600))
    figure = Figure.objects.get(pk=figure.pk)
    monkeypatch.setattr(FileSystemStorage, "exists", lambda *args: pytest.fail("disk read"))
    monkeypatch.setattr(FileSystemStorage, "open", lambda *args: pytest.fail("disk read"))

    photo = figure.photo

    stem = figure.image.name.rsplit(".", 1)[0]
    assert [(r.url, r.width, r.height) for r in photo.webp] == [
        (f"/media/renditions/{stem}-{width}.webp", width, width * 3 // 4)
        for width in (160, 360, 720, 800)
    ]
    assert [r.width for r in photo.jpeg] == [160, 360, 720, 800]
    assert photo.fallback.url == f"/media/renditions/{stem}-720.jpg"


def test_a_48_megapixel_phone_photo_is_stored_upright_at_2400_pixels(
    django_capture_on_commit_callbacks,
):
    exif = Image.Exif()
    exif[ORIENTATION] = 6  # the phone was held upright: the pixels lie on their side
    data = io.BytesIO()
    Image.new("RGB", (8064, 6048), "teal").save(data, "JPEG", quality=90, exif=exif)

    with django_capture_on_commit_callbacks(execute=True):
        figure = make_figure(make_article(), image=uploaded("IMG_4800.jpg", data.getvalue()))

    image = stored(figure.image.name)
    assert (image.format, image.size) == ("JPEG", (1800, 2400))
    assert not image.getexif()
    assert (figure.width, figure.height) == (1800, 2400)
    assert stored(rendition_files(figure)[1600, "webp"]).size == (1600, 2133)


def test_a_photo_assigned_in_the_shell_is_stored_like_an_upload(
    django_capture_on_commit_callbacks,
):
    figure = Figure(article=make_article(), caption="Ảnh từ shell")
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"
    figure.image = ContentFile(image_bytes("JPEG", size=(3000, 2000), exif=exif), name="a.jpg")

    with django_capture_on_commit_callbacks(execute=True):
        figure.save()

    figure.refresh_from_db()
    image = stored(figure.image.name)
    assert (image.size, dict(image.getexif())) == ((2400, 1600), {})
    assert (figure.width, figure.height) == (2400, 1600)
    assert all(default_storage.exists(name) for name in rendition_files(figure).values())


def test_transparent_png_keeps_its_alpha_in_webp_and_lies_on_white_in_jpeg(
    django_capture_on_commit_callbacks,
):
    image = Image.new("RGBA", (400, 300), (255, 0, 0, 0))
    image.paste((0, 0, 255, 255), (0, 0, 200, 300))
    data = io.BytesIO()
    image.save(data, "PNG")
    with django_capture_on_commit_callbacks(execute=True):
        figure = make_figure(make_article(), image=uploaded("logo.png", data.getvalue()))

    files = rendition_files(figure)
    webp, jpeg = stored(files[360, "webp"]), stored(files[360, "jpg"])
    assert webp.mode == "RGBA" and webp.getpixel((300, 100))[3] == 0
    assert jpeg.mode == "RGB" and jpeg.getpixel((300, 100)) == (255, 255, 255)
    assert jpeg.getpixel((50, 100))[2] > 200  # the opaque half is still blue


def test_renditions_on_disk_are_kept_unless_forced(django_capture_on_commit_callbacks):
    figure = photo_figure(django_capture_on_commit_callbacks, size=(400, 300))
    name = rendition_files(figure)[360, "webp"]
    with default_storage.open(name, "wb") as file:
        file.write(b"an old rendition")

    photos.ensure_renditions(figure)
    with default_storage.open(name, "rb") as file:
        assert file.read() == b"an old rendition"

    photos.ensure_renditions(figure, force=True)
    assert stored(name).size == (360, 270)


def test_a_photo_loaded_from_a_fixture_gets_its_size_and_renditions(
    django_capture_on_commit_callbacks, tmp_path
):
    article = make_article(slug="tin-co-anh")
    name = default_storage.save(
        "figures/2024/02/anh.jpg", ContentFile(image_bytes("JPEG", (900, 600)))
    )
    fixture = tmp_path / "figures.json"
    fixture.write_text(
        json.dumps(
            [
                {
                    "model": "articles.figure",
                    "fields": {"article": [article.slug], "order": 0, "image": name},
                }
            ]
        )
    )

    with django_capture_on_commit_callbacks(execute=True):
        call_command("loaddata", fixture, verbosity=0)

    figure = Figure.objects.get()
    assert (figure.width, figure.height) == (900, 600)
    assert figure.has_photo
    assert all(default_storage.exists(name) for name in rendition_files(figure).values())


def test_an_unreadable_photo_is_logged_and_not_shown(django_capture_on_commit_callbacks, caplog):
    with caplog.at_level(logging.WARNING), django_capture_on_commit_callbacks(execute=True):
        figure = make_figure(make_article(), image="figures/khong-con.jpg")

    figure.refresh_from_db()
    assert (figure.width, figure.has_photo, figure.photo) == (None, False, None)
    assert "Cannot make renditions of figures/khong-con.jpg" in caplog.text


def test_rebuild_renditions_makes_the_missing_ones_and_names_unreadable_photos(
    django_capture_on_commit_callbacks,
):
    figure = photo_figure(django_capture_on_commit_callbacks, size=(800, 600))
    files = rendition_files(figure)
    for name in files.values():
        default_storage.delete(name)
    broken = make_figure(make_article(), image="figures/mat.jpg")
    Figure.objects.filter(pk=figure.pk).update(width=None, height=None)
    out = io.StringIO()

    call_command("rebuild_renditions", stdout=out)

    assert all(default_storage.exists(name) for name in files.values())
    assert Figure.objects.get(pk=figure.pk).width == 800
    assert out.getvalue().splitlines() == [
        "Đã có ảnh hiển thị cho 1 ảnh.",
        f"Không đọc được ảnh figures/mat.jpg (bài viết #{broken.article_id}, ảnh số 0): "
        "bạn đọc không thấy ảnh này, hãy tải ảnh lên lại.",
    ]


def test_clearing_the_photo_clears_its_size(django_capture_on_commit_callbacks):
    figure = photo_figure(django_capture_on_commit_callbacks, size=(400, 300))

    figure.image = ""  # what the admin's "clear" box does
    figure.save()

    figure.refresh_from_db()
    assert (figure.image.name, figure.width, figure.height) == ("", None, None)
