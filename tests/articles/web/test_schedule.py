"""/lich-cong-tac/: the week of the publisher's leaders, other departments, drafts never shown."""

import datetime

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from articles.models import ScheduleEntry, SiteSettings
from articles.roles import EDITOR, REPORTER
from tests.factories import make_official, make_organisation, make_user

pytestmark = pytest.mark.django_db

URL = "/lich-cong-tac/"


@pytest.fixture
def publisher():
    organisation = make_organisation(name="Sở Y tế Lào Cai", kind="so-y-te")
    SiteSettings.objects.create(publisher=organisation)
    return organisation


def monday_of(day):
    return day - datetime.timedelta(days=day.weekday())


def entry(organisation, date, content, **fields):
    fields.setdefault("start_time", datetime.time(8, 0))
    fields.setdefault("status", ScheduleEntry.Status.PUBLISHED)
    return ScheduleEntry.objects.create(
        organisation=organisation, date=date, content=content, **fields
    )


def test_this_week_from_monday_to_sunday_with_today_marked(client, publisher):
    today = timezone.localdate()
    monday = monday_of(today)
    director = make_official("Hoàng Quốc Hưởng")
    deputy = make_official("Nguyễn Thị Lan")
    meeting = entry(
        publisher,
        today,
        "Giao ban lãnh đạo Sở",
        start_time=datetime.time(14, 0),
        end_time=datetime.time(16, 30),
        place="Phòng họp tầng 2",
        presiding=director,
        other_participants="Trưởng các phòng",
    )
    meeting.participants.add(deputy)
    entry(publisher, today, "Trực lãnh đạo", start_time=datetime.time(7, 30))
    entry(publisher, monday - datetime.timedelta(days=1), "Việc của tuần trước")

    page = client.get(URL).content.decode()

    assert f"từ {monday:%d/%m/%Y} đến {monday + datetime.timedelta(days=6):%d/%m/%Y}" in page
    assert page.count('class="schedule-day') == 7
    today_section = page.split('aria-current="date"')[1].split("</section>")[0]
    assert "Hôm nay" in today_section
    assert today_section.index("07:30") < today_section.index("14:00</time>–16:30")  # by time
    assert "Phòng họp tầng 2" in today_section and "Trưởng các phòng" in today_section
    assert f'href="{director.get_absolute_url()}"' in today_section  # presiding, linked
    assert f'href="{deputy.get_absolute_url()}"' in today_section  # participants, linked
    assert "Việc của tuần trước" not in page


def test_weeks_are_browsed_by_previous_and_next(client, publisher):
    entry(publisher, datetime.date(2026, 1, 7), "Hội nghị tổng kết năm 2025")

    page = client.get(URL, {"tuan": "2026-W02"}).content.decode()

    assert "Hội nghị tổng kết năm 2025" in page
    assert "từ 05/01/2026 đến 11/01/2026" in page
    assert 'href="?tuan=2026-W01" rel="prev"' in page
    assert 'href="?tuan=2026-W03" rel="next"' in page
    assert "Tuần này" in page  # a way back to the current week
    assert 'aria-current="date"' not in page


@pytest.mark.parametrize("week", ["2026-W60", "tuần-trước", "2026-W", "x-Wy"])
def test_a_week_that_does_not_exist_is_a_404(client, publisher, week):
    response = client.get(URL, {"tuan": week})

    assert response.status_code == 404
    assert "Không tìm thấy trang" in response.content.decode()


def test_drafts_never_reach_readers(client, publisher):
    today = timezone.localdate()
    entry(publisher, today, "Lịch đã công bố")
    entry(publisher, today, "Lịch còn nháp", status=ScheduleEntry.Status.DRAFT)

    page = client.get(URL).content.decode()

    assert "Lịch đã công bố" in page
    assert "Lịch còn nháp" not in page


