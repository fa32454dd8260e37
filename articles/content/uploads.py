"""Validation and clean-up of files uploaded with articles: images and attached documents."""

import io
import math
import os
import warnings
import zipfile
from contextlib import contextmanager

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from PIL import Image, ImageOps

# A phone photo is never refused for its size: a 48-megapixel JPEG (8064x6048) is 10-25 MB.
MAX_IMAGE_BYTES = 30 * 1024 * 1024
# The hard limit that protects the server: 64 MP decoded is 256 MB at most (RGBA); JPEGs,
# almost every photo, decode at a reduced scale (draft) and cost far less. Beyond it: a bomb.
MAX_IMAGE_PIXELS = 64_000_000
# The long side a photo is stored at: the largest rendition (1600 px wide) of a 2:3 portrait.
STORED_LONG_SIDE = 2400
MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024
# The only decoders Pillow may use: never TIFF, BMP, FITS, PSD, ... whatever the file claims.
IMAGE_FORMATS = ("JPEG", "PNG", "WEBP", "GIF")

IMAGE_TOO_LARGE = "Ảnh quá lớn: tối đa 30 MB."
IMAGE_TOO_MANY_PIXELS = "Ảnh có quá nhiều điểm ảnh (tối đa 64 triệu)."
INVALID_IMAGE = "Tệp không phải ảnh hợp lệ (chỉ nhận JPEG, PNG, WebP, GIF)."
ATTACHMENT_TOO_LARGE = "Tệp đính kèm quá lớn: tối đa 20 MB."
INVALID_ATTACHMENT = "Chỉ nhận tệp PDF hoặc văn bản Word, Excel, PowerPoint, OpenDocument."
ATTACHMENT_EXTENSION_MISMATCH = "Phần mở rộng của tệp không khớp với nội dung."

# Extension given to a re-encoded image, by Pillow format.
IMAGE_EXTENSIONS = {"JPEG": ".jpg", "PNG": ".png", "WEBP": ".webp", "GIF": ".gif"}

PDF_MAGIC = b"%PDF-"
OLE2_MAGIC = bytes.fromhex("D0CF11E0A1B11AE1")
ZIP_MAGIC = b"PK\x03\x04"
# OOXML: the top-level folder of the main part decides the kind of document.
OOXML_FOLDERS = {"word/": ".docx", "xl/": ".xlsx", "ppt/": ".pptx"}
# OpenDocument: the content of the first entry, "mimetype", decides the kind of document.
ODF_MIMETYPES = {
    b"application/vnd.oasis.opendocument.text": ".odt",
    b"application/vnd.oasis.opendocument.spreadsheet": ".ods",
}


def _rewind(file):
    """Open the file if needed and go back to its first byte."""
    file.open()
    file.seek(0)


@contextmanager
def _kept_as_found(file):
    """Leave the file at its first byte, and closed again if it was closed on entry."""
    was_closed = getattr(file, "closed", False)
    try:
        yield
    finally:
        if was_closed:
            file.close()
        else:
            file.seek(0)


def _extension(name):
    """The lower-case extension of a file name, with its dot, or an empty string."""
    return os.path.splitext(name or "")[1].lower()


@contextmanager
def _image_errors():
    """Turn decompression bombs and any decoding failure into validation errors."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            yield
    except ValidationError:
        raise
    except (Image.DecompressionBombWarning, Image.DecompressionBombError) as exc:
        raise ValidationError(IMAGE_TOO_MANY_PIXELS, code="image_too_many_pixels") from exc
    except Exception as exc:
        # Pillow reports broken files with many exception types (OSError, SyntaxError, ...).
        raise ValidationError(INVALID_IMAGE, code="invalid_image") from exc


@contextmanager
def _open_image(file, long_side=None):
    """Open the file with the allowed decoders only, refusing too many pixels before decoding.

    long_side: the long side the caller needs at least; a JPEG is then decoded at the
    smallest scale (1/2, 1/4, 1/8) that still gives it, which saves memory and time.
    """
    _rewind(file)
    # Leaving the with block (not image.close(), which would close the upload too) frees it.
    with Image.open(file, formats=IMAGE_FORMATS) as image:
        if image.width * image.height > MAX_IMAGE_PIXELS:
            raise ValidationError(IMAGE_TOO_MANY_PIXELS, code="image_too_many_pixels")
        if long_side is not None:
            scale = min(1, long_side / max(image.size))
            image.draft(None, (math.ceil(image.width * scale), math.ceil(image.height * scale)))
        yield image


def validate_image(file):
    """Accept only a genuine, complete JPEG, PNG, WebP or GIF within the size limits."""
    # The size is known without reading the file: refuse big uploads before any decoding.
    if file.size > MAX_IMAGE_BYTES:
        raise ValidationError(IMAGE_TOO_LARGE, code="image_too_large")
    with _kept_as_found(file), _image_errors():
        with _open_image(file) as image:
            image.verify()
        # verify() does not decode the pixels and misses truncated JPEG data: decode them
        # (every byte of a JPEG is still read at the smallest scale).
        with _open_image(file, long_side=1) as image:
            image.load()


def _odf_extensions(archive, entries):
    """The OpenDocument extension announced by a first "mimetype" entry, if any."""
    if not entries or entries[0].filename != "mimetype":
        return set()
    # A bounded read: the entry is never extracted whatever size it claims.
    with archive.open(entries[0]) as entry:
        mimetype = entry.read(100)
    extension = ODF_MIMETYPES.get(mimetype)
    return {extension} if extension else set()


def _ooxml_extensions(names):
    """The OOXML extensions matching the folders of a ZIP that has [Content_Types].xml."""
    if "[Content_Types].xml" not in names:
        return set()
    return {
        extension
        for folder, extension in OOXML_FOLDERS.items()
        if any(name.startswith(folder) for name in names)
    }


def _zip_extensions(file):
    """The extensions allowed by a ZIP's content, empty if it is no OOXML or OpenDocument file."""
    file.seek(0)
    try:
        with zipfile.ZipFile(file) as archive:
            entries = archive.infolist()
            return _odf_extensions(archive, entries) or _ooxml_extensions(
                {entry.filename for entry in entries}
            )
    except Exception:
        # A corrupt, truncated or encrypted ZIP is simply not an accepted document.
        return set()


