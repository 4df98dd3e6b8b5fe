"""Sweep throughput and memory: hybridsim.sweep against mesa.batch_run, workers, Dask.

    python benchmarks/bench_sweep.py                   # the README figures (10,000 runs; ~1 hour)
    python benchmarks/bench_sweep.py --runs 1000 --scaling-runs 400 --dask-runs 400   # quicker

Every contender runs in its own child process; a sampler in this process polls the child's
whole process tree (the child, its pool or cluster and their workers) every 0.2 s and keeps the
peak of the summed RSS and PSS. Figures are measured side by side in one invocation.

Making mesa.batch_run comparable (same model, same runs, same number of processes):
- the model is HybridThreatModel on the tutorial scenario, built from the same design point
  values (through the same ``paths.apply``) and the same per-run seeds as the sweep plan;
  batch_run expands iterables, so runs are passed as one list parameter of (values, seed)
  tuples, with ``iterations=1`` (batch_run would otherwise repeat the same seed);
- batch_run needs a ``datacollector``: a thin subclass adds a DataCollector with the same
  indicators the sweep records, collected after every turn (the sweep keeps the same per-turn
  series, plus turn 0, and the final values);
- batch_run runs ``max_steps + 1`` steps, so ``max_steps = turns - 1``; the model also stops
  itself after ``turns`` turns, so both do exactly the same turns. batch_run reports collected
  values for steps 0 .. steps-1, so a model that also collected at start would never report its
  final state: collection happens after each turn only, and row "Step" s is turn s + 1;
- ``keep_history=False`` in both (no undo snapshots), ``number_processes`` equals our workers,
  and the final cohesion of every run is compared: the two must agree exactly.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import psutil

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "results" / "sweep.json"
OUTCOMES = ("alliance.cohesion", "states.mean.public_trust", "adversaries.RU.successes")


def spec(points: int, reps: int, turns: int, seed: int = 2026) -> dict[str, Any]:
    """The benchmark sweep: the tutorial, two uncertainties, Monte Carlo points × replications."""
    return {
        "name": "bench",
        "scenario": "tutorial",
        "turns": turns,
        "replications": reps,
        "seed": seed,
        "design": {"kind": "monte_carlo", "samples": points},
        "uncertainties": [
            {"path": "states.DE.public_trust", "range": [0.3, 0.8]},
            {"path": "adversaries.RU.risk_appetite", "range": [0.2, 0.9]},
        ],
        # The Mesa reporters read each outcome's last turn; the count says so explicitly.
        "outcomes": {
            "final": [{"path": o, "over": "last"} for o in OUTCOMES],
            "series": list(OUTCOMES),
        },
    }


def split(runs: int) -> tuple[int, int]:
    """Design points × replications for a run count (10 replications when it divides)."""
    reps = 10 if runs % 10 == 0 and runs >= 100 else 1
    return runs // reps, reps


# --------------------------------------------------------------------------------------------
# Contenders (run in a child process: `bench_sweep.py --child KIND ...`)
# --------------------------------------------------------------------------------------------
def child_ours(args: argparse.Namespace) -> dict[str, Any]:
    import hybridsim

    points, reps = split(args.runs)
    with tempfile.TemporaryDirectory() as tmp:
        start = time.perf_counter()
        result = hybridsim.sweep(
            spec(points, reps, args.turns),
            Path(tmp) / "out",
            executor=args.executor,
            workers=args.workers,
            progress=False,
        )
        wall = time.perf_counter() - start
        runs = result.runs
        cohesion = runs.sort_values("run_id")["alliance.cohesion"].round(10).tolist()
    return {"wall": wall, "runs": len(runs), "failed": result.failed, "cohesion": cohesion}


def child_mesa(args: argparse.Namespace) -> dict[str, Any]:
    from mesa.batchrunner import batch_run

    from hybridsim.sweep import make_plan

    points, reps = split(args.runs)
    plan = make_plan(spec(points, reps, args.turns))
    refs = plan.context().refs[0]
    runs = [
        (
            tuple((ref.data_path, ref.coerce(v)) for ref, v in zip(refs, r.values, strict=True)),
            r.seed,
        )
        for r in plan.runs(range(plan.n_runs))
    ]
    start = time.perf_counter()
    results = batch_run(
        BatchModel,
        parameters={"run": runs, "scenario": [plan.scenarios[0]], "turns": args.turns},
        number_processes=args.workers,
        iterations=1,
        max_steps=args.turns - 1,
        data_collection_period=1,
        display_progress=False,
    )
    wall = time.perf_counter() - start
    by_seed = {seed: i for i, (_, seed) in enumerate(runs)}
    cohesion = [None] * len(runs)
    for row in results:
        if row["Step"] == args.turns - 1:  # collected after turn Step + 1 (see the docstring)
            cohesion[by_seed[row["run"][1]]] = round(row["alliance.cohesion"], 10)
    return {"wall": wall, "runs": len(runs), "failed": 0, "cohesion": cohesion}


def _reporter(name: str):
    """A DataCollector reporter for one of OUTCOMES, read from the model's indicator log."""
    root, *rest = name.split(".")

    def report(model: Any) -> float:
        last = model.indicator_log[-1]
        if root == "alliance":
            return float(last.alliance[rest[0]])
        if root == "states":
            return float(last.state[rest[1]].mean())
        return float(last.adversary[rest[1]][model.world.adversary_ids.index(rest[0])])

    return report


