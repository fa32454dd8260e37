"""The Vietnamese admin: locale/vi overrides and completes Django's own vi catalogues."""

import datetime
import re
from pathlib import Path

import django
import pytest
from django.test import RequestFactory
from django.utils import dateformat, translation
from django.utils.timesince import timesince
from django.views.i18n import JavaScriptCatalog

DJANGO_DIR = Path(django.__file__).parent
# English source catalogues: their msgids are exactly what Django 6.1 asks gettext for.
DJANGO_DOMAIN_SOURCES = [
    DJANGO_DIR / "contrib/admin/locale/en/LC_MESSAGES/django.po",
    DJANGO_DIR / "contrib/auth/locale/en/LC_MESSAGES/django.po",
    DJANGO_DIR / "conf/locale/en/LC_MESSAGES/django.po",
]
DJANGOJS_SOURCE = DJANGO_DIR / "contrib/admin/locale/en/LC_MESSAGES/djangojs.po"

# Strings whose Vietnamese is legitimately the English text itself: (msgctxt, msgid).
SAME_IN_VIETNAMESE = {
    # Punctuation: list separator, ellipsis, characters that end a label.
    (None, ", "),
    (None, "…"),
    (None, ":"),
    (None, ":?.!"),
    ("String to return when truncating text", "%(truncated_text)s…"),
    # Only placeholders, nothing to translate.
    (None, "%(class_name)s %(instance)s"),
    # Units and protocol names, written the same way in Vietnamese.
    (None, "%(size)d byte"),
    (None, "%s KB"),
    (None, "%s MB"),
    (None, "%s GB"),
    (None, "%s TB"),
    (None, "%s PB"),
    (None, "IPv4"),
    (None, "IPv6"),
    # The usual Vietnamese UI word for e-mail ("thư điện tử" reads as dated).
    (None, "Email"),
}

_PO_STRING = re.compile(r'"((?:[^"\\]|\\.)*)"')
_PO_ESCAPES = {"n": "\n", "t": "\t", '"': '"', "\\": "\\"}


def _unescape(text):
    return re.sub(r"\\(.)", lambda m: _PO_ESCAPES[m[1]], text)


def read_po(path):
    """Return the (msgctxt, msgid, msgid_plural) of every entry of a .po file but its header."""
    entries = []
    current = {}
    field = None
    for line in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        line = line.strip()
        if not line:
            if current.get("msgid"):
                plural = current.get("msgid_plural")
                entries.append((current.get("msgctxt"), current["msgid"], plural))
            current, field = {}, None
        elif line.startswith("#"):
            continue  # comments, flags, references and obsolete (#~) entries
        elif line.startswith('"'):
            if field is not None:
                current[field] += _unescape(_PO_STRING.fullmatch(line)[1])
        else:
            keyword, _, rest = line.partition(" ")
            if keyword in ("msgctxt", "msgid", "msgid_plural"):
                field = keyword
                current[field] = _unescape(_PO_STRING.fullmatch(rest)[1])
            else:
                field = None  # msgstr / msgstr[n]: the English catalogue's are empty
    return entries


def django_domain_entries():
    seen = set()
    for path in DJANGO_DOMAIN_SOURCES:
        for entry in read_po(path):
            if entry not in seen:
                seen.add(entry)
                yield entry


def vietnamese(msgctxt, msgid, plural):
    """All the forms gettext gives for one catalogue entry in Vietnamese."""
    with translation.override("vi"):
        if plural is None:
            if msgctxt is None:
                return [translation.gettext(msgid)]
            return [translation.pgettext(msgctxt, msgid)]
        if msgctxt is None:
            return [translation.ngettext(msgid, plural, n) for n in (1, 2)]
        return [translation.npgettext(msgctxt, msgid, plural, n) for n in (1, 2)]


