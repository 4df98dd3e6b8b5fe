"""What orders and effects act on, as catalogues: one frozen record per target kind and per
effect scope, looked up by name instead of branching on it in every function.

A new kind of target is one entry in ``TARGET_KINDS`` (plus its defence rows in the rules); a
new scope for effects is one entry in ``EFFECT_SCOPES``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ..scenario.schema import Scenario
from .world import World

ALLIANCE_ID = "alliance"


@dataclass(frozen=True)
class Target:
    """What an order acts on: a kind (state, asset, ...), its index and its id."""

    kind: str
    index: int
    id: str


@dataclass(frozen=True)
class TargetKind:
    """One kind of target: how many there are, their ids, and which ally each one hits."""

    name: str
    ids: Callable[[World, Scenario], list[str]]  # every target's id, by index
    count: Callable[[World], int]
    hits_state: Callable[[World, int], int | None]  # the member state a hit lands on, if any


def _asset_owner_state(world: World, index: int) -> int | None:
    owner = int(world.asset_owner[index])
    return owner if owner < len(world.state_ids) else None


def _one(world: World) -> int:
    return 1


def _nobody(world: World, index: int) -> int | None:
    return None


def _partner_ids(world: World, scenario: Scenario) -> list[str]:
    return [scenario.partner.id] if scenario.partner else []


TARGET_KINDS: dict[str, TargetKind] = {
    kind.name: kind
    for kind in (
        TargetKind("state", lambda w, s: w.state_ids, lambda w: len(w.state_ids),
                   lambda w, i: i),
        TargetKind("asset", lambda w, s: w.asset_ids, lambda w: len(w.asset_ids),
                   _asset_owner_state),
        TargetKind("source", lambda w, s: w.source_ids, lambda w: len(w.source_ids), _nobody),
        TargetKind("adversary", lambda w, s: w.adversary_ids, lambda w: len(w.adversary_ids),
                   _nobody),
        TargetKind("partner", _partner_ids, _one, _nobody),
        TargetKind("alliance", lambda w, s: [ALLIANCE_ID], _one, _nobody),
    )
}


def target_count(world: World, kind: str) -> int:
    """How many targets of one kind there are (partner and alliance: one)."""
    return TARGET_KINDS[kind].count(world)


def target_state(world: World, target: Target) -> int | None:
    """The member state an order ultimately hits (an asset's owner), if any."""
    return TARGET_KINDS[target.kind].hits_state(world, target.index)


def target_ids(world: World, scenario: Scenario, kind: str, indices) -> list[str]:
    """The ids of the targets of one kind at these indices."""
    ids = TARGET_KINDS[kind].ids(world, scenario)
    return [ids[i] for i in indices] if ids else []


# ----------------------------------------------------------------------------- effect scopes
Actor = tuple[str, int] | None
Records = tuple[str, list[int]] | None


@dataclass(frozen=True)
class EffectScope:
    """Whose field an effect changes (its ``on``): the kind and indices of those records,
    or None when the scope does not apply (an owner effect on a state, say)."""

    name: str
    records: Callable[[World, Target | None, Actor], Records]
    broadcast: bool = False  # everyone at once: allies doing it the same week send one signal


def _the_target(world: World, target: Target | None, actor: Actor) -> Records:
    return None if target is None else (target.kind, [target.index])


def _the_actor(world: World, target: Target | None, actor: Actor) -> Records:
    return None if actor is None else (actor[0], [actor[1]])


def _the_owner(world: World, target: Target | None, actor: Actor) -> Records:
    if target is None or target.kind != "asset":
        return None
    owner = _asset_owner_state(world, target.index)
    return ("state", [owner]) if owner is not None else ("partner", [0])


def _every(kind: str, ids: str) -> Callable[[World, Target | None, Actor], Records]:
    return lambda world, target, actor: (kind, list(range(len(getattr(world, ids)))))


def _single(kind: str) -> Callable[[World, Target | None, Actor], Records]:
    return lambda world, target, actor: (kind, [0])


EFFECT_SCOPES: dict[str, EffectScope] = {
    scope.name: scope
    for scope in (
        EffectScope("target", _the_target),
        EffectScope("actor", _the_actor),
        EffectScope("owner", _the_owner),
        EffectScope("all_states", _every("state", "state_ids"), broadcast=True),
        EffectScope("all_adversaries", _every("adversary", "adversary_ids"), broadcast=True),
        EffectScope("partner", _single("partner")),
        EffectScope("alliance", _single("alliance"), broadcast=True),
    )
}
