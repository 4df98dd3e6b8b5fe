"""The world's own dynamics each turn: the mechanics wired to the model's arrays.

Each function advances one process for every state or asset at once; none loops over assets
or people in Python.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

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
from ..mechanics.cascade import provider_matrix
from ..mechanics.energy import storage_goal
from ..rules import per_turn
from ..rules.votes import Votes
from ..scenario.schema import Scenario
from . import fast_stats
from .networks import carrier_networks
from .turn_rates import amount, share
from .world import World

DAYS_PER_YEAR = 365.0
CASCADE_NAMES_SHOWN = 8  # assets named in a cascade event; the rest are counted


def malware_cure_per_turn(world: World, scenario: Scenario) -> np.ndarray:
    """Each asset's chance per turn of being cleaned: the scenario's cure rate scaled by its
    owner's cyber posture (``rules.malware``); one home for the game and ``verify``."""
    owner = world.asset_owner
    rules = world.rules.malware
    posture = np.where(
        owner < len(world.state_ids),
        world.cyber_posture[np.minimum(owner, len(world.state_ids) - 1)],
        rules.posture_outside_allies,
    )
    cure = scenario.mechanics.malware_cure * (rules.cure_floor + rules.cure_posture * posture)
    return share(cure, scenario.calendar.turn_days)


def spread_malware(
    world: World, scenario: Scenario, rng: np.random.Generator, beta: float, damage: float
) -> int:
    """One SIS step of malware on the IT network; infected assets lose health. Returns the
    number of newly infected assets."""
    if not world.infected.any():
        return 0
    days = scenario.calendar.turn_days
    cure = malware_cure_per_turn(world, scenario)
    beta, damage = share(beta, days), amount(damage, days)
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
    public = world.rules.public
    # Room left to polarise: this state's polarisation only.
    room = 1.0 - min(public.polarisation_per_std * float(fast_stats.std(row)), 1.0)
    stretch = 1.0 + public.push_scale * push * gained * room
    stretched = mean + (row - mean) * stretch - cohesion * gained * mean
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
    up = world.health >= world.rules.consequences.down_below
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
    shown = CASCADE_NAMES_SHOWN
    more = f" and {knocked.size - shown} more" if knocked.size > shown else ""
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
        providers = provider_matrix(group)
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
            working,
            np.minimum(1.0, world.health[carriers] / world.rules.consequences.degraded_below),
            0.0,
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
        max_withdrawal=world.storage_capacity * world.rules.gas.withdrawal_per_day * days,
    )
    world.gas_flows = flows
    world.storage_bcm = flows.storage
    world.shortfall_bcm = flows.shortfall
    world.consumption_bcm = flows.consumption
    world.imports_bcm = flows.imports
    share = np.divide(flows.shortfall, demand, out=np.zeros_like(demand), where=demand > 0)
    # Rationing hurts: trust and support for Ukraine fall, the public drifts from the line.
    gas = world.rules.gas
    world.public_trust = np.clip(world.public_trust - gas.shortfall_trust * share, 0.0, 1.0)
    world.ukraine_support = np.clip(world.ukraine_support - gas.shortfall_support * share,
                                    0.0, 1.0)
    world.opinions = np.clip(world.opinions - gas.shortfall_alignment * share[:, None], 0.0, 1.0)


def partner_turn(world: World, max_generation: float) -> None:
    world.partner_generation = min(world.partner_generation + world.partner_repair, max_generation)


def relax_threat(world: World, baseline: np.ndarray, turn_days: int) -> None:
    """Threat perception drifts back toward its starting level when nothing happens, and
    support for Ukraine wears down slowly (war fatigue); both rates are per week."""
    rules = world.rules.threat
    rate = per_turn(rules.relax_per_week, turn_days)
    world.threat_perception += rate * (baseline - world.threat_perception)
    world.ukraine_support *= 1.0 - per_turn(rules.war_fatigue_per_week, turn_days)


def ebb_escalation(score: float, start: float, decay: float) -> float:
    """Tension above the scenario's starting level fades by ``decay`` (a share per turn, from
    the scenario's per-week rate); the starting level is the situation the scenario describes
    (it does not fade on its own, as threat perception relaxes toward its starting value)."""
    if score <= start:
        return score
    return score - decay * (score - start)


