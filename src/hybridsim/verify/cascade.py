"""Cascades on interdependent networks against Buldyrev et al., Nature 464:1025 (2010).

Two Erdős–Rényi networks of mean degree k, node i of one needing node i of the other; a random
fraction 1 - p removed; the mutual giant component that survives is, for large N, the largest
root of P = p (1 - exp(-k P))^2. It vanishes abruptly at p_c = 2.4554 / k, where it jumps from
1.2564 / k to 0. A single network instead has S = p (1 - exp(-k S)) with a continuous
transition at p_c = 1 / k (the control).

Tolerances of the share rows are fixed from theory: 4 binomial standard errors of the expected
share over the runs, plus a finite-size allowance of 1/sqrt(N) because the published results
hold as N -> infinity (a conservative bound: the measured bias of every quantity here was below
it at N = 10^4 and 10^5). The p_c and jump rows, found by bisection per network pair, still use
4 standard errors of the replicate mean plus the same allowance.
"""

from __future__ import annotations

import math

import numpy as np
from scipy.optimize import brentq, minimize_scalar

from ..mechanics.cascade import (
    Network,
    giant_component,
    interdependent_cascade,
    mutual_giant_component,
)
from .graphs import erdos_renyi
from .perturb import scaled
from .table import Check, Outcome, mean_outcome

REFERENCE = "Buldyrev et al., Nature 464:1025 (2010)"


def critical_constants() -> tuple[float, float]:
    """(p_c k, P_c k) from the self-consistency equation itself: with x = k P the equation
    reads k p = x / (1 - exp(-x))^2, whose minimum is k p_c, reached at x = k P_c.
    A check that the published constants 2.4554 and 1.2564 follow from the formula."""
    res = minimize_scalar(
        lambda x: x / (1.0 - math.exp(-x)) ** 2,
        bounds=(0.1, 10.0),
        method="bounded",
        options={"xatol": 1e-10},
    )
    return float(res.fun), float(res.x)


P_C_K = 2.4554  # p_c = 2.4554 / k (published)
JUMP_K = 1.2564  # P just above p_c = 1.2564 / k (published)


def mutual_giant_fraction(p: float, k: float) -> float:
    """Largest root of P = p (1 - exp(-k P))^2 (0 below p_c): the mutual giant component's
    share of all N nodes."""
    return _largest_root(lambda x: p * (1.0 - math.exp(-k * x)) ** 2 - x, p)


def single_giant_fraction(p: float, k: float) -> float:
    """Largest root of S = p (1 - exp(-k S)) (0 below 1/k): one network's giant component."""
    return _largest_root(lambda x: p * (1.0 - math.exp(-k * x)) - x, p)


def source_connected_fraction(k: float, rho: float, terms: int = 4000) -> float:
    """Share of an Erdős–Rényi graph (mean degree k, every node kept) that works under the
    game's source variant: the giant component, plus every finite cluster holding at least one
    source (each node a source with probability rho).

    A node lies in a finite cluster of s nodes with the Borel probability
    e^{-ks} (ks)^{s-1} / s!; that cluster holds a source with probability 1 - (1 - rho)^s; the
    rest of the nodes form the giant component S = 1 - exp(-k S).
    """
    s = np.arange(1, terms + 1, dtype=np.float64)
    log_borel = -k * s + (s - 1) * np.log(k * s) - np.array([math.lgamma(x + 1) for x in s])
    borel = np.exp(log_borel)
    giant = single_giant_fraction(1.0, k)
    return float(giant + np.sum(borel * (1.0 - (1.0 - rho) ** s)))


def _largest_root(f, upper: float) -> float:
    """Largest root in (0, upper] of f, which is negative at ``upper``; 0 when there is none."""
    grid = np.linspace(upper, 0.0, 2001)[:-1]
    values = np.array([f(x) for x in grid])
    positive = np.flatnonzero(values > 0)
    if positive.size == 0:
        return 0.0
    i = positive[0]
    return float(brentq(f, grid[i], grid[i - 1]))


