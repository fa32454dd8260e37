"""/lich-cong-tac/: the leaders' schedule, one week (Monday to Sunday) at a time.

The publisher's by default; `?don_vi=<slug>` shows another department's, `?tuan=2026-W49` another
week (ISO weeks, which start on Monday as Vietnamese calendars do).
"""

import datetime
from dataclasses import dataclass

from django.db.models import Prefetch, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _

from articles.models import ScheduleEntry, SiteSettings
from people.models import Official, Organisation

WEEK = datetime.timedelta(days=7)
SIX_DAYS = datetime.timedelta(days=6)


@dataclass
class Day:
    date: datetime.date
    entries: list
    is_today: bool


def week_start(value, today):
    """The Monday of the week `value` names ("2026-W49"), or of this week when it is empty."""
    if not value:
        return today - datetime.timedelta(days=today.weekday())
    try:
        year, week = value.split("-W")
        return datetime.date.fromisocalendar(int(year), int(week), 1)
    except ValueError:
        raise Http404(_("Không có tuần này.")) from None


def iso_week(day):
    year, week, _weekday = day.isocalendar()
    return f"{year}-W{week:02d}"


def schedule(request):
    today = timezone.localdate()
    monday = week_start(request.GET.get("tuan", ""), today)
    publisher = SiteSettings.load().publisher
    slug = request.GET.get("don_vi", "")
    organisation = get_object_or_404(Organisation, slug=slug) if slug else publisher
    entries = []
    if organisation is not None:
        entries = (
            ScheduleEntry.objects.published()
            .filter(organisation=organisation, date__range=(monday, monday + SIX_DAYS))
            .select_related("presiding")
            .prefetch_related(
                Prefetch("participants", queryset=Official.objects.order_by("sort_key"))
            )
        )
    by_date = {}
    for entry in entries:
        by_date.setdefault(entry.date, []).append(entry)
    days = [
        Day(date=day, entries=by_date.get(day, []), is_today=day == today)
        for day in (monday + datetime.timedelta(days=offset) for offset in range(7))
    ]
    # The departments a reader may choose: those with a published entry, and the publisher.
    choices = Organisation.objects.filter(
        Q(pk__in=ScheduleEntry.objects.published().values("organisation"))
        | Q(pk=publisher.pk if publisher else None)
    ).only("name", "slug", "sort_key")
    return render(
        request,
        "articles/schedule.html",
        {
            "organisation": organisation,
            "publisher": publisher,
            "choices": choices,
            "days": days,
            "monday": monday,
            "week": iso_week(monday),
            "sunday": monday + SIX_DAYS,
            "previous_week": iso_week(monday - WEEK),
            "next_week": iso_week(monday + WEEK),
            "this_week": iso_week(today),
            "is_this_week": monday <= today < monday + WEEK,
        },
    )
