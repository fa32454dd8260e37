"""Who and where: provinces, organisations and facilities, officials and their positions."""

import datetime
from typing import NamedTuple

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.dateformat import format as format_date
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from healthnews.text import vi_sort_string, vn_slugify


class SlugNaturalKeyManager(models.Manager):
    """Look rows up by slug, the natural key used in fixtures."""

    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


def unique_slug(instance, value):
    """A slug from value that no other row of the model uses: "ten", then "ten-2", "ten-3"..."""
    max_length = instance._meta.get_field("slug").max_length
    base = vn_slugify(value, max_length=max_length - 6) or instance._meta.model_name
    others = type(instance)._default_manager.exclude(pk=instance.pk)
    slug, number = base, 2
    while others.filter(slug=slug).exists():
        slug, number = f"{base}-{number}", number + 1
    return slug


class NamedBySlug(models.Model):
    """A row with a Vietnamese `name` and a `slug` made from it: its natural key.

    Shared by both apps (articles may import people, never the reverse).
    """

    objects = SlugNaturalKeyManager()

    class Meta:
        abstract = True

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(self, self.name)
        super().save(*args, **kwargs)

    def natural_key(self):
        return (self.slug,)


class SortedByName(NamedBySlug):
    """A named row listed in Vietnamese alphabetical order through a stored sort key."""

    sort_key = models.CharField(_("khóa sắp xếp"), max_length=255, editable=False, db_index=True)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self.sort_key = vi_sort_string(self.name)
        super().save(*args, **kwargs)


class HistoryLine(NamedTuple):
    """A sentence of a unit's history: its text, then the units it names ("… là tỉnh X.")."""

    text: str
    units: list

    def __str__(self):
        return f"{self.text} {', '.join(unit.full_name for unit in self.units)}."


