"""What a page shows, computed from a game for one viewpoint (white, blue or red).

Pages only lay out these plain values, so what each side may see is decided (and tested) here,
in one place, without a browser. A view is built once per game version and side and shared by
every page showing it (see ``GameSession.cached_view``).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from ..geo import ISO_NUMERIC, place
from ..model import Event, HybridThreatModel
from ..model.observation import seen_by
from ..model.world import ASSET_TYPES
from ..report.wording import wording
from ..rules import Consequences
from .session import GameSession, actor_side

if TYPE_CHECKING:
    from .story import TurnStory

VIEWPOINTS = ("white", "blue", "red")
VIEWPOINT_LABEL = {
    "white": "Facilitator (white cell)",
    "blue": "Blue (allies)",
    "red": "Red (adversaries)",
}

# Indicators on the state dashboard, in the order a briefing reads them: label, higher is better.
DASHBOARD = (
    ("energy_supply", "Energy supplied", True),
    ("storage_fill", "Gas storage", True),
    ("public_trust", "Public trust", True),
    ("polarisation", "Polarisation", False),
    ("cyber_posture", "Cyber posture", True),
    ("ukraine_support", "Support for Ukraine", True),
    ("infrastructure", "Infrastructure working", True),
)
CHART_INDICATORS = {
    "public_trust": "Public trust",
    "polarisation": "Polarisation",
    "storage_fill": "Gas storage fill",
    "ukraine_support": "Support for Ukraine",
    "cyber_posture": "Cyber posture",
    "threat_perception": "Threat perception",
    "infrastructure": "Infrastructure working",
    "shortfall": "Gas shortfall (share of demand)",
    "alignment": "Alignment with the alliance line",
}
HEADLINES = (
    ("cohesion", "Alliance cohesion", True),
    ("escalation_level", "Escalation level", False),
    ("storage_fill", "Gas storage (alliance)", True),
    ("trust_mean", "Public trust (mean)", True),
    ("polarisation_mean", "Polarisation (mean)", False),
    ("partner_availability", "Ukraine power available", True),
)
STATUS_ORDER = ("working", "degraded", "down")


@dataclass(frozen=True)
class RollRow:
    what: str
    probability: float
    roll: float
    result: bool
    overridden: bool


@dataclass(frozen=True)
class EventRow:
    """One event as a side sees it, ready to print."""

    id: str
    turn: int
    kind: str
    actor: str
    action: str
    action_name: str
    domain: str
    target: str
    target_state: str
    outcome: str
    detected: bool | None
    attributed: bool | None
    rolls: tuple[RollRow, ...]
    effects: tuple[str, ...]
    note: str
    overridable: bool = False
    ref: str = ""
    """The id shown to people: stable when an override replays the turn (see ``stable_refs``)."""
    actor_name: str = ""
    target_name: str = ""
    causes: tuple[tuple[str, float], ...] = ()
    """For a "change" event: what moved the indicator, itemised (label, delta)."""

    @property
    def headline(self) -> str:
        """A sentence for briefs: who did what to whom, and how it went, with names."""
        actor = self.actor_name or self.actor
        if self.kind == "inject":
            return self.note or self.action
        if self.kind in ("cascade", "shortfall", "contagion", "expiry", "end", "undo", "message"):
            return self.note
        if self.kind == "learning":
            return f"{actor} learnt '{self.action_name}' ({self.note})"
        if self.kind == "override":
            return f"Override of event {self.action_name}: {self.note}"
        if self.kind == "vote":
            return f"Vote on {self.action_name}: {self.outcome} — {self.note}"
        if self.kind == "change":
            total = sum(delta for _label, delta in self.causes)
            return f"{self.action.replace('_', ' ').capitalize()} {total * 100:+.1f} points"
        text = f"{actor}: {self.action_name}"
        if self.target:
            text += f" → {self.target_name or self.target}"
        if self.outcome:
            text += f" — {self.outcome}"
        return text


@dataclass(frozen=True)
class Headline:
    key: str
    label: str
    value: float
    delta: float | None
    higher_is_better: bool
    text: str


@dataclass(frozen=True)
class OptionRow:
    """A legal order as offered to a player: what, on whom, cost and chances."""

    key: str
    actor: str
    action: str
    name: str
    domain: str
    target: str
    cost: float
    success: float | None
    detection: float | None
    attribution: float | None

    @property
    def label(self) -> str:
        chances = f"success {self.success:.0%}" if self.success is not None else ""
        if self.detection is not None:
            chances += f", detection {self.detection:.0%}"
        return f"{self.name} → {self.target} (cost {self.cost:g}; {chances})"


@dataclass(frozen=True)
class ActorOrders:
    """A human-played actor's order sheet for the open turn."""

    actor: str
    name: str
    side: str
    budget: float
    options: tuple[OptionRow, ...]
    pending: tuple[OptionRow, ...]

    @property
    def spent(self) -> float:
        return float(sum(o.cost for o in self.pending))


