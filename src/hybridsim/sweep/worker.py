"""Running a batch of runs inside a worker (a local process, a Dask worker, or in-process).

Why batches: one task per run would spend more time scheduling than simulating. A batch builds
each design point's scenario once, runs its replications through the public ``simulate`` API,
and returns only the recorded outcomes, in compact columns. A run that raises is recorded with
its error and the batch goes on.
"""

from __future__ import annotations

import os
import signal
import threading
import time
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from .paths import apply
from .plan import RunSpec, WorkerContext

MAX_ERROR_CHARS = 2000


@dataclass
class BatchResult:
    """Outcomes of a batch, column by column, in run_id order."""

    run_ids: list[int] = field(default_factory=list)
    status: list[str] = field(default_factory=list)
    error: list[str | None] = field(default_factory=list)
    wall_time: list[float] = field(default_factory=list)
    finals: list[list[Any]] = field(default_factory=list)  # one list per final outcome
    series_run: list[np.ndarray] = field(default_factory=list)
    series_turn: list[np.ndarray] = field(default_factory=list)
    series_code: list[np.ndarray] = field(default_factory=list)
    series_value: list[np.ndarray] = field(default_factory=list)

    @property
    def failed(self) -> int:
        return sum(s != "ok" for s in self.status)


def run_batch(context: WorkerContext, runs: list[RunSpec]) -> BatchResult:
    """Run every run of the batch; never raises for a failing run."""
    from ..api import simulate

    out = BatchResult(finals=[[] for _ in context.outcomes.final])
    built: dict[tuple[int, tuple[Any, ...]], Any] = {}
    nan_finals = [None if o.dtype == "string" else float("nan") for o in context.outcomes.final]
    for run in sorted(runs, key=lambda r: r.run_id):
        start = time.perf_counter()
        try:
            key = (run.scenario, run.values)
            if key not in built:
                built[key] = _scenario_for(context, run)
            scenario = built[key]
            if isinstance(scenario, str):
                raise InvalidScenarioError(scenario)
            result = simulate(scenario, seed=run.seed, turns=context.turns)
            finals, turns, series = context.outcomes.extract(result)
        except Exception as exc:
            out.status.append("error")
            out.error.append(f"{type(exc).__name__}: {exc}"[:MAX_ERROR_CHARS])
            finals, turns, series = nan_finals, None, []
        else:
            out.status.append("ok")
            out.error.append(None)
        out.run_ids.append(run.run_id)
        out.wall_time.append(time.perf_counter() - start)
        for column, value in zip(out.finals, finals, strict=True):
            column.append(value)
        for code, values in enumerate(series):
            if values is None or turns is None:
                continue
            n = len(values)
            out.series_run.append(np.full(n, run.run_id, dtype=np.int64))
            out.series_turn.append(turns[:n].astype(np.int32))
            out.series_code.append(np.full(n, code, dtype=np.int32))
            out.series_value.append(values)
    return out


class InvalidScenarioError(ValueError):
    """The design point's values break the scenario rules (the message says which)."""


def _scenario_for(context: WorkerContext, run: RunSpec) -> Any:
    """The scenario of a design point, or the reason it is invalid (kept for its other runs)."""
    refs = context.refs[run.scenario]
    settings = [(ref.data_path, ref.coerce(v)) for ref, v in zip(refs, run.values, strict=True)]
    try:
        return apply(context.scenarios[run.scenario], settings)
    except ValueError as exc:
        return str(exc)


# --------------------------------------------------------------------------------------------
# Local worker processes
# --------------------------------------------------------------------------------------------
def init_process_worker(main_pid: int) -> None:
    """Set up a local worker process: leave Ctrl-C to the sweep, and exit when the sweep is gone.

    Why the watchdog: after ``kill -9`` of the sweep its workers would wait for work forever
    (they, not the sweep, keep the fork server alive). They watch the sweep's process instead.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    born = _start_time(main_pid)

    def watch() -> None:
        while True:
            time.sleep(0.5)
            if not _alive(main_pid, born):
                os._exit(3)

    threading.Thread(target=watch, name="hybridsim-sweep-watch", daemon=True).start()
    from .. import api  # noqa: F401 - import the model once, before the first batch


def _proc_stat(pid: int) -> list[str] | None:
    """The fields of /proc/PID/stat after the process's name (Linux), or None if unreadable."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as fh:
            return fh.read().rsplit(")", 1)[1].split()
    except OSError:
        return None


def _start_time(pid: int) -> str | None:
    """The process's start time (Linux), to tell it from a later process with the same id."""
    fields = _proc_stat(pid)
    return fields[19] if fields is not None and len(fields) > 19 else None


def _alive(pid: int, born: str | None) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # pragma: no cover - someone else's process took the id
        return False
    if born is None:
        return True
    fields = _proc_stat(pid)
    if fields is None:
        return False
    return fields[0] not in ("Z", "X") and fields[19] == born
