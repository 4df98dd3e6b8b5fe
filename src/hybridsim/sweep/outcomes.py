"""Outcomes: which numbers each run keeps, checked against a real run, and taken from a result.

Indicator paths are the ones conditional injects use, parsed by one grammar
(``hybridsim.scenario.indicator_paths``, docs/indicator-paths.md): ``alliance.cohesion``,
``partner.availability``, ``states.DE.public_trust`` (or ``DE.public_trust``),
``adversaries.RU.successes``, ``escalation.level`` and aggregates over entities
``states.mean.public_trust`` (mean, min, max, sum); each is keyed by its canonical spelling.
Summary paths start with ``summary.`` and walk the run summary
(``summary.alliance.cohesion_min``); a list counts its items. Why check against a probe run:
the indicator table is the model's, so the sweep learns what exists from the model itself
instead of keeping a copy of its list.
"""

from __future__ import annotations

import fnmatch
import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

import numpy as np

from ..scenario.indicator_paths import AGGREGATES, IndicatorPathError, aggregate, parse
from ..scenario.semantic import did_you_mean
from .meaning import meaning_of, reduction, unit

if TYPE_CHECKING:
    import pandas as pd

    from ..api import RunResult

SCOPES = {
    "state": "states",
    "adversary": "adversaries",
    "alliance": "alliance",
    "partner": "partner",
}
OVER = {"last": lambda a: a[-1], "min": np.min, "max": np.max, "mean": np.mean, "sum": np.sum}
Dtype = Literal["float", "string"]


class OutcomeError(IndicatorPathError):
    """An outcome the sweep cannot read: an unknown path, or a reduction that means nothing."""


@dataclass(frozen=True)
class FinalOutcome:
    """One value per run: an indicator reduced over turns, or a summary entry."""

    column: str
    path: str
    over: str
    dtype: Dtype
    unit: str = ""
    reduction: str = ""


@dataclass(frozen=True)
class Inventory:
    """What a probe run showed exists: indicator keys and the summary's shape."""

    keys: tuple[str, ...]
    summary: dict[str, Any]

    @classmethod
    def from_result(cls, result: RunResult) -> Inventory:
        frame = result.indicators
        first = frame[frame["turn"] == frame["turn"].iloc[0]]
        keys = tuple(dict.fromkeys(_key(*row) for row in _rows(first)))
        return cls(keys, result.summary)

    def aggregate_keys(self) -> list[str]:
        out = []
        for key in self.keys:
            root, *rest = key.split(".")
            if root in ("states", "adversaries") and len(rest) == 2:
                out += [f"{root}.{agg}.{rest[1]}" for agg in AGGREGATES]
        return list(dict.fromkeys(out))


def _rows(frame: pd.DataFrame):
    return zip(
        frame["scope"].tolist(), frame["entity"].tolist(), frame["indicator"].tolist(), strict=True
    )


def _key(scope: str, entity: str, indicator: str) -> str:
    root = SCOPES.get(scope, scope)
    if root in ("states", "adversaries"):
        return f"{root}.{entity}.{indicator}"
    return f"{root}.{indicator}"


@dataclass(frozen=True)
class OutcomeSet:
    """The final outcomes (columns of runs.parquet) and series (rows of indicators/)."""

    final: tuple[FinalOutcome, ...]
    series: tuple[str, ...]

    @property
    def columns(self) -> list[str]:
        return [o.column for o in self.final]

    def extract(self, result: RunResult) -> tuple[list[Any], np.ndarray, list[np.ndarray | None]]:
        """(final values, turns, one per-turn array per series key, None where absent)."""
        from ..results import indicator_columns  # the model and pandas load with the first run

        columns = indicator_columns(result.model, self._indicator_names() or None)
        table: dict[str, list[float]] = {}
        for scope, entity, indicator, value in zip(
            columns["scope"], columns["entity"], columns["indicator"], columns["value"],
            strict=True,
        ):
            table.setdefault(_key(scope, entity, indicator), []).append(value)
        turns = np.unique(np.asarray(columns["turn"], dtype=np.int64))
        cache: dict[str, np.ndarray | None] = {}

        def series(key: str) -> np.ndarray | None:
            if key not in cache:
                cache[key] = _series(table, key)
            return cache[key]

        summary = None
        finals: list[Any] = []
        for out in self.final:
            if out.path.startswith("summary."):
                summary = result.summary if summary is None else summary
                finals.append(_summary_value(summary, out.path, out.dtype))
            else:
                values = series(out.path)
                finals.append(
                    float(OVER[out.over](values))
                    if values is not None and values.size
                    else math.nan
                )
        return finals, turns, [series(k) for k in self.series]

    def _indicator_names(self) -> set[str]:
        names = {o.path.rsplit(".", 1)[-1] for o in self.final if not o.path.startswith("summary.")}
        return names | {k.rsplit(".", 1)[-1] for k in self.series}


def _series(table: dict[str, list[float]], key: str) -> np.ndarray | None:
    if key in table:
        return np.asarray(table[key], dtype=np.float64)
    path = parse(key)
    if path.aggregate and path.scope in ("states", "adversaries"):
        prefix, suffix = f"{path.scope}.", f".{path.name}"
        parts = [v for k, v in table.items() if k.startswith(prefix) and k.endswith(suffix)]
        if parts:
            return aggregate(path.aggregate, parts)
    return None


def canonical(path: str) -> str:
    """The path as the grammar spells it (``DE.public_trust`` -> ``states.DE.public_trust``);
    summary paths, wildcards and non-paths unchanged (they get their own messages)."""
    if path.startswith("summary.") or "*" in path or "?" in path:
        return path
    try:
        return parse(path).key
    except IndicatorPathError:
        return path


