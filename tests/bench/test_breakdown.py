"""Tests for the CPU split of bench/breakdown.py: time in a nested area leaves the outer one."""

import time


def _burn(seconds):
    start = time.process_time()
    while time.process_time() - start < seconds:
        pass


class Page:
    def render(self):
        _burn(0.01)
        self.query()
        self.query()

    def query(self):
        _burn(0.02)


def test_nested_time_is_counted_once_in_the_inner_area(bench_on_path):
    from bench.breakdown import Split

    split = Split()
    split.wrap(Page, "render", "templates")
    split.wrap(Page, "query", "database")

    start = time.process_time()
    Page().render()
    total = time.process_time() - start

    # 10 ms of rendering around two 20 ms queries: the queries are not rendering time.
    assert 0.04 <= split.spent["database"] < 0.05
    assert 0.01 <= split.spent["templates"] < 0.02
    assert abs(split.spent["database"] + split.spent["templates"] - total) < 0.005
    assert split.stack == []
