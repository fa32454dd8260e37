"""Vocabularies an article is filed under: categories, tags, source outlets, commemorations."""

import calendar
import datetime

from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from people.models import (
    NamedBySlug,
    SortedByName,
)


class Category(SortedByName):
    name = models.CharField(_("tên"), max_length=100, unique=True)
    slug = models.SlugField(_("đường dẫn"), max_length=120, unique=True, blank=True)
    description = models.TextField(_("mô tả"), blank=True)

    class Meta:
        verbose_name = _("chuyên mục")
        verbose_name_plural = _("chuyên mục")
        ordering = ["sort_key"]

    def get_absolute_url(self):
        return f"{reverse('articles:article_list')}?chuyen_muc={self.slug}"


class Tag(SortedByName):
    name = models.CharField(_("tên"), max_length=100, unique=True)
    slug = models.SlugField(_("đường dẫn"), max_length=120, unique=True, blank=True)

    class Meta:
        verbose_name = _("thẻ")
        verbose_name_plural = _("thẻ")
        ordering = ["sort_key"]

    def get_absolute_url(self):
        return f"{reverse('articles:article_list')}?the={self.slug}"


class SourceOutletManager(models.Manager):
    def get_by_natural_key(self, code):
        return self.get(code=code)


class SourceOutlet(models.Model):
    """The newspaper or portal an article was first published by (NDO, HPĐT, ...)."""

    code = models.CharField(_("ký hiệu"), max_length=20, unique=True)
    name = models.CharField(_("tên"), max_length=200)
    url = models.URLField(_("trang web"), blank=True)
    needs_completing = models.BooleanField(
        _("cần bổ sung"),
        default=False,
        help_text=_(
            "Nguồn tin được tạo khi nhập bài từ tệp, mới có ký hiệu: hãy ghi tên đầy đủ. "
            "Dấu này tự bỏ khi tên được sửa."
        ),
    )

    objects = SourceOutletManager()

    class Meta:
        verbose_name = _("nguồn tin")
        verbose_name_plural = _("nguồn tin")
        ordering = ["code"]

    def __str__(self):
        return f"{self.code} ({self.name})"

    def natural_key(self):
        return (self.code,)


class CommemorativeEvent(NamedBySlug):
    """A day the health sector commemorates every year, counted from its origin date."""

    name = models.CharField(_("tên"), max_length=200, unique=True)
    slug = models.SlugField(_("đường dẫn"), max_length=220, unique=True, blank=True)
    origin_date = models.DateField(_("ngày khởi nguồn"))
    description = models.TextField(_("nguồn gốc"), blank=True)

    class Meta:
        verbose_name = _("ngày kỷ niệm")
        verbose_name_plural = _("ngày kỷ niệm")
        ordering = ["origin_date"]

    def get_absolute_url(self):
        return reverse("articles:event_detail", kwargs={"slug": self.slug})

    def anniversary(self, year):
        """The anniversary number of the given year: 1955 + 70 = 2025 gives 70."""
        return year - self.origin_date.year

    def occurrence(self, year):
        """The date of the commemoration in the given year (28/2 for a 29/2 origin)."""
        day = min(self.origin_date.day, calendar.monthrange(year, self.origin_date.month)[1])
        return datetime.date(year, self.origin_date.month, day)

    def next_occurrence(self, today=None):
        """The next commemoration on or after today, as (date, anniversary number)."""
        today = today or timezone.localdate()
        year = today.year if self.occurrence(today.year) >= today else today.year + 1
        return self.occurrence(year), self.anniversary(year)
