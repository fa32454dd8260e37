"""The seed fixtures: faithful to the five seed articles, complete, and loadable twice."""

import datetime
import io
import json
import re
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.core.management import call_command

from articles.content.html import block_text, html_to_text
from articles.models import (
    Article,
    Category,
    CommemorativeEvent,
    Figure,
    Indicator,
    OfficialMention,
    OrganisationMention,
    SourceOutlet,
    Statistic,
    Tag,
)
from healthnews.text import normalize_text, vi_sort_string, vn_fold, vn_slugify
from people.models import Official, Organisation, Position, Province

pytestmark = pytest.mark.django_db

SEEDS = sorted((settings.BASE_DIR / "fixtures" / "seeds").glob("*.txt"))
# Page furniture of the source portals, dropped from the articles.
FURNITURE = {"Share Bai :", "• Tags:", "Tag:", "File đính kèm", "Chia sẻ ngay"}
DATE_LINE = re.compile(r"^\d{1,2}/\d{1,2}/\d{4}( \d{1,2}:\d{2}:\d{2} (SA|CH))?$")
SOURCE_PREFIX = re.compile(r"^(NDO -|\(HPĐT\)-)\s*")
VN = ZoneInfo("Asia/Ho_Chi_Minh")


@pytest.fixture
def seeded(db):
    call_command("loaddata", "people", "articles", verbosity=0)


def seed_lines(path, article):
    """The seed's lines a reader sees in the article, in order: metadata and furniture dropped."""
    lines = []
    for raw in path.read_text(encoding="utf-8").split("\n"):
        text = normalize_text(raw)
        if not text or text in FURNITURE or DATE_LINE.match(text) or text == "NDO -":
            continue
        if text in {article.title, article.byline, article.credit_line}:
            continue
        # The end mark "./" is the slash only: the period ends the last sentence.
        text = SOURCE_PREFIX.sub("", text).removesuffix("/")
        if lines and lines[-1] == text:  # a caption scraped twice in a row
            continue
        lines.append(text)
    return lines


def article_lines(article):
    """The article as a reader meets it: lead, then body blocks with captions in place."""
    lines = [article.lead]
    for figures, block in article.body_with_figures():
        lines.extend(figure.caption for figure in figures)
        if block:
            lines.append(block_text(block))
    return lines


def articles_by_seed():
    """Each seed file with its article, matched by the seed's lead paragraph."""
    pairs = []
    for path in SEEDS:
        text = normalize_text(path.read_text(encoding="utf-8"))
        matches = [a for a in Article.objects.all() if a.lead in text]
        assert len(matches) == 1, path.name
        pairs.append((path, matches[0]))
    return pairs


def test_seeds_are_the_five_source_articles():
    assert [path.name[:3] for path in SEEDS] == ["000", "001", "002", "003", "004"]


def test_each_seed_reads_in_order_in_its_article(seeded):
    for path, article in articles_by_seed():
        assert article_lines(article) == seed_lines(path, article), path.name


def test_seed_typos_and_diacritics_are_kept(seeded):
    bodies = " ".join(article.body for article in Article.objects.all())

    for written in ["kh,ám", "vacine", "một trọng những", "Thừa Thiê Huế", "cầnnâng", "các các"]:
        assert written in bodies, written


def test_every_caption_is_a_figure_caption_not_a_paragraph(seeded):
    captions = list(Figure.objects.values_list("caption", flat=True))
    bodies = " ".join(block_text(article.body) for article in Article.objects.all())

    assert len(captions) == 11
    assert len(set(captions)) == 11
    for caption in captions:
        assert caption not in bodies, caption
    assert not Figure.objects.exclude(image="").exists()


def test_seed_furniture_is_dropped(seeded):
    text = " ".join(a.lead + a.body for a in Article.objects.all())

    for furniture in [*FURNITURE, "./", "(HPĐT)", "NDO -"]:
        assert furniture not in text, furniture


def test_the_end_mark_goes_and_the_last_period_stays(seeded):
    article = Article.objects.get(slug__startswith="lanh-dao-thanh-pho-hai-phong")

    assert article.body.endswith("đáp ứng nhu cầu khám, chữa bệnh của nhân dân.</p>")


def test_entities_of_the_seeds_are_all_present(seeded):
    assert Article.objects.count() == 5
    assert Official.objects.count() == 8
    assert Position.objects.count() == 8
    assert OfficialMention.objects.filter(position__isnull=False).count() == 8
    assert Organisation.objects.count() == 25
    health = [o for o in Organisation.objects.all() if o.is_health_body]
    assert len(health) == 9
    assert len([o for o in health if o.is_facility]) == 5
    assert Statistic.objects.count() == 10
    assert set(SourceOutlet.objects.values_list("code", flat=True)) == {"NDO", "HPĐT"}
    assert set(Article.objects.exclude(byline="").values_list("byline", flat=True)) == {"Đậu Bình"}
    assert list(Article.objects.exclude(credit_line="").values_list("credit_line", flat=True)) == [
        "Theo Trung tâm Kiểm soát bệnh tật Lào Cai"
    ]


