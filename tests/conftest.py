import pytest
from django.utils import translation


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
