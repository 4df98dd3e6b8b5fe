"""Shared pieces of the sweep tests: a small spec, a reference sweep, and table comparisons."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

import hybridsim
from hybridsim.sweep import open_sweep

ROOT = Path(__file__).resolve().parents[1]

# 4 Latin-hypercube samples x 2 values of calendar.turns = 8 design points, 3 replications.
# With calendar.turns 6 the tutorial's week-8 meeting falls after the last turn, so those
# 12 runs fail (a run that raises is recorded, the sweep goes on); 12 runs succeed.
SMALL: dict[str, Any] = {
    "name": "small",
    "scenario": "tutorial",
    "turns": 3,
    "replications": 3,
    "seed": 99,
    "design": {"kind": "latin_hypercube", "samples": 4},
    "uncertainties": [
        {"path": "states.DE.public_trust", "range": [0.3, 0.8]},
        {"path": "adversaries.RU.risk_appetite", "range": [0.2, 0.9]},
    ],
    "levers": [{"path": "calendar.turns", "values": [12, 6]}],
    "outcomes": {
        "final": [
            "alliance.cohesion",
            {"path": "alliance.cohesion", "over": "min"},
            "states.mean.public_trust",
            {"path": "adversaries.RU.successes", "over": "sum"},
            {"path": "adversaries.sum.successes", "over": "sum"},
            "summary.adversaries.RU.successes",
            "summary.end_reason",
        ],
        "series": ["alliance.cohesion", "states.*.public_trust"],
    },
}
SMALL_RUNS = 24
SMALL_FAILED = 12


def small_spec(**changes: Any) -> dict[str, Any]:
    spec = copy.deepcopy(SMALL)
    spec.update(changes)
    return spec


def tables(folder: Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    """runs (without wall_time, the one column that measures the machine) and indicators."""
    result = open_sweep(folder)
    return result.runs.drop(columns=["wall_time"]), result.indicators


def assert_same_tables(folder: Path, reference: Path) -> None:
    runs, indicators = tables(folder)
    ref_runs, ref_indicators = tables(reference)
    pd.testing.assert_frame_equal(runs, ref_runs, check_exact=True)
    pd.testing.assert_frame_equal(indicators, ref_indicators, check_exact=True)
    assert runs["run_id"].is_unique
    assert runs["run_id"].is_monotonic_increasing


@pytest.fixture(scope="session")
def reference(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The small sweep run serially in this process: the tables every other way must match."""
    out = tmp_path_factory.mktemp("reference") / "small"
    result = hybridsim.sweep(small_spec(), out, executor="serial", progress=False)
    assert result.complete
    return out