def _attachment_extensions(file):
    """The extensions allowed by the file's content, empty if it is no accepted document."""
    _rewind(file)
    head = file.read(len(OLE2_MAGIC))
    if head.startswith(PDF_MAGIC):
        return {".pdf"}
    if head == OLE2_MAGIC:
        # The header does not tell Word, Excel and PowerPoint compound files apart.
        return {".doc", ".xls", ".ppt"}
    if head.startswith(ZIP_MAGIC):
        return _zip_extensions(file)
    return set()


def validate_attachment(file):
    """Accept only a PDF or office document whose extension agrees with its content."""
    if file.size > MAX_ATTACHMENT_BYTES:
        raise ValidationError(ATTACHMENT_TOO_LARGE, code="attachment_too_large")
    with _kept_as_found(file):
        extensions = _attachment_extensions(file)
    if not extensions:
        raise ValidationError(INVALID_ATTACHMENT, code="invalid_attachment")
    if _extension(file.name) not in extensions:
        raise ValidationError(ATTACHMENT_EXTENSION_MISMATCH, code="attachment_extension_mismatch")


def _encode(image, image_format):
    """Encode the pixels alone in the given format, with no metadata at all."""
    options = {}
    if image_format == "JPEG":
        if image.mode != "RGB":
            image = image.convert("RGB")
        options = {"quality": 90}
    elif image_format == "WEBP":
        options = {"quality": 90}
    elif "transparency" in image.info:
        # PNG and GIF keep a palette or grey-level transparency; RGBA keeps its alpha band.
        options = {"transparency": image.info["transparency"]}
    # Drop everything Pillow would otherwise copy from the source: comment, ICC, XMP, EXIF, ...
    image.info = {}
    buffer = io.BytesIO()
    image.save(buffer, image_format, **options)
    return buffer.getvalue()


def strip_image_metadata(file):
    """Re-encode a valid image in its own format, upright, without any metadata, and no
    longer than STORED_LONG_SIDE."""
    with _kept_as_found(file), _image_errors(), _open_image(file, STORED_LONG_SIDE) as image:
        # A JPEG with extra pictures (phones, cameras) opens as MPO: keep the main one.
        image_format = "JPEG" if image.format == "MPO" else image.format
        # Rotate the pixels as the EXIF orientation says; the result is a loaded copy.
        upright = ImageOps.exif_transpose(image)
    if max(upright.size) > STORED_LONG_SIDE:
        upright.thumbnail((STORED_LONG_SIDE, STORED_LONG_SIDE), Image.Resampling.LANCZOS)
    stem = os.path.splitext(os.path.basename(file.name or ""))[0] or "image"
    return ContentFile(_encode(upright, image_format), name=stem + IMAGE_EXTENSIONS[image_format])


class ImageUploadField(forms.ImageField):
    """An image form field checked by validate_image alone: size first, then content.

    Django's own ImageField opens any format Pillow knows, whatever its size, before the
    model's validators run.
    """

    # Extensions say nothing about content; validate_image decides.
    default_validators = []

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        # Django would replace validate_image's message by its own for the same code.
        self.error_messages.pop("invalid_image", None)

    def to_python(self, data):
        return forms.FileField.to_python(self, data)
