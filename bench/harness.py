"""What bench/pages.py and bench/load.py share: databases, gunicorn servers, wrk, /proc accounting.

Standard library only (plus psycopg and redis, already requirements of the site). Every server
under test is started the same way: `python -m gunicorn -c gunicorn.conf.py --no-control-socket
<app>`, sync workers, access log off (GUNICORN_ACCESSLOG=""), environment knobs of
gunicorn.conf.py for workers, threads, timeout and worker recycling.
"""

import json
import os
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
RESULTS = BENCH / "results"
PYTHON = sys.executable
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")
PAGE_SIZE = os.sysconf("SC_PAGE_SIZE")

SQLITE_PATH = "/tmp/healthnews-perf-{articles}.sqlite3"
POSTGRES_URL = "postgres://postgres@127.0.0.1:5432/healthnews_perf_{articles}"
REDIS_URL = "redis://127.0.0.1:6379/14"
# Databases that belong to people, not to benchmarks: never migrated, filled or measured here.
FORBIDDEN_POSTGRES = {"healthnews", "healthnews_bench", "postgres", "template0", "template1"}
SEARCH_QUERIES = ["sốt", "dien bien", "bệnh viện", "tiem chung", '"sốt xuất huyết"', "huế"]


# -------------------------------------------------------------------------------------------
# /proc accounting
# -------------------------------------------------------------------------------------------


def parse_stat(text):
    """(ppid, cpu ticks of the process and its reaped children) from a /proc/<pid>/stat line.

    The command name (field 2) may hold spaces and parentheses: split after the last ")".
    Fields 14-17 are utime, stime, cutime, cstime.
    """
    fields = text[text.rindex(")") + 2 :].split()
    ppid = int(fields[1])
    return ppid, sum(int(value) for value in fields[11:15])


def parse_hwm_kb(text):
    """Peak resident set size (VmHWM, kB) from a /proc/<pid>/status text, 0 if absent."""
    for line in text.splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return 0


def _read(path):
    try:
        return Path(path).read_text()
    except (FileNotFoundError, ProcessLookupError, PermissionError):
        return None


def process_table():
    """{pid: (ppid, cpu ticks)} of every process readable in /proc."""
    table = {}
    for entry in os.scandir("/proc"):
        if entry.name.isdigit() and (text := _read(f"/proc/{entry.name}/stat")):
            table[int(entry.name)] = parse_stat(text)
    return table


def descendants(root, table):
    """root and every process below it in the table."""
    children = {}
    for pid, (ppid, _ticks) in table.items():
        children.setdefault(ppid, []).append(pid)
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo.extend(children.get(pid, []))
    return found


def tree_cpu_seconds(root):
    """CPU seconds (user + system) used so far by root, its live descendants and reaped ones.

    A recycled worker's time moves into the master's cutime/cstime when it is reaped, so the
    sum only grows: the difference of two readings is what the server spent in between.
    """
    table = process_table()
    return sum(table[pid][1] for pid in descendants(root, table) if pid in table) / CLOCK_TICKS


def pids_cpu_ticks(pids):
    """{pid: cpu ticks} of the given processes that still exist."""
    ticks = {}
    for pid in pids:
        if text := _read(f"/proc/{pid}/stat"):
            ticks[pid] = parse_stat(text)[1]
    return ticks


def postgres_backends(url):
    """Pids of the PostgreSQL backends connected to url's database (the site's connections)."""
    sys.path.insert(0, str(BENCH))
    from search_latency import server_connection

    connection, name = server_connection(url)
    with connection:
        rows = connection.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()",
            [name],
        ).fetchall()
    return [pid for (pid,) in rows]


