"""Throw-away benchmark databases: where they are, filling them, the site's environment on them.

The benchmark process never imports the site: it runs manage.py and `python -m bench.generate`
in subprocesses with the site's environment.
"""

import os
import secrets
import subprocess
import sys
import time
from pathlib import Path

from harness import PYTHON, ROOT

SQLITE_PATH = "/tmp/healthnews-perf-{articles}.sqlite3"
POSTGRES_URL = "postgres://postgres@127.0.0.1:5432/healthnews_perf_{articles}"
REDIS_URL = "redis://127.0.0.1:6379/14"
# Databases that belong to people, not to benchmarks: never migrated, filled or measured here.
FORBIDDEN_POSTGRES = {"healthnews", "healthnews_bench", "postgres", "template0", "template1"}


def database_url(database, articles, name=None):
    """The throw-away database for `articles`, or the one called name (/tmp/<name>.sqlite3)."""
    if database == "sqlite":
        path = Path(f"/tmp/{name}.sqlite3" if name else SQLITE_PATH.format(articles=articles))
        if path.resolve() == (ROOT / "db.sqlite3").resolve():
            sys.exit("Refusing to use the project's db.sqlite3.")
        return f"sqlite:///{path}"
    url = POSTGRES_URL.format(articles=articles)
    if name:
        url = f"{url.rsplit('/', 1)[0]}/{name}"
    name = url.rsplit("/", 1)[1]
    if name in FORBIDDEN_POSTGRES or name.startswith("test"):
        sys.exit(f"Refusing to use the PostgreSQL database {name}.")
    return url


def site_env(database, articles, redis_url=REDIS_URL, name=None, **extra):
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
        "DATABASE_URL": database_url(database, articles, name),
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


def prepare_database(database, articles, reuse, redis_url=REDIS_URL, name=None):
    """Make sure the throw-away database for `articles` (or name) exists and is filled; return
    the site's environment on it.

    New: migrate, load the fixtures, `python -m bench.generate N`. Already filled: refused
    unless reuse.
    """
    env = site_env(database, articles, redis_url, name)
    url = env["DATABASE_URL"]
    if database == "postgres":
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


def server_connection(url, autocommit=False):
    """(A psycopg connection to the `postgres` database of url's server, url's database name)."""
    import dj_database_url
    import psycopg

    config = dj_database_url.parse(url)
    connection = psycopg.connect(
        host=config["HOST"] or None,
        port=config["PORT"] or None,
        user=config["USER"] or None,
        password=config["PASSWORD"] or None,
        dbname="postgres",
        autocommit=autocommit,
    )
    return connection, config["NAME"]


def create_postgres_database(url):
    """Create the PostgreSQL database named in url if it does not exist."""
    from psycopg import sql

    connection, name = server_connection(url, autocommit=True)
    with connection:
        exists = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if not exists.fetchone():
            connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
            print(f"Created PostgreSQL database {name}.")


def postgres_backends(url):
    """Pids of the PostgreSQL backends connected to url's database (the site's connections)."""
    connection, name = server_connection(url)
    with connection:
        rows = connection.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()",
            [name],
        ).fetchall()
    return [pid for (pid,) in rows]
