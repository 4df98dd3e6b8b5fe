"""``sweep()``: plan, skip what is done, run the rest in batches, write as they finish, report.

The same function backs ``hybridsim sweep`` and notebooks. Results never depend on the
executor, the number of workers or the order batches finish in: every run's values and seed
come from the plan, and every table is read back in run_id order.
"""

from __future__ import annotations

import math
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .executors import EXECUTORS, Lost, default_workers, make_executor
from .plan import Plan, make_plan
from .store import SweepStore

if TYPE_CHECKING:
    import pandas as pd
    from rich.console import Console

    from .spec import LoadedSpec, SweepSpec

MAX_BATCH = 64
BATCHES_PER_WORKER = 8


@dataclass
class SweepResult:
    """A sweep's output folder and what happened in this call; tables load on demand."""

    out: Path
    name: str
    total: int
    ran: int = 0
    failed: int = 0
    skipped: int = 0
    missing: int = 0
    wall_time: float = 0.0
    workers: int = 1
    executor: str = "serial"
    complete: bool = False
    lost_reason: str | None = None
    error_counts: Counter[str] = field(default_factory=Counter)
    files: list[Path] = field(default_factory=list)

    @property
    def errors(self) -> list[str]:
        return list(self.error_counts.elements())

    @property
    def store(self) -> SweepStore:
        return SweepStore(self.out)

    @property
    def manifest(self) -> dict[str, Any]:
        return self.store.manifest()

    @property
    def runs(self) -> pd.DataFrame:
        """One row per run: run_id, design point, seed, status, error, parameters, outcomes."""
        return self.store.read_runs()

    @property
    def indicators(self) -> pd.DataFrame:
        """Per-turn series: run_id, point, replication, indicator, turn, value."""
        return self.store.read_indicators()

    @property
    def design(self) -> pd.DataFrame:
        return self.store.read_design()

    def summarise(self, outcomes: list[str] | None = None) -> pd.DataFrame:
        """Mean, standard deviation and 95% CI of each outcome per design point."""
        from .analysis import summarise

        return summarise(self, outcomes)

    def sensitivity(self, outcomes: list[str] | None = None) -> pd.DataFrame:
        """Sobol indices (sobol design) or Morris screening (morris design), per outcome."""
        from .analysis import sensitivity

        return sensitivity(self, outcomes)

    def noise(self, outcomes: list[str] | None = None) -> pd.DataFrame:
        """Per outcome: the share of the variance of the point means that is replication
        noise, the replications that would bring it to a tenth, and a warning where it
        matters (noise dominates, or the outcome barely varies)."""
        from .analysis import noise

        return noise(self, outcomes)

    def plots(self, folder: str | Path | None = None) -> list[Path]:
        """Save distribution, fan-chart and (where the design allows) sensitivity PNGs."""
        from .plots import save_plots

        return save_plots(self, folder)

    def export_csv(self) -> list[Path]:
        return self.store.export_csv()


def open_sweep(out: str | Path) -> SweepResult:
    """A finished (or interrupted) sweep's folder, for analysis in a later session."""
    store = SweepStore(out)
    if not store.manifest_path.exists():
        raise FileNotFoundError(f"{out} is not a sweep folder (no manifest.json)")
    manifest = store.manifest()
    done = sum(b - a + 1 for a, b in store._clean_and_list())
    return SweepResult(
        Path(out),
        manifest["name"],
        manifest["n_runs"],
        skipped=done,
        missing=manifest["n_runs"] - done,
        complete=bool(manifest.get("complete")),
    )


