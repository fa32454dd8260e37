"""gunicorn settings for healthnews (`gunicorn healthnews.wsgi`), read from the environment."""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2 + 1))
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 30
# Recycle workers now and then so that no slow leak can grow without bound.
# GUNICORN_MAX_REQUESTS=0 turns recycling off (benchmarks: a worker's start-up is not a request).
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "2000"))
max_requests_jitter = 200 if max_requests else 0
# The reverse proxy in front (nginx, Caddy) terminates TLS and sets X-Forwarded-Proto.
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1")
# GUNICORN_ACCESSLOG="" turns the access log off (benchmarks); a path writes it to that file.
accesslog = os.environ.get("GUNICORN_ACCESSLOG", "-") or None
errorlog = "-"
