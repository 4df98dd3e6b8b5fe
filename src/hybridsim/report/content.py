"""What the after-action report says, gathered from a game (nothing rendered yet).

The report is for the hot wash, so it shows the white cell's view: every event, every roll,
every override with its reason, and each decision the players took.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from .. import __version__
from ..model import Event, HybridThreatModel, TurnInput
from ..results import summary
from .wording import EU_DECISIONS


@dataclass(frozen=True)
class Decision:
    """An order a player (a human-played actor) gave in a turn."""

    turn: int
    actor: str
    action: str
    target: str


@dataclass(frozen=True)
class Override:
    """An outcome the facilitator forced, with the reason given."""

    turn: int
    event_id: str
    forced: dict[str, bool]
    reason: str
    event: str


@dataclass(frozen=True)
class TakenBack:
    """A turn the facilitator undid: what had been played, so the replay leaves a trace.

    The model forgets an undone turn (its record replays the game as it stands); the viewer
    keeps this note in the game file (``"undone"``) for the log and the report."""

    turn: int
    at: str
    phase: str
    orders: tuple[str, ...] = ()
    outcomes: tuple[str, ...] = ()
    overrides: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "turn": self.turn,
            "at": self.at,
            "phase": self.phase,
            "orders": list(self.orders),
            "outcomes": list(self.outcomes),
            "overrides": list(self.overrides),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> TakenBack:
        return cls(
            turn=int(data.get("turn", 0)),
            at=str(data.get("at", "")),
            phase=str(data.get("phase", "")),
            orders=tuple(str(x) for x in data.get("orders", ())),
            outcomes=tuple(str(x) for x in data.get("outcomes", ())),
            overrides=tuple(str(x) for x in data.get("overrides", ())),
        )

    @property
    def sentence(self) -> str:
        played = "adjudicated" if self.phase == "resolved" else "opened, not adjudicated"
        return f"Turn {self.turn} ({played}) was taken back by the facilitator and played again."


def taken_back(model: HybridThreatModel, at: str) -> TakenBack:
    """What the last turn was, just before an undo takes it back."""
    turn = model.turn
    names = _action_names(model)
    inp = model.inputs[-1] if model.inputs else None
    given = inp.orders if inp is not None and model.phase == "resolved" else model.pending_orders
    orders = tuple(
        f"{actor} {names.get(o.action, o.action)}" + (f" → {o.target}" if o.target else "")
        for actor, listed in given.items()
        for o in listed
    )
    outcomes = tuple(
        _describe(e, names)
        for e in model.turn_events(turn)
        if e.kind in ("move", "response", "vote") and e.outcome
    )
    overrides = tuple(f"{k}: {why}" for k, why in (inp.reasons.items() if inp else ()))
    return TakenBack(turn, at, model.phase, orders, outcomes, overrides)


@dataclass(frozen=True)
class TurnRecord:
    turn: int
    date: str
    humans: tuple[str, ...]
    events: tuple[Event, ...]
    indicators: dict[str, float]


@dataclass
class ReportContent:
    """Everything the report shows."""

    title: str
    scenario: str
    description: str
    seed: int
    turns_played: int
    max_turns: int
    end_reason: str
    generated: str
    summary: dict[str, Any]
    turns: list[TurnRecord]
    decisions: list[Decision]
    overrides: list[Override]
    actor_names: dict[str, str]
    action_names: dict[str, str]
    model: HybridThreatModel = field(repr=False)
    game_id: str = ""
    undone: tuple[TakenBack, ...] = ()
    hotwash: str = ""
    turn_notes: dict[int, str] = field(default_factory=dict)
    live: tuple[str, ...] = ()
    """Injects released and messages sent during play, in order, one line each."""


@dataclass(frozen=True)
class SecurityRow:
    """One state's EU N-1 indicator (%) over the game: at the start, lowest, at the end."""

    state: str
    start: float
    lowest: float
    end: float


def n_minus_1_rows(model: HybridThreatModel) -> list[SecurityRow]:
    """States whose N-1 (Reg. (EU) 2017/1938) was below 100% at some point, lowest first."""
    log = model.indicator_log
    if not log or "n_minus_1" not in log[0].state:
        return []
    series = np.array([rec.state["n_minus_1"] for rec in log])
    rows = [
        SecurityRow(sid, float(series[0, i]), float(series[:, i].min()), float(series[-1, i]))
        for i, sid in enumerate(model.world.state_ids)
        if series[:, i].min() < 100.0
    ]
    return sorted(rows, key=lambda r: r.lowest)


