"""The political layer: governments' positions and the channels that move them; how allies come
to name an attacker, and what acting together adds.

Pure functions over the world's arrays and the rules.

Positions: each ally government holds a position on the alliance line (0 to 1). It follows its
public's alignment with a lag (narratives move publics, then governments); coercion pulls it in
proportion to the ally's exposure to the coercer; wedge diplomacy courts trade-exposed
governments; an attack on its soil that is attributed rallies it, and an attributed cut of a
gas source rallies the governments that depend on it; an attributed coercive act hardens a
target that expects conflict with the coercer (Drezner 1999). Votes and cohesion read the
positions, so the alliance divides when its governments drift apart.

Attribution politics (JRC/Hybrid CoE 2021:
hybrid campaigns exploit the thresholds of detection and attribution): naming or sanctioning an
adversary needs evidence (an incident detection attributed to it), takes time (the
investigation), spends that evidence, so the next public step needs a new case, and costs the
ally political capital that returns slowly; allies acting in the same turn send a stronger
signal than one acting alone.
"""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np

from .world import World

SLACK = 1e-9  # float slack when comparing capital with a cost


def investigation_turns(world: World, turn_days: int) -> int:
    """Turns from an attributed incident until the case can be made public."""
    weeks = world.rules.politics.investigation_weeks
    return max(math.ceil(weeks * 7 / max(turn_days, 1)), 0)


def record_evidence(world: World, adversary: int, turn: int) -> None:
    """An incident detected and attributed to ``adversary`` opens a case."""
    world.evidence.append((adversary, turn))


def ripe_cases(world: World, turn: int, delay: int) -> np.ndarray:
    """Per adversary, the cases whose investigation is complete by ``turn``."""
    counts = np.zeros(len(world.adversary_ids), dtype=np.int64)
    for adversary, opened in world.evidence:
        if opened + delay <= turn:
            counts[adversary] += 1
    return counts


def spend_cases(world: World, adversaries: set[int], turn: int, delay: int) -> None:
    """Naming an adversary makes its ripe cases public: they cannot be used again."""
    world.evidence = [(a, t) for a, t in world.evidence
                      if a not in adversaries or t + delay > turn]


def can_afford_naming(world: World, state: int) -> bool:
    """Whether an ally has the political capital to name or sanction an adversary."""
    return bool(world.political_capital[state] >= world.rules.politics.naming_cost - SLACK)


def spend_capital(world: World, state: int) -> None:
    world.political_capital[state] -= world.rules.politics.naming_cost


def regain_capital(world: World, turn_days: int) -> None:
    """Capital comes back slowly, up to full."""
    gain = world.rules.politics.capital_per_week * turn_days / 7
    world.political_capital = np.minimum(world.political_capital + gain, 1.0)


def joint_strength(allies: int, single_share: float) -> float:
    """Share of the full signal carried by ``allies`` acting in the same turn."""
    return 1.0 - (1.0 - single_share) ** max(allies, 0)


# ------------------------------------------------------------------ positions
# Exposure to a coercive act by its domain, given the coercer: to the gas it controls for
# energy coercion, to its trade for economic coercion (a registry: a new kind of coercion is an
# entry here).
EXPOSURES: dict[str, Callable[[World, int], np.ndarray]] = {
    "energy": lambda world, actor: world.gas_dependence(world.controlled_by(actor)),
    "economic": lambda world, actor: world.exposure_to(actor),
}


# Tags of moves that act on governments directly, and the rule giving each its bite.
CHANNELS = {"coercion": "coercion_bite", "wedge": "wedge_pull"}


def channel_share(world: World, tags: list[str]) -> float:
    """How hard a move with these tags pulls the governments it reaches (0: not at all)."""
    return max((getattr(world.rules.politics, CHANNELS[t]) for t in tags if t in CHANNELS),
               default=0.0)


def follow_publics(world: World, turn_days: int) -> np.ndarray:
    """Governments close part of the gap to their publics' alignment; returns the moves."""
    weekly = world.rules.politics.follow_per_week
    rate = 1.0 - (1.0 - weekly) ** (turn_days / 7)
    delta = rate * (world.alignment - world.position)
    world.position = world.position + delta
    return delta


def coerced(world: World, domain: str, kind: str, index: int, actor: int) -> np.ndarray:
    """Per ally, its exposure to one coercive act by adversary ``actor``: the supply share a
    cut source carried, or the target state's (every ally's, for the alliance) exposure to the
    coercer for the act's domain."""
    p = len(world.state_ids)
    if kind == "source":
        return source_dependence(world, index)
    if domain not in EXPOSURES or kind not in ("state", "alliance"):
        return np.zeros(p)
    exposure = np.asarray(EXPOSURES[domain](world, actor), dtype=np.float64)
    if kind == "alliance":
        return exposure.copy()
    out = np.zeros(p)
    out[index] = exposure[index]
    return out


def source_dependence(world: World, source: int) -> np.ndarray:
    """Per ally, the share of its gas supply that one source carries."""
    total = world.supply.sum(axis=1)
    return np.divide(world.supply[:, source], total, out=np.zeros(len(world.state_ids)),
                     where=total > 0)


def pull_positions(world: World, exposure: np.ndarray, share: float) -> np.ndarray:
    """Governments give up ``share`` x exposure of their position; returns the moves."""
    delta = -share * exposure * world.position
    world.position = world.position + delta
    return delta


def rally(world: World, state: int, escalation: float) -> float:
    """An attributed attack on an ally's soil moves its government toward the line, the more
    the more aggressive the act (its escalation); deniable acts never get here."""
    headroom = 1.0 - float(world.position[state])
    delta = world.rules.politics.rally_position * escalation * headroom
    world.position[state] += delta
    return delta


def conflict_expectations(world: World) -> np.ndarray:
    """How far each ally expects conflict with its adversaries (0 to 1): its public's threat
    perception above the midpoint, scaled; at or below it, none. One concept for the rally
    after a cut and the hardening under coercion: a public that expects no conflict with the
    coercer blames others."""
    return np.maximum(2.0 * world.threat_perception - 1.0, 0.0)


def harden(world: World, state: int) -> float:
    """A government coerced by an adversary it expects conflict with digs in (Drezner 1999):
    it moves toward the line by ``conflict_hardening`` x its conflict expectation of its
    headroom; returns the move."""
    headroom = 1.0 - float(world.position[state])
    expects = float(conflict_expectations(world)[state])
    delta = world.rules.politics.conflict_hardening * expects * headroom
    world.position[state] += delta
    return delta


def dependence_rally(world: World, dependence: np.ndarray, escalation: float) -> np.ndarray:
    """An attributed cut of a gas source rallies the governments that draw on it, each in
    proportion to its dependence on the source and its conflict expectation (the 2022 record:
    Germany, most dependent, hardened; publics at or below the midpoint of threat perception,
    as Hungary's and Slovakia's, blame others), and their publics by the rally an attack on
    their soil gives, times the same factors; returns the governments' moves."""
    blame = dependence * conflict_expectations(world)
    public = world.rules.consequences.rally * blame
    world.opinions = np.clip(world.opinions + public[:, None], 0.0, 1.0)
    share = np.minimum(world.rules.politics.dependence_rally * escalation * blame, 1.0)
    delta = share * (1.0 - world.position)
    world.position = world.position + delta
    return delta
