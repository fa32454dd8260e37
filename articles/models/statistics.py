"""Figures an article reports, and the health indicators that make them comparable."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from articles.models.article import Article, ArticleChildManager
from healthnews.text import format_number
from people.models import Province, SortedByName


class Indicator(SortedByName):
    """What a figure measures, in one unit: "Bác sĩ trên một vạn dân", in "bác sĩ/vạn dân"."""

    name = models.CharField(_("tên chỉ số"), max_length=200, unique=True)
    slug = models.SlugField(_("đường dẫn"), max_length=220, unique=True, blank=True)
    unit = models.CharField(_("đơn vị"), max_length=60)
    definition = models.TextField(_("định nghĩa"), blank=True)
    minimum = models.DecimalField(
        _("giá trị nhỏ nhất hợp lệ"), max_digits=16, decimal_places=2, default=0
    )
    maximum = models.DecimalField(
        _("giá trị lớn nhất hợp lệ"),
        max_digits=16,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Ví dụ 100 cho một tỷ lệ phần trăm; để trống nếu không giới hạn."),
    )

    class Meta:
        verbose_name = _("chỉ số thống kê")
        verbose_name_plural = _("chỉ số thống kê")
        ordering = ["sort_key"]
        constraints = [
            models.CheckConstraint(
                name="indicator_range_ordered",
                condition=Q(maximum__isnull=True) | Q(maximum__gte=models.F("minimum")),
            ),
        ]

    def get_absolute_url(self):
        return reverse("articles:indicator_detail", kwargs={"slug": self.slug})

    def in_range(self, value):
        return value >= self.minimum and (self.maximum is None or value <= self.maximum)


class StatisticQuerySet(models.QuerySet):
    def published(self):
        """Figures readers may see: those of articles readers may see."""
        return self.filter(Article.objects.published().includes("article_id"))


class StatisticManager(ArticleChildManager.from_queryset(StatisticQuerySet)):
    pass


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
    subject = models.CharField(_("nội dung"), max_length=300)
    indicator = models.ForeignKey(
        Indicator,
        on_delete=models.PROTECT,
        related_name="statistics",
        null=True,
        blank=True,
        verbose_name=_("chỉ số"),
        help_text=_("Chọn chỉ số để số liệu hiện trên trang Số liệu, so sánh được giữa các tỉnh."),
    )
    province = models.ForeignKey(
        Province,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name=_("tỉnh, thành phố"),
        help_text=_("Đơn vị hành chính mà số liệu nói về, theo tên tại thời điểm đó."),
    )
    value = models.DecimalField(_("giá trị"), max_digits=16, decimal_places=2)
    qualifier = models.CharField(
        _("mức độ"), max_length=10, choices=Qualifier.choices, blank=True, default=Qualifier.EXACT
    )
    unit = models.CharField(_("đơn vị"), max_length=60, blank=True)
    year = models.PositiveSmallIntegerField(_("năm"), null=True, blank=True)
    as_written = models.CharField(_("cách viết trong bài"), max_length=200)

    objects = StatisticManager()

    class Meta:
        verbose_name = _("số liệu")
        verbose_name_plural = _("số liệu")
        ordering = ["article", "order"]
        indexes = [
            models.Index(fields=["indicator", "year"], name="statistic_indicator_year"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["article", "order"], name="statistic_unique_order"),
            models.CheckConstraint(name="statistic_value_not_negative", condition=Q(value__gte=0)),
            models.CheckConstraint(
                name="statistic_indicator_has_place_and_year",
                condition=Q(indicator__isnull=True)
                | (Q(province__isnull=False) & Q(year__isnull=False)),
            ),
        ]

    def __str__(self):
        return f"{self.subject}: {self.as_written}"

    def natural_key(self):
        return (self.article.slug, self.order)

    natural_key.dependencies = ["articles.article", "articles.indicator"]

    def clean(self):
        """A figure filed under an indicator is in its unit and range, for a place and a year."""
        if self.indicator is None:
            return
        errors = {}
        if not self.unit:
            self.unit = self.indicator.unit
        elif self.unit != self.indicator.unit:
            errors["unit"] = _("Chỉ số “%(name)s” tính bằng “%(unit)s”.") % {
                "name": self.indicator.name,
                "unit": self.indicator.unit,
            }
        if self.value is not None and not self.indicator.in_range(self.value):
            errors["value"] = self.range_message()
        if self.province_id is None:
            errors["province"] = _("Số liệu theo chỉ số cần tỉnh, thành phố.")
        if self.year is None:
            errors["year"] = _("Số liệu theo chỉ số cần năm.")
        if errors:
            raise ValidationError(errors)

    def range_message(self):
        indicator = self.indicator
        if indicator.maximum is None:
            return _("Giá trị của chỉ số này không nhỏ hơn %(minimum)s.") % {
                "minimum": format_number(indicator.minimum)
            }
        return _("Giá trị của chỉ số này nằm trong khoảng %(minimum)s đến %(maximum)s.") % {
            "minimum": format_number(indicator.minimum),
            "maximum": format_number(indicator.maximum),
        }
