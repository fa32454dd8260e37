"""The rows an article is made of, edited on its page: photos, files, figures, mentions."""

from django.contrib import admin
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from articles.admin.figures import FigureForm, FigureInlineFormSet
from articles.models import (
    Article,
    Attachment,
    Figure,
    OfficialMention,
    OrganisationMention,
    Statistic,
)


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
    form = FigureForm
    formset = FigureInlineFormSet
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
    autocomplete_fields = ["indicator", "province"]


class OfficialMentionInline(ArticleChildInline, admin.TabularInline):
    model = OfficialMention
    autocomplete_fields = ["official", "position"]


class OrganisationMentionInline(ArticleChildInline, admin.TabularInline):
    model = OrganisationMention
    autocomplete_fields = ["organisation"]
