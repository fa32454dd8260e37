"""Snapshots of an article, one per save."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from articles.models.article import Article


class ArticleRevision(models.Model):
    """A snapshot of an article as one save left it: who, when, and every field."""

    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="revisions", verbose_name=_("bài viết")
    )
    number = models.PositiveIntegerField(_("phiên bản"))
    created_at = models.DateTimeField(_("lưu lúc"), default=timezone.now)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        related_name="article_revisions",
        null=True,
        blank=True,
        verbose_name=_("người lưu"),
    )
    note = models.CharField(_("ghi chú"), max_length=200, blank=True)
    data = models.JSONField(_("nội dung"))

    class Meta:
        verbose_name = _("phiên bản bài viết")
        verbose_name_plural = _("phiên bản bài viết")
        ordering = ["article", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["article", "number"], name="revision_unique_number"),
        ]

    def __str__(self):
        return f"{self.article} #{self.number}"
