"""Issue 19's budget: bench/pages.py's measurements as multiples of the floor, checked and tabled.

Each page is measured in --alternations rounds, each the floor then the page, so that the
machine's drift in speed hits both alike; a page's multiple is the median of its rounds'.
"""

import statistics

CONSTANT = "floor: constant 20 KB"
TEMPLATE = "floor: 20-item template"
FLOORS = {CONSTANT: ["/constant/"], TEMPLATE: ["/items/"]}

BUDGET = 6.0  # uncached page CPU/request <= 6 x the 20-item template floor...
BUDGETS = {"search": 10.0}  # ...but these
TARGET_RPS_RATIO = 0.8  # cached page requests/s >= 80 % of the constant page
TARGET_GROWTH = 1.2  # multiple at the most articles <= 1.2 x at the fewest
TARGET_MEMORY_MB = 100  # peak RSS per worker
MODES = ("uncached", "cached")
DATABASE_NAMES = {"sqlite": "SQLite", "postgres": "PostgreSQL"}


def budget(page):
    return BUDGETS.get(page, BUDGET)


def server_cpu(result):
    """CPU ms per request of the server side: gunicorn's tree plus, on PostgreSQL, its backends."""
    return (result["cpu_ms_per_request"] or 0) + (result.get("db_cpu_ms_per_request") or 0)


def ratios(group):
    """Each page's medians over its rounds: CPU over the floor's and req/s over the floor's.

    Uncached pages are compared with the template floor, hits with the constant page, each
    with the floor measured just before it in the same round.
    """
    for mode in MODES:
        for r in group.get(mode, {}).values():
            rounds = r["rounds"]
            r["server_cpu_ms_per_request"] = round(statistics.median(x["cpu"] for x in rounds), 3)
            cpu = [x["cpu"] / x["floor_cpu"] for x in rounds]
            rps = [x["rps"] / x["floor_rps"] for x in rounds]
            key = "cpu_vs_template_floor" if mode == "uncached" else "cpu_vs_constant_floor"
            r[key] = round(statistics.median(cpu), 2)
            r["rps_vs_constant_floor"] = round(statistics.median(rps), 3)


def _growth(groups):
    """{(database, mode, page): (multiple at the fewest, at the most)} with two sizes or more."""
    growth = {}
    for database in dict.fromkeys(g["database"] for g in groups):
        sizes = sorted(
            (g for g in groups if g["database"] == database), key=lambda g: g["articles"]
        )
        if len(sizes) < 2:
            continue
        small, large = sizes[0], sizes[-1]
        for mode in MODES:
            key = "cpu_vs_template_floor" if mode == "uncached" else "cpu_vs_constant_floor"
            for page, r in large.get(mode, {}).items():
                if page in small.get(mode, {}):
                    growth[database, mode, page] = (small[mode][page][key], r[key])
    return growth


def check_targets(groups):
    """{target: None (not measured), or the cells that fail it}."""
    uncached = [(g, page, r) for g in groups for page, r in g.get("uncached", {}).items()]
    cached = [(g, page, r) for g in groups for page, r in g.get("cached", {}).items()]
    growth = _growth(groups)
    cells = uncached + cached
    return {
        f"uncached CPU/request <= x{BUDGET:g} the template floor (search x{BUDGETS['search']:g})": [
            f"{g['database']} {g['articles']} {page} x{r['cpu_vs_template_floor']}"
            for g, page, r in uncached
            if r["cpu_vs_template_floor"] > budget(page)
        ]
        if uncached
        else None,
        f"cached req/s >= {TARGET_RPS_RATIO:.0%} of the constant page": [
            f"{g['database']} {g['articles']} {page} {100 * r['rps_vs_constant_floor']:.0f}%"
            for g, page, r in cached
            if r["rps_vs_constant_floor"] < TARGET_RPS_RATIO
        ]
        if cached
        else None,
        f"multiple of the floor at the most articles <= {TARGET_GROWTH:g} x at the fewest": [
            f"{database} {mode} {page} x{before}->x{after}"
            for (database, mode, page), (before, after) in growth.items()
            if after > TARGET_GROWTH * before
        ]
        if growth
        else None,
        f"peak memory < {TARGET_MEMORY_MB} MB per worker": [
            f"{g['database']} {g['articles']} {page} {r['peak_worker_mb']} MB"
            for g, page, r in cells
            if r["peak_worker_mb"] >= TARGET_MEMORY_MB
        ]
        if cells
        else None,
    }


def verdict_text(failing):
    if failing is None:
        return "NOT MEASURED (needs that mode, and two article counts for growth)"
    return "PASS" if not failing else f"FAIL ({len(failing)}): " + "; ".join(failing)


def _cell(text, ok):
    """A table cell, bold when it breaks its target."""
    return text if ok else f"**{text}**"


def budget_table(groups):
    """Issue 19's table in Markdown: a page per row, a database and size per column."""
    columns = [g for g in groups if g.get("uncached")]
    growth = _growth(groups)
    grown = list(dict.fromkeys(database for database, mode, _page in growth if mode == "uncached"))
    heads = [f"{DATABASE_NAMES[g['database']]} {g['articles']:,}" for g in columns]
    heads += [f"growth {DATABASE_NAMES[database]}" for database in grown]
    lines = [
        "| page | budget | " + " | ".join(heads) + " | cached, share of constant | MB/worker |",
        "|---|---:|" + "---:|" * len(heads) + "---:|---:|",
    ]
    pages = dict.fromkeys(page for g in groups for mode in MODES for page in g.get(mode, {}))
    for page in pages:
        cells = [f"×{budget(page):g}"]
        for g in columns:
            multiple = g["uncached"].get(page, {}).get("cpu_vs_template_floor")
            cells.append(
                "–" if multiple is None else _cell(f"×{multiple:.1f}", multiple <= budget(page))
            )
        for database in grown:
            before, after = growth.get((database, "uncached", page), (None, None))
            ratio = after / before if before else None
            cells.append("–" if ratio is None else _cell(f"×{ratio:.2f}", ratio <= TARGET_GROWTH))
        shares = [
            g["cached"][page]["rps_vs_constant_floor"]
            for g in groups
            if page in g.get("cached", {})
        ]
        ok = not shares or min(shares) >= TARGET_RPS_RATIO
        cells.append(_cell(f"{min(shares):.0%}–{max(shares):.0%}", ok) if shares else "–")
        memory = max(
            g[m][page]["peak_worker_mb"] for g in groups for m in MODES if page in g.get(m, {})
        )
        cells.append(_cell(f"{memory:.0f}", memory < TARGET_MEMORY_MB))
        lines.append(f"| {page} | " + " | ".join(cells) + " |")
    return lines
