"""Orders, their legal targets, and the options a player (or policy) can choose from."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from ..scenario.schema import Action, Move, Response, Scenario
from .adjudication import response_chances
from .targets import TARGET_KINDS, Target, target_ids  # noqa: F401 (policies read it here)
from .world import TYPE_CODE, World


@dataclass(frozen=True)
class Order:
    """An actor's instruction for this turn: play an action (move or response) on a target."""

    actor: str
    action: str
    target: str | None = None

    def to_dict(self) -> dict[str, str | None]:
        return {"actor": self.actor, "action": self.action, "target": self.target}


@dataclass(frozen=True)
class OrderOption:
    """A legal order with what it costs and the chances it would face now."""

    order: Order
    name: str
    domain: str
    target_name: str
    cost: float
    chances: dict[str, float] = field(default_factory=dict)


class Catalogue:
    """The scenario's moves and responses, indexed, with who may use which."""

    def __init__(self, scenario: Scenario) -> None:
        self.moves: dict[str, Move] = {m.id: m for m in scenario.toolkit.moves}
        self.responses: dict[str, Response] = {r.id: r for r in scenario.toolkit.responses}

    def action(self, action_id: str) -> Action | None:
        move = self.moves.get(action_id)
        return move if move is not None else self.responses.get(action_id)


def resolve_target(world: World, scenario: Scenario, target_id: str | None) -> Target | None:
    """Turn a target id into its kind and index (None when unknown)."""
    if target_id is None:
        return None
    found = world.lookup.get(target_id)
    if found is not None:
        return Target(found[0], found[1], target_id)
    if scenario.partner and target_id == scenario.partner.id:
        return Target("partner", 0, target_id)
    if target_id == "alliance":
        return Target("alliance", 0, target_id)
    return None


@dataclass(frozen=True)
class MoveTable:
    """One move's legal targets now, as arrays, with the chances against each."""

    move: Move
    kind: str
    indices: np.ndarray
    ids: list[str]
    chances: dict[str, np.ndarray]

    def options(self, actor: str) -> list[OrderOption]:
        return [
            OrderOption(
                Order(actor, self.move.id, target_id),
                self.move.name,
                self.move.domain,
                target_id,
                self.move.cost,
                {what: float(values[i]) for what, values in self.chances.items()},
            )
            for i, target_id in enumerate(self.ids)
        ]


def response_targets(
    world: World, scenario: Scenario, response: Response, state: int
) -> list[Target]:
    """Where an ally may aim a response, by the response's target kind."""
    return RESPONSE_TARGETS[response.target](world, scenario, response, state)


def _own_state(world: World, scenario: Scenario, response: Response, state: int) -> list[Target]:
    return [Target("state", state, world.state_ids[state])]


def _own_assets(world: World, scenario: Scenario, response: Response, state: int) -> list[Target]:
    codes = [TYPE_CODE[t] for t in response.asset_types]
    mine = np.flatnonzero(np.isin(world.asset_type, codes) & (world.asset_owner == state))
    return [Target("asset", int(i), world.asset_ids[i]) for i in mine]


def _every(kind: str) -> Callable[[World, Scenario, Response, int], list[Target]]:
    """Every target of a kind (the partner if there is one, the alliance, each adversary)."""

    def targets(world: World, scenario: Scenario, response: Response, state: int) -> list[Target]:
        ids = TARGET_KINDS[kind].ids(world, scenario)
        return [Target(kind, i, target_id) for i, target_id in enumerate(ids)]

    return targets


# Response target kind -> the targets an ally may aim it at.
RESPONSE_TARGETS: dict[str, Callable[[World, Scenario, Response, int], list[Target]]] = {
    "self": _own_state,
    "state": _own_state,
    "asset": _own_assets,
    "partner": _every("partner"),
    "alliance": _every("alliance"),
    "adversary": _every("adversary"),
    "source": lambda world, scenario, response, state: [],
}


def response_allowed(
    response: Response, state_id: str, escalation_level: int, collective_level: int
) -> bool:
    if response.actors is not None and state_id not in response.actors:
        return False
    return response_open(response, escalation_level, collective_level)


def response_open(response: Response, escalation_level: int, collective_level: int) -> bool:
    """Whether the escalation level opens a response to the allies it is written for."""
    if escalation_level < response.preconditions.min_escalation:
        return False
    return not (response.collective and escalation_level < collective_level)


def response_option(
    state_id: str, response: Response, target_id: str, chances: dict[str, float]
) -> OrderOption:
    """One ally's order to use a response on one target, as offered to a player."""
    return OrderOption(
        Order(state_id, response.id, target_id),
        response.name,
        response.domain,
        target_id,
        response.cost,
        chances,
    )


def response_options(
    world: World, scenario: Scenario, response: Response, state: int
) -> list[OrderOption]:
    me = world.state_ids[state]
    chances = response_chances(world, response, state)
    return [response_option(me, response, t.id, chances)
            for t in response_targets(world, scenario, response, state)]