def positions(world: World) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Where each ally stands: its government's position on the alliance line, on China, and
    on Ukraine-first. The
    Ukraine-first position counts support relative to the allies' mean, so allies who cool on
    the war together (war fatigue) are not thereby divided or united."""
    alignment = world.position
    china = world.threat_perception * (1.0 - world.china_trade_exposure)
    support = world.ukraine_support
    mean_support = float(fast_stats.mean(support)) if support.size else 0.0
    relative = support / mean_support if mean_support > 0 else support
    ukraine = world.ukraine_first * relative
    return alignment, china, ukraine


COHESION_TERMS = {
    # term: what the facilitator reads in a change's causes
    "alignment": "governments' positions on the alliance line",
    "trust": "public trust",
    "polarisation": "polarisation of publics",
    "dispersion": "divergence of allies' positions",
    "measures": "measures adopted",
}


def cohesion_terms(world: World) -> dict[str, float]:
    """The terms of the cohesion the alliance tends toward (their sum): high when positions
    agree and back the line."""
    alignment, china, ukraine = positions(world)
    r = world.rules.cohesion
    dispersion = (fast_stats.std(alignment) + r.china_spread * fast_stats.std(china)
                  + r.ukraine_spread * fast_stats.std(ukraine))
    return {
        "alignment": r.alignment * float(fast_stats.mean(alignment)),
        "trust": r.trust * float(fast_stats.mean(world.public_trust)),
        "polarisation": -r.polarisation * float(fast_stats.mean(world.polarisation)),
        "dispersion": -r.dispersion * float(dispersion),
        "measures": r.per_measure * len(world.measures),
    }


def cohesion_target(world: World) -> float:
    """Cohesion the alliance tends toward: high when positions agree and back the line."""
    if not world.state_ids:
        return world.cohesion
    return float(sum(cohesion_terms(world).values()))


def update_cohesion(
    world: World, anchor: float, start_terms: dict[str, float], rate: float
) -> list[tuple[str, float]]:
    """Move cohesion a step toward its starting level shifted by how each term has changed
    since the start. Returns the step's causes: the pull back toward that level, and each
    term's share of the shift (they sum to the change)."""
    before = world.cohesion
    terms = cohesion_terms(world) if world.state_ids else dict.fromkeys(start_terms, 0.0)
    shift = {k: terms[k] - start_terms[k] for k in terms} if world.state_ids else {}
    target = fast_stats.clip(anchor + sum(shift.values()), 0.0, 1.0)
    moved = world.cohesion + rate * (target - world.cohesion)
    world.cohesion = float(fast_stats.clip(moved, 0.0, 1.0))
    causes = [("return toward the starting level", rate * (anchor - before))]
    causes += [(f"{COHESION_TERMS[k]} (since the start)", rate * d) for k, d in shift.items()]
    causes.append(("bounds of cohesion (0 to 1)",
                   world.cohesion - before - sum(d for _, d in causes)))
    return causes


# Scores of the focus words that name no adversary, given the shared base of the score (a
# registry: a new kind of measure is an entry).
TOPICS: dict[str, Callable[[World, Votes, np.ndarray], np.ndarray]] = {
    "ukraine": lambda world, r, base: (base + r.ukraine_support * world.ukraine_support
                                       - r.ukraine_cost),
    "resilience": lambda world, r, base: base + r.other_bonus,
}


def vote_support(world: World, focus: str) -> np.ndarray:
    """Each ally's support score for a proposal with this focus (yes from
    ``rules.votes.yes_at``): ``resilience``, ``ukraine``, or the id of the adversary the
    measure is against, weighed by ``rules.votes.against`` for that id."""
    r = world.rules.votes
    base = r.alignment_weight * world.position + r.threat_weight * world.threat_perception
    topic = TOPICS.get(focus)
    if topic is not None:
        return topic(world, r, base)
    return support_against(world, world.adversary_ids.index(focus), base)


def support_against(world: World, actor: int, base: np.ndarray) -> np.ndarray:
    """The score of a measure against one adversary: allies exposed to its trade, or
    dependent on the gas it controls, hold back (the weights for its id; the terms in the
    order the formulas of docs/mechanics.md write them)."""
    w = world.rules.votes.weights_against(world.adversary_ids[actor])
    return (base + w.bonus + w.ukraine_support * world.ukraine_support
            - w.exposure * world.exposure_to(actor)
            - w.ukraine_first * world.ukraine_first
            - w.gas * world.gas_dependence(world.controlled_by(actor)))
