import io
import os

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile, File
from django.core.files.storage import default_storage
from django.db.models import FileField
from django.db.models.fields.files import FieldFile
from PIL import Image, ImageCms

from articles.content.uploads import (
    MAX_ATTACHMENT_BYTES,
    MAX_IMAGE_BYTES,
    strip_image_metadata,
    validate_attachment,
    validate_image,
)
from tests.samples import (
    DOCX,
    ELF,
    EXE,
    ODS,
    ODT,
    OLE2,
    PDF,
    PPTX,
    SVG,
    XLSX,
    image_bytes,
    odf,
    one_bit_png,
    uploaded,
    zip_bytes,
)

GPS_INFO = 0x8825
ORIENTATION = 0x0112


def _srgb():
    return ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()


def _gps_exif():
    exif = Image.Exif()
    exif.get_ifd(GPS_INFO)[1] = "N"
    exif[0x010F] = "PhoneMaker"
    return exif


def _exif_jpeg(size=(300, 200)):
    """A JPEG carrying orientation 6, a GPS position, an ICC profile, XMP and a comment."""
    exif = Image.Exif()
    exif[ORIENTATION] = 6
    exif[0x010F] = "PhoneMaker"
    gps = exif.get_ifd(GPS_INFO)
    gps[1] = "N"
    gps[2] = (21.0, 1.0, 42.0)
    gps[3] = "E"
    gps[4] = (105.0, 51.0, 12.0)
    icc = _srgb()
    xmp = b'<x:xmpmeta xmlns:x="adobe:ns:meta/">SECRET-XMP</x:xmpmeta>'
    return image_bytes("JPEG", size, exif=exif, icc_profile=icc, xmp=xmp, comment=b"SECRET-COMMENT")


def _opened(content_file):
    return Image.open(io.BytesIO(content_file.read()))


# --- validate_image: accepted -------------------------------------------------------------


@pytest.mark.parametrize(
    ("image_format", "name"),
    [("JPEG", "photo.jpg"), ("PNG", "chart.png"), ("WEBP", "banner.webp"), ("GIF", "icon.gif")],
)
def test_validate_image_accepts_allowed_formats(image_format, name):
    upload = uploaded(name, image_bytes(image_format))

    validate_image(upload)

    assert upload.tell() == 0


def test_validate_image_decides_by_content_not_by_name():
    upload = uploaded("scan.pdf", image_bytes("PNG"), content_type="application/pdf")

    validate_image(upload)

    assert upload.tell() == 0


def test_validate_image_accepts_animated_gif():
    frames = [Image.new("P", (40, 30), colour) for colour in (1, 2, 3)]
    buffer = io.BytesIO()
    frames[0].save(buffer, "GIF", save_all=True, append_images=frames[1:], duration=100)
    upload = uploaded("anim.gif", buffer.getvalue())

    validate_image(upload)

    assert upload.tell() == 0


def test_validate_image_accepts_django_file_wrapper():
    wrapped = File(io.BytesIO(image_bytes("JPEG")), name="photo.jpg")

    validate_image(wrapped)

    assert wrapped.tell() == 0


def test_validate_image_accepts_stored_field_file_and_leaves_it_closed():
    name = default_storage.save("articles/photo.jpg", ContentFile(image_bytes("JPEG")))
    field_file = FieldFile(None, FileField(), name)

    validate_image(field_file)

    assert field_file.closed


def test_validate_image_leaves_an_open_upload_open_at_its_start():
    upload = uploaded("photo.jpg", image_bytes("JPEG"))

    validate_image(upload)

    assert not upload.closed
    assert upload.tell() == 0


