"""Prepare a local (DEBUG) site: seed content on an empty database and an admin account."""

import secrets
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from articles.models import Article


class Command(BaseCommand):
    help = "Load the seed fixtures into an empty database and create a local admin account."

    def add_arguments(self, parser):
        parser.add_argument(
            "--password-file",
            default=str(settings.BASE_DIR / ".local" / "admin-password"),
            help="Where the generated admin password is kept (never committed).",
        )

    def handle(self, *args, password_file, **options):
        if not settings.DEBUG:
            raise CommandError(
                "bootstrap_local chỉ dùng cho máy cá nhân (DJANGO_DEBUG=true); "
                "trên máy chủ hãy dùng createsuperuser."
            )
        if Article.objects.exists():
            self.stdout.write("Cơ sở dữ liệu đã có bài viết: không nạp lại dữ liệu mẫu.")
        else:
            call_command("loaddata", "people", "articles", verbosity=0)
            self.stdout.write(f"Đã nạp dữ liệu mẫu: {Article.objects.count()} bài viết.")

        path = Path(password_file)
        User = get_user_model()
        if not User.objects.filter(username="admin").exists():
            password = secrets.token_urlsafe(12)
            User.objects.create_superuser("admin", "admin@localhost", password)
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(password + "\n", encoding="utf-8")
            path.chmod(0o600)
        if path.exists():
            shown = path.read_text(encoding="utf-8").strip()
            self.stdout.write(
                f"Quản trị: http://127.0.0.1:8000/admin/  tài khoản: admin  mật khẩu: {shown}"
            )
        else:
            self.stdout.write("Tài khoản admin đã có sẵn; đổi mật khẩu bằng: make password")
