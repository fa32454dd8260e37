from django.urls import path

from articles.web import about, schedule, statistics, views
from articles.web import documents as views_documents
from articles.web import search as views_search

app_name = "articles"

urlpatterns = [
    path("", views.home, name="home"),
    path("tin-tuc/", views.ArticleListView.as_view(), name="article_list"),
    path("tin-tuc/<slug:slug>/", views.ArticleDetailView.as_view(), name="article_detail"),
    path("xem-truoc/<int:pk>/", views.article_preview, name="article_preview"),
    path("tep-dinh-kem/<int:pk>/", views.attachment_download, name="attachment_download"),
    path("tim-kiem/", views_search.search, name="search"),
    path("ngay-ky-niem/", views.EventListView.as_view(), name="event_list"),
    path("ngay-ky-niem/<slug:slug>/", views.EventDetailView.as_view(), name="event_detail"),
    path("gioi-thieu/", about.about, name="about"),
    path("lich-cong-tac/", schedule.schedule, name="schedule"),
    path("so-lieu/", statistics.indicator_list, name="indicator_list"),
    path("so-lieu/<slug:slug>/", statistics.indicator_detail, name="indicator_detail"),
    path("so-lieu/<slug:slug>/csv/", statistics.indicator_csv, name="indicator_csv"),
    path("van-ban/", views_documents.DocumentListView.as_view(), name="document_list"),
    path(
        "van-ban/<slug:slug>/",
        views_documents.DocumentDetailView.as_view(),
        name="document_detail",
    ),
    path(
        "tep-van-ban/<int:pk>/",
        views_documents.document_file_download,
        name="document_file_download",
    ),
]
