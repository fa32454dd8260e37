"""Importing plain-text articles: the five seeds, each rule, each encoding, and what is refused."""

import datetime
import unicodedata
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.core.management import call_command

from articles.content.html import block_text
from articles.importing import ImportRefused, decode_bytes, prepare_one
from articles.importing.parsing import parse_article
from articles.importing.reading import MAX_BYTES
from articles.models import Article
from healthnews.text import normalize_text
from tests.factories import (
    make_event,
    make_official,
    make_organisation,
    make_position,
    make_province,
)

SEEDS = sorted((settings.BASE_DIR / "fixtures" / "seeds").glob("*.txt"))
UNTITLED = {"003", "004"}
VN = ZoneInfo("Asia/Ho_Chi_Minh")


@pytest.fixture
def seeded(db):
    call_command("loaddata", "people", "articles", verbosity=0)


def seed_plan(path):
    return prepare_one(path.name, decode_bytes(path.name, path.read_bytes()))


def fixture_article(plan):
    return Article.objects.get(lead=plan.parsed.lead)


def parse(text, name="bai.txt"):
    return parse_article(name, normalize_text(text))


def to_cp1258(text):
    """Vietnamese text as Windows-1258 writes it: base letters, then a separate tone mark."""
    out = bytearray()
    for ch in unicodedata.normalize("NFC", text):
        try:
            out += ch.encode("cp1258")
        except UnicodeEncodeError:
            base, *marks = unicodedata.normalize("NFD", ch)
            tones = [m for m in marks if m in "\u0300\u0301\u0303\u0309\u0323"]
            others = [m for m in marks if m not in tones]
            out += unicodedata.normalize("NFC", base + "".join(others)).encode("cp1258")
            out += "".join(tones).encode("cp1258")
    return bytes(out)


# ---------------------------------------------------------------------------------------------
# The five seeds parse to what the fixtures hold
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("path", SEEDS, ids=[path.name[:3] for path in SEEDS])
def test_seed_parses_to_its_fixture_article(seeded, path):
    plan = seed_plan(path)
    parsed = plan.parsed
    article = fixture_article(plan)
    figures = [(f.position, f.caption) for f in article.figures.order_by("order")]

    if path.name[:3] in UNTITLED:
        assert parsed.needs_title is True
        assert parsed.title and parsed.title != article.title
    else:
        assert (parsed.title, parsed.needs_title) == (article.title, False)
    assert parsed.lead == article.lead
    assert parsed.paragraphs == [block_text(block) for block in article.body_blocks()]
    assert [(c.position, c.text) for c in parsed.captions] == figures
    assert (parsed.byline, parsed.credit_line) == (article.byline, article.credit_line)
    assert plan.source_outlet == article.source_outlet
    assert (
        parsed.event_day,
        parsed.event_month,
        plan.event_year,
        plan.event_year_inferred,
        parsed.event_date_text,
    ) == (
        article.event_day,
        article.event_month,
        article.event_year,
        article.event_year_inferred,
        article.event_date_text,
    )
    assert plan.province == article.province
    assert {(m.official.slug, m.position) for m in plan.mentions} == {
        (m.official.slug, m.position) for m in article.mentions.all()
    }
    assert set(plan.organisations) <= set(article.organisations.all())
    assert plan.not_found == (
        [] if path.name[:3] != "002" else ["Cơ quan, đơn vị chưa có: Tỉnh ủy Thừa Thiê Huế"]
    )


@pytest.mark.parametrize("path", SEEDS, ids=[path.name[:3] for path in SEEDS])
def test_seed_dates_are_the_fixtures_except_an_editorial_estimate(seeded, path):
    plan = seed_plan(path)
    article = fixture_article(plan)

    if path.name.startswith("004"):
        # The fixture's 7/7/2020 is an editor's estimate: the text gives no year, none is made up.
        assert (plan.published_at, plan.event_year) == (None, None)
        assert "Năm diễn ra chưa rõ: biên tập viên cần xác định (không tự đoán)." in plan.notes
    else:
        assert plan.published_at == article.published_at
        assert plan.published_precision == article.published_at_precision


