"""What every bench script shares: where the project and the results are, the machine measured.

Every server under test is started the same way (bench/servers.py): `python -m gunicorn -c
gunicorn.conf.py --no-control-socket <app>`, sync workers, access log off, environment knobs of
gunicorn.conf.py for workers, threads, timeout and worker recycling. bench/databases.py fills
and opens the throw-away databases, bench/pageurls.py picks the URLs, bench/wrk.py loads a server
and bench/procstat.py reads its CPU and memory in /proc.
"""

import os
import platform
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
RESULTS = BENCH / "results"
PYTHON = sys.executable


def machine():
    """The machine a run measured, for its report."""
    load = os.getloadavg()
    return {
        "cpus": os.cpu_count(),
        "platform": platform.platform(),
        "python": platform.python_version(),
        "loadavg_at_start": [round(x, 2) for x in load],
        "started": time.strftime("%Y-%m-%d %H:%M:%S %z"),
    }