if os.environ.get("HYBRIDSIM_BENCH_CHILD"):
    # Defined at module level (in the child and in batch_run's spawned workers only), so that
    # batch_run can pickle the class by reference.
    import mesa

    from hybridsim.model import HybridThreatModel
    from hybridsim.sweep.paths import apply

    class BatchModel(HybridThreatModel):
        """HybridThreatModel with the DataCollector batch_run requires."""

        def __init__(self, run: tuple[Any, int], scenario: Any, turns: int) -> None:
            settings, seed = run
            super().__init__(apply(scenario, settings), rng=seed, turns=turns, keep_history=False)
            self.datacollector = mesa.DataCollector(
                model_reporters={name: _reporter(name) for name in OUTCOMES}
            )

        def step(self) -> None:
            super().step()
            self.datacollector.collect(self)


# --------------------------------------------------------------------------------------------
# The driver: start a child, sample its process tree, collect figures
# --------------------------------------------------------------------------------------------
class TreeSampler(threading.Thread):
    """Polls the peak summed RSS and PSS of a process and all its descendants."""

    def __init__(self, pid: int, interval: float = 0.2) -> None:
        super().__init__(daemon=True)
        self.root = psutil.Process(pid)
        self.interval = interval
        self.peak_rss = 0
        self.peak_pss = 0
        self.peak_procs = 0
        self.cpu: dict[tuple[int, float], float] = {}  # (pid, start time) -> user + system s
        self._halt = threading.Event()

    def run(self) -> None:
        while not self._halt.is_set():
            rss = pss = 0
            try:
                procs = [self.root, *self.root.children(recursive=True)]
            except psutil.NoSuchProcess:
                return
            for proc in procs:
                try:
                    info = proc.memory_full_info()
                    times = proc.cpu_times()
                    self.cpu[proc.pid, proc.create_time()] = times.user + times.system
                except (psutil.NoSuchProcess, psutil.AccessDenied):
                    continue
                rss += info.rss
                pss += getattr(info, "pss", info.rss)
            self.peak_rss = max(self.peak_rss, rss)
            self.peak_pss = max(self.peak_pss, pss)
            self.peak_procs = max(self.peak_procs, len(procs))
            self._halt.wait(self.interval)

    def stop(self) -> None:
        self._halt.set()
        self.join()


