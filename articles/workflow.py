"""The editorial workflow: who may take which step from which state, what it does, who is told.

A step is one click in the article form (Gửi duyệt, Trả lại, Xuất bản, Hẹn giờ, Gỡ xuống). The
admin checks it with `check()` while validating the form, applies it with `apply()` before the
article is saved and records it with `record()` after (an ArticleNote, and e-mail once the
transaction commits); `perform()` does all of it for code that has no form (bulk actions).
"""

import logging
import smtplib

from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage, mailers
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from articles.content.revisions import record_revision
from articles.models import Article, ArticleNote
from articles.roles import staff_name

PUBLISH_PERMISSION = "articles.publish_article"
Step = ArticleNote.Step
logger = logging.getLogger(__name__)

# What an editor sees as the state of an article: its status, with "scheduled" told apart.
DRAFT, REVIEW, RETURNED, SCHEDULED, PUBLISHED = "draft", "review", "returned", "scheduled", "live"

# step: (the states it may be taken from, whether it needs the publish permission)
RULES = {
    Step.SUBMITTED: ({DRAFT, RETURNED}, False),
    Step.RETURNED: ({REVIEW}, True),
    Step.PUBLISHED: ({DRAFT, REVIEW, RETURNED, SCHEDULED}, True),
    Step.SCHEDULED: ({DRAFT, REVIEW, RETURNED, SCHEDULED}, True),
    Step.UNPUBLISHED: ({PUBLISHED, SCHEDULED}, True),
}


class WorkflowError(Exception):
    """A step this user may not take now; the message is for them, `field` where to show it."""

    def __init__(self, message, field=None):
        super().__init__(message)
        self.message = message
        self.field = field


def can_publish(user):
    return user.has_perm(PUBLISH_PERMISSION)


def state(article):
    """The article's state as the workspace shows it: draft, review, returned, scheduled, live."""
    if article.status == Article.Status.PUBLISHED:
        return SCHEDULED if article.published_at > timezone.now() else PUBLISHED
    return {
        Article.Status.DRAFT: DRAFT,
        Article.Status.IN_REVIEW: REVIEW,
        Article.Status.RETURNED: RETURNED,
    }[article.status]


def state_conditions(now):
    """Each state as a condition on articles, in the order the workspace lists them."""
    return {
        DRAFT: Q(status=Article.Status.DRAFT),
        REVIEW: Q(status=Article.Status.IN_REVIEW),
        RETURNED: Q(status=Article.Status.RETURNED),
        SCHEDULED: Q(status=Article.Status.PUBLISHED, published_at__gt=now),
        PUBLISHED: Q(status=Article.Status.PUBLISHED, published_at__lte=now),
    }


def state_labels():
    """Each state in Vietnamese: the status's own name, with "scheduled" told apart."""
    return {
        DRAFT: Article.Status.DRAFT.label,
        REVIEW: Article.Status.IN_REVIEW.label,
        RETURNED: Article.Status.RETURNED.label,
        SCHEDULED: _("hẹn giờ"),
        PUBLISHED: Article.Status.PUBLISHED.label,
    }


def state_label(article):
    """The state in Vietnamese, as the changelist and the form show it."""
    return str(state_labels()[state(article)])


def is_author(article, user):
    """Whether the user wrote the article (an article not saved yet is being written by them)."""
    return article.pk is None or article.created_by_id == user.pk


def allowed(step, article, user):
    states, needs_permission = RULES[step]
    if state(article) not in states:
        return False
    return can_publish(user) or (not needs_permission and is_author(article, user))


def available_steps(article, user):
    """The steps the user may take on the article now, in the order the buttons show them."""
    return [step for step in RULES if allowed(step, article, user)]


def buttons(article, user):
    """(step, button label, what it does) for each step the user may take on the article now."""
    hints = {
        Step.SUBMITTED: (_("Gửi duyệt"), _("Lưu và gửi cho biên tập viên duyệt.")),
        Step.RETURNED: (_("Trả lại"), _("Trả bài cho phóng viên sửa; cần ghi chú ở trên.")),
        Step.PUBLISHED: (_("Xuất bản"), _("Lưu và cho bạn đọc xem ngay.")),
        Step.SCHEDULED: (_("Hẹn giờ"), _("Tự xuất bản vào thời gian xuất bản đã nhập.")),
        Step.UNPUBLISHED: (_("Gỡ xuống"), _("Lưu và đưa bài về bản nháp; bạn đọc không còn xem.")),
    }
    return [(step, *hints[step]) for step in available_steps(article, user)]


def done_message(step, article):
    """What the step did, in the words the editor reads after clicking."""
    title = " ".join(article.title.split())
    if step == Step.SUBMITTED:
        return _("Đã gửi bài “%(title)s” cho biên tập viên duyệt.") % {"title": title}
    if step == Step.RETURNED:
        author = article.created_by
        name = staff_name(author) if author else _("tác giả")
        return _("Đã trả lại bài “%(title)s” cho %(author)s, kèm ghi chú.") % {
            "title": title,
            "author": name,
        }
    if step == Step.PUBLISHED:
        return _("Đã xuất bản bài “%(title)s”: bạn đọc đã xem được.") % {"title": title}
    if step == Step.SCHEDULED:
        when = timezone.localtime(article.published_at)
        return _("Đã hẹn giờ: bài “%(title)s” sẽ tự xuất bản lúc %(time)s.") % {
            "title": title,
            "time": when.strftime("%H:%M %d/%m/%Y"),
        }
    return _("Đã gỡ bài “%(title)s” xuống: bạn đọc không còn xem được.") % {"title": title}


