from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[2] / "bench"


@pytest.fixture
def bench_on_path(monkeypatch):
    """The bench scripts import each other as top-level modules, as when run from bench/."""
    monkeypatch.syspath_prepend(str(BENCH))
