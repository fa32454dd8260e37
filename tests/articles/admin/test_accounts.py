"""Accounts: only a superuser makes a superuser or touches one, whatever the form sends."""

import pytest
from django.contrib.auth.models import User
from django.urls import reverse
from django.utils import timezone

from articles.roles import ADMINISTRATOR, EDITOR
from tests.factories import make_user

pytestmark = pytest.mark.django_db


def account_form(user, **overrides):
    """The POST the user change form sends, with the account's current values."""
    joined = timezone.localtime(user.date_joined)
    data = {
        "username": user.username,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "email": user.email,
        "is_active": "on",
        "is_staff": "on",
        "groups": [str(pk) for pk in user.groups.values_list("pk", flat=True)],
        "date_joined_0": f"{joined:%d/%m/%Y}",
        "date_joined_1": f"{joined:%H:%M:%S}",
        "last_login_0": "",
        "last_login_1": "",
    }
    data.update(overrides)
    return data


def change_url(user):
    return reverse("admin:auth_user_change", args=[user.pk])


def test_administrator_ticking_superuser_on_their_own_account_stays_an_administrator(client):
    administrator = make_user(ADMINISTRATOR, username="quantri")
    client.force_login(administrator)

    response = client.post(
        change_url(administrator), account_form(administrator, is_superuser="on")
    )

    administrator.refresh_from_db()
    assert response.status_code == 302
    assert not administrator.is_superuser
    assert (
        "is_superuser" not in client.get(change_url(administrator)).context["adminform"].form.fields
    )


def test_administrator_cannot_make_another_account_superuser(client):
    client.force_login(make_user(ADMINISTRATOR))
    editor = make_user(EDITOR, username="bientap")

    client.post(change_url(editor), account_form(editor, is_superuser="on", first_name="Lan"))

    editor.refresh_from_db()
    assert (editor.first_name, editor.is_superuser) == ("Lan", False)


def test_administrator_cannot_change_delete_or_reset_the_password_of_a_superuser(client):
    client.force_login(make_user(ADMINISTRATOR))
    root = User.objects.create_superuser("goc", password="mat-khau-goc-1")
    password_url = reverse("admin:auth_user_password_change", args=[root.pk])

    changed = client.post(change_url(root), account_form(root, is_superuser="", is_staff=""))
    reset = client.post(password_url, {"password1": "chiem-quyen-1", "password2": "chiem-quyen-1"})
    deleted = client.post(reverse("admin:auth_user_delete", args=[root.pk]), {"post": "yes"})
    bulk = client.post(
        reverse("admin:auth_user_changelist"),
        {"action": "delete_selected", "_selected_action": [str(root.pk)], "post": "yes"},
    )

    root.refresh_from_db()
    assert [changed.status_code, reset.status_code, deleted.status_code] == [403, 403, 403]
    assert bulk.status_code in (302, 403)
    assert root.is_superuser and root.is_staff and root.check_password("mat-khau-goc-1")


def test_superuser_grants_superuser(client):
    client.force_login(User.objects.create_superuser("goc", password="x"))
    administrator = make_user(ADMINISTRATOR)

    client.post(change_url(administrator), account_form(administrator, is_superuser="on"))

    administrator.refresh_from_db()
    assert administrator.is_superuser
