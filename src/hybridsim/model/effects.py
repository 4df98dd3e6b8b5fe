"""Reading and changing named fields of the world: the one place effects are applied.

Field names and ranges come from hybridsim.scenario.fields, so what the validator accepts is
exactly what the model can change.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from ..scenario.fields import SUPPLY_PREFIX, field_spec
from ..scenario.schema import Effect
from . import fast_stats
from .event_text import LineParts, Template
from .world import TemporaryEffect, World

_STATE_ARRAYS = {
    "public_trust": "public_trust",
    "cyber_posture": "cyber_posture",
    "infrastructure_protection": "infrastructure_protection",
    "investment_screening": "investment_screening",
    "threat_perception": "threat_perception",
    "ukraine_support": "ukraine_support",
    "ukraine_first": "ukraine_first",
    "china_trade_exposure": "china_trade_exposure",
    "budget": "budget",
    "demand_cut": "demand_cut",
    "demand_shock": "demand_shock",
    "storage_target": "storage_target",
}
_PARTNER = {
    "generation_gw": "partner_generation",
    "air_defence": "partner_air_defence",
    "repair_gw_per_turn": "partner_repair",
}


@dataclass(frozen=True)
class FieldAccess:
    """How to read and write one named field of one record."""

    get: Callable[[World, int, str], float]
    put: Callable[[World, int, str, float], None]


def _array(attr: str) -> FieldAccess:
    """A field kept as one world array indexed by record."""
    def put(world: World, index: int, name: str, value: float) -> None:
        getattr(world, attr)[index] = value

    return FieldAccess(lambda world, index, name: float(getattr(world, attr)[index]), put)


def _scalar(attr: str) -> FieldAccess:
    """A field of a single record kept as one number of the world."""
    return FieldAccess(lambda world, index, name: float(getattr(world, attr)),
                       lambda world, index, name, value: setattr(world, attr, value))


def _column(attr: str, column: Callable[[World, str], int]) -> FieldAccess:
    """A field kept in a (records, columns) array; the column comes from the field's name."""
    def put(world: World, index: int, name: str, value: float) -> None:
        getattr(world, attr)[index, column(world, name)] = value

    return FieldAccess(
        lambda world, index, name: float(getattr(world, attr)[index, column(world, name)]), put)


def _supply_column(world: World, name: str) -> int:
    return world.source_ids.index(name[len(SUPPLY_PREFIX) :])


def _domain_index(world: World, name: str) -> int:
    return world.domain_column(name.split(".", 1)[1])


def _set_alignment(world: World, index: int, name: str, value: float) -> None:
    """Shift the public's opinions so that their mean is the value."""
    row = world.opinions[index]
    world.opinions[index] = fast_stats.clip(row + (value - fast_stats.mean(row)), 0.0, 1.0)


def _set_storage_fill(world: World, index: int, name: str, value: float) -> None:
    world.storage_bcm[index] = value * world.storage_capacity[index]


# kind -> field name -> access; PREFIXED: kind -> name prefix -> access (a family of fields).
FIELDS: dict[str, dict[str, FieldAccess]] = {
    "state": {
        **{name: _array(attr) for name, attr in _STATE_ARRAYS.items()},
        "alignment": FieldAccess(
            lambda world, index, name: float(fast_stats.mean(world.opinions[index])),
            _set_alignment),
        "polarisation": FieldAccess(
            lambda world, index, name: float(world.polarisation[index]),
            lambda world, index, name, value: _set_polarisation(world, index, value)),
        "storage_fill": FieldAccess(
            lambda world, index, name: float(world.storage_fill[index]), _set_storage_fill),
    },
    "asset": {"health": _array("health"), "hardening": _array("hardening")},
    "source": {"availability": _array("availability")},
    "partner": {name: _scalar(attr) for name, attr in _PARTNER.items()},
    "alliance": {"cohesion": _scalar("cohesion")},
    "adversary": {"budget_per_turn": _array("adversary_budget"),
                  "risk_appetite": _array("risk_appetite")},
}
PREFIXED: dict[str, dict[str, FieldAccess]] = {
    "state": {SUPPLY_PREFIX: _column("supply", _supply_column)},
    "adversary": {"capacity.": _column("capacity", _domain_index)},
}


def _access(kind: str, name: str) -> FieldAccess:
    found = FIELDS.get(kind, {}).get(name)
    if found is not None:
        return found
    for prefix, access in PREFIXED.get(kind, {}).items():
        if name.startswith(prefix):
            return access
    raise KeyError(f"no field {name!r} on a {kind}")


def get_field(world: World, kind: str, index: int, name: str) -> float:
    """Current value of one field of one record."""
    return _access(kind, name).get(world, index, name)


def state_values(world: World, name: str) -> np.ndarray:
    """One state field for every state at once."""
    if name in _STATE_ARRAYS:
        return getattr(world, _STATE_ARRAYS[name])
    return np.array([get_field(world, "state", i, name) for i in range(len(world.state_ids))])


