"""Delete for good the articles kept in the trash longer than 30 days (run daily, e.g. cron)."""

from django.core.management.base import BaseCommand

from articles.content.trash import KEPT_FOR, expired, purge


class Command(BaseCommand):
    help = "Delete for good the articles deleted more than 30 days ago, with their history."

    def handle(self, *args, **options):
        count = purge(expired())
        self.stdout.write(f"Đã xóa hẳn {count} bài viết ở thùng rác quá {KEPT_FOR.days} ngày.")