def test_officials_hold_the_positions_the_seeds_give(seeded):
    held = {
        (p.official.display_name, p.label)
        for p in Position.objects.select_related("official", "organisation")
    }

    assert held == {
        ("Phạm Giang Nam", "Giám đốc Sở Y tế Điện Biên"),
        ("Nguyễn Xuân Ký", "Bí thư Tỉnh ủy Quảng Ninh"),
        ("PGS.TS.BS Trần Kiêm Hảo", "Giám đốc Sở Y tế Thừa Thiên Huế"),
        ("Phan Ngọc Thọ", "Phó Bí thư Thường trực Tỉnh ủy Thừa Thiên Huế"),
        ("Lê Khắc Nam", "Phó Chủ tịch UBND thành phố Hải Phòng"),
        ("BS Trần Thị Thu", "Trạm trưởng Trạm Y tế phường Tràng Cát"),
        ("Giàng Thị Dung", "Phó Chủ tịch UBND tỉnh Lào Cai"),
        ("Hoàng Quốc Hương", "Giám đốc Sở Y tế Lào Cai"),
    }


def test_commemorations_and_their_four_anniversaries(seeded):
    ngay_thay_thuoc = CommemorativeEvent.objects.get(slug="ngay-thay-thuoc-viet-nam")
    dien_bien = CommemorativeEvent.objects.get(slug="ngay-thanh-lap-nganh-y-te-dien-bien")

    marked = sorted(
        (a.commemoration.slug, a.commemoration_year, a.anniversary)
        for a in Article.objects.exclude(commemoration=None).select_related("commemoration")
    )

    assert ngay_thay_thuoc.origin_date == datetime.date(1955, 2, 27)
    assert dien_bien.origin_date == datetime.date(1953, 5, 1)
    assert marked == [
        ("ngay-thanh-lap-nganh-y-te-dien-bien", 2023, 70),
        ("ngay-thay-thuoc-viet-nam", 2022, 67),
        ("ngay-thay-thuoc-viet-nam", 2024, 69),
        ("ngay-thay-thuoc-viet-nam", 2025, 70),
    ]


def test_provinces_carry_their_history(seeded):
    def current(slug):
        return Province.objects.get(slug=slug).current().name

    assert current("thua-thien-hue") == "Huế"
    assert current("hai-duong") == "Hải Phòng"
    assert current("yen-bai") == "Lào Cai"
    assert Province.objects.get(slug="thua-thien-hue").valid_to == datetime.date(2024, 12, 31)
    assert Province.objects.get(slug="hai-duong").valid_to == datetime.date(2025, 6, 30)
    for unchanged in ["dien-bien", "quang-ninh", "ha-noi"]:
        assert current(unchanged) == Province.objects.get(slug=unchanged).name
        assert Province.objects.get(slug=unchanged).valid_to is None
    article_2024 = Article.objects.get(published_at__year=2024)
    assert article_2024.province.name == "Thừa Thiên Huế"


def test_seed_002_time_is_afternoon_in_vietnam(seeded):
    article = Article.objects.get(byline="Đậu Bình")

    assert article.published_at == datetime.datetime(2024, 2, 28, 13, 38, 16, tzinfo=VN)
    assert article.published_at_precision == Article.DatePrecision.EXACT


def test_event_dates_keep_their_precision(seeded):
    dates = {
        a.event_date_text: (a.event_year, a.event_month, a.event_day, a.event_year_inferred)
        for a in Article.objects.exclude(event_date_text="")
    }

    assert dates == {
        "Vừa qua": (None, None, None, False),
        "Ngày 26/2": (2022, 2, 26, True),
        "sáng 18-2": (2025, 2, 18, True),
        "Chiều 7/7": (None, 7, 7, False),
    }


def test_statistics_keep_value_unit_and_wording(seeded):
    rows = set(Statistic.objects.values_list("as_written", "value", "unit", "year"))

    assert ("gần 2,2 triệu lượt", 2_200_000, "lượt", 2023) in rows
    assert ("gần 87.500 lượt", 87_500, "lượt", 2023) in rows
    assert ("99,3%", Decimal("99.3"), "%", 2023) in rows


def test_every_seed_figure_is_filed_under_an_indicator_of_its_province(seeded):
    for figure in Statistic.objects.select_related("indicator", "province", "article"):
        assert figure.indicator is not None, figure
        assert figure.province == figure.article.province, figure
        assert figure.unit == figure.indicator.unit, figure
        figure.full_clean()  # units and ranges hold
    coverage = Statistic.objects.get(as_written="99,3%").indicator
    assert (coverage.name, coverage.maximum) == ("Tỷ lệ dân số tham gia bảo hiểm y tế", 100)


