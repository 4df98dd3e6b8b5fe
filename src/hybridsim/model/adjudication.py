"""Adjudication as explicit chance: functions return probabilities; one generator samples.

Like OpenSpiel's chance nodes, the probabilities depend only on the state and the order, and the
sampling is separate and logged (probability, uniform draw, result). Every order draws the same
number of uniforms whatever happens, so replays with overridden outcomes stay aligned.
"""

from __future__ import annotations

import numpy as np

from ..rules.chances import Chances
from ..scenario.schema import Move, Response
from . import fast_stats
from .defence import defence_of
from .events import Roll
from .targets import Target, target_count
from .world import World

LOGGED_DIGITS = 6  # a roll's probability and draw as the log keeps them

# How well targets of one kind resist moves of one domain (rows from ``rules.defence``).
defence_of_kind = defence_of


def vigilance_of_kind(
    world: World,
    watch: str,
    kind: str,
    mean_threat: float,
    indices: np.ndarray | int | None = None,
) -> np.ndarray:
    """How watchful targets of one kind are: the state indicator ``watch`` that watches for
    the move's domain (``World.watch_of``: cyber posture against cyber moves, threat perception
    against the other built-in domains); targets outside the member states watch as much as the
    average ally. ``indices`` as in ``defence_of_kind``."""
    p = len(world.state_ids)
    watched = getattr(world, watch)
    if kind == "state":
        return watched if indices is None else watched[indices]
    if kind != "asset":
        if isinstance(indices, int):
            return np.float64(mean_threat)
        n = target_count(world, kind) if indices is None else indices.shape[0]
        return np.full(n, mean_threat)
    owner = world.asset_owner if indices is None else world.asset_owner[indices]
    return np.where(owner < p, watched[np.minimum(owner, max(p - 1, 0))], mean_threat)


def mean_threat(world: World) -> float:
    """The allies' average threat perception (how watchful anyone outside them is)."""
    if not world.state_ids:
        return world.rules.chances.threat_without_allies
    return float(fast_stats.mean(world.threat_perception))


def chances(
    success: float | np.ndarray,
    detection: float | np.ndarray,
    attribution: float | np.ndarray,
    proficiency: float | np.ndarray,
    capacity: float | np.ndarray,
    defence: np.ndarray,
    vigilance: np.ndarray,
    threat: float,
    rules: Chances,
) -> dict[str, np.ndarray]:
    """Probabilities of success, detection and (once detected) attribution, element by element:
    the one formula behind a single order's chances and a whole toolkit's order table."""
    r = rules
    base = (success * (r.proficiency_floor + r.proficiency_slope * proficiency)
            * (r.capacity_floor + r.capacity_slope * capacity))
    cap = r.max_probability
    return {
        "success": clip_probability(base * (1.0 - defence), cap),
        "detection": clip_probability(detection * (r.vigilance_floor + r.vigilance_slope
                                                   * vigilance), cap),
        "attribution": clip_probability(attribution * (r.threat_floor + r.threat_slope * threat),
                                        cap),
    }


def clip_probability(p: np.ndarray, cap: float) -> np.ndarray:
    """Probabilities kept within [0, cap] (no certainty in war)."""
    # np.clip's Python wrapper costs more than the arithmetic on these small arrays.
    return np.minimum(np.maximum(p, 0.0), cap)


def move_chances(world: World, move: Move, actor: int, target: Target) -> dict[str, float]:
    """Chances for one order, by the formula ``order_table`` applies to a whole toolkit, so a
    player is offered exactly the chances the adjudicator rolls against. Scalars throughout:
    one order is too small for arrays to pay."""
    threat = mean_threat(world)
    odds = chances(
        move.success,
        move.detection,
        move.attribution,
        world.proficiency[actor, world.move_index[move.id]],
        world.capacity[actor, world.domain_column(move.domain)],
        defence_of_kind(world, move.domain, target.kind, target.index, actor),
        vigilance_of_kind(world, world.watch_of(move.domain), target.kind, threat, target.index),
        threat,
        world.rules.chances,
    )
    if move.overt:  # known by its nature: no detection or attribution to roll
        return {"success": float(odds["success"]), "detection": 1.0, "attribution": 1.0}
    return {what: float(value) for what, value in odds.items()}


def response_chances(world: World, response: Response, actor: int | None) -> dict[str, float]:
    """Responses mostly work; their base success is the only chance."""
    return {"success": min(max(float(response.success), 0.0),
                           world.rules.chances.max_probability)}


def draw(
    rng: np.random.Generator, chances: dict[str, float], forced: dict[str, bool] | None = None
) -> list[Roll]:
    """Sample each chance with one uniform draw; a forced result keeps the draw but is marked."""
    uniforms = rng.random(len(chances)).tolist()
    rolls = []
    for (what, p), u in zip(chances.items(), uniforms, strict=True):
        result = u < p
        overridden = forced is not None and what in forced and forced[what] != result
        if overridden:
            result = forced[what]  # type: ignore[index]
        rolls.append(Roll(what, round(p, LOGGED_DIGITS), round(u, LOGGED_DIGITS), result,
                          overridden))
    return rolls

