"""Accounts: only a superuser makes a superuser or touches one, whatever the form sends."""

import re

import pytest
from django.contrib.auth.models import User
from django.urls import reverse
from django.utils import timezone

from articles.roles import ADMINISTRATOR, EDITOR, REPORTER
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


# ---------------------------------------------------------------------------------------------
# A staff member in one form; permissions and accounts in Vietnamese
# ---------------------------------------------------------------------------------------------

ADD_URL = "/admin/auth/user/add/"


def role_pk(name):
    from django.contrib.auth.models import Group

    return Group.objects.get(name=name).pk


def test_an_administrator_adds_a_staff_member_with_name_email_and_role(client):
    client.force_login(make_user(ADMINISTRATOR))

    form = client.get(ADD_URL).context["adminform"].form
    response = client.post(
        ADD_URL,
        {
            "full_name": "  Nguyễn Thị  Thu Hà ",
            "email": "Thuha.BTV@SoYTe.vn",
            "role": role_pk(EDITOR),
        },
        follow=True,
    )

    account = User.objects.get(email="thuha.btv@soyte.vn")
    assert list(form.fields) == ["full_name", "email", "role"]
    assert (account.username, account.last_name, account.first_name) == (
        "thuha.btv@soyte.vn",
        "Nguyễn Thị Thu",
        "Hà",
    )
    assert account.is_staff and not account.is_superuser
    assert not account.has_usable_password()
    assert [group.name for group in account.groups.all()] == [EDITOR]
    assert account.has_perm("articles.publish_article")
    html = response.content.decode()
    assert "Tài khoản chưa có mật khẩu: bấm “Đặt mật khẩu” bên dưới" in html
    assert "rồi báo cho Nguyễn Thị Thu Hà." in html


@pytest.mark.parametrize(
    ("full_name", "email", "error"),
    [
        ("Hà", "ha@soyte.vn", "Hãy ghi cả họ và tên."),
        ("Trần Văn Bình", "bientap@soyte.vn", "Đã có tài khoản dùng địa chỉ email này."),
        ("Trần Văn Bình", "khong-phai-email", "Nhập một địa chỉ email hợp lệ."),
    ],
    ids=["one-word", "email-taken", "not-an-email"],
)
def test_the_staff_form_says_what_is_wrong_in_vietnamese(client, full_name, email, error):
    client.force_login(make_user(ADMINISTRATOR))
    make_user(EDITOR, username="btv", email="BienTap@soyte.vn")

    response = client.post(
        ADD_URL, {"full_name": full_name, "email": email, "role": role_pk(REPORTER)}
    )

    assert response.status_code == 200
    assert error in response.content.decode()
    assert not User.objects.filter(last_name="Trần Văn").exists()


def test_the_roles_are_offered_in_order_and_nothing_else(client):
    from django.contrib.auth.models import Group

    Group.objects.create(name="Nhóm thử")
    client.force_login(make_user(ADMINISTRATOR))

    choices = client.get(ADD_URL).context["adminform"].form.fields["role"].choices

    assert [label for _pk, label in choices] == [REPORTER, EDITOR, ADMINISTRATOR]


def test_permissions_read_as_a_newsroom_writes_them(client):
    from django.contrib.auth.models import Group

    client.force_login(make_user(ADMINISTRATOR))
    reporter = Group.objects.get(name=REPORTER)

    html = client.get(reverse("admin:auth_group_change", args=[reporter.pk])).content.decode()

    assert "Sửa nhóm quyền" in html
    for label in ["Thêm bài viết", "Sửa bài viết", "Xem nguồn tin", "Xóa ảnh", "Thêm tài khoản"]:
        assert f">{label}</option>" in html, label
    assert "Có thể xuất bản, hẹn giờ và gỡ bài viết</option>" in html
    for english in ["Can add", "Can view", "log entry", "session", "content type"]:
        assert english not in html, english


def test_account_pages_speak_vietnamese(client):
    client.force_login(User.objects.create_superuser("goc", password="x"))
    editor = make_user(EDITOR, username="bientap", first_name="Lan", last_name="Phạm Thị")

    listing = client.get(reverse("admin:auth_user_changelist")).content.decode()
    change = client.get(change_url(editor)).content.decode()

    assert "Danh sách tài khoản" in listing
    assert '<td class="field-display_name">Phạm Thị Lan</td>' in listing
    assert f'<td class="field-roles">{EDITOR}</td>' in listing
    assert "Theo tài khoản toàn quyền" in listing
    assert "Tài khoản toàn quyền" in change and "Được đăng nhập vào trang quản trị." in change
    shown = re.sub(r"<[^>]+>", " ", listing + change)  # the text on the screen, not the code
    for english in ["superuser", "Superuser", "admin site", "Can "]:
        assert english not in shown, english


@pytest.mark.parametrize("count", [1, 20])
def test_the_account_list_reads_roles_in_a_fixed_number_of_queries(
    client, django_assert_num_queries, count
):
    client.force_login(User.objects.create_superuser("goc", password="x"))
    for _ in range(count):
        make_user(REPORTER)

    with django_assert_num_queries(8):
        response = client.get(reverse("admin:auth_user_changelist"))

    assert response.content.decode().count(f'<td class="field-roles">{REPORTER}</td>') == count


def test_the_password_page_warns_in_vietnamese(client):
    client.force_login(User.objects.create_superuser("goc", password="x"))
    editor = make_user(EDITOR, username="bientap")

    html = client.get(reverse("admin:auth_user_password_change", args=[editor.pk])).content
    html = html.decode()

    assert "Đổi mật khẩu: bientap" in html
    assert (
        '<ul id="id_unusable_warning" class="messagelist"><li class="warning">Nếu tắt, mật khẩu '
        "hiện tại bị xóa"
    ) in html
    assert "If disabled" not in html and "LDAP" not in html