@pytest.mark.parametrize("path", SEEDS[1:], ids=[path.name[:3] for path in SEEDS[1:]])
def test_seed_commemorations_match_the_fixtures(seeded, path):
    plan = seed_plan(path)
    article = fixture_article(plan)

    assert (plan.commemoration, plan.commemoration_year) == (
        article.commemoration,
        article.commemoration_year,
    )


def test_seed_000_names_no_commemoration_so_none_is_linked(seeded):
    # "70 năm qua" of the Điện Biên health sector: the fixture's link is the editor's reading.
    plan = seed_plan(SEEDS[0])

    assert (plan.commemoration, plan.commemoration_year) == (None, None)


def test_the_seeds_hold_eleven_captions_and_drop_their_furniture(seeded):
    plans = [seed_plan(path) for path in SEEDS]

    assert sum(len(plan.parsed.captions) for plan in plans) == 11
    assert [plan.parsed.furniture for plan in plans] == [
        [],
        [],
        ["Share Bai :", "• Tags:"],
        ["Tag:", "File đính kèm", "/"],
        ["Chia sẻ ngay"],
    ]
    assert [plan.parsed.source_code for plan in plans] == ["", "NDO", "", "HPĐT", ""]


def test_importing_the_seeds_skips_the_three_already_published_with_a_warning(seeded):
    before = Article.objects.count()
    out = _Sink()

    call_command("import_articles", *SEEDS, stdout=out)

    # Seeds 003 and 004 have no title of their own: their proposed titles match nothing.
    assert Article.objects.count() == before + 2
    assert out.text.count("cùng tiêu đề và ngày đã xuất bản") == 2 * 3  # report, then skip
    assert "Bỏ qua 000_c3029eed2c248e45.txt: bài #" in out.text
    assert "dùng --copy nếu vẫn muốn nhập thành bản nháp mới." in out.text


def test_importing_the_seeds_as_copies_saves_drafts_as_the_fixtures_hold_them(seeded):
    before = {a.pk for a in Article.objects.all()}

    call_command("import_articles", *SEEDS, "--copy", stdout=_Sink())

    imported = Article.objects.exclude(pk__in=before)
    assert imported.count() == 5
    for article in imported:
        original = Article.objects.filter(pk__in=before).get(lead=article.lead)
        assert article.status == Article.Status.DRAFT
        assert article.body == original.body
        assert article.import_file_name.endswith(".txt")
        assert len(article.import_hash) == 64
        assert [(f.position, f.caption) for f in article.figures.all()] == [
            (f.position, f.caption) for f in original.figures.all()
        ]
    assert sorted(imported.values_list("needs_title", flat=True)) == [
        False,
        False,
        False,
        True,
        True,
    ]


class _Sink:
    def __init__(self):
        self.text = ""

    def write(self, text):
        self.text += text

    def flush(self):
        pass


# ---------------------------------------------------------------------------------------------
# Encodings and refusals
# ---------------------------------------------------------------------------------------------

ARTICLE = (
    "Sở Y tế Điện Biên kiểm tra phòng chống dịch\n\n16/11/2023\n\n"
    "Sáng 15/11, đoàn kiểm tra của Sở Y tế tỉnh Điện Biên đã làm việc tại huyện Mường Ảng.\n\n"
    "Đoàn đã kiểm tra công tác tiêm chủng và giám sát dịch bệnh tại các xã.\n"
)


@pytest.mark.parametrize(
    "data",
    [
        ARTICLE.encode("utf-8"),
        b"\xef\xbb\xbf" + ARTICLE.encode("utf-8"),
        ARTICLE.replace("\n", "\r\n").encode("utf-8"),
        to_cp1258(ARTICLE),
        to_cp1258(ARTICLE.replace("\n", "\r\n")),
        unicodedata.normalize("NFD", ARTICLE).encode("utf-8"),
    ],
    ids=["utf8", "utf8-bom", "crlf", "cp1258", "cp1258-crlf", "nfd"],
)
def test_each_encoding_reads_to_the_same_nfc_text(data):
    text = decode_bytes("bai.txt", data)

    assert text == normalize_text(ARTICLE)
    assert unicodedata.is_normalized("NFC", text)
    assert parse_article("bai.txt", text).title == "Sở Y tế Điện Biên kiểm tra phòng chống dịch"


