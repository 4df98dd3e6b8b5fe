"""Bounded-confidence opinions against Deffuant, Neau, Amblard, Weisbuch, Adv. Complex Syst.
3:87 (2000).

From opinions uniform on [0, 1], with convergence mu = 0.5, the public settles into about
floor(1 / (2 eps)) major clusters, and into one (consensus) for eps above about 0.27. Clusters
are counted by ``count_clusters``: groups more than 0.05 apart holding at least 5% of people
(the small extremist groups the paper also sees are not major clusters).

Tolerances are fixed in advance, not taken from the sample: the cluster count is an approximate
rule (the paper: "the number of peaks ... is about the integer part of 1/(2d)"; the continuum
limit gives slightly fewer, about 1 / (2.16 eps)), so the mean count may differ by one cluster.
Consensus rows let at most one run in the row keep a second group. The first sweep's
contraction is exact, with a tolerance of 4 standard deviations computed from the uniform
start; the symmetric update keeps every row's mean to rounding.
"""

from __future__ import annotations

import math

import numpy as np

from ..mechanics.opinion import count_clusters, deffuant_sweep
from .perturb import scaled
from .table import Check, Outcome

REFERENCE = "Deffuant, Neau, Amblard, Weisbuch, Adv. Complex Syst. 3:87 (2000)"
MU = 0.5
MAX_SWEEPS = 5000


def settle(
    people: int, runs: int, eps: float, rng: np.random.Generator, mu: float = MU
) -> np.ndarray:
    """Opinions (one row per run) after sweeping until no one moves by more than 1e-6."""
    opinions = rng.random((runs, people))
    eps, mu = scaled("eps", eps), scaled("mu", mu)
    for sweep in range(MAX_SWEEPS):
        new = deffuant_sweep(opinions, eps, mu, rng)
        if sweep % 25 == 24 and np.abs(new - opinions).max() < 1e-6:
            return new
        opinions = new
    return opinions


def _cluster_run(people: int, runs: int, eps: float):
    def run(rng: np.random.Generator) -> Outcome:
        counts = [count_clusters(row) for row in settle(people, runs, eps, rng)]
        return Outcome(float(np.mean(counts)), 1.0, "rule of thumb: one cluster (fixed)")

    return run


def _consensus_run(people: int, runs: int, eps: float):
    def run(rng: np.random.Generator) -> Outcome:
        one = np.array([count_clusters(row) == 1 for row in settle(people, runs, eps, rng)])
        # judgement: a finite public near the threshold may, rarely, keep a second group; one
        # run in the row may miss, no more (fixed, not from the sample's spread).
        return Outcome(float(one.mean()), 1.0 / runs, f"at most 1 of {runs} runs may miss")

    return run


def first_sweep_contraction(eps: float, mu: float) -> float:
    """Expected share of the variance left after one sweep from opinions uniform on [0, 1].

    A pair with gap g < eps closes it to (1 - 2 mu) g, so the pair's sum of squares about its
    mean, g^2 / 2, loses 2 mu (1 - mu) g^2; the pair's mean, hence everyone else, is untouched.
    For two uniform opinions E[g^2; g < eps] = 2 (eps^3 / 3 - eps^4 / 4); with n / 2 pairs and
    variance 1/12, the share left is 1 - 12 mu (1 - mu) * 2 (eps^3 / 3 - eps^4 / 4)."""
    return 1.0 - 12.0 * mu * (1.0 - mu) * 2.0 * (eps**3 / 3.0 - eps**4 / 4.0)


def _contraction_sd(eps: float, mu: float, people: int) -> float:
    """Standard deviation, from theory, of one run's measured contraction: the sum over n / 2
    independent pairs of 12 * 2 mu (1 - mu) g^2 [g < eps] / n, with
    E[g^4; g < eps] = 2 (eps^5 / 5 - eps^6 / 6)."""
    m2 = 2.0 * (eps**3 / 3.0 - eps**4 / 4.0)
    m4 = 2.0 * (eps**5 / 5.0 - eps**6 / 6.0)
    per_pair = 24.0 * mu * (1.0 - mu) / people
    return per_pair * math.sqrt((people / 2) * (m4 - m2**2))


def _contraction_run(people: int, runs: int, eps: float, mu: float):
    def run(rng: np.random.Generator) -> Outcome:
        before = rng.random((runs, people))
        after = deffuant_sweep(before, scaled("eps", eps), scaled("mu", mu), rng)
        centred = lambda x: x - x.mean(axis=1, keepdims=True)  # noqa: E731
        # Sums of squares about each run's own mean, over 1/12 (the uniform's variance), so a
        # rule that moves the mean shows; the sampling of the start is the same both sides.
        left = 1.0 - ((centred(before) ** 2).sum(axis=1) - (centred(after) ** 2).sum(axis=1)) / (
            people / 12.0
        )
        sd = _contraction_sd(eps, mu, people) / math.sqrt(runs)
        return Outcome(float(left.mean()), 4.0 * sd, f"4 SD from theory ({sd:.3g}, {runs} runs)")

    return run


def _mean_shift_run(people: int, runs: int, eps: float, mu: float):
    def run(rng: np.random.Generator) -> Outcome:
        before = rng.random((runs, people))
        after = deffuant_sweep(before, scaled("eps", eps), scaled("mu", mu), rng)
        shift = float(np.abs(after.mean(axis=1) - before.mean(axis=1)).max())
        return Outcome(shift, 1e-12, "rounding only: symmetric moves keep every row's mean")

    return run


def update_checks(quick: bool) -> list[Check]:
    """The update rule itself: the first sweep's contraction, and that it is symmetric."""
    people, runs = (10_000, 20) if quick else (20_000, 40)
    cases = ((0.3, 0.3),) if quick else ((0.1, 0.3), (0.2, 0.3), (0.3, 0.3), (0.3, 0.5), (0.5, 0.2))
    out = [
        Check(
            "opinion",
            "Deffuant first sweep: variance left from uniform opinions",
            f"eps={eps:g}, mu={mu:g}, {people} people, {runs} runs",
            first_sweep_contraction(eps, mu),
            _contraction_run(people, runs, eps, mu),
            reference=REFERENCE + "; exact for one sweep of disjoint pairs",
        )
        for eps, mu in cases
    ]
    out.append(
        Check(
            "opinion",
            "Deffuant symmetric update: largest shift of a row's mean",
            f"eps=0.3, mu=0.3, {people} people, {runs} runs",
            0.0,
            _mean_shift_run(people, runs, 0.3, 0.3),
            compare="at_most",
            reference=REFERENCE,
        )
    )
    return out


def checks(quick: bool = False) -> list[Check]:
    """Major clusters across eps, and consensus above eps ~ 0.27."""
    people, runs = (500, 10) if quick else (1000, 20)
    out = [
        Check(
            "opinion",
            "Deffuant major clusters ~ floor(1/(2 eps))",
            f"eps={eps:g}, mu={MU:g}, {people} people, {runs} runs",
            float(math.floor(1.0 / (2.0 * eps))),
            _cluster_run(people, runs, eps),
            reference=REFERENCE,
        )
        for eps in ((0.15,) if quick else (0.1, 0.15, 0.2, 0.25))
    ]
    out += [
        Check(
            "opinion",
            "Deffuant consensus for eps >= 0.27 (share of runs)",
            f"eps={eps:g}, mu={MU:g}, {people} people, {runs} runs",
            1.0,
            _consensus_run(people, runs, eps),
            compare="at_least",
            reference=REFERENCE,
        )
        for eps in ((0.3,) if quick else (0.3, 0.35, 0.4, 0.5))
    ]
    return out + update_checks(quick)
