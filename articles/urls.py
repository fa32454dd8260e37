from django.urls import path

from articles import views

app_name = "articles"

urlpatterns = [
    path("", views.ArticleListView.as_view(), name="home"),
    path("tin-tuc/<slug:slug>/", views.ArticleDetailView.as_view(), name="article_detail"),
    path("xem-truoc/<int:pk>/", views.article_preview, name="article_preview"),
]