@dataclass(eq=False)
class GameView:
    """Everything one page shows of a game at one moment, from one viewpoint.

    The brief, outcome and headline numbers are computed at once; the heavier parts (the whole
    log, the network, the indicator history, the toolkit) only when a tab shows them, so a turn
    on the Turn tab re-renders fast. Compared by identity: one object per game version and side.
    """

    side: str
    game_id: str
    title: str
    scenario_name: str
    seed: int
    turn: int
    max_turns: int
    phase: str
    date: str
    running: bool
    end_reason: str
    escalation_name: str
    humans: tuple[str, ...]
    actor_names: dict[str, str]
    actor_sides: dict[str, str]
    headlines: tuple[Headline, ...]
    brief: tuple[EventRow, ...]
    changes: tuple[str, ...]
    outcome: tuple[EventRow, ...]
    orders: tuple[ActorOrders, ...]
    submitted: dict[str, int]
    dashboard: pd.DataFrame
    alliance: dict[str, Any]
    session: GameSession = field(repr=False)

    @property
    def can_see_toolkit(self) -> bool:
        return self.side in ("white", "red")

    @functools.cached_property
    def log(self) -> tuple[EventRow, ...]:
        with self.session.lock:
            rows = [
                *undo_rows(self.session, self.side),
                *exercise_rows(self.session, self.side),
                *visible_rows(self.session.model, self.side),
            ]
        return tuple(sorted(rows, key=lambda r: r.turn))  # stable: an undo opens its turn

    @functools.cached_property
    def story(self) -> TurnStory:
        """The last adjudicated turn as a story (the outcome brief), from the rows built."""
        return self.story_of(self.turn, self.outcome)

    def story_of(self, turn: int, rows: tuple[EventRow, ...] | None = None) -> TurnStory:
        from .story import turn_story  # the story reads rows built here

        with self.session.lock:
            return turn_story(self.session.model, self.side, turn, self.session.humans, rows)

    @property
    def overrides(self) -> tuple[EventRow, ...]:
        return tuple(r for r in self.log if r.kind == "override")

    @functools.cached_property
    def _network(self) -> tuple[pd.DataFrame, pd.DataFrame]:
        with self.session.lock:
            return network(self.session.model)

    @functools.cached_property
    def gas_flows(self) -> tuple[tuple[str, float], ...]:
        with self.session.lock:
            return gas_flows(self.session.model)

    @property
    def nodes(self) -> pd.DataFrame:
        return self._network[0]

    @property
    def edges(self) -> pd.DataFrame:
        return self._network[1]

    @functools.cached_property
    def indicators(self) -> pd.DataFrame:
        with self.session.lock:
            return indicator_history(self.session.model)

    @functools.cached_property
    def alliance_history(self) -> pd.DataFrame:
        with self.session.lock:
            return alliance_history(self.session.model)

    @functools.cached_property
    def _toolkit(self) -> tuple[pd.DataFrame, tuple[EventRow, ...]]:
        if not self.can_see_toolkit:
            return pd.DataFrame(), ()
        with self.session.lock:
            return toolkit(self.session)

    @property
    def toolkit(self) -> pd.DataFrame:
        return self._toolkit[0]

    @property
    def lessons(self) -> tuple[EventRow, ...]:
        return self._toolkit[1]


