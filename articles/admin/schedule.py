"""The leaders' weekly schedule: entered by editors, copied forward a week at a time."""

import datetime

from django.contrib import admin, messages
from django.db import transaction
from django.utils.translation import gettext_lazy, ngettext

from articles.models import ScheduleEntry

WEEK = datetime.timedelta(days=7)


@admin.register(ScheduleEntry)
class ScheduleEntryAdmin(admin.ModelAdmin):
    list_display = ["date", "start_time", "content", "organisation", "presiding", "status"]
    list_display_links = ["date", "start_time", "content"]
    list_filter = ["status", "organisation"]
    list_select_related = ["organisation", "presiding"]
    date_hierarchy = "date"
    search_fields = ["content", "place", "other_participants"]
    autocomplete_fields = ["organisation", "presiding", "participants"]
    actions = ["copy_to_next_week"]
    fields = [
        "organisation",
        ("date", "start_time", "end_time"),
        "content",
        "place",
        "presiding",
        "participants",
        "other_participants",
        "status",
    ]

    @admin.action(
        description=gettext_lazy("Sao chép sang tuần sau (thành bản nháp)"),
        permissions=["add"],
    )
    def copy_to_next_week(self, request, queryset):
        """Each selected entry again seven days later, as a draft an editor reviews."""
        entries = list(queryset.prefetch_related("participants"))
        with transaction.atomic():
            for entry in entries:
                participants = list(entry.participants.all())
                entry.pk = None
                entry.date += WEEK
                entry.status = ScheduleEntry.Status.DRAFT
                entry.save()
                entry.participants.set(participants)
        count = len(entries)
        self.message_user(
            request,
            ngettext(
                "Đã sao chép %(count)s mục sang tuần sau dưới dạng bản nháp.",
                "Đã sao chép %(count)s mục sang tuần sau dưới dạng bản nháp.",
                count,
            )
            % {"count": count},
            messages.SUCCESS,
        )
