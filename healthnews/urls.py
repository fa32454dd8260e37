from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.conf.urls.static import static
from django.contrib import admin
from django.shortcuts import redirect
from django.templatetags.static import static as static_url
from django.urls import include, path

# Vietnamese needs no prefix and wins whatever the browser asks for; English lives under /en/.
urlpatterns = [
    # Browsers ask for /favicon.ico on pages without an icon link (the admin's).
    path("favicon.ico", lambda request: redirect(static_url("favicon.svg"), permanent=True)),
    *i18n_patterns(
        path("admin/", admin.site.urls),
        path("", include("people.urls")),
        path("", include("articles.urls")),
        prefix_default_language=False,
    ),
]

handler500 = "articles.views.server_error"

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
