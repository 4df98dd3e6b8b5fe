"""Parameter paths: find a scenario field by a dotted path, and build scenarios with new values.

A path reads the way a scenario file is written: ``states.DE.public_trust`` (list items by id),
``alliance.meetings.0.turn`` or ``alliance.meetings[0].turn`` (by index),
``adversaries.RU.capacity.cyber`` (map keys). Why resolve once per base scenario: ids sit at
different list positions in different scenarios, and a typo should fail before any run starts.
"""

from __future__ import annotations

import datetime as dt
import enum
import typing
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from pydantic import ValidationError

from ..scenario.indicator_paths import split_path
from ..scenario.introspect import (
    choices,
    describe_type,
    expected_number,
    is_record,
    slot_at,
    strip,
    union_members,
)
from ..scenario.schema import Scenario
from ..scenario.semantic import check_semantics, did_you_mean

Kind = Literal["float", "int", "bool", "category"]
DataPath = tuple[str | int, ...]


class PathError(ValueError):
    """A path that does not lead to a single settable value; says what exists instead."""

    def __init__(self, message: str, suggestion: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.suggestion = suggestion


class InvalidPointError(ValueError):
    """A combination of values the scenario rules reject (recorded as that run's error)."""


@dataclass(frozen=True)
class FieldRef:
    """Where a parameter lives in one base scenario, and what kind of value it takes."""

    path: str
    data_path: DataPath
    kind: Kind
    choices: tuple[str, ...] | None
    nullable: bool
    expected: str

    def coerce(self, value: Any) -> Any:
        """The value as the field's type (ranges give floats; whole-number fields round)."""
        if value is None:
            return None
        if self.kind == "int":
            return round(float(value))
        if self.kind == "float":
            return float(value)
        if self.kind == "bool":
            return bool(value)
        return value.value if isinstance(value, enum.Enum) else value


def resolve(scenario: Scenario, path: str, data: dict[str, Any] | None = None) -> FieldRef:
    """Follow a dotted path through a scenario; raise PathError with a did-you-mean."""
    parts = split_path(path)
    if not parts:
        raise PathError("the path is empty", "e.g. states.DE.public_trust")
    node: Any = scenario.model_dump() if data is None else data
    done: list[str | int] = []
    for i, part in enumerate(parts):
        where = ".".join(parts[:i]) or "a scenario"
        slot = slot_at(tuple(done))
        bare = _container(slot.annotation if slot else None)
        if is_record(bare):
            fields = list(bare.model_fields)
            if part not in fields:
                raise PathError(f"{where} has no field '{part}'", did_you_mean(part, fields))
            done.append(part)
            node = node.get(part) if isinstance(node, dict) else None
            if node is None and i < len(parts) - 1:
                raise PathError(
                    f"'{'.'.join(parts[: i + 1])}' is not set in scenario '{scenario.name}'",
                    "set it in the scenario (or a constant) before sweeping inside it",
                )
        elif typing.get_origin(bare) is list:
            items = node if isinstance(node, list) else []
            done.append(_item_index(items, part, where))
            node = items[done[-1]]
        elif typing.get_origin(bare) is dict:
            key_type = strip(typing.get_args(bare)[0])[0]
            options = choices(key_type)
            existing = [str(k.value if isinstance(k, enum.Enum) else k) for k in (node or {})]
            if options is not None and part not in options:
                raise PathError(f"{where} has no key '{part}'", did_you_mean(part, options))
            if options is None and part not in existing:
                hint = did_you_mean(part, existing)
                raise PathError(
                    f"{where} has no key '{part}' in scenario '{scenario.name}'",
                    hint or "add the key to the scenario first, then sweep its value",
                )
            done.append(part)
            node = node.get(part) if isinstance(node, dict) else None
        else:
            raise PathError(
                f"{where} is a single value; it has no part '{part}'",
                f"sweep '{where}' itself",
            )
    return _leaf(path, tuple(done))


def _container(annotation: Any) -> Any:
    """The record, list or map type inside a (possibly union) annotation."""
    for member in union_members(annotation) if annotation is not None else []:
        if is_record(member) or typing.get_origin(member) in (list, dict):
            return member
    return annotation


def _item_index(items: list[Any], part: str, where: str) -> int:
    if part.isdigit():
        index = int(part)
        if index >= len(items):
            raise PathError(
                f"{where} has {len(items)} item{'s' if len(items) != 1 else ''}; no item {index}",
                "items count from 0",
            )
        return index
    ids = [str(item.get("id")) for item in items if isinstance(item, dict) and "id" in item]
    for index, item in enumerate(items):
        if isinstance(item, dict) and str(item.get("id")) == part:
            return index
    if not ids:
        raise PathError(f"{where} has no ids; address its items by index", f"e.g. {where}.0")
    raise PathError(f"{where} has no item with id '{part}'", did_you_mean(part, ids))


def _leaf(path: str, data_path: DataPath) -> FieldRef:
    slot = slot_at(data_path)
    if slot is None:  # pragma: no cover - resolve() only builds paths the schema has
        raise PathError(f"'{path}' is not a field of a scenario")
    scalars = [m for m in union_members(slot.annotation) if _scalar(m)]
    if not scalars:
        what = describe_type(slot.annotation)
        record = _container(slot.annotation)
        hint = (
            f"address one of its fields: {', '.join(list(record.model_fields)[:8])}"
            if is_record(record)
            else "address one item or key inside it"
        )
        raise PathError(f"'{path}' is a {what}, not a number or a choice", hint)
    ann = scalars[0]
    options = choices(ann)
    if ann is bool:
        kind: Kind = "bool"
    elif ann is int:
        kind = "int"
    elif ann is float:
        kind = "float"
    else:
        kind = "category"
    expected = (
        expected_number(slot)
        if kind in ("int", "float")
        else ("true or false" if kind == "bool" else describe_type(ann))
    )
    if options:
        expected = "one of " + ", ".join(options)
    return FieldRef(
        path,
        data_path,
        kind,
        tuple(options) if options else None,
        slot.nullable,
        expected,
    )


def _scalar(annotation: Any) -> bool:
    return (
        annotation in (bool, int, float, str, dt.date)
        or typing.get_origin(annotation) is Literal
        or (isinstance(annotation, type) and issubclass(annotation, enum.Enum))
    )


def apply(
    base: Scenario, settings: Iterable[tuple[DataPath, Any]], semantic: bool = True
) -> Scenario:
    """A new scenario with these values set, validated like a file would be.

    Why dump, set and re-validate rather than ``model_copy``: validation checks ranges and the
    rules between fields (``semantic``: cross-references too), so an impossible combination
    fails loudly instead of running a scenario no file could describe.
    """
    data = base.model_dump()
    for data_path, value in settings:
        _set(data, data_path, value)
    try:
        scenario = Scenario.model_validate(data)
    except ValidationError as exc:
        first = exc.errors(include_url=False)[0]
        where = ".".join(str(p) for p in first["loc"])
        raise InvalidPointError(f"{where}: {first['msg']} (got {first.get('input')!r})") from None
    errors = [p for p in check_semantics(scenario) if p.severity == "error"] if semantic else []
    if errors:
        raise InvalidPointError("; ".join(f"{p.path}: {p.message}" for p in errors[:3]))
    return scenario


def _set(data: Any, data_path: Sequence[str | int], value: Any) -> None:
    node = data
    for part in data_path[:-1]:
        node = node[part]
    node[data_path[-1]] = value
