"""WSGI entry point (gunicorn healthnews.wsgi)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "healthnews.settings")

application = get_wsgi_application()
