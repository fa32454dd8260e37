"""Articles in the admin: the form, publishing, history and the import pages."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import F
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from articles import workflow
from articles.admin.conflicts import ConcurrentSaveForm
from articles.admin.history import note_entries, revision_entries, timeline
from articles.admin.importing import import_confirm_view, import_view
from articles.admin.inlines import (
    AttachmentInline,
    FigureInline,
    OfficialMentionInline,
    OrganisationMentionInline,
    StatisticInline,
)
from articles.admin.trash import (
    TrashAdminMixin,
    move_selected_to_trash,
    purge_one_view,
    restore_from_trash_view,
    trash_view,
)
from articles.admin.workflow import WORKFLOW_BUTTON, WorkflowAdminMixin
from articles.admin.workspace import QueueFilter
from articles.content.revisions import record_revision, restore_revision
from articles.models import (
    Article,
    ArticleRevision,
)
from healthnews.text import vn_fold

can_publish = workflow.can_publish


class ArticleAdminForm(ConcurrentSaveForm, forms.ModelForm):
    """The article form: takes one workflow step per save, merges or refuses concurrent saves."""

    # Text: an unreadable version is refused like a stale one, not as a hidden field's error.
    base_version = forms.CharField(
        label=gettext_lazy("phiên bản đang sửa"), widget=forms.HiddenInput, required=False
    )
    note = forms.CharField(
        label=gettext_lazy("Ghi chú"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy(
            "Trao đổi giữa phóng viên và biên tập viên, lưu cùng bài viết. "
            "Bắt buộc khi trả lại bài."
        ),
    )
    user = None  # set per request by ArticleAdmin.get_form
    workflow_step = ""  # the step button clicked, once checked (see check_workflow_step)

    class Meta:
        model = Article
        fields = "__all__"  # noqa: DJ007 - the admin narrows it to its fieldsets

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["base_version"].initial = self.instance.version

    def clean(self):
        cleaned = super().clean()
        self.check_workflow_step(cleaned)
        # A save without a step keeps the status: a published article keeps a publication time.
        stays_published = (
            self.instance.status == Article.Status.PUBLISHED and not self.workflow_step
        )
        if (
            stays_published
            and not cleaned.get("published_at")
            and not self.has_error("published_at")
        ):
            self.add_error(
                "published_at",
                _("Bài đã xuất bản cần thời gian xuất bản; muốn gỡ bài, bấm “Gỡ xuống”."),
            )
        if self.instance.pk:
            self.merge_concurrent_save(cleaned.get("base_version"))
        return cleaned

    def check_workflow_step(self, cleaned):
        """The step button clicked (Gửi duyệt, Trả lại, ...): a form error if not allowed now."""
        step = self.data.get(WORKFLOW_BUTTON, "")
        if not step:
            return
        try:
            workflow.check(
                step, self.instance, self.user, cleaned.get("note", ""), cleaned.get("published_at")
            )
        except workflow.WorkflowError as error:
            self.add_error(error.field, error.message)
        else:
            self.workflow_step = step


@admin.register(Article)
class ArticleAdmin(WorkflowAdminMixin, TrashAdminMixin, admin.ModelAdmin):
    form = ArticleAdminForm
    list_display = [
        "title",
        "status_label",
        "published_display",
        "province",
        "category",
        "created_by",
        "last_editor",
    ]
    list_filter = [
        QueueFilter,
        "status",
        ("published_at", admin.DateFieldListFilter),
        "province",
        "category",
        "commemoration",
        "tags",
    ]
    list_select_related = ["province", "category", "created_by", "last_editor"]
    # Undated drafts first (the database's default would put them last on SQLite, first on
    # PostgreSQL), then newest first.
    ordering = [F("published_at").desc(nulls_first=True), "-pk"]
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
        "workflow_state",
    ]
    fieldsets = [
        (None, {"fields": ["title", "needs_title", "slug", "lead", "body", "base_version"]}),
        (
            gettext_lazy("Xuất bản"),
            {"fields": ["workflow_state", "published_at", "published_at_precision"]},
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
    actions = ["publish_selected", "unpublish_selected", move_selected_to_trash]
    delete_confirmation_template = "admin/articles/article/trash_confirmation.html"

    class Media:
        css = {"all": ["css/admin.css", "admin/css/prose-editor.css"]}
        js = ["admin/js/prose-editor-vi.js", "admin/js/prose-editor-a11y.js"]

    @admin.display(description=gettext_lazy("xuất bản"), ordering="published_at")
    def published_display(self, article):
        """The time as precise as it is known: no "00:00" for a date alone."""
        if article.published_at is None:
            return "—"
        local = timezone.localtime(article.published_at)
        if article.published_at_precision == Article.DatePrecision.EXACT:
            return date_format(local, "d/m/Y H:i")
        if article.published_at_precision == Article.DatePrecision.ESTIMATED:
            return _("%(date)s (ước tính)") % {"date": date_format(local, "d/m/Y")}
        return date_format(local, "d/m/Y")

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        form.user = request.user
        return form

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
        # A reporter edits only their own drafts, and what was returned to them; once
        # submitted, the editors take over.
        return obj.created_by_id == request.user.pk and obj.status in (
            Article.Status.DRAFT,
            Article.Status.RETURNED,
        )

    def has_publish_permission(self, request):
        return can_publish(request.user)

    def view_on_site(self, article):
        if Article.objects.published().filter(pk=article.pk).exists():
            return article.get_absolute_url()
        return reverse("articles:article_preview", kwargs={"pk": article.pk})

    def save_model(self, request, obj, form, change):
        if form.merged:
            self._report_merge(request, form.merged)
        if change and not obj.revisions.filter(number=obj.version).exists():
            # Loaded from fixtures or saved outside the admin: keep that state restorable.
            stored = Article.objects.get(pk=obj.pk)
            record_revision(stored, note=_("Phiên bản trước khi sửa trong trang quản trị"))
        if not change:
            obj.created_by = request.user
        if "title" in form.changed_data:
            obj.needs_title = False  # an editor wrote the title the import only proposed
        obj.last_editor = request.user
        self.apply_workflow_step(form, obj)
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        step, note = form.workflow_step, form.cleaned_data.get("note", "")
        notes = [workflow.revision_note(step, note)]
        if form.merged:
            notes.append(_("Tự gộp với bản của %(editor)s") % form.merged)
        record_revision(form.instance, request.user, note=" · ".join(filter(None, notes)))
        self.record_workflow_step(request, form.instance, step, note)

    def _report_merge(self, request, merged):
        messages.info(
            request,
            _(
                "%(editor)s đã lưu bài viết sau khi bạn mở trang; hai người sửa những phần khác "
                "nhau nên bản lưu giữ cả hai. Giữ phần của %(editor)s: %(fields)s."
            )
            % {"editor": merged["editor"], "fields": ", ".join(merged["labels"])},
        )

    def change_view(self, request, object_id, form_url="", extra_context=None):
        article = self.get_object(request, object_id)
        extra_context = {
            **(extra_context or {}),
            "content_warnings": article.content_warnings() if article else [],
        }
        return super().change_view(request, object_id, form_url, extra_context)

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
                "trash/",
                self.admin_site.admin_view(lambda request: trash_view(request, self)),
                name="articles_article_trash",
            ),
            path(
                "trash/<int:object_id>/restore/",
                self.admin_site.admin_view(
                    lambda request, object_id: restore_from_trash_view(request, self, object_id)
                ),
                name="articles_article_untrash",
            ),
            path(
                "trash/<int:object_id>/purge/",
                self.admin_site.admin_view(
                    lambda request, object_id: purge_one_view(request, self, object_id)
                ),
                name="articles_article_purge",
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
        context = {
            **self.admin_site.each_context(request),
            "title": _("Lịch sử: %(title)s") % {"title": article.title},
            "subtitle": None,
            "object": article,
            "opts": self.opts,
            "entries": timeline(
                revision_entries(article, revisions), note_entries(workflow.steps_of(article))
            ),
            "can_restore": not article.deleted_at and self.has_change_permission(request, article),
            **(extra_context or {}),
        }
        return TemplateResponse(request, "admin/articles/article/history.html", context)

    @method_decorator(require_POST)
    def restore_view(self, request, object_id, number):
        article = get_object_or_404(Article.objects.not_in_trash(), pk=object_id)
        if not self.has_change_permission(request, article):
            raise PermissionDenied
        revision = get_object_or_404(ArticleRevision, article=article, number=number)
        restore_revision(revision, request.user)
        messages.success(
            request, _("Đã khôi phục nội dung phiên bản %(number)s.") % {"number": number}
        )
        return redirect("admin:articles_article_change", article.pk)
