"""Seeded random graphs as symmetric ``scipy.sparse`` adjacency matrices.

The verification runs need graphs of known families (Erdős–Rényi, Barabási–Albert, a lattice, a
complete graph) at sizes up to 10^5 nodes; building them straight into CSR arrays from one numpy
Generator keeps them fast and reproducible. Any symmetric 0/1 CSR matrix works with the
mechanics, so a researcher can pass graphs of their own instead.
"""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp


def from_edges(rows: np.ndarray, cols: np.ndarray, n: int) -> sp.csr_matrix:
    """Symmetric 0/1 adjacency (int8) from an edge list; self-loops and repeats are dropped."""
    rows = np.asarray(rows, dtype=np.int64)
    cols = np.asarray(cols, dtype=np.int64)
    keep = rows != cols
    r = np.concatenate((rows[keep], cols[keep]))
    c = np.concatenate((cols[keep], rows[keep]))
    mat = sp.csr_matrix((np.ones(r.size, dtype=np.int8), (r, c)), shape=(n, n))
    mat.data[:] = 1  # repeated edges were summed
    mat.sort_indices()
    return mat


def erdos_renyi(n: int, mean_degree: float, rng: np.random.Generator) -> sp.csr_matrix:
    """G(n, p) with p = mean_degree / (n - 1): the edge count is drawn, then distinct pairs."""
    if n < 2:
        return sp.csr_matrix((n, n), dtype=np.int8)
    pairs = n * (n - 1) // 2
    m = int(rng.binomial(pairs, min(mean_degree / (n - 1), 1.0)))
    if m > pairs // 2:  # dense: draw every pair's coin
        r, c = np.triu_indices(n, 1)
        keep = rng.random(r.size) < mean_degree / (n - 1)
        return from_edges(r[keep], c[keep], n)
    chosen = np.empty(0, dtype=np.int64)
    while chosen.size < m:
        extra = int((m - chosen.size) * 1.05) + 16
        a = rng.integers(0, n, extra)
        b = rng.integers(0, n, extra)
        lo, hi = np.minimum(a, b), np.maximum(a, b)
        keys = np.concatenate((chosen, (lo * n + hi)[lo != hi]))
        _, first = np.unique(keys, return_index=True)
        chosen = keys[np.sort(first)][:m]  # keep draw order, so trimming is unbiased
    return from_edges(chosen // n, chosen % n, n)


def barabasi_albert(n: int, m: int, rng: np.random.Generator) -> sp.csr_matrix:
    """Preferential attachment: each new node links to m distinct nodes chosen in proportion to
    degree, starting from a complete graph on m + 1 nodes."""
    if n <= m + 1:
        r, c = np.triu_indices(n, 1)
        return from_edges(r, c, n)
    seed_r, seed_c = np.triu_indices(m + 1, 1)
    ends = np.empty(2 * (seed_r.size + (n - m - 1) * m), dtype=np.int64)
    filled = 2 * seed_r.size
    ends[:filled] = np.concatenate((seed_r, seed_c))
    rows, cols = [seed_r], [seed_c]
    for node in range(m + 1, n):
        targets: set[int] = set()
        while len(targets) < m:
            picks = ends[rng.integers(0, filled, m - len(targets))]
            targets.update(int(t) for t in picks)
        chosen = np.fromiter(targets, dtype=np.int64, count=m)
        chosen.sort()
        ends[filled : filled + m] = chosen
        ends[filled + m : filled + 2 * m] = node
        filled += 2 * m
        rows.append(np.full(m, node))
        cols.append(chosen)
    return from_edges(np.concatenate(rows), np.concatenate(cols), n)


def square_lattice(side: int) -> sp.csr_matrix:
    """A side x side square lattice on a torus (every node has degree 4; lambda_max = 4)."""
    idx = np.arange(side * side).reshape(side, side)
    right = np.roll(idx, -1, axis=1)
    down = np.roll(idx, -1, axis=0)
    rows = np.concatenate((idx.ravel(), idx.ravel()))
    cols = np.concatenate((right.ravel(), down.ravel()))
    return from_edges(rows, cols, side * side)


def complete_graph(n: int) -> sp.csr_matrix:
    """Everyone linked to everyone: the well-mixed limit."""
    r, c = np.triu_indices(n, 1)
    return from_edges(r, c, n)


def largest_eigenvalue(adjacency: sp.csr_matrix) -> float:
    """lambda_max of a symmetric adjacency matrix (the SIS threshold is 1 / lambda_max)."""
    from scipy.sparse.linalg import eigsh

    mat = adjacency.astype(np.float64)
    if mat.shape[0] < 3:
        return float(np.linalg.eigvalsh(mat.toarray()).max()) if mat.shape[0] else 0.0
    # A fixed start vector keeps ARPACK deterministic (it would draw its own otherwise).
    v0 = np.ones(mat.shape[0])
    return float(eigsh(mat, k=1, which="LA", v0=v0, return_eigenvectors=False)[0])