def _describe(event: Event | None, names: dict[str, str]) -> str:
    if event is None:
        return "(event no longer in the log)"
    what = names.get(event.action, event.action)
    text = f"{event.actor} {what}"
    if event.target:
        text += f" → {event.target}"
    return f"{text} ({event.outcome})" if event.outcome else text


def _action_names(model: HybridThreatModel) -> dict[str, str]:
    scenario = model.scenario
    action_names = {m.id: m.name for m in scenario.toolkit.moves}
    action_names |= {r.id: r.name for r in scenario.toolkit.responses}
    action_names |= {p.id: p.name for p in scenario.alliance.proposals}
    action_names |= {i.id: i.name for i in scenario.injects}
    return action_names | EU_DECISIONS


def build_report(
    model: HybridThreatModel,
    title: str = "",
    game_id: str = "",
    generated: str = "",
    undone: tuple[TakenBack, ...] = (),
    exercise: dict[str, Any] | None = None,
) -> ReportContent:
    """Gather the report's content from a game at any point (finished or not).

    ``exercise`` is the game file's "exercise" record (notes, hot wash, live injects,
    messages), as the viewer saves it."""
    scenario = model.scenario
    action_names = _action_names(model)
    decisions: list[Decision] = []
    overrides: list[Override] = []
    turns: list[TurnRecord] = []
    for k, inp in enumerate(model.inputs):
        turn = k + 1
        decisions += [
            Decision(turn, actor, order.action, order.target or "")
            for actor, orders in inp.orders.items()
            for order in orders
        ]
        overrides += _turn_overrides(model, turn, inp, action_names)
        turns.append(_turn_record(model, turn, inp))
    return ReportContent(
        title=title or scenario.title,
        scenario=scenario.name,
        description=scenario.description.strip(),
        seed=model.seed,
        turns_played=model.turn,
        max_turns=model.max_turns,
        end_reason=model.end_reason or "still running",
        generated=generated or dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat(),
        summary=summary(model),
        turns=turns,
        decisions=decisions,
        overrides=overrides,
        actor_names={a: agent.name for a, agent in model.actors.items()},
        action_names=action_names,
        model=model,
        game_id=game_id,
        undone=tuple(undone),
        **_exercise(exercise or {}),
    )


def _turn_overrides(
    model: HybridThreatModel, turn: int, inp: TurnInput, action_names: dict[str, str]
) -> list[Override]:
    # An override is recorded under the order's key in its turn ("o3", "vote:x"), which
    # stays put when the replay renumbers the turn's events.
    by_key = {e.key: e for e in model.turn_events(turn) if e.key}
    overrides = []
    for key, reason in inp.reasons.items():
        event = by_key.get(key)
        overrides.append(
            Override(
                turn,
                event.id if event is not None else key,
                dict(inp.forced.get(key, {})),
                reason,
                _describe(event, action_names),
            )
        )
    return overrides


def _turn_record(model: HybridThreatModel, turn: int, inp: TurnInput) -> TurnRecord:
    record = model.indicator_log[turn] if turn < len(model.indicator_log) else None
    return TurnRecord(
        turn=turn,
        date=record.date if record else "",
        humans=tuple(a for a, kind in inp.policies.items() if kind == "human"),
        events=tuple(model.turn_events(turn)),
        indicators=dict(record.alliance) if record else {},
    )


def _exercise(ex: dict[str, Any]) -> dict[str, Any]:
    live = [
        (i.get("at", ""), f"Turn {i.get('turn')}: inject '{i.get('title')}' — {i.get('text')}")
        for i in ex.get("injects") or ()
    ]
    live += [
        (m.get("at", ""), f"Turn {m.get('turn')}: message to {m.get('to')} — {m.get('text')}")
        for m in ex.get("messages") or ()
    ]
    return {
        "hotwash": str(ex.get("hotwash") or ""),
        "turn_notes": {int(k): str(v) for k, v in (ex.get("notes") or {}).items()},
        "live": tuple(text for _at, text in sorted(live, key=lambda x: x[0])),
    }


def roll_text(event: Event) -> list[str]:
    """Each roll as 'what: p=0.44, dice 0.79 -> no', the same words in HTML and Markdown."""
    return [
        f"{r.what}: p={r.probability:.2f}, dice {r.roll:.2f} → {'yes' if r.result else 'no'}"
        + (" (overridden)" if r.overridden else "")
        for r in event.rolls
    ]


def version_line() -> str:
    return f"hybridsim {__version__}"