def set_field(world: World, kind: str, index: int, name: str, value: float) -> float:
    """Set one field, clipped to its range; returns the value actually set."""
    spec = field_spec(kind, name, world.source_ids, world.domain_ids)
    if spec is None:
        raise KeyError(f"no field {name!r} on a {kind}")
    value = max(float(value), spec.low)
    if spec.high is not None:
        value = min(value, spec.high)
    _access(kind, name).put(world, index, name, value)
    return value


FLAT_STD = 1e-9  # a public with no spread cannot be stretched


def _set_polarisation(world: World, index: int, value: float) -> None:
    """Stretch or shrink the public's spread around its mean so that 2 x std == value."""
    row = world.opinions[index]
    mean, std = fast_stats.mean(row), fast_stats.std(row)
    if std < FLAT_STD:
        return
    wanted = value / world.rules.public.polarisation_per_std
    world.opinions[index] = fast_stats.clip(mean + (row - mean) * wanted / std, 0.0, 1.0)


# Effect lines, written when read (event_text.py): "DE.public_trust 0.6 -> 0.55".
CHANGED = Template("{}.{} {:.3g} -> {:.3g}")
ENDED = Template("{}.{} {:.3g} -> {:.3g} ({} ended)")


def apply_effect(
    world: World, effect: Effect, kind: str, indices: list[int], turn: int, source: str
) -> LineParts:
    """Apply one effect to some records; remember temporary ones so they can be undone.

    Returns lines such as "DE.public_trust 0.60 -> 0.55", to be written when read (one
    summary line when an effect lands on many states at once).
    """
    if kind == "state" and effect.field in _STATE_ARRAYS and len(indices) > 1:
        return _apply_to_states(world, effect, indices, turn, source)
    lines = []
    for index in indices:
        before = get_field(world, kind, index, effect.field)
        after = set_field(world, kind, index, effect.field, _wanted(effect, before))
        if effect.duration:
            world.temporary.append(
                TemporaryEffect(turn + effect.duration, kind, index, effect.field,
                                after - before, source, _factor(effect, before, after))
            )
        name = record_name(world, kind, index)
        lines += (CHANGED, name, effect.field, before, after)
    return lines


# Fields whose rises are taken out of the headroom (1 - value): a public already alarmed is
# moved less by one more alarm, so repeated signals approach the top without piling onto it.
HEADROOM_FIELDS = frozenset({"threat_perception"})


def _wanted(effect: Effect, before: float | np.ndarray):
    if effect.add is not None:
        if effect.add > 0 and effect.field in HEADROOM_FIELDS:
            return before + effect.add * (1.0 - before)
        return before + effect.add
    if effect.multiply is not None:
        return before * effect.multiply
    return before * 0.0 + float(effect.set)  # type: ignore[arg-type]


def _apply_to_states(
    world: World, effect: Effect, indices: list[int], turn: int, source: str
) -> LineParts:
    """The same effect on many states' plain array fields, in one vector operation."""
    spec = field_spec("state", effect.field)
    assert spec is not None
    values = getattr(world, _STATE_ARRAYS[effect.field])
    idx = np.asarray(indices)
    before = values[idx].copy()
    after = np.maximum(_wanted(effect, before), spec.low)
    if spec.high is not None:
        after = np.minimum(after, spec.high)
    values[idx] = after
    if effect.duration:
        world.temporary += [
            TemporaryEffect(turn + effect.duration, "state", i, effect.field, a - b, source,
                            _factor(effect, b, a))
            for i, a, b in zip(idx.tolist(), after.tolist(), before.tolist(), strict=True)
        ]
    who = "all states" if len(indices) == len(world.state_ids) else f"{len(indices)} states"
    return [f"{who}.{effect.field} mean {before.mean():.3g} -> {after.mean():.3g}"]


UNDIVIDABLE = 1e-12  # a value this close to zero cannot be restored by division


def _factor(effect: Effect, before: float, after: float) -> float | None:
    """The factor a multiplicative effect actually applied (after clipping), or None when it
    is not multiplicative or cannot be undone by division (it drove the value to zero)."""
    if effect.multiply is None or min(abs(before), abs(after)) < UNDIVIDABLE:
        return None
    return after / before


def _undone(temp: TemporaryEffect, value: float) -> float:
    """The value once a temporary effect ends: divided by its factor, else less its delta."""
    if temp.factor is not None:
        return value / temp.factor
    return value - temp.delta


def expire_effects(world: World, turn: int) -> LineParts:
    """Undo temporary effects whose time is up: a multiplicative one by dividing by the factor
    it applied, an additive one by subtracting its delta."""
    lines = []
    keep = []
    for temp in world.temporary:
        if temp.expires > turn:
            keep.append(temp)
            continue
        before = get_field(world, temp.kind, temp.index, temp.field)
        after = set_field(world, temp.kind, temp.index, temp.field, _undone(temp, before))
        lines += (ENDED, record_name(world, temp.kind, temp.index), temp.field, before, after,
                  temp.source)
    world.temporary = keep
    return lines


_RECORD_IDS = {"state": "state_ids", "asset": "asset_ids", "source": "source_ids",
               "adversary": "adversary_ids"}


def record_name(world: World, kind: str, index: int) -> str:
    """A record's id (the partner and the alliance: their kind)."""
    ids = _RECORD_IDS.get(kind)
    return getattr(world, ids)[index] if ids else kind
