"""Search latency benchmark: N generated Vietnamese articles, p50/p95/max per query class.

Usage (from the project root; DATABASE_URL is required and must be a throw-away database):

    DJANGO_DEBUG=true DATABASE_URL=sqlite:////tmp/bench.sqlite3 \
        .venv/bin/python bench/search_latency.py --articles 100000
    DJANGO_DEBUG=true DATABASE_URL=postgres://postgres@127.0.0.1:5432/healthnews_bench \
        .venv/bin/python bench/search_latency.py --articles 100000

The script refuses a database that already holds articles unless --reuse is given (then it
keeps them and only tops the index up); it never runs on the project's default db.sqlite3.
A missing PostgreSQL database is created. Results: a table on stdout and
bench/results/search-<vendor>-<N>.json.
"""

import argparse
import json
import os
import platform
import statistics
import sys
import time
from pathlib import Path

from databases import create_postgres_database

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
SEED = 20250227
PER_PAGE = 20

# Query classes: varied queries, typed with and without diacritics.
# fmt: off
QUERIES = {
    "one word": ["sốt", "sot", "điện", "dien", "tiêm", "tiem", "lao", "huế"],
    "two words": [
        "sốt xuất", "sot xuat", "bệnh viện", "benh vien", "tiêm chủng", "tiem chung",
        "điện biên", "thua thien",
    ],
    "phrase": [
        '"sốt xuất huyết"', '"sot xuat huyet"', '"chuyển đổi số"', '"chuyen doi so"',
        '"khám chữa bệnh"', '"kham chua benh"', '"thừa thiên huế"', '"thay thuoc"',
    ],
}
# fmt: on


# -------------------------------------------------------------------------------------------
# Setup and safety
# -------------------------------------------------------------------------------------------


def check_database_url():
    url = os.environ.get("DATABASE_URL", "")
    if not url:
        sys.exit("Refusing to run: set DATABASE_URL to a throw-away database explicitly.")
    if url.startswith("sqlite:"):
        import dj_database_url

        name = str(dj_database_url.parse(url)["NAME"])
        if Path(name).resolve() in {(ROOT / "db.sqlite3").resolve(), Path("db.sqlite3").resolve()}:
            sys.exit("Refusing to run on the project's db.sqlite3: use e.g. /tmp/bench.sqlite3.")
    return url


def existing_articles():
    """How many articles the database holds before migrating (0 if it has no article table)."""
    from django.db import connection

    with connection.cursor() as cursor:
        if "articles_article" not in connection.introspection.table_names(cursor):
            return 0
        cursor.execute("SELECT COUNT(*) FROM articles_article")
        return cursor.fetchone()[0]


# -------------------------------------------------------------------------------------------
# Measuring
# -------------------------------------------------------------------------------------------


def summary(samples):
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * len(ordered)) - 1)]
    return {
        "runs": len(ordered),
        "p50_ms": round(statistics.median(ordered), 2),
        "p95_ms": round(p95, 2),
        "max_ms": round(ordered[-1], 2),
    }


def measure_engine(runs, time_limit):
    from articles import search as engine
    from articles.models import Article

    def once(text):
        start = time.perf_counter()
        ids, used = engine.search_articles(
            engine.parse_query(text), Article.objects.published(), limit=engine.MAX_RESULTS + 1
        )
        searched = time.perf_counter()
        engine.article_hits(ids[:PER_PAGE], used)
        done = time.perf_counter()
        return (searched - start) * 1000, (done - start) * 1000, len(ids)

    results = {}
    for name, queries in QUERIES.items():
        found = {}
        for text in queries:  # warm up (page cache, lru caches), and count the results
            found[text] = once(text)[2]
        search_ms, with_hits_ms = [], []
        started = time.perf_counter()
        for run in range(runs):
            if run >= len(queries) and time.perf_counter() - started > time_limit:
                break
            searched_ms, hits_ms, _found = once(queries[run % len(queries)])
            search_ms.append(searched_ms)
            with_hits_ms.append(hits_ms)
        results[name] = {
            "search": summary(search_ms),
            "search_and_first_page_hits": summary(with_hits_ms),
            "results": found,
        }
        print(f"  engine, {name}: {summary(search_ms)}", flush=True)
    return results


