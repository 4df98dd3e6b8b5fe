"""Contagion against its published thresholds and final sizes.

- SIS (Wang, Chakrabarti, Wang, Faloutsos, SRDS 2003): with infection rate beta per link and
  cure rate delta per step, the infection dies out when beta/delta < 1/lambda_max. Below the
  threshold the expected number infected after T steps is at most N rho^T with
  rho = 1 - delta (1 - beta lambda_max / delta) (the linearised system bounds the real one), so
  T is chosen to make that bound 1e-3: any run still infected is a failure (tolerance 0).
  Above it the infection settles into a metastable state whose lifetime grows exponentially
  with N; we check it persists at twice the threshold on every family, and at 1.5 times it on
  Erdős–Rényi. (On lattices and scale-free graphs the finite-graph threshold lies above
  1/lambda_max — 1/lambda_max is a lower bound there — so rows just above it are not claimed.)
- SIR final size in the well-mixed limit (complete graph): z = 1 - exp(-R0 z). beta is set so
  that an infective's total infection pressure is exactly R0 / (N - 1) per other node; runs
  start from a few seeds, whose effect is the finite-size allowance, computed from the seeded
  final-size relation 1 - z = (1 - seeds/N) exp(-R0 z). Only major outbreaks are averaged.
"""

from __future__ import annotations

import functools
import math

import numpy as np

from ..mechanics.contagion import (
    INFECTED,
    RECOVERED,
    SUSCEPTIBLE,
    sir_final_size,
    sir_step,
    sis_step,
)
from .graphs import barabasi_albert, complete_graph, erdos_renyi, largest_eigenvalue, square_lattice
from .perturb import scaled
from .table import Check, Outcome, mean_outcome

SIS_REFERENCE = "Wang, Chakrabarti, Wang, Faloutsos, SRDS 2003"
SIR_REFERENCE = "Kermack–McKendrick final size; Newman, Phys. Rev. E 66 (2002)"
CURE = 0.2  # delta per step
BOUND = 1e-3  # first-moment bound on the chance a run below threshold survives


def _family(name: str, n: int, rng: np.random.Generator):
    if name == "ER":
        return erdos_renyi(n, 6.0, rng)
    if name == "BA":
        return barabasi_albert(n, 3, rng)
    side = round(math.sqrt(n))
    return square_lattice(side)


FAMILY_LABEL = {"ER": "ER k=6", "BA": "BA m=3", "lattice": "square lattice (torus)"}


def extinction_horizon(n: int, ratio: float, cure: float = CURE) -> int:
    """Steps after which a run below threshold (ratio = beta lambda_max / delta < 1) is extinct
    except with probability ``BOUND``: N rho^T <= BOUND."""
    rho = 1.0 - cure * (1.0 - ratio)
    return math.ceil(math.log(n / BOUND) / -math.log(rho))


def _sis_run(family: str, n: int, ratio: float, runs: int, steps: int):
    def run(rng: np.random.Generator) -> Outcome:
        adjacency = _family(family, n, rng)
        lam = largest_eigenvalue(adjacency)
        beta = ratio * CURE / lam
        infected = np.ones((adjacency.shape[0], runs), dtype=bool)
        for _ in range(steps):
            infected = sis_step(
                adjacency, infected, scaled("beta", beta), scaled("delta", CURE), rng
            )
        surviving = infected.any(axis=0)
        prevalence = float(infected.mean())
        if ratio < 1:
            basis = f"bound: P(survive) <= N rho^T = {BOUND:g}; prevalence {prevalence:.3g}"
        else:
            basis = f"metastable, lifetime exp(N); prevalence {prevalence:.3g}"
        return Outcome(float(surviving.mean()), 0.0, basis)

    return run


def nimfa_prevalence(adjacency, beta: float, delta: float, iterations: int = 3000) -> float:
    """Steady-state prevalence of the N-intertwined mean-field approximation (Van Mieghem,
    Omic, Kooij 2009) in the discrete-time form of ``sis_step`` (each infected neighbour
    infects with probability beta, cure with probability delta): the fixed point of
    v_i = (1 - delta) v_i + (1 - v_i) (1 - prod_j (1 - beta a_ij v_j)), found by iteration
    from v = 1/2. It solves the equations, not the process: an independent answer."""
    v = np.full(adjacency.shape[0], 0.5)
    for _ in range(iterations):
        escape = np.exp(adjacency @ np.log1p(-beta * v))
        v = (1.0 - delta) * v + (1.0 - v) * (1.0 - escape)
    return float(v.mean())


PREVALENCE_N = 2000
PREVALENCE_K = 50.0  # dense enough that the mean-field's neglected correlations are ~1/k
PREVALENCE_SEED = 12345
PREVALENCE_STEPS = (150, 300)  # average the prevalence over steps 150-300, starting at 1/2


@functools.cache
def _prevalence_graph():
    """One fixed ER graph (its own seed) for the expected value and every run."""
    adjacency = erdos_renyi(PREVALENCE_N, PREVALENCE_K, np.random.default_rng(PREVALENCE_SEED))
    return adjacency, largest_eigenvalue(adjacency)


