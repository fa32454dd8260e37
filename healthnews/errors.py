"""Error pages that must render whatever is broken: no database, no request context."""

import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template import loader


def server_error(request):
    """The 500 page, or a 503 when the database cannot be reached: never a traceback."""
    error = sys.exc_info()[1]
    if isinstance(error, OperationalError | InterfaceError):
        response = render_static("503.html", status=503)
        response["Retry-After"] = "60"
        return response
    return render_static("500.html", status=500)


def render_static(template_name, status):
    """Render a page that needs neither the database nor a request context."""
    return HttpResponse(loader.get_template(template_name).render(), status=status)
