"""Bytes of a plain-text article to normalised text: UTF-8 (with or without BOM) or Windows-1258."""

import hashlib
import re
import unicodedata

from django.utils.translation import gettext as _

from healthnews.text import normalize_text

# Larger files are refused: a news article is a few kilobytes (the seeds are 3-5 KB).
MAX_BYTES = 1024 * 1024

# Controls that plain text may hold: tab, line feed, form feed, carriage return.
_ALLOWED_CONTROLS = {"\t", "\n", "\x0c", "\r"}
# A UTF-8 sequence of two to four bytes: many of them mean the file meant to be UTF-8.
_UTF8_SEQUENCE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}"
)
# Share of characters a text in a Latin script is made of: letters, digits, spaces, punctuation.
_TEXT_CATEGORIES = ("L", "N", "Z", "P", "M")
_MIN_TEXT_SHARE = 0.9


class ImportRefused(Exception):
    """A file the importer will not take, with the reason an editor can act on."""

    def __init__(self, name, reason):
        super().__init__(f"{name}: {reason}")
        self.name = name
        self.reason = reason


def read_upload(name, stream):
    """Read at most MAX_BYTES + 1 bytes from a binary stream and decode them."""
    data = stream.read(MAX_BYTES + 1)
    return decode_bytes(name, data)


def read_path(path):
    """Read a file from disk, never more than MAX_BYTES + 1 bytes of it."""
    try:
        with open(path, "rb") as stream:
            return read_upload(path.name, stream)
    except OSError as error:
        reason = _("không đọc được tệp (%(error)s).") % {"error": error.strerror or error}
        raise ImportRefused(path.name, reason) from None


def decode_bytes(name, data):
    """The text of a file as NFC with spaces normalised, or ImportRefused saying why not."""
    if len(data) > MAX_BYTES:
        raise ImportRefused(
            name,
            _("tệp lớn hơn %(size)s KB; một bài viết chỉ vài KB, hãy kiểm tra lại tệp.")
            % {"size": MAX_BYTES // 1024},
        )
    if not data.strip():
        raise ImportRefused(name, _("tệp rỗng."))
    if b"\x00" in data:
        raise ImportRefused(
            name, _("tệp không phải văn bản (có byte NUL, có thể là tệp nhị phân).")
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        if len(_UTF8_SEQUENCE.findall(data)) >= 3:
            raise ImportRefused(
                name,
                _("tệp UTF-8 bị hỏng ở byte %(position)s; hãy lưu lại tệp dưới dạng UTF-8.")
                % {"position": error.start},
            ) from None
        try:
            text = data.decode("cp1258")
        except UnicodeDecodeError:
            raise ImportRefused(
                name, _("không đọc được tệp: không phải UTF-8 cũng không phải Windows-1258.")
            ) from None
    _refuse_non_text(name, text)
    return normalize_text(unicodedata.normalize("NFC", text))


def _refuse_non_text(name, text):
    controls = [
        ch for ch in text if unicodedata.category(ch) == "Cc" and ch not in _ALLOWED_CONTROLS
    ]
    if controls:
        raise ImportRefused(
            name,
            _("tệp không phải văn bản (có ký tự điều khiển U+%(code)04X).")
            % {"code": ord(controls[0])},
        )
    visible = [ch for ch in text if not ch.isspace()]
    texty = sum(unicodedata.category(ch)[0] in _TEXT_CATEGORIES for ch in visible)
    if visible and texty / len(visible) < _MIN_TEXT_SHARE:
        raise ImportRefused(name, _("tệp không giống văn bản tiếng Việt (quá nhiều ký hiệu lạ)."))


def content_hash(text):
    """The SHA-256 of the normalised text: the same article imported twice has the same hash."""
    return hashlib.sha256(text.strip().encode("utf-8")).hexdigest()
