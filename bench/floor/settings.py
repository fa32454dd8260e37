"""Settings of the floor app: DEBUG off, no database, production-like middleware minus sessions.

Middleware: Security, Common, CSRF and X-Frame-Options, i.e. what every Django site runs on a
public GET. healthnews adds WhiteNoise, sessions, locale, auth, messages and CSP on top: that
difference is part of what the ratios to the floor show.
"""

from pathlib import Path

DEBUG = False
SECRET_KEY = "floor-benchmark-only-not-a-secret"  # signs nothing: no sessions, no forms
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
INSTALLED_APPS = []
DATABASES = {}
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]
ROOT_URLCONF = "floor.urls"
WSGI_APPLICATION = "floor.wsgi.application"
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [Path(__file__).resolve().parent / "templates"],
    }
]
USE_I18N = False
USE_TZ = True
TIME_ZONE = "Asia/Ho_Chi_Minh"
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
