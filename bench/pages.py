"""Page benchmark: issue 19's budget table, each public page against a bare Django floor app.

Usage (from the project root; wrk, PostgreSQL and Redis must be there):

    .venv/bin/python bench/pages.py            # SQLite and PostgreSQL, 1,000 and 100,000 articles

For each database and article count: fill a throw-away database (or --reuse it), then serve,
by the same gunicorn command line (2 sync workers, access log off, no worker recycling): the
floor app (bench/floor: a constant 20 KB page, a template looping over 20 items) on --port + 1,
and beside it healthnews uncached (DJANGO_PAGE_CACHE_SECONDS=0), then cached
(DJANGO_PAGE_CACHE_SECONDS=--cache-seconds). Each page type is warmed up, then measured in
--alternations rounds (5), each wrk on its floor (the template for an uncached page, the
constant page for a hit) and then on the page, --duration seconds each, rotating over several
URLs: the machine's speed drifts by tens of percent over minutes on shared cores, and both
halves of a round drift alike. Per measurement: requests/s, p50/p99 latency, errors, CPU per
request of the server (gunicorn's process tree in /proc, plus its PostgreSQL backends), peak RSS
per worker (VmHWM). A page's multiple of its floor is the median of its rounds' (bench/budget.py).
Prints a table per group, issue 19's budget table in Markdown and PASS/FAIL per target, and
writes bench/results/pages-<timestamp>.json.
"""

import argparse
import json
import statistics
import time

import budget
import databases
import harness
import pageurls
import servers
import wrk

# Sampled at the smallest size and kept at the larger ones, so that growth compares the same
# pages: sampled afresh, the facility cell rotated over 4 facilities at 1,000 articles and 30
# at 100,000, and measured the sample instead of the archive's size.
SAME_AT_EVERY_SIZE = ("provinces", "officials", "facilities")


def measure_one(server, paths, args):
    result = wrk.measure(server, paths, args.duration, args.connections, args.threads)
    result["server_cpu"] = budget.server_cpu(result)
    return result


def alternate(server, paths, floor, floor_paths, args):
    """Warm both, then --alternations rounds of the floor then the page: the page's medians."""
    for base, each in ((floor.base, floor_paths), (server.base, paths)):
        wrk.run_wrk(base, each, args.warmup, args.connections, args.threads)
    rounds, measured = [], []
    for _ in range(args.alternations):
        below = measure_one(floor, floor_paths, args)
        result = measure_one(server, paths, args)
        measured.append(result)
        rounds.append(
            {
                "cpu": result["server_cpu"],
                "rps": result["rps"],
                "floor_cpu": below["server_cpu"],
                "floor_rps": below["rps"],
            }
        )
    summary = {
        key: statistics.median(r[key] for r in measured)
        for key in ("rps", "p50_ms", "p99_ms", "cpu_ms_per_request")
    }
    if "db_cpu_ms_per_request" in measured[0]:
        summary["db_cpu_ms_per_request"] = statistics.median(
            r["db_cpu_ms_per_request"] for r in measured
        )
    summary["errors"] = sum(r["errors"] for r in measured)
    summary["peak_worker_mb"] = max(r["peak_worker_mb"] for r in measured)
    summary["urls"] = len(paths)
    summary["rounds"] = rounds
    return summary


def measure_server(server, pages, args, floor, floor_page):
    """Each page on a running server, alternating with the floor page: {page: summary}."""
    results = {}
    for page, paths in pages.items():
        if failures := servers.check_paths(server.base, paths):
            raise SystemExit(f"{server.name}: {page} does not answer 200: {failures}")
        r = alternate(server, paths, floor, budget.FLOORS[floor_page], args)
        results[page] = r
        floors = [x["floor_cpu"] for x in r["rounds"]]
        print(
            f"  {page:<14} {r['rps']:>8.1f} req/s  p50 {r['p50_ms']:>7.1f} ms  "
            f"{r['cpu_ms_per_request']:>7.2f} CPU ms/req  {r.get('db_cpu_ms_per_request', '-')} "
            f"DB ms/req  {r['peak_worker_mb']:>5.1f} MB  errors {r['errors']}  (floor "
            f"{min(floors):.2f}-{max(floors):.2f} ms over {len(floors)} rounds)",
            flush=True,
        )
    return results


def run_group(database, articles, args, smallest=None):
    """healthnews uncached and cached on one database of `articles` articles, next to the floor.

    smallest: the sample of the smallest size on this database, whose provinces, officials and
    facilities (each named in a full first page there, so in one here) are measured here too.
    """
    env = databases.prepare_database(database, articles, args.reuse, args.redis_url)
    databases.collectstatic(env)
    sample = pageurls.sample_site(env)
    for kind in SAME_AT_EVERY_SIZE if smallest else ():
        sample[kind] = smallest[kind]
    pages = pageurls.page_urls(sample)
    group = {"database": database, "articles": articles, "published": sample["published"]}
    group["sample"] = {kind: sample[kind] for kind in SAME_AT_EVERY_SIZE}
    print(f"\n== {database}, {sample['published']:,} published articles ==", flush=True)
    with servers.floor_server(args.port + 1) as floor:
        for mode, seconds in (("uncached", 0), ("cached", args.cache_seconds)):
            if mode in args.modes:
                run_mode(group, mode, seconds, env, pages, args, floor)
    return group


