"""The workflow buttons of the article form: who may click which, what each does and tells."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from articles import workflow
from articles.models import Article, ArticleNote, ArticleRevision
from tests.articles.admin.test_article import form_data, typed_time
from tests.factories import make_article, make_user

pytestmark = pytest.mark.django_db

REPORTER, EDITOR, ADMINISTRATOR = "Phóng viên", "Biên tập viên", "Quản trị"


def change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


def click(client, article, step, follow=False, **overrides):
    """Post the article form as it stands with one workflow button clicked."""
    data = form_data(article, _workflow=step, **overrides)
    return client.post(change_url(article), data, follow=follow)


def in_state(state, **fields):
    """An article in one of the workspace's states."""
    now = timezone.now()
    status = {
        "draft": {"status": Article.Status.DRAFT},
        "review": {"status": Article.Status.IN_REVIEW},
        "returned": {"status": Article.Status.RETURNED},
        "live": {"status": Article.Status.PUBLISHED, "published_at": now - datetime.timedelta(1)},
    }[state]
    return make_article(**status, **fields)


# The permission matrix ------------------------------------------------------------------------

# step: (the state it starts from, the status it leads to)
STEPS = {
    "submitted": ("draft", Article.Status.IN_REVIEW),
    "returned": ("review", Article.Status.RETURNED),
    "published": ("review", Article.Status.PUBLISHED),
    "scheduled": ("draft", Article.Status.PUBLISHED),
    "unpublished": ("live", Article.Status.DRAFT),
}
WHO = ["reporter, own article", "reporter, another's", EDITOR, ADMINISTRATOR]
TAKES_EFFECT = {
    # step: (reporter own, reporter another's, editor, administrator)
    "submitted": (True, False, True, True),
    "returned": (False, False, True, True),
    "published": (False, False, True, True),
    "scheduled": (False, False, True, True),
    "unpublished": (False, False, True, True),
}


@pytest.mark.parametrize("step", list(STEPS))
@pytest.mark.parametrize("who", range(4), ids=WHO)
def test_permission_matrix_of_the_workflow_buttons(client, step, who):
    role = [REPORTER, REPORTER, EDITOR, ADMINISTRATOR][who]
    user = make_user(role)
    owner = make_user(REPORTER) if who == 1 else user
    start, leads_to = STEPS[step]
    article = in_state(start, created_by=owner)
    client.force_login(user)
    tomorrow = timezone.now() + datetime.timedelta(days=1)

    response = click(client, article, step, note="Cần sửa sapo.", **typed_time(tomorrow))

    article.refresh_from_db()
    took_effect = article.status == leads_to
    assert took_effect is TAKES_EFFECT[step][who]
    assert article.notes.filter(step=step).exists() is took_effect
    if not took_effect:
        assert response.status_code in (200, 403)
        assert ArticleRevision.objects.filter(article=article).count() == 0


def test_reporter_clicking_publish_on_own_draft_gets_a_vietnamese_form_error(client):
    reporter = make_user(REPORTER)
    article = in_state("draft", created_by=reporter)
    client.force_login(reporter)

    response = click(client, article, "published")

    assert response.status_code == 200
    assert "Bạn không có quyền xuất bản bài viết." in response.content.decode()
    article.refresh_from_db()
    assert article.status == Article.Status.DRAFT


@pytest.mark.parametrize(
    ("state", "step", "message"),
    [
        ("draft", "returned", "Bài viết đang ở trạng thái “bản nháp”: không thể trả lại."),
        ("live", "published", "Bài viết đang ở trạng thái “đã xuất bản”: không thể xuất bản."),
        ("review", "submitted", "Bài viết đang ở trạng thái “chờ duyệt”: không thể gửi duyệt."),
        ("draft", "unpublished", "Bài viết đang ở trạng thái “bản nháp”: không thể gỡ xuống."),
        ("draft", "delete-everything", "Thao tác không hợp lệ."),
    ],
)
def test_a_step_from_the_wrong_state_is_a_form_error(client, state, step, message):
    client.force_login(make_user(EDITOR))
    article = in_state(state)

    response = click(client, article, step, note="Ghi chú.")

    assert response.status_code == 200
    assert message in response.content.decode()
    assert Article.objects.get(pk=article.pk).status == article.status


