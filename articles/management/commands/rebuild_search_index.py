"""Rebuild the readers' search index from every article.

Run it after writing articles without save(): QuerySet.update(), bulk_create(), raw SQL or a
restored database dump (the index is an unmanaged model, SearchIndexRow: dumpdata leaves it out).
"""

from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, connections

from articles import search
from articles.models import Article


class Command(BaseCommand):
    help = "Rebuild the search index of articles and report how many were indexed."

    def add_arguments(self, parser):
        parser.add_argument(
            "--database", default=DEFAULT_DB_ALIAS, help="Database alias (default: default)."
        )

    def handle(self, *args, database, **options):
        connection = connections[database]
        if connection.vendor not in search.SUPPORTED_VENDORS:
            self.stdout.write(
                f"{connection.vendor}: không có chỉ mục, tìm kiếm đọc thẳng bảng bài viết."
            )
            return
        if not search.index_exists(database):
            raise CommandError("Chưa có bảng chỉ mục tìm kiếm: hãy chạy `manage.py migrate`.")
        before = search.index_size(database)
        indexed = search.rebuild_index(using=database)
        published = Article.objects.using(database).published().count()
        self.stdout.write(
            f"Đã lập lại chỉ mục tìm kiếm: {indexed} bài viết "
            f"({published} đang hiển thị cho bạn đọc); trước đó chỉ mục có {before} bài."
        )