def _prevalence_run(ratio: float, runs: int):
    def run(rng: np.random.Generator) -> Outcome:
        adjacency, lam = _prevalence_graph()
        beta = ratio * CURE / lam
        expected = _nimfa_expected(ratio)
        infected = rng.random((PREVALENCE_N, runs)) < 0.5
        seen = []
        for step in range(PREVALENCE_STEPS[1]):
            infected = sis_step(
                adjacency, infected, scaled("beta", beta), scaled("delta", CURE), rng
            )
            if step >= PREVALENCE_STEPS[0]:
                seen.append(infected.mean())
        # Theory, not the sample: a snapshot's binomial spread sqrt(v(1-v)/N) over the runs
        # (a time average only narrows it), plus the mean-field's neglect of correlations
        # between neighbours, of order 1/k on random graphs.
        se = math.sqrt(expected * (1.0 - expected) / PREVALENCE_N / runs)
        allowance = 1.0 / PREVALENCE_K
        return Outcome(
            float(np.mean(seen)),
            4.0 * se + allowance,
            f"4 binomial SE ({se:.3g}) + mean-field 1/k (theory, not the sample)",
        )

    return run


@functools.cache
def _nimfa_expected(ratio: float) -> float:
    """NIMFA prevalence on the rows' graph."""
    adjacency, lam = _prevalence_graph()
    return nimfa_prevalence(adjacency, ratio * CURE / lam, CURE)


def prevalence_checks(quick: bool) -> list[Check]:
    """SIS prevalence across the threshold against NIMFA on the same graph."""
    runs = 4
    ratios = (0.8, 1.2, 2.0) if quick else (0.8, 1.2, 1.5, 2.0, 3.0)
    return [
        Check(
            "contagion",
            "SIS steady prevalence vs N-intertwined mean field",
            f"ER k={PREVALENCE_K:g}, N={PREVALENCE_N}, beta/delta={ratio:g}/lambda_max, "
            f"delta={CURE:g}, steps 150-300, {runs} runs",
            _nimfa_expected(ratio),
            _prevalence_run(ratio, runs),
            reference="Van Mieghem, Omic, Kooij, IEEE/ACM Trans. Netw. 17:1 (2009)",
        )
        for ratio in ratios
    ]


def sir_beta(r0: float, gamma: float, n: int) -> float:
    """Per-step infection probability giving basic reproduction number R0 on a complete graph
    of n nodes: an infective exerts pressure -log(1 - beta) per step for 1/gamma steps."""
    return -math.expm1(-r0 * gamma / (n - 1))


def _sir_run(n: int, r0: float, runs: int, seeds: int, gamma: float = 0.5):
    def run(rng: np.random.Generator) -> Outcome:
        adjacency = complete_graph(n)
        beta = sir_beta(r0, gamma, n)
        status = np.full((n, runs), SUSCEPTIBLE, dtype=np.int8)
        for r in range(runs):
            status[rng.choice(n, seeds, replace=False), r] = INFECTED
        while (status == INFECTED).any():
            status = sir_step(adjacency, status, beta, gamma, rng)
        sizes = (status == RECOVERED).mean(axis=0)
        expected = sir_final_size(r0)
        major = sizes[sizes > 0.5 * expected]
        allowance = abs(sir_final_size(r0, seeds / n) - expected)
        if major.size < 2:
            return Outcome(float("nan"), 0.0, "fewer than 2 major outbreaks")
        out = mean_outcome(major, allowance=allowance, label="seeding")
        return Outcome(out.simulated, out.tolerance, f"{out.basis}; {major.size} major of {runs}")

    return run


def checks(quick: bool = False) -> list[Check]:
    """SIS threshold rows on three graph families; SIR final-size rows on a complete graph."""
    n = 1000 if quick else 2000
    runs = 8 if quick else 20
    families = ("ER", "lattice") if quick else ("ER", "BA", "lattice")
    steps = extinction_horizon(n, 0.8)
    out: list[Check] = []
    for family in families:
        ratios = [0.5, 0.8, 2.0]
        if family == "ER":
            ratios.insert(2, 1.5)
        if quick:
            ratios = [0.8, 2.0]
        for ratio in ratios:
            below = ratio < 1
            out.append(
                Check(
                    "contagion",
                    "SIS: share of runs still infected",
                    f"{FAMILY_LABEL[family]}, N={n}, beta/delta={ratio:g}/lambda_max, "
                    f"delta={CURE:g}, T={steps}, {runs} runs",
                    0.0 if below else 1.0,
                    _sis_run(family, n, ratio, runs, steps),
                    compare="at_most" if below else "at_least",
                    reference=SIS_REFERENCE,
                    expected_text="0 (dies out)" if below else "1 (persists)",
                )
            )
    sir_n = 500 if quick else 1000
    sir_runs = 12 if quick else 40
    for r0 in (2.0,) if quick else (1.5, 2.0, 3.0):
        out.append(
            Check(
                "contagion",
                "SIR final size z = 1 - exp(-R0 z) (reference only: no game uses SIR)",
                f"complete graph N={sir_n}, R0={r0:g}, 5 seeds, {sir_runs} runs",
                sir_final_size(r0),
                _sir_run(sir_n, r0, sir_runs, seeds=5),
                reference=SIR_REFERENCE,
            )
        )
    return out + prevalence_checks(quick)