def test_returning_without_a_note_asks_for_one(client):
    client.force_login(make_user(EDITOR))
    article = in_state("review")

    response = click(client, article, "returned", note="   ")

    assert response.context["adminform"].form.errors["note"] == [
        "Hãy ghi lý do trả lại để phóng viên biết cần sửa gì."
    ]
    assert Article.objects.get(pk=article.pk).status == Article.Status.IN_REVIEW


@pytest.mark.parametrize("typed", [{}, typed_time(timezone.now() - datetime.timedelta(hours=1))])
def test_scheduling_needs_a_time_in_the_future(client, typed):
    client.force_login(make_user(EDITOR))
    article = in_state("review")

    response = click(client, article, "scheduled", **typed)

    assert response.context["adminform"].form.errors["published_at"] == [
        "Để hẹn giờ, hãy nhập thời gian xuất bản trong tương lai."
    ]
    assert '<a href="#id_published_at_0">Sửa thời gian xuất bản</a>' in response.content.decode()
    assert Article.objects.get(pk=article.pk).status == Article.Status.IN_REVIEW


# What each button says and does ---------------------------------------------------------------


def test_form_shows_only_the_buttons_the_user_may_click(client):
    reporter = make_user(REPORTER)
    own_draft = in_state("draft", created_by=reporter)
    in_review = in_state("review")
    live = in_state("live")

    client.force_login(reporter)
    reporter_form = client.get(change_url(own_draft)).content.decode()
    client.force_login(make_user(EDITOR))
    review_form = client.get(change_url(in_review)).content.decode()
    live_form = client.get(change_url(live)).content.decode()

    def buttons(html):
        return [s for s in STEPS if f'name="_workflow" value="{s}"' in html]

    assert buttons(reporter_form) == ["submitted"]
    assert buttons(review_form) == ["returned", "published", "scheduled"]
    assert buttons(live_form) == ["unpublished"]
    assert 'id="id_status"' not in review_form
    assert "Chờ duyệt" in review_form


def test_new_article_can_be_submitted_straight_from_the_add_form(client):
    reporter = make_user(REPORTER, first_name="Lan", last_name="Nguyễn")
    make_user(EDITOR, email="bientap@soyte.vn")
    client.force_login(reporter)

    response = client.post(
        reverse("admin:articles_article_add"),
        form_data(title="Tin mới gửi duyệt", _workflow="submitted", note="Nhờ anh xem giúp."),
        follow=True,
    )

    article = Article.objects.get(title="Tin mới gửi duyệt")
    assert article.status == Article.Status.IN_REVIEW
    assert article.created_by == reporter
    assert response.redirect_chain[-1][0] == reverse("admin:index")
    assert "Đã gửi bài “Tin mới gửi duyệt” cho biên tập viên duyệt." in response.content.decode()


def test_each_step_says_what_happened(client):
    reporter = make_user(REPORTER, first_name="Lan", last_name="Nguyễn")
    client.force_login(make_user(EDITOR))
    tomorrow = timezone.localtime() + datetime.timedelta(days=1)
    returned = in_state("review", title="Tin trả lại", created_by=reporter)
    scheduled = in_state("review", title="Tin hẹn giờ")
    unpublished = in_state("live", title="Tin gỡ xuống")

    said = [
        click(client, returned, "returned", note="Thiếu nguồn.", follow=True),
        click(client, scheduled, "scheduled", follow=True, **typed_time(tomorrow)),
        click(client, unpublished, "unpublished", follow=True),
    ]

    pages = [response.content.decode() for response in said]
    assert "Đã trả lại bài “Tin trả lại” cho Nguyễn Lan, kèm ghi chú." in pages[0]
    assert f"sẽ tự xuất bản lúc {tomorrow:%H:%M %d/%m/%Y}." in pages[1]
    assert "Đã gỡ bài “Tin gỡ xuống” xuống: bạn đọc không còn xem được." in pages[2]
    assert not Article.objects.published().exists()


