"""Tests for the Vietnamese text helpers in healthnews.text."""

import itertools
import re
import unicodedata

import pytest

from healthnews.text import (
    exact_words,
    fold_article_text,
    fold_words,
    has_no_diacritics,
    normalize_text,
    normalize_tones,
    vi_sort_key,
    vi_sort_string,
    vn_fold,
    vn_slugify,
)

ALPHABET_ORDER = [
    "an",
    "ăm",
    "âm",
    "ba",
    "bà",
    "bả",
    "bã",
    "bá",
    "bạ",
    "da",
    "đa",
    "e",
    "ê",
    "o",
    "ô",
    "ơ",
    "u",
    "ư",
]

PROVINCE_ORDER = [
    "An Giang",
    "Ăn uống",
    "Ấp Bắc",
    "Bạc Liêu",
    "Dương",
    "Đà Nẵng",
    "Đắk Lắk",
    "Điện Biên",
    "Đồng Nai",
    "Em",
    "Êm",
    "Oanh",
    "Ông",
    "Ơn",
    "Uông Bí",
    "Ưng",
]

# (full name, given, family, middle) in directory order: given, then family, then middle.
DIRECTORY_ORDER = [
    ("Đậu Bình", "Bình", "Đậu", ""),
    ("Giàng Thị Dung", "Dung", "Giàng", "Thị"),
    ("Trần Kiêm Hảo", "Hảo", "Trần", "Kiêm"),
    ("Hoàng Quốc Hương", "Hương", "Hoàng", "Quốc"),
    ("Nguyễn Xuân Ký", "Ký", "Nguyễn", "Xuân"),
    ("Lê Khắc Nam", "Nam", "Lê", "Khắc"),
    ("Phạm Giang Nam", "Nam", "Phạm", "Giang"),
    ("Phan Ngọc Thọ", "Thọ", "Phan", "Ngọc"),
    ("Trần Thị Thu", "Thu", "Trần", "Thị"),
]

SHUFFLED_INDEXES = [6, 2, 8, 0, 5, 3, 7, 1, 4]

# (smaller, larger) under Vietnamese collation.
ORDERED_PAIRS = [
    ("An Giang", "Anh"),
    ("an", "an giang"),
    ("ạng", "anh"),
    ("bà a", "ba b"),
    ("ba", "Ba"),
    ("Ba", "bà"),
    ("Thuy", "Thụy"),
    ("9", "a"),
    ("Phường 9", "Phường A"),
    ("Phường 10", "Phường 2"),
    ("e", "f"),
    ("i", "j"),
    ("v", "w"),
    ("y", "z"),
    ("z", "α"),
]

# Pairs that collate as equal.
EQUAL_PAIRS = [
    ("PGS.TS", "PGSTS"),
    ("Thuỵ", "Thụy"),
    ("Kiến Thuỵ", "Kiến Thụy"),
    (unicodedata.normalize("NFD", "Điện Biên"), "Điện Biên"),
    ("  An \u00a0 Giang ", "An Giang"),
    ("Bà Rịa-Vũng Tàu", "Bà Rịa Vũng Tàu"),
]


