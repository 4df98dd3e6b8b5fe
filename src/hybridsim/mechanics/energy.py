"""Gas balance with storage, and the N-1 indicator of Regulation (EU) 2017/1938.

Every turn each state imports what it needs (up to its supply), injects toward its storage
target, withdraws when imports fall short, and what storage cannot cover is shortfall.
Imports = consumption + change in storage, exactly, for every state and every turn.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

NOVEMBER_1 = 305  # day of year
APRIL_1 = 91


def seasonal_factor(day_of_year: float | np.ndarray, winter_share: float | np.ndarray):
    """Demand relative to the yearly mean, peaking mid-January.

    A cosine profile whose winter half-year (mid-October to mid-April) holds ``winter_share``
    of the year's demand: amplitude = pi (winter_share - 0.5).
    """
    amplitude = np.pi * (np.asarray(winter_share) - 0.5)
    return 1.0 + amplitude * np.cos(2.0 * np.pi * (np.asarray(day_of_year) - 15.0) / 365.25)


def storage_goal(day_of_year: int, target: np.ndarray) -> np.ndarray:
    """Fill aimed for on this day: rising from April to reach the target on 1 November,
    then no further injection over the winter."""
    if APRIL_1 <= day_of_year <= NOVEMBER_1:
        share = (day_of_year - APRIL_1) / (NOVEMBER_1 - APRIL_1)
        return target * (0.3 + 0.7 * share)
    return np.zeros_like(target)


@dataclass(frozen=True)
class GasFlows:
    """One turn's flows per state, bcm."""

    storage: np.ndarray
    imports: np.ndarray
    consumption: np.ndarray
    injection: np.ndarray
    withdrawal: np.ndarray
    shortfall: np.ndarray
    received: np.ndarray
    given: np.ndarray


def gas_balance_step(
    storage: np.ndarray,
    capacity: np.ndarray,
    supply: np.ndarray,
    demand: np.ndarray,
    goal_fill: np.ndarray,
    max_withdrawal: np.ndarray | None = None,
    solidarity: bool = True,
) -> GasFlows:
    """One turn of the gas balance for every state (all arrays per state, bcm for the turn).

    ``supply`` is what could be imported this turn; ``goal_fill`` the fill storage should reach.
    With ``solidarity``, states with unused supply cover others' shortfall (the EU's
    solidarity mechanism), shared in proportion to what each can spare.
    """
    storage = np.asarray(storage, dtype=np.float64)
    capacity = np.asarray(capacity, dtype=np.float64)
    supply = np.maximum(np.asarray(supply, dtype=np.float64), 0.0)
    demand = np.maximum(np.asarray(demand, dtype=np.float64), 0.0)
    want_injection = np.clip(goal_fill * capacity - storage, 0.0, capacity - storage)
    imports = np.minimum(supply, demand + want_injection)
    net = imports - demand
    injection = np.clip(net, 0.0, capacity - storage)
    need = np.maximum(-net, 0.0)
    limit = storage if max_withdrawal is None else np.minimum(storage, max_withdrawal)
    withdrawal = np.minimum(need, limit)
    shortfall = need - withdrawal
    received = np.zeros_like(storage)
    given = np.zeros_like(storage)
    if solidarity and shortfall.sum() > 0:
        spare = supply - imports
        total_spare = spare.sum()
        if total_spare > 0:
            covered = min(shortfall.sum(), total_spare)
            received = shortfall * (covered / shortfall.sum())
            given = spare * (covered / total_spare)
            imports = imports + given
            shortfall = shortfall - received
    new_storage = storage + injection - withdrawal
    consumption = demand - shortfall
    return GasFlows(
        new_storage, imports, consumption, injection, withdrawal, shortfall, received, given
    )


def n_minus_1(ep_m: float, p_m: float, s_m: float, lng_m: float, i_m: float, d_max: float) -> float:
    """N-1 formula, Regulation (EU) 2017/1938 Annex II, in percent (>= 100 is compliant).

    EP_m entry-point capacity, P_m production, S_m storage deliverability, LNG_m LNG capacity,
    I_m the largest single infrastructure, D_max peak daily demand (all mcm/day).
    """
    if d_max <= 0:
        raise ValueError("D_max must be positive")
    return (ep_m + p_m + s_m + lng_m - i_m) / d_max * 100.0
