"""Fill a development or benchmark database with N generated Vietnamese health-news articles.

Safety: generated articles must never reach a real site. The command refuses to run with DEBUG
off unless --force is given, and refuses a database that already holds articles unless
--append is given (the seed fixtures' five articles count). Everything is written in one
transaction: on any error nothing is left behind.
"""

import datetime
import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, connections

from articles import generate, search
from articles.models import Article


def _day(value):
    try:
        return datetime.date.fromisoformat(value)
    except ValueError as error:
        raise CommandError(f"--today: cần ngày dạng YYYY-MM-DD, nhận được {value!r}.") from error


class Command(BaseCommand):
    help = "Generate N realistic Vietnamese articles, indexed, for a local or benchmark database."

    def add_arguments(self, parser):
        parser.add_argument("count", type=int, help="How many articles to generate.")
        parser.add_argument("--seed", type=int, default=0, help="Random seed (default 0).")
        parser.add_argument(
            "--batch",
            type=int,
            default=generate.DEFAULT_BATCH,
            help=f"Articles written per statement (default {generate.DEFAULT_BATCH}).",
        )
        parser.add_argument(
            "--today",
            help="Day publication times are counted from (YYYY-MM-DD; default: today in +07:00).",
        )
        parser.add_argument(
            "--append", action="store_true", help="Add to a database that already has articles."
        )
        parser.add_argument(
            "--force", action="store_true", help="Run even with DEBUG off (never on a real site)."
        )
        parser.add_argument(
            "--database", default=DEFAULT_DB_ALIAS, help="Database alias (default: default)."
        )

    def handle(self, *args, count, seed, batch, today, append, force, database, **options):
        if count < 1 or batch < 1:
            raise CommandError("Số bài viết và --batch phải lớn hơn 0.")
        if not settings.DEBUG and not force:
            raise CommandError(
                "generate_articles chỉ chạy với DJANGO_DEBUG=true (máy cá nhân, cơ sở dữ liệu "
                "thử): bài viết sinh ra không được lọt vào trang thật. Dùng --force nếu chắc chắn."
            )
        existing = Article._default_manager.using(database).count()
        if existing and not append:
            name = connections[database].settings_dict["NAME"]
            raise CommandError(
                f"Cơ sở dữ liệu {name} đã có {existing} bài viết: không sinh thêm. "
                "Dùng một cơ sở dữ liệu trống, hoặc --append để thêm vào."
            )
        started = time.perf_counter()
        timings = generate.generate_articles(
            count,
            seed=seed,
            batch=batch,
            using=database,
            today=_day(today) if today else None,
            progress=self._progress(count) if options["verbosity"] >= 2 else None,
        )
        wall = time.perf_counter() - started
        published = Article._default_manager.using(database).published().count()
        self.stdout.write(
            f"Đã sinh {count} bài viết (seed {seed}) trong {wall:.1f} s: dữ liệu tham chiếu "
            f"{timings.reference:.1f} s, sinh nội dung {timings.generate:.1f} s, ghi "
            f"{timings.write:.1f} s, chỉ mục tìm kiếm {timings.index:.1f} s. Cơ sở dữ liệu có "
            f"{existing + count} bài viết, {published} đang hiển thị cho bạn đọc; chỉ mục có "
            f"{search.index_size(database)} bài."
        )

    def _progress(self, count):
        def report(done):
            self.stderr.write(f"  {done}/{count}", ending="\r")

        return report