def _nfd(value):
    """Return value in NFD."""
    return unicodedata.normalize("NFD", value)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("Đồng chí\u00a0 Giàng", "Đồng chí Giàng"),
        ("  tóm tắt\u00a0 Đề án ", "tóm tắt Đề án"),
        ("Sở\tY\t\ttế", "Sở Y tế"),
        ("a\u2000b\u2005c\u200ad", "a b c d"),
        ("a\u202fb\u205fc\u3000d", "a b c d"),
        ("  dòng một \n\u00a0 dòng hai  ", "dòng một\ndòng hai"),
        ("đoạn một\n\nđoạn hai", "đoạn một\n\nđoạn hai"),
        ("một\r\nhai\rba", "một\nhai\nba"),
        (_nfd("Việt Nam"), "Việt Nam"),
        ("a\u200bb", "a\u200bb"),
        ("", ""),
    ],
)
def test_normalize_text_cleans_spaces_and_keeps_newlines(value, expected):
    result = normalize_text(value)

    assert result == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("hoà", "hòa"),
        ("hoá", "hóa"),
        ("hoả", "hỏa"),
        ("xoã", "xõa"),
        ("hoạ", "họa"),
        ("hoè", "hòe"),
        ("khoé", "khóe"),
        ("khoẻ", "khỏe"),
        ("nhoẽ", "nhõe"),
        ("loẹ", "lọe"),
        ("thuỳ", "thùy"),
        ("thuý", "thúy"),
        ("thuỷ", "thủy"),
        ("huỹ", "hũy"),
        ("Thuỵ", "Thụy"),
        ("oẻ", "ỏe"),
        ("HOÁ", "HÓA"),
        ("Hoá", "Hóa"),
        ("THUỴ", "THỤY"),
        ("UỶ BAN", "ỦY BAN"),
        ("hoá chất", "hóa chất"),
        ("Kiến Thuỵ", "Kiến Thụy"),
        ("(hoá)", "(hóa)"),
        ("hoá.", "hóa."),
        (_nfd("Kiến Thuỵ"), "Kiến Thụy"),
        (_nfd("hoàn"), "hoàn"),
    ],
)
def test_normalize_tones_moves_mark_to_first_vowel(value, expected):
    result = normalize_tones(value)

    assert result == expected
    assert unicodedata.is_normalized("NFC", result)


@pytest.mark.parametrize(
    "value",
    ["hoàn", "huỳnh", "quý", "Quỳnh", "quỳ", "QUÝ", "khoẻo", "xoáy", "hòa", "thủy", "Huế", ""],
)
def test_normalize_tones_keeps_closed_syllables_qu_and_traditional_forms(value):
    result = normalize_tones(value)

    assert result == value


@pytest.mark.parametrize(
    ("new_style", "traditional"),
    [("Kiến Thuỵ", "Kiến Thụy"), ("hoá chất", "hóa chất"), ("Khánh Hoà", "Khánh Hòa")],
)
def test_normalize_tones_makes_both_placements_equal(new_style, traditional):
    assert normalize_tones(new_style) == normalize_tones(traditional)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("Điện Biên", "dien bien"),
        ("ĐIỆN BIÊN", "dien bien"),
        ("Thừa Thiên Huế", "thua thien hue"),
        ("thầy thuốc", "thay thuoc"),
        ("Đắk Lắk", "dak lak"),
        ("NGƯỜI DÂN", "nguoi dan"),
        ("Kiến Thuỵ", "kien thuy"),
        ("Kiến Thụy", "kien thuy"),
        (_nfd("Việt Nam ĐỒNG"), "viet nam dong"),
        ("  Sở\u00a0 Y  tế ", "so y te"),
        ("", ""),
    ],
)
def test_vn_fold_strips_case_and_diacritics(value, expected):
    result = vn_fold(value)

    assert result == expected


# Text whose characters fold to nothing, to several characters, or only with their neighbours.
ODD_TEXTS = [
    "Hoá Điện\u00a0Biên\t\tKHÁM\r\nx\u0301y İstanbul Straße \u2028 qúy huỳnh  ",
    _nfd("Thừa Thiên Huế Đắk Lắk hoà thuý KIẾN THUỴ"),
    "a_b 12,5% “trích” ﬁ ① ² \u0300đầu cuối\u0301 ǰ ŉ ΐ Σς ᾼ ǅ 한국어 ｆｕｌｌ",
    "",
]


def reference_normalize_text(value):
    """normalize_text as first written: every step on every text."""
    text = re.sub(r"\r\n?", "\n", unicodedata.normalize("NFC", value))
    spaces = "\u00a0\u2000-\u200a\u202f\u205f\u3000\t"
    text = re.sub(f"[ {spaces}]{{2,}}|[{spaces}]", " ", text)
    return "\n".join(line.strip(" ") for line in text.split("\n"))


@pytest.mark.parametrize("value", [*ODD_TEXTS, " a\r\n b ", "a \n\tb", "a\u3000\u3000b\r", "a b"])
def test_normalize_text_skips_only_the_steps_with_nothing_to_do(value):
    assert normalize_text(value) == reference_normalize_text(value)


