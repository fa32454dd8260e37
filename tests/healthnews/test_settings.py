"""Settings read from the environment, with safe defaults."""

import datetime
import os
import secrets
import subprocess
import sys

import pytest
from django import forms
from django.conf import settings
from django.utils import formats, translation

PRODUCTION_ENV = {
    "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
    "DJANGO_ALLOWED_HOSTS": "soyte.example.vn",
    "DJANGO_CSRF_TRUSTED_ORIGINS": "https://soyte.example.vn",
    "EMAIL_HOST": "smtp.example.vn",
}


def run_manage(*args, env):
    """Run manage.py in a fresh process with exactly the given deploy environment."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "EMAIL_"))}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_settings_refuse_to_start_without_a_secret_key():
    result = run_manage("check", env={"DJANGO_ALLOWED_HOSTS": "soyte.example.vn"})

    assert result.returncode != 0
    assert "Set the DJANGO_SECRET_KEY environment variable." in result.stderr


def test_settings_refuse_a_wildcard_host():
    result = run_manage("check", env={**PRODUCTION_ENV, "DJANGO_ALLOWED_HOSTS": "*"})

    assert result.returncode != 0
    assert "DJANGO_ALLOWED_HOSTS must name hosts, not '*'." in result.stderr


def test_settings_refuse_an_unclear_boolean():
    result = run_manage("check", env={**PRODUCTION_ENV, "DJANGO_DEBUG": "maybe"})

    assert result.returncode != 0
    assert "DJANGO_DEBUG must be true or false, not 'maybe'." in result.stderr


def test_debug_is_off_unless_asked_for():
    result = run_manage(
        "shell", "-c", "from django.conf import settings; print(settings.DEBUG)", env=PRODUCTION_ENV
    )

    assert result.stdout.strip().splitlines()[-1] == "False"


def test_deploy_check_is_silent_with_production_settings():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV)

    assert result.returncode == 0, result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("16/11/2023", datetime.date(2023, 11, 16)),
        ("05/03/2026", datetime.date(2026, 3, 5)),
        ("18-2-2025", datetime.date(2025, 2, 18)),
        ("2024-02-28", datetime.date(2024, 2, 28)),
    ],
)
def test_dates_are_typed_day_first(typed, expected):
    with translation.override("vi"):
        assert forms.DateField().clean(typed) == expected


def test_datetimes_are_typed_day_first():
    with translation.override("vi"):
        value = forms.DateTimeField().clean("28/02/2024 13:38:16")

    assert value.replace(tzinfo=None) == datetime.datetime(2024, 2, 28, 13, 38, 16)
    assert value.utcoffset() == datetime.timedelta(hours=7)


def test_dates_are_shown_day_first_with_slashes():
    with translation.override("vi"):
        shown = formats.date_format(datetime.date(2023, 11, 16), "SHORT_DATE_FORMAT")
        long_form = formats.date_format(datetime.date(2023, 11, 16))

    assert shown == "16/11/2023"
    assert long_form == "16 tháng 11 năm 2023"


def test_a_sqlite_site_keeps_its_writes_safe_and_its_hot_rows_in_memory(tmp_path):
    """A fresh process on a SQLite file: write-ahead log, and 8 MB of pages kept per connection
    (SQLite's 2 MB re-read the home page's rows from the file at 100,000 articles)."""
    code = (
        "from django.db import connection\n"
        "with connection.cursor() as cursor:\n"
        "    print(*(cursor.execute(f'PRAGMA {name}').fetchone()[0]\n"
        "            for name in ('journal_mode', 'cache_size', 'synchronous')))\n"
    )
    done = run_manage(
        "shell",
        "--no-imports",
        "-c",
        code,
        env={**PRODUCTION_ENV, "DATABASE_URL": f"sqlite:///{tmp_path / 'site.sqlite3'}"},
    )
    assert done.returncode == 0, done.stderr
    # synchronous=NORMAL is 1: safe with WAL, without an fsync per commit.
    assert done.stdout.split() == ["wal", "-8192", "1"]


MAILER = "from django.conf import settings; print(settings.MAILERS['default'])"


def test_email_goes_to_the_smtp_server_named_in_the_environment():
    env = {**PRODUCTION_ENV, "EMAIL_PORT": "465", "EMAIL_USE_TLS": "false", "EMAIL_USE_SSL": "1"}

    result = run_manage("shell", "-c", MAILER, env=env)

    mailer = result.stdout.strip().splitlines()[-1]
    assert "'BACKEND': 'django.core.mail.backends.smtp.EmailBackend'" in mailer
    assert "'host': 'smtp.example.vn', 'port': 465" in mailer
    assert "'use_tls': False, 'use_ssl': True" in mailer


def test_without_a_mail_server_email_is_printed_and_the_deploy_check_says_so():
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != "EMAIL_HOST"}

    printed = run_manage("shell", "-c", MAILER, env=env)
    deploy = run_manage("check", "--deploy", "--fail-level", "WARNING", env=env)

    assert "console.EmailBackend" in printed.stdout
    assert deploy.returncode != 0
    assert "mail.E001" in deploy.stderr
