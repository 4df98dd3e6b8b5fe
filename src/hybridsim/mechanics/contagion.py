"""Contagion on networks: malware spreading between connected IT systems.

SIS dies out when beta/delta < 1/lambda_max of the adjacency matrix (Wang et al., SRDS 2003);
SIR's well-mixed final size solves z = 1 - exp(-R0 z). Each step draws exactly two uniform arrays
of the state's shape, so the number of draws never depends on the state (replays stay aligned).

States may be one vector per node, or a (nodes, runs) array to advance many independent runs on
the same graph at once (one sparse product for all of them).
"""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp

SUSCEPTIBLE, INFECTED, RECOVERED = 0, 1, 2


def _per_node(value: float | np.ndarray, like: np.ndarray) -> float | np.ndarray:
    """A per-node rate broadcast against a (nodes,) or (nodes, runs) state."""
    arr = np.asarray(value, dtype=np.float64)
    if arr.ndim == 1 and like.ndim == 2:
        return arr[:, None]
    return arr


def infection_probability(
    adjacency: sp.spmatrix, infected: np.ndarray, beta: float | np.ndarray
) -> np.ndarray:
    """Chance each node is infected this step: 1 - (1 - beta)^(infected neighbours)."""
    pressure = adjacency @ np.asarray(infected, dtype=np.float64)
    return 1.0 - np.power(1.0 - _per_node(beta, pressure), pressure)


def sis_step(
    adjacency: sp.spmatrix,
    infected: np.ndarray,
    beta: float | np.ndarray,
    delta: float | np.ndarray,
    rng: np.random.Generator,
) -> np.ndarray:
    """One synchronous SIS step (Wang et al. 2003): each infected neighbour infects with
    probability beta; each infected node is cured with probability delta.

    ``beta`` and ``delta`` may be per node. Draws two uniform arrays of ``infected``'s shape:
    the infection draws, then the cure draws.
    """
    infected = np.asarray(infected, dtype=bool)
    p_infect = infection_probability(adjacency, infected, beta)
    infect_draw = rng.random(infected.shape)
    cure_draw = rng.random(infected.shape)
    newly = ~infected & (infect_draw < p_infect)
    stays = infected & (cure_draw >= _per_node(delta, infected))
    return stays | newly


def sir_step(
    adjacency: sp.spmatrix,
    status: np.ndarray,
    beta: float,
    gamma: float,
    rng: np.random.Generator,
) -> np.ndarray:
    """One synchronous SIR step on status codes (0 susceptible, 1 infected, 2 recovered).

    Nodes infected at the start of the step infect, then recover with probability gamma, so an
    infection lasts a geometric number of steps with mean 1/gamma.
    """
    status = np.asarray(status)
    infected = status == INFECTED
    p_infect = infection_probability(adjacency, infected, beta)
    infect_draw = rng.random(status.shape)
    recover_draw = rng.random(status.shape)
    out = status.copy()
    out[(status == SUSCEPTIBLE) & (infect_draw < p_infect)] = INFECTED
    out[infected & (recover_draw < gamma)] = RECOVERED
    return out


def sir_final_size(r0: float, seeded: float = 0.0) -> float:
    """Well-mixed SIR final size: the root in (0, 1] of z = 1 - exp(-R0 z) (0 when R0 <= 1).

    With a share ``seeded`` infected at the start, the share ever infected (seeds included)
    solves 1 - z = (1 - seeded) exp(-R0 z) instead.
    """
    from scipy.optimize import brentq  # here: a game never asks, and it costs ~0.1 s to load

    if seeded <= 0.0:
        if r0 <= 1.0:
            return 0.0
        return float(brentq(lambda z: z + np.expm1(-r0 * z), 1e-9, 1.0, xtol=1e-14))
    return float(
        brentq(lambda z: z - 1.0 + (1.0 - seeded) * np.exp(-r0 * z), seeded, 1.0, xtol=1e-14)
    )
