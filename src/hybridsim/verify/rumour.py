"""Rumour spreading against Maki–Thompson's limit (Sudbury, J. Appl. Prob. 22, 1985).

On a complete graph of n people, one spreader at the start, the share that never hears the
rumour tends to theta = exp(-2 (1 - theta)) ~ 0.2032 as n grows. Two implementations are
checked: the exact event-by-event chain (``maki_thompson_complete``) and the leap the model
uses each turn (``rumour_step``, seeded like a narrative with 2% of 10,000 people).

Tolerances: 4 standard errors of the replicate mean, plus for the exact chain an allowance of
1/n (the discrete start), and for the leap the effect of the 2% seed (from the seeded limit
theta = (1 - s) exp(s - 2 (1 - theta))) plus 0.005 for the leap's discretisation (its measured
bias was at most 0.0015 at 1 to 50 contacts per turn).
"""

from __future__ import annotations

import numpy as np

from ..mechanics.rumour import maki_thompson_complete, maki_thompson_final, rumour_step
from .table import Check, Outcome, mean_outcome

REFERENCE = "Maki & Thompson (1973); Sudbury, J. Appl. Prob. 22:443 (1985)"
LEAP_ALLOWANCE = 0.005
POPULATION = 10_000
SEEDED = 0.02


def _exact_run(n: int, runs: int):
    def run(rng: np.random.Generator) -> Outcome:
        return mean_outcome(
            maki_thompson_complete(n, runs, rng), allowance=1.0 / n, label="discrete start"
        )

    return run


def _leap_run(contacts: float, runs: int):
    def run(rng: np.random.Generator) -> Outcome:
        seeds = round(SEEDED * POPULATION)
        ignorant = np.full(runs, POPULATION - seeds)
        spreaders = np.full(runs, seeds)
        stiflers = np.zeros(runs, dtype=np.int64)
        while spreaders.any():
            ignorant, spreaders, stiflers = rumour_step(
                ignorant, spreaders, stiflers, contacts, rng
            )
        seeding = abs(maki_thompson_final(SEEDED) - maki_thompson_final())
        return mean_outcome(
            ignorant / POPULATION, allowance=seeding + LEAP_ALLOWANCE, label="seeding + leap"
        )

    return run


def checks(quick: bool = False) -> list[Check]:
    """The exact chain at several n, and the model's per-turn leap at several contact rates."""
    theta = maki_thompson_final()
    sizes = ((1000, 200), (10_000, 40)) if quick else ((1000, 400), (10_000, 100), (100_000, 20))
    out = [
        Check(
            "rumour",
            "Maki–Thompson share never reached (exact chain; reference only: games use the leap)",
            f"complete graph n={n}, 1 spreader, {runs} runs",
            theta,
            _exact_run(n, runs),
            reference=REFERENCE,
        )
        for n, runs in sizes
    ]
    leap_runs = 50 if quick else 200
    for contacts in (3.0,) if quick else (1.0, 3.0, 10.0, 30.0):
        out.append(
            Check(
                "rumour",
                "share never reached (model's per-turn leap)",
                f"n={POPULATION}, 2% seeded, {contacts:g} contacts/turn, {leap_runs} runs",
                theta,
                _leap_run(contacts, leap_runs),
                reference=REFERENCE,
            )
        )
    return out
