"""The readers' search page: /tim-kiem/?q=… over articles, documents and the directory's names."""

from urllib.parse import urlencode

from django.core.paginator import InvalidPage, Paginator
from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext

from articles import search as engine
from articles.models import Article, CommemorativeEvent, Document
from articles.web.filters import ArticleFilter
from people.models import Official, Organisation, Province

PER_PAGE = 20


def search(request):
    """The directory's entries whose name matches, then articles ranked, filtered, paginated."""
    query = engine.parse_query(request.GET.get("q", ""))
    article_filter = ArticleFilter(request.GET, queryset=Article.objects.published())
    q = request.GET.get("q", "")[: engine.MAX_QUERY_LENGTH]
    context = {
        "q": q,
        # The directory lists filtered by the same name: "5 trong số 7 đơn vị · xem tất cả".
        "q_url": "?" + urlencode({"ten": q}),
        "query": query,
        "max_length": engine.MAX_QUERY_LENGTH,
        "filter": article_filter,
        "filtered": any(request.GET.get(name) for name in article_filter.filters),
    }
    if query:
        officials, official_count = engine.search_names(query, Official.objects.all(), "full_name")
        organisations, organisation_count = engine.search_names(
            query, Organisation.objects.select_related("province__successor__successor"), "name"
        )
        provinces, province_count = engine.search_names(
            query, Province.objects.select_related("successor__successor"), "name"
        )
        # A handful of national days: every match is shown.
        events, _count = engine.search_names(
            query, CommemorativeEvent.objects.all(), "name", limit=None
        )
        documents = list(
            Document.objects.published()
            .for_listing()
            .matching(context["q"])
            .newest_issued_first()[: engine.NAMES_SHOWN + 1]
        )
        ids, used = [], query
        if article_filter.is_valid():
            ids, used = engine.search_articles(
                query, article_filter.qs, limit=engine.MAX_RESULTS + 1
            )
        more = len(ids) > engine.MAX_RESULTS
        paginator = Paginator(ids[: engine.MAX_RESULTS], PER_PAGE)
        number = request.GET.get("page") or 1
        try:
            page_obj = paginator.page(paginator.num_pages if number == "last" else number)
        except InvalidPage as error:
            # As on the news list: a page that does not exist is a 404, not another page.
            raise Http404(gettext("Không có trang kết quả này.")) from error
        context.update(
            officials=officials,
            official_count=official_count,
            organisations=organisations,
            organisation_count=organisation_count,
            documents=documents[: engine.NAMES_SHOWN],
            more_documents=len(documents) > engine.NAMES_SHOWN,
            provinces=provinces,
            province_count=province_count,
            events=events,
            page_obj=page_obj,
            hits=engine.article_hits(list(page_obj.object_list), used),
            more=more,
            completed=used.completed,
        )
    return render(request, "articles/search.html", context)
