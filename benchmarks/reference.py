"""Plain reference implementations the benchmarks compare against (and check answers with).

They implement the same algorithms as ``hybridsim.mechanics`` the straightforward way: the
cascade with networkx graphs and Python sets, the SIS step with a loop over nodes.
"""

from __future__ import annotations

import networkx as nx
import numpy as np
import scipy.sparse as sp


def to_networkx(adjacency: sp.spmatrix) -> nx.Graph:
    """An undirected networkx graph with the matrix's nodes and edges."""
    graph = nx.Graph()
    graph.add_nodes_from(range(adjacency.shape[0]))
    rows, cols = sp.triu(adjacency, k=1).nonzero()
    graph.add_edges_from(zip(rows.tolist(), cols.tolist(), strict=True))
    return graph


def giant_component_nx(graph: nx.Graph, nodes: set[int]) -> set[int]:
    """Largest connected component of the sub-graph on ``nodes`` (ties: lowest node)."""
    best: set[int] = set()
    for comp in nx.connected_components(graph.subgraph(nodes)):
        if len(comp) > len(best) or (len(comp) == len(best) and min(comp) < min(best)):
            best = comp
    return best


def mutual_giant_component_nx(
    graph_a: nx.Graph, graph_b: nx.Graph, alive: np.ndarray
) -> np.ndarray:
    """Buldyrev's cascade with networkx: giant of A, then giant of B among those, until stable."""
    current = set(np.flatnonzero(alive).tolist())
    while True:
        in_both = giant_component_nx(graph_b, giant_component_nx(graph_a, current))
        if in_both == current:
            break
        current = in_both
    out = np.zeros(alive.shape[0], dtype=bool)
    out[list(current)] = True
    return out


def sis_step_loop(
    adjacency: sp.csr_matrix,
    infected: np.ndarray,
    beta: float,
    delta: float,
    infect_draw: np.ndarray,
    cure_draw: np.ndarray,
) -> np.ndarray:
    """One SIS step node by node, with the draws ``sis_step`` would make."""
    indptr, indices = adjacency.indptr, adjacency.indices
    infected_list = infected.tolist()
    out = []
    for i in range(adjacency.shape[0]):
        if infected_list[i]:
            out.append(cure_draw[i] >= delta)
        else:
            k = 0
            for j in indices[indptr[i] : indptr[i + 1]]:
                k += infected_list[j]
            out.append(infect_draw[i] < 1.0 - (1.0 - beta) ** k)
    return np.array(out, dtype=bool)
