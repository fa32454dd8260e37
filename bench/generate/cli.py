"""The command's arguments (read before Django is set up), safety checks and report."""

import argparse
import datetime
import sys
import time

from django.db import DEFAULT_DB_ALIAS

from . import DEFAULT_BATCH


def _day(value):
    try:
        return datetime.date.fromisoformat(value)
    except ValueError as error:
        raise argparse.ArgumentTypeError(f"expected YYYY-MM-DD, got {value!r}") from error


def _positive(value):
    number = int(value)
    if number < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, got {number}")
    return number


def parser():
    parser = argparse.ArgumentParser(
        prog="python -m bench.generate",
        description="Fill a development or benchmark database with N generated Vietnamese "
        "health-news articles, indexed for search. Refuses DEBUG off (--force) and a database "
        "that has articles (--append).",
    )
    parser.add_argument("count", type=_positive, help="how many articles to generate")
    parser.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    parser.add_argument(
        "--batch", type=_positive, default=DEFAULT_BATCH, help="articles written per statement"
    )
    parser.add_argument(
        "--today", type=_day, help="day publication times are counted from (default: today)"
    )
    parser.add_argument("--append", action="store_true", help="add to a database with articles")
    parser.add_argument(
        "--force", action="store_true", help="run with DEBUG off (never on a real site)"
    )
    parser.add_argument("--database", default=DEFAULT_DB_ALIAS, help="database alias")
    parser.add_argument("--progress", action="store_true", help="count the articles on stderr")
    return parser


def run(argv, stdout=sys.stdout):
    """Check, generate and report; a refusal is a SystemExit with the reason (exit status 1).

    Django must be set up: the site's models are imported here.
    """
    from django.conf import settings
    from django.db import connections

    from articles import search
    from articles.models import Article

    from .writer import generate_articles

    args = parser().parse_args(argv)
    if not settings.DEBUG and not args.force:
        raise SystemExit(
            "Refusing to generate articles with DEBUG off: generated articles must never reach "
            "a real site. Set DJANGO_DEBUG=true on a throw-away database, or pass --force."
        )
    database = args.database
    existing = Article._default_manager.using(database).count()
    if existing and not args.append:
        name = connections[database].settings_dict["NAME"]
        raise SystemExit(
            f"Refusing to generate articles: {name} already holds {existing} articles. "
            "Use an empty database, or --append to add to it."
        )
    started = time.perf_counter()
    timings = generate_articles(
        args.count,
        seed=args.seed,
        batch=args.batch,
        using=database,
        today=args.today,
        progress=_progress(args.count) if args.progress else None,
    )
    wall = time.perf_counter() - started
    published = Article._default_manager.using(database).published().count()
    stdout.write(
        f"Generated {args.count} articles (seed {args.seed}) in {wall:.1f} s: reference rows "
        f"{timings.reference:.1f} s, content {timings.generate:.1f} s, writing "
        f"{timings.write:.1f} s, search index {timings.index:.1f} s. The database holds "
        f"{existing + args.count} articles, {published} visible to readers; the index holds "
        f"{search.index_size(database)}.\n"
    )


def _progress(count):
    def report(done):
        sys.stderr.write(f"  {done}/{count}\r")

    return report
