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
    path("atom/", feeds.NewsFeed(atom=True), name="atom"),
    path("rss/van-ban/", feeds.DocumentFeed(), name="rss_documents"),
    path("atom/van-ban/", feeds.DocumentFeed(atom=True), name="atom_documents"),
    # One subject's news in each format: /rss/tinh/<slug>/ is rss_province, and so on.
    *(
        path(
            f"{fmt}/{segment}/<slug:slug>/",
            feeds.SubjectFeed(kind, atom=fmt == "atom"),
            name=f"{fmt}_{name}",
        )
        for fmt in ("rss", "atom")
        for segment, name, kind in [
            ("tinh", "province", feeds.PROVINCE),
            ("chuyen-muc", "category", feeds.CATEGORY),
            ("the", "tag", feeds.TAG),
            ("ngay-ky-niem", "event", feeds.EVENT),
        ]
    ),
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
