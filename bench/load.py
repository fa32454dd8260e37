"""Load test: 200 concurrent readers for 60 s against gunicorn, PostgreSQL and Redis (issue 6).

Usage (from the project root):

    .venv/bin/python bench/load.py --articles 1000            # fills healthnews_perf_1000
    .venv/bin/python bench/load.py --articles 1000 --reuse    # measures it as it is
    .venv/bin/python bench/load.py --articles 1000 --reuse --publish-every 10  # and an editor

wrk opens --connections connections (200) and keeps each busy for --duration seconds (60): every
connection sends its next request as soon as the previous answer arrives, i.e. 200 readers with
no think time. Requests follow a fixed pseudo-random sequence mixing the public pages (weights
in MIX). Reports requests/s, p50/p95/p99/max latency, errors (status >= 400, socket errors,
timeouts after --timeout seconds), the server's CPU per request and peak RSS per worker, and
problem lines of the gunicorn log; writes bench/results/load-<database>-<N>-<timestamp>.json.
With --publish-every N, an editor publishes an article from the admin every N seconds during
the load (bench/editor.py): each publish must succeed and the published articles must have
risen by their count, else it is an error. Zero errors is the target.
"""

import argparse
import json
import random
import secrets
import time

import databases
import editor
import harness
import pageurls
import servers
import wrk

# Share of requests per page type (percent).
MIX = {"home": 15, "news list": 15, "filtered list": 15, "article": 35, "search": 10, "feed": 10}
SEQUENCE = 5000  # requests in the sequence that the connections rotate over


