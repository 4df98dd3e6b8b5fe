"""When an adversary may play a move, and on which targets: one declared list of conditions,
each with the reason given when it fails.

The same conditions are evaluated over a whole toolkit at once (``usable_moves`` and
``target_mask``: the order table players are offered) and on one order (``why_not``: the
adjudicator's check), so the two cannot drift apart. A new condition is one entry here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from .targets import target_count

if TYPE_CHECKING:
    from ..scenario.schema import Scenario
    from .order_table import MoveArrays
    from .world import World


@dataclass(frozen=True, kw_only=True)
class Situation:
    """What a move's legality reads: the world, the toolkit's arrays, who acts, the escalation
    level, the season and the proficiency a move needs."""

    world: World
    scenario: Scenario
    arrays: MoveArrays
    actor: int
    level: int
    winter: bool
    unlock: float


# Moves (indices into the toolkit, or every move) -> a mask over them (a move condition) or
# over (moves, targets of the kind), broadcastable (a target condition); None: holds for all.
Moves = np.ndarray | slice
MoveTest = Callable[[Situation, Moves], np.ndarray | None]


@dataclass(frozen=True)
class Condition:
    """One legality condition: its name, the reason an order is refused when it fails and
    its test over many moves (and, for a target condition, every target of its kind)."""

    name: str
    refusal: str  # completes "<move> is not available to <actor> now: ..." or "...target...:"
    test: MoveTest
    # What the test reads that may change within a turn, as (the world's field, the axes of
    # the cell it reads for one order: "actor", "move", "target"); ("level", ()) for the
    # escalation level (the season and the unlock threshold hold for a turn).
    reads: tuple[tuple[str, tuple[str, ...]], ...] = ()


def _proficient(s: Situation, moves: Moves) -> np.ndarray:
    return s.world.proficiency[s.actor, moves] >= s.unlock


def _in_band(s: Situation, moves: Moves) -> np.ndarray:
    return (s.level >= s.arrays.min_escalation[moves]) & (s.level <= s.arrays.max_escalation[moves])


def _in_season(s: Situation, moves: Moves) -> np.ndarray | None:
    return None if s.winter else ~s.arrays.winter_only[moves]


def _in_campaign(s: Situation, moves: Moves) -> np.ndarray:
    return s.world.plays[s.actor, moves]


MOVE_CONDITIONS: tuple[Condition, ...] = (
    Condition("proficiency", "not proficient enough in it", _proficient,
              (("proficiency", ("actor", "move")),)),
    Condition("escalation band", "the escalation level is outside the move's band", _in_band,
              (("level", ()),)),
    Condition("season", "it is played in winter only", _in_season),
    Condition("campaign", "it is not part of the actor's campaign", _in_campaign,
              (("plays", ("actor", "move")),)),
)


def _soft_cyber(s: Situation, moves: Moves) -> np.ndarray:
    return s.world.cyber_posture[None, :] <= s.arrays.max_cyber_posture[moves, None]


def _exposed_to_actor(s: Situation, moves: Moves) -> np.ndarray | None:
    if not s.arrays.uses_exposure:  # no move asks for it: it holds everywhere
        return None
    return s.world.exposure_to(s.actor)[None, :] >= s.arrays.min_exposure[moves, None]


def _of_its_types(s: Situation, moves: Moves) -> np.ndarray:
    return s.arrays.asset_types[moves][:, s.world.asset_type]


def _up(s: Situation, moves: Moves) -> np.ndarray:
    return (s.world.health >= s.world.rules.consequences.down_below)[None, :]


def _controlled(s: Situation, moves: Moves) -> np.ndarray:
    me = s.world.adversary_ids[s.actor]
    mine = np.array([c == me for c in s.world.source_controller], dtype=bool)
    return ~s.arrays.requires_source_control[moves, None] | mine[None, :]


def _partner_in_game(s: Situation, moves: Moves) -> np.ndarray:
    return np.full((moves.shape[0], 1), s.scenario.partner is not None)


# By target kind: a move aimed at that kind may be played on a target where all hold.
TARGET_CONDITIONS: dict[str, tuple[Condition, ...]] = {
    "state": (
        Condition("cyber posture", "its cyber posture is above the move's maximum", _soft_cyber,
                  (("cyber_posture", ("target",)),)),
        Condition("exposure to the actor", "its trade exposure to the actor is below the "
                  "move's minimum", _exposed_to_actor,
                  # exposure_to reads china_trade_exposure for the adversary it stands for
                  (("exposure", ("target", "actor")), ("china_trade_exposure", ("target",)))),
    ),
    "asset": (
        Condition("asset type", "the move does not hit assets of its type", _of_its_types,
                  (("asset_type", ("target",)),)),
        Condition("working", "it is down", _up, (("health", ("target",)),)),
    ),
    "source": (
        Condition("source control", "the actor does not control it", _controlled,
                  (("source_controller", ("target",)),)),
    ),
    "partner": (Condition("partner", "there is no partner in this game", _partner_in_game),),
    "alliance": (),
}


def move_reads(kind: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """Everything the legality of a move aimed at this kind of target reads that may change
    within a turn (the conditions' ``reads``, in declaration order)."""
    conditions = (*MOVE_CONDITIONS, *TARGET_CONDITIONS.get(kind, ()))
    return tuple(dict.fromkeys(read for cond in conditions for read in cond.reads))


def usable_moves(s: Situation) -> np.ndarray:
    """Whether the actor can use each move of the toolkit now (before targets)."""
    ok = np.ones(len(s.arrays.moves), dtype=bool)
    for cond in MOVE_CONDITIONS:
        held = cond.test(s, slice(None))
        if held is not None:
            ok &= held
    return ok


def target_mask(s: Situation, kind: str, moves: Moves) -> np.ndarray:
    """(moves, targets of the kind): where each of these moves may be played now."""
    shape = (moves.shape[0], target_count(s.world, kind))
    mask: np.ndarray | None = None
    for cond in TARGET_CONDITIONS.get(kind, ()):
        held = cond.test(s, moves)
        if held is not None:
            mask = held if mask is None else mask & held
    if mask is None:
        return np.ones(shape, dtype=bool)
    return mask if mask.shape == shape else np.broadcast_to(mask, shape)


def legal_targets(s: Situation, move: int) -> np.ndarray:
    """The indices of every target one move may be played on now."""
    kind = s.arrays.moves[move].target
    if kind not in TARGET_CONDITIONS:
        return np.zeros(0, dtype=np.int64)
    return np.flatnonzero(target_mask(s, kind, np.array([move]))[0])


def why_not(s: Situation, move: int, target: int | None) -> tuple[str, str] | None:
    """Why the actor may not play this move (on this target index of the move's kind) now:
    ("move" or "target", the refusal of the first condition that fails); None when all
    hold."""
    one = np.array([move])
    for cond in MOVE_CONDITIONS:
        held = cond.test(s, one)
        if held is not None and not held[0]:
            return "move", cond.refusal
    if target is None:
        return None
    kind = s.arrays.moves[move].target
    shape = (1, target_count(s.world, kind))
    for cond in TARGET_CONDITIONS.get(kind, ()):
        held = cond.test(s, one)
        if held is not None and not np.broadcast_to(held, shape)[0, target]:
            return "target", cond.refusal
    return None
