"""Officials and the positions they hold in organisations."""

from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from healthnews.text import vi_sort_string
from people.models.base import SlugNaturalKeyManager, unique_slug
from people.models.organisations import Organisation


class Official(models.Model):
    """A named person: the name as written, its parts, and the titles before it."""

    full_name = models.CharField(_("họ và tên"), max_length=120)
    family_name = models.CharField(_("họ"), max_length=40)
    middle_name = models.CharField(_("tên đệm"), max_length=60, blank=True)
    given_name = models.CharField(_("tên"), max_length=40)
    titles = models.CharField(
        _("học hàm, học vị, danh hiệu"),
        max_length=60,
        blank=True,
        help_text=_("Theo thứ tự viết trước tên, ngăn bằng dấu chấm, ví dụ: PGS.TS.BS."),
    )
    slug = models.SlugField(_("đường dẫn"), max_length=140, unique=True, blank=True)
    sort_key = models.CharField(_("khóa sắp xếp"), max_length=255, editable=False, db_index=True)
    phone = models.CharField(
        _("điện thoại công vụ"), max_length=50, blank=True, help_text=_("Số công khai của cơ quan.")
    )
    email = models.EmailField(_("thư điện tử công vụ"), blank=True)

    objects = SlugNaturalKeyManager()

    class Meta:
        verbose_name = _("cán bộ")
        verbose_name_plural = _("cán bộ")
        # Vietnamese lists sort by given name, then family name, then middle name.
        ordering = ["sort_key"]
        constraints = [
            models.CheckConstraint(
                name="official_name_parts_present",
                condition=~Q(family_name="") & ~Q(given_name="") & ~Q(full_name=""),
            ),
        ]

    def __str__(self):
        return self.display_name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(self, self.full_name)
        self.sort_key = vi_sort_string(self.given_name, self.family_name, self.middle_name)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("directory:official_detail", kwargs={"slug": self.slug})

    def natural_key(self):
        return (self.slug,)

    @property
    def display_name(self):
        """The name with its titles: "PGS.TS.BS Trần Kiêm Hảo"."""
        return f"{self.titles} {self.full_name}" if self.titles else self.full_name

    @property
    def title_list(self):
        """The titles in order: ["PGS", "TS", "BS"]."""
        return [title for title in self.titles.split(".") if title.strip()]


class PositionQuerySet(models.QuerySet):
    def current(self):
        """Positions not known to have ended."""
        return self.filter(end_date__isnull=True)


class PositionManager(models.Manager.from_queryset(PositionQuerySet)):
    def get_by_natural_key(self, official, organisation, title):
        return self.get(official__slug=official, organisation__slug=organisation, title=title)


class Position(models.Model):
    """A title an official holds in an organisation, between the dates known."""

    official = models.ForeignKey(
        Official, on_delete=models.CASCADE, related_name="positions", verbose_name=_("cán bộ")
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="positions",
        verbose_name=_("cơ quan, đơn vị"),
    )
    title = models.CharField(_("chức vụ"), max_length=120)
    start_date = models.DateField(_("từ ngày"), null=True, blank=True)
    end_date = models.DateField(_("đến ngày"), null=True, blank=True)
    is_spokesperson = models.BooleanField(
        _("người phát ngôn"),
        default=False,
        help_text=_("Người phát ngôn hoặc được ủy quyền phát ngôn (Nghị định 09/2017/NĐ-CP)."),
    )

    objects = PositionManager()

    class Meta:
        verbose_name = _("chức vụ")
        verbose_name_plural = _("chức vụ")
        ordering = ["official", F("start_date").desc(nulls_last=True), "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["official", "organisation", "title"], name="position_unique_title"
            ),
            models.CheckConstraint(
                name="position_valid_range",
                condition=Q(end_date__isnull=True)
                | Q(start_date__isnull=True)
                | Q(end_date__gte=F("start_date")),
            ),
        ]

    def __str__(self):
        return f"{self.official.full_name}, {self.label}"

    def natural_key(self):
        return (self.official.slug, self.organisation.slug, self.title)

    natural_key.dependencies = ["people.official", "people.organisation"]

    @property
    def label(self):
        """The title with its organisation: "Giám đốc Sở Y tế Điện Biên"."""
        return f"{self.title} {self.organisation.name}"
