"""Plain-text articles the importer had never seen, one file per case (in import_files/)."""

import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.urls import reverse

from articles.importing import prepare_one, read_path, save_batch
from articles.models import Article, SourceOutlet
from tests.factories import make_article, make_user

pytestmark = pytest.mark.django_db

FILES = Path(__file__).parent / "import_files"
VN = ZoneInfo("Asia/Ho_Chi_Minh")


def plan_of(name):
    path = FILES / name
    return prepare_one(path.name, read_path(path))


class Sink:
    def __init__(self):
        self.text = ""

    def write(self, text):
        self.text += text

    def flush(self):
        pass


def test_a_short_last_line_before_the_furniture_is_the_closing_caption():
    plan = plan_of("chu-thich-cuoi-bai.txt")
    parsed = plan.parsed

    assert [(c.position, c.text) for c in parsed.captions] == [
        (2, "Cán bộ Trạm Y tế xã Y Tý khám sàng lọc cho trẻ trước khi tiêm")
    ]
    assert parsed.paragraphs[-1].startswith("Bác sĩ Lý Thị Mai, Trưởng Trạm Y tế xã Y Tý")
    assert parsed.furniture == ["Chia sẻ ngay"]


def test_the_closing_caption_is_saved_as_the_last_figure():
    [saved] = save_batch([plan_of("chu-thich-cuoi-bai.txt")])

    article = saved.article
    assert [(f.position, f.caption) for f in article.figures.all()] == [
        (2, "Cán bộ Trạm Y tế xã Y Tý khám sàng lọc cho trẻ trước khi tiêm")
    ]
    assert "khám sàng lọc cho trẻ trước khi tiêm" not in article.body


def test_the_end_mark_goes_and_the_last_sentence_keeps_its_period():
    plan = plan_of("dau-ket-thuc-bai.txt")
    parsed = plan.parsed

    assert parsed.paragraphs[-1].endswith("góp phần bảo vệ, chăm sóc sức khỏe của nhân dân.")
    assert parsed.furniture == ["Tags: hiến máu, Nghệ An", "/"]
    assert parsed.captions == []


def test_an_unknown_outlet_is_kept_created_and_flagged_for_an_editor():
    plan = plan_of("nguon-tin-chua-co.txt")

    [saved] = save_batch([plan])

    assert plan.parsed.lead.startswith("Chiều 18/4, Trung tâm Y tế huyện Bảo Yên")
    assert plan.not_found[0] == (
        "Nguồn tin chưa có: BLC (sẽ được tạo, chờ biên tập viên bổ sung tên)"
    )
    outlet = SourceOutlet.objects.get(code="BLC")
    assert (outlet.name, outlet.needs_completing) == ("BLC", True)
    assert saved.article.source_outlet == outlet
    assert saved.article.credit_line == "Theo Báo Lào Cai"


def test_a_second_file_of_the_same_unknown_outlet_reuses_it(tmp_path):
    second = tmp_path / "bao-yen-2.txt"
    second.write_text(
        (FILES / "nguon-tin-chua-co.txt")
        .read_text(encoding="utf-8")
        .replace("Chiều 18/4", "Sáng 20/4"),
        encoding="utf-8",
    )

    saved = save_batch(
        [plan_of("nguon-tin-chua-co.txt"), prepare_one(second.name, read_path(second))]
    )

    assert SourceOutlet.objects.filter(code="BLC").count() == 1
    assert saved[0].article.source_outlet == saved[1].article.source_outlet


def test_an_editor_naming_the_new_outlet_clears_its_flag(client):
    save_batch([plan_of("nguon-tin-chua-co.txt")])
    outlet = SourceOutlet.objects.get(code="BLC")
    client.force_login(make_user("Biên tập viên"))

    listed = client.get(reverse("admin:articles_sourceoutlet_changelist") + "?needs_completing=1")
    client.post(
        reverse("admin:articles_sourceoutlet_change", args=[outlet.pk]),
        {"code": "BLC", "name": "Báo Lào Cai", "url": "https://baolaocai.vn"},
    )

    outlet.refresh_from_db()
    assert "BLC" in listed.content.decode()
    assert (outlet.name, outlet.needs_completing) == ("Báo Lào Cai", False)


def published_twin():
    return make_article(
        title="Hà Tĩnh: Khám sàng lọc miễn phí bệnh tim bẩm sinh cho 600 trẻ em",
        published_at=datetime.datetime(2026, 10, 15, 16, 20, tzinfo=VN),
    )


def test_an_article_already_published_is_skipped_with_a_warning():
    twin = published_twin()
    out = Sink()

    call_command("import_articles", FILES / "bai-da-xuat-ban.txt", stdout=out)

    assert Article.objects.count() == 1
    assert (
        f"Bỏ qua bai-da-xuat-ban.txt: bài #{twin.pk} «{twin.title}» cùng tiêu đề và ngày đã "
        "xuất bản (15/10/2026); dùng --copy nếu vẫn muốn nhập thành bản nháp mới."
    ) in out.text
    assert "Đã nhập 0 bản nháp." in out.text