class PeakMemory:
    """Samples VmHWM of the workers (children of master) while running; keeps the peak per pid."""

    def __init__(self, master, interval=0.5):
        self.master, self.interval = master, interval
        self.peak_kb = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def sample(self):
        table = process_table()
        for pid in descendants(self.master, table):
            if pid != self.master and (text := _read(f"/proc/{pid}/status")):
                self.peak_kb[pid] = max(self.peak_kb.get(pid, 0), parse_hwm_kb(text))

    def _run(self):
        while not self._stop.wait(self.interval):
            self.sample()

    def __enter__(self):
        self.sample()
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()
        self.sample()

    @property
    def max_mb(self):
        return round(max(self.peak_kb.values(), default=0) / 1024, 1)


# -------------------------------------------------------------------------------------------
# Databases
# -------------------------------------------------------------------------------------------


def database_url(database, articles):
    if database == "sqlite":
        path = Path(SQLITE_PATH.format(articles=articles))
        if path.resolve() == (ROOT / "db.sqlite3").resolve():
            sys.exit("Refusing to use the project's db.sqlite3.")
        return f"sqlite:///{path}"
    url = POSTGRES_URL.format(articles=articles)
    name = url.rsplit("/", 1)[1]
    if name in FORBIDDEN_POSTGRES or name.startswith("test"):
        sys.exit(f"Refusing to use the PostgreSQL database {name}.")
    return url


def site_env(database, articles, redis_url=REDIS_URL, **extra):
    """Environment of a production healthnews (DEBUG off) on a throw-away database, plain HTTP."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "healthnews.settings",
        "DJANGO_DEBUG": "false",
        "DJANGO_SECRET_KEY": os.environ.get("BENCH_SECRET_KEY") or secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DJANGO_CSRF_TRUSTED_ORIGINS": "http://127.0.0.1",
        "DJANGO_SECURE_SSL_REDIRECT": "false",
        "DJANGO_HSTS_SECONDS": "0",
        "DATABASE_URL": database_url(database, articles),
        # Persistent connections, as a production site keeps them.
        "DATABASE_CONN_MAX_AGE": "600",
        **extra,
    }
    # Redis on both databases: the page cache and the cached list totals need a cache that
    # every worker shares (settings.PAGE_CACHE_SECONDS is 0 without it).
    env["REDIS_URL"] = redis_url
    return env


def manage(env, *args, capture=False):
    """Run manage.py in a subprocess (the benchmark process never imports the site)."""
    return run_python(env, str(ROOT / "manage.py"), *args, capture=capture)


def run_python(env, *args, capture=False):
    """Run Python in a subprocess from the project root; exit with its output if it fails."""
    command = [PYTHON, *args]
    done = subprocess.run(command, cwd=ROOT, env=env, text=True, capture_output=capture)
    if done.returncode:
        sys.exit(f"{' '.join(args)} failed:\n{done.stdout or ''}{done.stderr or ''}")
    return done.stdout


def count_articles(env):
    """Articles in the database, or None when it has no article table (empty or missing)."""
    code = (
        "from django.db import connection\n"
        "tables = connection.introspection.table_names()\n"
        "from articles.models import Article\n"
        "print(Article.objects.count() if 'articles_article' in tables else 'none')\n"
    )
    out = manage(env, "shell", "--no-imports", "-c", code, capture=True).strip().splitlines()[-1]
    return None if out == "none" else int(out)


def prepare_database(database, articles, reuse, redis_url=REDIS_URL):
    """Make sure the throw-away database for `articles` exists and is filled; return site env.

    New: migrate, load the fixtures, `python -m bench.generate N`. Already filled: refused
    unless reuse.
    """
    env = site_env(database, articles, redis_url)
    url = env["DATABASE_URL"]
    if database == "postgres":
        sys.path.insert(0, str(BENCH))
        from search_latency import create_postgres_database

        create_postgres_database(url)
    elif reuse and not Path(url.removeprefix("sqlite:///")).exists():
        sys.exit(f"--reuse: {url} does not exist.")
    existing = count_articles(env)
    if existing and not reuse:
        sys.exit(
            f"Refusing to fill {url}: it already holds {existing:,} articles. "
            "Measure it as it is with --reuse, or drop it."
        )
    if existing and reuse:
        print(f"Reusing {url} ({existing:,} articles).", flush=True)
        manage(env, "migrate", "--no-input", "--verbosity", "0")
        return env
    if reuse:
        sys.exit(f"--reuse: {url} holds no article.")
    print(f"Filling {url} with {articles:,} articles...", flush=True)
    started = time.perf_counter()
    manage(env, "migrate", "--no-input", "--verbosity", "0")
    manage(env, "loaddata", "people", "articles", "--verbosity", "0")
    # --append: the fixtures' five articles are there; --force: this server runs DEBUG off.
    run_python(env, "-m", "bench.generate", str(articles), "--append", "--force")
    if database == "postgres":
        vacuum(url)
    print(f"Filled in {time.perf_counter() - started:.0f} s.", flush=True)
    return env


def vacuum(url):
    """VACUUM (ANALYZE) a freshly filled PostgreSQL database: a live database is vacuumed by
    autovacuum, and without the visibility map its index-only scans visit the table (25,000
    heap fetches for one facility page at 100,000 articles)."""
    import psycopg

    with psycopg.connect(url.replace("postgres://", "postgresql://", 1), autocommit=True) as db:
        db.execute("VACUUM (ANALYZE)")


def collectstatic(env):
    """The manifest static storage (DEBUG off) needs collected files, as `make serve` does."""
    manage(env, "collectstatic", "--no-input", "--verbosity", "0")


def flush_redis(url):
    """Empty the benchmark's own Redis database (only that one)."""
    import redis

    redis.Redis.from_url(url).flushdb()