def test_cp1258_bytes_are_really_separate_tone_marks():
    assert to_cp1258("Thụy") == b"Thu\xf2y"
    assert decode_bytes("a.txt", b"Thu\xf2y") == "Thụy"


def test_spaces_are_collapsed_and_nbsp_becomes_a_space():
    text = decode_bytes("a.txt", "Đồng chí\u00a0 Giàng   Thị Dung\t– Phó chủ tịch".encode())

    assert text == "Đồng chí Giàng Thị Dung – Phó chủ tịch"


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "tệp rỗng."),
        (b" \r\n\n\t ", "tệp rỗng."),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "có byte NUL"),
        (b"Tieu de\x07\x08 bai viet", "ký tự điều khiển U+0007"),
        (bytes(range(0x80, 0x100)) * 4, "không"),
        ("Sở Y tế Điện Biên tổ chức".encode() + b"\xff\xfe" + "Hà Nội".encode(), "byte 37"),
    ],
    ids=["empty", "blank", "png", "controls", "high-bytes", "broken-utf8"],
)
def test_files_that_are_not_text_are_refused_with_a_reason(data, reason):
    with pytest.raises(ImportRefused) as refused:
        decode_bytes("xau.txt", data)

    assert refused.value.name == "xau.txt"
    assert reason in refused.value.reason


def test_a_file_over_the_cap_is_refused_after_reading_only_the_cap(tmp_path):
    import tracemalloc

    from articles.importing import read_path

    big = tmp_path / "lon.txt"
    with open(big, "wb") as stream:
        line = ("Đoạn văn bản dài để thử giới hạn kích thước tệp nhập. " * 20 + "\n").encode()
        while stream.tell() < 10 * 1024 * 1024:
            stream.write(line)

    tracemalloc.start()
    with pytest.raises(ImportRefused) as refused:
        read_path(big)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()

    assert "lớn hơn 1024 KB" in refused.value.reason
    assert peak < 3 * MAX_BYTES


def test_a_file_of_only_furniture_is_refused(db):
    text = normalize_text("Share Bai :\n\n• Tags:\nTag:\nFile đính kèm\n\nChia sẻ ngay\n")

    with pytest.raises(ImportRefused) as refused:
        prepare_one("rac.txt", text)

    assert refused.value.reason.startswith("không có nội dung bài viết")


# ---------------------------------------------------------------------------------------------
# Line by line
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "expected", "precision"),
    [
        ("16/11/2023", datetime.datetime(2023, 11, 16), "date"),
        ("28/02/2024 1:38:16 CH", datetime.datetime(2024, 2, 28, 13, 38, 16), "exact"),
        ("28/02/2024 9:05:00 SA", datetime.datetime(2024, 2, 28, 9, 5), "exact"),
        ("28/02/2024 12:10:00 SA", datetime.datetime(2024, 2, 28, 0, 10), "exact"),
        ("28/02/2024 12:10:00 CH", datetime.datetime(2024, 2, 28, 12, 10), "exact"),
        ("05-03-2025 14:30", datetime.datetime(2025, 3, 5, 14, 30), "exact"),
        ("Thứ Tư, 28/02/2024", datetime.datetime(2024, 2, 28), "date"),
    ],
)
def test_publication_date_lines(line, expected, precision):
    parsed = parse(f"Tiêu đề bài\n\n{line}\n\nSapo của bài viết, đủ dài để là một đoạn văn.\n")

    assert (parsed.published_at, parsed.published_precision) == (expected, precision)
    assert parsed.published_text == line


def test_an_impossible_date_line_is_not_a_date():
    parsed = parse("Tiêu đề bài\n\n31/02/2024\n\nSapo của bài viết.\n")

    assert parsed.published_at is None
    assert parsed.lead == "31/02/2024"


