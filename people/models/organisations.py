"""Health facilities, health administrations and the bodies officials sit in."""

from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from people.models.base import SortedByName
from people.models.provinces import Province


class Organisation(SortedByName):
    """A health facility, a health administration or a body officials sit in."""

    class Kind(models.TextChoices):
        HOSPITAL = "benh-vien", _("bệnh viện")
        HEALTH_CENTRE = "trung-tam-y-te", _("trung tâm y tế")
        HEALTH_STATION = "tram-y-te", _("trạm y tế")
        CDC = "cdc", _("trung tâm kiểm soát bệnh tật")
        MINISTRY = "bo-y-te", _("bộ y tế")
        HEALTH_DEPARTMENT = "so-y-te", _("sở y tế")
        PARTY_COMMITTEE = "cap-uy", _("cấp ủy, tổ chức Đảng")
        PEOPLES_COMMITTEE = "ubnd", _("ủy ban nhân dân")
        PEOPLES_COUNCIL = "hdnd", _("hội đồng nhân dân")
        FATHERLAND_FRONT = "mttq", _("ủy ban Mặt trận Tổ quốc")

    class Level(models.TextChoices):
        CENTRAL = "trung-uong", _("trung ương")
        PROVINCIAL = "tinh", _("tỉnh")
        DISTRICT = "huyen", _("huyện")
        COMMUNE = "xa", _("xã")

    FACILITY_KINDS = (Kind.HOSPITAL, Kind.HEALTH_CENTRE, Kind.HEALTH_STATION, Kind.CDC)
    HEALTH_ADMINISTRATION_KINDS = (Kind.MINISTRY, Kind.HEALTH_DEPARTMENT)

    name = models.CharField(_("tên"), max_length=200)
    slug = models.SlugField(_("đường dẫn"), max_length=220, unique=True, blank=True)
    kind = models.CharField(_("loại"), max_length=20, choices=Kind.choices)
    level = models.CharField(_("cấp hành chính"), max_length=20, choices=Level.choices)
    province = models.ForeignKey(
        Province,
        on_delete=models.PROTECT,
        related_name="organisations",
        null=True,
        blank=True,
        verbose_name=_("tỉnh, thành phố"),
    )
    locality = models.CharField(
        _("địa bàn"),
        max_length=200,
        blank=True,
        help_text=_("Huyện, quận, xã, phường tại thời điểm bài viết, ví dụ: quận Hải An."),
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        related_name="children",
        null=True,
        blank=True,
        verbose_name=_("đơn vị chủ quản"),
    )
    address = models.CharField(_("địa chỉ"), max_length=300, blank=True)
    phone = models.CharField(_("điện thoại"), max_length=50, blank=True)
    email = models.EmailField(_("thư điện tử"), blank=True)
    website = models.URLField(_("trang thông tin điện tử"), blank=True)
    functions = models.TextField(
        _("chức năng, nhiệm vụ"),
        blank=True,
        help_text=_("Hiện trên trang giới thiệu của cơ quan; mỗi đoạn một dòng."),
    )

    class Meta:
        verbose_name = _("cơ quan, đơn vị")
        verbose_name_plural = _("cơ quan, đơn vị")
        ordering = ["sort_key"]
        indexes = [
            # Facility directory: filter by kind and level within a province.
            models.Index(fields=["province", "kind", "level"], name="org_province_kind_level"),
        ]
        constraints = [
            models.CheckConstraint(
                name="organisation_not_own_parent", condition=~Q(parent=F("pk"))
            ),
            models.CheckConstraint(
                name="organisation_local_has_province",
                condition=Q(level="trung-uong") | Q(province__isnull=False),
            ),
        ]

    def get_absolute_url(self):
        return reverse("directory:organisation_detail", kwargs={"slug": self.slug})

    @property
    def is_facility(self):
        return self.kind in self.FACILITY_KINDS

    @property
    def presents_itself(self):
        """A health administration's page presents it as its portal would (Nghị định 42/2022)."""
        return self.kind in self.HEALTH_ADMINISTRATION_KINDS

    @property
    def is_health_body(self):
        return self.is_facility or self.kind in self.HEALTH_ADMINISTRATION_KINDS