# ------------------------------------------------------------------ what a side may see
SILENCED = re.compile(r"^(?P<state>[^:]+): (?P<count>\d+) spreaders of '(?P<move>[^']+)' silenced$")
"""A counter-narrative response's effect line, which names the campaign it reached."""


def known_campaigns(model: HybridThreatModel) -> dict[str, tuple[int, str]]:
    """The adversary campaigns blue has found, with the turn it first found each and what it
    may call it: the move's name if attributed, else a generic phrase. A campaign never
    detected is absent: blue does not know it exists."""
    known: dict[str, tuple[int, str]] = {}
    for event in model.events:
        if event.kind != "move" or not event.detected:
            continue
        action = model.catalogue.action(event.action)
        name = f"'{action.name if action is not None else event.action}'"
        turn, label = known.get(event.action, (event.turn, "a detected narrative"))
        known[event.action] = (turn, name if event.attributed else label)
    return known


def blue_effects(event: Event, known: dict[str, tuple[int, str]]) -> list[str]:
    """Effect lines as blue knows them: a counter-narrative that silenced spreaders of a
    campaign blue had not detected by that turn would reveal it, so that line is left out."""
    out = []
    for line in event.effects:
        match = SILENCED.match(line)
        if match is None:
            out.append(line)
            continue
        turn, label = known.get(match["move"], (event.turn + 1, ""))
        if turn <= event.turn:
            out.append(f"{match['state']}: {match['count']} spreaders of {label} silenced")
    return out


def _row(
    model: HybridThreatModel,
    event: Event,
    overridable: bool = False,
    white: bool = True,
    known: dict[str, tuple[int, str]] | None = None,
    refs: dict[str, str] | None = None,
) -> EventRow:
    action = model.catalogue.action(event.action) if event.action else None
    name = action.name if action is not None else event.action
    if event.kind == "vote":
        name = next(
            (p.name for p in model.scenario.alliance.proposals if p.id == event.action),
            wording(model.scenario).action(event.action),  # the EU's decisions
        )
    if event.kind == "inject":
        name = next((i.name for i in model.scenario.injects if i.id == event.action), name)
    if event.action == "incident":
        name = "unattributed incident"
    words = wording(model.scenario)
    effects = event.effects if known is None else blue_effects(event, known)
    note = event.note
    if event.kind == "learning":  # the teacher is in the note, not a target
        note = f"learnt from {words.name(event.target)}'s success"
    if event.kind == "vote":
        note = vote_sentence(event, words.name)
    if event.kind == "override":  # it names the event it forced by the model's id
        name = (refs or {}).get(event.action, event.action)
    return EventRow(
        id=event.id,
        ref=(refs or {}).get(event.id, event.id),
        turn=event.turn,
        kind=event.kind,
        actor=event.actor,
        actor_name=words.name(event.actor) if event.actor != "unknown" else "unknown",
        action=event.action,
        action_name=name,
        domain=event.domain,
        target="" if event.kind == "learning" else event.target,
        target_name="" if event.kind == "learning" else words.name(event.target),
        target_state=event.target_state,
        outcome=event.outcome,
        detected=event.detected,
        attributed=event.attributed,
        rolls=tuple(  # an override is the white cell's: players see only the result
            RollRow(
                r.what, float(r.probability), float(r.roll), bool(r.result), white and r.overridden
            )
            for r in event.rolls
        ),
        effects=words.lines(effects),
        note=note,
        overridable=overridable,
        causes=tuple(_cause(c) for c in getattr(event, "causes", None) or ()),
    )


def _cause(cause: Any) -> tuple[str, float]:
    """A recorded cause, as the model holds it (label, delta) or as a game file has it."""
    if isinstance(cause, dict):
        return str(cause.get("cause", "")), float(cause.get("delta", 0.0))
    return str(cause.label), float(cause.delta)


def visible_rows(model: HybridThreatModel, side: str, turn: int | None = None) -> list[EventRow]:
    """The log (or one turn of it) as a side sees it."""
    events = model.events if turn is None else model.turn_events(turn)
    last_resolved = model.turn if model.phase == "resolved" else -1
    known = known_campaigns(model) if side == "blue" else None
    refs = stable_refs(events)
    rows = []
    for event in events:
        seen = seen_by(event, side)
        if seen is None:
            continue
        overridable = (
            side == "white"
            and event.turn == last_resolved
            and (bool(event.rolls) or event.kind == "vote")
        )
        rows.append(_row(model, seen, overridable, side == "white", known, refs))
    return rows


