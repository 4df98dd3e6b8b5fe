"""What the rule functions of one turn share: the world they change, the turn's running tally
(``TurnState``) and the events they report (``Draft``, numbered by the game when recorded).

The rule modules (moves, responses, meetings, turn_end, ending, injects, world_turn) take a
``Play`` and return drafts of events; the game (model.py) records them in the order returned.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np

from .causes import CauseLedger
from .targets import Target, target_state
from .turn_rates import TurnRates, turn_rates

if TYPE_CHECKING:
    from ..scenario.schema import Scenario
    from .order_table import ChoiceMemo
    from .orders import Catalogue
    from .world import World


@dataclass(frozen=True, slots=True)
class Draft:
    """An event before the game numbers and dates it."""

    kind: str
    actor: str
    fields: dict[str, Any]


def draft(kind: str, actor: str, **fields: Any) -> Draft:
    return Draft(kind, actor, fields)


@dataclass
class TurnState:
    """What a turn accumulates while its orders are adjudicated; a new one opens each turn.

    ``budget`` is fixed when the turn opens (orders are given together); ``alarm`` is the
    strongest detected incident per ally (one news cycle a week); the response escalation is
    the turn's strongest signal, applied when the turn ends; ``signals`` are the (response,
    field) broadcasts already sent this week; ``cases_ready`` is read once per turn."""

    alarm: np.ndarray
    budget: dict[str, float] = field(default_factory=dict)
    spent: dict[str, float] = field(default_factory=dict)
    alarm_everywhere: float = 0.0
    signalling: set[int] = field(default_factory=set)  # allies whose responses escalated
    named: set[int] = field(default_factory=set)  # adversaries named or sanctioned
    response_escalation: float = 0.0
    response_escalation_by: str = ""
    signals: set[tuple[str, str]] = field(default_factory=set)
    cases_ready: frozenset[str] | None = None
    choosing: ChoiceMemo | None = None  # shared arrays while the players choose

    @classmethod
    def fresh(cls, states: int, budget: dict[str, float] | None = None) -> TurnState:
        return cls(alarm=np.zeros(states), budget=dict(budget or {}))


def watched(world: World) -> dict[str, float]:
    """The alliance-level indicators whose every change is explained."""
    return {"cohesion": float(world.cohesion), "escalation": float(world.escalation)}


def state_id(world: World, target: Target | None) -> str:
    """The id of the ally a target lies in ("" when none)."""
    if target is None:
        return ""
    st = target_state(world, target)
    return world.state_ids[st] if st is not None else ""


def positions(world: World) -> dict[str, float]:
    """Each government's position, keyed as the cause ledger keys it."""
    return {f"position:{sid}": float(v)
            for sid, v in zip(world.state_ids, world.position.tolist(), strict=True)}


@dataclass(frozen=True, kw_only=True)
class Play:
    """One turn's context for the rule functions (built when a turn opens)."""

    world: World
    scenario: Scenario
    catalogue: Catalogue
    rng: np.random.Generator
    ledger: CauseLedger
    now: TurnState
    turn: int
    date: dt.date
    investigation: int  # turns an investigation takes
    # The scenario's weekly rates for one turn (fixed for a game: the game passes its own).
    rates: TurnRates = None  # type: ignore[assignment]

    def __post_init__(self) -> None:
        if self.rates is None:
            object.__setattr__(self, "rates", turn_rates(self.scenario))

    def watch(self, label: str, blue_label: str | None = None) -> Any:
        """Enter whatever changes cohesion and escalation inside the block under ``label``."""
        world = self.world
        return self.ledger.watch(lambda: watched(world), label, blue_label)

    def level_now(self) -> int:
        """The escalation level now (it moves as orders are adjudicated)."""
        return min(int(self.world.escalation), len(self.scenario.escalation.ladder) - 1)