def run_mode(group, mode, seconds, env, pages, args, floor):
    # Both databases use Redis: no page or count of another run may be served.
    databases.flush_redis(args.redis_url)
    server_env = {**env, "DJANGO_PAGE_CACHE_SECONDS": str(seconds), "GUNICORN_MAX_REQUESTS": "0"}
    print(f"healthnews, {mode} (DJANGO_PAGE_CACHE_SECONDS={seconds})", flush=True)
    name = f"healthnews-{group['database']}-{group['articles']}-{mode}"
    server = servers.Server(name, "healthnews.wsgi", server_env, args.port)
    floor_page = budget.TEMPLATE if mode == "uncached" else budget.CONSTANT
    with server:
        group[mode] = measure_server(server, pages, args, floor, floor_page)
        group[f"{mode}_log_problems"] = server.log_problems()[:50]


def print_group(group):
    print(
        f"\n{group['database']}, {group['published']:,} published articles (medians of the "
        "rounds; xCPU: to the 20-item template floor, xRPS: to the constant 20 KB page)"
    )
    header = (
        f"{'page':<14} {'cache':<8} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'err':>5} "
        f"{'CPU ms/req':>10} {'DB ms':>6} {'xCPU':>6} {'xRPS':>6} {'MB/wkr':>7}"
    )
    print(header + "\n" + "-" * len(header))
    for mode in budget.MODES:
        for page, r in group.get(mode, {}).items():
            multiple = r.get("cpu_vs_template_floor", r.get("cpu_vs_constant_floor"))
            print(
                f"{page:<14} {mode:<8} {r['rps']:>8.1f} {r['p50_ms']:>8.1f} {r['p99_ms']:>8.1f} "
                f"{r['errors']:>5} {r['cpu_ms_per_request']:>10.2f} "
                f"{r.get('db_cpu_ms_per_request', ''):>6} {multiple:>6} "
                f"{r['rps_vs_constant_floor']:>6} {r['peak_worker_mb']:>7.1f}"
            )
        if problems := group.get(f"{mode}_log_problems"):
            print(f"server log ({mode}), {len(problems)} problem lines, first: {problems[0]}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, nargs="+", default=[1000, 100000])
    parser.add_argument(
        "--database", nargs="+", choices=["sqlite", "postgres"], default=["sqlite", "postgres"],
        help="both use Redis (--redis-url) as the cache",
    )  # fmt: skip
    parser.add_argument("--alternations", type=int, default=5, help="rounds of floor then page")
    parser.add_argument("--duration", type=int, default=5, help="seconds of each measurement")
    parser.add_argument("--warmup", type=int, default=2, help="seconds of wrk before a page")
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--threads", type=int, default=2, help="wrk threads")
    parser.add_argument("--cache-seconds", type=int, default=600)
    parser.add_argument("--modes", nargs="+", choices=budget.MODES, default=list(budget.MODES))
    parser.add_argument("--port", type=int, default=8790, help="and the next for the floor")
    parser.add_argument("--redis-url", default=databases.REDIS_URL, help="its db is flushed")
    parser.add_argument("--reuse", action="store_true", help="measure existing databases as are")
    args = parser.parse_args()
    if args.alternations < 1:
        parser.error("--alternations must be at least 1")
    wrk.wrk_binary()

    report = {"machine": harness.machine(), "settings": vars(args), "groups": []}
    report["settings"]["gunicorn"] = "2 sync workers, 1 thread, access log off, no recycling"
    for database in args.database:
        smallest = None
        for articles in sorted(args.articles):
            group = run_group(database, articles, args, smallest)
            smallest = smallest or group["sample"]
            budget.ratios(group)
            report["groups"].append(group)
            print_group(group)
    print(f"\nBudget (issue 19): uncached CPU/request as a multiple of the template floor, "
          f"median of {args.alternations} alternations; bold: over its target\n")  # fmt: skip
    table = budget.budget_table(report["groups"])
    print("\n".join(table))
    report["budget_table"] = table
    report["targets"] = {}
    print("\nTargets (issue 19)")
    for name, failing in budget.check_targets(report["groups"]).items():
        report["targets"][name] = budget.verdict_text(failing)
        print(f"  {name}: {report['targets'][name]}")
    harness.RESULTS.mkdir(parents=True, exist_ok=True)
    out = harness.RESULTS / f"pages-{time.strftime('%Y%m%d-%H%M%S')}.json"
    out.write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n")
    print(f"\nWritten to {out.relative_to(harness.ROOT)}")


if __name__ == "__main__":
    main()
