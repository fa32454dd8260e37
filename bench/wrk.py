"""wrk runs against a server, with the server's CPU and its workers' peak memory."""

import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from databases import postgres_backends
from procstat import CLOCK_TICKS, PeakMemory, pids_cpu_ticks

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
