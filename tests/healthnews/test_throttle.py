import threading
import time

import pytest
from django.contrib.admin.forms import AdminAuthenticationForm
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.test import RequestFactory
from django.urls import reverse

from healthnews.throttle import ThrottledAdminAuthenticationForm
from tests.factories import make_user

pytestmark = pytest.mark.django_db

LOCKED = "Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau 15 phút."
SLOWED = "Có quá nhiều lần đăng nhập sai từ địa chỉ mạng này. Vui lòng thử lại sau"


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def staff():
    user = make_user("Biên tập viên", username="bientap")
    user.set_password("dung-mat-khau-1")
    user.save()
    return user


def attempt(client, username, password, address="10.0.0.1"):
    return client.post(
        reverse("admin:login"),
        {"username": username, "password": password},
        REMOTE_ADDR=address,
    )


def logged_in(client, response, user):
    return response.status_code == 302 and client.session.get("_auth_user_id") == str(user.pk)


def test_five_failures_lock_the_account_from_that_address_whatever_the_case(client, staff):
    for name in ["bientap", "BIENTAP", "BienTap", " bientap", "bienTAP"]:
        attempt(client, name, "sai")

    here = attempt(client, "bientap", "dung-mat-khau-1")
    elsewhere = attempt(client, "bientap", "dung-mat-khau-1", "10.0.0.2")

    assert LOCKED in here.content.decode()
    assert logged_in(client, elsewhere, staff)


def test_failures_from_strangers_elsewhere_do_not_lock_the_staff_member_out(client, staff):
    for address in ["10.0.0.1", "10.0.0.2", "10.0.0.3", "10.0.0.4", "10.0.0.5"]:
        for _ in range(5):
            attempt(client, "bientap", "sai", address)

    response = attempt(client, "bientap", "dung-mat-khau-1", "10.0.0.6")

    assert logged_in(client, response, staff)


def test_fifty_failures_from_many_addresses_lock_the_account_everywhere(client, staff):
    for index in range(10):
        for _ in range(5):
            attempt(client, "bientap", "sai", f"10.1.0.{index}")

    response = attempt(client, "bientap", "dung-mat-khau-1", "10.2.0.1")

    assert LOCKED in response.content.decode()


def test_wrong_names_from_one_address_slow_it_down_but_do_not_bar_it(client, staff):
    for index in range(20):
        attempt(client, f"khong-co-{index}", "sai", "10.9.9.9")

    first = attempt(client, "bientap", "dung-mat-khau-1", "10.9.9.9")
    client.logout()
    at_once = attempt(client, "bientap", "dung-mat-khau-1", "10.9.9.9")
    elsewhere = attempt(client, "khong-co", "sai", "10.8.8.8")

    assert first.status_code == 302
    assert SLOWED in at_once.content.decode() and "_auth_user_id" not in client.session
    assert SLOWED not in elsewhere.content.decode() and LOCKED not in elsewhere.content.decode()


def test_four_failures_then_success_logs_in_and_resets_the_account(client, staff):
    for _ in range(4):
        attempt(client, "bientap", "sai")
    assert logged_in(client, attempt(client, "bientap", "dung-mat-khau-1"), staff)
    client.logout()

    for _ in range(4):
        attempt(client, "bientap", "sai")
    response = attempt(client, "bientap", "dung-mat-khau-1")

    assert logged_in(client, response, staff)


def test_forty_parallel_attempts_check_only_five_passwords(monkeypatch):
    checked = []

    def slow_wrong_password(form):
        checked.append(form.cleaned_data["username"])
        time.sleep(0.05)  # a password hash takes time: the window the attempts race in
        raise ValidationError("sai", code="invalid_login")

    monkeypatch.setattr(AdminAuthenticationForm, "clean", slow_wrong_password)
    request = RequestFactory().post("/admin/login/", REMOTE_ADDR="10.0.0.1")
    start = threading.Barrier(40)

    def one_attempt():
        form = ThrottledAdminAuthenticationForm(
            request, data={"username": "bientap", "password": "sai"}
        )
        start.wait()
        form.is_valid()

    threads = [threading.Thread(target=one_attempt) for _ in range(40)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert len(checked) == 5
