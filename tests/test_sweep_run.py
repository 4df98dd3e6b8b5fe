"""Running sweeps: recorded seeds and failures, identical tables whatever the executor, workers
or batching, resume after a crash, lost workers, CSV export, statistics, sensitivity, plots."""

from __future__ import annotations

import os
import shutil
import signal
import threading
import time
from pathlib import Path

import numpy as np
import pandas as pd
import psutil
import pytest

import hybridsim
from hybridsim.sweep import open_sweep
from hybridsim.sweep.seeds import run_seed
from hybridsim.sweep.store import SweepDirError
from sweep_support import SMALL_FAILED, SMALL_RUNS, assert_same_tables, reference, small_spec

__all__ = ["reference"]  # the shared session fixture


def test_runs_table(reference: Path) -> None:
    result = open_sweep(reference)
    runs = result.runs
    assert result.complete
    assert len(runs) == SMALL_RUNS
    assert runs["run_id"].tolist() == list(range(SMALL_RUNS))
    assert list(runs.columns[:8]) == [
        "run_id", "point", "replication", "scenario", "seed", "status", "error", "wall_time",
    ]  # fmt: skip
    assert runs["seed"].tolist() == [
        run_seed(99, p, r) for p, r in zip(runs.point, runs.replication, strict=True)
    ]
    assert (runs["wall_time"] > 0).all()
    ok = runs[runs["status"] == "ok"]
    assert ok["alliance.cohesion"].between(0, 1).all()
    assert (ok["min(alliance.cohesion)"] <= ok["alliance.cohesion"]).all()
    assert set(ok["summary.end_reason"]) == {"the turns ran out"}


def test_failing_runs_are_recorded_and_the_sweep_goes_on(reference: Path) -> None:
    runs = open_sweep(reference).runs
    failed = runs[runs["status"] == "error"]
    assert len(failed) == SMALL_FAILED
    assert (failed["calendar.turns"] == 6).all()
    assert failed["error"].str.contains("after the last turn").all()
    assert failed["alliance.cohesion"].isna().all()
    assert runs.loc[runs["status"] == "ok", "error"].isna().all()


def test_indicator_dataset(reference: Path) -> None:
    indicators = open_sweep(reference).indicators
    assert list(indicators.columns) == ["run_id", "point", "replication", "indicator", "turn",
                                        "value"]  # fmt: skip
    ok_runs = SMALL_RUNS - SMALL_FAILED
    # 4 series (cohesion + 3 states) x 4 turns (0..3) per successful run
    assert len(indicators) == ok_runs * 4 * 4
    # sorted by run_id, then indicator (in the spec's order), then turn
    assert indicators["run_id"].is_monotonic_increasing
    assert (
        indicators.groupby(["run_id", "indicator"])["turn"]
        .apply(lambda t: t.tolist() == [0, 1, 2, 3])
        .all()
    )
    first = indicators[indicators.run_id == 0]["indicator"].drop_duplicates().tolist()
    assert first == ["alliance.cohesion", "states.DE.public_trust", "states.PL.public_trust",
                     "states.IT.public_trust"]  # fmt: skip
    last = indicators[(indicators.indicator == "alliance.cohesion") & (indicators.turn == 3)]
    runs = open_sweep(reference).runs.set_index("run_id")
    assert np.allclose(
        last.set_index("run_id")["value"], runs.loc[last.run_id, "alliance.cohesion"]
    )
    # the parquet dataset reads back the same with plain pandas
    plain = pd.read_parquet(reference / "indicators")
    assert plain["run_id"].is_monotonic_increasing


@pytest.mark.parametrize(("workers", "batch"), [(2, 1), (1, 5)])
def test_same_tables_with_processes(
    reference: Path, tmp_path: Path, workers: int, batch: int
) -> None:
    out = tmp_path / "out"
    result = hybridsim.sweep(
        small_spec(), out, executor="processes", workers=workers, batch_size=batch, progress=False
    )
    assert (result.ran, result.failed, result.complete) == (SMALL_RUNS, SMALL_FAILED, True)
    assert_same_tables(out, reference)


