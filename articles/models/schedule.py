"""The leaders' weekly schedule (lịch công tác) a department publishes."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from people.models import Official, Organisation


class ScheduleEntryQuerySet(models.QuerySet):
    def published(self):
        """What readers may see: entries an editor published (drafts never reach them)."""
        return self.filter(status=ScheduleEntry.Status.PUBLISHED)


class ScheduleEntry(models.Model):
    """One engagement: when, what, where, who presides and who takes part."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("bản nháp")
        PUBLISHED = "published", _("đã công bố")

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("cơ quan"),
        help_text=_("Cơ quan có lịch công tác này, thường là cơ quan xuất bản."),
    )
    date = models.DateField(_("ngày"))
    start_time = models.TimeField(_("giờ bắt đầu"))
    end_time = models.TimeField(_("giờ kết thúc"), null=True, blank=True)
    content = models.TextField(_("nội dung"))
    place = models.CharField(_("địa điểm"), max_length=300, blank=True)
    presiding = models.ForeignKey(
        Official,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("chủ trì"),
    )
    participants = models.ManyToManyField(
        Official, blank=True, related_name="+", verbose_name=_("cán bộ tham dự")
    )
    other_participants = models.CharField(
        _("thành phần khác"),
        max_length=300,
        blank=True,
        help_text=_("Ví dụ: Lãnh đạo các phòng chức năng thuộc Sở."),
    )
    status = models.CharField(
        _("trạng thái"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )

    objects = ScheduleEntryQuerySet.as_manager()

    class Meta:
        verbose_name = _("lịch công tác")
        verbose_name_plural = _("lịch công tác")
        ordering = ["date", "start_time", "pk"]
        indexes = [
            models.Index(fields=["organisation", "date"], name="schedule_organisation_date"),
        ]
        constraints = [
            models.CheckConstraint(
                name="schedule_ends_after_it_starts",
                condition=Q(end_time__isnull=True) | Q(end_time__gt=models.F("start_time")),
            ),
        ]

    def __str__(self):
        return f"{self.date:%d/%m/%Y} {self.start_time:%H:%M} {self.content[:60]}"

    def clean(self):
        if self.end_time and self.start_time and self.end_time <= self.start_time:
            raise ValidationError({"end_time": _("Giờ kết thúc phải sau giờ bắt đầu.")})
