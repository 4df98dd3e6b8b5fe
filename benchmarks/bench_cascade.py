"""The cascade kernel on coupled networks of 10^5 nodes, against networkx.

    .venv/bin/python benchmarks/bench_cascade.py

Target: ``mutual_giant_component`` at least 20x faster than the same algorithm written with
networkx (reference.py), giving the same answer. Both run in this process, side by side.
"""

from __future__ import annotations

import numpy as np

from benchutil import median, timings, write
from hybridsim.mechanics import mutual_giant_component
from hybridsim.verify.graphs import erdos_renyi
from reference import mutual_giant_component_nx, to_networkx

N = 100_000
K = 4.0
CASES = (0.8, 0.65)  # far above p_c = 0.614, and close to it (a longer cascade)
TARGET = 20.0


def main() -> None:
    rng = np.random.default_rng(2010)
    a, b = erdos_renyi(N, K, rng), erdos_renyi(N, K, rng)
    graph_a, graph_b = to_networkx(a), to_networkx(b)
    cases = []
    for p in CASES:
        alive = rng.random(N) < p
        fast = mutual_giant_component(a, b, alive)
        slow = mutual_giant_component_nx(graph_a, graph_b, alive)
        same = bool(np.array_equal(fast, slow))
        t_fast = timings(lambda alive=alive: mutual_giant_component(a, b, alive), repeat=7)
        t_slow = timings(
            lambda alive=alive: mutual_giant_component_nx(graph_a, graph_b, alive),
            repeat=3,
            warmup=0,
        )
        ratio = median(t_slow) / median(t_fast)
        cases.append(
            {
                "p": p,
                "mutual_giant_share": float(fast.mean()),
                "same_answer": same,
                "hybridsim_s": t_fast,
                "networkx_s": t_slow,
                "median_hybridsim_s": median(t_fast),
                "median_networkx_s": median(t_slow),
                "speedup": ratio,
            }
        )
        print(
            f"N={N} k={K:g} p={p}: hybridsim {median(t_fast) * 1e3:.0f} ms, networkx "
            f"{median(t_slow):.2f} s -> {ratio:.0f}x (target {TARGET:g}x); same answer: {same}"
        )
    ok = all(c["same_answer"] and c["speedup"] >= TARGET for c in cases)
    print("PASS" if ok else "FAIL")
    write("cascade", {"n": N, "k": K, "target_speedup": TARGET, "cases": cases, "pass": ok})


if __name__ == "__main__":
    main()