def _coupled(n: int, k: float, rng: np.random.Generator):
    return erdos_renyi(n, k, rng), erdos_renyi(n, k, rng), rng.random(n)


def share_outcome(shares, expected: float, n: int) -> Outcome:
    """A share of N nodes against its theory value: 4 binomial standard errors of the expected
    share over the runs (fixed by theory, not by the sample's spread), plus the finite-size
    allowance 1/sqrt(N) (the published results hold as N -> infinity)."""
    se = math.sqrt(expected * (1.0 - expected) / (n * len(shares)))
    allowance = 1.0 / math.sqrt(n)
    return Outcome(
        float(np.mean(shares)),
        4.0 * se + allowance,
        f"4 binomial SE ({se:.3g}) + finite-size {allowance:.3g} (theory)",
    )


def _mutual_run(n: int, k: float, p: float, runs: int):
    def run(rng: np.random.Generator) -> Outcome:
        sizes = []
        for _ in range(runs):
            a, b, u = _coupled(n, k, rng)
            sizes.append(mutual_giant_component(a, b, u < scaled("p", p)).mean())
        return share_outcome(sizes, mutual_giant_fraction(p, k), n)

    return run


def critical_point(a, b, u: np.ndarray, k: float, steps: int = 12) -> tuple[float, float]:
    """Bisect for the p at which one pair of networks collapses (nodes kept where u < p).

    Returns the smallest p found to keep a mutual giant component and that component's share
    just above the collapse. Removal sets are nested (one u per node), so the cascade's outcome
    is monotone in p and bisection is valid.
    """
    pc = P_C_K / k
    lo, hi = 0.8 * pc, min(1.25 * pc, 1.0)
    threshold = 0.5 * JUMP_K / k
    size_hi = float(mutual_giant_component(a, b, u < scaled("p", hi)).mean())
    for _ in range(steps):
        mid = 0.5 * (lo + hi)
        size = float(mutual_giant_component(a, b, u < scaled("p", mid)).mean())
        if size > threshold:
            hi, size_hi = mid, size
        else:
            lo = mid
    return hi, size_hi


_CRITICAL_CACHE: dict[tuple, list[tuple[float, float]]] = {}


def _critical_samples(n: int, k: float, runs: int, rng: np.random.Generator):
    """(p_c, P just above p_c) per run; the p_c and jump rows share one stream, so the
    bisection runs once for both (memoised on the generator's starting state)."""
    key = (n, k, runs, repr(rng.bit_generator.state["state"]))
    if key not in _CRITICAL_CACHE:
        samples = []
        for _ in range(runs):
            a, b, u = _coupled(n, k, rng)
            samples.append(critical_point(a, b, u, k))
        _CRITICAL_CACHE.clear()
        _CRITICAL_CACHE[key] = samples
    return _CRITICAL_CACHE[key]


def _critical_run(n: int, k: float, runs: int, what: str):
    def run(rng: np.random.Generator) -> Outcome:
        samples = _critical_samples(n, k, runs, rng)
        values = [pc if what == "pc" else jump for pc, jump in samples]
        return mean_outcome(values, allowance=1.0 / math.sqrt(n))

    return run


def _single_run(n: int, k: float, p: float, runs: int):
    def run(rng: np.random.Generator) -> Outcome:
        sizes = []
        for _ in range(runs):
            a = erdos_renyi(n, k, rng)
            sizes.append(giant_component(a, rng.random(n) < scaled("p", p)).mean())
        return share_outcome(sizes, single_giant_fraction(p, k), n)

    return run


def _source_run(n: int, k: float, rho: float, runs: int):
    def run(rng: np.random.Generator) -> Outcome:
        shares = []
        for _ in range(runs):
            a = erdos_renyi(n, k, rng)
            network = Network(a, np.zeros(n, dtype=np.int64), rng.random(n) < rho)
            shares.append(interdependent_cascade(np.ones(n, dtype=bool), [network])[0].mean())
        return share_outcome(shares, source_connected_fraction(k, rho), n)

    return run