def test_derived_fields_match_the_code_that_makes_them(seeded):
    for official in Official.objects.all():
        assert official.sort_key == vi_sort_string(
            official.given_name, official.family_name, official.middle_name
        )
        assert official.slug == vn_slugify(official.full_name)
    named = [Province, Organisation, Category, Tag, Indicator]
    for place in [row for model in named for row in model.objects.all()]:
        assert place.sort_key == vi_sort_string(place.name)
        assert place.slug == vn_slugify(place.name)
    for article in Article.objects.all():
        assert article.slug == vn_slugify(article.title)
        assert article.body == Article._meta.get_field("body").sanitize(article.body)
        folded = vn_fold("\n".join([article.title, article.lead, html_to_text(article.body)]))
        assert article.search_text == folded


def dump():
    out = io.StringIO()
    call_command(
        "dumpdata", "people", "articles", natural_foreign=True, natural_primary=True, stdout=out
    )
    return out.getvalue()


def test_loading_the_fixtures_twice_changes_nothing(seeded):
    before = dump()

    call_command("loaddata", "people", "articles", verbosity=0)

    assert dump() == before
    assert Article.objects.count() == 5


def test_fixture_files_are_readable_utf8_without_escapes():
    for name in ["people.json", "articles.json"]:
        text = Path(settings.BASE_DIR, "fixtures", name).read_text(encoding="utf-8")
        assert "\\u" not in text
        assert "Điện Biên" in text


def test_an_export_in_the_earlier_format_still_loads_with_its_organisations(seeded, tmp_path):
    """Before OrganisationMention, an export listed the organisations inside each article."""
    rows = json.loads(dump())
    links = [row for row in rows if row["model"] == "articles.organisationmention"]
    by_article = {}
    for link in links:
        by_article.setdefault(tuple(link["fields"]["article"]), []).append(
            link["fields"]["organisation"]
        )
    for row in rows:
        if row["model"] == "articles.article":
            row["fields"]["organisations"] = by_article.get((row["fields"]["slug"],), [])
    earlier = [row for row in rows if row["model"] != "articles.organisationmention"]
    path = tmp_path / "earlier.json"
    path.write_text(json.dumps(earlier, ensure_ascii=False), encoding="utf-8")
    OrganisationMention.objects.all().delete()

    call_command("loaddata", str(path), verbosity=0)

    hue = Organisation.objects.get(slug="benh-vien-trung-uong-hue")
    newest = Article.objects.published().newest_linked(hue.mentions.all(), 5)
    assert len(links) == OrganisationMention.objects.count() > 20
    assert [a.title for a in newest] == [a.title for a in hue.articles.order_by("-published_at")]
    assert not OrganisationMention.objects.filter(published_at__isnull=True).exists()


def test_documents_are_those_the_seeds_cite_as_they_cite_them(seeded):
    from articles.importing.citations import cited_documents
    from articles.models import Document

    documents = Document.objects.select_related("issuer").order_by("slug")
    rows = {(d.name, d.issuer.name if d.issuer else None, d.issued_on) for d in documents}

    assert rows == {
        ("Nghị quyết số 54-NQ/TW", "Bộ Chính trị", None),
        ("Nghị quyết số 08-NQ/TU", "Tỉnh ủy Thừa Thiên Huế", None),
        ("Chỉ thị số 42-CT/TU", "Tỉnh ủy Thừa Thiên Huế", datetime.date(2023, 8, 8)),
        (
            "Quyết định về việc ban hành Bộ Tiêu chí cơ sở y tế xanh - sạch - đẹp",
            "Bộ Y tế",
            None,
        ),
        (
            "Nghị quyết Đại hội đại biểu Đảng bộ tỉnh lần thứ XVI, nhiệm kỳ 2020 - 2025",
            "Đảng bộ tỉnh Thừa Thiên Huế",
            None,
        ),
        ("Kế hoạch phát triển kinh tế - xã hội 5 năm, giai đoạn 2021 - 2025", None, None),
        (
            "Đề án Bảo vệ, chăm sóc, nâng cao sức khỏe nhân dân và công tác dân số tỉnh Lào Cai "
            "trong tình hình mới giai đoạn 2021-2025",
            None,
            None,
        ),
    }
    for document in documents:
        # Nothing the seeds do not say: no file, no validity, no date of effect, no signer.
        assert not document.files.exists()
        assert document.validity == Document.Validity.UNKNOWN
        assert document.effective_on is None and document.signer is None
        assert document in Document.objects.published()
        for article in document.cited_by.all():
            assert document.number in article.body and document.title in article.body
    for article in Article.objects.all():
        text = "\n".join([article.title, article.lead, html_to_text(article.body)])
        assert set(cited_documents(text)) == set(article.documents.all()), article.slug
    assert Article.objects.get(byline="Đậu Bình").documents.count() == 6