@pytest.mark.parametrize(
    ("lead", "expected"),
    [
        ("Sáng 18-2, đoàn công tác đến thăm.", (18, 2, None, "Sáng 18-2")),
        ("Chiều 7/7, đồng chí Giám đốc làm việc.", (7, 7, None, "Chiều 7/7")),
        ("Ngày 26/2/2022, hội nghị được tổ chức.", (26, 2, 2022, "Ngày 26/2/2022")),
        ("Vừa qua, Sở Y tế tổ chức hội nghị.", (None, None, None, "Vừa qua")),
        ("Thấm nhuần lời Bác, 69 năm qua ngành Y tế phát triển.", (None, None, None, "")),
        ("Ngày 31/2, một ngày không có.", (None, None, None, "")),
    ],
)
def test_event_date_in_the_lead(lead, expected):
    parsed = parse(f"Tiêu đề bài\n\n{lead}\n")

    assert (
        parsed.event_day,
        parsed.event_month,
        parsed.event_year,
        parsed.event_date_text,
    ) == expected


@pytest.mark.parametrize(
    ("first", "code", "lead"),
    [
        ("NDO - Sáng 3/1, hội nghị diễn ra.", "NDO", "Sáng 3/1, hội nghị diễn ra."),
        ("(HPĐT)- Sáng 3/1, hội nghị diễn ra.", "HPĐT", "Sáng 3/1, hội nghị diễn ra."),
        ("(TTXVN) – Sáng 3/1, hội nghị diễn ra.", "TTXVN", "Sáng 3/1, hội nghị diễn ra."),
        ("(BYT)-Sáng 3/1, hội nghị diễn ra.", "BYT", "Sáng 3/1, hội nghị diễn ra."),
        ("COVID-19 - bệnh đã được kiểm soát.", "", "COVID-19 - bệnh đã được kiểm soát."),
    ],
)
def test_source_prefix(first, code, lead):
    parsed = parse(f"Tiêu đề bài viết\n\n{first}\n")

    assert (parsed.source_code, parsed.lead) == (code, lead)


def test_source_alone_on_its_line():
    parsed = parse("Tiêu đề bài viết\n\nNDO -\n\nNgày 26/2, hội nghị diễn ra.\n")

    assert (parsed.source_code, parsed.lead) == ("NDO", "Ngày 26/2, hội nghị diễn ra.")


def test_byline_and_credit_lines():
    labelled = parse("Tiêu đề\n\nSapo bài viết.\n\nĐoạn hai của bài.\n\nBài và ảnh: Minh Anh\n")
    credited = parse("Tiêu đề\n\nSapo bài viết.\n\nĐoạn hai.\n\nTheo Báo Lào Cai\n\nChia sẻ ngay")
    plain = parse("Tiêu đề\n\nSapo bài viết.\n\nĐoạn hai của bài.\n\nĐậu Bình\n")
    sentence = parse("Tiêu đề\n\nSapo bài viết.\n\nTheo kế hoạch, đoàn sẽ đến thăm các xã.\n")

    assert (labelled.byline, labelled.paragraphs) == ("Minh Anh", ["Đoạn hai của bài."])
    assert (credited.credit_line, credited.furniture) == ("Theo Báo Lào Cai", ["Chia sẻ ngay"])
    assert (plain.byline, plain.paragraphs) == ("Đậu Bình", ["Đoạn hai của bài."])
    assert (sentence.credit_line, sentence.paragraphs) == (
        "",
        ["Theo kế hoạch, đoàn sẽ đến thăm các xã."],
    )


LONG = (
    "Đoàn công tác đã kiểm tra việc triển khai tiêm chủng mở rộng, giám sát dịch bệnh truyền "
    "nhiễm, an toàn thực phẩm và khám chữa bệnh bảo hiểm y tế tại trạm y tế các xã vùng cao "
    "của huyện trong những tháng đầu năm."
)


