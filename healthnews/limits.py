"""Refuse a request body larger than its path can need, from Content-Length, before reading it.

Django spools a multipart body to disk as it parses it (the CSRF check reads the form), so
without this an anonymous 200 MB POST to the login page is written to disk before it is
refused. The reverse proxy's own limit (nginx `client_max_body_size`) sits above the largest.
"""

from django.conf import settings

from articles.content.uploads import MAX_ATTACHMENT_BYTES, MAX_IMAGE_BYTES
from healthnews.errors import render_static

KB = 1024
MB = 1024 * KB

# Readers send no bodies; the login form is a token, a name and a password.
SMALL = 64 * KB
# An admin form without files: an article body is text, a few hundred KB at most.
ADMIN_FORM = 5 * MB
# Photos and documents one article form (its inlines) may upload at once, at the largest size.
FILES_PER_ARTICLE_FORM = 5
ARTICLE_FORM = FILES_PER_ARTICLE_FORM * max(MAX_ATTACHMENT_BYTES, MAX_IMAGE_BYTES) + ADMIN_FORM

# For staff, (path prefix after the language prefix, limit): the first match wins.
LIMITS = [
    ("/admin/login/", SMALL),
    ("/admin/articles/article/", ARTICLE_FORM),  # the article form and the importer
    ("/admin/", ADMIN_FORM),
    ("/", SMALL),
]


def body_limit(path, user):
    """The largest body, in bytes, this user may send to this path; only staff send files."""
    if not user.is_staff:
        return SMALL
    first, _slash, rest = path.lstrip("/").partition("/")
    if first in dict(settings.LANGUAGES):
        path = "/" + rest
    return next(limit for prefix, limit in LIMITS if path.startswith(prefix))


class RequestBodyLimitMiddleware:
    """Answer 413 to a body over its limit, before anything reads it.

    After AuthenticationMiddleware (which reads the session, not the body) and before any view
    or CSRF check reads request.POST: an anonymous sender gets the small limit everywhere.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0  # Django reads no body then either
        if length > body_limit(request.path_info, request.user):
            return render_static("413.html", status=413)
        return self.get_response(request)
