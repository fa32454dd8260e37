"""Tests for bench/budget.py: medians of alternations, issue 19's targets and table."""

from bench import budget


def _page(cpus, floor_cpus, rps=100.0, floor_rps=125.0, memory=60):
    rounds = [
        {"cpu": cpu, "rps": rps, "floor_cpu": floor, "floor_rps": floor_rps}
        for cpu, floor in zip(cpus, floor_cpus, strict=True)
    ]
    return {"rounds": rounds, "peak_worker_mb": memory}


def _group(articles, uncached, cached=None, database="sqlite"):
    group = {"database": database, "articles": articles, "uncached": uncached}
    if cached is not None:
        group["cached"] = cached
    budget.ratios(group)
    return group


def test_a_page_multiple_is_the_median_of_its_rounds():
    # Round 3 caught the page alone in a slow second; the floor drifted from round to round.
    page = _page([10.0, 15.0, 30.0, 12.0, 11.0], [2.0, 3.0, 2.0, 2.4, 2.2])

    group = _group(1000, {"home": page})

    assert group["uncached"]["home"]["cpu_vs_template_floor"] == 5.0
    assert group["uncached"]["home"]["server_cpu_ms_per_request"] == 12.0
    assert group["uncached"]["home"]["rps_vs_constant_floor"] == 0.8


def test_search_has_a_budget_of_its_own():
    group = _group(1000, {"search": _page([9.0], [1.0]), "home": _page([7.0], [1.0])})

    targets = budget.check_targets([group])

    uncached = next(v for k, v in targets.items() if k.startswith("uncached"))
    assert uncached == ["sqlite 1000 home x7.0"]


def test_growth_compares_the_multiples_at_the_fewest_and_the_most_articles():
    small = _group(1000, {"home": _page([10.0], [2.0])})
    slower_machine = _group(100000, {"home": _page([15.0], [3.0])})
    grown = _group(100000, {"home": _page([13.0], [2.0])})

    kept = budget.check_targets([small, slower_machine])
    failed = budget.check_targets([small, grown])

    growth = next(k for k in kept if k.startswith("multiple of the floor"))
    assert kept[growth] == []
    assert failed[growth] == ["sqlite uncached home x5.0->x6.5"]


def test_targets_of_modes_not_measured_are_not_passed():
    targets = budget.check_targets([_group(1000, {"home": _page([5.0], [1.0])})])

    verdicts = {name: budget.verdict_text(failing) for name, failing in targets.items()}

    assert [v.split(" (")[0] for v in verdicts.values()] == [
        "PASS", "NOT MEASURED", "NOT MEASURED", "PASS",
    ]  # fmt: skip


def test_budget_table_has_a_column_per_size_and_bolds_what_breaks_a_target():
    fewest = _group(
        1000,
        {"home": _page([5.0], [1.0]), "search": _page([9.0], [1.0])},
        cached={"home": _page([0.3], [0.3], rps=70.0, floor_rps=100.0)},
    )
    most = _group(100000, {"home": _page([7.0], [1.0]), "search": _page([9.5], [1.0])})

    table = budget.budget_table([fewest, most])

    assert table == [
        "| page | budget | SQLite 1,000 | SQLite 100,000 | growth SQLite "
        "| cached, share of constant | MB/worker |",
        "|---|---:|---:|---:|---:|---:|---:|",
        "| home | ×6 | ×5.0 | **×7.0** | **×1.40** | **70%–70%** | 60 |",
        "| search | ×10 | ×9.0 | ×9.5 | ×1.06 | – | 60 |",
    ]
