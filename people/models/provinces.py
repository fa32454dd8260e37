"""Provinces and cities, with the mergers and renamings that end one unit in another."""

import datetime
from typing import NamedTuple

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.dateformat import format as format_date
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from people.models.base import SortedByName


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