def reference_fold(value):
    """vn_fold as first written: the whole text decomposed, combining marks dropped."""
    text = unicodedata.normalize("NFD", normalize_text(value).replace("đ", "d").replace("Đ", "D"))
    return "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()


@pytest.mark.parametrize("value", ODD_TEXTS)
def test_vn_fold_character_by_character_is_the_fold_of_the_whole_text(value):
    assert vn_fold(value) == reference_fold(value)


@pytest.mark.parametrize("value", ODD_TEXTS)
def test_fold_words_and_exact_words_are_the_words_of_the_normalized_text(value):
    words = fold_words(value), exact_words(value)

    assert words == (
        re.findall(r"[^\W_]+", reference_fold(value)),
        re.findall(r"[^\W_]+", normalize_tones(normalize_text(value)).casefold()),
    )


def test_fold_article_text_folds_title_lead_and_body_one_line_each():
    folded = fold_article_text("Điện Biên", "Sở Y tế", "Khám  bệnh")

    assert folded == "dien bien\nso y te\nkham benh"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("Điện Biên", "dien-bien"),
        ("Đắk Lắk", "dak-lak"),
        ("Thừa Thiên Huế", "thua-thien-hue"),
        ("Ngày Thầy thuốc Việt Nam", "ngay-thay-thuoc-viet-nam"),
        ("PGS.TS.BS Trần Kiêm Hảo", "pgstsbs-tran-kiem-hao"),
        ("Sở Y tế Điện Biên", "so-y-te-dien-bien"),
        ("Đà Nẵng", "da-nang"),
        (_nfd("Điện Biên"), "dien-bien"),
        ("  Sở\u00a0Y tế  ", "so-y-te"),
        ("", ""),
        ("?!.,-", ""),
    ],
)
def test_vn_slugify_gives_ascii_slug(value, expected):
    result = vn_slugify(value)

    assert result == expected


@pytest.mark.parametrize(
    ("value", "max_length", "expected"),
    [
        ("Ngày Thầy thuốc Việt Nam", 12, "ngay-thay"),
        ("Ngày Thầy thuốc Việt Nam", 9, "ngay-thay"),
        ("Ngày Thầy thuốc Việt Nam", 24, "ngay-thay-thuoc-viet-nam"),
        ("Ngày Thầy thuốc Việt Nam", 23, "ngay-thay-thuoc-viet"),
        ("Thầythuốc", 5, "thayt"),
        ("Nguyễn Văn", 3, "ngu"),
        ("abc_ def", 4, "abc"),
        (" ".join(["Sở Y tế"] * 50), 200, "-".join(["so-y-te"] * 25)),
    ],
)
def test_vn_slugify_cuts_at_last_hyphen_within_max_length(value, max_length, expected):
    result = vn_slugify(value, max_length=max_length)

    assert result == expected


def test_vn_slugify_default_max_length_is_200():
    value = " ".join(["Sở Y tế"] * 50)

    result = vn_slugify(value)

    assert result == "-".join(["so-y-te"] * 25)


def test_vn_slugify_rejects_max_length_below_one():
    with pytest.raises(ValueError, match="max_length"):
        vn_slugify("Điện Biên", max_length=0)


@pytest.mark.parametrize("expected", [ALPHABET_ORDER, PROVINCE_ORDER], ids=["letters", "provinces"])
def test_vi_sort_key_sorts_in_vietnamese_dictionary_order(expected):
    shuffled = list(reversed(expected[::2])) + expected[1::2]

    result = sorted(shuffled, key=vi_sort_key)

    assert result == expected


@pytest.mark.parametrize(("smaller", "larger"), ORDERED_PAIRS)
def test_vi_sort_key_orders_pair(smaller, larger):
    assert vi_sort_key(smaller) < vi_sort_key(larger)


@pytest.mark.parametrize(("left", "right"), EQUAL_PAIRS)
def test_vi_sort_key_treats_variants_as_equal(left, right):
    assert vi_sort_key(left) == vi_sort_key(right)


