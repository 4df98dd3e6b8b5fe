"""Gas balance with storage, and the N-1 indicator of Regulation (EU) 2017/1938.

Every turn each state imports what it needs (up to its supply), injects toward its storage
target, withdraws when imports fall short, and what storage cannot cover is shortfall. Summed
over the states, imports = consumption + change in storage every turn (solidarity transfers
move gas between states and cancel out in the sum).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

NOVEMBER_1 = 305  # day of year
APRIL_1 = 91
PEAK_DAY = 15  # day of year at which the seasonal demand profile peaks (mid-January)


def seasonal_factor(
    day_of_year: float | np.ndarray, winter_share: float | np.ndarray
) -> np.ndarray:
    """Demand relative to the yearly mean, peaking mid-January.

    A cosine profile whose winter half-year (mid-October to mid-April) holds ``winter_share``
    of the year's demand: amplitude = pi (winter_share - 0.5).
    """
    amplitude = np.pi * (np.asarray(winter_share) - 0.5)
    return 1.0 + amplitude * np.cos(2.0 * np.pi * (np.asarray(day_of_year) - PEAK_DAY) / 365.25)


def storage_goal(day_of_year: int, target: np.ndarray) -> np.ndarray:
    """Fill aimed for on this day: rising from April to reach the target on 1 November,
    then no further injection over the winter."""
    if APRIL_1 <= day_of_year <= NOVEMBER_1:
        share = (day_of_year - APRIL_1) / (NOVEMBER_1 - APRIL_1)
        return target * (0.3 + 0.7 * share)
    return np.zeros_like(target)


@dataclass(frozen=True)
class GasFlows:
    """One turn's flows per state, bcm. ``storage`` is the level after the turn and
    ``storage_before`` the level before it; for every state
    imports - consumption - (storage - storage_before) = given - received, which sums to zero
    over the states (mass is conserved; solidarity only moves gas between states)."""

    storage: np.ndarray
    imports: np.ndarray
    consumption: np.ndarray
    injection: np.ndarray
    withdrawal: np.ndarray
    shortfall: np.ndarray
    received: np.ndarray
    given: np.ndarray
    storage_before: np.ndarray | None = None

    def imbalance(self) -> float:
        """|sum of imports - consumption - change in storage| over all states, bcm (0 up to
        rounding)."""
        before = self.storage if self.storage_before is None else self.storage_before
        change = self.storage - before
        return float(abs(self.imports.sum() - self.consumption.sum() - change.sum()))


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

    ``supply`` is what could be imported this turn; ``goal_fill`` the fill storage should reach
    (as a share of ``capacity``); ``max_withdrawal`` caps what storage can deliver in the turn.
    Each state imports what it needs up to its supply, injects toward its goal, withdraws when
    imports fall short, and what storage cannot cover is shortfall. With ``solidarity``, states
    with unused supply cover others' shortfall (the EU's solidarity mechanism), shared in
    proportion to what each can spare. Storage stays within [0, capacity]; mass is conserved.
    """
    storage = np.asarray(storage, dtype=np.float64)
    capacity = np.maximum(np.asarray(capacity, dtype=np.float64), 0.0)
    storage = np.clip(storage, 0.0, capacity)
    supply = np.maximum(np.asarray(supply, dtype=np.float64), 0.0)
    demand = np.maximum(np.asarray(demand, dtype=np.float64), 0.0)
    room = capacity - storage
    want_injection = np.clip(np.asarray(goal_fill) * capacity - storage, 0.0, room)
    imports = np.minimum(supply, demand + want_injection)
    net = imports - demand
    injection = np.clip(net, 0.0, room)
    need = np.maximum(-net, 0.0)
    limit = storage if max_withdrawal is None else np.clip(max_withdrawal, 0.0, storage)
    withdrawal = np.minimum(need, limit)
    shortfall = need - withdrawal
    received = np.zeros_like(storage)
    given = np.zeros_like(storage)
    total_short = shortfall.sum()
    if solidarity and total_short > 0:
        spare = supply - imports
        total_spare = spare.sum()
        if total_spare > 0:
            covered = min(total_short, total_spare)
            received = shortfall * (covered / total_short)
            given = spare * (covered / total_spare)
            imports = imports + given
            shortfall = np.maximum(shortfall - received, 0.0)
    new_storage = np.clip(storage + injection - withdrawal, 0.0, capacity)
    consumption = demand - shortfall
    return GasFlows(
        new_storage,
        imports,
        consumption,
        injection,
        withdrawal,
        shortfall,
        received,
        given,
        storage,
    )


def n_minus_1(
    ep_m: float,
    p_m: float,
    s_m: float,
    lng_m: float,
    i_m: float,
    d_max: float,
    d_eff: float = 0.0,
) -> float:
    """N-1 formula, Regulation (EU) 2017/1938 Annex II, in percent (>= 100 is compliant).

    EP_m entry-point capacity, P_m production, S_m storage deliverability, LNG_m LNG send-out
    capacity, I_m the largest single infrastructure, D_max the 1-in-20-years peak daily demand
    (all mcm/day). ``d_eff`` is the demand-side variant of Annex II point 4: the part of D_max
    that market-based demand-side measures can cover, giving
    N-1 = (EP_m + P_m + S_m + LNG_m - I_m) / (D_max - D_eff) x 100.
    """
    if d_max - d_eff <= 0:
        raise ValueError("D_max - D_eff must be positive")
    if min(ep_m, p_m, s_m, lng_m, i_m, d_eff) < 0:
        raise ValueError("capacities and demand must not be negative")
    return (ep_m + p_m + s_m + lng_m - i_m) / (d_max - d_eff) * 100.0
