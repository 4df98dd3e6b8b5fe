"""Per-turn indicators for every state, the alliance, each adversary and the partner."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from ..mechanics.energy import APRIL_1, NOVEMBER_1

if TYPE_CHECKING:
    from .model import HybridThreatModel
    from .world import World




DAYS_PER_YEAR = 365  # days (not a leap year)


def expected_fill(day_of_year: int, target: np.ndarray, low: float) -> np.ndarray:
    """Storage fill a prudent state expects on this day: down from the target on 1 November to
    ``low`` on 1 April, then back up to the target by 1 November."""
    nov1, apr1 = NOVEMBER_1, APRIL_1
    if apr1 <= day_of_year <= nov1:
        share = (day_of_year - apr1) / (nov1 - apr1)
        return low + (target - low) * share
    into_winter = (day_of_year - nov1) % DAYS_PER_YEAR
    share = min(into_winter / ((apr1 - nov1) % DAYS_PER_YEAR), 1.0)
    return target + (low - target) * share


def storage_gap(world, date) -> np.ndarray:
    """How far each state's storage is below where it should be on this date (0 for a state
    with no storage: it has nothing to fill)."""
    expected = expected_fill(date.timetuple().tm_yday, world.storage_target,
                             world.rules.gas.spring_fill)
    gap = np.maximum(expected - world.storage_fill, 0.0)
    return np.where(world.storage_capacity > 0, gap, 0.0)


def source_dependence(world) -> np.ndarray:
    """Per gas source: the largest share of any ally's supply that comes from it (how much
    the most exposed ally relies on it)."""
    total = world.supply.sum(axis=1, keepdims=True)
    shares = np.divide(world.supply, total, out=np.zeros_like(world.supply), where=total > 0)
    return shares.max(axis=0) if shares.size else np.zeros(len(world.source_ids))


N_MINUS_1_CAP = 999.0  # %, shown for states with no gas demand (nothing to cover)


def n_minus_1_by_state(world) -> np.ndarray:
    """The EU N-1 indicator (Reg. (EU) 2017/1938 Annex II, %) of each state, computed by the
    verified ``mechanics.n_minus_1`` from the game's own gas state.

    judgement, stated because the game carries yearly volumes, not technical capacities:
    EP_m + P_m + LNG_m is the state's supply still reaching it (sources' availability, minus
    what its broken carriers no longer carry), as a daily rate; S_m is storage deliverability
    (1.2% of capacity a day, no more than is stored); I_m is the largest single asset still
    carrying gas for the state; D_max is the winter peak of its seasonal profile after demand
    cuts and shocks, as a daily rate. Yearly flows understate entry capacity, so the game's
    N-1 errs on the low side.
    """
    from ..mechanics.energy import PEAK_DAY, n_minus_1, seasonal_factor

    p = len(world.state_ids)
    per_day = 1000.0 / DAYS_PER_YEAR  # bcm/yr -> mcm/d
    carriers = world.carriers
    carried = (world.carries[carriers] @ world.availability) if carriers.size else np.zeros(0)
    working = world.working[carriers] if carriers.size else np.zeros(0, dtype=bool)
    owner = world.asset_owner[carriers] if carriers.size else np.zeros(0, dtype=np.int64)
    lost = np.bincount(owner[~working], weights=carried[~working], minlength=p)[:p]
    supply = np.maximum(world.supply @ world.availability - lost, 0.0) * per_day
    largest = np.zeros(p)
    np.maximum.at(largest, owner[working], carried[working])
    storage = np.minimum(
        world.storage_bcm, world.storage_capacity * world.rules.gas.withdrawal_per_day
    ) * 1000.0
    peak = seasonal_factor(PEAK_DAY, world.winter_share)
    d_max = (
        world.annual_demand * peak * (1.0 - world.demand_cut) * (1.0 + world.demand_shock)
    ) * per_day
    out = np.full(p, N_MINUS_1_CAP)
    for i in np.flatnonzero(d_max > 0):
        value = n_minus_1(supply[i], 0.0, storage[i], 0.0, largest[i] * per_day, d_max[i])
        out[i] = min(value, N_MINUS_1_CAP)
    return out


@dataclass(frozen=True)
class TurnIndicators:
    """Indicators at the end of one turn (turn 0: the start)."""

    turn: int
    date: str
    state: dict[str, np.ndarray]
    adversary: dict[str, np.ndarray]
    alliance: dict[str, float]
    partner: dict[str, float]


def collect_indicators(model: HybridThreatModel, controlled: np.ndarray) -> TurnIndicators:
    """The turn's indicators: per ally, per adversary, for the alliance and the partner."""
    world = model.world
    return TurnIndicators(
        model.turn, model.date.isoformat(), state_indicators(world, controlled),
        adversary_indicators(model), alliance_indicators(world, model.escalation_level),
        partner_indicators(world) if model.scenario.partner else {},
    )


