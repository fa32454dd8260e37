"""Security headers and safe file delivery, as a reader's browser receives them."""

import re

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from articles.models import Article, Attachment
from articles.roles import REPORTER
from tests.factories import make_article, make_user
from tests.samples import PDF

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("url", ["/", "/tin-tuc/", "/can-bo/", "/admin/login/"])
def test_pages_carry_the_security_headers(client, url):
    response = client.get(url, secure=True)

    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy and "frame-ancestors 'none'" in policy
    assert "object-src 'none'" in policy
    assert "'unsafe-inline'" not in policy and "'unsafe-eval'" not in policy
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"


def test_public_pages_need_no_inline_script_or_style(client):
    make_article(title="Tin có nội dung")

    for url in ["/", "/tin-tuc/", "/ngay-ky-niem/"]:
        html = client.get(url).content.decode()
        scripts = re.findall(r"<script[^>]*>", html)
        assert scripts == ['<script src="/static/js/site.js" defer>'], url
        assert "<style" not in html and "style=" not in html, url


def test_session_and_csrf_cookies_are_secure_and_session_is_http_only(client, settings):
    assert settings.SESSION_COOKIE_SECURE and settings.CSRF_COOKIE_SECURE
    assert settings.SESSION_COOKIE_HTTPONLY


def attach(article):
    attachment = Attachment(article=article, order=0, title="Kế hoạch phòng chống dịch")
    attachment.file.save("ke-hoach.pdf", ContentFile(PDF), save=True)
    return attachment


def test_attachment_is_served_as_a_download_never_inline(client):
    attachment = attach(make_article())

    response = client.get(attachment.get_absolute_url())
    body = b"".join(response.streaming_content)
    response.close()

    assert body == PDF
    assert response["Content-Disposition"] == (
        'attachment; filename="ke-hoach-phong-chong-dich.pdf"'
    )
    assert response["X-Content-Type-Options"] == "nosniff"


def test_attachment_of_a_draft_is_not_found(client):
    attachment = attach(make_article(status=Article.Status.DRAFT))

    response = client.get(attachment.get_absolute_url())

    assert response.status_code == 404


def test_staff_get_a_drafts_attachment_from_its_preview(client):
    attachment = attach(make_article(status=Article.Status.DRAFT))
    client.force_login(make_user(role=REPORTER))
    preview = client.get(reverse("articles:article_preview", args=[attachment.article.pk]))

    response = client.get(attachment.get_absolute_url())
    body = b"".join(response.streaming_content)
    response.close()

    assert attachment.get_absolute_url() in preview.content.decode()
    assert body == PDF
    assert "private" in response["Cache-Control"] or "no-store" in response["Cache-Control"]


def test_staff_without_view_permission_get_no_drafts_attachment(client):
    attachment = attach(make_article(status=Article.Status.DRAFT))
    client.force_login(make_user())

    response = client.get(attachment.get_absolute_url())

    assert response.status_code == 404
