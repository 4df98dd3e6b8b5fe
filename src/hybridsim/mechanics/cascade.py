"""Cascading failures in interdependent infrastructure.

Buldyrev et al. (2010): a node works only while it is in the giant component of its own network
and the nodes it depends on work; failures iterate until nothing changes.
:func:`interdependent_cascade` is that rule in the general form the game uses (several
networks, several dependency groups, each needing one working provider) and the one function
every cascade here goes through: :func:`mutual_giant_component` (the published two-network
case that ``hybridsim verify`` checks) and :func:`giant_component` (one network, no
dependencies) are thin calls of it.

Two generalisations, both off in the published case:

- *home areas* (the labels in :attr:`Network.home`): the rule keeps the largest working piece
  of each area. With one area per network this is Buldyrev's rule; the game gives each
  connected part of a network (as built, everything intact) its own area, so an island such as
  Iceland's grid is judged against itself and not failed for being smaller than the continent.
- *sources* (:attr:`Network.sources`): a piece holding a working source (a power station, an
  LNG terminal, a storage site, a pipeline bringing gas in) also keeps working, giant or not,
  because it has its own supply. Without sources this is Buldyrev's rule; with random sources
  on one random graph the working share has an exact answer (``verify``: finite clusters of an
  Erdős–Rényi graph follow the Borel distribution, each holds a source with 1 - (1 - rho)^s).

All of them take ``scipy.sparse`` matrices and boolean masks and never loop over nodes in
Python: a network of 10^5 nodes cascades in well under a second.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import scipy.sparse as sp
from scipy.sparse.csgraph import connected_components


@dataclass(frozen=True)
class Requirement:
    """A dependency group in factorised form: asset i needs a working member of one of the
    provider pools it is attached to.

    ``needs`` (assets x pools) attaches needy assets to pools; ``pools`` (pools x assets) lists
    each pool's providers. It acts like the product ``needs @ pools`` (row i: every provider of
    asset i) without building it: "every power plant of a country needs one of that country's
    gas assets" costs O(assets) rather than O(assets^2 / countries).
    """

    needs: sp.csr_matrix
    pools: sp.csr_matrix
    # The assets this group applies to: attached to at least one pool with members (as for
    # the product, whose row is empty otherwise).
    needy_mask: np.ndarray = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # Counted in int32, and the needy assets found once: a game cascades every turn.
        object.__setattr__(self, "needs", _int_csr(self.needs))
        object.__setattr__(self, "pools", _int_csr(self.pools))
        members = (np.diff(self.pools.indptr) > 0).astype(np.int32)
        object.__setattr__(self, "needy_mask", np.asarray(self.needs @ members) > 0)

    @property
    def shape(self) -> tuple[int, int]:
        return (self.needs.shape[0], self.pools.shape[1])

    def __matmul__(self, x: np.ndarray) -> np.ndarray:
        return self.needs @ (self.pools @ x)

    def toarray(self) -> np.ndarray:
        """The provider matrix as a dense 0/1 array (for inspection and tests)."""
        return ((self.needs @ self.pools).toarray() > 0).astype(np.int8)


def provider_matrix(requirement: sp.spmatrix | Requirement) -> sp.spmatrix:
    """A dependency group as a sparse matrix whose row i lists the providers of asset i (a
    factorised :class:`Requirement` multiplied out): for drawing relations, not for cascading."""
    if isinstance(requirement, Requirement):
        return requirement.needs @ requirement.pools
    return requirement


def _int_csr(matrix: sp.spmatrix) -> sp.csr_matrix:
    """CSR with int32 counts (no copy when it already is one)."""
    if isinstance(matrix, sp.csr_matrix) and matrix.dtype == np.int32:
        return matrix
    return sp.csr_matrix(matrix, dtype=np.int32)


def _as_group(requirement: sp.spmatrix | Requirement) -> tuple[object, np.ndarray]:
    if isinstance(requirement, Requirement):
        return requirement, requirement.needy_mask
    matrix = _int_csr(requirement)
    return matrix, np.diff(matrix.indptr) > 0


def propagate_failures(
    up: np.ndarray, requirements: Sequence[sp.spmatrix | Requirement]
) -> tuple[np.ndarray, int]:
    """Which assets still work once failures have cascaded through their dependencies.

    ``up[i]`` says asset i is intact on its own. Each entry of ``requirements`` is one group:
    a sparse matrix whose row i lists the providers of asset i, or a factorised
    :class:`Requirement`; asset i needs at least one working provider in every group that
    applies to it (non-empty row). Returns the working mask and the number of rounds the
    cascade took (1 when nothing failed through a dependency).

    The result is the largest set of intact assets that satisfies every requirement inside
    itself, so it is monotone (more assets up never means fewer working) and idempotent
    (feeding the result back in changes nothing).
    """
    working = np.asarray(up, dtype=bool).copy()
    groups = [_as_group(r) for r in requirements]
    rounds = 0
    while True:
        rounds += 1
        ok = working.copy()
        as_int = working.astype(np.int32)
        for matrix, need in groups:
            ok &= ~need | (np.asarray(matrix @ as_int) > 0)
        if np.array_equal(ok, working):
            return working, rounds
        working = ok


@dataclass(frozen=True)
class Network:
    """One physical network (power, gas, data, ...) over all nodes.

    ``adjacency`` links its members (taken as undirected); ``home[i]`` is the area node i
    belongs to, or -1 when node i is not part of this network (the rule ignores it);
    ``sources`` marks nodes with their own supply (none: Buldyrev's rule).
    """

    adjacency: sp.csr_matrix
    home: np.ndarray
    sources: np.ndarray | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "home", np.asarray(self.home, dtype=np.int64))
        if self.sources is not None:
            object.__setattr__(self, "sources", np.asarray(self.sources, dtype=bool))
        members = np.flatnonzero(self.home >= 0)
        # The members' own float CSR, made once: what connected_components works on, so each
        # round only slices it (and not the whole graph the network is part of).
        local = sp.csr_matrix(self.adjacency, dtype=np.float64)[members][:, members]
        areas = self.home[members]
        # One area and no sources (Buldyrev's case): the giant is just the biggest piece.
        plain = self.sources is None and (areas.size == 0 or (areas == areas[0]).all())
        object.__setattr__(self, "_members", members)
        object.__setattr__(self, "_local", local.tocsr())
        object.__setattr__(self, "_plain", bool(plain))

    def giant(self, alive: np.ndarray) -> np.ndarray:
        """Mask of the alive pieces that keep working: the largest of each home area (ties: the
        piece holding the lowest-numbered node) and any holding a source; False for
        non-members."""
        out = np.zeros(self.home.shape[0], dtype=bool)
        local = np.flatnonzero(np.asarray(alive, dtype=bool)[self._members])
        if local.size == 0:
            return out
        index = self._members[local]
        _, labels = connected_components(self._local[local][:, local], directed=False)
        sizes = np.bincount(labels)
        if self._plain:
            out[index[labels == sizes.argmax()]] = True
            return out
        _, first = np.unique(labels, return_index=True)  # first node of each piece
        area = self.home[index[first]]
        # Per area, the biggest piece; labels follow first appearance, so -size then label
        # picks the piece with the lowest node among equals.
        order = np.lexsort((np.arange(sizes.size), -sizes, area))
        keep = order[np.r_[True, area[order][1:] != area[order][:-1]]]
        kept = np.zeros(sizes.size, dtype=bool)
        kept[keep] = True
        if self.sources is not None:
            kept |= np.bincount(labels, weights=self.sources[index], minlength=sizes.size) > 0
        out[index[kept[labels]]] = True
        return out


def interdependent_cascade(
    up: np.ndarray,
    networks: Sequence[Network],
    requirements: Sequence[sp.spmatrix | Requirement] = (),
) -> tuple[np.ndarray, int]:
    """Which nodes still work: intact, in the largest working piece of their home area in every
    network they belong to, and with a working provider in every dependency group that applies
    to them (Buldyrev et al. 2010, generalised). Iterated until nothing changes.

    Returns the working mask and the number of rounds (1 when nothing failed through a
    network or a dependency).
    """
    working = np.asarray(up, dtype=bool).copy()
    rounds = 0
    while True:
        rounds += 1
        ok = working
        # Dependencies, then a network's giant, in turn for each network (Buldyrev's
        # alternation): each network sees the failures the one before it caused.
        for network in networks:
            ok, _ = propagate_failures(ok, requirements)
            ok &= (network.home < 0) | network.giant(ok)
        ok, _ = propagate_failures(ok, requirements)
        if np.array_equal(ok, working):
            return working, rounds
        working = ok


def giant_component(adjacency: sp.spmatrix, alive: np.ndarray) -> np.ndarray:
    """Mask of the largest connected component among the alive nodes (links taken as
    undirected; ties go to the component holding the lowest-numbered node)."""
    alive = np.asarray(alive, dtype=bool)
    network = Network(adjacency, np.zeros(alive.shape[0], dtype=np.int64))
    return interdependent_cascade(alive, [network])[0]


def mutual_giant_component(
    adjacency_a: sp.spmatrix, adjacency_b: sp.spmatrix, alive: np.ndarray
) -> np.ndarray:
    """Buldyrev's cascade for two networks with one-to-one dependency (node i of A needs node i
    of B and vice versa), run through :func:`interdependent_cascade` on the 2N nodes of both.

    ``alive`` marks the nodes of A not removed at the start (a random fraction p of them, in
    the published experiment). Returns the mask of the mutual giant component.
    """
    alive = np.asarray(alive, dtype=bool)
    n = alive.shape[0]
    both = sp.block_diag((adjacency_a, adjacency_b), format="csr")
    in_a = np.r_[np.zeros(n, dtype=np.int64), -np.ones(n, dtype=np.int64)]
    in_b = np.r_[-np.ones(n, dtype=np.int64), np.zeros(n, dtype=np.int64)]
    partner = np.r_[np.arange(n, 2 * n), np.arange(n)]
    needs = sp.csr_matrix(
        (np.ones(2 * n, dtype=np.int32), (np.arange(2 * n), partner)), shape=(2 * n, 2 * n)
    )
    working, _ = interdependent_cascade(
        np.r_[alive, np.ones(n, dtype=bool)], [Network(both, in_a), Network(both, in_b)], [needs]
    )
    return working[:n] & working[n:]