def check(step, article, user, note="", when=None):
    """Raise WorkflowError, in Vietnamese, when the user may not take this step now."""
    if step not in RULES:
        raise WorkflowError(_("Thao tác không hợp lệ."))
    states, needs_permission = RULES[step]
    if needs_permission and not can_publish(user):
        raise WorkflowError(_("Bạn không có quyền %(step)s bài viết.") % {"step": Step(step).label})
    if state(article) not in states:
        raise WorkflowError(
            _("Bài viết đang ở trạng thái “%(state)s”: không thể %(step)s.")
            % {"state": state_label(article), "step": Step(step).label}
        )
    if not allowed(step, article, user):
        raise WorkflowError(_("Chỉ tác giả hoặc biên tập viên mới gửi duyệt được bài này."))
    if step == Step.RETURNED and not note.strip():
        raise WorkflowError(_("Hãy ghi lý do trả lại để phóng viên biết cần sửa gì."), "note")
    if step == Step.SCHEDULED and (when is None or when <= timezone.now()):
        raise WorkflowError(
            _("Để hẹn giờ, hãy nhập thời gian xuất bản trong tương lai."), "published_at"
        )


def apply(step, article, when=None):
    """Set the status and publication time the step leads to; the caller saves the article."""
    if step == Step.SUBMITTED:
        article.status = Article.Status.IN_REVIEW
    elif step == Step.RETURNED:
        article.status = Article.Status.RETURNED
    elif step == Step.PUBLISHED:
        now = timezone.now()
        article.status = Article.Status.PUBLISHED
        # Publishing now keeps a past time (an imported article's own date), never a future one.
        if article.published_at is None or article.published_at > now:
            article.published_at = now
    elif step == Step.SCHEDULED:
        article.status = Article.Status.PUBLISHED
        article.published_at = when
    elif step == Step.UNPUBLISHED:
        article.status = Article.Status.DRAFT


def revision_note(step, note=""):
    """The line the history shows for a save that took this step (or carried this note)."""
    label = Step(step).label if step else ""
    text = " ".join(note.split())
    line = f"{label.capitalize()}: {text}" if label and text else label.capitalize() or text
    limit = 200  # ArticleRevision.note
    return line if len(line) <= limit else line[: limit - 1] + "…"


def record(article, user, step, note="", link=""):
    """Keep the step or note with the article and tell who must know, once the save commits.

    Returns the ArticleNote, or None when there was neither a step nor a note.
    """
    if not step and not note.strip():
        return None
    entry = ArticleNote.objects.create(
        article=article,
        step=step or Step.NOTE,
        text=note.strip(),
        author=user,
        version=article.version,
        publish_at=article.published_at if step == Step.SCHEDULED else None,
    )
    recipients = _recipients(entry)
    if recipients:
        subject, body = _message(entry, link)
        transaction.on_commit(lambda: _send(subject, body, recipients))
    return entry


@transaction.atomic
def perform(article, user, step, note="", when=None, link=""):
    """Take one step on a saved article outside the form: check, apply, save, record."""
    article = Article.objects.select_for_update().get(pk=article.pk)
    check(step, article, user, note, when)
    apply(step, article, when)
    article.last_editor = user
    article.save()
    record_revision(article, user, note=revision_note(step, note))
    record(article, user, step, note, link)
    return article


def steps_of(article):
    """The workflow steps and notes of an article, newest first, with who took them."""
    return article.notes.select_related("author")


def latest_notes(articles, step=Step.RETURNED):
    """{article id: its newest note of this step} for a page of articles, in one query."""
    notes = ArticleNote.objects.filter(article__in=articles, step=step).order_by(
        "article_id", "-created_at", "-pk"
    )
    newest = {}
    for entry in notes.select_related("author"):
        newest.setdefault(entry.article_id, entry)
    return newest


def _recipients(entry):
    """Editors when an article is submitted; its author when it is returned or published."""
    actor_pk = entry.author.pk if entry.author else None
    if entry.step == Step.SUBMITTED:
        users = get_user_model().objects.with_perm(PUBLISH_PERMISSION)
    elif entry.step in (Step.RETURNED, Step.PUBLISHED, Step.SCHEDULED):
        author = entry.article.created_by
        users = [author] if author and author.is_active else []
    else:
        return []
    return sorted({user.email for user in users if user.email and user.pk != actor_pk})


def _message(entry, link):
    article = entry.article
    subjects = {
        Step.SUBMITTED: _("Bài chờ duyệt: %(title)s"),
        Step.RETURNED: _("Bài bị trả lại: %(title)s"),
        Step.PUBLISHED: _("Bài đã xuất bản: %(title)s"),
        Step.SCHEDULED: _("Bài đã được hẹn giờ xuất bản: %(title)s"),
    }
    subject = subjects[entry.step] % {"title": " ".join(article.title.split())}
    body = render_to_string(
        "articles/email/workflow_step.txt", {"entry": entry, "article": article, "link": link}
    )
    return subject, body


def _send(subject, body, recipients):
    """One message to each recipient; a mail server that fails is logged, never the editor's."""
    try:
        mailers.default.send_messages(
            [EmailMessage(subject, body, to=[address]) for address in recipients]
        )
    except (smtplib.SMTPException, OSError):
        logger.exception("Workflow e-mail %r to %s was not sent", subject, recipients)
