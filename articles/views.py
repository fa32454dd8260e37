from django.contrib.admin.views.decorators import staff_member_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, render
from django.views.decorators.cache import never_cache
from django.views.generic import DetailView, ListView

from articles.models import Article


class ArticleListView(ListView):
    """The latest published news, newest first."""

    paginate_by = 20

    def get_queryset(self):
        return Article.objects.published().for_listing()


class ArticleDetailView(DetailView):
    """One published article, with its figures in place."""

    def get_queryset(self):
        return Article.objects.published().for_detail()


@never_cache
@staff_member_required
def article_preview(request, pk):
    """Any article, draft or scheduled, in the public template: staff only, never indexed."""
    if not request.user.has_perm("articles.view_article"):
        raise PermissionDenied
    article = get_object_or_404(Article.objects.for_detail(), pk=pk)
    response = render(
        request,
        "articles/article_detail.html",
        {
            "article": article,
            "object": article,
            "preview": True,
            "is_public": Article.objects.published().filter(pk=pk).exists(),
        },
    )
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response
