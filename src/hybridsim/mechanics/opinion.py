"""Bounded-confidence opinion dynamics (Deffuant, Neau, Amblard, Weisbuch 2000).

Two people whose opinions differ by less than eps move toward each other by mu times the gap.
From uniform opinions the public settles into about floor(1 / (2 eps)) major clusters.
We pair everyone at random each sweep (disjoint pairs), vectorised over all states at once.
"""

from __future__ import annotations

import numpy as np


def deffuant_sweep(
    opinions: np.ndarray, eps: float, mu: float, rng: np.random.Generator
) -> np.ndarray:
    """One sweep of random disjoint pairings for each row (one public per row).

    Every person meets one other (one sits out when a row is odd); pairs closer than ``eps``
    each move ``mu`` of the gap toward the other, so each row's mean is unchanged and opinions
    never leave [min, max] of their row. Returns a new (rows, people) array.
    """
    opinions = np.atleast_2d(np.asarray(opinions, dtype=np.float64))
    rows, n = opinions.shape
    order = rng.permuted(np.tile(np.arange(n), (rows, 1)), axis=1)
    half = n // 2
    flat_order = order + (np.arange(rows) * n)[:, None]  # indices into the flattened array
    left = flat_order[:, :half].ravel()
    right = flat_order[:, half : 2 * half].ravel()
    flat = opinions.ravel()
    x, y = flat[left], flat[right]
    gap = y - x
    move = np.where(np.abs(gap) < eps, mu * gap, 0.0)
    out = flat.copy()
    out[left] = x + move
    out[right] = y - move
    return out.reshape(rows, n)


def count_clusters(opinions: np.ndarray, gap: float = 0.05, min_share: float = 0.05) -> int:
    """Number of major clusters: groups separated by more than ``gap`` holding at least
    ``min_share`` of the people (small extremist groups are not counted)."""
    values = np.sort(np.asarray(opinions, dtype=np.float64).ravel())
    if values.size == 0:
        return 0
    breaks = np.flatnonzero(np.diff(values) > gap)
    sizes = np.diff(np.concatenate(([0], breaks + 1, [values.size])))
    return int((sizes >= min_share * values.size).sum())
