"""Staff accounts and roles: one short form to add a staff member, permissions named in Vietnamese.

Only a superuser makes or touches a superuser. Django stores permission names in English
("Can add bài viết", built without gettext), so the forms label each permission themselves.
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.forms import AdminPasswordChangeForm
from django.contrib.auth.models import Group, Permission, User
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from articles.roles import ADMINISTRATOR, EDITOR, REPORTER

ROLES = [REPORTER, EDITOR, ADMINISTRATOR]
# What each built-in permission lets a person do, by the action at the start of its codename.
ACTIONS = {
    "add": gettext_lazy("Thêm %(model)s"),
    "change": gettext_lazy("Sửa %(model)s"),
    "delete": gettext_lazy("Xóa %(model)s"),
    "view": gettext_lazy("Xem %(model)s"),
}


def may_touch(request, account):
    """A superuser account is changed or deleted by superusers only."""
    return account is None or not account.is_superuser or request.user.is_superuser


def grantable_permissions():
    """The permissions a role may hold: the newsroom's content and the accounts themselves."""
    return Permission.objects.select_related("content_type").filter(
        Q(content_type__app_label__in=["articles", "people"])
        | Q(content_type__app_label="auth", content_type__model__in=["user", "group"])
    )


class PermissionChoiceField(forms.ModelMultipleChoiceField):
    """Permissions labelled in Vietnamese: "Thêm bài viết" rather than "Can add bài viết"."""

    def label_from_instance(self, permission):
        action, _separator, model = permission.codename.partition("_")
        if action in ACTIONS and model == permission.content_type.model:
            return ACTIONS[action] % {"model": permission.content_type.name}
        return permission.name  # a permission of our own, named in Vietnamese


class PermissionLabels:
    """Admin mixin: the permissions field of the form shows PermissionChoiceField's labels."""

    permission_fields = ()

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name in self.permission_fields:
            kwargs["queryset"] = grantable_permissions()
            kwargs["form_class"] = PermissionChoiceField
        return super().formfield_for_manytomany(db_field, request, **kwargs)


class StaffCreationForm(forms.ModelForm):
    """A new staff member: name, e-mail (also the login name) and role; no password yet."""

    full_name = forms.CharField(
        label=gettext_lazy("Họ và tên"),
        max_length=150 * 2,
        help_text=gettext_lazy("Viết đầy đủ, có dấu, ví dụ: Nguyễn Thị Thu Hà."),
    )
    email = forms.EmailField(
        label=gettext_lazy("Email"),
        help_text=gettext_lazy("Người này đăng nhập bằng địa chỉ email này."),
    )
    role = forms.ModelChoiceField(
        label=gettext_lazy("Vai trò"),
        queryset=Group.objects.filter(name__in=ROLES),
        empty_label=None,
        widget=forms.RadioSelect,
        help_text=gettext_lazy(
            "Phóng viên viết và gửi duyệt bài; biên tập viên sửa, duyệt và xuất bản; "
            "quản trị thêm cả tài khoản."
        ),
    )

    class Meta:
        model = User
        fields = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        by_role = {group.name: group for group in self.fields["role"].queryset}
        self.fields["role"].choices = [(by_role[r].pk, r) for r in ROLES if r in by_role]

    def clean_full_name(self):
        words = self.cleaned_data["full_name"].split()
        if len(words) < 2:
            raise forms.ValidationError(_("Hãy ghi cả họ và tên."), code="short")
        if len(" ".join(words[:-1])) > 150 or len(words[-1]) > 150:
            raise forms.ValidationError(_("Họ và tên quá dài."), code="long")
        return " ".join(words)

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        taken = User.objects.filter(Q(username__iexact=email) | Q(email__iexact=email))
        if taken.exists():
            raise forms.ValidationError(_("Đã có tài khoản dùng địa chỉ email này."), code="taken")
        return email

    def save(self, commit=True):
        user = super().save(commit=False)
        *family, given = self.cleaned_data["full_name"].split()
        user.last_name, user.first_name = " ".join(family), given
        user.username = user.email = self.cleaned_data["email"]
        user.is_staff = True
        user.set_unusable_password()
        role = self.cleaned_data["role"]

        def save_role():
            user.groups.set([role])

        if commit:
            user.save()
            save_role()
        else:
            self.save_m2m = save_role  # the admin saves the user, then calls form.save_m2m()
        return user


class PasswordForm(AdminPasswordChangeForm):
    """Django's password form, whose warning about switching passwords off is English-only."""

    # The list's id is the one Django's script shows and hides with the switch.
    usable_password_help_text = format_lazy(
        '{}<ul id="id_unusable_warning" class="messagelist"><li class="warning">{}</li></ul>',
        gettext_lazy("Tài khoản có đăng nhập bằng mật khẩu hay không."),
        gettext_lazy(
            "Nếu tắt, mật khẩu hiện tại bị xóa: người này không đăng nhập được cho đến khi "
            "được đặt mật khẩu mới."
        ),
    )


admin.site.unregister(User)
admin.site.unregister(Group)


@admin.register(User)
class AccountAdmin(PermissionLabels, UserAdmin):
    """Django's user admin with a short add form, and superusers kept to superusers."""

    add_form = StaffCreationForm
    change_password_form = PasswordForm
    add_fieldsets = [(None, {"fields": ["full_name", "email", "role"]})]
    list_display = ["username", "display_name", "roles", "is_active", "last_login"]
    list_filter = ["groups", "is_active", "is_superuser"]
    permission_fields = ["user_permissions"]

    @admin.display(description=gettext_lazy("họ và tên"), ordering="first_name")
    def display_name(self, account):
        return f"{account.last_name} {account.first_name}".strip() or "—"

    @admin.display(description=gettext_lazy("vai trò"))
    def roles(self, account):
        names = [group.name for group in account.groups.all()]
        if account.is_superuser:
            names.insert(0, _("toàn quyền"))
        return ", ".join(names) or "—"

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("groups")

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

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if not change:
            messages.info(
                request,
                _(
                    "Tài khoản chưa có mật khẩu: bấm “Đặt mật khẩu” bên dưới để đặt mật khẩu "
                    "đầu tiên, rồi báo cho %(name)s."
                )
                % {"name": form.cleaned_data["full_name"]},
            )


@admin.register(Group)
class RoleAdmin(PermissionLabels, GroupAdmin):
    """The editorial roles, their permissions named in Vietnamese."""

    permission_fields = ["permissions"]
