"""Documents (văn bản) in the admin: reporters enter them with their files, editors publish."""

from django import forms
from django.contrib import admin, messages
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from articles.models import Document, DocumentFile, DocumentSector

PUBLISH_PERMISSION = "articles.publish_document"


def can_publish(user):
    return user.has_perm(PUBLISH_PERMISSION)


class DocumentAdminForm(forms.ModelForm):
    """The document form: refuses publishing without the permission."""

    user = None  # set per request by DocumentAdmin.get_form

    class Meta:
        model = Document
        fields = "__all__"  # noqa: DJ007 - the admin narrows it to its fieldsets

    def clean(self):
        cleaned = super().clean()
        publishing = cleaned.get("status") == Document.Status.PUBLISHED
        was_published = self.instance.status == Document.Status.PUBLISHED
        if publishing and not was_published and not can_publish(self.user):
            self.add_error("status", _("Bạn không có quyền đăng văn bản; hãy gửi duyệt."))
        return cleaned


class DocumentFileInline(admin.TabularInline):
    model = DocumentFile
    extra = 0
    fields = ["order", "title", "file", "size"]
    readonly_fields = ["size"]


@admin.register(Document)
class DocumentAdmin(admin.ModelAdmin):
    form = DocumentAdminForm
    list_display = [
        "__str__",
        "title",
        "issuer",
        "issued_on",
        "validity",
        "status_label",
        "published_at",
    ]
    list_filter = ["status", "kind", "validity", "for_comment", "sector", "issuer"]
    list_select_related = ["issuer"]
    search_fields = ["search_text"]
    search_help_text = gettext_lazy(
        "Tìm theo số ký hiệu, loại, trích yếu, cơ quan ban hành; gõ có dấu hay không dấu đều được."
    )
    date_hierarchy = "issued_on"
    autocomplete_fields = ["issuer", "signer", "sector", "replaced_by", "cited_by"]
    readonly_fields = ["slug", "created_at", "updated_at"]
    fieldsets = [
        (None, {"fields": ["kind", "number", "title", "slug"]}),
        (
            gettext_lazy("Ban hành"),
            {"fields": ["issuer", "signer", ("issued_on", "effective_on"), "sector"]},
        ),
        (gettext_lazy("Hiệu lực"), {"fields": ["validity", "replaced_by"]}),
        (gettext_lazy("Dự thảo"), {"fields": ["for_comment", "comment_deadline"]}),
        (gettext_lazy("Đăng"), {"fields": ["status", "published_at"]}),
        (gettext_lazy("Bài viết nhắc đến"), {"fields": ["cited_by"]}),
        (
            gettext_lazy("Theo dõi"),
            {"classes": ["collapse"], "fields": ["created_at", "updated_at"]},
        ),
    ]
    inlines = [DocumentFileInline]
    actions = ["publish_selected", "unpublish_selected"]

    @admin.display(description=gettext_lazy("trạng thái"), ordering="status")
    def status_label(self, document):
        if document.status == Document.Status.PUBLISHED and document.published_at > timezone.now():
            return _("hẹn giờ")
        return document.get_status_display()

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        form.user = request.user
        return form

    def formfield_for_choice_field(self, db_field, request, **kwargs):
        if db_field.name == "status" and not can_publish(request.user):
            kwargs["choices"] = [
                (Document.Status.DRAFT, Document.Status.DRAFT.label),
                (Document.Status.IN_REVIEW, Document.Status.IN_REVIEW.label),
            ]
        return super().formfield_for_choice_field(db_field, request, **kwargs)

    def get_search_results(self, request, queryset, search_term):
        """Match the folded words, so that "chi thi 42" finds "Chỉ thị số 42-CT/TU"."""
        return queryset.matching(search_term), False

    def has_change_permission(self, request, obj=None):
        if not super().has_change_permission(request, obj):
            return False
        # Once published, a document is the editors' to change.
        return obj is None or can_publish(request.user) or obj.status != Document.Status.PUBLISHED

    def has_publish_permission(self, request):
        return can_publish(request.user)

    def view_on_site(self, document):
        if Document.objects.published().filter(pk=document.pk).exists():
            return document.get_absolute_url()
        return None

    @admin.action(description=gettext_lazy("Đăng các văn bản đã chọn"), permissions=["publish"])
    def publish_selected(self, request, queryset):
        now = timezone.now()
        count = 0
        for document in queryset.exclude(status=Document.Status.PUBLISHED):
            document.status = Document.Status.PUBLISHED
            document.published_at = document.published_at or now
            document.save()
            count += 1
        self.message_user(
            request,
            ngettext("Đã đăng %(count)d văn bản.", "Đã đăng %(count)d văn bản.", count)
            % {"count": count},
            messages.SUCCESS,
        )

    @admin.action(description=gettext_lazy("Gỡ xuống các văn bản đã chọn"), permissions=["publish"])
    def unpublish_selected(self, request, queryset):
        count = 0
        for document in queryset.filter(status=Document.Status.PUBLISHED):
            document.status = Document.Status.DRAFT
            document.save()
            count += 1
        self.message_user(
            request,
            ngettext("Đã gỡ %(count)d văn bản.", "Đã gỡ %(count)d văn bản.", count)
            % {"count": count},
            messages.SUCCESS,
        )


@admin.register(DocumentSector)
class DocumentSectorAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name"]
    readonly_fields = ["slug"]