@pytest.mark.parametrize(
    ("body", "captions", "paragraphs"),
    [
        (
            f"{LONG}\n\nẢnh đoàn kiểm tra tại trạm y tế\n\n{LONG}",
            [(1, "Ảnh đoàn kiểm tra tại trạm y tế")],
            2,
        ),
        (
            f"{LONG}\n\nĐoàn kiểm tra tại trạm y tế.\n{LONG}",
            [(1, "Đoàn kiểm tra tại trạm y tế.")],
            2,
        ),
        (
            f"{LONG}\n\n\nĐoàn kiểm tra tại trạm y tế.\n\n{LONG}",
            [(1, "Đoàn kiểm tra tại trạm y tế.")],
            2,
        ),
        (
            f"{LONG}\n\nĐoàn kiểm tra tại trạm y tế.\nĐoàn kiểm tra tại trạm y tế.\n\n{LONG}",
            [(1, "Đoàn kiểm tra tại trạm y tế.")],
            2,
        ),
        (f"{LONG}\n\nĐoàn đã làm việc với xã.\n\n{LONG}", [], 3),
        (f"{LONG}\n\n{LONG}\n\nKết thúc chuyến công tác", [], 3),
    ],
    ids=["no-period", "glued", "extra-blank-lines", "scraped-twice", "short-sentence", "last"],
)
def test_captions_between_paragraphs(body, captions, paragraphs):
    parsed = parse(f"Tiêu đề bài viết\n\nSapo của bài viết.\n\n{body}\n")

    assert [(c.position, c.text) for c in parsed.captions] == captions
    assert len(parsed.paragraphs) == paragraphs


def test_furniture_is_dropped_wherever_it_stands():
    parsed = parse(
        "Tiêu đề bài viết\nShare Bai :\n\nSapo của bài viết.\n\n  • Tags:\n\nĐoạn cuối./\nTag:\n"
        "File đính kèm\nChia sẻ ngay"
    )

    assert parsed.furniture == [
        "Share Bai :",
        "• Tags:",
        "Tag:",
        "File đính kèm",
        "Chia sẻ ngay",
        "/",
    ]
    assert (parsed.lead, parsed.paragraphs) == ("Sapo của bài viết.", ["Đoạn cuối."])


def test_a_text_without_title_gets_a_proposed_one_and_the_flag():
    parsed = parse(
        "Chiều 7/7, đồng chí Giàng Thị Dung đã làm việc với Sở Y tế Lào Cai. Sau đó đoàn đi thăm."
        "\n\nĐoạn hai của bài viết."
    )

    assert parsed.needs_title is True
    assert parsed.title == "Đồng chí Giàng Thị Dung đã làm việc với Sở Y tế Lào Cai"
    assert parsed.lead.startswith("Chiều 7/7")


# ---------------------------------------------------------------------------------------------
# Inference and links
# ---------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_year_inferred_from_a_known_anniversary_and_said_so():
    make_event(name="Ngày Thầy thuốc Việt Nam", origin_date=datetime.date(1955, 2, 27))
    text = normalize_text(
        "Tiêu đề bài\n\nSáng 26/2, nhân kỷ niệm 71 năm Ngày Thầy thuốc Việt Nam, Sở Y tế gặp mặt."
    )

    plan = prepare_one("a.txt", text)

    assert (plan.event_year, plan.event_year_inferred, plan.commemoration_year) == (
        2026,
        True,
        2026,
    )
    assert plan.published_at == datetime.datetime(2026, 2, 26, tzinfo=VN)
    assert plan.published_precision == Article.DatePrecision.ESTIMATED
    assert any("2026 suy ra từ “kỷ niệm 71 năm Ngày Thầy thuốc Việt Nam”" in n for n in plan.notes)


@pytest.mark.django_db
def test_without_a_known_anniversary_the_year_stays_unknown():
    text = normalize_text("Tiêu đề bài\n\nSáng 26/2, nhân kỷ niệm 71 năm Ngày Thầy thuốc Việt Nam.")

    plan = prepare_one("a.txt", text)

    assert (plan.event_year, plan.event_year_inferred, plan.published_at) == (None, False, None)
    assert "Ngày kỷ niệm chưa có: Ngày Thầy thuốc Việt Nam" in plan.not_found