def measure(kind: str, runs: int, workers: int, turns: int, executor: str = "processes") -> dict:
    """Run one contender in a child process; return its wall time, speed and peak memory."""
    with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as fh:
        out = Path(fh.name)
    cmd = [
        sys.executable,
        str(Path(__file__).resolve()),
        "--child",
        kind,
        "--runs",
        str(runs),
        "--workers",
        str(workers),
        "--turns",
        str(turns),
        "--executor",
        executor,
        "--child-out",
        str(out),
    ]
    env = {**os.environ, "HYBRIDSIM_BENCH_CHILD": "1", "PYTHONPATH": str(Path(__file__).parent)}
    load_before = os.getloadavg()[0]
    proc = subprocess.Popen(cmd, env=env, cwd=ROOT)
    sampler = TreeSampler(proc.pid)
    sampler.start()
    code = proc.wait()
    sampler.stop()
    # CPU of every process seen in the tree (to its last sample, 0.2 s before it ended):
    # rusage of children misses fork-server workers, which are not this process's children.
    cpu = sum(sampler.cpu.values())
    if code != 0:
        raise RuntimeError(f"{kind} failed with exit code {code}")
    data = json.loads(out.read_text())
    out.unlink()
    label = f"{kind}/{executor}/{workers}w"
    print(
        f"  {label:<24} {runs:>6} runs  {data['wall']:8.1f} s  "
        f"{runs / data['wall']:7.1f} runs/s  peak RSS {sampler.peak_rss / 2**20:7.0f} MiB  "
        f"PSS {sampler.peak_pss / 2**20:7.0f} MiB  CPU {cpu:7.1f} s",
        flush=True,
    )
    return {
        "contender": kind,
        "executor": executor,
        "workers": workers,
        "runs": runs,
        "turns": turns,
        "wall_s": round(data["wall"], 3),
        "runs_per_s": round(runs / data["wall"], 3),
        "peak_rss_mib": round(sampler.peak_rss / 2**20, 1),
        "peak_pss_mib": round(sampler.peak_pss / 2**20, 1),
        "peak_processes": sampler.peak_procs,
        "cpu_s_whole_tree": round(cpu, 2),
        "cpu_ms_per_run": round(cpu / runs * 1000, 2),
        "load_average_1min": [round(load_before, 2), round(os.getloadavg()[0], 2)],
        "failed": data["failed"],
        "cohesion": data["cohesion"],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10_000, help="runs for ours vs batch_run")
    # Each call pays a fixed start-up (forkserver, imports: about a second); 2,000 runs keep it
    # small next to the work, so the contest is about throughput as a sweep of thousands sees it.
    parser.add_argument("--scaling-runs", type=int, default=2000, help="runs for 1 vs 2 workers")
    parser.add_argument("--dask-runs", type=int, default=2000, help="runs for Dask vs processes")
    parser.add_argument("--rounds", type=int, default=3, help="repeats of the smaller contests")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--turns", type=int, default=12)
    parser.add_argument("--out", type=Path, default=RESULTS)
    parser.add_argument("--child", choices=["ours", "mesa"], help=argparse.SUPPRESS)
    parser.add_argument("--child-out", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--executor", default="processes", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        data = child_ours(args) if args.child == "ours" else child_mesa(args)
        args.child_out.write_text(json.dumps(data))
        return 0

    w = args.workers
    print(f"hybridsim sweep benchmark: tutorial, {args.turns} turns, {w} processes", flush=True)
    # First, while nothing else runs (the contests leave worker processes winding down):
    # the CPU a run costs in one process, for the bound no runner can beat (section 4).
    cost = cpu_per_run(args.turns)
    print("1. hybridsim.sweep vs mesa.batch_run", flush=True)
    ours = measure("ours", args.runs, w, args.turns)
    mesa = measure("mesa", args.runs, w, args.turns)
    same = ours.pop("cohesion") == mesa.pop("cohesion")
    print(f"  identical final cohesion in every run: {same}", flush=True)

    print("2. 1 vs 2 worker processes (alternating rounds)", flush=True)
    one, two = [], []
    for _ in range(args.rounds):
        one.append(measure("ours", args.scaling_runs, 1, args.turns))
        two.append(measure("ours", args.scaling_runs, 2, args.turns))

    print("3. Dask LocalCluster vs local process pool (alternating rounds)", flush=True)
    pool, dask = [], []
    for _ in range(args.rounds):
        pool.append(measure("ours", args.dask_runs, w, args.turns, "processes"))
        dask.append(measure("ours", args.dask_runs, w, args.turns, "dask"))

    print("4. CPU per run in one process (measured first, on a quiet machine)", flush=True)
    print("  " + "  ".join(f"{k} {v:.1f} ms" for k, v in cost.items()), flush=True)
    # What no runner can beat: every run costs at least the model's own CPU, so on `w` busy
    # cores no runner exceeds w / (model CPU per run) runs per second.
    bound = w / (cost["model"] / 1000.0)
    ceiling = bound / mesa["runs_per_s"]
    print(
        f"  the model alone takes {cost['model']:.1f} ms of CPU per run: on {w} cores no runner "
        f"exceeds {bound:.1f} runs/s, {ceiling:.2f}x batch_run's {mesa['runs_per_s']:.1f}; "
        f"ours reaches {ours['runs_per_s'] / bound:.0%} of that bound",
        flush=True,
    )

    for row in (*one, *two, *pool, *dask):
        row.pop("cohesion", None)

    def rate(rows: list[dict], pick: Callable[[Iterable[float]], float]) -> float:
        return pick(r["runs_per_s"] for r in rows)

    figures = {
        "speed_vs_batch_run": round(ours["runs_per_s"] / mesa["runs_per_s"], 3),
        "cpu_per_run_vs_batch_run": round(ours["cpu_ms_per_run"] / mesa["cpu_ms_per_run"], 3),
        "peak_rss_vs_batch_run": round(ours["peak_rss_mib"] / mesa["peak_rss_mib"], 3),
        "peak_pss_vs_batch_run": round(ours["peak_pss_mib"] / mesa["peak_pss_mib"], 3),
        "two_vs_one_worker_best": round(rate(two, max) / rate(one, max), 3),
        "two_vs_one_worker_median": round(
            rate(two, statistics.median) / rate(one, statistics.median), 3
        ),
        "dask_vs_processes_best": round(rate(dask, max) / rate(pool, max), 3),
        "dask_vs_processes_median": round(
            rate(dask, statistics.median) / rate(pool, statistics.median), 3
        ),
        "identical_outcomes_vs_batch_run": same,
        "cpu_ms_per_run_in_one_process": cost,
        "zero_overhead_bound_runs_per_s": round(bound, 2),
        "zero_overhead_ceiling_vs_batch_run": round(ceiling, 3),
        "ours_share_of_bound": round(ours["runs_per_s"] / bound, 3),
    }
    targets = {
        "speed_vs_batch_run": ">= 2.0",
        "peak_rss_vs_batch_run": "<= 0.2",
        "two_vs_one_worker_best": ">= 1.8",
        "dask_vs_processes_best": ">= 0.8",
    }
    met = {key: _meets(figures[key], rule) for key, rule in targets.items()}
    report = {
        "benchmark": "bench_sweep",
        "created": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "machine": {
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "memory_gib": round(psutil.virtual_memory().total / 2**30, 1),
        },
        "setup": {
            "scenario": "tutorial",
            "turns": args.turns,
            "workers": w,
            "runs_vs_batch_run": args.runs,
            "scaling_runs": args.scaling_runs,
            "dask_runs": args.dask_runs,
            "rounds": args.rounds,
        },
        "notes": (
            "Rates are wall-clock runs per second of each contender's whole call (pool or "
            "cluster start-up included). 'best' is the fastest of the alternating rounds (as "
            "timeit does: the least disturbed by other work on a shared machine), 'median' the "
            "median. CPU is user+system time of every process of the contender's tree, as last "
            "sampled. Load "
            "averages at the start and end of each measurement are recorded with it."
        ),
        "figures": figures,
        "targets": targets,
        "met": met,
        "measurements": {
            "ours": ours,
            "batch_run": mesa,
            "one_worker": one,
            "two_workers": two,
            "processes": pool,
            "dask": dask,
        },
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=2) + "\n")
    print(json.dumps({"figures": figures, "met": met}, indent=2))
    return 0


