from django.contrib import admin

from articles.models import (
    Article,
    Attachment,
    Category,
    CommemorativeEvent,
    Figure,
    OfficialMention,
    SourceOutlet,
    Statistic,
    Tag,
)


class FigureInline(admin.StackedInline):
    model = Figure
    extra = 0
    fields = ["order", "position", "image", "caption", "alt_text", "credit"]


class AttachmentInline(admin.TabularInline):
    model = Attachment
    extra = 0


class StatisticInline(admin.TabularInline):
    model = Statistic
    extra = 0


class OfficialMentionInline(admin.TabularInline):
    model = OfficialMention
    extra = 0
    autocomplete_fields = ["official", "position"]


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = ["title", "status", "published_at", "province", "category", "commemoration"]
    list_filter = ["status", "province", "category", "commemoration", "tags"]
    list_select_related = ["province", "category", "commemoration"]
    search_fields = ["title", "lead"]
    date_hierarchy = "published_at"
    autocomplete_fields = ["province", "category", "tags", "organisations", "commemoration"]
    readonly_fields = ["slug", "created_at", "updated_at"]
    inlines = [FigureInline, AttachmentInline, OfficialMentionInline, StatisticInline]


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
    list_display = ["code", "name", "url"]
    search_fields = ["code", "name"]


@admin.register(CommemorativeEvent)
class CommemorativeEventAdmin(admin.ModelAdmin):
    list_display = ["name", "origin_date"]
    search_fields = ["name"]
    readonly_fields = ["slug"]
