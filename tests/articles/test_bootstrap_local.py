import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from articles.models import Article

pytestmark = pytest.mark.django_db


def test_bootstrap_local_refuses_outside_debug(settings, tmp_path):
    settings.DEBUG = False

    with pytest.raises(CommandError, match="DJANGO_DEBUG=true"):
        call_command("bootstrap_local", password_file=str(tmp_path / "pw"))

    assert not get_user_model().objects.exists()
    assert not Article.objects.exists()


def test_bootstrap_local_loads_seeds_once_and_makes_an_admin(settings, tmp_path, capsys):
    settings.DEBUG = True
    password_file = tmp_path / "pw"

    call_command("bootstrap_local", password_file=str(password_file))
    Article.objects.filter(slug__startswith="gap-mat").update(title="Tiêu đề do biên tập viên sửa")
    call_command("bootstrap_local", password_file=str(password_file))

    password = password_file.read_text().strip()
    admin = get_user_model().objects.get(username="admin")
    assert admin.is_superuser and admin.check_password(password)
    assert len(password) >= 16
    assert Article.objects.count() == 5
    assert Article.objects.filter(title="Tiêu đề do biên tập viên sửa").count() == 1
    assert f"mật khẩu: {password}" in capsys.readouterr().out
