"""Where an uncached page's CPU goes, in process: database, templates, cache and the rest.

Usage (from the project root, on a database that bench/pages.py filled):

    .venv/bin/python bench/breakdown.py --database sqlite --articles 1000

bench/pages.py says how much each page costs against the floor; this says where it goes. One
process sets healthnews up uncached (DJANGO_PAGE_CACHE_SECONDS=0) on the benchmark's database
and calls its WSGI handler directly (no HTTP, no gunicorn) for the URLs bench/pages.py loads;
a subprocess calls the floor app's 20-item template the same way. Each page's CPU time
(time.process_time, best of --rounds) is then split by timers around, exclusively:

  database   QuerySet._fetch_all, SQLCompiler.execute_sql and the cursor's execute and fetch
             calls: building the SQL, running it, turning rows into objects
  templates  Django template rendering, less the database time of lazy querysets inside it
  cache      the cache backend's calls (Redis)
  other      the rest: middleware, URL resolving, forms, the view's own Python (search
             snippets, grouping), building the response

The timers cost a little: the total with them is printed beside the total without. On
PostgreSQL the database server's own CPU is not in these figures (bench/pages.py and
bench/growth.py add it): "database" is the Django side of each query.
"""

import argparse
import functools
import io
import os
import subprocess
import sys
import time
from collections import Counter

import databases
import harness
import pageurls

AREAS = ("database", "templates", "cache")


class Split:
    """CPU time per area; time in an area nested in another is taken out of the outer one."""

    def __init__(self):
        self.spent = Counter()
        self.stack = []

    def wrap(self, owner, name, area):
        original = getattr(owner, name)

        @functools.wraps(original)
        def timed(*args, **kwargs):
            start = time.process_time()
            self.stack.append(area)
            try:
                return original(*args, **kwargs)
            finally:
                self.stack.pop()
                elapsed = time.process_time() - start
                self.spent[area] += elapsed
                if self.stack:
                    self.spent[self.stack[-1]] -= elapsed

        setattr(owner, name, timed)


def install_timers(split):
    from django.core.cache import caches
    from django.db.backends.utils import CursorWrapper
    from django.db.models.query import QuerySet
    from django.db.models.sql.compiler import SQLCompiler
    from django.template.backends.django import Template

    # CursorWrapper hands fetch* to the driver's cursor through __getattr__; SQLite steps
    # through the rows in them, so they get methods of their own to be timed.
    for fetch in ("fetchone", "fetchmany", "fetchall"):
        setattr(CursorWrapper, fetch, functools.partialmethod(_delegate, fetch))
    for owner, name in [
        (QuerySet, "_fetch_all"),
        (SQLCompiler, "execute_sql"),
        (CursorWrapper, "execute"),
        (CursorWrapper, "executemany"),
        (CursorWrapper, "fetchone"),
        (CursorWrapper, "fetchmany"),
        (CursorWrapper, "fetchall"),
    ]:
        split.wrap(owner, name, "database")
    split.wrap(Template, "render", "templates")
    backend = type(caches["default"])
    for name in ("get", "get_many", "set", "set_many", "add", "delete", "delete_many", "incr"):
        if hasattr(backend, name):
            split.wrap(backend, name, "cache")


def _delegate(self, name, *args):
    return getattr(self.cursor, name)(*args)


def wsgi_caller():
    from django.core.handlers.wsgi import WSGIHandler

    app = WSGIHandler()

    def call(path):
        route, _, query = path.partition("?")
        environ = {
            "REQUEST_METHOD": "GET",
            "PATH_INFO": route,
            "QUERY_STRING": query,
            "SERVER_NAME": "127.0.0.1",
            "SERVER_PORT": "8000",
            "HTTP_HOST": "127.0.0.1",
            "SERVER_PROTOCOL": "HTTP/1.1",
            "wsgi.url_scheme": "http",
            "wsgi.input": io.BytesIO(),
            "wsgi.errors": sys.stderr,
        }
        statuses = []
        body = b"".join(app(environ, lambda status, *_: statuses.append(status)))
        if not statuses[0].startswith("200"):
            raise SystemExit(f"{path} answered {statuses[0]}")
        return body

    return call


def cpu_per_request(call, paths, rounds, requests):
    """Best of `rounds` rounds of `requests` calls rotating over paths, in ms per request."""
    best = None
    for _ in range(rounds):
        start = time.process_time()
        for number in range(requests):
            call(paths[number % len(paths)])
        spent = (time.process_time() - start) / requests * 1000
        best = spent if best is None else min(best, spent)
    return best


def floor(args):
    """The floor app's 20-item template, called the same way (run in its own process)."""
    os.environ["DJANGO_SETTINGS_MODULE"] = "floor.settings"
    import django

    django.setup()
    call = wsgi_caller()
    for _ in range(args.requests):
        call("/items/")
    print(f"FLOOR {cpu_per_request(call, ['/items/'], args.rounds, args.requests * 5):.4f}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--requests", type=int, default=40, help="per round and page type")
    parser.add_argument("--floor", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.floor:
        return floor(args)

    env = databases.prepare_database(args.database, args.articles, reuse=True)
    env["DJANGO_PAGE_CACHE_SECONDS"] = "0"
    databases.collectstatic(env)
    pages = pageurls.page_urls(pageurls.sample_site(env))
    command = [harness.PYTHON, __file__, "--floor", f"--rounds={args.rounds}"]
    floor_out = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    floor_ms = float(floor_out.split("FLOOR ")[1])

    os.environ.update(env)
    sys.path.insert(0, str(harness.ROOT))
    import django

    django.setup()
    call = wsgi_caller()
    totals = {}
    for page, paths in pages.items():
        for path in paths[: args.requests]:
            call(path)  # warm: templates compiled, connections open
        totals[page] = cpu_per_request(call, paths, args.rounds, args.requests)

    split = Split()
    install_timers(split)
    print(
        f"{args.database}, {args.articles:,} articles; in process, CPU ms per request (best of "
        f"{args.rounds} x {args.requests}); floor (20-item template): {floor_ms:.2f} ms\n"
    )
    header = f"{'page':<14} {'total':>13} {'timed':>6}" + "".join(
        f" {area:>17}" for area in (*AREAS, "other")
    )
    print(header + "\n" + "-" * len(header))
    for page, paths in pages.items():
        best = None
        for _ in range(args.rounds):
            split.spent.clear()
            timed = cpu_per_request(call, paths, 1, args.requests)
            if best is None or timed < best[0]:
                best = (timed, {area: split.spent[area] * 1000 / args.requests for area in AREAS})
        timed, areas = best
        areas["other"] = timed - sum(areas.values())
        cells = "".join(
            f" {ms:>6.2f} (x{ms / floor_ms:>4.1f} {ms / timed:>3.0%})" for ms in areas.values()
        )
        total = totals[page]
        print(f"{page:<14} {total:>6.2f} (x{total / floor_ms:>4.1f}) {timed:>6.2f}{cells}")


if __name__ == "__main__":
    main()
