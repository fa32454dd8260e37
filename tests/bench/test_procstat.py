"""Tests for the /proc accounting of the benchmarks, bench/procstat.py."""

import os

from bench import procstat

STAT = (
    "4242 (gunicorn: wor) ker) S 4200 4200 4200 0 -1 4194560 9000 0 0 0 "
    "150 30 7 3 20 0 1 0 12345 200000000 15000 18446744073709551615 1 1 0 0 0 0 0 "
    "16781312 134234627 0 0 0 17 1 0 0 0 0 0"
)


def test_parse_stat_reads_ppid_and_cpu_of_process_and_reaped_children():
    # A command name may hold spaces and parentheses: fields are counted after the last ")".
    assert procstat.parse_stat(STAT) == (4200, 150 + 30 + 7 + 3)


def test_parse_hwm_kb():
    status = "Name:\tpython\nVmPeak:\t  300000 kB\nVmHWM:\t   65432 kB\nVmRSS:\t   60000 kB\n"
    assert procstat.parse_hwm_kb(status) == 65432
    assert procstat.parse_hwm_kb("Name:\tkthreadd\n") == 0


def test_descendants_walks_the_whole_tree():
    table = {1: (0, 0), 10: (1, 5), 11: (10, 2), 12: (10, 3), 13: (11, 1), 20: (1, 9)}
    assert sorted(procstat.descendants(10, table)) == [10, 11, 12, 13]


def test_tree_cpu_seconds_of_this_process_grows_with_work():
    before = procstat.tree_cpu_seconds(os.getpid())
    total = 0
    while procstat.tree_cpu_seconds(os.getpid()) <= before:
        total += sum(range(100_000))
    assert procstat.tree_cpu_seconds(os.getpid()) > before