def state_indicators(world: World, controlled: np.ndarray) -> dict[str, np.ndarray]:
    """Each ally's indicators (copies: the log keeps them as they were)."""
    p = len(world.state_ids)
    throughput = world.throughput() * world.asset_capacity
    owned = world.asset_owner < p
    weight = np.bincount(world.asset_owner[owned], weights=world.asset_capacity[owned], minlength=p)
    working = np.bincount(world.asset_owner[owned], weights=throughput[owned], minlength=p)
    down = np.bincount(
        world.asset_owner[owned], weights=(~world.working[owned]).astype(float), minlength=p
    )
    demand_turn = world.consumption_bcm + world.shortfall_bcm
    return {
        "public_trust": world.public_trust.copy(),
        "polarisation": world.polarisation,
        "alignment": world.alignment,
        "cyber_posture": world.cyber_posture.copy(),
        "threat_perception": world.threat_perception.copy(),
        "ukraine_support": world.ukraine_support.copy(),
        "storage_fill": world.storage_fill,
        "storage_bcm": world.storage_bcm.copy(),
        "shortfall": np.divide(
            world.shortfall_bcm, demand_turn, out=np.zeros(p), where=demand_turn > 0
        ),
        "shortfall_bcm": world.shortfall_bcm.copy(),
        "consumption_bcm": world.consumption_bcm.copy(),
        "imports_bcm": world.imports_bcm.copy(),
        "russia_dependence": world.gas_dependence(controlled),  # any adversary's gas
        "china_trade_exposure": world.china_trade_exposure.copy(),
        "infrastructure": np.divide(working, weight, out=np.ones(p), where=weight > 0),
        "assets_down": down,
        "budget": world.budget.copy(),
        "demand_cut": world.demand_cut.copy(),
        "n_minus_1": n_minus_1_by_state(world),
    }


def adversary_indicators(model: HybridThreatModel) -> dict[str, np.ndarray]:
    """Each adversary's proficiency and its moves of this turn, by outcome."""
    world = model.world
    turn_moves = [e for e in model.turn_events(model.turn) if e.kind == "move"]
    adv_ids = world.adversary_ids

    def count(pred) -> np.ndarray:
        return np.array(
            [sum(1 for e in turn_moves if e.actor == a and pred(e)) for a in adv_ids],
            dtype=np.float64,
        )

    unlock = model.scenario.sharing.unlock_at
    return {
        "mean_proficiency": world.proficiency.mean(axis=1)
        if world.move_ids
        else np.zeros(len(adv_ids)),
        "usable_moves": ((world.proficiency >= unlock) & world.plays).sum(axis=1)
        .astype(np.float64),
        "moves": count(lambda e: True),
        "successes": count(lambda e: e.outcome == "success"),
        "detected": count(lambda e: bool(e.detected)),
        "attributed": count(lambda e: bool(e.attributed)),
    }


def alliance_indicators(world: World, escalation_level: int) -> dict[str, float]:
    total_storage = world.storage_capacity.sum()
    return {
        "cohesion": float(world.cohesion),
        "measures": float(len(world.measures)),
        "escalation_score": float(world.escalation),
        "escalation_level": float(escalation_level),
        "storage_fill": float(world.storage_bcm.sum() / total_storage) if total_storage else 0.0,
        "assets_working": float(world.working.mean()) if world.working.size else 1.0,
        "assets_infected": float(world.infected.sum()),
        "narratives_active": float(len(world.narratives)),
    }


def partner_indicators(world: World) -> dict[str, float]:
    peak = world.partner_peak_demand
    return {
        "generation_gw": float(world.partner_generation),
        "availability": min(world.partner_generation / peak, 1.0) if peak else 1.0,
        "air_defence": float(world.partner_air_defence),
    }