def admin_js_catalog():
    """The catalogue the admin's /admin/jsi18n/ serves, read from the view itself."""
    view = JavaScriptCatalog(packages=["django.contrib.admin"])
    with translation.override("vi"):
        view.get(RequestFactory().get("/admin/jsi18n/"))
        return view.get_context_data()


def test_the_reader_finds_every_english_entry():
    # Counts from `msgfmt --statistics` on Django 6.1.3's English catalogues.
    counts = [len(read_po(path)) for path in [*DJANGO_DOMAIN_SOURCES, DJANGOJS_SOURCE]]
    assert counts == [205, 89, 356, 86]
    assert (
        "one letter Monday",
        "M",
        None,
    ) in read_po(DJANGOJS_SOURCE)
    assert (
        None,
        "%(sel)s of %(cnt)s selected",
        "%(sel)s of %(cnt)s selected",
    ) in read_po(DJANGOJS_SOURCE)


@pytest.mark.parametrize(
    ("english", "expected"),
    [
        ("Log out", "Đăng xuất"),
        ("Logout", "Đăng xuất"),
        ("Skip to main content", "Chuyển đến nội dung chính"),
        ("Show counts", "Hiện số lượng"),
        ("Hide counts", "Ẩn số lượng"),
        ("Toggle theme (current theme: auto)", "Đổi giao diện (giao diện hiện tại: tự động)"),
        ("Toggle theme (current theme: light)", "Đổi giao diện (giao diện hiện tại: sáng)"),
        ("Toggle theme (current theme: dark)", "Đổi giao diện (giao diện hiện tại: tối)"),
        ("Django site admin", "Trang quản trị"),
        ("Django administration", "Trang quản trị"),
        ("Site administration", "Quản trị hệ thống"),
        ("Add link", "Liên kết thêm mới"),
        ("Run", "Thực hiện"),
        ("Search", "Tìm kiếm"),
        ("Filter", "Bộ lọc"),
        ("Home", "Trang chủ"),
        ("History", "Lịch sử"),
        ("Set password", "Đặt mật khẩu"),
        ("Password reset unsuccessful", "Đặt lại mật khẩu không thành công"),
        ("- Select an option -", "- Chọn một tùy chọn -"),
        ("This field is required.", "Trường này là bắt buộc."),
        ("Monday", "Thứ Hai"),
        ("Wednesday", "Thứ Tư"),
        ("Sunday", "Chủ Nhật"),
        ("January", "Tháng 1"),
    ],
)
def test_admin_strings_in_vietnamese(english, expected):
    with translation.override("vi"):
        assert translation.gettext(english) == expected


def test_placeholders_are_filled_in_vietnamese():
    with translation.override("vi"):
        filter_by = translation.gettext("Filter by %(field_name)s") % {"field_name": "ngày đăng"}
        search = translation.gettext("Search %(name)s") % {"name": "bài viết"}
        step = translation.gettext(
            "Ensure this value is a multiple of step size %(limit_value)s."
        ) % {"limit_value": 5}
        select = translation.gettext("Select this object for an action - {}").format("Bài 1")

    assert filter_by == "Lọc theo ngày đăng"
    assert search == "Tìm kiếm bài viết"
    assert step == "Đảm bảo giá trị này là bội số của bước nhảy 5."
    assert select == "Chọn đối tượng này để thực hiện hành động - Bài 1"


@pytest.mark.parametrize("count", [1, 3])
def test_plural_messages_use_the_single_vietnamese_form(count):
    with translation.override("vi"):
        more = translation.ngettext(
            "…and %(count)d more object.", "…and %(count)d more objects.", count
        )
        short = translation.ngettext(
            "This password is too short. It must contain at least %d character.",
            "This password is too short. It must contain at least %d characters.",
            count,
        )
        forms = translation.ngettext(
            "Please submit at most %(num)d form.", "Please submit at most %(num)d forms.", count
        )
        # A plural message in Django 6.1; Django's vi catalogue only has the old singular one.
        errors = translation.ngettext(
            "Please correct the error below.", "Please correct the errors below.", count
        )

    assert more % {"count": count} == f"…và {count} đối tượng khác."
    assert short % count == f"Mật khẩu này quá ngắn. Mật khẩu phải chứa ít nhất {count} ký tự."
    assert forms % {"num": count} == f"Vui lòng gửi tối đa {count} biểu mẫu."
    assert errors == "Vui lòng sửa lỗi bên dưới."


