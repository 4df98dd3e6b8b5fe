"""Rumour spreading (Maki–Thompson): how a disinformation narrative reaches a public.

A spreader contacts someone; an ignorant hearer becomes a spreader; if the hearer already knows,
the *initiating* spreader stops (becomes a stifler). On a complete graph the share never reached
tends to theta = exp(-2 (1 - theta)) ~ 0.2032 (Sudbury 1985).
"""

from __future__ import annotations

import numpy as np

MAX_CONTACTS_PER_SUBSTEP = 0.375  # per spreader; finer sub-steps where contacts are higher


def rumour_step(
    ignorant: np.ndarray,
    spreaders: np.ndarray,
    stiflers: np.ndarray,
    contacts: float | np.ndarray,
    rng: np.random.Generator,
    substeps: int = 8,
    stifling: float = 1.0,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Advance many independent populations (integer counts) by one turn of contacts.

    Each spreader makes ``contacts`` calls per turn to people chosen at random in its own
    population. A leap per sub-step: a spreader stops at its first call to someone who already
    knows, so the number stopping is Binomial(spreaders, 1 - exp(-r q)) and the hits made before
    stopping are Poisson with mean spreaders * p (1 - exp(-r q)) / q (r calls per sub-step, p the
    share still ignorant, q = 1 - p), with p taken at the sub-step's expected midpoint. This
    keeps the share never reached at Maki–Thompson's 0.2032 (a plain per-call leap overshot the
    reach by ~10% at 3 contacts per turn). Sub-steps are refined so that no spreader makes more
    than ``MAX_CONTACTS_PER_SUBSTEP`` calls in one. Population is conserved exactly. The calls
    to the generator (two per sub-step) depend only on the contact rates; numpy's Poisson and
    binomial samplers may use more or fewer bits depending on the counts.

    ``stifling`` scales the rate at which calls to people who know stop the caller (1 is
    Maki–Thompson; in general the share never reached solves
    theta = exp(-(1 + stifling) (1 - theta) / stifling)).
    """
    ignorant = np.asarray(ignorant, dtype=np.int64).copy()
    spreaders = np.asarray(spreaders, dtype=np.int64).copy()
    stiflers = np.asarray(stiflers, dtype=np.int64).copy()
    total = np.maximum(ignorant + spreaders + stiflers, 1).astype(np.float64)
    rates = np.broadcast_to(np.asarray(contacts, dtype=np.float64), ignorant.shape)
    peak = float(rates.max()) if rates.size else 0.0
    substeps = max(int(substeps), int(np.ceil(peak / MAX_CONTACTS_PER_SUBSTEP)), 1)
    rate = rates / substeps
    for _ in range(substeps):
        p = ignorant / total
        expected_hits = spreaders * _hits_per_spreader(rate, p, stifling)[0]
        p = np.maximum(ignorant - 0.5 * expected_hits, 0.0) / total
        per_spreader, stopping = _hits_per_spreader(rate, p, stifling)
        # People reached early in the sub-step call for the rest of it: spreaders are taken at
        # the sub-step's expected midpoint too (second order in the step; a first-order leap
        # lagged the mean-field time course by a quarter at 3 calls a turn).
        active = np.maximum(spreaders * (1.0 + 0.5 * (per_spreader - stopping)), 0.0)
        hits = np.minimum(rng.poisson(active * per_spreader), ignorant)
        callers = spreaders + hits
        share = np.divide(active * stopping, callers, out=np.zeros_like(active), where=callers > 0)
        stops = rng.binomial(callers, np.clip(share, 0.0, 1.0))
        ignorant -= hits
        spreaders += hits - stops
        stiflers += stops
    return ignorant, spreaders, stiflers


def _hits_per_spreader(
    rate: np.ndarray, p: np.ndarray, stifling: float = 1.0
) -> tuple[np.ndarray, np.ndarray]:
    """Expected calls reaching ignorant people before the caller stops, and the chance of
    stopping within the sub-step (calls to knowers stop the caller at ``stifling`` times the
    call rate)."""
    q = stifling * (1.0 - p)
    stopping = -np.expm1(-rate * q)
    nonzero = q > 1e-12
    if nonzero.all():  # the usual case: someone in every population has heard it
        return p * stopping / q, stopping
    return np.where(nonzero, p * stopping / np.where(nonzero, q, 1.0), rate * p), stopping


def maki_thompson_final(seeded: float = 0.0, stifling: float = 1.0) -> float:
    """Share never reached on a complete graph as n -> infinity (Sudbury 1985): the root of
    theta = exp(-2 (1 - theta)), about 0.2032; with a share ``seeded`` spreading at the start,
    theta = (1 - seeded) exp(seeded - 2 (1 - theta)). From the mean-field equations
    di = -i s, ds = i s - stifling s (1 - i): (1 + stifling)(i0 - theta) + s0
    + stifling log(theta / i0) = 0, with i0 = 1 - seeded, s0 = seeded."""
    from scipy.optimize import brentq

    i0 = 1.0 - seeded
    a = (1.0 + stifling) / stifling

    def f(t: float) -> float:
        return t - i0 * np.exp(-seeded / stifling - a * (i0 - t))

    return float(brentq(f, 1e-9, 0.9))


def maki_thompson_complete(
    n: int, replicates: int, rng: np.random.Generator, initial_spreaders: int = 1
) -> np.ndarray:
    """Exact Maki–Thompson on a complete graph of n people, many replicates at once.

    Simulates the embedded jump chain event by event (vectorised over replicates) and returns
    the share of each replicate's population that never heard the rumour.
    """
    ignorant = np.full(replicates, n - initial_spreaders, dtype=np.int64)
    spreaders = np.full(replicates, initial_spreaders, dtype=np.int64)
    while True:
        active = spreaders > 0
        if not active.any():
            return ignorant / n
        # The spreader calls one of the other n - 1 people uniformly.
        u = rng.random(replicates)
        hears = u < ignorant / (n - 1)
        gain = active & hears
        stop = active & ~hears
        ignorant -= gain
        spreaders += gain.astype(np.int64) - stop.astype(np.int64)
