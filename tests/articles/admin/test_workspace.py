"""The admin home as a workspace, and the changelist's columns, order and shortcuts."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, ArticleNote
from tests.factories import make_article, make_figure, make_user

pytestmark = pytest.mark.django_db

REPORTER, EDITOR = "Phóng viên", "Biên tập viên"


def section(html, key):
    """The text of one queue's section of the home page ('' when it is not shown)."""
    match = re.search(rf'<section [^>]*queue-{key}".*?</section>', html, re.S)
    return match.group(0) if match else ""


def titles(html):
    return re.findall(r'<a href="/admin/articles/article/\d+/change/">([^<]+)</a>', html)


def home(client):
    return client.get(reverse("admin:index")).content.decode()


def aged(article, minutes):
    """Pretend the article was last edited `minutes` ago (updated_at is set on every save)."""
    moment = timezone.now() - datetime.timedelta(minutes=minutes)
    Article.objects.filter(pk=article.pk).update(updated_at=moment)
    return article


def test_editor_sees_what_waits_for_them_newest_first(client):
    reporter = make_user(REPORTER, first_name="Lan", last_name="Nguyễn")
    client.force_login(make_user(EDITOR))
    aged(
        make_article(status=Article.Status.IN_REVIEW, title="Gửi sáng nay", created_by=reporter), 90
    )
    aged(make_article(status=Article.Status.IN_REVIEW, title="Gửi vừa xong"), 1)
    make_article(status=Article.Status.DRAFT, title="Bản nháp chưa gửi")

    html = home(client)

    waiting = section(html, "cho-duyet")
    assert titles(waiting) == ["Gửi vừa xong", "Gửi sáng nay"]
    assert '<span class="queue-count">2</span>' in waiting
    assert "Nguyễn Lan" in waiting  # family name first


def test_scheduled_queue_shows_each_time_next_first(client):
    client.force_login(make_user(EDITOR))
    soon = timezone.localtime() + datetime.timedelta(hours=2)
    later = timezone.localtime() + datetime.timedelta(days=2)
    make_article(title="Hẹn ngày kia", published_at=later)
    make_article(title="Hẹn hai giờ nữa", published_at=soon)
    make_article(title="Đã lên trang")

    scheduled = section(home(client), "hen-gio")

    assert titles(scheduled) == ["Hẹn hai giờ nữa", "Hẹn ngày kia"]
    assert f"xuất bản lúc {soon:%H:%M %d/%m/%Y}" in scheduled


def test_returned_queue_shows_the_editors_note(client):
    reporter = make_user(REPORTER)
    editor = make_user(EDITOR)
    article = make_article(status=Article.Status.RETURNED, title="Tin bị trả", created_by=reporter)
    ArticleNote.objects.create(article=article, step="returned", author=editor, text="Cũ.")
    ArticleNote.objects.create(
        article=article,
        step="returned",
        author=editor,
        text="Thiếu nguồn tin.",
        created_at=timezone.now() + datetime.timedelta(seconds=1),
    )

    client.force_login(editor)
    for_editor = section(home(client), "tra-lai")
    client.force_login(reporter)
    for_reporter = section(home(client), "tra-lai")

    for queue in (for_editor, for_reporter):
        assert titles(queue) == ["Tin bị trả"]
        assert "Thiếu nguồn tin." in queue and "Cũ." not in queue


def test_missing_photos_lists_published_and_submitted_articles_with_a_captioned_empty_figure(
    client,
):
    client.force_login(make_user(EDITOR))
    waiting = make_article(title="Đã xuất bản, thiếu ảnh")
    make_figure(waiting, caption="Lãnh đạo Sở thăm trạm y tế")
    make_figure(waiting, caption="Tiêm chủng")
    submitted = make_article(status=Article.Status.IN_REVIEW, title="Chờ duyệt, thiếu ảnh")
    make_figure(submitted, caption="Buổi làm việc")
    complete = make_article(title="Đủ ảnh")
    make_figure(complete, caption="Có ảnh", image="figures/co-anh.jpg")
    draft = make_article(status=Article.Status.DRAFT, title="Bản nháp thiếu ảnh")
    make_figure(draft, caption="Chưa chụp")

    queue = section(home(client), "thieu-anh")

    assert sorted(titles(queue)) == ["Chờ duyệt, thiếu ảnh", "Đã xuất bản, thiếu ảnh"]
    assert '<span class="queue-count">2</span>' in queue
    assert "thiếu 2 ảnh" in queue and "thiếu 1 ảnh" in queue


