"""Numbers too large (or not finite) for the model's arithmetic.

Why: the schema bounds most numbers below, not above, so ``budget: 1e300`` or
``population_m: .inf`` used to validate and then overflow during play (a numpy warning and
``inf`` in indicators.csv). One walk over the validated scenario catches every such value and
names its field, so no field can be forgotten.
"""

from __future__ import annotations

import functools
import math
import typing
from typing import Any

from pydantic import BaseModel

from .errors import Problem

# judgement: the largest quantities in real scenarios are about 10^3 (bcm of gas a year,
# millions of people, GW); 10^9 leaves six orders of magnitude of room for unusual units, while
# sums and products of such values stay far from float overflow (about 1.8e308).
LARGEST = 1e9


def check_magnitudes(model: BaseModel) -> list[Problem]:
    """An error for every real number in the scenario that is not finite or above LARGEST."""
    out: list[Problem] = []
    _walk(model, "", out)
    return out


def _walk(value: Any, path: str, out: list[Problem]) -> None:
    if isinstance(value, float):
        if not math.isfinite(value) or abs(value) > LARGEST:
            out.append(
                Problem(
                    "",
                    None,
                    None,
                    path,
                    f"{value:g} is not a usable number (the model's limit is {LARGEST:g})",
                    "numbers this large overflow during play; use the unit the reference gives",
                )
            )
    elif isinstance(value, BaseModel):
        for name in _fields_to_walk(type(value)):
            _walk(getattr(value, name), f"{path}.{name}" if path else name, out)
    elif isinstance(value, list):
        for i, item in enumerate(value):
            _walk(item, f"{path}[{i}]", out)
    elif isinstance(value, dict):
        for key, item in value.items():
            _walk(item, f"{path}.{key}", out)


@functools.cache
def _fields_to_walk(cls: type[BaseModel]) -> tuple[str, ...]:
    """The fields of a record that can hold an unbounded real number (so a 10^5-asset
    scenario is checked in a few hundredths of a second, not a second)."""
    return tuple(
        name
        for name, info in cls.model_fields.items()
        if not _bounded(info.metadata) and _may_hold_big(info.annotation)
    )


def _bounded(metadata: Any) -> bool:
    return any(
        getattr(m, "le", None) is not None or getattr(m, "lt", None) is not None for m in metadata
    )


def _may_hold_big(annotation: Any) -> bool:
    if annotation is float:
        return True
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return True
    if typing.get_origin(annotation) is typing.Annotated:
        inner, *metadata = typing.get_args(annotation)
        return not _bounded(metadata) and _may_hold_big(inner)
    return any(_may_hold_big(arg) for arg in typing.get_args(annotation))
