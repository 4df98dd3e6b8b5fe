"""What one side knows: the single fog-of-war rule, and each actor's observation built on it.

As in OpenSpiel's per-player observations, a policy (computer or human) chooses its orders from
an ``Observation`` alone: a frozen record of what its side may know this turn, with no way back
to the model. ``seen_by`` is the one rule for what a side sees of an event; the observations
and the viewer's per-side views both go through it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any

import numpy as np

from ..scenario.schema import Action, Move, Response
from . import politics
from .adjudication import response_chances
from .effects import state_values
from .events import Event
from .order_table import MoveArrays, OrderTable
from .orders import MoveTable, Order, OrderOption, response_allowed, response_option
from .targets import TARGET_KINDS

if TYPE_CHECKING:
    from .model import HybridThreatModel

WHITE = ("white", "facilitator")  # the control cell: sees everything
SAME_SETTING = 1e-9  # a field within this of a policy's setting already has it (rounding)


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
        masked = Event(**event.__dict__)
        masked.causes = list(event.blue_causes)
        masked.blue_causes = None
        return masked
    if event.kind != "move":
        return event
    if not event.detected:
        return None
    if event.attributed:
        return event
    masked = Event(**event.__dict__)
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
class ResponseChoice:
    """One response an ally may play now, with its legal targets and the chances it faces."""

    index: int  # its place in the toolkit's responses (the order options are offered in)
    response: Response
    targets: tuple[str, ...]
    chances: Mapping[str, float]


@dataclass(frozen=True)
class Observation:
    """What one actor knows when it chooses its orders for a turn.

    ``events`` are last turn's and this turn's events as the actor's side sees them;
    ``incidents`` and ``attributed`` are read from them. ``indicators`` are indicator arrays
    over every target of a kind (by (kind, name)), for the names the actor's toolkit weighs.
    ``rng`` is the game's generator, so that a policy's draws follow the root seed.
    """

    turn: int
    date: str
    actor: str
    index: int  # the actor's row in its kind's arrays
    side: str  # red or blue
    budget: float
    toolkit: tuple[Action, ...]
    events: tuple[Event, ...]
    indicators: Mapping[tuple[str, str], np.ndarray]
    rng: np.random.Generator = field(repr=False)
    submitted: tuple[Order, ...] = ()  # orders people gave for this actor (human play)
    # An adversary: its legal orders as arrays, the ids of their targets and its moves.
    orders: OrderTable | None = None
    target_ids: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    moves: MoveArrays | None = None
    risk_appetite: float = 0.0
    held: tuple[tuple[int, str, int], ...] = ()  # (move index, kind, target) whose effects run
    # An ally: the responses open to it, what it saw, and its policies already in force.
    responses: tuple[ResponseChoice, ...] = ()
    incidents: Mapping[str, float] = field(default_factory=dict)  # domain -> weight
    attributed: Mapping[str, float] = field(default_factory=dict)  # adversary -> share
    in_force: frozenset[str] = frozenset()

    @cached_property
    def options(self) -> tuple[OrderOption, ...]:
        """Every legal order with its cost and chances, in the order a player is offered them."""
        if self.orders is not None and self.moves is not None:
            return tuple(opt for table in move_tables(self.orders, self.moves, self.target_ids)
                         for opt in table.options(self.actor))
        return tuple(response_option(self.actor, choice.response, target, choice.chances)
                     for choice in self.responses for target in choice.targets)


def move_tables(table: OrderTable, arrays: MoveArrays,
                target_ids: Mapping[str, tuple[str, ...]]) -> list[MoveTable]:
    """An order table split by move, each with its targets' ids and chances."""
    out = []
    for k, kind, start, stop in table.segments:
        indices = table.target[start:stop]
        ids = target_ids[kind]
        out.append(MoveTable(
            arrays.moves[k], kind, indices, [ids[i] for i in indices.tolist()],
            {"success": table.success[start:stop], "detection": table.detection[start:stop],
             "attribution": table.attribution[start:stop]},
        ))
    return out