def test_publishing_keeps_a_past_date_and_replaces_a_future_one(client):
    client.force_login(make_user(EDITOR))
    last_year = timezone.now().replace(microsecond=0) - datetime.timedelta(days=365)
    old = in_state("review", published_at=last_year)
    future = in_state("review", published_at=timezone.now() + datetime.timedelta(days=3))

    click(client, old, "published")
    click(client, future, "published")

    old.refresh_from_db()
    future.refresh_from_db()
    assert old.published_at == last_year
    assert future.published_at <= timezone.now()
    assert set(Article.objects.published()) == {old, future}


def test_scheduled_article_stays_hidden_until_its_time(client):
    client.force_login(make_user(EDITOR))
    article = in_state("review", title="Tin hẹn giờ ẩn")
    tomorrow = timezone.now() + datetime.timedelta(days=1)

    click(client, article, "scheduled", **typed_time(tomorrow))

    article.refresh_from_db()
    assert workflow.state(article) == workflow.SCHEDULED
    assert article not in Article.objects.published()
    assert "Tin hẹn giờ ẩn" not in client.get(reverse("articles:home")).content.decode()


# Notes and history ----------------------------------------------------------------------------


def test_returned_article_goes_back_to_its_reporter_with_the_note(client):
    reporter = make_user(REPORTER)
    article = in_state("review", created_by=reporter, title="Tin cần sửa")
    client.force_login(make_user(EDITOR, username="bientap_an"))
    click(client, article, "returned", note="Thiếu tên bệnh viện ở đoạn 2.")

    client.force_login(reporter)
    form = client.get(change_url(article)).content.decode()
    click(client, Article.objects.get(pk=article.pk), "submitted", note="Đã bổ sung.")

    assert "Thiếu tên bệnh viện ở đoạn 2." in form
    assert 'name="_workflow" value="submitted"' in form
    article.refresh_from_db()
    assert article.status == Article.Status.IN_REVIEW
    assert [(n.step, n.text) for n in workflow.steps_of(article)] == [
        ("submitted", "Đã bổ sung."),
        ("returned", "Thiếu tên bệnh viện ở đoạn 2."),
    ]


def test_each_step_and_note_is_recorded_in_the_history(client):
    editor = make_user(EDITOR)
    client.force_login(editor)
    article = in_state("review")

    click(client, article, "returned", note="Sửa   tiêu đề.")
    article.refresh_from_db()
    client.post(change_url(article), form_data(article, note="Tôi sẽ xem lại chiều nay."))

    history = client.get(reverse("admin:articles_article_history", args=[article.pk]))
    html = history.content.decode()
    assert "Trả lại: Sửa tiêu đề." in html
    assert "Tôi sẽ xem lại chiều nay." in html
    notes = list(ArticleNote.objects.filter(article=article).order_by("created_at", "pk"))
    assert [(n.step, n.author, n.version) for n in notes] == [
        ("returned", editor, 2),
        ("note", editor, 3),
    ]


def test_a_plain_save_adds_no_note(client):
    client.force_login(make_user(EDITOR))
    article = in_state("draft")

    client.post(change_url(article), form_data(article, title="Chỉ sửa tiêu đề"))

    assert not ArticleNote.objects.exists()
    assert ArticleRevision.objects.get(article=article, number=2).note == ""


def test_reporter_cannot_see_the_note_box_on_an_article_under_review(client):
    reporter = make_user(REPORTER)
    article = in_state("review", created_by=reporter)
    ArticleNote.objects.create(article=article, step="submitted", author=reporter, text="Gửi.")
    client.force_login(reporter)

    html = client.get(change_url(article)).content.decode()

    assert "Gửi." in html
    assert 'name="note"' not in html and 'name="_workflow"' not in html


# E-mail -----------------------------------------------------------------------------------------


