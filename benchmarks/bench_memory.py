"""Memory over 1,000 runs in one process: does it stay flat?

    .venv/bin/python benchmarks/bench_memory.py [RUNS]

mesa 3.3.1 keeps every model alive through the class attribute ``Agent._ids`` (a counter per
model); ``hybridsim.api.simulate`` drops the entry when a run ends (``api.release``). This
script runs the tutorial RUNS times (default 1,000) through ``simulate`` and records the
resident set size every 100 runs, the models still alive (weak references), and mesa's
``Agent._ids``; then traces Python allocations (tracemalloc) over 200 more runs. A control
shows what happens without the release. Target: growth under 50 MB over the 1,000 runs.
"""

from __future__ import annotations

import gc
import sys
import tracemalloc
import weakref

import mesa

from benchutil import write
from hybridsim.api import simulate
from hybridsim.model import HybridThreatModel
from hybridsim.scenario import load_scenario

TARGET_MB = 50.0
WARMUP = 20


def rss_mb() -> float:
    """Resident set size of this process, MB (Linux /proc; psutil elsewhere)."""
    try:
        with open("/proc/self/statm", encoding="ascii") as f:
            pages = int(f.read().split()[1])
        import os

        return pages * os.sysconf("SC_PAGE_SIZE") / 2**20
    except OSError:
        import psutil

        return psutil.Process().memory_info().rss / 2**20


def _short(filename: str) -> str:
    """A file name without the machine's folders (site-packages/... or hybridsim/...)."""
    for marker in ("site-packages/", "src/"):
        if marker in filename:
            return filename.split(marker, 1)[1]
    return filename.rsplit("/", 1)[-1]


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    scenario = load_scenario("tutorial")
    alive: weakref.WeakSet[HybridThreatModel] = weakref.WeakSet()
    for seed in range(WARMUP):  # caches, imports, first allocations
        alive.add(simulate(scenario, seed=seed).model)
    gc.collect()
    start = rss_mb()
    samples = [{"runs": 0, "rss_mb": start, "models_alive": len(alive)}]
    for i in range(1, runs + 1):
        result = simulate(scenario, seed=WARMUP + i)
        alive.add(result.model)
        del result
        if i % 100 == 0 or i == runs:
            gc.collect()
            samples.append(
                {
                    "runs": i,
                    "rss_mb": rss_mb(),
                    "models_alive": len(alive),
                    "agent_ids_entries": len(mesa.Agent._ids),
                }
            )
            print(
                f"{i:5d} runs: RSS {samples[-1]['rss_mb']:7.1f} MB "
                f"(+{samples[-1]['rss_mb'] - start:5.1f}), models alive "
                f"{samples[-1]['models_alive']}, Agent._ids entries "
                f"{samples[-1]['agent_ids_entries']}"
            )
    growth = samples[-1]["rss_mb"] - start

    tracemalloc.start()
    gc.collect()
    before = tracemalloc.take_snapshot()
    traced_start = tracemalloc.get_traced_memory()[0]
    for i in range(200):
        simulate(scenario, seed=10_000 + i)
    gc.collect()
    traced_growth = (tracemalloc.get_traced_memory()[0] - traced_start) / 2**20
    top = [
        f"{_short(s.traceback[0].filename)}:{s.traceback[0].lineno}: {s.size_diff:+d} B "
        f"in {s.count_diff:+d} objects"
        for s in tracemalloc.take_snapshot().compare_to(before, "lineno")[:5]
    ]
    tracemalloc.stop()
    print(f"tracemalloc over 200 more runs: {traced_growth:+.2f} MB of Python objects retained")
    for line in top:
        print(f"  {line}")

    # Control: the same runs without the release keep every model (mesa's Agent._ids).
    leaked: weakref.WeakSet[HybridThreatModel] = weakref.WeakSet()
    control_start = rss_mb()
    for seed in range(100):
        model = HybridThreatModel(scenario, rng=seed, keep_history=False)
        model.run()
        leaked.add(model)
        del model
    gc.collect()
    control = {"runs": 100, "rss_growth_mb": rss_mb() - control_start, "models_alive": len(leaked)}
    print(
        f"control without release: {control['models_alive']} of 100 models still alive, "
        f"RSS +{control['rss_growth_mb']:.1f} MB"
    )
    mesa.Agent._ids.clear()  # let the control's models go

    ok = growth <= TARGET_MB and samples[-1]["models_alive"] == 0
    print(f"RSS growth over {runs} runs: {growth:+.1f} MB (target < {TARGET_MB:g} MB)")
    print("PASS" if ok else "FAIL")
    write(
        "memory",
        {
            "scenario": "tutorial",
            "runs": runs,
            "warmup_runs": WARMUP,
            "samples": samples,
            "rss_growth_mb": growth,
            "tracemalloc_growth_mb_200_runs": traced_growth,
            "tracemalloc_top": top,
            "control_without_release": control,
            "target_mb": TARGET_MB,
            "pass": bool(ok),
        },
    )


if __name__ == "__main__":
    main()
