"""What one side knows: the single fog-of-war rule, and each actor's observation built on it.

As in OpenSpiel's per-player observations, a policy (computer or human) chooses its orders from
an ``Observation`` alone: a frozen record of what its side may know this turn, with no way back
to the model. ``seen_by`` is the one rule for what a side sees of an event; the observations
and the viewer's per-side views both go through it.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any

import numpy as np

from ..scenario.schema import Action, Move, Response
from .agents import ACTOR_TYPES
from .events import Event
from .order_table import MoveArrays, OrderTable
from .orders import MoveTable, Order, OrderOption, response_option
from .side_view import SideView, indicators_for, side_view

if TYPE_CHECKING:
    from .model import HybridThreatModel

WHITE = ("white", "facilitator")  # the control cell: sees everything


def seen_by(event: Event, side: str) -> Event | None:
    """The event as a side sees it, or None when the side does not see it at all.

    The white cell (facilitator) sees everything. Players never see the white cell's
    overrides or the other side's refused orders; blue does not see what the adversaries
    learn from each other, sees adversary moves only when detected, without their author
    unless attributed, and the causes of a change only as far as it knows them.
    """
    if side in WHITE:
        return event
    if event.kind == "override":
        return None
    if event.kind == "refused" and event.side != side:
        return None
    if side == "red":
        return event
    if event.kind == "learning":
        return None
    if event.blue_causes is not None:
        masked = copy.copy(event)
        masked.causes = list(event.blue_causes)
        masked.blue_causes = None
        return masked
    if event.kind != "move":
        return event
    if not event.detected:
        return None
    if event.attributed:
        return event
    masked = copy.copy(event)
    masked.actor = "unknown"
    masked.action = "incident"
    masked.rolls = []
    masked.probability = None
    masked.roll = None
    return masked


def visible_events(events: list[Event], side: str) -> list[Event]:
    """Events as a side sees them, in order, leaving out those it does not see."""
    return [seen for event in events if (seen := seen_by(event, side)) is not None]


@dataclass(frozen=True)
class ObservationParams:
    """What an observation includes, as a policy declares it (its ``observes``), after
    OpenSpiel's ``ObservationParams``: a policy that plays a written plan, or people who are
    offered their orders by the viewer, need not have the adversary's order table built."""

    legal_orders: bool = True


FULL = ObservationParams()


@dataclass(frozen=True, eq=False)
class Observation:
    """What one actor knows when it chooses its orders for a turn.

    Its own situation (budget, toolkit, legal orders) is here; what its whole side knows
    alike (events, indicators, incidents, attributions) is in ``view``, one record shared by
    the side's actors. ``rng`` is the game's generator, so that a policy's draws follow the
    root seed.
    """

    actor: str
    index: int  # the actor's row in its kind's arrays
    budget: float
    toolkit: tuple[Action, ...]
    view: SideView
    # Indicator arrays over every target of a kind, by (kind, name): those its toolkit weighs.
    indicators: Mapping[tuple[str, str], np.ndarray]
    rng: np.random.Generator = field(repr=False)
    submitted: tuple[Order, ...] = ()  # orders people gave for this actor (human play)
    # An adversary: its legal orders as arrays (None when its policy does not read them),
    # its moves and its appetite for risk.
    orders: OrderTable | None = None
    moves: MoveArrays | None = None
    risk_appetite: float = 0.0
    # An ally: its targets for each response (by id), fixed for the game.
    targets: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    @property
    def turn(self) -> int:
        return self.view.turn

    @property
    def date(self) -> str:
        return self.view.date

    @property
    def side(self) -> str:
        """red or blue."""
        return self.view.side

    @property
    def events(self) -> tuple[Event, ...]:
        return self.view.events

    @property
    def incidents(self) -> Mapping[str, float]:
        """Domain -> weight of the detected incidents this ally saw (its own weigh more)."""
        return self.view.incidents.get(self.actor, {})

    @property
    def may_name(self) -> bool:
        return bool(self.view.may_name[self.index]) if self.view.may_name else False

    @cached_property
    def responses(self) -> tuple[Response, ...]:
        """The responses open to this ally now."""
        return tuple(r for r in self.view.responses if r.actors is None or self.actor in r.actors)

    @cached_property
    def in_force(self) -> frozenset[str]:
        """Its policy responses whose settings are already in force."""
        return frozenset(r for r, done in self.view.in_force.items() if done[self.index])

    @cached_property
    def options(self) -> tuple[OrderOption, ...]:
        """Every legal order with its cost and chances, in the order a player is offered them."""
        if self.orders is not None and self.moves is not None:
            return tuple(opt for table in move_tables(self)
                         for opt in table.options(self.actor))
        chances = self.view.chances
        return tuple(response_option(self.actor, response, target, chances[response.id])
                     for response in self.responses for target in legal_targets(self, response))