@pytest.mark.parametrize(
    "people",
    [[DIRECTORY_ORDER[i] for i in SHUFFLED_INDEXES], list(reversed(DIRECTORY_ORDER))],
    ids=["shuffled", "reversed"],
)
def test_vi_sort_string_sorts_directory_by_given_family_middle(people):
    result = sorted(people, key=lambda person: vi_sort_string(person[1], person[2], person[3]))

    assert [person[0] for person in result] == [
        "Đậu Bình",
        "Giàng Thị Dung",
        "Trần Kiêm Hảo",
        "Hoàng Quốc Hương",
        "Nguyễn Xuân Ký",
        "Lê Khắc Nam",
        "Phạm Giang Nam",
        "Phan Ngọc Thọ",
        "Trần Thị Thu",
    ]


@pytest.mark.parametrize("ordered", [ALPHABET_ORDER, PROVINCE_ORDER], ids=["letters", "provinces"])
def test_vi_sort_string_increases_along_vi_sort_key_order(ordered):
    strings = [vi_sort_string(value) for value in ordered]
    keys = [vi_sort_key(value) for value in ordered]

    assert all(a < b for a, b in itertools.pairwise(strings))
    assert all(a < b for a, b in itertools.pairwise(keys))


@pytest.mark.parametrize(("smaller", "larger"), ORDERED_PAIRS)
def test_vi_sort_string_orders_pair_like_vi_sort_key(smaller, larger):
    assert vi_sort_string(smaller) < vi_sort_string(larger)


@pytest.mark.parametrize(("left", "right"), EQUAL_PAIRS)
def test_vi_sort_string_treats_variants_as_equal(left, right):
    assert vi_sort_string(left) == vi_sort_string(right)


@pytest.mark.parametrize(
    ("smaller", "larger"),
    [
        (("Nam", "Lê", "Khắc"), ("Nam", "Phạm", "Giang")),
        (("An", "Z", ""), ("An Giang", "A", "")),
        (("An", "", ""), ("An", "", "B")),
        (("Bình", "Đậu", ""), ("Bình", "Đậu", "A")),
        (("Nam", "Le", ""), ("Nam", "Lê", "")),
        (("Nám", "Le", "Khac"), ("Nam", "Lê", "Khắc")),
        (("Nam", "Lê", "Khặc"), ("Nám", "Lê", "Khắc")),
        (("Thu", "Tran", ""), ("thu", "trần", "")),
        (("thu", "tran", ""), ("Thu", "tran", "")),
    ],
)
def test_vi_sort_string_compares_parts_in_order(smaller, larger):
    assert vi_sort_string(*smaller) < vi_sort_string(*larger)


@pytest.mark.parametrize(
    "parts",
    [
        ("Bình", "Đậu", ""),
        ("PGS.TS.BS Trần Kiêm Hảo",),
        ("Phường 10", "Α β γ", "H'Mông"),
        ("",),
        (),
    ],
)
def test_vi_sort_string_contains_only_ascii_digits(parts):
    result = vi_sort_string(*parts)

    assert all(ch in "0123456789" for ch in result)


def test_vi_sort_string_encodes_given_family_middle():
    result = vi_sort_string("Bình", "Đậu", "")

    # b i n h, end; đ â u, end; end; tones (huyền on i, nặng on â); case (B, Đ upper).
    assert result == "23323731002622460000" + "0100050" + "1000100"


def test_vi_sort_string_caps_length_at_255():
    value = " ".join(["Nguyễn"] * 40)

    result = vi_sort_string(value)

    assert len(result) == 255
    assert result == vi_sort_string(value + " Văn")[:255]


@pytest.mark.parametrize(
    ("title", "flagged"),
    [
        ("So Y te Dien Bien gap mat can bo", True),
        ("COVID-19 tai Ha Noi giam manh", True),
        ("Sở Y tế Điện Biên gặp mặt cán bộ", False),
        ("Y te", False),
        ("COVID-19 2025", False),
        ("Bệnh viện Trung ương Huế khai trương ELEKTA", False),
    ],
)
def test_has_no_diacritics_flags_titles_typed_without_marks(title, flagged):
    assert has_no_diacritics(title) is flagged