def test_date_strings_in_vietnamese():
    wednesday = datetime.datetime(2026, 1, 7, 15, 30)
    with translation.override("vi"):
        assert dateformat.format(wednesday, "l, j F Y") == "Thứ Tư, 7 Tháng 1 2026"
        assert dateformat.format(wednesday, "a") == "chiều"
        # timesince() joins number and unit with a no-break space.
        assert timesince(wednesday - datetime.timedelta(days=1, hours=3), wednesday) == (
            "1\xa0ngày, 3\xa0giờ"
        )
        assert translation.pgettext("Task", "Running") == "Đang chạy"
        assert translation.pgettext("Task", "Successful") == "Thành công"


@pytest.mark.parametrize(
    ("key", "expected"),
    [
        ("Today", "Hôm nay"),
        ("Now", "Bây giờ"),
        ("Choose all %s", "Chọn tất cả %s"),
        ("Remove all %s", "Xóa tất cả %s"),
        ("Today (%(date)s)", "Hôm nay (%(date)s)"),
        ("Previous (%(month)s %(year)s)", "Tháng trước (%(month)s năm %(year)s)"),
        ("%(month)s %(day)s, %(year)s", "ngày %(day)s %(month)s năm %(year)s"),
        ("January", "Tháng 1"),
        ("December", "Tháng 12"),
        ("abbrev. month January\x04Jan", "Thg 1"),
        ("Monday", "Thứ Hai"),
        ("Wednesday", "Thứ Tư"),
        ("Sunday", "Chủ Nhật"),
        ("abbrev. day Monday\x04Mon", "Th 2"),
        ("abbrev. day Sunday\x04Sun", "CN"),
        ("one letter Monday\x04M", "T2"),
        ("one letter Tuesday\x04T", "T3"),
        ("one letter Wednesday\x04W", "T4"),
        ("one letter Thursday\x04T", "T5"),
        ("one letter Friday\x04F", "T6"),
        ("one letter Saturday\x04S", "T7"),
        ("one letter Sunday\x04S", "CN"),
        ("%s selected option not visible", ["%s lựa chọn đã chọn đang bị ẩn"]),
    ],
)
def test_admin_javascript_strings_in_vietnamese(key, expected):
    assert admin_js_catalog()["catalog"][key] == expected


def test_admin_calendar_starts_on_monday():
    context = admin_js_catalog()

    assert context["formats"]["FIRST_DAY_OF_WEEK"] == 1
    assert context["plural"] == "0"


@pytest.mark.parametrize(
    ("msgctxt", "msgid", "plural"),
    list(django_domain_entries()),
    ids=lambda value: value[:40] if isinstance(value, str) else None,
)
def test_every_django_admin_auth_and_core_string_is_in_vietnamese(msgctxt, msgid, plural):
    for text in vietnamese(msgctxt, msgid, plural):
        assert text
        if (msgctxt, msgid) not in SAME_IN_VIETNAMESE:
            assert text not in (msgid, plural)


def test_every_admin_javascript_string_is_in_vietnamese():
    catalog = admin_js_catalog()["catalog"]
    untranslated = []
    for msgctxt, msgid, plural in read_po(DJANGOJS_SOURCE):
        key = msgid if msgctxt is None else f"{msgctxt}\x04{msgid}"
        value = catalog.get(key)
        forms = value if isinstance(value, list) else [value]
        if plural is not None and not isinstance(value, list):
            forms = [None]  # a plural message must arrive as a list of forms
        if any(not text or text in (msgid, plural) for text in forms):
            untranslated.append(key)

    assert untranslated == []