def legal_targets(observation: Observation, response: Response) -> tuple[str, ...]:
    """Where the observing ally may aim a response open to it: naming or sanctioning an
    adversary needs the political capital and a completed investigation."""
    targets = observation.targets.get(response.id, ())
    if response.target != "adversary":
        return targets
    if not observation.may_name:
        return ()
    cases = observation.view.cases
    return tuple(t for t in targets if t in cases)


def move_tables(observation: Observation) -> list[MoveTable]:
    """An adversary's order table split by move, each with its targets' ids and chances."""
    table, arrays = observation.orders, observation.moves
    assert table is not None
    assert arrays is not None
    ids = observation.view.target_ids
    return table.by_move(arrays.moves,
                         lambda kind, indices: [ids[kind][i] for i in indices.tolist()])


class ForTheGame:
    """What observations need that is fixed for a game: the toolkits, and each ally's targets
    for each response (owners never change). The game keeps one (``observing``)."""

    def __init__(self, model: HybridThreatModel) -> None:
        self.moves = tuple(model.move_arrays.moves)
        self.responses = tuple(model.catalogue.responses.values())
        self.targets: dict[int, dict[str, tuple[str, ...]]] = {}

    def targets_of(self, model: HybridThreatModel, index: int) -> dict[str, tuple[str, ...]]:
        found = self.targets.get(index)
        if found is None:
            found = self.targets[index] = {
                r.id: tuple(t.id for t in model.response_targets(r, index))
                for r in self.responses}
        return found


def _view(model: HybridThreatModel, side: str) -> SideView:
    """The side's view, built once per turn (and again only if events were added since)."""
    key = (side, model.turn, len(model.events))
    memo = model.turn_cache.setdefault("observe", {})
    found = memo.get(key)
    if found is None:
        events = model.turn_events(model.turn - 1) + model.turn_events(model.turn)
        found = memo[key] = side_view(model, side, tuple(events))
    return found


def _adversary(model: HybridThreatModel, actor: Any, game: ForTheGame, params: ObservationParams,
               view: SideView) -> dict[str, Any]:
    """An adversary sees its legal orders with their chances, and the indicators of their
    targets that its moves weigh."""
    out = {"toolkit": game.moves, "moves": model.move_arrays, "indicators": {},
           "risk_appetite": float(model.world.risk_appetite[actor.index])}
    if params.legal_orders:
        table = model.order_table(actor.actor_id)
        moves = model.move_arrays.moves
        out["orders"] = table
        out["indicators"] = indicators_for(
            model, [(kind, name) for k, kind, _, _ in table.segments for name in moves[k].prefers])
    return out


def _ally(model: HybridThreatModel, actor: Any, game: ForTheGame, params: ObservationParams,
          view: SideView) -> dict[str, Any]:
    """An ally sees its targets for each response (which are open: in its side's view) and the
    allies' indicators its side's responses weigh."""
    return {"toolkit": game.responses, "targets": game.targets_of(model, actor.index),
            "indicators": view.indicators}


# What an actor sees of its own choices, by what it plays.
CHOICES: dict[type, Callable[..., dict[str, Any]]] = {
    Move: _adversary,
    Response: _ally,
}


def observe(model: HybridThreatModel, actor: str, submitted=(),
            params: ObservationParams | None = None) -> Observation:
    """What ``actor`` knows now, as a record a policy can choose from without the model.
    ``submitted``: the orders people gave for it this turn (a human-played actor); ``params``:
    what to include (by default what the actor's policy says it reads)."""
    agent = model.actors[actor]
    kind = ACTOR_TYPES[agent.actor_type]
    if params is None:
        params = getattr(agent.policy, "observes", FULL)
    view = _view(model, kind.side)
    return Observation(
        actor=actor,
        index=agent.index,
        budget=model.budget_of(actor),
        view=view,
        rng=model.rng,
        submitted=tuple(submitted),
        **CHOICES[kind.plays](model, agent, model.observing, params, view),
    )
