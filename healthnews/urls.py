from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.conf.urls.static import static
from django.contrib import admin
from django.shortcuts import redirect
from django.templatetags.static import static as static_url
from django.urls import include, path

from articles.web import feeds, sitemaps

# Vietnamese needs no prefix and wins whatever the browser asks for; English lives under /en/.
urlpatterns = [
    # Browsers ask for /favicon.ico on pages without an icon link (the admin's).
    path("favicon.ico", lambda request: redirect(static_url("favicon.svg"), permanent=True)),
    # Feeds, sitemaps and robots.txt: Vietnamese addresses at the root, never under /en/.
    path("robots.txt", sitemaps.robots_txt, name="robots_txt"),
    path("sitemap.xml", sitemaps.sitemap_index, name="sitemap"),
    path("sitemap-news.xml", sitemaps.news_sitemap, name="sitemap_news"),
    path("sitemap-<slug:section>.xml", sitemaps.sitemap_section, name="sitemap_section"),
    path("rss/", feeds.NewsFeed(), name="rss"),
    path("rss/tinh/<slug:slug>/", feeds.ProvinceFeed(), name="rss_province"),
    path("rss/chuyen-muc/<slug:slug>/", feeds.CategoryFeed(), name="rss_category"),
    path("rss/the/<slug:slug>/", feeds.TagFeed(), name="rss_tag"),
    path("rss/ngay-ky-niem/<slug:slug>/", feeds.EventFeed(), name="rss_event"),
    path("atom/", feeds.NewsFeed(atom=True), name="atom"),
    path("atom/tinh/<slug:slug>/", feeds.ProvinceFeed(atom=True), name="atom_province"),
    path("atom/chuyen-muc/<slug:slug>/", feeds.CategoryFeed(atom=True), name="atom_category"),
    path("atom/the/<slug:slug>/", feeds.TagFeed(atom=True), name="atom_tag"),
    path("atom/ngay-ky-niem/<slug:slug>/", feeds.EventFeed(atom=True), name="atom_event"),
    *i18n_patterns(
        path("admin/", admin.site.urls),
        path("", include("articles.web.directory_urls")),
        path("", include("articles.web.urls")),
        prefix_default_language=False,
    ),
]

handler500 = "healthnews.errors.server_error"

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