SAMPLE_CODE = """
import json
from django.db.models import Count, Q
from articles.models import Article
from people.models import Official, Organisation, Province
published = Article.objects.published()
count = published.count()
step = max(1, count // {articles})
slugs = list(published.order_by("pk").values_list("slug", flat=True)[::step][:{articles}])
def full_first_page(queryset, link):
    # Named in a full first page of published articles (20), as at every size: a page of 3
    # cards at 1,000 articles and of 20 at 100,000 would measure the content, not the growth.
    named = queryset.annotate(n=Count(link, filter=Q(**{{link + "__in": published}})))
    full = named.filter(n__gte=20).order_by("slug")
    return list((full if full.exists() else named.order_by("-n", "slug"))
                .values_list("slug", flat=True)[:{others}])
provinces = full_first_page(Province.objects.all(), "articles")
officials = full_first_page(Official.objects.all(), "mentions__article")
kinds = [Organisation.Kind.HOSPITAL, Organisation.Kind.HEALTH_CENTRE, Organisation.Kind.CDC,
         Organisation.Kind.HEALTH_STATION]
facilities = full_first_page(Organisation.objects.filter(kind__in=kinds), "articles")
print("SAMPLE " + json.dumps({{"published": count, "articles": slugs, "provinces": provinces,
                               "officials": officials, "facilities": facilities}}))
"""


def sample_site(env, articles=200, others=30):
    """Slugs to rotate over: articles spread over the archive, provinces with news, officials,
    facilities; read through the site's own models in a subprocess."""
    code = SAMPLE_CODE.format(articles=articles, others=others)
    out = manage(env, "shell", "--no-imports", "-c", code, capture=True)
    line = next(line for line in out.splitlines() if line.startswith("SAMPLE "))
    return json.loads(line.removeprefix("SAMPLE "))


def page_urls(sample):
    """The public page types and the paths each rotates over."""
    from urllib.parse import quote

    return {
        "home": ["/"],
        "news list": ["/tin-tuc/"] + [f"/tin-tuc/?page={page}" for page in range(2, 6)],
        "filtered list": [f"/tin-tuc/?tinh={slug}" for slug in sample["provinces"]],
        "article": [f"/tin-tuc/{slug}/" for slug in sample["articles"]],
        "official": [f"/can-bo/{slug}/" for slug in sample["officials"]],
        "facility": [f"/don-vi/{slug}/" for slug in sample["facilities"]],
        "search": [f"/tim-kiem/?q={quote(query)}" for query in SEARCH_QUERIES],
        "feed": ["/rss/"] + [f"/rss/tinh/{slug}/" for slug in sample["provinces"][:5]],
    }


