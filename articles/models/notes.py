"""Notes between reporters and editors, and the workflow steps they go with."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from articles.models.article import Article


class ArticleNote(models.Model):
    """One workflow step on an article (submitted, returned, ...) or a plain note, with its text."""

    class Step(models.TextChoices):
        NOTE = "note", _("ghi chú")
        SUBMITTED = "submitted", _("gửi duyệt")
        RETURNED = "returned", _("trả lại")
        PUBLISHED = "published", _("xuất bản")
        SCHEDULED = "scheduled", _("hẹn giờ")
        UNPUBLISHED = "unpublished", _("gỡ xuống")

    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="notes", verbose_name=_("bài viết")
    )
    step = models.CharField(_("bước"), max_length=20, choices=Step.choices, default=Step.NOTE)
    text = models.TextField(_("ghi chú"), blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        related_name="article_notes",
        null=True,
        blank=True,
        verbose_name=_("người viết"),
    )
    created_at = models.DateTimeField(_("lúc"), default=timezone.now)
    # The article's version the step left (ArticleRevision.number): ties a note to the history.
    version = models.PositiveIntegerField(_("phiên bản"), null=True, blank=True)
    # The publication time a "scheduled" step set.
    publish_at = models.DateTimeField(_("hẹn xuất bản lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("ghi chú biên tập")
        verbose_name_plural = _("ghi chú biên tập")
        ordering = ["-created_at", "-pk"]
        indexes = [
            # The article form and history list an article's notes, newest first.
            models.Index(fields=["article", "-created_at", "-id"], name="note_article_newest"),
        ]
        constraints = [
            models.CheckConstraint(
                name="note_returned_has_text",
                condition=~models.Q(step="returned") | ~models.Q(text=""),
            ),
        ]

    def __str__(self):
        return f"{self.article} · {self.get_step_display()}"
