"""Tests for the /proc accounting of the benchmarks' shared module, bench/harness.py."""

import os

from bench import harness

STAT = (
    "4242 (gunicorn: wor) ker) S 4200 4200 4200 0 -1 4194560 9000 0 0 0 "
    "150 30 7 3 20 0 1 0 12345 200000000 15000 18446744073709551615 1 1 0 0 0 0 0 "
    "16781312 134234627 0 0 0 17 1 0 0 0 0 0"
)


def test_parse_stat_reads_ppid_and_cpu_of_process_and_reaped_children():
    # A command name may hold spaces and parentheses: fields are counted after the last ")".
    assert harness.parse_stat(STAT) == (4200, 150 + 30 + 7 + 3)


def test_parse_hwm_kb():
    status = "Name:\tpython\nVmPeak:\t  300000 kB\nVmHWM:\t   65432 kB\nVmRSS:\t   60000 kB\n"
    assert harness.parse_hwm_kb(status) == 65432
    assert harness.parse_hwm_kb("Name:\tkthreadd\n") == 0


def test_descendants_walks_the_whole_tree():
    table = {1: (0, 0), 10: (1, 5), 11: (10, 2), 12: (10, 3), 13: (11, 1), 20: (1, 9)}
    assert sorted(harness.descendants(10, table)) == [10, 11, 12, 13]


def test_tree_cpu_seconds_of_this_process_grows_with_work():
    before = harness.tree_cpu_seconds(os.getpid())
    total = 0
    while harness.tree_cpu_seconds(os.getpid()) <= before:
        total += sum(range(100_000))
    assert harness.tree_cpu_seconds(os.getpid()) > before


def test_lua_string_escapes_quotes_and_backslashes():
    assert harness.lua_string('/tim-kiem/?q="sot"\\') == '"/tim-kiem/?q=\\"sot\\"\\\\"'


def _page(cpu, floor_cpu=None, rps=100.0, floor_rps=None):
    result = {"cpu_ms_per_request": cpu, "rps": rps, "peak_worker_mb": 60}
    if floor_cpu is not None:
        result["adjacent_floor"] = {
            "page": "floor: 20-item template",
            "cpu_ms_per_request": floor_cpu,
            "rps": 1,
        }
    if floor_rps is not None:
        result["adjacent_floor"] = {
            "page": "floor: constant 20 KB",
            "cpu_ms_per_request": 0.5,
            "rps": floor_rps,
        }
    return result


def _group(articles, page):
    floors = {
        "floor: constant 20 KB": {"cpu_ms_per_request": 0.5, "rps": 1000.0},
        "floor: 20-item template": {"cpu_ms_per_request": 2.0, "rps": 200.0},
    }
    return {"database": "sqlite", "articles": articles, "floor": floors, "uncached": {"news": page}}


def test_pages_compares_each_page_with_the_floor_measured_next_to_it(capsys, monkeypatch):
    monkeypatch.syspath_prepend(os.path.dirname(harness.__file__))  # pages.py imports harness
    from bench import pages

    # The machine slowed down by half between the two sizes: page and floor both cost 1.5x.
    small = _group(1000, _page(10.0, floor_cpu=2.0))
    large = _group(100000, _page(15.0, floor_cpu=3.0))
    for group in (small, large):
        pages.ratios(group)
    assert large["uncached"]["news"]["cpu_vs_template_floor"] == 5.0
    verdicts = pages.check_targets([small, large])
    growth = next(v for name, v in verdicts.items() if name.startswith("CPU/request at most"))
    assert growth == "PASS"

    # The page itself grew: caught.
    large = _group(100000, _page(20.0, floor_cpu=2.0))
    pages.ratios(large)
    verdicts = pages.check_targets([small, large])
    growth = next(v for name, v in verdicts.items() if name.startswith("CPU/request at most"))
    assert growth.startswith("FAIL") and "x5.0->x10.0" in growth


def test_pages_does_not_pass_a_target_whose_pages_were_not_measured(capsys, monkeypatch):
    monkeypatch.syspath_prepend(os.path.dirname(harness.__file__))
    from bench import pages

    only_uncached = _group(1000, _page(10.0, floor_cpu=2.0))  # no "cached" pages (--modes)
    pages.ratios(only_uncached)
    verdicts = pages.check_targets([only_uncached])

    cached = next(v for name, v in verdicts.items() if name.startswith("cached req/s"))
    uncached = next(v for name, v in verdicts.items() if name.startswith("uncached CPU"))
    assert cached.startswith("NOT MEASURED")
    assert uncached.startswith("FAIL") and "x5.0" in uncached