# -------------------------------------------------------------------------------------------
# Servers
# -------------------------------------------------------------------------------------------


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


_opener = urllib.request.build_opener(NoRedirect)


def get_status(url, timeout=60):
    try:
        with _opener.open(url, timeout=timeout) as response:
            response.read()
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


class Server:
    """One gunicorn (master + workers) serving app from cwd, started and stopped by us only."""

    def __init__(self, name, app, env, port, cwd=ROOT, workers=2, threads=1, timeout=30, probe="/"):
        self.name, self.app, self.port, self.cwd, self.probe = name, app, port, cwd, probe
        self.base = f"http://127.0.0.1:{port}"
        self.config = {"workers": workers, "threads": threads, "timeout": timeout}
        self.env = {
            **env,
            "GUNICORN_BIND": f"127.0.0.1:{port}",
            "GUNICORN_WORKERS": str(workers),
            "GUNICORN_THREADS": str(threads),
            "GUNICORN_TIMEOUT": str(timeout),
            "GUNICORN_ACCESSLOG": "",
        }
        RESULTS.mkdir(parents=True, exist_ok=True)
        self.log_path = RESULTS / f"server-{name}.log"
        self.process = None

    @property
    def command(self):
        conf = str(ROOT / "gunicorn.conf.py")
        return [PYTHON, "-m", "gunicorn", "-c", conf, "--no-control-socket", self.app]

    def start(self):
        probe = self.probe
        if get_status_quiet(self.base + "/") is not None:
            sys.exit(f"Port {self.port} is already in use: choose another with --port.")
        self.log = self.log_path.open("w")
        self.process = subprocess.Popen(
            self.command, cwd=self.cwd, env=self.env, stdout=self.log, stderr=subprocess.STDOUT
        )
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                sys.exit(f"{self.name} exited at start; see {self.log_path}")
            if get_status_quiet(self.base + probe) == 200:
                return self
            time.sleep(0.3)
        self.stop()
        sys.exit(f"{self.name} did not answer 200 on {probe} in 120 s; see {self.log_path}")

    def workers(self):
        table = process_table()
        return [pid for pid in descendants(self.process.pid, table) if pid != self.process.pid]

    def cpu_seconds(self):
        return tree_cpu_seconds(self.process.pid)

    def log_problems(self):
        """Lines of the server log that tell of errors (tracebacks, worker timeouts, kills)."""
        self.log.flush()
        words = (
            "Traceback",
            "Internal Server Error",
            "ERROR",
            "CRITICAL",
            "WORKER TIMEOUT",
            "SIGKILL",
            "was terminated",
        )
        return [
            line for line in self.log_path.read_text().splitlines() if any(w in line for w in words)
        ]

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=40)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        if self.process:
            self.log.close()

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()


def get_status_quiet(url):
    try:
        return get_status(url, timeout=2)
    except OSError:
        return None


def check_paths(base, paths):
    """Every path must answer 200 (no redirect) before it is measured: returns the failures."""
    return {path: status for path in paths if (status := get_status(base + path)) != 200}


def floor_server(port, workers=2, threads=1):
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL"}}
    env |= {"DJANGO_SETTINGS_MODULE": "floor.settings", "GUNICORN_MAX_REQUESTS": "0"}
    return Server("floor", "floor.wsgi", env, port, BENCH, workers, threads, probe="/constant/")


# -------------------------------------------------------------------------------------------
# wrk
# -------------------------------------------------------------------------------------------

