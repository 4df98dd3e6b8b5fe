"""Rumour spreading (Maki–Thompson): how a disinformation narrative reaches a public.

A spreader contacts someone; an ignorant hearer becomes a spreader; if the hearer already knows,
the *initiating* spreader stops (becomes a stifler). On a complete graph the share never reached
tends to theta = exp(-2 (1 - theta)) ~ 0.2032 (Sudbury 1985).
"""

from __future__ import annotations

import numpy as np


def rumour_step(
    ignorant: np.ndarray,
    spreaders: np.ndarray,
    stiflers: np.ndarray,
    contacts: float | np.ndarray,
    rng: np.random.Generator,
    substeps: int = 8,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Advance many independent populations (integer counts) by one turn of contacts.

    Tau-leaping: in each sub-step every spreader makes Poisson(contacts / substeps) contacts.
    """
    ignorant = np.asarray(ignorant, dtype=np.int64).copy()
    spreaders = np.asarray(spreaders, dtype=np.int64).copy()
    stiflers = np.asarray(stiflers, dtype=np.int64).copy()
    total = ignorant + spreaders + stiflers
    safe_total = np.maximum(total, 1)
    rate = np.broadcast_to(np.asarray(contacts, dtype=np.float64), ignorant.shape) / substeps
    for _ in range(substeps):
        n_contacts = rng.poisson(spreaders * rate)
        p_ignorant = ignorant / safe_total
        hits = rng.binomial(n_contacts, p_ignorant)
        hits = np.minimum(hits, ignorant)
        stops = np.minimum(n_contacts - hits, spreaders)
        ignorant -= hits
        spreaders += hits - stops
        stiflers += stops
    return ignorant, spreaders, stiflers


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