def sweep(
    spec: str | Path | dict[str, Any] | SweepSpec | LoadedSpec,
    out: str | Path | None = None,
    *,
    replications: int | None = None,
    workers: int | None = None,
    seed: int | None = None,
    executor: str = "processes",
    scheduler: str | None = None,
    resume: bool = False,
    batch_size: int | None = None,
    progress: bool = True,
    csv: bool = False,
    plots: bool = False,
    console: Console | None = None,
) -> SweepResult:
    """Run a sweep spec (a file, a dict or a spec object) and return its results.

    ``replications`` and ``seed`` override the spec. ``executor`` is serial, processes (a local
    pool of ``workers``) or dask (a LocalCluster, or the scheduler at ``scheduler``).
    ``resume`` continues an interrupted sweep in ``out``, running only the missing runs.
    """
    kind = "dask" if scheduler else executor
    if kind not in EXECUTORS:
        raise ValueError(f"unknown executor {executor!r}; choose one of {', '.join(EXECUTORS)}")
    from rich.console import Console

    from .progress import print_summary

    console = console or Console(stderr=True, highlight=False)
    plan = make_plan(spec, replications=replications, seed=seed)
    out = Path(out) if out is not None else Path("runs") / plan.name
    store = SweepStore(out)
    done = store.prepare(plan, resume)
    todo = _missing(done, plan.n_runs)
    n_todo = sum(b - a + 1 for a, b in todo)
    n_workers = 1 if kind == "serial" else (workers or default_workers())
    result = SweepResult(
        out, plan.name, plan.n_runs, skipped=plan.n_runs - n_todo, workers=n_workers, executor=kind
    )
    start = time.perf_counter()
    if n_todo:
        _run(plan, store, todo, batch_size, kind, workers, scheduler, result, progress, console)
    result.wall_time = time.perf_counter() - start
    result.missing = plan.n_runs - result.skipped - result.ran
    if result.missing == 0:
        result.files.append(store.finalize(plan))
        result.complete = True
        if csv:
            result.files += store.export_csv()
        if plots:
            result.files += result.plots()
    if progress:
        print_summary(result, console)
    return result


def _run(
    plan: Plan,
    store: SweepStore,
    todo: list[tuple[int, int]],
    batch_size: int | None,
    kind: str,
    workers: int | None,
    scheduler: str | None,
    result: SweepResult,
    progress: bool,
    console: Console,
) -> None:
    from .progress import SweepProgress
    from .worker import run_batch

    executor = make_executor(kind, workers, scheduler)
    result.workers = executor.workers
    n_todo = sum(b - a + 1 for a, b in todo)
    # A few batches per worker (of the cluster, when there is one), at most MAX_BATCH runs each.
    size = batch_size or max(
        1, min(MAX_BATCH, math.ceil(n_todo / (executor.workers * BATCHES_PER_WORKER)))
    )
    bar = SweepProgress(plan.name, plan.n_runs, result.skipped, progress, console)
    try:
        with bar:
            for task, outcome in executor.map_unordered(run_batch, _tasks(plan, todo, size)):
                runs = task[1]
                if isinstance(outcome, Lost):
                    result.lost_reason = outcome.reason
                    continue
                store.write_batch(plan, runs[0].run_id, runs[-1].run_id, outcome)
                result.ran += len(runs)
                result.failed += outcome.failed
                result.error_counts.update(
                    e.splitlines()[0][:200] for e in outcome.error if e is not None
                )
                bar.advance(len(runs), outcome.failed)
    except BaseException:
        executor.abort()
        result.missing = plan.n_runs - result.skipped - result.ran
        if progress:
            console.print(
                f"[yellow]stopped: {result.skipped + result.ran} of {plan.n_runs} runs are "
                f"saved in {store.root}; run again with --resume to finish.[/yellow]"
            )
        raise
    executor.close()


def _tasks(plan: Plan, todo: list[tuple[int, int]], size: int) -> Iterator[tuple[Any, ...]]:
    """Batches of consecutive run ids, made lazily (a million runs cost no memory up front)."""
    context = plan.context()
    for first, last in todo:
        for a in range(first, last + 1, size):
            yield context, plan.runs(range(a, min(a + size, last + 1)))


def _missing(done: list[tuple[int, int]], total: int) -> list[tuple[int, int]]:
    """The run id ranges not covered by finished parts."""
    out = []
    cursor = 0
    for a, b in sorted(done):
        if a > cursor:
            out.append((cursor, a - 1))
        cursor = max(cursor, b + 1)
    if cursor < total:
        out.append((cursor, total - 1))
    return out