class _SideMemo:
    """What every actor of a side shares in one turn, computed once while the world stands
    still (players choose on one unchanged world)."""

    def __init__(self, model: HybridThreatModel, side: str) -> None:
        self.events = tuple(visible_events(
            model.turn_events(model.turn - 1) + model.turn_events(model.turn), side))
        self.chances: dict[str, dict[str, float]] = {}
        self._incidents: dict[str, dict[str, float]] | None = None
        self._attributed: dict[str, float] | None = None
        self._in_force: dict[str, np.ndarray] | None = None

    def incidents(self, model: HybridThreatModel) -> dict[str, dict[str, float]]:
        """Per ally, the domains of detected incidents: one's own weigh more than an ally's."""
        if self._incidents is None:
            seen = [e for e in self.events if e.kind == "move" and e.detected]
            attention = model.world.rules.attention
            own, ally = attention.own_incident, attention.ally_incident
            self._incidents = {}
            for sid in model.world.state_ids:
                out: dict[str, float] = {}
                for e in seen:
                    weight = own if e.target_state == sid else ally
                    out[e.domain] = out.get(e.domain, 0.0) + weight
                self._incidents[sid] = out
        return self._incidents

    def attributed(self) -> dict[str, float]:
        """Each adversary's share of the attributed incidents seen."""
        if self._attributed is None:
            recent = [e.actor for e in self.events if e.kind == "move" and e.attributed]
            self._attributed = {a: recent.count(a) / len(recent) for a in set(recent)}
        return self._attributed

    def in_force(self, model: HybridThreatModel) -> dict[str, np.ndarray]:
        """Per policy response (one that sets an ally's own fields), the allies whose
        settings already equal it, so that adopting it again would change nothing."""
        if self._in_force is None:
            self._in_force = {}
            for response in model.catalogue.responses.values():
                sets = [e for e in response.effects if e.set is not None and e.on == "target"]
                if not sets or response.target not in ("self", "state"):
                    continue
                done = np.ones(len(model.world.state_ids), dtype=bool)
                for effect in sets:
                    now = state_values(model.world, effect.field)
                    done &= np.abs(now - effect.set) < SAME_SETTING
                self._in_force[response.id] = done
        return self._in_force


def _side_memo(model: HybridThreatModel, side: str) -> _SideMemo:
    key = (side, model.turn, len(model.events))
    memo = model.turn_cache.setdefault("observe", {})
    found = memo.get(key)
    if found is None:
        found = memo[key] = _SideMemo(model, side)
    return found


def _indicators(model: HybridThreatModel, pairs) -> dict[tuple[str, str], np.ndarray]:
    return {pair: model.indicator_over(*pair) for pair in dict.fromkeys(pairs)}


def _adversary(model: HybridThreatModel, actor: Any, memo: _SideMemo) -> dict[str, Any]:
    """An adversary sees its legal orders with their chances, the indicators its moves weigh
    and which targets its side's moves still hold."""
    world, arrays = model.world, model.move_arrays
    table = model.order_table(actor.actor_id)
    kinds = dict.fromkeys(kind for _, kind, _, _ in table.segments)
    pairs = [(kind, name) for k, kind, _, _ in table.segments for name in arrays.moves[k].prefers]
    return {
        "toolkit": tuple(arrays.moves),
        "orders": table,
        "moves": arrays,
        "target_ids": {kind: tuple(TARGET_KINDS[kind].ids(world, model.scenario))
                       for kind in kinds},
        "indicators": _indicators(model, pairs),
        "risk_appetite": float(world.risk_appetite[actor.index]),
        "held": tuple((world.move_index.get(e.source, -1), e.kind, e.index)
                      for e in world.temporary),
    }


def _ally(model: HybridThreatModel, actor: Any, memo: _SideMemo) -> dict[str, Any]:
    """An ally sees the responses open to it (legal targets, chances), the incidents and
    attributions its side knows of, the allies' indicators and its own policies in force."""
    world, index, me = model.world, actor.index, actor.actor_id
    level = model.escalation_level
    collective = model.scenario.escalation.collective_level
    may_name = politics.can_afford_naming(world, index)
    choices = []
    pairs = []
    for r_index, response in enumerate(model.catalogue.responses.values()):
        if not response_allowed(response, me, level, collective):
            continue
        pairs += [("state", name) for name in response.prefers]
        naming = response.target == "adversary"
        if naming and not may_name:
            continue
        targets = tuple(t.id for t in model.response_targets(response, index)
                        if not naming or model.case_ready(t.id))
        chances = memo.chances.get(response.id)
        if chances is None:
            chances = memo.chances[response.id] = response_chances(world, response, None)
        choices.append(ResponseChoice(r_index, response, targets, chances))
    return {
        "toolkit": tuple(model.catalogue.responses.values()),
        "responses": tuple(choices),
        "indicators": _indicators(model, pairs),
        "incidents": memo.incidents(model).get(me, {}),
        "attributed": memo.attributed(),
        "in_force": frozenset(r for r, done in memo.in_force(model).items() if done[index]),
    }


# What an actor sees of its choices, by what it plays.
CHOICES: dict[type, Callable[[HybridThreatModel, Any, _SideMemo], dict[str, Any]]] = {
    Move: _adversary,
    Response: _ally,
}


def observe(model: HybridThreatModel, actor: str, submitted=()) -> Observation:
    """What ``actor`` knows now, as a record a policy can choose from without the model.
    ``submitted``: the orders people gave for it this turn (a human-played actor)."""
    from .agents import ACTOR_TYPES

    agent = model.actors[actor]
    kind = ACTOR_TYPES[agent.actor_type]
    memo = _side_memo(model, kind.side)
    return Observation(
        turn=model.turn,
        date=model.date.isoformat(),
        actor=actor,
        index=agent.index,
        side=kind.side,
        budget=model.budget_of(actor),
        events=memo.events,
        rng=model.rng,
        submitted=tuple(submitted),
        **CHOICES[kind.plays](model, agent, memo),
    )
