"""What every actor of one side knows alike in a turn, gathered once while players choose (the
world stands still then): the events as the side sees them and what is read from them, the
indicators the allies' responses weigh, and the responses the escalation level opens.

Blue knows every ally's situation (the allies are one side at the table), so its view holds
arrays over all allies; each ally's observation points at this one record.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

import numpy as np

from ..scenario.schema import Response
from . import politics
from .adjudication import response_chances
from .effects import state_values
from .events import Event
from .orders import response_open
from .targets import TARGET_KINDS

if TYPE_CHECKING:
    from .model import HybridThreatModel

SAME_SETTING = 1e-9  # a field within this of a policy's setting already has it (rounding)


@dataclass(frozen=True, eq=False)
class SideView:
    """One side's shared knowledge this turn (compared by identity: one per side and turn).

    ``events``: last turn's and this turn's, as the side sees them (``happened``: as they
happened). Blue: ``indicators``
    (arrays over every ally, by ("state", name), for the names its open responses weigh),
    ``incidents`` per ally (domain -> weight of the detected incidents: one's own weigh more),
    ``attributed`` (each adversary's share of the attributed incidents), ``cases``
    (adversaries a completed investigation names), ``may_name`` (per ally: political capital
    enough to name), ``in_force`` (per policy response, the allies whose settings already equal
    it). Red: ``held`` (move index, kind, target) where a move's temporary effects still run,
    and the ids of every kind of target.
    """

    side: str
    turn: int
    date: str
    happened: tuple[Event, ...]  # last turn's and this turn's events, as they happened
    indicators: Mapping[tuple[str, str], np.ndarray] = field(default_factory=dict)
    state_ids: tuple[str, ...] = ()
    responses: tuple[Response, ...] = ()  # the responses the escalation level opens now
    chances: Mapping[str, Mapping[str, float]] = field(default_factory=dict)
    incidents: Mapping[str, Mapping[str, float]] = field(default_factory=dict)
    attributed: Mapping[str, float] = field(default_factory=dict)
    cases: frozenset[str] = frozenset()
    may_name: tuple[bool, ...] = ()
    in_force: Mapping[str, np.ndarray] = field(default_factory=dict)
    held: tuple[tuple[int, str, int], ...] = ()
    target_ids: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    @cached_property
    def events(self) -> tuple[Event, ...]:
        """The events as the side sees them (``seen_by``), masked when first asked for: the
        shipped policies read only what the view gathers from them."""
        from .observation import visible_events

        return tuple(visible_events(list(self.happened), self.side))


def side_view(model: HybridThreatModel, side: str, events: tuple[Event, ...]) -> SideView:
    """Build a side's view from last turn's and this turn's events, as they happened (kept by
    the caller for the turn)."""
    return (_red if side == "red" else _blue)(model, events, model.turn, model.date.isoformat())


def indicators_for(model: HybridThreatModel, pairs) -> dict[tuple[str, str], np.ndarray]:
    """Indicator arrays over every target of a kind, for these (kind, name) pairs."""
    return {pair: model.indicator_over(*pair) for pair in dict.fromkeys(pairs)}


def _red(model: HybridThreatModel, events: tuple[Event, ...], turn: int, date: str) -> SideView:
    world = model.world
    moves = model.move_arrays.moves
    return SideView(
        "red", turn, date, events,
        held=tuple((world.move_index.get(e.source, -1), e.kind, e.index)
                   for e in world.temporary),
        target_ids={kind: tuple(TARGET_KINDS[kind].ids(world, model.scenario))
                    for kind in dict.fromkeys(m.target for m in moves)},
    )


def _blue(model: HybridThreatModel, events: tuple[Event, ...], turn: int, date: str) -> SideView:
    world = model.world
    level = model.escalation_level
    collective = model.scenario.escalation.collective_level
    open_now = tuple(r for r in model.catalogue.responses.values()
                     if response_open(r, level, collective))
    from .observation import visible_events  # the one fog-of-war rule (it imports this)

    moves = visible_events([e for e in events if e.kind == "move"], "blue")  # what blue reads
    attributed = [e.actor for e in moves if e.attributed]
    return SideView(
        "blue", turn, date, events,
        indicators_for(model, [("state", name) for r in open_now for name in r.prefers]),
        state_ids=tuple(world.state_ids),
        responses=open_now,
        chances={r.id: response_chances(world, r, None) for r in open_now},
        incidents=_incidents(model, moves),
        attributed={a: attributed.count(a) / len(attributed) for a in set(attributed)},
        cases=frozenset(a for a in world.adversary_ids if model.case_ready(a)),
        may_name=tuple(politics.can_afford_naming(world, i) for i in range(len(world.state_ids))),
        in_force=_in_force(model, open_now),
    )


def _incidents(model: HybridThreatModel, events: list[Event]) -> dict[str, dict]:
    """Per ally, the domains of the detected incidents (among the moves blue sees): its own
    weigh more than an ally's."""
    seen = [e for e in events if e.kind == "move" and e.detected]
    attention = model.world.rules.attention
    own, ally = attention.own_incident, attention.ally_incident
    table: dict[str, dict[str, float]] = {}
    for sid in model.world.state_ids:
        out: dict[str, float] = {}
        for e in seen:
            weight = own if e.target_state == sid else ally
            out[e.domain] = out.get(e.domain, 0.0) + weight
        table[sid] = out
    return table


def _in_force(model: HybridThreatModel, responses: tuple[Response, ...]) -> dict[str, np.ndarray]:
    """Per policy response (one that sets an ally's own fields), the allies whose settings
    already equal it, so that adopting it again would change nothing but its side effects."""
    out = {}
    for response in responses:
        sets = [e for e in response.effects if e.set is not None and e.on == "target"]
        if not sets or response.target not in ("self", "state"):
            continue
        done = np.ones(len(model.world.state_ids), dtype=bool)
        for effect in sets:
            now = state_values(model.world, effect.field)
            done &= np.abs(now - effect.set) < SAME_SETTING
        out[response.id] = done
    return out
