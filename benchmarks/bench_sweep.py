"""Sweep throughput: hybridsim.sweep against mesa.batch_run as a careful user writes it, and a
plain loop; also 1 vs 2 workers and Dask (with --all).

    python benchmarks/bench_sweep.py                         # the contest, 2 processes and 1
    python benchmarks/bench_sweep.py --runs 400 --rounds 2   # a quick look
    python benchmarks/bench_sweep.py --all                   # plus workers and Dask contests

Every contender runs in its own child process; a sampler in this process polls the child's
whole process tree (the child, its pool or cluster and their workers) every 0.2 s and keeps the
peak of the summed RSS and PSS. Contenders take turns, round after round (A B C A B C ...), and
ratios are taken round by round, so a drift in the machine's speed does not favour anyone.

The three contenders run the same model (HybridThreatModel on the tutorial), the same design
point values, the same per-run seeds, the same turns, and record the same three indicators
every turn; the final cohesion of every run is compared and must agree exactly.
- ``ours``: ``hybridsim.sweep`` (forkserver workers, batches, Parquet output).
- ``batch_run``: ``mesa.batch_run`` as a careful Mesa user writes it: the scenario is loaded
  by name inside the worker (only the design point's values and the seed are batch_run
  parameters, so nothing large is pickled into tasks or results), each design point's scenario
  is built once per worker process (so its networks and lookups are built once too), and each
  model is released when it stops (mesa 3.3.1's ``Agent._ids`` would otherwise keep every
  model alive). batch_run expands iterables, so the runs are one list parameter of
  (values, seed) tuples with ``iterations=1``; it plays ``max_steps + 1`` steps, so
  ``max_steps = turns - 1``; it reports what was collected at steps 0 .. steps-1, so the
  DataCollector collects after each turn (row "Step" s is turn s + 1).
- ``loop``: a plain ``multiprocessing.Pool`` over chunks of runs with the same per-worker
  cache, reading the indicators straight from the model: what any runner costs at least.
With one process, batch_run and the loop run in-process and ours uses the serial executor.
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


def design_runs(runs: int, turns: int) -> list[tuple[tuple[Any, ...], int]]:
    """Every run of the benchmark sweep as (design point values, seed), in run_id order."""
    from hybridsim.sweep import make_plan

    points, reps = split(runs)
    plan = make_plan(spec(points, reps, turns))
    refs = plan.context().refs[0]
    return [
        (
            tuple((ref.data_path, ref.coerce(v)) for ref, v in zip(refs, r.values, strict=True)),
            r.seed,
        )
        for r in plan.runs(range(plan.n_runs))
    ]


def child_mesa(args: argparse.Namespace) -> dict[str, Any]:
    from mesa.batchrunner import batch_run

    runs = design_runs(args.runs, args.turns)
    start = time.perf_counter()
    results = batch_run(
        BatchModel,
        parameters={"run": runs, "scenario": "tutorial", "turns": args.turns},
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


def child_loop(args: argparse.Namespace) -> dict[str, Any]:
    import multiprocessing

    runs = design_runs(args.runs, args.turns)
    tasks = [(run, args.turns) for run in runs]
    start = time.perf_counter()
    if args.workers == 1:
        results = [loop_run(task) for task in tasks]
    else:
        chunk = max(1, len(tasks) // (args.workers * 8))
        with multiprocessing.Pool(args.workers) as pool:
            results = pool.map(loop_run, tasks, chunksize=chunk)
    wall = time.perf_counter() - start
    cohesion = [round(series["alliance.cohesion"][-1], 10) for series in results]
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
    # Defined at module level (in the child and in its pool's workers only), so that batch_run
    # and the pool can pickle them by reference.
    import mesa

    from hybridsim.api import release
    from hybridsim.model import HybridThreatModel
    from hybridsim.scenario import load_scenario
    from hybridsim.sweep.paths import apply

    _BASES: dict[str, Any] = {}
    _POINTS: dict[tuple[str, tuple[Any, ...]], Any] = {}

    def design_point(name: str, settings: tuple[Any, ...]) -> Any:
        """The scenario of one design point, loaded by name and built once per process."""
        key = (name, settings)
        if key not in _POINTS:
            if name not in _BASES:
                _BASES[name] = load_scenario(name)
            _POINTS[key] = apply(_BASES[name], settings)
        return _POINTS[key]

    class BatchModel(HybridThreatModel):
        """HybridThreatModel with the DataCollector batch_run requires, released when done."""

        def __init__(self, run: tuple[tuple[Any, ...], int], scenario: str, turns: int) -> None:
            settings, seed = run
            super().__init__(
                design_point(scenario, settings), rng=seed, turns=turns, keep_history=False
            )
            self.datacollector = mesa.DataCollector(
                model_reporters={name: _reporter(name) for name in OUTCOMES}
            )

        def step(self) -> None:
            super().step()
            self.datacollector.collect(self)
            if not self.running:
                release(self)  # batch_run only reads the DataCollector from here on

    def loop_run(task: tuple[tuple[tuple[Any, ...], int], int]) -> dict[str, list[float]]:
        """One run of the plain loop: build, play, read each indicator every turn, release."""
        (settings, seed), turns = task
        model = HybridThreatModel(
            design_point("tutorial", settings), rng=seed, turns=turns, keep_history=False
        )
        series: dict[str, list[float]] = {name: [] for name in OUTCOMES}
        reporters = {name: _reporter(name) for name in OUTCOMES}
        while model.running:
            model.step()
            for name, report in reporters.items():
                series[name].append(report(model))
        release(model)
        return series


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


CONTENDERS = ("ours", "mesa", "loop")


def contest(runs: int, workers: int, turns: int, rounds: int) -> dict[str, Any]:
    """The three contenders in turn, round after round; ratios to batch_run round by round."""
    executor = "serial" if workers == 1 else "processes"
    rows: dict[str, list[dict]] = {name: [] for name in CONTENDERS}
    same = True
    for _ in range(rounds):
        for name in CONTENDERS:
            rows[name].append(measure(name, runs, workers, turns, executor))
        cohesions = [rows[name][-1].pop("cohesion") for name in CONTENDERS]
        same = same and all(c == cohesions[0] for c in cohesions)
    print(f"  identical final cohesion in every run, every contender: {same}", flush=True)
    ratios = {}
    for a, b in (("ours", "mesa"), ("ours", "loop"), ("mesa", "loop")):
        per_round = [
            x["runs_per_s"] / y["runs_per_s"] for x, y in zip(rows[a], rows[b], strict=True)
        ]
        ratios[f"{a}_vs_{b}"] = {
            "median": round(statistics.median(per_round), 3),
            "min": round(min(per_round), 3),
            "max": round(max(per_round), 3),
            "rounds": [round(r, 3) for r in per_round],
        }
        print(f"  {a} / {b}: median {ratios[f'{a}_vs_{b}']['median']:.3f} "
              f"(rounds {', '.join(f'{r:.2f}' for r in per_round)})", flush=True)  # fmt: skip
    memory = {
        f"{name}_peak_rss_mib": statistics.median(r["peak_rss_mib"] for r in rows[name])
        for name in CONTENDERS
    }
    return {"identical_outcomes": same, "ratios": ratios, "memory": memory, "rows": rows}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=1000, help="runs per contender and round")
    parser.add_argument("--single-runs", type=int, default=300, help="the same in one process")
    parser.add_argument("--rounds", type=int, default=3, help="alternating rounds per contest")
    parser.add_argument("--all", action="store_true", help="also 1 vs 2 workers, Dask")
    # Each call pays a fixed start-up (forkserver, imports: about a second); 2,000 runs keep it
    # small next to the work, so the contest is about throughput as a sweep of thousands sees it.
    parser.add_argument("--scaling-runs", type=int, default=2000, help="runs for 1 vs 2 workers")
    parser.add_argument("--dask-runs", type=int, default=2000, help="runs for Dask vs processes")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--turns", type=int, default=12)
    parser.add_argument("--out", type=Path, default=RESULTS)
    parser.add_argument("--child", choices=CONTENDERS, help=argparse.SUPPRESS)
    parser.add_argument("--child-out", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--executor", default="processes", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        child = {"ours": child_ours, "mesa": child_mesa, "loop": child_loop}[args.child]
        args.child_out.write_text(json.dumps(child(args)))
        return 0

    w = args.workers
    print(f"hybridsim sweep benchmark: tutorial, {args.turns} turns", flush=True)
    # First, while nothing else runs: the CPU a run costs in one process.
    cost = cpu_per_run(args.turns)
    print("1. CPU per run in one process (least of 5 interleaved rounds)", flush=True)
    print("  " + "  ".join(f"{k} {v:.1f} ms" for k, v in cost.items()), flush=True)
    print(f"2. ours vs batch_run (careful) vs a plain loop, {w} processes, "
          f"{args.runs} runs, {args.rounds} alternating rounds", flush=True)  # fmt: skip
    parallel = contest(args.runs, w, args.turns, args.rounds)
    print(f"3. the same in one process, {args.single_runs} runs", flush=True)
    single = contest(args.single_runs, 1, args.turns, args.rounds)
    extra = scaling_and_dask(args) if args.all else {}
    report = {
        "benchmark": "bench_sweep",
        "created": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "machine": {
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "memory_gib": round(psutil.virtual_memory().total / 2**30, 1),
            "load_average_1min_at_end": round(os.getloadavg()[0], 2),
        },
        "setup": {
            "scenario": "tutorial",
            "turns": args.turns,
            "workers": w,
            "runs": args.runs,
            "single_process_runs": args.single_runs,
            "rounds": args.rounds,
        },
        "notes": (
            "Rates are wall-clock runs per second of each contender's whole call (pool "
            "start-up included); ratios are taken round by round between contenders that ran "
            "one after the other, and summarised by their median, min and max. CPU is "
            "user+system time of every process of the contender's tree, as last sampled."
        ),
        "cpu_ms_per_run_in_one_process": cost,
        "parallel": parallel,
        "single_process": single,
        **extra,
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=2) + "\n")
    summary = {k: {"ratios": v["ratios"], "identical": v["identical_outcomes"]}
               for k, v in (("parallel", parallel), ("single_process", single))}  # fmt: skip
    print(json.dumps(summary, indent=2))
    return 0


def scaling_and_dask(args: argparse.Namespace) -> dict[str, Any]:
    """1 vs 2 worker processes and Dask vs the process pool, alternating rounds (--all)."""
    w = args.workers
    print("4. 1 vs 2 worker processes (alternating rounds)", flush=True)
    one, two = [], []
    for _ in range(args.rounds):
        one.append(measure("ours", args.scaling_runs, 1, args.turns))
        two.append(measure("ours", args.scaling_runs, 2, args.turns))
    print("5. Dask LocalCluster vs local process pool (alternating rounds)", flush=True)
    pool, dask = [], []
    for _ in range(args.rounds):
        pool.append(measure("ours", args.dask_runs, w, args.turns, "processes"))
        dask.append(measure("ours", args.dask_runs, w, args.turns, "dask"))
    for row in (*one, *two, *pool, *dask):
        row.pop("cohesion", None)

    def rate(rows: list[dict], pick: Callable[[Iterable[float]], float]) -> float:
        return pick(r["runs_per_s"] for r in rows)

    return {
        "two_vs_one_worker_best": round(rate(two, max) / rate(one, max), 3),
        "two_vs_one_worker_median": round(
            rate(two, statistics.median) / rate(one, statistics.median), 3
        ),
        "dask_vs_processes_best": round(rate(dask, max) / rate(pool, max), 3),
        "dask_vs_processes_median": round(
            rate(dask, statistics.median) / rate(pool, statistics.median), 3
        ),
        "workers_and_dask": {"one": one, "two": two, "processes": pool, "dask": dask},
    }


def cpu_per_run(turns: int, runs: int = 40, rounds: int = 5) -> dict[str, float]:
    """CPU ms per run in this process, interleaved rounds, the least of each (as timeit does:
    the round least disturbed by other work): where a run's time goes.

    'model' is HybridThreatModel built and run, each design point's scenario built once (the
    floor for any runner), 'sweep_batch' our worker's batch (scenario per design point,
    simulate, outcomes), 'batch_run_model' the careful subclass batch_run needs (DataCollector
    every turn, released when it stops), 'loop' the plain loop's run (indicators every turn).
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
        m = b.BatchModel((tuple(s), run.seed), "tutorial", {turns})
        while m.running and m.steps <= {turns - 1}:
            m.step()
def loop():
    for run, s in zip(runs, settings):
        b.loop_run(((tuple(s), run.seed), {turns}))
out = {{}}
model()
for _ in range({rounds}):
    for name, fn in (("model", model), ("sweep_batch", sweep_batch),
                     ("batch_run_model", batch_run_model), ("loop", loop)):
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