def _meets(value: float, rule: str) -> bool:
    op, limit = rule.split()
    return value >= float(limit) if op == ">=" else value <= float(limit)


def cpu_per_run(turns: int, runs: int = 40, rounds: int = 5) -> dict[str, float]:
    """CPU ms per run in this process, interleaved rounds, the least of each (as timeit does:
    the round least disturbed by other work): where a run's time goes.

    'model' is HybridThreatModel built and run, each design point's scenario built once (the
    floor for any runner), 'sweep_batch' our
    worker's batch (scenario per design point, simulate, outcomes), 'batch_run_model' the
    subclass batch_run needs (DataCollector every turn); models kept alive like batch_run does.
    """
    code = f"""
import json, time, sys
sys.path.insert(0, {str(Path(__file__).parent)!r})
import bench_sweep as b
from hybridsim.api import release
from hybridsim.model import HybridThreatModel
from hybridsim.sweep import make_plan
from hybridsim.sweep.paths import apply
from hybridsim.sweep.worker import run_batch
plan = make_plan(b.spec({runs // 2}, 2, {turns}))
ctx = plan.context()
runs = plan.runs(range(plan.n_runs))
refs = ctx.refs[0]
settings = [[(r.data_path, r.coerce(v)) for r, v in zip(refs, run.values)] for run in runs]
keep = []
built = {{}}
def model():
    for run, s in zip(runs, settings):
        key = tuple(s)
        if key not in built:
            built[key] = apply(ctx.scenarios[0], s)
        m = HybridThreatModel(built[key], rng=run.seed, turns={turns}, keep_history=False)
        m.run()
        release(m)
def sweep_batch():
    run_batch(ctx, runs)
def batch_run_model():
    for run, s in zip(runs, settings):
        m = b.BatchModel((s, run.seed), ctx.scenarios[0], {turns})
        while m.running and m.steps <= {turns - 1}:
            m.step()
        keep.append(m)
out = {{}}
model()
for _ in range({rounds}):
    for name, fn in (("model", model), ("sweep_batch", sweep_batch),
                     ("batch_run_model", batch_run_model)):
        t = time.process_time()
        fn()
        out.setdefault(name, []).append((time.process_time() - t) / len(runs) * 1000)
print(json.dumps({{k: round(min(v), 2) for k, v in out.items()}}))
"""
    env = {**os.environ, "HYBRIDSIM_BENCH_CHILD": "1"}
    done = subprocess.run(
        [sys.executable, "-c", code], env=env, cwd=ROOT, capture_output=True, text=True, check=True
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


if __name__ == "__main__":
    sys.exit(main())