def test_resume_runs_only_what_is_missing(reference: Path, tmp_path: Path) -> None:
    """A crash between batches: some parts written, one half-written, an orphan indicator part."""
    out = tmp_path / "out"
    shutil.copytree(reference, out)
    (out / "runs.parquet").unlink()
    parts = sorted((out / "parts").glob("runs-*.parquet"))
    lost = parts[1::2]
    lost_runs = 0
    for part in lost:
        first, last = (int(x) for x in part.stem.split("-")[1:])
        lost_runs += last - first + 1
        part.unlink()  # its indicator part stays behind as an orphan
    (out / "parts" / "runs-000000000999-000000001000.parquet.tmp").write_bytes(b"half")
    with pytest.raises(SweepDirError, match="--resume"):
        hybridsim.sweep(small_spec(), out, executor="serial", progress=False)
    result = hybridsim.sweep(small_spec(), out, executor="serial", resume=True, progress=False)
    assert result.ran == lost_runs
    assert result.skipped == SMALL_RUNS - lost_runs
    assert not list(out.rglob("*.tmp"))
    assert_same_tables(out, reference)
    again = hybridsim.sweep(small_spec(), out, executor="serial", resume=True, progress=False)
    assert (again.ran, again.complete) == (0, True)


def test_resume_refuses_a_different_sweep(reference: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    shutil.copytree(reference, out)
    with pytest.raises(SweepDirError, match="replications"):
        hybridsim.sweep(small_spec(), out, replications=4, resume=True, progress=False)


def test_a_lost_worker_process_is_replaced(reference: Path, tmp_path: Path) -> None:
    """kill -9 of a pool worker mid-sweep: the pool is rebuilt and its batches run again."""
    out = tmp_path / "out"
    me = psutil.Process()
    killed: list[int] = []

    def kill_a_worker() -> None:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and not killed:
            for proc in me.children(recursive=True):
                try:
                    worker = "forkserver" in " ".join(proc.cmdline()) and proc.ppid() != me.pid
                    if worker and list((out / "parts").glob("runs-*")):
                        os.kill(proc.pid, signal.SIGKILL)
                        killed.append(proc.pid)
                        return
                except (psutil.NoSuchProcess, FileNotFoundError):
                    continue
            time.sleep(0.01)

    thread = threading.Thread(target=kill_a_worker, daemon=True)
    thread.start()
    result = hybridsim.sweep(
        small_spec(replications=6), out, executor="processes", workers=2, batch_size=1,
        progress=False,
    )  # fmt: skip
    thread.join()
    assert killed, "no worker was killed (the sweep finished first)"
    assert result.complete
    ref = hybridsim.sweep(
        small_spec(replications=6), tmp_path / "ref", executor="serial", progress=False
    )
    assert ref.complete
    assert_same_tables(out, tmp_path / "ref")


def test_a_script_without_a_main_guard_is_told_why_its_workers_die(tmp_path: Path) -> None:
    """Worker processes import the main script; one that starts a sweep at top level makes
    every worker die at start. The sweep stops (nothing lost, nothing hangs) and says why."""
    import subprocess
    import sys

    script = tmp_path / "unguarded.py"
    script.write_text(
        "import hybridsim\n"
        f"spec = {small_spec()!r}\n"
        f"result = hybridsim.sweep(spec, {str(tmp_path / 'out')!r}, workers=2, progress=False)\n"
        "print('COMPLETE', result.complete)\n"
        "print('REASON', result.lost_reason)\n"
    )
    done = subprocess.run([sys.executable, str(script)], check=True, capture_output=True, text=True,
                          timeout=120, cwd=tmp_path)
    assert "COMPLETE False" in done.stdout, done.stderr[-2000:]
    assert 'REASON worker processes died before finishing any batch; in a script, call ' \
        'hybridsim.sweep under `if __name__ == "__main__":`' in done.stdout


def test_csv_export_matches_parquet(reference: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    shutil.copytree(reference, out)
    written = open_sweep(out).export_csv()
    assert {p.name for p in written} == {"runs.csv", "design.csv", "indicators.csv", "outcomes.csv"}
    runs = pd.read_csv(out / "runs.csv")
    parquet = open_sweep(out).runs
    assert runs["run_id"].tolist() == parquet["run_id"].tolist()
    assert np.allclose(runs["alliance.cohesion"], parquet["alliance.cohesion"], equal_nan=True)
    assert len(pd.read_csv(out / "indicators.csv")) == len(open_sweep(out).indicators)


def test_summarise_per_point(reference: Path) -> None:
    result = open_sweep(reference)
    table = result.summarise()
    assert set(table["outcome"]) == {"alliance.cohesion", "min(alliance.cohesion)",
                                     "states.mean.public_trust", "sum(adversaries.RU.successes)",
                                     "sum(adversaries.sum.successes)",
                                     "summary.adversaries.RU.successes"}  # fmt: skip
    row = table[(table.outcome == "alliance.cohesion") & (table.point == 0)].iloc[0]
    values = result.runs.query("point == 0")["alliance.cohesion"]
    assert row["n"] == 3
    assert row["mean"] == pytest.approx(values.mean())
    assert row["std"] == pytest.approx(values.std(ddof=1))
    half = 4.302652729911275 * values.std(ddof=1) / np.sqrt(3)  # t(0.975, 2)
    assert (row["ci_low"], row["ci_high"]) == pytest.approx((values.mean() - half,
                                                             values.mean() + half))  # fmt: skip
    failed = table[(table.outcome == "alliance.cohesion") & (table["calendar.turns"] == 6)]
    assert (failed["n"] == 0).all()
    assert (failed["failed"] == 3).all()
    assert failed["mean"].isna().all()


SA_SPEC = {
    "name": "sa",
    "scenario": "tutorial",
    "turns": 2,
    "seed": 3,
    "uncertainties": [
        {"path": "states.DE.public_trust", "range": [0.3, 0.8], "name": "trust_DE"},
        {"path": "sharing.rate", "range": [0.0, 0.4]},
    ],
    "outcomes": {"final": ["alliance.cohesion", "states.DE.public_trust"]},
}


@pytest.mark.parametrize(
    ("design", "columns"),
    [
        (
            {"kind": "sobol", "samples": 4},
            ["S1", "S1_conf", "S1_low", "S1_high", "ST", "ST_conf", "ST_low", "ST_high"],
        ),
        (
            {"kind": "morris", "samples": 3},
            ["mu", "mu_star", "sigma", "mu_star_conf", "mu_star_low", "mu_star_high"],
        ),
    ],
)
def test_sensitivity_and_plots(tmp_path: Path, design: dict, columns: list[str]) -> None:
    result = hybridsim.sweep(
        {**SA_SPEC, "design": design}, tmp_path / "out", executor="serial", progress=False
    )
    indices = result.sensitivity()
    tail = list(indices.columns[list(indices.columns).index("parameter") :])
    assert tail == ["parameter", *columns, "note", "warning"]
    assert len(indices) == 2 * 2  # 2 outcomes x 2 parameters
    trust = indices[(indices.outcome == "states.DE.public_trust")].set_index("parameter")
    # DE's trust at the end is driven by its trust at the start, not by toolkit sharing
    key = "ST" if "ST" in columns else "mu_star"
    assert trust.loc["trust_DE", key] > trust.loc["sharing.rate", key]
    assert indices.equals(result.sensitivity())  # seeded bootstrap: repeatable
    written = result.plots()
    names = {p.name for p in written}
    assert {"distributions.png", "sensitivity-alliance.cohesion.png"} <= names
    assert all(p.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" for p in written)


def test_sensitivity_needs_a_sensitivity_design(reference: Path) -> None:
    with pytest.raises(ValueError, match="'sobol' or 'morris'"):
        open_sweep(reference).sensitivity()


def test_fan_charts_for_series(reference: Path, tmp_path: Path) -> None:
    written = open_sweep(reference).plots(tmp_path / "plots")
    assert "fan-alliance.cohesion.png" in {p.name for p in written}


def test_a_count_summed_over_turns_is_the_runs_total(reference: Path) -> None:
    """sum(successes) is the run's total (the summary's count), not the last turn's count;
    the total across adversaries is at least Russia's."""
    runs = open_sweep(reference).runs
    ok = runs[runs["status"] == "ok"]
    total = ok["sum(adversaries.RU.successes)"]
    assert (total == ok["summary.adversaries.RU.successes"]).all()
    assert total.max() > 1
    assert (ok["sum(adversaries.sum.successes)"] >= total).all()
    assert (ok["sum(adversaries.sum.successes)"] > total).any()


def test_units_and_reductions_travel_with_the_results(reference: Path, tmp_path: Path) -> None:
    import pyarrow.parquet as pq

    field = pq.read_schema(reference / "runs.parquet").field("sum(adversaries.sum.successes)")
    meta = {k.decode(): v.decode() for k, v in field.metadata.items()}
    assert meta == {
        "path": "adversaries.sum.successes",
        "over": "sum",
        "unit": "successful moves in the run",
        "reduction": "total across adversaries, sum over turns",
    }
    out = tmp_path / "out"
    shutil.copytree(reference, out)
    open_sweep(out).export_csv()
    table = pd.read_csv(out / "outcomes.csv", keep_default_na=False).set_index("column")
    assert table.loc["min(alliance.cohesion)", "reduction"] == "minimum over turns"
    assert table.loc["alliance.cohesion", "unit"] == "fraction 0-1"
    assert table.loc["summary.end_reason", "reduction"] == "from the run summary"
