"""The admin home as a newsroom: what waits for whom, each queue with its count, newest first.

The queues are also the changelist's "Việc cần làm" filter, so "Xem tất cả" opens the same set.
"""

from dataclasses import dataclass, field

from django.contrib import admin
from django.db.models import Count, Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from articles import workflow
from articles.models import Article, Figure

ROWS = 10  # articles listed per queue; "Xem tất cả" opens the rest in the changelist
QUEUE_PARAMETER = "viec"


def missing_photos():
    """Figures of an article (OuterRef) that have a caption and still no photo."""
    return Figure.objects.filter(article=OuterRef("pk"), image="").exclude(caption="")


def queue_conditions(user):
    """Each queue's articles as a condition, keyed by its value in the changelist filter."""
    states = workflow.state_conditions(timezone.now())
    return {
        "cho-duyet": states[workflow.REVIEW],
        "hen-gio": states[workflow.SCHEDULED],
        "tra-lai": states[workflow.RETURNED],
        "thieu-anh": Q(
            Exists(missing_photos()),
            status__in=[Article.Status.PUBLISHED, Article.Status.IN_REVIEW],
        ),
        "cua-toi": Q(created_by=user),
    }


QUEUE_TITLES = {
    "cho-duyet": _("Chờ duyệt"),
    "cua-toi": _("Bài của tôi"),
    "hen-gio": _("Hẹn giờ"),
    "tra-lai": _("Trả lại"),
    "thieu-anh": _("Ảnh còn thiếu"),
}


class QueueFilter(admin.SimpleListFilter):
    """The changelist's shortcuts: the workspace's queues."""

    title = _("việc cần làm")
    parameter_name = QUEUE_PARAMETER

    def lookups(self, request, model_admin):
        return list(QUEUE_TITLES.items())

    def queryset(self, request, queryset):
        condition = queue_conditions(request.user).get(self.value())
        return queryset if condition is None else queryset.filter(condition)


@dataclass
class Queue:
    key: str
    count: int
    articles: list
    hint: str
    by_state: list = field(default_factory=list)

    @property
    def title(self):
        return QUEUE_TITLES[self.key]

    @property
    def url(self):
        return f"{reverse('admin:articles_article_changelist')}?{QUEUE_PARAMETER}={self.key}"


def queues(user):
    """The queues this user works from, in the order the home page shows them.

    Editors: submitted articles, scheduled ones, those returned to reporters, those with a
    caption still waiting for its photo, and their own. Reporters: their own, and those
    returned to them. One query counts them all, then one reads each queue's newest rows.
    """
    conditions = queue_conditions(user)
    hints = {
        "cho-duyet": _("Bài phóng viên đã gửi, chờ bạn duyệt."),
        "hen-gio": _("Bài sẽ tự xuất bản vào giờ đã hẹn."),
        "tra-lai": _("Bài đã trả lại cho phóng viên, kèm ghi chú."),
        "thieu-anh": _("Bài đã xuất bản hoặc chờ duyệt có chú thích ảnh nhưng chưa có ảnh."),
        "cua-toi": _("Bài bạn đã viết, mới sửa nhất trước."),
    }
    if workflow.can_publish(user):
        keys = ["cho-duyet", "hen-gio", "tra-lai", "thieu-anh", "cua-toi"]
    else:
        keys = ["cua-toi", "tra-lai"]
        conditions["tra-lai"] &= Q(created_by=user)
        hints["tra-lai"] = _(
            "Biên tập viên trả lại để bạn sửa: đọc ghi chú, sửa rồi gửi duyệt lại."
        )
    counts = _counts(user, {key: conditions[key] for key in keys})
    result = []
    for key in keys:
        articles = _newest(key, conditions[key]) if counts[key] else []
        queue = Queue(key, counts[key], articles, hints[key])
        if key == "cua-toi":
            queue.by_state = counts["by_state"]
        result.append(queue)
    returned = [a for q in result if q.key == "tra-lai" for a in q.articles]
    if returned:
        notes = workflow.latest_notes(returned)
        for article in returned:
            article.return_note = notes.get(article.pk)
    return result


def _counts(user, conditions):
    """Every queue's size, and the user's own articles by state, in one query."""
    mine = Q(created_by=user)
    by_state = workflow.state_conditions(timezone.now())
    totals = Article.objects.aggregate(
        **{
            f"queue_{key.replace('-', '_')}": Count("pk", filter=c) for key, c in conditions.items()
        },
        **{f"mine_{state}": Count("pk", filter=mine & c) for state, c in by_state.items()},
    )
    counts = {key: totals[f"queue_{key.replace('-', '_')}"] for key in conditions}
    labels = workflow.state_labels()
    counts["by_state"] = [(labels[state], totals[f"mine_{state}"]) for state in by_state]
    return counts


def _newest(key, condition):
    """The queue's first rows: the next scheduled first, otherwise the last edited first."""
    rows = (
        Article.objects.filter(condition)
        .only(
            "title",
            "status",
            "published_at",
            "published_at_precision",
            "updated_at",
            "created_by__username",
            "created_by__first_name",
            "created_by__last_name",
        )
        .select_related("created_by")
    )
    if key == "hen-gio":
        rows = rows.order_by("published_at", "pk")
    else:
        rows = rows.order_by("-updated_at", "-pk")
    if key == "thieu-anh":
        rows = rows.annotate(
            missing_photos=Count("figures", filter=Q(figures__image="") & ~Q(figures__caption=""))
        )
    rows = list(rows[:ROWS])
    for article in rows:
        article.state_label = workflow.state_label(article)
    return rows
