from django.contrib import admin
from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _

from people.models import Official, Organisation, Position, Province


@admin.register(Province)
class ProvinceAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "valid_from", "valid_to", "successor", "predecessor_names"]
    list_filter = ["kind"]
    list_select_related = ["successor"]
    search_fields = ["name", "slug"]
    autocomplete_fields = ["successor"]
    readonly_fields = ["slug", "history"]
    fields = [
        "name",
        "slug",
        "kind",
        "valid_from",
        "valid_to",
        "successor",
        "change",
        "history_note",
        "history",
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("predecessors")

    @admin.display(description=_("sáp nhập từ"))
    def predecessor_names(self, province):
        return ", ".join(p.name for p in province.predecessors.all())

    @admin.display(description=_("lịch sử"))
    def history(self, province):
        if province.pk is None:
            return "-"
        lines = [str(line) for line in province.history()]
        return " ".join(lines) or _("Chưa có thay đổi địa giới được ghi nhận.")


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "level", "province", "parent"]
    list_filter = ["kind", "level", "province"]
    list_select_related = ["province", "parent"]
    search_fields = ["name", "slug", "locality"]
    autocomplete_fields = ["province", "parent"]
    readonly_fields = ["slug"]


class PositionInline(admin.TabularInline):
    model = Position
    extra = 0
    autocomplete_fields = ["organisation"]


@admin.register(Official)
class OfficialAdmin(admin.ModelAdmin):
    list_display = ["full_name", "titles", "current_titles", "current_organisations"]
    search_fields = ["full_name", "slug", "given_name", "family_name"]
    readonly_fields = ["slug"]
    inlines = [PositionInline]

    def get_queryset(self, request):
        current = Position.objects.current().select_related("organisation")
        return (
            super()
            .get_queryset(request)
            .prefetch_related(Prefetch("positions", queryset=current, to_attr="current_positions"))
        )

    @admin.display(description=_("chức vụ hiện tại"))
    def current_titles(self, official):
        return "; ".join(position.title for position in official.current_positions)

    @admin.display(description=_("cơ quan, đơn vị"))
    def current_organisations(self, official):
        return "; ".join(position.organisation.name for position in official.current_positions)


@admin.register(Position)
class PositionAdmin(admin.ModelAdmin):
    list_display = ["official", "title", "organisation", "start_date", "end_date"]
    list_select_related = ["official", "organisation"]
    search_fields = ["official__full_name", "title", "organisation__name"]
    autocomplete_fields = ["official", "organisation"]

    def get_queryset(self, request):
        # Each row's label names the official and the organisation (autocomplete too).
        return super().get_queryset(request).select_related("official", "organisation")
