"""Faults and bad input lose nothing and show no traceback."""

import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import OperationalError
from django.db.backends.base.base import BaseDatabaseWrapper
from django.test import Client

from articles.models import Article
from people.models import Province
from tests.factories import make_article, make_figure

SCRIPT = """
import django, os
os.environ["DJANGO_SETTINGS_MODULE"] = "healthnews.settings"
django.setup()
from django.test import Client
response = Client(raise_request_exception=False).get("/tin-tuc/")
print(response.status_code, response.get("Retry-After"))
print(response.content.decode())
"""


def test_readers_get_a_vietnamese_503_when_the_database_is_down():
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL"))}
    env.update(
        DJANGO_SECRET_KEY="x" * 50,
        DJANGO_ALLOWED_HOSTS="testserver",
        DJANGO_SECURE_SSL_REDIRECT="false",
        DATABASE_URL="postgres://postgres@127.0.0.1:1/khong_co",  # nothing listens on port 1
    )

    result = subprocess.run(
        [sys.executable, "-c", SCRIPT],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )

    status, body = result.stdout.split("\n", 1)
    assert status == "503 60"
    assert "Trang tin tạm thời gián đoạn" in body
    assert "Traceback" not in body and "OperationalError" not in body


@pytest.mark.django_db
def test_a_lost_connection_mid_request_is_a_503(monkeypatch):
    def refuse(self):
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(BaseDatabaseWrapper, "ensure_connection", refuse)

    response = Client(raise_request_exception=False).get("/")

    assert response.status_code == 503
    assert "Trang tin tạm thời gián đoạn" in response.content.decode()


@pytest.mark.django_db
def test_broken_fixture_changes_nothing_and_says_why(tmp_path):
    call_command("loaddata", "people", verbosity=0)
    before = Province.objects.count()
    broken = tmp_path / "broken.json"
    broken.write_text(
        '[{"model": "people.province", "fields": {"name": "Tỉnh mới", "slug": "tinh-moi"}},'
        ' {"model": "articles.article", "fields": {"title": "Thiếu trường", "slug": "x",'
        ' "status": "published", "published_at": null}}]',
        encoding="utf-8",
    )

    with pytest.raises(Exception) as error:
        call_command("loaddata", str(broken), verbosity=0)

    assert "Problem installing fixture" in str(error.value) and "broken.json" in str(error.value)
    assert Province.objects.count() == before
    assert not Province.objects.filter(slug="tinh-moi").exists()
    assert not Article.objects.exists()


def manage(database, *args, check=True):
    """Run manage.py in a fresh process on its own SQLite file, in local (DEBUG) mode."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update(DJANGO_DEBUG="true", DATABASE_URL=f"sqlite:///{database}")
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=check,
    )


def test_loaddata_of_a_broken_file_exits_non_zero_and_keeps_the_database(tmp_path):
    database = tmp_path / "db.sqlite3"
    broken = tmp_path / "hong.json"
    broken.write_text("[{ không phải JSON", encoding="utf-8")

    manage(database, "migrate", "-v0")
    manage(database, "loaddata", "people", "articles", "-v0")
    failed = manage(database, "loaddata", str(broken), check=False)
    counted = manage(database, "shell", "-v0", "-c", COUNT)

    assert failed.returncode != 0
    assert "Problem installing fixture" in failed.stderr and "hong.json" in failed.stderr
    assert counted.stdout.strip().splitlines()[-1] == "5 16"


COUNT = (
    "from articles.models import Article; from people.models import Province; "
    "print(Article.objects.count(), Province.objects.count())"
)


SEED_ACCOUNTS_AND_HISTORY = """
from django.contrib.auth.models import Group, User
from articles.models import Article
from articles.content.revisions import record_revision
editor = User.objects.create_user("bientap", password="x", is_staff=True)
editor.groups.add(Group.objects.get(name="Biên tập viên"))
article = Article.objects.get(byline="Đậu Bình")
article.last_editor = editor
article.save()
record_revision(article, editor)
"""
CHECK_RESTORED = """
from articles.models import Article
article = Article.objects.get(byline="Đậu Bình")
print(article.last_editor.username, article.revisions.get().user.groups.get().name)
"""


def test_backup_round_trip_into_an_empty_database_restores_identical_content(tmp_path):
    source, empty = tmp_path / "source.sqlite3", tmp_path / "empty.sqlite3"

    def dump(database):
        return manage(database, "backup").stdout

    manage(source, "migrate", "-v0")
    manage(source, "loaddata", "people", "articles", "-v0")
    manage(source, "shell", "-v0", "-c", SEED_ACCOUNTS_AND_HISTORY)
    backup = tmp_path / "backup.json"
    backup.write_text(dump(source), encoding="utf-8")

    manage(empty, "migrate", "-v0")
    manage(empty, "loaddata", str(backup), "-v0")

    assert dump(empty) == backup.read_text(encoding="utf-8")
    restored = manage(empty, "shell", "-v0", "-c", CHECK_RESTORED).stdout
    assert restored.strip().splitlines()[-1] == "bientap Biên tập viên"


@pytest.mark.django_db
def test_a_missing_image_file_never_breaks_the_pages_that_show_it(client):
    article = make_article(title="Bệnh viện khánh thành khu khám mới")
    make_figure(article, caption="Toàn cảnh khu khám mới", image="figures/2025/02/da-xoa.jpg")

    pages = [client.get(article.get_absolute_url()), client.get("/"), client.get("/rss/")]

    assert [page.status_code for page in pages] == [200, 200, 200]
    assert "Toàn cảnh khu khám mới" in pages[0].content.decode()
    assert "Bệnh viện khánh thành khu khám mới" in pages[1].content.decode()
