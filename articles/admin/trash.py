"""The trash in the admin: editors restore deleted articles, only Quản trị empties it."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from articles.admin.history import editor_name
from articles.content.trash import KEPT_FOR, move_to_trash, purge, purge_date, restore_from_trash
from articles.models import Article


@admin.action(
    description=gettext_lazy("Chuyển các bài đã chọn vào thùng rác"), permissions=["delete"]
)
def move_selected_to_trash(model_admin, request, queryset):
    count = 0
    for article in queryset:
        move_to_trash(article, request.user)
        count += 1
    model_admin.message_user(
        request,
        _("Đã chuyển %(count)s bài viết vào thùng rác; có thể khôi phục trong 30 ngày.")
        % {"count": count},
    )


def trash_view(request, model_admin):
    """The deleted articles, with who deleted each, when, and the day it goes for good."""
    if not model_admin.has_delete_permission(request):
        raise PermissionDenied
    can_empty = model_admin.has_empty_trash_permission(request)
    if request.method == "POST":
        if not can_empty:
            raise PermissionDenied
        count = purge(Article.objects.all())
        messages.success(request, _("Đã xóa hẳn %(count)s bài viết.") % {"count": count})
        return redirect("admin:articles_article_trash")
    articles = Article.objects.in_trash().select_related("deleted_by")
    context = {
        **model_admin.admin_site.each_context(request),
        "title": _("Thùng rác"),
        "subtitle": None,
        "opts": model_admin.opts,
        "rows": [
            {
                "article": article,
                "deleted_by": editor_name(article.deleted_by),
                "purge_date": purge_date(article),
            }
            for article in articles
        ],
        "kept_days": KEPT_FOR.days,
        "can_empty": can_empty,
    }
    return TemplateResponse(request, "admin/articles/article/trash.html", context)


@require_POST
def restore_from_trash_view(request, model_admin, object_id):
    if not model_admin.has_delete_permission(request):
        raise PermissionDenied
    article = get_object_or_404(Article.objects.in_trash(), pk=object_id)
    restore_from_trash(article, request.user)
    messages.success(request, _("Đã khôi phục “%(title)s” từ thùng rác.") % {"title": article})
    return redirect("admin:articles_article_change", article.pk)


@require_POST
def purge_one_view(request, model_admin, object_id):
    if not model_admin.has_empty_trash_permission(request):
        raise PermissionDenied
    article = get_object_or_404(Article.objects.in_trash(), pk=object_id)
    purge(Article.objects.filter(pk=article.pk))
    messages.success(request, _("Đã xóa hẳn “%(title)s”.") % {"title": article})
    return redirect("admin:articles_article_trash")


class TrashAdminMixin:
    """ArticleAdmin's deleting: an article moves to the trash (articles/admin/trash.py views)."""

    def get_queryset(self, request):
        return super().get_queryset(request).not_in_trash()

    def has_empty_trash_permission(self, request):
        return request.user.has_perm("articles.empty_trash")

    def get_actions(self, request, action_location=admin.ActionLocation.CHANGE_LIST):
        actions = super().get_actions(request, action_location)
        actions.pop("delete_selected", None)  # replaced by move_selected_to_trash
        return actions

    def get_deleted_objects(self, objs, request):
        """Nothing is deleted: the article and all it holds wait in the trash."""
        return [str(obj) for obj in objs], {}, set(), []

    def delete_model(self, request, obj):
        move_to_trash(obj, request.user)

    def response_delete(self, request, obj_display, obj_id):
        messages.success(
            request,
            _("Đã chuyển “%(title)s” vào thùng rác; có thể khôi phục trong 30 ngày.")
            % {"title": obj_display},
        )
        return redirect("admin:articles_article_changelist")
