"""Articles in the admin: the form, its inlines, publishing, history and the import pages."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from articles.admin.history import changes, changes_html
from articles.admin.importing import import_confirm_view, import_view
from articles.content.revisions import record_revision, restore_revision, snapshot
from articles.models import (
    Article,
    ArticleRevision,
    Attachment,
    Figure,
    OfficialMention,
    OrganisationMention,
    Statistic,
)
from healthnews.text import vn_fold
from healthnews.throttle import ThrottledAdminAuthenticationForm

PUBLISH_PERMISSION = "articles.publish_article"

admin.site.site_header = gettext_lazy("Quản trị Tin tức Y tế")
admin.site.site_title = gettext_lazy("Quản trị Tin tức Y tế")
admin.site.index_title = gettext_lazy("Bảng điều khiển")
admin.site.login_form = ThrottledAdminAuthenticationForm


def can_publish(user):
    return user.has_perm(PUBLISH_PERMISSION)


class ArticleAdminForm(forms.ModelForm):
    """The article form: refuses publishing without permission and saves over a newer version."""

    # Text: an unreadable version is refused like a stale one, not as a hidden field's error.
    base_version = forms.CharField(widget=forms.HiddenInput, required=False)
    user = None  # set per request by ArticleAdmin.get_form

    class Meta:
        model = Article
        fields = "__all__"  # noqa: DJ007 - the admin narrows it to its fieldsets

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["base_version"].initial = self.instance.version

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("status") == Article.Status.PUBLISHED and not can_publish(self.user):
            was_published = self.instance.status == Article.Status.PUBLISHED
            if not was_published:
                self.add_error("status", _("Bạn không có quyền xuất bản bài viết; hãy gửi duyệt."))
        if self.instance.pk:
            self._refuse_lost_update(cleaned.get("base_version"))
        return cleaned

    def _refuse_lost_update(self, base_version):
        current = Article.objects.select_for_update().get(pk=self.instance.pk)
        try:
            base_version = int(base_version)
        except (TypeError, ValueError):
            self._refuse_unknown_version(current)
        if base_version == current.version:
            return
        seen = current.revisions.filter(number=base_version).first()
        changed = changes_html(seen.data, snapshot(current)) if seen else ""
        editor = current.last_editor.get_username() if current.last_editor else _("người khác")
        # The next save overwrites on purpose: the editor has now seen what changed.
        self.data = self.data.copy()
        self.data[self.add_prefix("base_version")] = current.version
        raise ValidationError(
            format_html(
                "{} <ul>{}</ul> {}",
                _(
                    "Bài viết đã được %(editor)s lưu lúc %(time)s, sau khi bạn mở trang này. "
                    "Thay đổi của bạn CHƯA được lưu. Những gì đã thay đổi:"
                )
                % {
                    "editor": editor,
                    "time": timezone.localtime(current.updated_at).strftime("%H:%M:%S %d/%m/%Y"),
                },
                changed,
                _("Kiểm tra lại nội dung; nếu vẫn muốn ghi đè, bấm Lưu lần nữa."),
            ),
            code="lost_update",
        )

    def _refuse_unknown_version(self, current):
        # The next save overwrites, as after a conflict: the editor has seen this message.
        self.data = self.data.copy()
        self.data[self.add_prefix("base_version")] = current.version
        message = _(
            "Không rõ bạn đã mở phiên bản nào của bài viết, nên không biết có ai đã lưu sau đó "
            "hay không. Thay đổi của bạn CHƯA được lưu. Nếu vẫn muốn ghi đè, bấm Lưu lần nữa."
        )
        raise ValidationError(message, code="unknown_version")


class ArticleChildInline:
    """Inline rows of an article may be edited exactly when the article may be."""

    extra = 0

    def _article_admin(self):
        return self.admin_site.get_model_admin(Article)

    def has_add_permission(self, request, obj):
        return self._article_admin().has_change_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return self._article_admin().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self._article_admin().has_change_permission(request, obj)

    def has_view_permission(self, request, obj=None):
        return self._article_admin().has_view_permission(request, obj)


class FigureInline(ArticleChildInline, admin.StackedInline):
    model = Figure
    fields = ["order", "position", "image", "preview", "caption", "alt_text", "credit"]
    readonly_fields = ["preview"]

    @admin.display(description=gettext_lazy("xem trước"))
    def preview(self, figure):
        # A figure without a readable photo is kept, but readers do not see its caption.
        if not figure.image:
            message = _("Chưa có ảnh: bạn đọc không thấy chú thích này cho đến khi có ảnh.")
        elif not figure.has_photo:
            message = _("Không đọc được ảnh: bạn đọc không thấy ảnh này, hãy tải ảnh lên lại.")
        else:
            return format_html('<img src="{}" alt="" class="figure-preview">', figure.image.url)
        return format_html('<strong class="figure-missing">{}</strong>', message)


class AttachmentInline(ArticleChildInline, admin.TabularInline):
    model = Attachment


class StatisticInline(ArticleChildInline, admin.TabularInline):
    model = Statistic


class OfficialMentionInline(ArticleChildInline, admin.TabularInline):
    model = OfficialMention
    autocomplete_fields = ["official", "position"]


class OrganisationMentionInline(ArticleChildInline, admin.TabularInline):
    model = OrganisationMention
    autocomplete_fields = ["organisation"]


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    form = ArticleAdminForm
    list_display = [
        "title",
        "status_label",
        "published_at",
        "province",
        "category",
        "commemoration",
        "last_editor",
    ]
    list_filter = [
        "status",
        ("published_at", admin.DateFieldListFilter),
        "province",
        "category",
        "commemoration",
        "tags",
    ]
    list_select_related = ["province", "category", "commemoration", "last_editor"]
    search_fields = ["search_text"]
    search_help_text = gettext_lazy(
        "Tìm trong tiêu đề, sapo và nội dung; gõ có dấu hay không dấu đều được."
    )
    date_hierarchy = "published_at"
    autocomplete_fields = [
        "province",
        "category",
        "tags",
        "commemoration",
        "source_outlet",
    ]
    readonly_fields = [
        "created_by",
        "last_editor",
        "created_at",
        "updated_at",
        "version",
        "import_file_name",
    ]
    fieldsets = [
        (None, {"fields": ["title", "needs_title", "slug", "lead", "body", "base_version"]}),
        (
            gettext_lazy("Xuất bản"),
            {"fields": ["status", "published_at", "published_at_precision"]},
        ),
        (
            gettext_lazy("Phân loại"),
            {
                "fields": [
                    "category",
                    "tags",
                    "province",
                    "commemoration",
                    "commemoration_year",
                ]
            },
        ),
        (
            gettext_lazy("Thời gian diễn ra sự kiện"),
            {
                "fields": [
                    "event_date_text",
                    ("event_day", "event_month", "event_year"),
                    "event_year_inferred",
                ]
            },
        ),
        (
            gettext_lazy("Nguồn"),
            {"fields": ["source_outlet", "source_url", "byline", "credit_line"]},
        ),
        (
            gettext_lazy("Theo dõi"),
            {
                "classes": ["collapse"],
                "fields": [
                    "created_by",
                    "created_at",
                    "last_editor",
                    "updated_at",
                    "version",
                    "import_file_name",
                ],
            },
        ),
    ]
    inlines = [
        FigureInline,
        AttachmentInline,
        OfficialMentionInline,
        OrganisationMentionInline,
        StatisticInline,
    ]
    actions = ["publish_selected", "unpublish_selected"]

    class Media:
        css = {"all": ["css/admin.css"]}
        js = ["admin/js/prose-editor-vi.js"]

    @admin.display(description=gettext_lazy("trạng thái"), ordering="status")
    def status_label(self, article):
        if article.status == Article.Status.PUBLISHED and article.published_at > timezone.now():
            return _("hẹn giờ")
        return article.get_status_display()

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        form.user = request.user
        return form

    def formfield_for_choice_field(self, db_field, request, **kwargs):
        if db_field.name == "status" and not can_publish(request.user):
            kwargs["choices"] = [
                (Article.Status.DRAFT, Article.Status.DRAFT.label),
                (Article.Status.IN_REVIEW, Article.Status.IN_REVIEW.label),
            ]
        return super().formfield_for_choice_field(db_field, request, **kwargs)

    def get_search_results(self, request, queryset, search_term):
        """Search the folded text, so that "dien bien" finds "Điện Biên"."""
        terms = vn_fold(search_term).split()
        for term in terms:
            queryset = queryset.filter(search_text__contains=term)
        return queryset, False

    def has_change_permission(self, request, obj=None):
        if not super().has_change_permission(request, obj):
            return False
        if obj is None or can_publish(request.user):
            return True
        # A reporter edits only their own drafts; once submitted, the editors take over.
        return obj.created_by_id == request.user.pk and obj.status == Article.Status.DRAFT

    def has_publish_permission(self, request):
        return can_publish(request.user)

    def view_on_site(self, article):
        if Article.objects.published().filter(pk=article.pk).exists():
            return article.get_absolute_url()
        return reverse("articles:article_preview", kwargs={"pk": article.pk})

    def save_model(self, request, obj, form, change):
        if change and not obj.revisions.filter(number=obj.version).exists():
            # Loaded from fixtures or saved outside the admin: keep that state restorable.
            stored = Article.objects.get(pk=obj.pk)
            record_revision(stored, note=_("Phiên bản trước khi sửa trong trang quản trị"))
        if not change:
            obj.created_by = request.user
        if "title" in form.changed_data:
            obj.needs_title = False  # an editor wrote the title the import only proposed
        obj.last_editor = request.user
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        record_revision(form.instance, request.user)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        article = self.get_object(request, object_id)
        extra_context = {
            **(extra_context or {}),
            "content_warnings": article.content_warnings() if article else [],
        }
        return super().change_view(request, object_id, form_url, extra_context)

    @admin.action(description=gettext_lazy("Xuất bản các bài đã chọn"), permissions=["publish"])
    def publish_selected(self, request, queryset):
        now = timezone.now()
        count = 0
        for article in queryset.exclude(status=Article.Status.PUBLISHED):
            article.status = Article.Status.PUBLISHED
            article.published_at = article.published_at or now
            article.last_editor = request.user
            article.save()
            record_revision(article, request.user, note=_("Xuất bản hàng loạt"))
            count += 1
        self.message_user(request, _("Đã xuất bản %(count)s bài viết.") % {"count": count})

    @admin.action(description=gettext_lazy("Gỡ xuống các bài đã chọn"), permissions=["publish"])
    def unpublish_selected(self, request, queryset):
        count = 0
        for article in queryset.filter(status=Article.Status.PUBLISHED):
            article.status = Article.Status.DRAFT
            article.last_editor = request.user
            article.save()
            record_revision(article, request.user, note=_("Gỡ xuống hàng loạt"))
            count += 1
        self.message_user(request, _("Đã gỡ %(count)s bài viết về bản nháp.") % {"count": count})

    def get_urls(self):
        return [
            path(
                "import/",
                self.admin_site.admin_view(lambda request: import_view(self, request)),
                name="articles_article_import",
            ),
            path(
                "import/confirm/",
                self.admin_site.admin_view(lambda request: import_confirm_view(self, request)),
                name="articles_article_import_confirm",
            ),
            path(
                "<int:object_id>/history/<int:number>/restore/",
                self.admin_site.admin_view(self.restore_view),
                name="articles_article_restore",
            ),
            *super().get_urls(),
        ]

    def history_view(self, request, object_id, extra_context=None):
        """Every saved version with who saved it, when, and what changed from the one before."""
        article = get_object_or_404(Article, pk=object_id)
        if not self.has_view_or_change_permission(request, article):
            raise PermissionDenied
        revisions = list(article.revisions.select_related("user"))
        rows = []
        for newer, older in zip(revisions, [*revisions[1:], None], strict=False):
            rows.append(
                {
                    "revision": newer,
                    "changes": changes(older.data, newer.data) if older else [],
                    "is_current": newer.number == article.version,
                }
            )
        context = {
            **self.admin_site.each_context(request),
            "title": _("Lịch sử: %(title)s") % {"title": article.title},
            "subtitle": None,
            "object": article,
            "opts": self.opts,
            "rows": rows,
            "can_restore": self.has_change_permission(request, article),
            **(extra_context or {}),
        }
        return TemplateResponse(request, "admin/articles/article/history.html", context)

    @method_decorator(require_POST)
    def restore_view(self, request, object_id, number):
        article = get_object_or_404(Article, pk=object_id)
        if not self.has_change_permission(request, article):
            raise PermissionDenied
        revision = get_object_or_404(ArticleRevision, article=article, number=number)
        restore_revision(revision, request.user)
        messages.success(
            request, _("Đã khôi phục nội dung phiên bản %(number)s.") % {"number": number}
        )
        return redirect("admin:articles_article_change", article.pk)
