"""Indicator paths: one grammar for conditional injects, sweep outcomes and sweep series.

A path names one number in the game's per-turn record (docs/indicator-paths.md):

- ``alliance.<indicator>`` and ``partner.<indicator>``;
- ``states.<state id>.<indicator>``, or its short form ``<state id>.<indicator>``;
- ``states.<mean|min|max|sum>.<indicator>``: over every state;
- ``adversaries.<adversary id>.<indicator>`` and ``adversaries.<mean|min|max|sum>.<indicator>``;
- ``events.<success|failure|detected|attributed>.<move id or any>``: moves so far;
- ``escalation.level`` and ``escalation.score``: other names of ``alliance.escalation_level``
  and ``alliance.escalation_score``.

Why one module: injects, the validator and sweeps each split paths on their own before, with
different forms and aggregates; here a path is parsed once into an :class:`IndicatorPath` whose
``key`` is the same in all of them, and :func:`read` takes its value from a turn's record.
Importing this module loads no numpy (the scenario package stays light).
"""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from .fields import STATE_INDICATORS, UNBOUNDED_STATE_INDICATORS

AGGREGATES = ("mean", "min", "max", "sum")
EVENT_OUTCOMES = ("success", "failure", "detected", "attributed")
ALIASES = {
    "escalation.level": "alliance.escalation_level",
    "escalation.score": "alliance.escalation_score",
}
ENTITY_SCOPES = ("states", "adversaries")
ROOTS = ("alliance", "partner", *ENTITY_SCOPES, "events", "escalation")

# What each scope's record holds, with the range a value can take (None: no upper bound).
ALLIANCE_INDICATORS: dict[str, tuple[float, float | None]] = {
    "cohesion": (0.0, 1.0),
    "measures": (0.0, None),
    "escalation_score": (0.0, None),
    "escalation_level": (0.0, None),  # the top of the scenario's ladder (the validator knows)
    "storage_fill": (0.0, 1.0),
    "assets_working": (0.0, 1.0),
    "assets_infected": (0.0, None),
    "narratives_active": (0.0, None),
}
PARTNER_INDICATORS: dict[str, tuple[float, float | None]] = {
    "generation_gw": (0.0, None),
    "availability": (0.0, 1.0),
    "air_defence": (0.0, 1.0),
}
ADVERSARY_INDICATORS: dict[str, tuple[float, float | None]] = {
    "mean_proficiency": (0.0, 1.0),
    "usable_moves": (0.0, None),
    "moves": (0.0, None),
    "successes": (0.0, None),
    "detected": (0.0, None),
    "attributed": (0.0, None),
}


class IndicatorPathError(ValueError):
    """A path that does not follow the grammar, with a hint how to write it."""

    def __init__(self, message: str, suggestion: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.suggestion = suggestion


@dataclass(frozen=True)
class IndicatorPath:
    """A parsed path: scope, then an entity or an aggregate (or an event outcome), then a name."""

    scope: str
    name: str
    entity: str = ""
    aggregate: str = ""

    @property
    def key(self) -> str:
        """The canonical spelling (what sweep outcomes and series are keyed by)."""
        if self.scope == "events":
            return f"events.{self.aggregate}.{self.name}"
        middle = self.entity or self.aggregate
        return f"{self.scope}.{middle}.{self.name}" if middle else f"{self.scope}.{self.name}"


class TurnRecord(Protocol):
    """The part of a turn's indicator record a path reads (model.indicators.TurnIndicators)."""

    state: Mapping[str, Any]
    adversary: Mapping[str, Any]
    alliance: Mapping[str, float]
    partner: Mapping[str, float]


def split_path(text: str) -> list[str]:
    """'alliance.meetings[0].turn' -> ['alliance', 'meetings', '0', 'turn'] (every dotted path
    in hybridsim, scenario fields and indicators alike, is split by this)."""
    return [p for p in text.replace("[", ".").replace("]", "").split(".") if p]


@functools.lru_cache(maxsize=1024)
def parse(text: str) -> IndicatorPath:
    """Parse an indicator path; raise IndicatorPathError saying how to write it."""
    parts = split_path(ALIASES.get(text, text))
    root = parts[0] if parts else ""
    if root in ("alliance", "partner") and len(parts) == 2:
        return IndicatorPath(root, parts[1])
    if root in ENTITY_SCOPES and len(parts) == 3:
        if parts[1] in AGGREGATES:
            return IndicatorPath(root, parts[2], aggregate=parts[1])
        return IndicatorPath(root, parts[2], entity=parts[1])
    if root == "events" and len(parts) == 3 and parts[1] in EVENT_OUTCOMES:
        return IndicatorPath("events", parts[2], aggregate=parts[1])
    if root and root not in ROOTS and root != "summary" and len(parts) == 2:
        return IndicatorPath("states", parts[1], entity=root)  # short form: <state id>.<name>
    raise IndicatorPathError(f"'{text}' is not an indicator path", _how_to_write(root))


def _how_to_write(root: str) -> str:
    if root in ENTITY_SCOPES:
        return f"write {root}.<id>.<indicator> or {root}.<{'|'.join(AGGREGATES)}>.<indicator>"
    if root == "events":
        return f"write events.<{'|'.join(EVENT_OUTCOMES)}>.<move id or any>"
    if root == "escalation":
        return "write escalation.level or escalation.score"
    if root in ("alliance", "partner"):
        return f"write {root}.<indicator>"
    return "e.g. alliance.cohesion, states.DE.public_trust, DE.storage_fill, events.success.any"


def value_range(path: IndicatorPath) -> tuple[float, float | None] | None:
    """The values the path's indicator can take, or None if its scope has no such indicator."""
    if path.scope == "alliance":
        return ALLIANCE_INDICATORS.get(path.name)
    if path.scope == "partner":
        return PARTNER_INDICATORS.get(path.name)
    if path.scope == "events":
        return 0.0, None
    if path.scope == "states":
        if path.name not in STATE_INDICATORS:
            return None
        bounded = path.name not in UNBOUNDED_STATE_INDICATORS and path.aggregate != "sum"
        return (0.0, 1.0) if bounded else (0.0, None)
    span = ADVERSARY_INDICATORS.get(path.name)
    if span is not None and path.aggregate == "sum":
        return 0.0, None
    return span


def aggregate(kind: str, rows: Any) -> Any:
    """numpy's mean, min, max or sum over the first axis (entities)."""
    import numpy as np

    return getattr(np, kind)(np.asarray(rows, dtype=np.float64), axis=0)


def read(
    path: IndicatorPath,
    record: TurnRecord,
    counters: Mapping[str, int],
    state_ids: Sequence[str],
    adversary_ids: Sequence[str],
) -> float:
    """The path's value in one turn's record (events: the running counts in ``counters``)."""
    if path.scope == "events":
        return float(counters.get(f"{path.aggregate}.{path.name}", 0))
    if path.scope in ("alliance", "partner"):
        table = record.alliance if path.scope == "alliance" else record.partner
        return float(table.get(path.name, 0.0))
    table, ids = (
        (record.state, state_ids) if path.scope == "states" else (record.adversary, adversary_ids)
    )
    values = table[path.name]
    if path.aggregate:
        return float(aggregate(path.aggregate, values))
    return float(values[list(ids).index(path.entity)])
