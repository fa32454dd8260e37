"""The portal's own particulars: its name, its publisher and what the footer must show.

Nghị định 42/2022/NĐ-CP asks a government portal to name its governing body, the person
responsible, its licence and how to reach it. Editors keep these in the admin; there is one row.
"""

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from articles.models.media import PhotoField, figure_upload_to
from people.models import Organisation


class SiteSettings(models.Model):
    """The single row of site settings (pk 1); `load()` reads it or its defaults."""

    name = models.CharField(_("tên trang"), max_length=150, default="Tin tức Y tế")
    name_en = models.CharField(_("tên trang (tiếng Anh)"), max_length=150, default="Health News")
    tagline = models.CharField(
        _("dòng giới thiệu"), max_length=200, blank=True, default="Tin hoạt động của các Sở Y tế"
    )
    tagline_en = models.CharField(
        _("dòng giới thiệu (tiếng Anh)"),
        max_length=200,
        blank=True,
        default="News of the provincial health departments",
    )
    logo = PhotoField(
        _("biểu trưng"),
        upload_to=figure_upload_to,
        blank=True,
        help_text=_("Để trống thì dùng biểu tượng mặc định."),
    )
    publisher = models.ForeignKey(
        Organisation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("cơ quan xuất bản"),
        help_text=_("Cơ quan vận hành cổng thông tin; trang Giới thiệu trình bày cơ quan này."),
    )
    governing_body = models.CharField(_("cơ quan chủ quản"), max_length=200, blank=True)
    responsible_person = models.CharField(
        _("người chịu trách nhiệm chính"), max_length=200, blank=True
    )
    licence = models.CharField(_("giấy phép"), max_length=200, blank=True)
    address = models.CharField(_("địa chỉ"), max_length=300, blank=True)
    phone = models.CharField(_("điện thoại"), max_length=50, blank=True)
    hotline = models.CharField(_("đường dây nóng"), max_length=50, blank=True)
    email = models.EmailField(_("thư điện tử"), blank=True)
    about = models.TextField(
        _("giới thiệu cổng thông tin"),
        blank=True,
        help_text=_(
            "Đoạn mở đầu trang Giới thiệu; chức năng, nhiệm vụ ghi ở cơ quan xuất bản. "
            "Mỗi đoạn một dòng."
        ),
    )

    class Meta:
        verbose_name = _("thông tin trang")
        verbose_name_plural = _("thông tin trang")
        constraints = [
            models.CheckConstraint(name="site_settings_single_row", condition=models.Q(pk=1))
        ]

    def __str__(self):
        return str(self.name)

    def save(self, *args, **kwargs):
        self.pk = 1
        super().save(*args, **kwargs)

    @property
    def display_name(self):
        """The name in the language of the page being rendered (English under /en/)."""
        return self.name_en if get_language() == "en" and self.name_en else self.name

    @property
    def display_tagline(self):
        """The tagline in the language of the page being rendered."""
        return self.tagline_en if get_language() == "en" else self.tagline

    @classmethod
    def load(cls):
        """The saved settings, or the defaults when none were saved yet (nothing is written)."""
        return cls.objects.select_related("publisher").filter(pk=1).first() or cls(pk=1)
