"""A 52-turn baseline game, start to finish: the median wall time, and where it goes.

    .venv/bin/python benchmarks/bench_run.py                  # print only
    .venv/bin/python benchmarks/bench_run.py --save           # and write results/run.json
    .venv/bin/python benchmarks/bench_run.py --out run.json   # and write this file

The committed ``results/run.json`` is a measurement someone chose to keep: a run rewrites it
only when asked.

Target (an aim): under 0.2 s per 52-turn run. The profile groups the time of one run by source
file, so it shows which part of the code a speed-up has to come from.
"""

from __future__ import annotations

import argparse
import cProfile
import json
import pstats
from collections import Counter
from pathlib import Path

from benchutil import machine, median, timings, write
from hybridsim.api import release
from hybridsim.model import HybridThreatModel
from hybridsim.scenario import load_scenario

TURNS = 52
REPEAT = 7
TARGET_S = 0.2


def play(scenario, seed: int = 1) -> None:
    model = HybridThreatModel(scenario, rng=seed, turns=TURNS, keep_history=False)
    model.run()
    release(model)


def _where(filename: str) -> str:
    if "/hybridsim/" in filename:
        return "hybridsim/" + filename.split("/hybridsim/", 1)[1]
    for lib in ("numpy", "scipy", "mesa", "pydantic"):
        if f"/{lib}/" in filename:
            return lib
    return "other (builtins, stdlib)"


def profile(scenario) -> tuple[list[tuple[str, float]], list[tuple[str, float]]]:
    """Share of one run's time by file (own time) and the top functions (cumulative)."""
    prof = cProfile.Profile()
    prof.runcall(play, scenario)
    stats = pstats.Stats(prof)
    by_file: Counter[str] = Counter()
    for (filename, _, _), (_, _, own, _, _) in stats.stats.items():
        by_file[_where(filename)] += own
    total = sum(by_file.values())
    files = [(name, t / total) for name, t in by_file.most_common(12)]
    functions = []
    for (filename, line, name), (_, _, _, cum, _) in stats.stats.items():
        if "/hybridsim/" in filename:
            functions.append((f"{_where(filename)}:{line}({name})", cum / total))
    functions.sort(key=lambda x: -x[1])
    return files, functions[:15]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--save", action="store_true",
                        help="write benchmarks/results/run.json (the committed figures)")
    parser.add_argument("--out", type=Path, help="write the results to this file")
    args = parser.parse_args(argv)
    scenario = load_scenario("baseline")
    times = timings(lambda: play(scenario), repeat=REPEAT)
    seeds = [timings(lambda s=s: play(scenario, s), repeat=1, warmup=0)[0] for s in range(2, 7)]
    print(
        f"baseline, {TURNS} turns, {len(scenario.states)} states, "
        f"{len(scenario.infrastructure.assets)} assets: median {median(times):.3f} s over "
        f"{REPEAT} runs (seed 1); seeds 2-6: median {median(seeds):.3f} s; "
        f"target {TARGET_S} s"
    )
    files, functions = profile(scenario)
    print("share of a run's time by file (own time, cProfile):")
    for name, share in files:
        print(f"  {share:6.1%}  {name}")
    print("top functions (cumulative):")
    for name, share in functions:
        print(f"  {share:6.1%}  {name}")
    ok = median(times) <= TARGET_S
    print("PASS" if ok else "MISS", f"(target {TARGET_S} s)")
    result = {
        "scenario": "baseline",
        "turns": TURNS,
        "run_s": times,
        "median_run_s": median(times),
        "other_seeds_s": seeds,
        "median_other_seeds_s": median(seeds),
        "target_s": TARGET_S,
        "profile_by_file": dict(files),
        "profile_top_functions": dict(functions),
        "pass": ok,
    }
    if args.save:
        write("run", result)
    if args.out:
        args.out.write_text(json.dumps({"machine": machine(), **result}, indent=2) + "\n",
                            "utf-8")
        print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