# The model's vote note: "0.94 in favour, threshold 1.00 (30/32); against: HU, SK".
VOTE_COUNT = re.compile(
    r"threshold (?P<needed>[\d.]+) \((?P<yes>\d+)/(?P<n>\d+)\)(?:; against: (?P<against>[^;]+))?"
)


def vote_sentence(event: Event, name: Callable[[str], str]) -> str:
    """ "31 of 32 allies in favour (97%; 80% needed); against: Hungary" — the share in favour
    against the threshold, which is what decided the vote (there is no die)."""
    match = VOTE_COUNT.search(event.note)
    if match is None:
        return event.note
    yes, n = int(match["yes"]), int(match["n"])
    needed = float(match["needed"])
    share = f"{yes / n:.0%}" if n else "–"
    text = f"{yes} of {n} allies in favour ({share}; {needed:.0%} needed)"
    if match["against"]:
        text += "; against: " + ", ".join(name(x.strip()) for x in match["against"].split(","))
    return text


def stable_refs(events: list[Event]) -> dict[str, str]:
    """Ids that an override does not renumber: "3-o2" for the turn's second order, "3-vote-x"
    for a vote, "3-cascade-2" for the turn's second cascade. The model's own ids count every
    event of the turn, so a forced result that adds or removes one shifts all that follow."""
    refs: dict[str, str] = {}
    counts: dict[tuple[int, str], int] = {}
    for event in events:
        if event.key:
            refs[event.id] = f"{event.turn}-{event.key.replace(':', '-')}"
            continue
        n = counts[(event.turn, event.kind)] = counts.get((event.turn, event.kind), 0) + 1
        refs[event.id] = f"{event.turn}-{event.kind}-{n}"
    return refs


def undo_rows(session: GameSession, side: str) -> list[EventRow]:
    """The turns the facilitator took back, as log rows. Every side learns that a turn was
    played again; only the white cell sees what the taken-back turn had held."""
    rows = []
    for k, undone in enumerate(session.undone, start=1):
        shown = (*undone.orders, *undone.outcomes, *undone.overrides) if side == "white" else ()
        rows.append(
            _plain_row(f"undo-{k}", undone.turn, "undo", "Turn taken back", undone.sentence,
                       effects=tuple(shown), outcome="taken back")
        )  # fmt: skip
    return rows


def _plain_row(
    ref: str,
    turn: int,
    kind: str,
    name: str,
    note: str,
    effects: tuple[str, ...] = (),
    outcome: str = "",
) -> EventRow:
    """A log row for something the facilitator did around the game (no dice, no target)."""
    return EventRow(
        id=ref, turn=turn, kind=kind, actor="white", action=kind, action_name=name, domain="",
        target="", target_state="", outcome=outcome, detected=None, attributed=None, rolls=(),
        effects=effects, note=note, ref=ref, actor_name="Facilitator",
    )  # fmt: skip


def exercise_rows(session: GameSession, side: str) -> list[EventRow]:
    """Live injects (to everyone) and the facilitator's messages (to their side) as log rows."""
    ex = session.exercise
    rows = [
        _plain_row(f"live-{k}", i.turn, "inject", i.title, f"{i.title}: {i.text}".rstrip(": "))
        for k, i in enumerate(ex.injects, start=1)
    ]
    rows += [
        _plain_row(f"msg-{k}", m.turn, "message", f"to {m.to}", f"Message to {m.to}: {m.text}")
        for k, m in enumerate(ex.messages, start=1)
        if side == "white" or m.to in (side, "everyone")
    ]
    return rows


# ------------------------------------------------------------------ headline numbers
def _headline_values(model: HybridThreatModel, index: int) -> dict[str, float]:
    rec = model.indicator_log[index]
    return {
        "cohesion": rec.alliance["cohesion"],
        "escalation_level": rec.alliance["escalation_level"],
        "storage_fill": rec.alliance["storage_fill"],
        "trust_mean": float(np.mean(rec.state["public_trust"])),
        "polarisation_mean": float(np.mean(rec.state["polarisation"])),
        "partner_availability": rec.partner.get("availability", float("nan")),
    }


