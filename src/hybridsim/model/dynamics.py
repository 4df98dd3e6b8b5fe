"""The world's own dynamics each turn: the mechanics wired to the model's arrays.

Each function advances one process for every state or asset at once; none loops over assets
or people in Python.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
from scipy.sparse.csgraph import connected_components

from ..mechanics import (
    deffuant_sweep,
    gas_balance_step,
    interdependent_cascade,
    rumour_step,
    seasonal_factor,
    sis_step,
)
from ..mechanics.energy import storage_goal
from ..scenario.schema import Scenario
from . import fast_stats
from .networks import carrier_networks
from .world import DEGRADED_BELOW, DOWN_BELOW, World

DAYS_PER_YEAR = 365.0
WITHDRAWAL_SHARE_PER_DAY = 0.012  # typical deliverability: ~1.2% of working gas per day
WAR_FATIGUE = 0.003  # share of support for Ukraine lost per turn


def spread_malware(
    world: World, scenario: Scenario, rng: np.random.Generator, beta: float, damage: float
) -> int:
    """One SIS step of malware on the IT network; infected assets lose health. Returns the
    number of newly infected assets."""
    if not world.infected.any():
        return 0
    owner = world.asset_owner
    posture = np.where(
        owner < len(world.state_ids),
        world.cyber_posture[np.minimum(owner, len(world.state_ids) - 1)],
        0.3,
    )
    cure = scenario.mechanics.malware_cure * (0.3 + 0.7 * posture)
    before = world.infected.copy()
    world.infected = sis_step(world.it_network, world.infected, beta, cure, rng)
    world.health[world.infected] = np.maximum(world.health[world.infected] - damage, 0.0)
    return int((world.infected & ~before).sum())


def spread_narratives(world: World, rng: np.random.Generator) -> list[tuple[int, float]]:
    """Advance every active narrative; apply what newly reached people do to trust, support,
    alignment and polarisation. Returns (state, reach gained) per narrative."""
    if not world.narratives:
        return []
    ign = np.array([n.ignorant for n in world.narratives])
    spr = np.array([n.spreaders for n in world.narratives])
    sti = np.array([n.stiflers for n in world.narratives])
    contacts = np.array([n.contacts for n in world.narratives])
    reach_before = np.array([n.reach for n in world.narratives])
    ign, spr, sti = rumour_step(ign, spr, sti, contacts, rng)
    gains = []
    for k, nar in enumerate(world.narratives):
        nar.ignorant, nar.spreaders, nar.stiflers = int(ign[k]), int(spr[k]), int(sti[k])
        gained = max(nar.reach - reach_before[k], 0.0)
        gains.append((nar.state, gained))
        apply_reach(
            world,
            nar.state,
            gained,
            nar.trust_impact,
            nar.support_impact,
            nar.cohesion_impact,
            nar.polarisation_push,
        )
    world.narratives = [n for n in world.narratives if n.spreaders > 0]
    return gains


def apply_reach(
    world: World,
    state: int,
    gained: float,
    trust: float,
    support: float,
    cohesion: float,
    push: float,
) -> None:
    """What a share ``gained`` of the public newly hearing a narrative does."""
    if gained <= 0:
        return
    # Proportional losses: each narrative takes a share of what is left (diminishing returns).
    world.public_trust[state] *= 1.0 - trust * gained
    world.ukraine_support[state] *= 1.0 - support * gained
    row = world.opinions[state]
    mean = fast_stats.mean(row)
    room = 1.0 - min(2.0 * float(fast_stats.std(row)), 1.0)  # this state's polarisation only
    stretched = mean + (row - mean) * (1.0 + 4.0 * push * gained * room) - cohesion * gained * mean
    world.opinions[state] = fast_stats.clip(stretched, 0.0, 1.0)


def settle_opinions(world: World, scenario: Scenario, rng: np.random.Generator) -> None:
    mech = scenario.mechanics
    for _ in range(mech.opinion_rounds):
        world.opinions = deffuant_sweep(world.opinions, mech.confidence, mech.convergence, rng)


def cascade(world: World) -> tuple[np.ndarray, np.ndarray]:
    """Recompute which assets work (the interdependent-network rule ``verify`` checks).

    Returns the assets intact but knocked out by others this turn, and the assets whose own
    damage started it (working last turn, down now).
    """
    up = world.health >= DOWN_BELOW
    started = np.flatnonzero(~up & world.working)
    if up.all():  # nothing down: every network whole, every dependency met
        world.working = up
        return np.zeros(0, dtype=np.int64), started
    networks = carrier_networks(world.links, world.asset_type, world.carries, world.requirements)
    working, _ = interdependent_cascade(up, networks, world.requirements)
    knocked = up & ~working & world.working
    world.working = working
    return np.flatnonzero(knocked), started


def cascade_note(
    world: World, knocked: np.ndarray, started: np.ndarray, partner_id: str = "partner"
) -> str:
    """One line telling a cascade as a story: how many assets fell and, where it crossed
    borders, from which countries into which (each chain traced from the failures that began
    it, through links and dependencies, so unrelated damage elsewhere is not named)."""
    owners = [*world.state_ids, partner_id]
    more = f" and {knocked.size - 8} more" if knocked.size > 8 else ""
    note = f"{knocked.size} assets failed through dependencies{more}"
    crossings = []
    for origin_assets, hit_assets in _chains(world, knocked, started):
        origin = sorted({owners[world.asset_owner[i]] for i in origin_assets})
        abroad = sorted({owners[world.asset_owner[i]] for i in hit_assets} - set(origin))
        if origin and abroad:
            crossings.append(f"from {', '.join(origin)} to {', '.join(abroad)}")
    if crossings:
        note += "; across borders " + "; ".join(crossings)
    return note


def _chains(world: World, knocked: np.ndarray, started: np.ndarray):
    """(started, knocked) asset groups joined through links or provider relations."""
    involved = np.r_[started, knocked]
    relation = world.links.astype(bool).astype(np.int32)
    for group in world.requirements:
        providers = group.needs @ group.pools if hasattr(group, "pools") else group
        relation = relation + providers + providers.T
    sub = relation[involved][:, involved]
    _, labels = connected_components(sub, directed=False)
    for label in np.unique(labels[started.size :]):
        yield involved[: started.size][labels[: started.size] == label], knocked[
            labels[started.size :] == label
        ]


def repair_assets(world: World, per_turn: float) -> None:
    healing = ~world.infected & (world.health < 1.0)
    world.health[healing] = np.minimum(world.health[healing] + per_turn, 1.0)


def gas_turn(world: World, date: dt.date, days: int) -> None:
    """The gas balance for one turn, with supply lost where carrying assets are down."""
    doy = date.timetuple().tm_yday
    year_share = days / DAYS_PER_YEAR
    p = len(world.state_ids)
    lost = np.zeros(p)
    carriers = world.carriers
    if carriers.size:
        working = world.working[carriers]
        throughput = np.where(
            working, np.minimum(1.0, world.health[carriers] / DEGRADED_BELOW), 0.0
        )
        lost_by_asset = (world.carries[carriers] @ world.availability) * (1.0 - throughput)
        lost = np.bincount(world.asset_owner[carriers], weights=lost_by_asset, minlength=p)
    supply = np.maximum(world.supply @ world.availability - lost, 0.0) * year_share
    demand = (
        world.annual_demand
        * seasonal_factor(doy, world.winter_share)
        * (1.0 - world.demand_cut)
        * (1.0 + world.demand_shock)
        * year_share
    )
    goal = storage_goal(doy, world.storage_target)
    flows = gas_balance_step(
        world.storage_bcm,
        world.storage_capacity,
        supply,
        demand,
        goal,
        max_withdrawal=world.storage_capacity * WITHDRAWAL_SHARE_PER_DAY * days,
    )
    world.gas_flows = flows
    world.storage_bcm = flows.storage
    world.shortfall_bcm = flows.shortfall
    world.consumption_bcm = flows.consumption
    world.imports_bcm = flows.imports
    share = np.divide(flows.shortfall, demand, out=np.zeros_like(demand), where=demand > 0)
    # Rationing hurts: trust and support for Ukraine fall, the public drifts from the line.
    world.public_trust = np.clip(world.public_trust - 0.25 * share, 0.0, 1.0)
    world.ukraine_support = np.clip(world.ukraine_support - 0.15 * share, 0.0, 1.0)
    world.opinions = np.clip(world.opinions - 0.1 * share[:, None], 0.0, 1.0)


def partner_turn(world: World, max_generation: float) -> None:
    world.partner_generation = min(world.partner_generation + world.partner_repair, max_generation)


def relax_threat(world: World, baseline: np.ndarray, rate: float = 0.05) -> None:
    """Threat perception drifts back toward its starting level when nothing happens, and
    support for Ukraine wears down slowly (war fatigue)."""
    world.threat_perception += rate * (baseline - world.threat_perception)
    world.ukraine_support *= 1.0 - WAR_FATIGUE


def positions(world: World) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Where each ally stands: on the alliance line, on China, and on Ukraine-first."""
    alignment = world.alignment
    china = world.threat_perception * (1.0 - world.china_trade_exposure)
    ukraine = world.ukraine_first * world.ukraine_support
    return alignment, china, ukraine


