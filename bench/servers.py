"""gunicorn servers under test, started and stopped by the benchmark only, and their probes."""

import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request

from harness import BENCH, PYTHON, RESULTS, ROOT
from procstat import descendants, process_table, tree_cpu_seconds


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