def headlines(model: HybridThreatModel) -> tuple[Headline, ...]:
    """Alliance-wide numbers with their change over the last turn."""
    now = _headline_values(model, -1)
    before = _headline_values(model, -2) if len(model.indicator_log) > 1 else None
    ladder = model.scenario.escalation.ladder
    out = []
    for key, label, better in HEADLINES:
        value = now[key]
        if np.isnan(value):
            continue
        delta = None if before is None else value - before[key]
        if key == "escalation_level":
            text = f"{int(value)} — {ladder[min(int(value), len(ladder) - 1)]}"
        else:
            text = f"{value:.0%}"
        out.append(Headline(key, label, float(value), delta, better, text))
    return tuple(out)


def what_changed(model: HybridThreatModel) -> tuple[str, ...]:
    """Notable changes over the last turn, in words: the situation update's 'since last time'."""
    if len(model.indicator_log) < 2:
        return ()
    now, before = model.indicator_log[-1], model.indicator_log[-2]
    names = {s.id: s.name for s in model.scenario.states}
    lines: list[str] = []
    labels = {k: label for k, label, _ in DASHBOARD}
    labels["threat_perception"] = "Threat perception"
    for key, label in labels.items():
        if key not in now.state:
            continue
        diff = np.asarray(now.state[key]) - np.asarray(before.state[key])
        for i in np.flatnonzero(np.abs(diff) >= 0.02):
            sid = model.world.state_ids[i]
            lines.append(
                f"{names.get(sid, sid)}: {label.lower()} {before.state[key][i]:.0%} → "
                f"{now.state[key][i]:.0%}"
            )
    down_now = now.state["assets_down"].sum()
    down_before = before.state["assets_down"].sum()
    if down_now != down_before:
        lines.append(f"Assets down: {int(down_before)} → {int(down_now)}")
    if now.alliance["measures"] != before.alliance["measures"]:
        lines.append(f"Alliance measures adopted: {int(now.alliance['measures'])}")
    return tuple(lines)


# ------------------------------------------------------------------ orders
def order_sheets(session: GameSession, side: str) -> tuple[ActorOrders, ...]:
    """Order sheets for the human-played actors this side commands, while a turn is open."""
    model = session.model
    if model.phase != "brief" or not model.running:
        return ()
    names = {a: agent.name for a, agent in model.actors.items()}
    sheets = []
    for actor in session.human_actors(side):
        options = []
        for opt in model.options(actor, all_targets=True):
            options.append(
                OptionRow(
                    key=f"{opt.order.action}@{opt.order.target}",
                    actor=actor,
                    action=opt.order.action,
                    name=opt.name,
                    domain=opt.domain,
                    target=opt.order.target or "",
                    cost=float(opt.cost),
                    success=opt.chances.get("success"),
                    detection=opt.chances.get("detection"),
                    attribution=opt.chances.get("attribution"),
                )
            )
        by_key = {o.key: o for o in options}
        pending = tuple(
            by_key[f"{o.action}@{o.target}"]
            for o in model.pending_orders.get(actor, [])
            if f"{o.action}@{o.target}" in by_key
        )
        sheets.append(
            ActorOrders(
                actor=actor,
                name=names[actor],
                side=session.side_of(actor),
                budget=float(model.budget_of(actor)),
                options=tuple(options),
                pending=pending,
            )
        )
    return tuple(sheets)


# ------------------------------------------------------------------ the world
def dashboard(model: HybridThreatModel) -> pd.DataFrame:
    """One row per member state with the indicators a briefing starts from."""
    rec = model.indicator_log[-1]
    prev = model.indicator_log[-2] if len(model.indicator_log) > 1 else rec
    names = {s.id: s.name for s in model.scenario.states}
    rows = []
    for i, sid in enumerate(model.world.state_ids):
        row: dict[str, Any] = {"id": sid, "state": names.get(sid, sid)}
        for key, _label, _better in DASHBOARD:
            if key == "energy_supply":
                now = 1.0 - float(rec.state["shortfall"][i])
                then = 1.0 - float(prev.state["shortfall"][i])
            else:
                now, then = float(rec.state[key][i]), float(prev.state[key][i])
            row[key] = now
            row[f"{key}_delta"] = now - then
        row["assets_down"] = int(rec.state["assets_down"][i])
        rows.append(row)
    return pd.DataFrame(rows)