def test_another_department_is_chosen_by_its_slug(client, publisher):
    other = make_organisation(name="Sở Y tế Điện Biên", kind="so-y-te")
    today = timezone.localdate()
    entry(publisher, today, "Việc ở Lào Cai")
    entry(other, today, "Việc ở Điện Biên")

    page = client.get(URL, {"don_vi": other.slug}).content.decode()
    default = client.get(URL).content.decode()

    assert "Việc ở Điện Biên" in page and "Việc ở Lào Cai" not in page
    assert "Việc ở Lào Cai" in default and "Việc ở Điện Biên" not in default
    assert f'<option value="{other.slug}" selected>' in page
    assert f"don_vi={other.slug}" in page  # week links keep the department
    assert client.get(URL, {"don_vi": "khong-co"}).status_code == 404


def test_editors_copy_a_week_forward_as_drafts(client, publisher):
    monday = datetime.date(2026, 12, 7)
    official = make_official()
    first = entry(publisher, monday, "Giao ban đầu tuần")
    first.participants.add(official)
    entry(publisher, monday + datetime.timedelta(days=2), "Kiểm tra bệnh viện")
    client.force_login(make_user(EDITOR))

    client.post(
        reverse("admin:articles_scheduleentry_changelist"),
        {
            "action": "copy_to_next_week",
            ACTION_CHECKBOX_NAME: list(ScheduleEntry.objects.values_list("pk", flat=True)),
        },
    )

    copies = ScheduleEntry.objects.filter(date__gte=monday + datetime.timedelta(days=7))
    assert sorted((c.date, c.content, c.status) for c in copies) == [
        (datetime.date(2026, 12, 14), "Giao ban đầu tuần", "draft"),
        (datetime.date(2026, 12, 16), "Kiểm tra bệnh viện", "draft"),
    ]
    assert list(copies.get(content="Giao ban đầu tuần").participants.all()) == [official]


def test_reporters_read_the_schedule_but_do_not_change_it(client, publisher):
    client.force_login(make_user(REPORTER))

    response = client.post(
        reverse("admin:articles_scheduleentry_add"),
        {"organisation": publisher.pk, "date": "07/12/2026", "start_time": "08:00"},
    )

    assert response.status_code == 403
    assert not ScheduleEntry.objects.exists()


def test_an_entry_ending_before_it_starts_is_refused_in_vietnamese(client, publisher):
    client.force_login(make_user(EDITOR))

    response = client.post(
        reverse("admin:articles_scheduleentry_add"),
        {
            "organisation": publisher.pk,
            "date": "07/12/2026",
            "start_time": "10:00",
            "end_time": "09:00",
            "content": "Họp",
            "status": "published",
        },
    )

    assert "Giờ kết thúc phải sau giờ bắt đầu." in response.content.decode()
    assert not ScheduleEntry.objects.exists()


def test_the_week_reads_a_constant_number_of_queries(client, settings, publisher):
    settings.PAGE_CACHE_SECONDS = 0
    today = timezone.localdate()

    def add(count):
        for index in range(count):
            row = entry(publisher, today, f"Việc {index}", presiding=make_official())
            row.participants.add(make_official(), make_official())

    add(1)
    client.get(URL)
    with CaptureQueriesContext(connection) as one:
        client.get(URL)
    add(20)
    with CaptureQueriesContext(connection) as many:
        client.get(URL)

    assert len(many) == len(one)


def test_english_schedule_translates_labels_and_keeps_the_content(client, publisher):
    entry(publisher, datetime.date(2026, 12, 7), "Giao ban lãnh đạo Sở", place="Phòng họp")

    page = client.get("/en/lich-cong-tac/", {"tuan": "2026-W50"}).content.decode()

    assert "Leaders&#x27; schedule" in page or "Leaders' schedule" in page
    assert "Monday, 07/12/2026" in page
    assert 'lang="vi">Giao ban lãnh đạo Sở' in page and "Place:" in page
