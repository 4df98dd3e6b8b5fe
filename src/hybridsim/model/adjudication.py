"""Adjudication as explicit chance: functions return probabilities; one generator samples.

Like OpenSpiel's chance nodes, the probabilities depend only on the state and the order, and the
sampling is separate and logged (probability, uniform draw, result). Every order draws the same
number of uniforms whatever happens, so replays with overridden outcomes stay aligned.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..scenario.schema import Domain, Move, Response
from .events import Roll
from .world import DOMAINS, World

MAX_P = 0.98


@dataclass(frozen=True)
class Target:
    """What an order acts on: a kind (state, asset, ...), its index and its id."""

    kind: str
    index: int
    id: str


def target_state(world: World, target: Target) -> int | None:
    """The member state an order ultimately hits (an asset's owner), if any."""
    if target.kind == "state":
        return target.index
    if target.kind == "asset":
        owner = int(world.asset_owner[target.index])
        return owner if owner < len(world.state_ids) else None
    return None


def defence_many(world: World, move: Move, kind: str, indices: np.ndarray) -> np.ndarray:
    """How well each target of one kind resists this kind of move, in [0, 1)."""
    domain = move.domain
    n = indices.shape[0]
    if kind == "asset":
        hard = world.hardening[indices]
        p = len(world.state_ids)
        owner = world.asset_owner[indices]
        partner_owned = owner >= p
        st = np.minimum(owner, max(p - 1, 0))
        if domain == Domain.CYBER:
            own = 0.7 * (0.6 * world.cyber_posture[st] + 0.4 * hard)
        elif domain in (Domain.PHYSICAL, Domain.MILITARY):
            own = 0.7 * (0.5 * world.infrastructure_protection[st] + 0.5 * hard)
        else:
            own = 0.5 * hard
        return np.where(partner_owned, 0.8 * (0.6 * world.partner_air_defence + 0.4 * hard), own)
    if kind == "state":
        if domain == Domain.CYBER:
            return 0.7 * world.cyber_posture[indices]
        if domain in (Domain.INFORMATION, Domain.POLITICAL):
            resilience = 0.5 * world.public_trust[indices] + 0.5 * (
                1.0 - world.polarisation[indices]
            )
            return 0.6 * resilience
        if domain == Domain.ECONOMIC:
            return (0.8 * world.investment_screening[indices]
                    * (1.0 - 0.5 * world.china_trade_exposure[indices]))
        if domain == Domain.ENERGY:
            return 0.5 * world.storage_fill[indices]
        if domain == Domain.PHYSICAL:
            return 0.7 * world.infrastructure_protection[indices]
        return np.zeros(n)
    if kind == "partner":
        return np.full(n, world.partner_air_defence if domain == Domain.MILITARY else 0.2)
    if kind == "alliance":
        return np.full(n, 0.6 * world.cohesion)
    return np.zeros(n)


def vigilance_many(world: World, move: Move, kind: str, indices: np.ndarray) -> np.ndarray:
    """How watchful each target is: cyber posture for cyber moves, threat perception else."""
    mean_threat = float(world.threat_perception.mean()) if world.state_ids else 0.5
    n = indices.shape[0]
    p = len(world.state_ids)
    if kind == "asset":
        owner = world.asset_owner[indices]
        st = np.minimum(owner, max(p - 1, 0))
    elif kind == "state":
        owner = st = indices
    else:
        return np.full(n, mean_threat)
    watch = world.cyber_posture[st] if move.domain == Domain.CYBER else world.threat_perception[st]
    return np.where(owner < p, watch, mean_threat)


def chance_table(
    world: World, move: Move, actor: int, kind: str, indices: np.ndarray
) -> dict[str, np.ndarray]:
    """Probabilities of success, detection and (once detected) attribution for many targets
    of one kind at once. The single-order path uses the same function, so a player is offered
    exactly the chances the adjudicator will roll against."""
    k = world.move_ids.index(move.id)
    prof = world.proficiency[actor, k]
    cap = world.capacity[actor, DOMAINS.index(move.domain)]
    base = move.success * (0.6 + 0.8 * prof) * (0.6 + 0.8 * cap)
    p_success = base * (1.0 - defence_many(world, move, kind, indices))
    p_detect = move.detection * (0.6 + 0.8 * vigilance_many(world, move, kind, indices))
    mean_threat = float(world.threat_perception.mean()) if world.state_ids else 0.5
    p_attr = np.full(indices.shape[0], move.attribution * (0.6 + 0.8 * mean_threat))
    return {
        "success": np.clip(p_success, 0.0, MAX_P),
        "detection": np.clip(p_detect, 0.0, MAX_P),
        "attribution": np.clip(p_attr, 0.0, MAX_P),
    }


def move_chances(world: World, move: Move, actor: int, target: Target) -> dict[str, float]:
    """Chances for one order (the adjudicator's view of ``chance_table``)."""
    table = chance_table(world, move, actor, target.kind, np.array([target.index]))
    return {what: float(values[0]) for what, values in table.items()}


def response_chances(world: World, response: Response, actor: int | None) -> dict[str, float]:
    """Responses mostly work; their base success is the only chance."""
    return {"success": _clip(response.success)}


def draw(
    rng: np.random.Generator, chances: dict[str, float], forced: dict[str, bool] | None = None
) -> list[Roll]:
    """Sample each chance with one uniform draw; a forced result keeps the draw but is marked."""
    uniforms = rng.random(len(chances))
    rolls = []
    for (what, p), u in zip(chances.items(), uniforms, strict=True):
        result = bool(u < p)
        overridden = forced is not None and what in forced and forced[what] != result
        if overridden:
            result = forced[what]  # type: ignore[index]
        rolls.append(Roll(what, round(p, 6), round(float(u), 6), result, overridden))
    return rolls


def _clip(p: float) -> float:
    return min(max(float(p), 0.0), MAX_P)