# --- validate_image: refused --------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("photo.jpg", ELF),
        ("photo.jpg", EXE),
        ("photo.jpg", b"Just some text, not a picture.\n" * 20),
        ("photo.jpg", b"<?php system($_GET['c']); ?>"),
        ("drawing.svg", SVG),
        ("drawing.png", SVG),
        ("scan.tiff", image_bytes("TIFF")),
        ("scan.jpg", image_bytes("TIFF")),
        ("old.bmp", image_bytes("BMP")),
        ("old.png", image_bytes("BMP")),
        ("paper.jpg", PDF),
        ("empty.jpg", b""),
    ],
)
def test_validate_image_refuses_non_images_and_other_formats(name, data):
    upload = uploaded(name, data, content_type="image/jpeg")

    with pytest.raises(ValidationError) as error:
        validate_image(upload)

    assert error.value.code == "invalid_image"
    assert upload.tell() == 0


def test_validate_image_refuses_with_vietnamese_invalid_message():
    upload = uploaded("photo.jpg", ELF, content_type="image/jpeg")

    with pytest.raises(ValidationError) as error:
        validate_image(upload)

    assert error.value.messages == ["Tệp không phải ảnh hợp lệ (chỉ nhận JPEG, PNG, WebP, GIF)."]


def test_validate_image_refuses_truncated_jpeg():
    data = image_bytes("JPEG", size=(400, 300))
    upload = uploaded("photo.jpg", data[: len(data) // 2])

    with pytest.raises(ValidationError) as error:
        validate_image(upload)

    assert error.value.code == "invalid_image"
    assert upload.tell() == 0


def test_validate_image_refuses_truncated_png():
    data = image_bytes("PNG", size=(400, 300))
    upload = uploaded("chart.png", data[: len(data) // 2])

    with pytest.raises(ValidationError) as error:
        validate_image(upload)

    assert error.value.code == "invalid_image"


@pytest.mark.parametrize("image_format", ["WEBP", "GIF"])
def test_validate_image_refuses_truncated_webp_and_gif(image_format):
    data = image_bytes(image_format, size=(400, 300))
    upload = uploaded("picture", data[: len(data) // 2])

    with pytest.raises(ValidationError) as error:
        validate_image(upload)

    assert error.value.code == "invalid_image"


def _png_with_bad_idat_checksum():
    data = image_bytes("PNG")
    crc_at = data.index(b"IDAT") + 4 + int.from_bytes(data[data.index(b"IDAT") - 4 :][:4])
    return data[:crc_at] + bytes([data[crc_at] ^ 0xFF]) + data[crc_at + 1 :]


@pytest.mark.parametrize(
    "data",
    [_png_with_bad_idat_checksum(), image_bytes("PNG")[:-12]],
    ids=["bad-idat-checksum", "no-iend"],
)
def test_validate_image_refuses_png_that_only_verify_detects(data):
    # load() decodes these without complaint; verify() checks checksums and the end chunk.
    upload = uploaded("chart.png", data)

    with pytest.raises(ValidationError) as error:
        validate_image(upload)

    assert error.value.code == "invalid_image"


def test_validate_image_refuses_corrupted_jpeg_body():
    data = bytearray(image_bytes("JPEG", size=(400, 300)))
    data[600:] = b"\xff" * (len(data) - 600)
    upload = uploaded("photo.jpg", bytes(data))

    with pytest.raises(ValidationError) as error:
        validate_image(upload)

    assert error.value.code == "invalid_image"


def test_validate_image_refuses_decompression_bomb():
    data = one_bit_png(9000, 9000)
    upload = uploaded("bomb.png", data)

    with pytest.raises(ValidationError) as error:
        validate_image(upload)

    assert len(data) < 20_000
    assert error.value.code == "image_too_many_pixels"
    assert error.value.messages == ["Ảnh có quá nhiều điểm ảnh (tối đa 64 triệu)."]
    assert upload.tell() == 0


def test_validate_image_refuses_bomb_that_pillow_itself_rejects():
    upload = uploaded("bomb.png", one_bit_png(20_000, 10_000))

    with pytest.raises(ValidationError) as error:
        validate_image(upload)

    assert error.value.code == "image_too_many_pixels"


def test_validate_image_counts_pixels_before_decoding():
    # No pixel data at all: decoding would fail, so only an early check gives this code.
    upload = uploaded("big.png", one_bit_png(9000, 8000, with_pixels=False))

    with pytest.raises(ValidationError) as error:
        validate_image(upload)

    assert error.value.code == "image_too_many_pixels"


@pytest.mark.filterwarnings("ignore::PIL.Image.DecompressionBombWarning")
def test_validate_image_turns_decompression_bomb_warning_into_error(monkeypatch):
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 1000)
    upload = uploaded("small.png", one_bit_png(40, 40))

    with pytest.raises(ValidationError) as error:
        validate_image(upload)

    assert error.value.code == "image_too_many_pixels"


def test_validate_image_refuses_oversize_file_before_decoding():
    upload = uploaded("huge.jpg", os.urandom(MAX_IMAGE_BYTES + 1), content_type="image/jpeg")

    with pytest.raises(ValidationError) as error:
        validate_image(upload)

    assert error.value.code == "image_too_large"
    assert error.value.messages == ["Ảnh quá lớn: tối đa 30 MB."]


def test_validate_image_checks_size_without_opening_the_image(monkeypatch):
    def fail(*args, **kwargs):
        raise AssertionError("the image was opened")

    monkeypatch.setattr(Image, "open", fail)
    upload = uploaded("huge.png", image_bytes("PNG") + b"\x00" * MAX_IMAGE_BYTES)

    with pytest.raises(ValidationError) as error:
        validate_image(upload)

    assert error.value.code == "image_too_large"


# --- validate_attachment: accepted --------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("report.pdf", PDF),
        ("REPORT.PDF", PDF),
        ("letter.docx", DOCX),
        ("budget.xlsx", XLSX),
        ("slides.pptx", PPTX),
        ("letter.odt", ODT),
        ("budget.ods", ODS),
        ("letter.doc", OLE2),
        ("budget.xls", OLE2),
        ("slides.ppt", OLE2),
    ],
)
def test_validate_attachment_accepts_documents(name, data):
    upload = uploaded(name, data)

    validate_attachment(upload)

    assert upload.tell() == 0


def test_validate_attachment_accepts_django_file_wrapper():
    wrapped = File(io.BytesIO(DOCX), name="uploads/letter.docx")

    validate_attachment(wrapped)

    assert wrapped.tell() == 0


# --- validate_attachment: refused ---------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("setup.exe", EXE),
        ("report.pdf", EXE),
        ("tool.doc", ELF),
        ("archive.zip", zip_bytes([("readme.txt", b"hello")])),
        ("letter.docx", zip_bytes([("readme.txt", b"hello")])),
        ("letter.docx", zip_bytes([("word/document.xml", b"<document/>")])),
        ("letter.docx", b"PK\x03\x04" + os.urandom(3000)),
        ("letter.docx", DOCX[: len(DOCX) // 2]),
        ("report.pdf", b"<!DOCTYPE html><html><script>alert(1)</script></html>"),
        ("photo.pdf", image_bytes("PNG")),
        ("letter.odt", odf(b"application/vnd.oasis.opendocument.graphics")),
        ("empty.pdf", b""),
    ],
)
def test_validate_attachment_refuses_other_content(name, data):
    upload = uploaded(name, data, content_type="application/pdf")

    with pytest.raises(ValidationError) as error:
        validate_attachment(upload)

    assert error.value.code == "invalid_attachment"
    assert upload.tell() == 0


def test_validate_attachment_refuses_with_vietnamese_invalid_message():
    upload = uploaded("report.pdf", b"<html><body>not a pdf</body></html>")

    with pytest.raises(ValidationError) as error:
        validate_attachment(upload)

    assert error.value.messages == [
        "Chỉ nhận tệp PDF hoặc văn bản Word, Excel, PowerPoint, OpenDocument."
    ]


@pytest.mark.parametrize(
    "first", [("content.xml", b"<x/>"), ("[Content_Types].xml", b"<Types/>")], ids=["odf", "ooxml"]
)
def test_validate_attachment_ignores_mimetype_entry_that_is_not_first(first):
    data = zip_bytes([first, ("mimetype", b"application/vnd.oasis.opendocument.text")])
    upload = uploaded("letter.odt", data)

    with pytest.raises(ValidationError) as error:
        validate_attachment(upload)

    assert error.value.code == "invalid_attachment"


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("report.docx", PDF),
        ("letter.pdf", DOCX),
        ("letter.xlsx", DOCX),
        ("budget.docx", XLSX),
        ("letter.ods", ODT),
        ("letter.docx", ODT),
        ("letter.zip", DOCX),
        ("letter.exe", OLE2),
        ("report", PDF),
    ],
)
def test_validate_attachment_refuses_extension_that_contradicts_content(name, data):
    upload = uploaded(name, data)

    with pytest.raises(ValidationError) as error:
        validate_attachment(upload)

    assert error.value.code == "attachment_extension_mismatch"
    assert upload.tell() == 0


def test_validate_attachment_refuses_pdf_named_docx_with_vietnamese_message():
    upload = uploaded("report.docx", PDF)

    with pytest.raises(ValidationError) as error:
        validate_attachment(upload)

    assert error.value.messages == ["Phần mở rộng của tệp không khớp với nội dung."]


def test_validate_attachment_refuses_oversize_file():
    upload = uploaded("big.pdf", PDF + b"\x00" * MAX_ATTACHMENT_BYTES)

    with pytest.raises(ValidationError) as error:
        validate_attachment(upload)

    assert error.value.code == "attachment_too_large"
    assert error.value.messages == ["Tệp đính kèm quá lớn: tối đa 20 MB."]


# --- strip_image_metadata -----------------------------------------------------------------


def test_exif_sample_carries_gps_orientation_and_other_metadata():
    image = Image.open(io.BytesIO(_exif_jpeg()))

    exif = image.getexif()

    assert exif[ORIENTATION] == 6
    assert exif.get_ifd(GPS_INFO)[1] == "N"
    assert {"exif", "icc_profile", "xmp", "comment"} <= image.info.keys()


def test_strip_image_metadata_removes_exif_and_gps_from_jpeg():
    upload = uploaded("IMG_0001.jpg", _exif_jpeg())

    result = strip_image_metadata(upload)

    image = _opened(result)
    assert image.format == "JPEG"
    assert image.mode == "RGB"
    assert len(image.getexif()) == 0
    assert "exif" not in image.info


def test_strip_image_metadata_removes_icc_xmp_and_comment_from_jpeg():
    upload = uploaded("IMG_0001.jpg", _exif_jpeg())

    result = strip_image_metadata(upload)

    data = result.read()
    assert not {"icc_profile", "xmp", "comment"} & Image.open(io.BytesIO(data)).info.keys()
    assert b"SECRET" not in data
    assert b"PhoneMaker" not in data


def test_strip_image_metadata_applies_exif_orientation():
    upload = uploaded("IMG_0001.jpg", _exif_jpeg(size=(300, 200)))

    result = strip_image_metadata(upload)

    assert _opened(result).size == (200, 300)


def test_strip_image_metadata_keeps_base_name_with_format_extension():
    upload = uploaded("Ảnh hội nghị.JPEG", _exif_jpeg())

    result = strip_image_metadata(upload)

    assert result.name == "Ảnh hội nghị.jpg"
    assert upload.tell() == 0


def test_strip_image_metadata_names_file_after_its_real_format():
    wrapped = File(io.BytesIO(image_bytes("PNG")), name="uploads/2026/photo.jpg")

    result = strip_image_metadata(wrapped)

    assert result.name == "photo.png"
    assert _opened(result).format == "PNG"


def test_strip_image_metadata_keeps_png_transparency():
    image = Image.new("RGBA", (60, 40), (255, 0, 0, 255))
    image.putpixel((0, 0), (0, 0, 0, 0))
    buffer = io.BytesIO()
    image.save(buffer, "PNG", exif=_gps_exif(), icc_profile=_srgb())
    upload = uploaded("logo.png", buffer.getvalue())

    result = strip_image_metadata(upload)

    stripped = _opened(result)
    assert result.name == "logo.png"
    assert stripped.format == "PNG"
    assert stripped.mode == "RGBA"
    assert stripped.getpixel((0, 0))[3] == 0
    assert stripped.getpixel((5, 5)) == (255, 0, 0, 255)
    assert len(stripped.getexif()) == 0
    assert not {"exif", "icc_profile"} & stripped.info.keys()


def test_strip_image_metadata_keeps_palette_png_transparency():
    image = Image.new("P", (30, 20), 1)
    image.putpalette([0, 0, 0, 255, 0, 0])
    image.putpixel((0, 0), 0)
    buffer = io.BytesIO()
    image.save(buffer, "PNG", transparency=0)
    upload = uploaded("icon.png", buffer.getvalue())

    result = strip_image_metadata(upload)

    stripped = _opened(result).convert("RGBA")
    assert stripped.getpixel((0, 0))[3] == 0
    assert stripped.getpixel((5, 5)) == (255, 0, 0, 255)


def test_strip_image_metadata_removes_exif_from_webp():
    upload = uploaded("banner.webp", image_bytes("WEBP", exif=_gps_exif(), icc_profile=_srgb()))

    result = strip_image_metadata(upload)

    stripped = _opened(result)
    assert result.name == "banner.webp"
    assert stripped.format == "WEBP"
    assert len(stripped.getexif()) == 0
    assert not {"exif", "icc_profile"} & stripped.info.keys()


def test_strip_image_metadata_keeps_first_gif_frame_without_comment():
    frames = [Image.new("P", (40, 30), colour) for colour in (1, 2, 3)]
    buffer = io.BytesIO()
    frames[0].save(
        buffer, "GIF", save_all=True, append_images=frames[1:], duration=100, comment=b"SECRET"
    )
    upload = uploaded("anim.gif", buffer.getvalue())

    result = strip_image_metadata(upload)

    data = result.read()
    stripped = Image.open(io.BytesIO(data))
    assert stripped.format == "GIF"
    assert getattr(stripped, "n_frames", 1) == 1
    assert "comment" not in stripped.info
    assert b"SECRET" not in data


def test_strip_image_metadata_turns_multi_picture_jpeg_into_plain_jpeg():
    # Phones and cameras write MPO files: a JPEG that Pillow opens with format "MPO".
    buffer = io.BytesIO()
    Image.new("RGB", (50, 40), "red").save(
        buffer, "MPO", save_all=True, append_images=[Image.new("RGB", (50, 40), "blue")]
    )
    upload = uploaded("DSC_0001.jpg", buffer.getvalue())

    result = strip_image_metadata(upload)

    stripped = _opened(result)
    assert result.name == "DSC_0001.jpg"
    assert stripped.format == "JPEG"
    assert getattr(stripped, "n_frames", 1) == 1


def test_strip_image_metadata_refuses_non_image():
    upload = uploaded("photo.jpg", ELF)

    with pytest.raises(ValidationError) as error:
        strip_image_metadata(upload)

    assert error.value.code == "invalid_image"


def test_strip_image_metadata_refuses_decompression_bomb():
    upload = uploaded("bomb.png", one_bit_png(9000, 9000))

    with pytest.raises(ValidationError) as error:
        strip_image_metadata(upload)

    assert error.value.code == "image_too_many_pixels"
