"""Staff accounts: Django's user admin, where only a superuser makes or touches a superuser."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied


def may_touch(request, account):
    """A superuser account is changed or deleted by superusers only."""
    return account is None or not account.is_superuser or request.user.is_superuser


admin.site.unregister(User)


@admin.register(User)
class AccountAdmin(UserAdmin):
    """Django's user admin (its list, filters and search), with superusers kept to superusers."""

    def get_readonly_fields(self, request, obj=None):
        # Read-only fields are left out of the form: a forged is_superuser in the POST is ignored.
        readonly = list(super().get_readonly_fields(request, obj))
        if not request.user.is_superuser:
            readonly.append("is_superuser")
        return readonly

    def has_change_permission(self, request, obj=None):
        # Also guards the password form, which asks this before setting a password.
        return may_touch(request, obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return may_touch(request, obj) and super().has_delete_permission(request, obj)

    def delete_queryset(self, request, queryset):
        # The "delete selected" action asks has_delete_permission without the rows.
        if not request.user.is_superuser and queryset.filter(is_superuser=True).exists():
            raise PermissionDenied
        super().delete_queryset(request, queryset)