def request_sequence(pages, seed=6):
    """SEQUENCE paths drawn with the MIX weights, each type cycling through its own URLs."""
    rng = random.Random(seed)
    cursors = dict.fromkeys(MIX, 0)
    sequence = []
    for page in rng.choices(list(MIX), weights=list(MIX.values()), k=SEQUENCE):
        urls = pages[page]
        sequence.append(urls[cursors[page] % len(urls)])
        cursors[page] += 1
    return sequence


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--database", choices=["sqlite", "postgres"], default="postgres")
    parser.add_argument("--duration", type=int, default=60)
    parser.add_argument("--connections", type=int, default=200)
    parser.add_argument("--threads", type=int, default=2, help="wrk threads")
    parser.add_argument("--timeout", type=int, default=30, help="wrk and gunicorn timeout (s)")
    parser.add_argument("--workers", type=int, default=5, help="gunicorn workers (2 x cores + 1)")
    parser.add_argument("--gunicorn-threads", type=int, default=1)
    parser.add_argument("--cache-seconds", type=int, default=600, help="DJANGO_PAGE_CACHE_SECONDS")
    parser.add_argument("--port", type=int, default=8790)
    parser.add_argument("--redis-url", default=databases.REDIS_URL, help="its db is flushed")
    parser.add_argument("--reuse", action="store_true", help="measure an existing database")
    parser.add_argument(
        "--database-name", help="another throw-away database than healthnews_perf_<articles>"
    )
    parser.add_argument(
        "--publish-every", type=int, default=0, metavar="SECONDS", help="an editor publishes"
    )
    args = parser.parse_args()
    wrk.wrk_binary()

    env = databases.prepare_database(
        args.database, args.articles, args.reuse, args.redis_url, args.database_name
    )
    databases.collectstatic(env)
    sample = pageurls.sample_site(env)
    pages = pageurls.page_urls(sample)
    sequence = request_sequence(pages)
    if args.publish_every:
        password = secrets.token_urlsafe(24)
        editor.create_editor(env, password)
        published_before = editor.count_published(env)
    if args.database == "postgres":
        databases.flush_redis(args.redis_url)
    server_env = {**env, "DJANGO_PAGE_CACHE_SECONDS": str(args.cache_seconds)}
    server = servers.Server(
        f"load-{args.database}-{args.articles}",
        "healthnews.wsgi",
        server_env,
        args.port,
        workers=args.workers,
        threads=args.gunicorn_threads,
        timeout=args.timeout,
    )
    config = (
        f"{args.workers} sync workers x {args.gunicorn_threads} thread(s), "
        f"timeout {args.timeout} s, access log off, "
        "worker recycling as gunicorn.conf.py (2000 +/- 200 requests), "
        f"DJANGO_PAGE_CACHE_SECONDS={args.cache_seconds}, "
        f"{'PostgreSQL + Redis' if args.database == 'postgres' else 'SQLite + local memory cache'}"
    )
    print(f"\n{sample['published']:,} published articles; {config}", flush=True)
    with server:
        if failures := servers.check_paths(server.base, sorted(set(sequence))):
            raise SystemExit(f"Pages that do not answer 200 before the load: {failures}")
        wrk.run_wrk(server.base, sequence, 5, 10, args.threads)  # warm up
        if args.publish_every:
            session = editor.AdminSession(server.base)
            try:
                session.log_in(editor.USERNAME, password)
            except editor.FAILURES as error:
                raise SystemExit(f"The editor could not log in: {error}") from error
            times = editor.publish_times(args.duration, args.publish_every)
            publisher = editor.Editor(session, times)
            publisher.start()
        print(f"{args.connections} connections for {args.duration} s...", flush=True)
        result = wrk.measure(
            server, sequence, args.duration, args.connections, args.threads, args.timeout
        )
        if args.publish_every:
            publisher.join()
        problems = server.log_problems()
    errors = result["errors"]
    if args.publish_every:
        result["editor"] = publishing(publisher, published_before, editor.count_published(env))
        errors += result["editor"]["errors"]
    report = {
        "machine": harness.machine(),
        "database": args.database,
        "published": sample["published"],
        "configuration": config,
        "settings": vars(args),
        "mix_percent": MIX,
        "errors": errors,
        "result": result,
        "server_log_problems": problems[:100],
    }
    r = result
    by_editor = f", editor {r['editor']['errors']}" if args.publish_every else ""
    print(
        f"requests/s {r['rps']:.1f}  p50 {r['p50_ms']:.1f} ms  p95 {r['p95_ms']:.1f} ms  "
        f"p99 {r['p99_ms']:.1f} ms  max {r['max_ms']:.1f} ms  ({r['requests']:,} requests)\n"
        f"errors {errors} (status>=400 {r['status']}, timeouts {r['timeout']}, "
        f"connect {r['connect']}, read {r['read']}, write {r['write']}"
        f"{by_editor})  "
        f"CPU {r['cpu_ms_per_request']} ms/request  peak {r['peak_worker_mb']} MB/worker"
    )
    if args.publish_every:
        print(publishing_line(r["editor"], args.publish_every))
    if problems:
        print(f"server log: {len(problems)} problem lines, e.g. {problems[0]}")
    print(f"Target zero errors: {'PASS' if errors == 0 else 'FAIL'}")
    harness.RESULTS.mkdir(parents=True, exist_ok=True)
    stamp = time.strftime("%Y%m%d-%H%M%S")
    out = harness.RESULTS / f"load-{args.database}-{sample['published']}-{stamp}.json"
    out.write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n")
    print(f"Written to {out.relative_to(harness.ROOT)}")


def publishing(publisher, published_before, published_after):
    """The editor's publishes; an error each failed one, and one if the count did not rise."""
    errors = len(publisher.failures)
    if published_after - published_before != len(publisher.published):
        errors += 1
    return {
        "planned": len(publisher.times),
        "published": publisher.published,
        "failures": publisher.failures,
        "published_before": published_before,
        "published_after": published_after,
        "errors": errors,
    }


def publishing_line(editor_result, every):
    """One line on the editor's work for the report."""
    e = editor_result
    seconds = [p["seconds"] for p in e["published"]]
    took = f"; each took {min(seconds):.2f}-{max(seconds):.2f} s" if seconds else ""
    line = (
        f"editor: {len(e['published'])} of {e['planned']} publishes every {every} s done"
        f"{took}; published articles {e['published_before']:,} -> {e['published_after']:,}"
    )
    for failure in e["failures"]:
        line += f"\n  failed at {failure['at_s']} s: {failure['error']}"
    return line


if __name__ == "__main__":
    main()
