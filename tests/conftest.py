import pytest
from django.core.cache import cache
from django.utils import translation

from healthnews import pagecache


@pytest.fixture(autouse=True)
def _plain_static_storage(settings, tmp_path):
    """Tests run with DEBUG off but without collectstatic: skip the manifest lookup."""
    settings.STATIC_ROOT = tmp_path / "staticfiles"
    settings.STATIC_ROOT.mkdir()
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    """Uploads made by a test land in its own temporary folder."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _vietnamese_by_default(settings):
    """Each test starts in Vietnamese: a request to /en/ leaves English active in the thread."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """Production hashing is slow on purpose; tests log in many times."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache: the page cache is on, as in production."""
    cache.clear()


@pytest.fixture
def unreachable_cache(settings, monkeypatch):
    """The cache is Redis on a port where nothing listens: what a Redis that is down does."""
    settings.PAGE_CACHE_SECONDS = 600  # as in production, where the cache is Redis
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
        }
    }
    # The faults this test causes are its own: later tests start with a working cache.
    monkeypatch.setattr(pagecache, "FAULTS", pagecache._Faults())
