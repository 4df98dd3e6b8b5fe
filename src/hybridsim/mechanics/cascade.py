"""Cascading failures in interdependent infrastructure.

Buldyrev et al. (2010): a node works only while it is in the giant component of its own network
and the nodes it depends on work; failures iterate until nothing changes. ``propagate_failures``
is the general form the model uses (several dependency groups, each needing one working
provider); ``mutual_giant_component`` is the published two-network case used for verification.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import scipy.sparse as sp
from scipy.sparse.csgraph import connected_components


def propagate_failures(
    up: np.ndarray, requirements: Sequence[sp.csr_matrix]
) -> tuple[np.ndarray, int]:
    """Which assets still work once failures have cascaded through their dependencies.

    ``up[i]`` says asset i is intact on its own. Each matrix in ``requirements`` is one group:
    row i lists the providers of asset i in that group, and asset i needs at least one working
    provider in every group where its row is non-empty. Returns the working mask and the number
    of rounds the cascade took.
    """
    working = np.asarray(up, dtype=bool).copy()
    needs = [np.diff(r.indptr) > 0 for r in requirements]
    rounds = 0
    while True:
        rounds += 1
        ok = working.copy()
        as_int = working.astype(np.int32)
        for matrix, need in zip(requirements, needs, strict=True):
            ok &= ~need | ((matrix @ as_int) > 0)
        if np.array_equal(ok, working):
            return working, rounds
        working = ok


def giant_component(adjacency: sp.csr_matrix, alive: np.ndarray) -> np.ndarray:
    """Mask of the largest connected component among the alive nodes."""
    alive = np.asarray(alive, dtype=bool)
    index = np.flatnonzero(alive)
    out = np.zeros(alive.shape[0], dtype=bool)
    if index.size == 0:
        return out
    sub = adjacency[index][:, index]
    _, labels = connected_components(sub, directed=False)
    largest = np.bincount(labels).argmax()
    out[index[labels == largest]] = True
    return out


def mutual_giant_component(
    adjacency_a: sp.csr_matrix, adjacency_b: sp.csr_matrix, alive: np.ndarray
) -> np.ndarray:
    """Buldyrev's cascade for two networks with one-to-one dependency (node i needs node i)."""
    current = np.asarray(alive, dtype=bool).copy()
    while True:
        in_a = giant_component(adjacency_a, current)
        in_both = giant_component(adjacency_b, in_a)
        if np.array_equal(in_both, current):
            return current
        current = in_both