WRK_SCRIPT = """
paths = {paths}
local threads = 0
function setup(thread)
  threads = threads + 1
  thread:set("offset", threads * 7919)
end
local i = 0
function request()
  i = i + 1
  return wrk.format("GET", paths[((offset or 0) + i) % #paths + 1])
end
function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'WRK-JSON {{"requests": %d, "duration_us": %d, "bytes": %d, "connect": %d, "read": %d, ' ..
    '"write": %d, "status": %d, "timeout": %d, "p50_us": %d, "p95_us": %d, "p99_us": %d, ' ..
    '"max_us": %d, "mean_us": %.1f}}\\n',
    summary.requests, summary.duration, summary.bytes, e.connect, e.read, e.write, e.status,
    e.timeout, latency:percentile(50), latency:percentile(95), latency:percentile(99),
    latency.max, latency.mean))
end
"""


def lua_string(text):
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def wrk_binary():
    found = shutil.which("wrk") or ("/usr/bin/wrk" if Path("/usr/bin/wrk").exists() else None)
    if not found:
        sys.exit("wrk is missing: apt-get install -y wrk")
    return found


def run_wrk(base, paths, duration, connections, threads=2, timeout=10):
    """Run wrk against base, rotating over paths; returns wrk's summary as a dict.

    errors = socket errors (connect, read, write), timeouts and status >= 400 (wrk's count).
    """
    script = WRK_SCRIPT.format(paths="{" + ", ".join(lua_string(p) for p in paths) + "}")
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as handle:
        handle.write(script)
    try:
        command = [
            wrk_binary(),
            f"--threads={min(threads, connections)}",
            f"--connections={connections}",
            f"--duration={duration}s",
            f"--timeout={timeout}s",
            f"--script={handle.name}",
            base,
        ]
        done = subprocess.run(command, capture_output=True, text=True)
    finally:
        os.unlink(handle.name)
    line = next((x for x in done.stdout.splitlines() if x.startswith("WRK-JSON ")), None)
    if done.returncode or line is None:
        sys.exit(f"wrk failed ({done.returncode}):\n{done.stdout}{done.stderr}")
    result = json.loads(line.removeprefix("WRK-JSON "))
    seconds = result["duration_us"] / 1e6
    result["rps"] = round(result["requests"] / seconds, 1) if seconds else 0.0
    result["errors"] = sum(result[key] for key in ("connect", "read", "write", "status", "timeout"))
    for key in ("p50", "p95", "p99", "max"):
        result[f"{key}_ms"] = round(result.pop(f"{key}_us") / 1000, 2)
    return result


def measure(server, paths, duration, connections, threads=2, timeout=10):
    """wrk against server for duration seconds, with the server's CPU and peak worker memory.

    On PostgreSQL, the CPU of the backends serving the site's connections is added apart
    (db_cpu_ms_per_request): SQLite's work is inside the workers, PostgreSQL's is not.
    """
    url = server.env.get("DATABASE_URL", "")
    postgres = url.startswith("postgres")
    with PeakMemory(server.process.pid) as memory:
        db_before = pids_cpu_ticks(postgres_backends(url)) if postgres else {}
        cpu_before = server.cpu_seconds()
        result = run_wrk(server.base, paths, duration, connections, threads, timeout)
        cpu = server.cpu_seconds() - cpu_before
        db_after = pids_cpu_ticks(postgres_backends(url)) if postgres else {}
    requests = result["requests"]
    result["cpu_seconds"] = round(cpu, 2)
    result["cpu_ms_per_request"] = round(1000 * cpu / requests, 3) if requests else None
    if postgres:
        db = sum(t - db_before.get(pid, 0) for pid, t in db_after.items()) / CLOCK_TICKS
        result["db_cpu_ms_per_request"] = round(1000 * db / requests, 3) if requests else None
    result["peak_worker_mb"] = memory.max_mb
    result["workers_seen"] = len(memory.peak_kb)
    return result


def machine():
    import platform

    load = os.getloadavg()
    return {
        "cpus": os.cpu_count(),
        "platform": platform.platform(),
        "python": platform.python_version(),
        "loadavg_at_start": [round(x, 2) for x in load],
        "started": time.strftime("%Y-%m-%d %H:%M:%S %z"),
    }
