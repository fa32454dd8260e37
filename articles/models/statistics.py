"""Figures an article reports."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from articles.models.article import Article, ArticleChildManager


class Statistic(models.Model):
    """A figure an article reports: "gần 2,2 triệu lượt khám chữa bệnh (2023)"."""

    class Qualifier(models.TextChoices):
        EXACT = "", _("chính xác")
        NEARLY = "gan", _("gần")
        OVER = "hon", _("hơn")
        ABOUT = "khoang", _("khoảng")

    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="statistics", verbose_name=_("bài viết")
    )
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    subject = models.CharField(_("chỉ số"), max_length=300)
    value = models.DecimalField(_("giá trị"), max_digits=16, decimal_places=2)
    qualifier = models.CharField(
        _("mức độ"), max_length=10, choices=Qualifier.choices, blank=True, default=Qualifier.EXACT
    )
    unit = models.CharField(_("đơn vị"), max_length=60, blank=True)
    year = models.PositiveSmallIntegerField(_("năm"), null=True, blank=True)
    as_written = models.CharField(_("cách viết trong bài"), max_length=200)

    objects = ArticleChildManager()

    class Meta:
        verbose_name = _("số liệu")
        verbose_name_plural = _("số liệu")
        ordering = ["article", "order"]
        constraints = [
            models.UniqueConstraint(fields=["article", "order"], name="statistic_unique_order"),
            models.CheckConstraint(name="statistic_value_not_negative", condition=Q(value__gte=0)),
        ]

    def __str__(self):
        return f"{self.subject}: {self.as_written}"

    def natural_key(self):
        return (self.article.slug, self.order)

    natural_key.dependencies = ["articles.article"]
