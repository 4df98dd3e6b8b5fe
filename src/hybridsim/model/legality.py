"""Whether one order may be played now, and why not: the adjudicator's check of every order.

People's and written plans' orders are always checked. An order a computer policy took from
its observation's legal orders was legal when it was chosen; it is not checked again while
everything its legality reads is as it was then (``ChosenOn``). Its budget and the politics
of naming are checked always: they change as the turn's orders are played.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

from ..scenario.schema import Move, Response
from . import politics
from .agents import ACTOR_TYPES
from .legal_moves import TARGET_CONDITIONS, legal_targets, move_reads, why_not
from .orders import Order, resolve_target, response_allowed
from .queries import budget_of, case_ready, response_target_entry, situation
from .targets import Target, target_ids

if TYPE_CHECKING:
    from .model import HybridThreatModel

BUDGET_SLACK = 1e-9  # float slack when comparing a cost with the points left


# What a response's legality reads that may change within a turn (its targets are fixed for
# a game: owners never change).
RESPONSE_READS: tuple[tuple[str, tuple[str, ...]], ...] = (("level", ()),)
# By target kind of a move, looked up once.
MOVE_READS = {kind: move_reads(kind) for kind in TARGET_CONDITIONS}
# Every world field the legality of a move may read.
WORLD_READS = tuple(dict.fromkeys(name for reads in MOVE_READS.values() for name, _ in reads
                                  if name != "level"))


@dataclass(frozen=True)
class ChosenOn:
    """What the legality of orders read when the turn's policies chose them (the world stands
    still while they choose): the escalation level and copies of the world's fields."""

    level: int
    fields: dict[str, Any]

    @classmethod
    def now(cls, game: HybridThreatModel) -> ChosenOn:
        world = game.world
        return cls(game.escalation_level,
                   {name: _copy(getattr(world, name)) for name in WORLD_READS})

    def still_holds(self, game: HybridThreatModel, order: Order,
                    action: Move | Response) -> bool:
        """Whether every cell this order's legality reads (its actor's, its move's, its
        target's) is as it was when it was chosen."""
        if game.escalation_level != self.level:  # read by every action's legality
            return False
        if not isinstance(action, Move):
            return True  # RESPONSE_READS: the level only
        world = game.world
        target = (resolve_target(world, game.scenario, order.target)
                  if order.target is not None else None)
        if target is None or target.kind != action.target:
            return False
        at = {"actor": game.actors[order.actor].index, "move": world.move_index[action.id],
              "target": target.index}
        fields = self.fields
        for name, axes in MOVE_READS[action.target]:
            if axes:
                cell = tuple([at[axis] for axis in axes])
                if _cell(getattr(world, name), cell) != _cell(fields[name], cell):
                    return False
        return True


def _copy(value: Any) -> Any:
    return value.copy() if isinstance(value, np.ndarray) else tuple(value)


def _cell(value: Any, cell: tuple[int, ...]) -> Any:
    return value[cell] if isinstance(value, np.ndarray) else value[cell[0]]


def refusal(game: HybridThreatModel, order: Order, action: Move | Response | None,
            chosen_on: ChosenOn | None = None) -> str:
    """Why an order cannot be played now ('' when it can). ``chosen_on``: given for an order
    a computer policy took from its legal orders, which is not checked again for legality
    while what it was chosen on still holds."""
    why = unplayable(game, order, action)
    if why:
        return why
    assert action is not None
    left = budget_of(game, order.actor)
    if action.cost > left + BUDGET_SLACK:
        return f"over budget: costs {action.cost}, {left:.3g} left"
    trusted = chosen_on is not None and chosen_on.still_holds(game, order, action)
    why = "" if trusted else illegal_now(game, order, action)
    if why or isinstance(action, Move) or action.target != "adversary":
        return why
    return naming_refusal(game, order, action)


def unplayable(game: HybridThreatModel, order: Order, action: Move | Response | None) -> str:
    """An unknown actor or action, or an action of the other side."""
    if order.actor not in game.actors:
        return f"unknown actor {order.actor}"
    if action is None:
        return f"unknown action {order.action}"
    agent = game.actors[order.actor]
    if not isinstance(action, ACTOR_TYPES[agent.actor_type].plays):
        return f"{order.actor} cannot use {order.action}"
    return ""


def illegal_now(game: HybridThreatModel, order: Order, action: Move | Response) -> str:
    """Whether the action and its target are open to the actor at this moment."""
    agent = game.actors[order.actor]
    level = game.escalation_level
    if isinstance(action, Move):
        return move_refusal(game, order, action, agent.index)
    if not response_allowed(action, order.actor, level, game.scenario.escalation.collective_level):
        return f"{action.id} is not available to {order.actor} now"
    _, legal_ids = response_target_entry(game, action, agent.index)
    if response_target_id(game, order, action) not in legal_ids:
        return f"'{order.target}' is not a legal target for {action.id}"
    return ""


def move_refusal(game: HybridThreatModel, order: Order, move: Move, actor: int) -> str:
    """The first declared condition (model/legal_moves.py) the order fails, as a refusal.
    Proficiency decides, whoever the move was written for: a move learnt from the other
    adversary past ``sharing.unlock_at`` is usable too. An order that names a target of the
    move's kind is checked once, move and target together."""
    s = situation(game, actor)
    k = game.world.move_index[move.id]
    wanted = (resolve_target(game.world, game.scenario, order.target)
              if order.target is not None else None)
    if wanted is not None and wanted.kind == move.target:
        failed = why_not(s, k, wanted.index)
    else:
        failed = why_not(s, k, None)
        if failed is None:
            if order.target is None and legal_targets(s, k).size == 1:
                return ""
            kind = f"a {wanted.kind}" if wanted else "unknown"
            return (f"'{order.target}' is not a legal target for {move.id}: it is {kind}, "
                    f"and {move.id} is played on a {move.target}")
    if failed is None:
        return ""
    stage, reason = failed
    if stage == "move":
        return f"{move.id} is not available to {order.actor} now: {reason}"
    return f"'{order.target}' is not a legal target for {move.id}: {reason}"


def response_target_id(game: HybridThreatModel, order: Order, action: Response) -> str | None:
    """The response's target: as given, or its only one."""
    targets, _ = response_target_entry(game, action, game.actors[order.actor].index)
    return order.target or (targets[0].id if len(targets) == 1 else None)


def naming_refusal(game: HybridThreatModel, order: Order, action: Response) -> str:
    """Naming or sanctioning needs a completed case and the political capital for it."""
    wanted_id = response_target_id(game, order, action)
    if not case_ready(game, wanted_id or ""):
        return f"no completed investigation attributes an incident to {wanted_id} yet"
    if not politics.can_afford_naming(game.world, game.actors[order.actor].index):
        return f"{order.actor} lacks the political capital to name or sanction anyone now"
    return ""


def target_for(game: HybridThreatModel, order: Order, action: Move | Response,
               index: int) -> Target:
    """The target of a legal order (its only one when none is named)."""
    if order.target:
        target = resolve_target(game.world, game.scenario, order.target)
        assert target is not None
        return target
    if isinstance(action, Move):
        first = int(legal_targets(situation(game, index), game.world.move_index[action.id])[0])
        return Target(action.target, first,
                      target_ids(game.world, game.scenario, action.target, [first])[0])
    return response_target_entry(game, action, index)[0][0]
