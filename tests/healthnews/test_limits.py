"""Oversized request bodies are refused from their Content-Length, before a byte is read."""

import io

import pytest
from django.contrib.auth.models import AnonymousUser, User
from django.test import Client

from articles.content.uploads import MAX_ATTACHMENT_BYTES
from articles.roles import EDITOR
from healthnews.limits import body_limit
from tests.factories import make_user

pytestmark = pytest.mark.django_db

MB = 1024 * 1024


class Unreadable(io.RawIOBase):
    """A request body that fails the test if anything reads it."""

    def read(self, size=-1):
        raise AssertionError("the body was read")

    readinto = read


def post_claiming(client, path, length):
    """A POST announcing `length` bytes, whose body must not be read."""
    return client.generic(
        "POST",
        path,
        CONTENT_TYPE="multipart/form-data; boundary=x",
        CONTENT_LENGTH=str(length),
        **{"wsgi.input": Unreadable()},
    )


@pytest.mark.parametrize(
    "path", ["/admin/login/", "/en/admin/login/", "/", "/tim-kiem/", "/admin/people/province/add/"]
)
def test_a_200_megabyte_post_is_refused_unread_with_a_vietnamese_page(path):
    client = Client()

    response = post_claiming(client, path, 200 * MB)

    assert response.status_code == 413
    assert "Dữ liệu gửi lên quá lớn" in response.content.decode()


def test_limits_fit_each_path_for_staff():
    staff = User(is_staff=True)

    assert body_limit("/admin/login/", staff) == body_limit("/", staff) < 100 * 1024
    assert 1 * MB < body_limit("/admin/people/official/1/change/", staff) < 20 * MB
    assert body_limit("/admin/articles/article/1/change/", staff) >= 2 * MAX_ATTACHMENT_BYTES
    assert body_limit("/en/admin/articles/article/add/", staff) == body_limit(
        "/admin/articles/article/add/", staff
    )


def test_an_anonymous_sender_gets_the_small_limit_even_on_the_article_form():
    client = Client()

    response = post_claiming(client, "/admin/articles/article/add/", 50 * MB)

    assert response.status_code == 413
    assert body_limit("/admin/articles/article/add/", AnonymousUser()) < 100 * 1024


def test_an_editor_is_refused_only_past_the_article_form_limit(client):
    editor = make_user(role=EDITOR)
    client.force_login(editor)

    refused = post_claiming(client, "/admin/articles/article/add/", 200 * MB)

    assert refused.status_code == 413
    assert body_limit("/admin/articles/article/add/", editor) > 50 * MB


def test_a_login_of_ordinary_size_goes_through(client):
    response = client.post("/admin/login/", {"username": "a", "password": "b"})

    assert response.status_code == 200
    assert "Dữ liệu gửi lên quá lớn" not in response.content.decode()