def _summary_value(summary: dict[str, Any], path: str, dtype: Dtype) -> Any:
    node: Any = summary
    for part in path.split(".")[1:]:
        if isinstance(node, dict):
            if part not in node:
                return 0.0 if _counter(node) else (None if dtype == "string" else math.nan)
            node = node[part]
        else:
            return None if dtype == "string" else math.nan
    if dtype == "string":
        return None if node is None else str(node)
    if isinstance(node, list | tuple | dict):
        return float(len(node))
    try:
        return float(node)
    except (TypeError, ValueError):
        return math.nan


def _counter(node: dict[str, Any]) -> bool:
    """A map of counts (absent key: zero), e.g. events by kind or shortfall by state."""
    return all(isinstance(v, int | float) and not isinstance(v, bool) for v in node.values())


# --------------------------------------------------------------------------------------------
# Checking a spec's outcomes against probe runs
# --------------------------------------------------------------------------------------------
def final_outcome(
    path: str, column: str, over: str | None, inventories: Sequence[Inventory]
) -> FinalOutcome:
    """Check one final outcome; raise OutcomeError with a did-you-mean.

    ``over`` is None when the spec leaves it out: the last turn for a level, an error for an
    amount per turn (whose last value is not what a reader of the column would expect).
    """
    if path.startswith("summary."):
        if over not in (None, "last"):
            raise OutcomeError("'over' applies to indicators; a summary value is already final")
        return FinalOutcome(
            column, path, "last", _summary_dtype(path, inventories), "", reduction(path, "last")
        )
    known = _known(inventories)
    path = canonical(path)
    if path not in known:
        raise OutcomeError(f"no indicator '{path}'", _suggest(path, known))
    meant = meaning_of(path)
    if over is None and meant.per_turn:
        raise OutcomeError(
            f"'{path}' counts {meant.unit}, so its last value is one turn's, not the run's",
            "say 'over: sum' for the run's total (or 'over: last' for the last turn alone)",
        )
    if over == "sum" and not meant.per_turn:
        raise OutcomeError(
            f"'{path}' is a level ({meant.unit or 'not an amount per turn'}); "
            "a sum over turns means nothing",
            "use over: last, min, max or mean",
        )
    over = over or "last"
    return FinalOutcome(column, path, over, "float", unit(path, over), reduction(path, over))


def expand_series(pattern: str, inventories: Sequence[Inventory]) -> list[str]:
    """The indicator keys a series entry names ('*' matches any entity or indicator)."""
    known = _known(inventories)
    if "*" in pattern or "?" in pattern:
        concrete = list(dict.fromkeys(k for inv in inventories for k in inv.keys))
        found = [k for k in concrete if fnmatch.fnmatchcase(k, pattern)]
        if not found:
            head, _, last = pattern.rpartition(".")
            names = sorted({k.rsplit(".", 1)[-1] for k in concrete})
            close = did_you_mean(last, names)
            hint = (
                f"did you mean '{head}.{close.split(chr(39))[1]}'?"
                if head and close.startswith("did you mean")
                else _suggest(pattern, known)
            )
            raise OutcomeError(f"'{pattern}' matches no indicator", hint)
        return found
    if pattern.startswith("summary."):
        raise OutcomeError(
            "the summary has one value per run; list it under 'final'", "move it to outcomes.final"
        )
    pattern = canonical(pattern)
    if pattern not in known:
        raise OutcomeError(f"no indicator '{pattern}'", _suggest(pattern, known))
    return [pattern]


def _known(inventories: Sequence[Inventory]) -> list[str]:
    out: dict[str, None] = {}
    for inv in inventories:
        out.update(dict.fromkeys(inv.keys))
        out.update(dict.fromkeys(inv.aggregate_keys()))
    return list(out)


def _suggest(path: str, known: list[str]) -> str:
    hint = did_you_mean(path, known)
    if hint.startswith("did you mean"):
        return hint
    root = path.split(".", maxsplit=1)[0]
    roots = sorted({k.split(".")[0] for k in known} | {"summary"})
    if root not in roots:
        return did_you_mean(root, roots) or f"paths start with {', '.join(roots)}"
    names = sorted({k.rsplit(".", 1)[-1] for k in known if k.startswith(root + ".")})
    return did_you_mean(path.rsplit(".", 1)[-1], names) or f"indicators: {', '.join(names)}"


def _summary_dtype(path: str, inventories: Sequence[Inventory]) -> Dtype:
    parts = path.split(".")[1:]
    dtype: Dtype | None = None
    for inv in inventories:
        node: Any = inv.summary
        for i, part in enumerate(parts):
            where = ".".join(["summary", *parts[:i]])
            if isinstance(node, dict):
                if part in node:
                    node = node[part]
                    continue
                if _counter(node):
                    node = 0
                    break
                raise OutcomeError(f"{where} has no entry '{part}'", did_you_mean(part, node))
            raise OutcomeError(f"{where} is a single value; it has no part '{part}'")
        if isinstance(node, dict) and node and not _counter(node):
            raise OutcomeError(
                f"'{path}' is a group of values, not one value",
                f"name one of its entries: {', '.join(node)}",
            )
        if isinstance(node, list) and node and isinstance(node[0], dict):
            dtype = dtype or "float"  # a list of records counts its items
        dtype = "string" if isinstance(node, str) else (dtype or "float")
    return dtype or "float"