def source_checks(n: int, runs: int, quick: bool) -> list[Check]:
    """The game's variant: pieces holding a source keep working (Borel cluster sizes)."""
    cases = ((0.8, 0.1), (1.5, 0.1)) if quick else ((0.8, 0.05), (0.8, 0.3), (1.5, 0.1), (3.0, 0.1))
    return [
        Check(
            "cascade",
            "source variant (game's rule): share working",
            f"ER k={k:g}, sources rho={rho:g}, N={n}, {runs} runs",
            source_connected_fraction(k, rho),
            _source_run(n, k, rho, runs),
            reference="Erdős–Rényi finite clusters (Borel); hybridsim's source variant",
        )
        for k, rho in cases
    ]


def checks(quick: bool = False) -> list[Check]:
    """The cascade rows: mutual giant component, collapse, p_c and the jump, single network."""
    n, runs, pc_runs = (20_000, 4, 4) if quick else (100_000, 5, 8)
    degrees = (4.0,) if quick else (4.0, 6.0, 8.0)
    out: list[Check] = []
    for k in degrees:
        out += _coupled_checks(k, n, runs, pc_runs, quick)
    return out + _single_checks(n, runs, quick) + source_checks(n, runs, quick)


def _coupled_checks(k: float, n: int, runs: int, pc_runs: int, quick: bool) -> list[Check]:
    """Two coupled ER networks of mean degree k: P above p_c, collapse below, p_c, the jump."""
    pc = P_C_K / k
    out = [
        Check(
            "cascade",
            "coupled ER: mutual giant component P",
            f"k={k:g}, p={p:g}, N={n}, {runs} runs",
            mutual_giant_fraction(p, k),
            _mutual_run(n, k, p, runs),
            reference=REFERENCE,
        )
        for p in (round(factor * pc, 3) for factor in ((1.3,) if quick else (1.1, 1.3, 1.6)))
    ]
    p = round(0.9 * pc, 3)
    out.append(
        Check(
            "cascade",
            "coupled ER: collapse below p_c (P)",
            f"k={k:g}, p={p:g} (0.9 p_c), N={n}, {runs} runs",
            0.0,
            _mutual_run(n, k, p, runs),
            compare="at_most",
            reference=REFERENCE,
        )
    )
    critical = (
        ("coupled ER: critical p_c = 2.4554/k", pc, "pc"),
        ("coupled ER: P just above p_c = 1.2564/k", JUMP_K / k, "jump"),
    )
    for quantity, expected, what in critical[:1] if quick else critical:
        out.append(
            Check(
                "cascade",
                quantity,
                f"k={k:g}, N={n}, {pc_runs} runs, bisection",
                expected,
                _critical_run(n, k, pc_runs, what),
                reference=REFERENCE,
                stream=f"cascade critical k={k:g} N={n}",
            )
        )
    return out


def _single_checks(n: int, runs: int, quick: bool) -> list[Check]:
    """One ER network (the control): the giant component against the textbook fraction."""
    out: list[Check] = []
    for k in (2.0,) if quick else (2.0, 4.0):
        for factor in (0.7, 2.0) if quick else (0.7, 1.5, 3.0):
            p = round(factor / k, 3)
            if p > 1.0:
                continue
            expected = single_giant_fraction(p, k)
            out.append(
                Check(
                    "cascade",
                    "single ER (control): giant S, p_c = 1/k",
                    f"k={k:g}, p={p:g}, N={n}, {runs} runs",
                    expected,
                    _single_run(n, k, p, runs),
                    compare="close" if expected > 0 else "at_most",
                    reference="Erdős–Rényi percolation; Buldyrev et al. (2010)",
                )
            )
    return out