def cohesion_target(world: World) -> float:
    """Cohesion the alliance tends toward: high when positions agree and back the line."""
    if not world.state_ids:
        return world.cohesion
    alignment, china, ukraine = positions(world)
    dispersion = (fast_stats.std(alignment) + 0.5 * fast_stats.std(china)
                  + 0.5 * fast_stats.std(ukraine))
    return float(
        1.5 * fast_stats.mean(alignment)
        + 0.3 * fast_stats.mean(world.public_trust)
        - 0.8 * fast_stats.mean(world.polarisation)
        - 2.5 * dispersion
        + 0.02 * len(world.measures)
    )


def update_cohesion(world: World, anchor: float, start_target: float, rate: float) -> None:
    target = fast_stats.clip(anchor + cohesion_target(world) - start_target, 0.0, 1.0)
    moved = world.cohesion + rate * (target - world.cohesion)
    world.cohesion = float(fast_stats.clip(moved, 0.0, 1.0))


def vote_support(world: World, focus: str, russian: np.ndarray) -> np.ndarray:
    """Each ally's support score for a proposal with this focus (yes when >= 0.5).

    Allies exposed to China's trade, or that put Ukraine first, resist a China focus; allies
    dependent on Russian gas hesitate on Russia-focused measures.
    """
    base = 0.5 * world.alignment + 0.5 * world.threat_perception
    if focus == "china":
        return base + 0.25 - 0.6 * world.china_trade_exposure - 0.3 * world.ukraine_first
    if focus == "russia":
        return base + 0.3 * world.ukraine_support - 0.4 * world.russia_dependence(russian)
    if focus == "ukraine":
        return base + 0.5 * world.ukraine_support - 0.2
    return base + 0.1