def alliance_panel(model: HybridThreatModel) -> dict[str, Any]:
    """Cohesion, the measures adopted (the milestones), what is still open, the next meeting."""
    world, alliance = model.world, model.scenario.alliance
    names = {p.id: p.name for p in alliance.proposals}
    upcoming = [m for m in alliance.meetings if m.turn > model.turn]
    nxt = min(upcoming, key=lambda m: m.turn) if upcoming else None
    return {
        "name": alliance.name,
        "cohesion": float(world.cohesion),
        "fracture_threshold": float(alliance.fracture_threshold),
        "adopted": [names.get(m, m) for m in world.measures],
        "open": [names.get(p, p) for p in world.proposals_open],
        "next_meeting": (
            f"turn {nxt.turn}: {nxt.name or nxt.kind}" if nxt is not None else "none scheduled"
        ),
        "partner": dict(model.indicator_log[-1].partner),
    }


def map_states(dashboard_frame: pd.DataFrame, key: str) -> pd.DataFrame:
    """The states coloured on the map: ISO numeric id (the shapes' id), name, value, words."""
    frame = dashboard_frame.assign(iso=dashboard_frame["id"].map(ISO_NUMERIC))
    frame = frame.dropna(subset=["iso"])
    return pd.DataFrame(
        {
            "iso": frame["iso"].astype(int),
            "state": frame["state"],
            "value": frame[key].astype(float),
            "text": [f"{v:.0%}" for v in frame[key]],
        }
    )


def gas_flows(model: HybridThreatModel) -> tuple[tuple[str, float], ...]:
    """Each gas source and the share of its normal flow now (1.0: flowing; below: cut)."""
    names = {g.id: g.name for g in model.scenario.gas_sources}
    world = model.world
    return tuple(
        (names.get(sid, sid), float(a))
        for sid, a in zip(world.source_ids, world.availability.tolist(), strict=True)
    )


def indicator_history(model: HybridThreatModel) -> pd.DataFrame:
    """Per-state indicators over the turns, tidy, for the charts."""
    rows = []
    names = {s.id: s.name for s in model.scenario.states}
    for rec in model.indicator_log:
        for key in CHART_INDICATORS:
            values = rec.state.get(key)
            if values is None:
                continue
            for i, sid in enumerate(model.world.state_ids):
                rows.append(
                    {
                        "turn": rec.turn,
                        "state": names.get(sid, sid),
                        "indicator": key,
                        "value": float(values[i]),
                    }
                )
    return pd.DataFrame(rows, columns=["turn", "state", "indicator", "value"])


def alliance_history(model: HybridThreatModel) -> pd.DataFrame:
    """Cohesion, escalation and the partner over the turns."""
    rows = []
    for rec in model.indicator_log:
        rows.append(
            {"turn": rec.turn, "series": "Alliance cohesion", "value": rec.alliance["cohesion"]}
        )
        rows.append(
            {
                "turn": rec.turn,
                "series": "Escalation score",
                "value": rec.alliance["escalation_score"],
            }
        )
        rows.append(
            {
                "turn": rec.turn,
                "series": "Gas storage (alliance)",
                "value": rec.alliance["storage_fill"],
            }
        )
        if "availability" in rec.partner:
            rows.append(
                {
                    "turn": rec.turn,
                    "series": "Ukraine power available",
                    "value": rec.partner["availability"],
                }
            )
    return pd.DataFrame(rows, columns=["turn", "series", "value"])


def asset_status(health: np.ndarray, working: np.ndarray, consequences: Consequences) -> list[str]:
    """working / degraded / down, with the game's own thresholds (a scenario may change them)."""
    out = []
    for h, w in zip(health.tolist(), working.tolist(), strict=True):
        if not w or h < consequences.down_below:
            out.append("down")
        elif h < consequences.degraded_below:
            out.append("degraded")
        else:
            out.append("working")
    return out


