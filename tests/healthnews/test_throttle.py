import pytest
from django.core.cache import cache
from django.urls import reverse

from tests.factories import make_user

pytestmark = pytest.mark.django_db

LOCKED = "Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau 15 phút."


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    yield
    cache.clear()


def attempt(client, username, password, address="10.0.0.1"):
    return client.post(
        reverse("admin:login"),
        {"username": username, "password": password},
        REMOTE_ADDR=address,
    )


def test_account_is_locked_after_five_failures_even_with_the_right_password(client):
    user = make_user("Biên tập viên", username="bientap")
    user.set_password("dung-mat-khau-1")
    user.save()
    for address in ["10.0.0.1", "10.0.0.2", "10.0.0.3", "10.0.0.4", "10.0.0.5"]:  # 5 failures
        attempt(client, "bientap", "sai", address)

    response = attempt(client, "bientap", "dung-mat-khau-1", "10.0.0.6")

    assert LOCKED in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_address_is_locked_after_twenty_failures_across_accounts(client):
    make_user("Biên tập viên", username="nguoi-khac").set_password("x")
    for index in range(20):
        attempt(client, f"khong-co-{index}", "sai", "10.9.9.9")

    locked = attempt(client, "nguoi-khac", "x", "10.9.9.9")
    elsewhere = attempt(client, "khong-co-21", "sai", "10.8.8.8")

    assert LOCKED in locked.content.decode()
    assert LOCKED not in elsewhere.content.decode()


def test_four_failures_then_success_logs_in_and_resets_the_account(client):
    user = make_user("Biên tập viên", username="bientap")
    user.set_password("dung-mat-khau-1")
    user.save()
    for _ in range(4):
        attempt(client, "bientap", "sai")

    response = attempt(client, "bientap", "dung-mat-khau-1")

    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)
