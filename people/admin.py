from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from people.models import Official, Organisation, Position, Province


@admin.register(Province)
class ProvinceAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "valid_from", "valid_to", "successor"]
    list_filter = ["kind"]
    list_select_related = ["successor"]
    search_fields = ["name", "slug"]
    autocomplete_fields = ["successor"]
    readonly_fields = ["slug"]


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
    list_display = ["full_name", "titles", "given_name", "positions_held"]
    search_fields = ["full_name", "slug", "given_name", "family_name"]
    readonly_fields = ["slug"]
    inlines = [PositionInline]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("positions__organisation")

    @admin.display(description=_("chức vụ"))
    def positions_held(self, obj):
        return "; ".join(position.label for position in obj.positions.all())


@admin.register(Position)
class PositionAdmin(admin.ModelAdmin):
    list_display = ["official", "title", "organisation", "start_date", "end_date"]
    list_select_related = ["official", "organisation"]
    search_fields = ["official__full_name", "title", "organisation__name"]
    autocomplete_fields = ["official", "organisation"]