def test_an_article_already_published_is_imported_when_the_editor_asks_for_a_copy():
    twin = published_twin()

    call_command("import_articles", FILES / "bai-da-xuat-ban.txt", "--copy", stdout=Sink())

    copy = Article.objects.exclude(pk=twin.pk).get()
    assert (copy.title, copy.status) == (twin.title, Article.Status.DRAFT)


@pytest.mark.parametrize(
    ("title", "day", "status"),
    [
        ("Hà Tĩnh: Khám sàng lọc miễn phí bệnh tim bẩm sinh cho 600 trẻ em", 14, "published"),
        ("Hà Tĩnh: Khám sàng lọc miễn phí bệnh tim bẩm sinh cho 600 trẻ em", 15, "draft"),
        ("Hà Tĩnh: Khám sàng lọc bệnh tim bẩm sinh cho trẻ em vùng khó khăn", 15, "published"),
    ],
    ids=["other-day", "not-published", "other-title"],
)
def test_only_the_same_title_on_the_same_day_already_published_is_a_twin(title, day, status):
    make_article(
        title=title, status=status, published_at=datetime.datetime(2026, 10, day, 9, tzinfo=VN)
    )

    plan = plan_of("bai-da-xuat-ban.txt")

    assert plan.published_twin is None


def test_the_twin_is_found_whatever_the_case_and_spacing_of_its_title():
    twin = make_article(
        title="Hà Tĩnh:  khám sàng lọc miễn phí bệnh tim bẩm sinh cho 600 TRẺ EM",
        published_at=datetime.datetime(2026, 10, 15, 23, 30, tzinfo=VN),
    )

    assert plan_of("bai-da-xuat-ban.txt").published_twin == twin


def test_the_admin_preview_warns_and_confirming_skips_unless_a_copy_is_asked(client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    twin = published_twin()
    client.force_login(make_user("Biên tập viên"))
    data = (FILES / "bai-da-xuat-ban.txt").read_bytes()

    def preview():
        upload = SimpleUploadedFile("bai-da-xuat-ban.txt", data, content_type="text/plain")
        return client.post(reverse("admin:articles_article_import"), {"files": [upload]})

    page = preview()
    payload = page.context["payload"]
    skipped = client.post(
        reverse("admin:articles_article_import_confirm"), {"payload": payload}, follow=True
    )
    copied = client.post(
        reverse("admin:articles_article_import_confirm"),
        {"payload": preview().context["payload"], "copy": ["0"]},
        follow=True,
    )

    html = page.content.decode()
    assert "cùng tiêu đề, xuất bản ngày 15/10/2026: tệp này sẽ được bỏ qua." in html
    assert '<input type="checkbox" name="copy" value="0" form="import-confirm">' in html
    assert "Đã nhập 0 bản nháp từ tệp văn bản." in skipped.content.decode()
    assert f"bài “{twin.title}” cùng tiêu đề và ngày đã được xuất bản" in (skipped.content.decode())
    assert "Đã nhập 1 bản nháp từ tệp văn bản." in copied.content.decode()
    assert Article.objects.filter(status=Article.Status.DRAFT, title=twin.title).count() == 1


def test_the_date_line_of_the_file_gives_the_event_year():
    plan = plan_of("nam-theo-ngay-dang.txt")

    assert (plan.parsed.event_day, plan.parsed.event_month, plan.event_year) == (3, 12, 2026)
    assert plan.event_year_inferred is True
    assert "Năm diễn ra 2026 lấy theo ngày đăng 03/12/2026 ghi trong tệp." in plan.notes
    assert "Năm diễn ra chưa rõ: biên tập viên cần xác định (không tự đoán)." not in plan.notes
    assert (plan.published_at, plan.published_precision) == (
        datetime.datetime(2026, 12, 3, tzinfo=VN),
        "date",
    )


@pytest.mark.parametrize(
    ("date_line", "event", "year"),
    [
        ("02/01/2027", "Chiều 30/12", 2026),
        ("30/12/2026", "Sáng 2/1", 2027),
        ("01/03/2025", "Ngày 29/2", 2024),
    ],
    ids=["event-in-the-year-before", "announced-for-next-year", "leap-day"],
)
def test_the_event_year_is_the_nearest_to_the_date_line(tmp_path, date_line, event, year):
    text = (FILES / "nam-theo-ngay-dang.txt").read_text(encoding="utf-8")
    path = tmp_path / "bai.txt"
    path.write_text(text.replace("03/12/2026", date_line).replace("Sáng 3/12", event), "utf-8")

    plan = prepare_one(path.name, read_path(path))

    assert (plan.event_year, plan.event_year_inferred) == (year, True)
