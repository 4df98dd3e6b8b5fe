"""The contagion step against a per-node Python loop, with the same random draws.

    .venv/bin/python benchmarks/bench_contagion.py

Target: ``sis_step`` at least 20x faster than the loop in reference.py, same answer.
"""

from __future__ import annotations

import numpy as np

from benchutil import median, timings, write
from hybridsim.mechanics import sis_step
from hybridsim.verify.graphs import erdos_renyi
from reference import sis_step_loop

N = 100_000
K = 6.0
BETA, DELTA = 0.05, 0.2
TARGET = 20.0


def main() -> None:
    rng = np.random.default_rng(2003)
    adjacency = erdos_renyi(N, K, rng)
    infected = rng.random(N) < 0.1
    seed_state = rng.bit_generator.state

    def fast() -> np.ndarray:
        rng.bit_generator.state = seed_state
        return sis_step(adjacency, infected, BETA, DELTA, rng)

    def slow() -> np.ndarray:
        rng.bit_generator.state = seed_state
        infect_draw, cure_draw = rng.random(N), rng.random(N)  # the draws sis_step makes
        return sis_step_loop(adjacency, infected, BETA, DELTA, infect_draw, cure_draw)

    same = bool(np.array_equal(fast(), slow()))
    t_fast = timings(fast, repeat=21)
    t_slow = timings(slow, repeat=3, warmup=0)
    ratio = median(t_slow) / median(t_fast)
    print(
        f"SIS step, ER N={N} k={K:g}: hybridsim {median(t_fast) * 1e3:.1f} ms, per-node loop "
        f"{median(t_slow):.2f} s -> {ratio:.0f}x (target {TARGET:g}x); same answer: {same}"
    )
    ok = same and ratio >= TARGET
    print("PASS" if ok else "FAIL")
    write(
        "contagion",
        {
            "n": N,
            "k": K,
            "beta": BETA,
            "delta": DELTA,
            "same_answer": same,
            "hybridsim_s": t_fast,
            "loop_s": t_slow,
            "median_hybridsim_s": median(t_fast),
            "median_loop_s": median(t_slow),
            "speedup": ratio,
            "target_speedup": TARGET,
            "pass": ok,
        },
    )


if __name__ == "__main__":
    main()
