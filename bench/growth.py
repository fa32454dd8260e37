"""Growth of each page's CPU from the fewest to the most articles, measured side by side.

Usage (from the project root, on databases that bench/pages.py filled):

    .venv/bin/python bench/growth.py --database sqlite --articles 1000 100000
    .venv/bin/python bench/growth.py --database sqlite --modes uncached --every-page

bench/pages.py measures one size minutes after the other, and on shared cores the machine's
speed drifts by tens of percent in minutes; its growth check divides each page by the floor
measured just before it, which cancels slow drift but adds the noise of a second measurement.
Here two warm processes, one per size (healthnews on that size's benchmark database, its WSGI
handler called directly as in bench/breakdown.py), are asked in turn for a batch of the same
page type, round after round, the first of each round alternating, both pinned to one core:
the two batches of a round are a fraction of a second apart, so a drift hits both alike. Per
page type it prints the median over the rounds of (CPU at the most articles / CPU at the
fewest), with the range, uncached and cached, against issue 7's target (<= 1.2).

CPU per request: the process's own (time.process_time), plus on PostgreSQL that of its
connection's backend (/proc/<pid>/stat, in clock ticks of 10 ms: hence batches and medians).
Redis's CPU is not counted, as in bench/pages.py. Provinces, officials and facilities are
sampled at the fewest articles and measured at both sizes; articles are spread over each
archive.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import time

import databases
import harness
import pageurls
import procstat
from budget import TARGET_GROWTH
from pages import SAME_AT_EVERY_SIZE

MODES = {"uncached": 0, "cached": 600}
CACHED_BATCH_FACTOR = 10  # a hit costs a few percent of a miss: larger batches, same noise


def backend_pid(connection):
    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        return cursor.fetchone()[0]


def ticks(pid):
    return procstat.pids_cpu_ticks([pid]).get(pid) if pid else 0


def worker():
    """One size: read the pages, warm every URL, then answer batches ("page<TAB>requests")."""
    pages = json.loads(sys.stdin.readline())
    os.sched_setaffinity(0, {0})  # both sizes on the same core: placement changes a hit's cost
    sys.path.insert(0, str(harness.ROOT))
    import django

    django.setup()
    from breakdown import wsgi_caller
    from django.db import connection

    call = wsgi_caller()
    for paths in pages.values():
        for path in paths:
            call(path)
    print("READY", flush=True)
    offsets = dict.fromkeys(pages, 0)
    for line in sys.stdin:
        page, requests = line.rstrip("\n").split("\t")
        paths, requests = pages[page], int(requests)
        pid = backend_pid(connection)
        before = ticks(pid)
        start = time.process_time()
        for number in range(offsets[page], offsets[page] + requests):
            call(paths[number % len(paths)])
        own = time.process_time() - start
        database = (ticks(pid) - before) / procstat.CLOCK_TICKS
        if backend_pid(connection) != pid:  # reconnected mid-batch: its backend's CPU is lost
            raise SystemExit(f"{page}: the database connection changed during a batch")
        offsets[page] += requests
        print(json.dumps((own + database) * 1000 / requests), flush=True)


class Worker:
    def __init__(self, env, pages):
        command = [harness.PYTHON, __file__, "--worker"]
        self.process = subprocess.Popen(
            command, env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
        )
        self.process.stdin.write(json.dumps(pages) + "\n")
        self.process.stdin.flush()
        if (line := self.process.stdout.readline()).strip() != "READY":
            raise SystemExit(f"worker did not start: {line!r}")

    def batch(self, page, requests):
        self.process.stdin.write(f"{page}\t{requests}\n")
        self.process.stdin.flush()
        if not (line := self.process.stdout.readline()):
            raise SystemExit(f"worker stopped during {page}")
        return json.loads(line)

    def close(self):
        self.process.stdin.close()
        self.process.wait(timeout=30)


def side_by_side(workers, page, rounds, requests):
    """{articles: [CPU ms per request of each round]}, the first size of a round alternating."""
    costs = {articles: [] for articles in workers}
    for number in range(rounds):
        for articles in sorted(workers, reverse=number % 2 == 1):
            costs[articles].append(workers[articles].batch(page, requests))
    return costs


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--articles", type=int, nargs=2, default=[1000, 100000])
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--requests", type=int, default=20, help="per batch, uncached")
    parser.add_argument("--modes", nargs="+", choices=list(MODES), default=list(MODES))
    parser.add_argument("--redis-url", default=databases.REDIS_URL, help="its db is flushed")
    parser.add_argument(
        "--every-page", action="store_true", help="also the pages outside the budget table"
    )
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        return worker()

    fewest, most = sorted(args.articles)
    if fewest == most:
        parser.error("--articles needs two different sizes")
    envs, samples = {}, {}
    for articles in (fewest, most):
        envs[articles] = databases.prepare_database(args.database, articles, True, args.redis_url)
        samples[articles] = pageurls.sample_site(envs[articles])
    databases.collectstatic(envs[most])
    for kind in SAME_AT_EVERY_SIZE:
        samples[most][kind] = samples[fewest][kind]
    pages = {articles: pageurls.page_urls(sample) for articles, sample in samples.items()}
    if args.every_page:
        for articles, sample in samples.items():
            pages[articles].update(pageurls.other_page_urls(sample))

    report = {"machine": harness.machine(), "settings": vars(args), "modes": {}}
    failures = []
    for mode in args.modes:
        databases.flush_redis(args.redis_url)
        requests = args.requests * (CACHED_BATCH_FACTOR if mode == "cached" else 1)
        workers = {
            articles: Worker(
                {
                    **envs[articles],
                    "DJANGO_PAGE_CACHE_SECONDS": str(MODES[mode]),
                    # each size its own pages and content version in the shared Redis db
                    "CACHE_KEY_PREFIX": f"growth-{articles}",
                },
                pages[articles],
            )
            for articles in (fewest, most)
        }
        print(
            f"\n{args.database}, {mode}: CPU ms per request at {fewest:,} and {most:,} articles, "
            f"{args.rounds} rounds of {requests} requests each"
        )
        print(f"{'page':<14} {'fewest':>7} {'most':>7}  {'growth (median, range)':<24}")
        report["modes"][mode] = {}
        try:
            for page in pages[fewest]:
                costs = side_by_side(workers, page, args.rounds, requests)
                growth = [big / small for small, big in zip(*costs.values(), strict=True)]
                median = statistics.median(growth)
                verdict = "ok" if median <= TARGET_GROWTH else "OVER"
                if verdict == "OVER":
                    failures.append(f"{mode} {page} x{median:.2f}")
                print(
                    f"{page:<14} {statistics.median(costs[fewest]):>7.2f} "
                    f"{statistics.median(costs[most]):>7.2f}  x{median:.2f} "
                    f"({min(growth):.2f}-{max(growth):.2f})  {verdict}",
                    flush=True,
                )
                report["modes"][mode][page] = {"cpu_ms": costs, "growth": growth}
        finally:
            for each in workers.values():
                each.close()
    verdict = f"FAIL: {'; '.join(failures)}" if failures else "PASS"
    print(f"\nCPU/request at {most:,} <= {TARGET_GROWTH:g} x at {fewest:,} (median): {verdict}")
    harness.RESULTS.mkdir(exist_ok=True)
    path = harness.RESULTS / f"growth-{args.database}-{time.strftime('%Y%m%d-%H%M%S')}.json"
    path.write_text(json.dumps(report, indent=1))
    print(f"Written to {path.relative_to(harness.ROOT)}")


if __name__ == "__main__":
    main()