class Province(SortedByName):
    """A provincial-level unit as it was named between two dates."""

    class Kind(models.TextChoices):
        PROVINCE = "tinh", _("tỉnh")
        CITY = "thanh-pho", _("thành phố trực thuộc trung ương")

    class Change(models.TextChoices):
        """What happened when the unit passed to its successor."""

        RENAMED = "doi-ten", _("đổi tên")
        UPGRADED = "nang-cap", _("nâng cấp thành thành phố trực thuộc trung ương")
        MERGED = "sap-nhap", _("sáp nhập, hợp nhất")
        SPLIT = "chia-tach", _("chia tách")

    name = models.CharField(_("tên"), max_length=100)
    slug = models.SlugField(_("đường dẫn"), max_length=120, unique=True, blank=True)
    kind = models.CharField(_("loại"), max_length=20, choices=Kind.choices, default=Kind.PROVINCE)
    valid_from = models.DateField(_("hiệu lực từ"), null=True, blank=True)
    valid_to = models.DateField(_("hiệu lực đến"), null=True, blank=True)
    successor = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        related_name="predecessors",
        null=True,
        blank=True,
        verbose_name=_("đơn vị kế thừa"),
    )
    change = models.CharField(
        _("hình thức chuyển đổi"),
        max_length=20,
        choices=Change.choices,
        blank=True,
        help_text=_("Điều xảy ra khi đơn vị chuyển sang đơn vị kế thừa."),
    )
    history_note = models.TextField(_("ghi chú lịch sử"), blank=True)

    class Meta:
        verbose_name = _("tỉnh, thành phố")
        verbose_name_plural = _("tỉnh, thành phố")
        ordering = ["sort_key"]
        constraints = [
            models.CheckConstraint(
                name="province_valid_range",
                condition=Q(valid_to__isnull=True)
                | Q(valid_from__isnull=True)
                | Q(valid_to__gte=F("valid_from")),
            ),
            models.CheckConstraint(
                name="province_not_own_successor", condition=~Q(successor=F("pk"))
            ),
            models.CheckConstraint(
                name="province_successor_needs_end",
                condition=Q(successor__isnull=True) | Q(valid_to__isnull=False),
            ),
        ]

    def get_absolute_url(self):
        return reverse("directory:province_detail", kwargs={"slug": self.slug})

    def clean(self):
        if self.successor_id is not None and not self.change:
            message = _("Chọn điều đã xảy ra khi đơn vị chuyển sang đơn vị kế thừa.")
            raise ValidationError({"change": message})

    @property
    def full_name(self):
        """The name with its kind, as written in running text: "tỉnh Điện Biên"."""
        if self.kind == self.Kind.CITY:
            return gettext("thành phố %(name)s") % {"name": self.name}
        return gettext("tỉnh %(name)s") % {"name": self.name}

    def current(self):
        """The unit that stands for this one today (itself if it still exists)."""
        return self.succession()[-1]

    def succession(self):
        """This unit and its successors in turn, to the unit of today."""
        chain, seen = [self], {self.pk}
        while chain[-1].successor_id is not None and chain[-1].successor_id not in seen:
            seen.add(chain[-1].successor_id)
            chain.append(chain[-1].successor)
        return chain

    @property
    def changed_on(self):
        """The day the unit passed to its successor (a successor needs an end), or None."""
        if self.successor_id is None:
            return None
        return self.valid_to + datetime.timedelta(days=1)

    def successor_note(self):
        """What the unit is today, for lists: "nay là thành phố Huế", "nay thuộc tỉnh Lào Cai".

        "nay là" only when every step was a renaming; empty when the unit still exists.
        """
        chain = self.succession()
        if len(chain) == 1:
            return ""
        changes = {unit.change for unit in chain[:-1]}
        name = chain[-1].full_name
        if self.Change.SPLIT in changes:
            return gettext("một phần nay thuộc %(name)s") % {"name": name}
        if changes <= {self.Change.RENAMED, self.Change.UPGRADED}:
            return gettext("nay là %(name)s") % {"name": name}
        return gettext("nay thuộc %(name)s") % {"name": name}

    def history(self):
        """What became of the unit and what it took over, as HistoryLine sentences.

        The wording follows what happened: renamed, made a centrally governed city, merged,
        split (Province.Change). Reads the direct predecessors (prefetch "predecessors").
        """
        lines = []
        if self.successor_id is not None:
            text = {
                self.Change.RENAMED: gettext("Từ ngày %(date)s đổi tên thành"),
                self.Change.UPGRADED: gettext("Từ ngày %(date)s nâng cấp, đổi tên thành"),
                self.Change.MERGED: gettext("Từ ngày %(date)s sáp nhập vào"),
                self.Change.SPLIT: gettext("Từ ngày %(date)s chia tách; một phần thuộc"),
            }.get(self.change, gettext("Từ ngày %(date)s thuộc"))
            day = format_date(self.changed_on, "d/m/Y")
            lines.append(HistoryLine(text % {"date": day}, [self.successor]))
        groups = {}
        for unit in sorted(self.predecessors.all(), key=lambda unit: unit.sort_key):
            groups.setdefault((unit.changed_on, unit.change), []).append(unit)
        for (day, change), units in sorted(groups.items()):
            text = {
                self.Change.RENAMED: gettext("Từ ngày %(date)s đổi tên; trước đó là"),
                self.Change.UPGRADED: gettext(
                    "Từ ngày %(date)s nâng cấp thành thành phố trực thuộc trung ương; trước đó là"
                ),
                self.Change.MERGED: gettext("Từ ngày %(date)s hợp nhất với"),
                self.Change.SPLIT: gettext("Từ ngày %(date)s tiếp nhận một phần của"),
            }.get(change, gettext("Từ ngày %(date)s kế thừa"))
            lines.append(HistoryLine(text % {"date": format_date(day, "d/m/Y")}, units))
        return lines

    def with_predecessors(self, among=None):
        """The primary keys of this unit and of every unit merged into it, however long ago.

        among: every unit by primary key (a copy in memory), to look there instead of querying.
        """
        found, frontier = {self.pk}, {self.pk}
        while frontier:
            if among is None:
                merged = Province.objects.filter(successor__in=frontier).values_list(
                    "pk", flat=True
                )
            else:
                merged = [pk for pk, unit in among.items() if unit.successor_id in frontier]
            frontier = set(merged) - found
            found |= frontier
        return found

    def is_current(self, on=None):
        """Whether the unit existed on the given date (today when omitted)."""
        if on is None:
            return self.valid_to is None
        return (self.valid_from is None or self.valid_from <= on) and (
            self.valid_to is None or on <= self.valid_to
        )


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
