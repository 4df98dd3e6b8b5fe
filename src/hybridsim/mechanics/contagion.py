"""Contagion on networks: malware spreading between connected IT systems.

SIS dies out when beta/delta < 1/lambda_max of the adjacency matrix (Wang et al., SRDS 2003);
SIR's well-mixed final size solves z = 1 - exp(-R0 z). Each step draws exactly two uniform arrays
so the number of draws never depends on the state (replays stay aligned).
"""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp
from scipy.optimize import brentq

SUSCEPTIBLE, INFECTED, RECOVERED = 0, 1, 2


def sis_step(
    adjacency: sp.csr_matrix,
    infected: np.ndarray,
    beta: float | np.ndarray,
    delta: float | np.ndarray,
    rng: np.random.Generator,
) -> np.ndarray:
    """One synchronous SIS step: each infected neighbour infects with probability beta;
    each infected node is cured with probability delta."""
    infected = np.asarray(infected, dtype=bool)
    pressure = adjacency @ infected.astype(np.float64)
    p_infect = 1.0 - np.power(1.0 - beta, pressure)
    infect_draw = rng.random(infected.shape[0])
    cure_draw = rng.random(infected.shape[0])
    newly = ~infected & (infect_draw < p_infect)
    stays = infected & (cure_draw >= delta)
    return stays | newly


def sir_step(
    adjacency: sp.csr_matrix,
    status: np.ndarray,
    beta: float,
    gamma: float,
    rng: np.random.Generator,
) -> np.ndarray:
    """One synchronous SIR step on status codes (0 susceptible, 1 infected, 2 recovered)."""
    infected = status == INFECTED
    pressure = adjacency @ infected.astype(np.float64)
    p_infect = 1.0 - np.power(1.0 - beta, pressure)
    infect_draw = rng.random(status.shape[0])
    recover_draw = rng.random(status.shape[0])
    out = status.copy()
    out[(status == SUSCEPTIBLE) & (infect_draw < p_infect)] = INFECTED
    out[infected & (recover_draw < gamma)] = RECOVERED
    return out


def sir_final_size(r0: float) -> float:
    """Well-mixed SIR final size: the root in (0, 1] of z = 1 - exp(-R0 z) (0 when R0 <= 1)."""
    if r0 <= 1.0:
        return 0.0
    return float(brentq(lambda z: z - 1.0 + np.exp(-r0 * z), 1e-12, 1.0))