@pytest.mark.django_db
def test_known_names_are_linked_whatever_the_tone_placement():
    hai_phong = make_province(name="Hải Phòng", kind="thanh-pho")
    centre = make_organisation(name="Trung tâm Y tế huyện Kiến Thụy", province=hai_phong)
    official = make_official("Lê Khắc Nam")
    position = make_position(official=official, title="Phó Chủ tịch")
    make_position(official=official, title="Ủy viên")
    text = normalize_text(
        "Tiêu đề bài\n\nSáng 18-2, đồng chí Lê Khắc Nam, Phó chủ tịch UBND thành phố thăm "
        "Trung tâm Y tế huyện Kiến Thuỵ."
    )

    plan = prepare_one("a.txt", text)

    assert plan.organisations == [centre]
    assert [(m.official, m.position, m.as_written) for m in plan.mentions] == [
        (official, position, "đồng chí Lê Khắc Nam, Phó chủ tịch UBND thành phố")
    ]
    assert plan.province == hai_phong
    assert "Tỉnh, thành phố Hải Phòng suy ra từ các cơ quan được nhắc đến." in plan.notes


@pytest.mark.django_db
def test_a_position_written_before_the_name_and_with_a_dash():
    dung = make_official("Giàng Thị Dung")
    deputy = make_position(official=dung, title="Phó Chủ tịch")
    ky = make_official("Nguyễn Xuân Ký")
    secretary = make_position(official=ky, title="Bí thư")
    text = normalize_text(
        "Tiêu đề bài\n\nChiều 7/7, đồng chí Giàng Thị Dung – Phó chủ tịch UBND tỉnh làm việc.\n\n"
        "Phát biểu tại hội nghị, Bí thư Tỉnh ủy Quảng Ninh Nguyễn Xuân Ký gửi lời chúc mừng."
    )

    plan = prepare_one("a.txt", text)

    assert {(m.official, m.position, m.as_written) for m in plan.mentions} == {
        (dung, deputy, "đồng chí Giàng Thị Dung – Phó chủ tịch UBND tỉnh"),
        (ky, secretary, "Bí thư Tỉnh ủy Quảng Ninh Nguyễn Xuân Ký"),
    }


@pytest.mark.django_db
def test_unknown_names_are_listed_not_created():
    text = normalize_text(
        "Tiêu đề bài\n\nNDO - Vừa qua, đồng chí Phạm Giang Nam, Giám đốc Sở Y tế Điện Biên đã "
        "tiếp đoàn công tác của Trung tâm Y tế huyện Mường Ảng."
    )

    plan = prepare_one("a.txt", text)

    assert plan.not_found == [
        "Nguồn tin chưa có: NDO (sẽ được tạo, chờ biên tập viên bổ sung tên)",
        "Cán bộ chưa có: Phạm Giang Nam (Giám đốc Sở Y tế Điện Biên)",
        "Cơ quan, đơn vị chưa có: Sở Y tế Điện Biên",
        "Cơ quan, đơn vị chưa có: Trung tâm Y tế huyện Mường Ảng",
    ]
    assert (plan.mentions, plan.organisations, plan.source_outlet) == ([], [], None)


@pytest.mark.django_db
def test_a_province_is_taken_as_named_at_the_time():
    hue = make_province(name="Huế", kind="thanh-pho", valid_from=datetime.date(2025, 1, 1))
    thua_thien_hue = make_province(
        name="Thừa Thiên Huế", valid_to=datetime.date(2024, 12, 31), successor=hue
    )
    text = normalize_text(
        "Tiêu đề\n\n28/02/2024\n\nCác thầy thuốc tỉnh Thừa Thiên Huế và Bệnh viện Trung ương Huế."
    )

    plan = prepare_one("a.txt", text)

    assert plan.province == thua_thien_hue
    assert plan.provinces_named == [thua_thien_hue, hue]