def network(model: HybridThreatModel) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Nodes (one cluster per country, clusters on a grid) and links.

    A drawing by country rather than by geography: scenarios carry no coordinates, and what a
    facilitator needs to see is which country's assets are down and which links cross borders.
    """
    world, scenario = model.world, model.scenario
    owners = [*world.state_ids, scenario.partner.id if scenario.partner else "partner"]
    names = {s.id: s.name for s in scenario.states}
    if scenario.partner:
        names[scenario.partner.id] = scenario.partner.name
    status = asset_status(world.health, world.working, world.rules.consequences)
    x, y, labels = _cluster_layout(world.asset_owner.tolist(), owners, names)
    asset_names = {a.id: a.name for a in scenario.infrastructure.assets}
    placed = [
        place(owners[o], a.location)
        for o, a in zip(world.asset_owner.tolist(), scenario.infrastructure.assets, strict=True)
    ]
    nodes = pd.DataFrame(
        {
            "id": world.asset_ids,
            "name": [asset_names.get(a) or a for a in world.asset_ids],
            "type": [str(ASSET_TYPES[c].value) for c in world.asset_type.tolist()],
            "owner": [owners[o] for o in world.asset_owner.tolist()],
            "country": [names.get(owners[o], owners[o]) for o in world.asset_owner.tolist()],
            "status": status,
            "health": np.round(world.health, 3),
            "infected": world.infected.astype(bool),
            "x": x,
            "y": y,
            "lat": [p[0] for p in placed],
            "lon": [p[1] for p in placed],
            "placed": [p[2] for p in placed],
        }
    )
    edges = _links(model, nodes, status)
    nodes.attrs["labels"] = labels
    return nodes, edges


def _cluster_layout(
    asset_owner: list[int], owners: list[str], names: dict[str, str]
) -> tuple[np.ndarray, np.ndarray, pd.DataFrame]:
    """Each asset's place in its country's cluster (clusters on a grid), and the countries'
    labels above their clusters."""
    groups: dict[int, list[int]] = {}
    for i, owner in enumerate(asset_owner):
        groups.setdefault(int(owner), []).append(i)
    used = sorted(groups)
    n = max(len(used), 1)
    cols = int(np.ceil(np.sqrt(n * 1.8)))
    spacing = 10.0
    x = np.zeros(len(asset_owner))
    y = np.zeros(len(asset_owner))
    labels = []
    golden = np.pi * (3.0 - np.sqrt(5.0))  # sunflower packing: even spread for any count
    for k, owner in enumerate(used):
        cx, cy = (k % cols) * spacing, -(k // cols) * spacing
        members = groups[owner]
        step = min(0.9, 3.6 / np.sqrt(len(members)))
        for j, i in enumerate(members):
            r = step * np.sqrt(j + 0.5)
            x[i] = cx + r * np.cos(j * golden)
            y[i] = cy + r * np.sin(j * golden)
        top = step * np.sqrt(len(members) + 0.5)
        label = owners[owner] if n > 12 else names.get(owners[owner], owners[owner])
        labels.append({"country": label, "x": cx, "y": cy + top + 1.2})
    return x, y, pd.DataFrame(labels, columns=["country", "x", "y"])


def _links(model: HybridThreatModel, nodes: pd.DataFrame, status: list[str]) -> pd.DataFrame:
    """Each link once, with both ends' places, whether it crosses a border and whether an end
    is down."""
    world = model.world
    coo = world.links.tocoo()
    keep = coo.row < coo.col
    rows, cols = coo.row[keep], coo.col[keep]
    cross = world.asset_owner[rows] != world.asset_owner[cols]
    edge_status = [
        "down" if "down" in (status[a], status[b]) else "working"
        for a, b in zip(rows.tolist(), cols.tolist(), strict=True)
    ]
    x, y = nodes["x"].to_numpy(), nodes["y"].to_numpy()
    return pd.DataFrame(
        {
            "source": [world.asset_ids[i] for i in rows],
            "target": [world.asset_ids[i] for i in cols],
            "x": x[rows],
            "y": y[rows],
            "x2": x[cols],
            "y2": y[cols],
            "lat": nodes["lat"].to_numpy()[rows],
            "lon": nodes["lon"].to_numpy()[rows],
            "lat2": nodes["lat"].to_numpy()[cols],
            "lon2": nodes["lon"].to_numpy()[cols],
            "cross_border": cross.astype(bool),
            "status": edge_status,
        }
    )


# ------------------------------------------------------------------ the toolkit
def toolkit(session: GameSession) -> tuple[pd.DataFrame, tuple[EventRow, ...]]:
    """Each adversary's moves: proficiency at the start and now, and what it learnt from whom."""
    model = session.model
    world = model.world
    unlock = model.scenario.sharing.unlock_at
    learnt: dict[tuple[str, str], int] = {}
    lessons = []
    for event in model.events:
        if event.kind == "learning":
            learnt[(event.actor, event.action)] = learnt.get((event.actor, event.action), 0) + 1
            lessons.append(_row(model, event))
    rows = []
    for a, adv in enumerate(world.adversary_ids):
        for k, move_id in enumerate(world.move_ids):
            start = float(session.initial_proficiency[a, k])
            now = float(world.proficiency[a, k])
            if start <= 0 and now <= 0:
                continue
            move = model.catalogue.moves[move_id]
            rows.append(
                {
                    "adversary": adv,
                    "move": move.name,
                    "move_id": move_id,
                    "domain": move.domain,
                    "start": round(start, 3),
                    "now": round(now, 3),
                    "usable": now >= unlock,
                    "lessons": learnt.get((adv, move_id), 0),
                    "origin": "own" if move.actors is None or adv in move.actors else "learnt",
                }
            )
    return pd.DataFrame(rows), tuple(lessons)


