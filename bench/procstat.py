"""/proc accounting of the servers under test: CPU of a process tree, peak memory of workers."""

import os
import threading
from pathlib import Path

CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


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
