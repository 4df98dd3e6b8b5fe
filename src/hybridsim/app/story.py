"""A turn's outcome as a story: a headline in words, the three events that mattered most and
why, what the people at the table did, and the computer's routine folded into a count.

By mid-game the outcome brief had been a wall (turn 15: about fifty cards, mostly computer
allies' routine "Harden networks → success"). Built from a side's own rows (``visible_rows``),
so the story never tells a side more than its log does. Where the model records why cohesion or
escalation changed (events of kind "change" with itemised causes), the headline names the
largest causes; without them it says only how much they moved.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from ..model import HybridThreatModel
from .views import EventRow, visible_rows

ROUTINE_KINDS = ("response",)
"""What the computer-played allies do every turn; folded into a count unless it is a highlight."""

SALIENCE: dict[str, Callable[[EventRow, bool], float]] = {
    "vote": lambda r, human: 6.0,
    "override": lambda r, human: 5.0,
    "cascade": lambda r, human: 4.0 + 0.2 * len(r.effects),
    "shortfall": lambda r, human: 4.0,
    "inject": lambda r, human: 3.0,
    "move": lambda r, human: (
        (3.0 if r.outcome == "success" else 1.0)
        + 0.3 * min(len(r.effects), 5)
        + (1.5 if human else 0.0)
        + (1.0 if r.detected else 0.0)
    ),
    "response": lambda r, human: (
        (1.5 if r.outcome == "success" else 0.5)
        + (2.0 if human else 0.0)
        + 0.2 * min(len(r.effects), 5)
    ),
    "contagion": lambda r, human: 2.0,
}
"""How much an event matters to the room, by kind (judgement: votes and the facilitator's own
overrides first, then what broke across borders, then what the people at the table did)."""


@dataclass(frozen=True)
class Highlight:
    row: EventRow
    why: str


@dataclass(frozen=True)
class TurnStory:
    """One turn's outcome brief, as one side knows it."""

    turn: int
    headline: str
    highlights: tuple[Highlight, ...]
    by_people: tuple[EventRow, ...]
    others: tuple[EventRow, ...]
    routine: tuple[EventRow, ...]
    changes: tuple[EventRow, ...]

    @property
    def routine_count(self) -> dict[str, int]:
        """ "Harden networks → success": 12 — the folded rows, counted by what they were."""
        return dict(Counter(f"{r.action_name} → {r.outcome}" for r in self.routine))


def why(row: EventRow) -> str:
    """Why an event matters, in a line: its first consequence, or how it came out."""
    if row.kind == "vote":
        return row.note
    if row.kind == "override":
        return "the facilitator forced this result: " + row.note
    if row.effects:
        return row.effects[0] + (
            f" (and {len(row.effects) - 1} more)" if len(row.effects) > 1 else ""
        )
    if row.kind in ("move", "response") and row.rolls:
        roll = row.rolls[0]
        return f"{row.outcome}: {roll.probability:.0%} chance, the die showed {roll.roll:.2f}"
    return row.note or row.outcome


def _level_words(model: HybridThreatModel, level: int) -> str:
    ladder = model.scenario.escalation.ladder
    return f"{level} ('{ladder[min(level, len(ladder) - 1)]}')"


def _causes_text(changes: tuple[EventRow, ...], indicator: str) -> str:
    """The two largest causes the model recorded for an indicator's change, if it did."""
    for row in changes:
        if indicator in row.action and row.causes:
            top = sorted(row.causes, key=lambda c: -abs(c[1]))[:2]
            return " — mostly " + "; ".join(f"{label} ({delta * 100:+.0f})" for label, delta in top)
    return ""


def headline(model: HybridThreatModel, turn: int, changes: tuple[EventRow, ...]) -> str:
    """Cohesion and escalation over the turn, in words, with their main causes if recorded."""
    log = model.indicator_log
    if turn >= len(log):
        return f"Turn {turn} has not been adjudicated yet."
    now, before = log[turn].alliance, log[turn - 1].alliance
    diff = (now["cohesion"] - before["cohesion"]) * 100
    if abs(diff) < 0.5:
        cohesion = f"Alliance cohesion held at {now['cohesion']:.0%}"
    else:
        verb = "rose" if diff > 0 else "fell"
        cohesion = f"Alliance cohesion {verb} {abs(diff):.0f} points to {now['cohesion']:.0%}"
    cohesion += _causes_text(changes, "cohesion")
    level, was = int(now["escalation_level"]), int(before["escalation_level"])
    if level == was:
        escalation = f"escalation stayed at {_level_words(model, level)}"
    else:
        escalation = (
            f"escalation {'rose' if level > was else 'fell'} to {_level_words(model, level)}"
        )
    escalation += _causes_text(changes, "escalation")
    storage = now.get("storage_fill")
    gas = f"; gas storage {storage:.0%}" if storage is not None and not np.isnan(storage) else ""
    return f"{cohesion}; {escalation}{gas}."


def turn_story(
    model: HybridThreatModel,
    side: str,
    turn: int,
    humans: frozenset[str] | tuple[str, ...],
    rows: tuple[EventRow, ...] | None = None,
) -> TurnStory:
    """The story of one adjudicated turn from one side's viewpoint (``rows``: that turn's rows
    as the side sees them, when the caller has them already)."""
    if rows is None:
        rows = tuple(visible_rows(model, side, turn))
    rows = [r for r in rows if r.kind not in ("inject", "expiry")]
    changes = tuple(r for r in rows if r.kind == "change")
    rows = [r for r in rows if r.kind != "change"]  # they are the headline's
    scored = sorted(
        (
            (-SALIENCE.get(r.kind, lambda _r, _h: 0.5)(r, r.actor in humans), k, r)
            for k, r in enumerate(rows)
        ),
        key=lambda item: (item[0], item[1]),
    )
    top = [r for _score, _k, r in scored[:3]]
    chosen = {r.id for r in top}
    by_people = tuple(r for r in rows if r.actor in humans and r.id not in chosen)
    rest = [r for r in rows if r.actor not in humans and r.id not in chosen]
    routine = tuple(r for r in rest if r.kind in ROUTINE_KINDS)
    others = tuple(r for r in rest if r.kind not in ROUTINE_KINDS)
    return TurnStory(
        turn=turn,
        headline=headline(model, turn, changes),
        highlights=tuple(Highlight(r, why(r)) for r in top),
        by_people=by_people,
        others=others,
        routine=routine,
        changes=changes,
    )
