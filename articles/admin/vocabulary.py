"""The admin of the vocabularies: categories, tags, source outlets, commemorations, indicators."""

from django.contrib import admin
from django.utils.translation import gettext_lazy

from articles.models import Category, CommemorativeEvent, Indicator, SourceOutlet, Tag


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name"]
    readonly_fields = ["slug"]


@admin.register(Tag)
class TagAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name"]
    readonly_fields = ["slug"]


@admin.register(SourceOutlet)
class SourceOutletAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "url", "needs_completing"]
    list_filter = ["needs_completing"]
    search_fields = ["code", "name"]

    def save_model(self, request, obj, form, change):
        if "name" in form.changed_data:
            obj.needs_completing = False  # an editor wrote the name the importer did not know
        super().save_model(request, obj, form, change)


@admin.register(CommemorativeEvent)
class CommemorativeEventAdmin(admin.ModelAdmin):
    list_display = ["name", "origin_date", "next_date", "next_number"]
    search_fields = ["name"]
    readonly_fields = ["slug"]

    @admin.display(description=gettext_lazy("lần kỷ niệm tới"))
    def next_date(self, event):
        return event.next_occurrence()[0]

    @admin.display(description=gettext_lazy("kỷ niệm lần thứ"))
    def next_number(self, event):
        return event.next_occurrence()[1]


@admin.register(Indicator)
class IndicatorAdmin(admin.ModelAdmin):
    list_display = ["name", "unit", "minimum", "maximum"]
    search_fields = ["name", "unit"]
    readonly_fields = ["slug"]
