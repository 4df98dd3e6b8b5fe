"""Bounded-confidence opinions against Deffuant, Neau, Amblard, Weisbuch, Adv. Complex Syst.
3:87 (2000).

From opinions uniform on [0, 1], with convergence mu = 0.5, the public settles into about
floor(1 / (2 eps)) major clusters, and into one (consensus) for eps above about 0.27. Clusters
are counted by ``count_clusters``: groups more than 0.05 apart holding at least 5% of people
(the small extremist groups the paper also sees are not major clusters).

Tolerances: the cluster count is an approximate rule (the paper: "the number of peaks ... is
about the integer part of 1/(2d)"; the continuum limit gives slightly fewer, about
1 / (2.16 eps)), so the allowance is one cluster on top of 4 standard errors of the mean count.
Consensus rows ask that the share of runs ending in one cluster is 1, within 4 standard errors
of that share.
"""

from __future__ import annotations

import math

import numpy as np

from ..mechanics.opinion import count_clusters, deffuant_sweep
from .table import Check, Outcome, mean_outcome

REFERENCE = "Deffuant, Neau, Amblard, Weisbuch, Adv. Complex Syst. 3:87 (2000)"
MU = 0.5
MAX_SWEEPS = 5000


def settle(
    people: int, runs: int, eps: float, rng: np.random.Generator, mu: float = MU
) -> np.ndarray:
    """Opinions (one row per run) after sweeping until no one moves by more than 1e-6."""
    opinions = rng.random((runs, people))
    for sweep in range(MAX_SWEEPS):
        new = deffuant_sweep(opinions, eps, mu, rng)
        if sweep % 25 == 24 and np.abs(new - opinions).max() < 1e-6:
            return new
        opinions = new
    return opinions


def _cluster_run(people: int, runs: int, eps: float):
    def run(rng: np.random.Generator) -> Outcome:
        counts = [count_clusters(row) for row in settle(people, runs, eps, rng)]
        return mean_outcome(counts, allowance=1.0, label="rule of thumb")

    return run


def _consensus_run(people: int, runs: int, eps: float):
    def run(rng: np.random.Generator) -> Outcome:
        one = np.array([count_clusters(row) == 1 for row in settle(people, runs, eps, rng)])
        share = float(one.mean())
        se = math.sqrt(share * (1.0 - share) / runs)
        return Outcome(share, 4.0 * se, f"4 SE of a share ({se:.3g}, {runs} runs)")

    return run


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
    return out