def measure_view(runs, time_limit):
    from django.test import Client

    client = Client(HTTP_HOST="localhost")
    results = {}
    for name, queries in QUERIES.items():
        client.get("/tim-kiem/", {"q": queries[0]})
        samples = []
        started = time.perf_counter()
        for run in range(runs):
            if run >= len(queries) and time.perf_counter() - started > time_limit:
                break
            start = time.perf_counter()
            response = client.get("/tim-kiem/", {"q": queries[run % len(queries)]})
            samples.append((time.perf_counter() - start) * 1000)
            if response.status_code != 200:
                sys.exit(f"/tim-kiem/ answered {response.status_code}")
        results[name] = summary(samples)
        print(f"  view, {name}: {results[name]}", flush=True)
    return results


def print_table(report):
    from articles.search import MAX_RESULTS

    print()
    print(
        f"{report['vendor']}, {report['articles']:,} articles, {report['cpus']} cores "
        f"(ms; engine = parse_query + search_articles; +hits = with article_hits of page 1; "
        f"results: as returned, capped at MAX_RESULTS + 1 = {MAX_RESULTS + 1})"
    )
    header = f"{'class':<10} {'what':<14} {'runs':>5} {'p50':>8} {'p95':>8} {'max':>8}  results"
    print(header)
    print("-" * len(header))
    for name in QUERIES:
        engine = report["engine"][name]
        rows = [
            ("engine", engine["search"]),
            ("engine+hits", engine["search_and_first_page_hits"]),
            ("view", report["view"][name]),
        ]
        totals = ", ".join(f"{q}={n}" for q, n in engine["results"].items())
        for what, stats in rows:
            print(
                f"{name:<10} {what:<14} {stats['runs']:>5} {stats['p50_ms']:>8.1f} "
                f"{stats['p95_ms']:>8.1f} {stats['max_ms']:>8.1f}  "
                + (totals if what == "engine" else "")
            )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100_000, help="articles to generate")
    parser.add_argument("--runs", type=int, default=200, help="engine runs per query class")
    parser.add_argument("--view-runs", type=int, default=50, help="view runs per query class")
    parser.add_argument(
        "--reuse", action="store_true", help="accept a database that already holds articles"
    )
    parser.add_argument(
        "--time-limit",
        type=float,
        default=60,
        help="seconds per query class and measurement after which runs stop (at least 8)",
    )
    args = parser.parse_args()

    url = check_database_url()
    if url.startswith(("postgres:", "postgresql:")):
        create_postgres_database(url)

    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "healthnews.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from articles import search as engine
    from articles.models import Article
    from bench.generate.writer import generate_articles

    before = existing_articles()
    if before and not args.reuse:
        sys.exit(
            f"Refusing to run: {connection.settings_dict['NAME']} already holds {before:,} "
            "articles. Use an empty throw-away database, or --reuse to benchmark it as is."
        )
    call_command("migrate", verbosity=0)

    generate_s = index_s = None
    if before:
        print(f"Reusing {before:,} existing articles (--reuse): nothing generated.")
        if engine.index_size() != before:
            start = time.perf_counter()
            engine.rebuild_index()
            index_s = time.perf_counter() - start
    else:
        timings = generate_articles(args.articles, seed=SEED)
        generate_s, index_s = timings.total - timings.index, timings.index
        print(
            f"Generated {args.articles:,} articles in {generate_s:.1f} s and indexed them in "
            f"{index_s:.1f} s (bench.generate, as `python -m bench.generate`)."
        )
    with connection.cursor() as cursor:  # fresh planner statistics, as a live site has
        cursor.execute("ANALYZE")

    count = Article.objects.published().count()
    print(f"Measuring {count:,} published articles on {connection.vendor}...")
    report = {
        "vendor": connection.vendor,
        "articles": count,
        "cpus": os.cpu_count(),
        "machine": platform.platform(),
        "python": platform.python_version(),
        "generate_seconds": generate_s and round(generate_s, 1),
        "index_seconds": index_s and round(index_s, 1),
        "engine": measure_engine(args.runs, args.time_limit),
        "view": measure_view(args.view_runs, args.time_limit),
        "queries": QUERIES,
    }
    print_table(report)
    RESULTS.mkdir(parents=True, exist_ok=True)
    out = RESULTS / f"search-{connection.vendor}-{count}.json"
    out.write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n")
    print(f"\nWritten to {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