def test_submitting_tells_every_editor_but_not_reporters(
    client, django_capture_on_commit_callbacks
):
    reporter = make_user(REPORTER, email="pv@soyte.vn")
    make_user(EDITOR, email="bt1@soyte.vn")
    make_user(ADMINISTRATOR, email="qt@soyte.vn")
    make_user(EDITOR, email="")  # nowhere to write to
    make_user(EDITOR, email="nghi@soyte.vn", is_active=False)
    make_user(REPORTER, email="pv2@soyte.vn")
    article = in_state("draft", created_by=reporter, title="Tiêm chủng ở Mường Nhé")
    client.force_login(reporter)

    with django_capture_on_commit_callbacks(execute=True):
        click(client, article, "submitted", note="Có ảnh gửi sau.")

    assert sorted(message.to[0] for message in mail.outbox) == ["bt1@soyte.vn", "qt@soyte.vn"]
    message = mail.outbox[0]
    assert message.subject == "Bài chờ duyệt: Tiêm chủng ở Mường Nhé"
    assert "bài đang chờ biên tập viên duyệt" in message.body
    assert "Có ảnh gửi sau." in message.body
    assert f"http://testserver{change_url(article)}" in message.body


@pytest.mark.parametrize(
    ("step", "start", "subject"),
    [
        ("returned", "review", "Bài bị trả lại: Tin của phóng viên"),
        ("published", "review", "Bài đã xuất bản: Tin của phóng viên"),
        ("scheduled", "review", "Bài đã được hẹn giờ xuất bản: Tin của phóng viên"),
    ],
)
def test_author_is_told_when_the_article_is_returned_or_published(
    client, django_capture_on_commit_callbacks, step, start, subject
):
    reporter = make_user(REPORTER, email="pv@soyte.vn")
    make_user(EDITOR, email="bt2@soyte.vn")
    article = in_state(start, created_by=reporter, title="Tin của phóng viên")
    client.force_login(make_user(EDITOR, email="bt1@soyte.vn"))
    tomorrow = timezone.now() + datetime.timedelta(days=1)

    with django_capture_on_commit_callbacks(execute=True):
        click(client, article, step, note="Ghi chú của biên tập.", **typed_time(tomorrow))

    assert [(m.to, m.subject) for m in mail.outbox] == [(["pv@soyte.vn"], subject)]
    assert "Ghi chú của biên tập." in mail.outbox[0].body


def test_editor_publishing_their_own_article_is_not_written_to(
    client, django_capture_on_commit_callbacks
):
    editor = make_user(EDITOR, email="bt@soyte.vn")
    article = in_state("draft", created_by=editor)
    client.force_login(editor)

    with django_capture_on_commit_callbacks(execute=True):
        click(client, article, "published")

    assert Article.objects.get(pk=article.pk).status == Article.Status.PUBLISHED
    assert mail.outbox == []


def test_a_failing_mail_server_never_blocks_the_step(
    client, django_capture_on_commit_callbacks, settings, caplog
):
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": 1, "timeout": 2},  # nothing listens
        }
    }
    reporter = make_user(REPORTER)
    make_user(EDITOR, email="bt@soyte.vn")
    article = in_state("draft", created_by=reporter, title="Tin khi máy chủ thư hỏng")
    client.force_login(reporter)

    with django_capture_on_commit_callbacks(execute=True):
        response = click(client, article, "submitted", follow=True)

    assert Article.objects.get(pk=article.pk).status == Article.Status.IN_REVIEW
    assert "Đã gửi bài “Tin khi máy chủ thư hỏng” cho biên tập viên duyệt." in (
        response.content.decode()
    )
    assert "was not sent" in caplog.text


def test_bulk_publishing_records_the_step_and_tells_the_author(
    client, django_capture_on_commit_callbacks
):
    reporter = make_user(REPORTER, email="pv@soyte.vn")
    article = in_state("review", created_by=reporter, title="Tin xuất bản hàng loạt")
    client.force_login(make_user(EDITOR))

    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("admin:articles_article_changelist"),
            {"action": "publish_selected", "_selected_action": [article.pk]},
        )

    assert list(Article.objects.published()) == [article]
    assert article.notes.get().step == "published"
    assert [m.subject for m in mail.outbox] == ["Bài đã xuất bản: Tin xuất bản hàng loạt"]
