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


def defence(world: World, move: Move, target: Target) -> float:
    """How well the target resists this kind of move, in [0, 1)."""
    domain = move.domain
    st = target_state(world, target)
    if target.kind == "asset":
        hard = world.hardening[target.index]
        if st is None:  # the partner's assets: air defence protects them
            return 0.8 * (0.6 * world.partner_air_defence + 0.4 * hard)
        if domain == Domain.CYBER:
            return 0.7 * (0.6 * world.cyber_posture[st] + 0.4 * hard)
        if domain in (Domain.PHYSICAL, Domain.MILITARY):
            return 0.7 * (0.5 * world.infrastructure_protection[st] + 0.5 * hard)
        return 0.5 * hard
    if target.kind == "state" and st is not None:
        if domain == Domain.CYBER:
            return 0.7 * world.cyber_posture[st]
        if domain in (Domain.INFORMATION, Domain.POLITICAL):
            resilience = 0.5 * world.public_trust[st] + 0.5 * (1.0 - world.polarisation[st])
            return 0.6 * resilience
        if domain == Domain.ECONOMIC:
            return (
                0.8 * world.investment_screening[st] * (1.0 - 0.5 * world.china_trade_exposure[st])
            )
        if domain == Domain.ENERGY:
            return 0.5 * world.storage_fill[st]
        if domain == Domain.PHYSICAL:
            return 0.7 * world.infrastructure_protection[st]
        return 0.0
    if target.kind == "partner":
        return world.partner_air_defence if domain == Domain.MILITARY else 0.2
    if target.kind == "alliance":
        return 0.6 * world.cohesion
    return 0.0


def vigilance(world: World, move: Move, target: Target) -> float:
    st = target_state(world, target)
    if st is None:
        return float(world.threat_perception.mean()) if world.state_ids else 0.5
    if move.domain == Domain.CYBER:
        return float(world.cyber_posture[st])
    return float(world.threat_perception[st])


def move_chances(world: World, move: Move, actor: int, target: Target) -> dict[str, float]:
    """Probabilities of success, detection and (once detected) attribution."""
    k = world.move_ids.index(move.id)
    prof = world.proficiency[actor, k]
    cap = world.capacity[actor, DOMAINS.index(move.domain)]
    p_success = move.success * (0.6 + 0.8 * prof) * (0.6 + 0.8 * cap)
    p_success *= 1.0 - defence(world, move, target)
    p_detect = move.detection * (0.6 + 0.8 * vigilance(world, move, target))
    mean_threat = float(world.threat_perception.mean()) if world.state_ids else 0.5
    p_attr = move.attribution * (0.6 + 0.8 * mean_threat)
    return {
        "success": _clip(p_success),
        "detection": _clip(p_detect),
        "attribution": _clip(p_attr),
    }


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
    return float(np.clip(p, 0.0, MAX_P))
