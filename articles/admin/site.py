"""The site settings: one row, changed in place, never added twice nor deleted."""

from django.contrib import admin

from articles.models import SiteSettings


@admin.register(SiteSettings)
class SiteSettingsAdmin(admin.ModelAdmin):
    autocomplete_fields = ["publisher"]
    fieldsets = [
        (None, {"fields": ["name", "name_en", "tagline", "tagline_en", "logo", "publisher"]}),
        (
            "Chân trang (Nghị định 42/2022/NĐ-CP)",
            {
                "fields": [
                    "governing_body",
                    "responsible_person",
                    "licence",
                    "address",
                    "phone",
                    "hotline",
                    "email",
                ]
            },
        ),
        ("Giới thiệu", {"fields": ["about"]}),
    ]

    def has_add_permission(self, request):
        return super().has_add_permission(request) and not SiteSettings.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False
