"""Static files as production serves them: hashed names, compressed, cached for a year."""

import re

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db


def test_pages_use_hashed_compressed_static_files_with_far_future_caching(
    client, settings, tmp_path
):
    settings.STATIC_ROOT = tmp_path / "collected"
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    call_command("collectstatic", "--no-input", verbosity=0)

    html = client.get("/").content.decode()
    stylesheet = re.search(r'href="(/static/css/site\.[0-9a-f]{12}\.css)"', html).group(1)
    response = client.get(stylesheet, HTTP_ACCEPT_ENCODING="gzip")
    body = b"".join(response.streaming_content)
    response.close()

    assert body[:2] == b"\x1f\x8b"  # gzip magic
    assert response.status_code == 200
    assert response["Content-Encoding"] == "gzip"
    assert response["Cache-Control"] == "max-age=315360000, public, immutable"