def test_reporter_sees_only_their_own_articles_by_state(client):
    reporter = make_user(REPORTER)
    other = make_user(REPORTER)
    make_article(status=Article.Status.DRAFT, title="Nháp của tôi", created_by=reporter)
    make_article(status=Article.Status.IN_REVIEW, title="Đã gửi của tôi", created_by=reporter)
    make_article(title="Đã đăng của tôi", created_by=reporter)
    make_article(status=Article.Status.RETURNED, title="Trả lại người khác", created_by=other)
    make_article(status=Article.Status.IN_REVIEW, title="Chờ duyệt người khác", created_by=other)
    client.force_login(reporter)

    html = home(client)

    mine = section(html, "cua-toi")
    assert sorted(titles(mine)) == ["Nháp của tôi", "Đã gửi của tôi", "Đã đăng của tôi"]
    for state, count in [
        ("Bản nháp", 1),
        ("Chờ duyệt", 1),
        ("Trả lại", 0),
        ("Hẹn giờ", 0),
        ("Đã xuất bản", 1),
    ]:
        assert f"{state}: <strong>{count}</strong>" in mine
    assert titles(section(html, "tra-lai")) == []
    assert section(html, "cho-duyet") == "" and section(html, "thieu-anh") == ""
    assert "Chờ duyệt người khác" not in html


def test_a_long_queue_links_to_all_of_it_in_the_changelist(client):
    client.force_login(make_user(EDITOR))
    for number in range(12):
        make_article(status=Article.Status.IN_REVIEW, title=f"Chờ duyệt số {number}")

    queue = section(home(client), "cho-duyet")
    listing = client.get(reverse("admin:articles_article_changelist"), {"viec": "cho-duyet"})

    assert len(titles(queue)) == 10
    assert 'href="/admin/articles/article/?viec=cho-duyet"' in queue
    assert "Xem tất cả 12 bài" in queue
    assert listing.context["cl"].result_count == 12


@pytest.mark.parametrize("rows", [1, 15])
def test_workspace_query_count_does_not_grow_with_rows(client, django_assert_num_queries, rows):
    editor = make_user(EDITOR)
    for _ in range(rows):
        make_article(status=Article.Status.IN_REVIEW, created_by=editor)
        returned = make_article(status=Article.Status.RETURNED, created_by=editor)
        ArticleNote.objects.create(article=returned, step="returned", author=editor, text="Sửa.")
        make_figure(make_article(created_by=editor), caption="Chưa có ảnh")
        make_article(published_at=timezone.now() + datetime.timedelta(days=1))
    client.force_login(editor)
    home(client)

    # session, user, its two permission sets, the counts, five queues, the returned ones'
    # notes, the admin log
    with django_assert_num_queries(12):
        html = home(client)

    assert len(titles(section(html, "tra-lai"))) == min(rows, 10)


# The changelist --------------------------------------------------------------------------------


def changelist(client, **params):
    return client.get(reverse("admin:articles_article_changelist"), params)


def test_changelist_shows_author_and_last_editor(client):
    author = make_user(REPORTER, username="phongvien_lan")
    editor = make_user(EDITOR, username="bientap_an")
    make_article(title="Tin có tác giả", created_by=author, last_editor=editor)
    client.force_login(editor)

    html = changelist(client).content.decode()

    assert '<td class="field-created_by nowrap">phongvien_lan</td>' in html
    assert '<td class="field-last_editor nowrap">bientap_an</td>' in html


def test_changelist_puts_undated_drafts_first(client):
    client.force_login(make_user(EDITOR))
    make_article(title="Tin cũ", published_at=timezone.now() - datetime.timedelta(days=9))
    make_article(status=Article.Status.DRAFT, title="Nháp chưa có ngày")
    make_article(title="Tin mới")

    result = changelist(client).context["cl"].result_list

    assert [a.title for a in result] == ["Nháp chưa có ngày", "Tin mới", "Tin cũ"]


def test_changelist_shows_no_fake_midnight_for_a_date_alone(client):
    client.force_login(make_user(EDITOR))
    moment = timezone.make_aware(datetime.datetime(2023, 11, 16, 0, 0))
    make_article(title="Chỉ rõ ngày", published_at=moment, published_at_precision="date")
    make_article(title="Ước tính", published_at=moment, published_at_precision="estimated")
    exact = timezone.make_aware(datetime.datetime(2024, 2, 28, 13, 38, 16))
    make_article(title="Rõ giờ", published_at=exact)

    html = changelist(client).content.decode()

    cells = re.findall(r'<td class="field-published_display">([^<]*)</td>', html)
    assert cells == ["28/02/2024 13:38", "16/11/2023 (ước tính)", "16/11/2023"]


@pytest.mark.parametrize(
    ("shortcut", "expected"),
    [
        ("cho-duyet", ["Chờ duyệt"]),
        ("hen-gio", ["Hẹn giờ"]),
        ("cua-toi", ["Của tôi"]),
        ("tra-lai", ["Trả lại"]),
    ],
)
def test_changelist_shortcuts(client, shortcut, expected):
    editor = make_user(EDITOR)
    make_article(status=Article.Status.IN_REVIEW, title="Chờ duyệt")
    make_article(title="Hẹn giờ", published_at=timezone.now() + datetime.timedelta(days=1))
    make_article(status=Article.Status.DRAFT, title="Của tôi", created_by=editor)
    make_article(status=Article.Status.RETURNED, title="Trả lại")
    client.force_login(editor)

    response = changelist(client, viec=shortcut)

    assert [a.title for a in response.context["cl"].result_list] == expected
    assert "Theo việc cần làm" in response.content.decode()