# ------------------------------------------------------------------ the whole view
def build_view(session: GameSession, side: str) -> GameView:
    """The view of a game from one viewpoint; call under the session's lock."""
    if side not in VIEWPOINTS:
        raise ValueError(f"unknown viewpoint {side!r}")
    model = session.model
    scenario = model.scenario
    turn_rows = visible_rows(model, side, model.turn) if model.turn else []
    if model.phase == "brief":
        brief, outcome = turn_rows, []
    else:
        brief = [r for r in turn_rows if r.kind in ("inject", "expiry")]
        outcome = [r for r in turn_rows if r.kind not in ("inject", "expiry")]
    names = {a: agent.name for a, agent in model.actors.items()}
    sides = {a: actor_side(scenario, a) for a in model.actors}
    submitted = {
        a: len(model.pending_orders.get(a, []))
        for a in session.human_actors("white")
        if side == "white" or sides[a] == side
    }
    ladder = scenario.escalation.ladder
    return GameView(
        side=side,
        game_id=session.id,
        title=session.meta.title or scenario.title,
        scenario_name=scenario.name,
        seed=model.seed,
        turn=model.turn,
        max_turns=model.max_turns,
        phase=model.phase,
        date=model.date.isoformat(),
        running=bool(model.running),
        end_reason=model.end_reason or "",
        escalation_name=ladder[model.escalation_level],
        humans=tuple(sorted(session.humans)),
        actor_names=names,
        actor_sides=sides,
        headlines=headlines(model),
        brief=tuple(brief),
        changes=what_changed(model),
        outcome=tuple(outcome),
        orders=order_sheets(session, side),
        submitted=submitted,
        dashboard=dashboard(model),
        alliance=alliance_panel(model),
        session=session,
    )


def view_of(session: GameSession, side: str) -> GameView:
    """The shared, cached view of a game for one viewpoint."""
    return session.cached_view(side, lambda: build_view(session, side))


def filter_log(
    rows: tuple[EventRow, ...],
    actor: str | None = None,
    domain: str | None = None,
    state: str | None = None,
    kinds: tuple[str, ...] | None = None,
) -> list[EventRow]:
    """The event log filtered by actor, domain and the state concerned."""
    out = []
    for r in rows:
        if actor and r.actor != actor:
            continue
        if domain and r.domain != domain:
            continue
        if state and state not in (r.target_state, r.target, r.actor):
            continue
        if kinds and r.kind not in kinds:
            continue
        out.append(r)
    return out
