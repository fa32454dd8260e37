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
