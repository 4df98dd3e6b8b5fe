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

import math

import numpy as np

from ..mechanics.rumour import maki_thompson_complete, maki_thompson_final, rumour_step
from .perturb import scaled
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


def _leap(contacts: float, runs: int, rng: np.random.Generator, turns: int | None = None):
    """The game's per-turn leap from 2% seeded (key parameters through ``scaled``)."""
    seeds = round(SEEDED * POPULATION)
    ignorant = np.full(runs, POPULATION - seeds)
    spreaders = np.full(runs, seeds)
    stiflers = np.zeros(runs, dtype=np.int64)
    turn = 0
    while spreaders.any() and (turns is None or turn < turns):
        ignorant, spreaders, stiflers = rumour_step(
            ignorant,
            spreaders,
            stiflers,
            scaled("contacts", contacts),
            rng,
            stifling=scaled("stifling", 1.0),
        )
        turn += 1
    return ignorant


def mean_field_reach(contacts: float, turns: float, seeded: float = SEEDED) -> float:
    """Share reached after ``turns`` in the mean-field Maki–Thompson equations
    di/dt = -c i s, ds/dt = c s i - c s (1 - i) (Daley and Kendall 1965), integrated by RK4."""

    def rate(state: np.ndarray) -> np.ndarray:
        i, s = state
        return np.array([-contacts * i * s, contacts * s * i - contacts * s * (1.0 - i)])

    state, steps = np.array([1.0 - seeded, seeded]), 2000
    h = turns / steps
    for _ in range(steps):
        k1 = rate(state)
        k2 = rate(state + 0.5 * h * k1)
        k3 = rate(state + 0.5 * h * k2)
        k4 = rate(state + h * k3)
        state = state + h * (k1 + 2 * k2 + 2 * k3 + k4) / 6.0
    return float(1.0 - state[0])


def leap_scheme_reach(contacts: float) -> float:
    """Share reached after one turn by the leap's deterministic scheme (10^12 people, so the
    Poisson and binomial draws are their means to 10^-6), at the unperturbed rates."""
    big = 10**12
    seeds = round(SEEDED * big)
    rng = np.random.default_rng(0)
    ignorant, _, _ = rumour_step(
        np.array([big - seeds]), np.array([seeds]), np.array([0]), contacts, rng
    )
    return float(1.0 - ignorant[0] / big)


def _course_run(contacts: float, runs: int):
    def run(rng: np.random.Generator) -> Outcome:
        reach = 1.0 - _leap(contacts, runs, rng, turns=1) / POPULATION
        expected = mean_field_reach(contacts, 1.0)
        # Binomial spread of a share among POPULATION people, over the runs; plus the leap's
        # own discretisation: the same leap on 10^12 people (no sampling noise) against the ODE.
        se = math.sqrt(expected * (1.0 - expected) / (POPULATION * runs))
        scheme = abs(leap_scheme_reach(contacts) - expected)
        return Outcome(
            float(reach.mean()),
            4.0 * se + scheme,
            f"4 binomial SE ({se:.3g}) + leap scheme {scheme:.3g} (computed, not sampled)",
        )

    return run


def _leap_run(contacts: float, runs: int):
    def run(rng: np.random.Generator) -> Outcome:
        ignorant = _leap(contacts, runs, rng)
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
    for contacts in (3.0,) if quick else (1.0, 3.0):
        out.append(
            Check(
                "rumour",
                "share reached after one turn (mean-field Maki–Thompson)",
                f"n={POPULATION}, 2% seeded, {contacts:g} contacts/turn, {leap_runs} runs",
                mean_field_reach(contacts, 1.0),
                _course_run(contacts, leap_runs),
                reference="Daley & Kendall, J. Inst. Maths Applics 1:42 (1965)",
            )
        )
    return out
