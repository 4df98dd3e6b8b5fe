"""Defence of targets, evaluated from the rules' declared table (``rules.defence``).

Each row weighs indicators of the target; ``TERM_READERS`` says where in the world each
indicator lives, per target kind. The arithmetic runs over whole arrays of targets (or one
target as a scalar) in the order the row declares, so it reproduces the hand-written formulas
it replaced to the last bit.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from ..rules import DefenceRow
from ..scenario.schema import Domain
from .world import World

Indices = np.ndarray | int | None
Reader = Callable[[World, Indices], np.ndarray]


def _pick(values: np.ndarray, indices: Indices) -> np.ndarray:
    return values if indices is None else values[indices]


def _state(name: str) -> Reader:
    return lambda world, idx: _pick(getattr(world, name), idx)


def _owner(name: str) -> Reader:
    """An asset's owner's indicator (the partner's assets read the last ally's; their own
    row is used for them instead)."""

    def read(world: World, idx: Indices) -> np.ndarray:
        owner = _pick(world.asset_owner, idx)
        return getattr(world, name)[np.minimum(owner, max(len(world.state_ids) - 1, 0))]

    return read


def _consensus(world: World, idx: Indices) -> np.ndarray:
    return 1.0 - world.polarisation_of(idx)


def _hardening(world: World, idx: Indices) -> np.ndarray:
    return _pick(world.hardening, idx)


def _scalar(name: str) -> Reader:
    return lambda world, idx: getattr(world, name)


TERM_READERS: dict[str, dict[str, Reader]] = {
    "state": {
        "cyber_posture": _state("cyber_posture"),
        "infrastructure_protection": _state("infrastructure_protection"),
        "investment_screening": _state("investment_screening"),
        "public_trust": _state("public_trust"),
        "consensus": _consensus,
        "storage_fill": _state("storage_fill"),
        "china_trade_exposure": _state("china_trade_exposure"),
    },
    "asset": {
        "hardening": _hardening,
        "owner_cyber_posture": _owner("cyber_posture"),
        "owner_infrastructure_protection": _owner("infrastructure_protection"),
    },
    "partner_asset": {
        "hardening": _hardening,
        "partner_air_defence": _scalar("partner_air_defence"),
    },
    "partner": {"air_defence": _scalar("partner_air_defence")},
    "alliance": {"cohesion": _scalar("cohesion")},
    "source": {},
    "adversary": {},
}


def row_value(world: World, row: DefenceRow, kind: str, indices: Indices, n: int) -> np.ndarray:
    """One row: scale x (base + sum of weight x term) x product of (1 - weight x damper)."""
    readers = TERM_READERS[kind]
    total: np.ndarray | float = row.base
    for term, weight in row.terms.items():
        total = total + weight * readers[term](world, indices)
    value = row.scale * total
    for term, weight in row.damped_by.items():
        value = value * (1.0 - weight * readers[term](world, indices))
    if np.ndim(value) == 0 and not isinstance(indices, int):
        return np.full(n, value)
    return value


def defence_of(world: World, domain: Domain, kind: str, indices: Indices, count: int) -> np.ndarray:
    """How well targets of one kind resist moves of one domain, in [0, 1): every target of
    the kind (``count`` of them), those at ``indices``, or the one at an int index (a scalar;
    the same numbers in every case)."""
    table = world.rules.defence
    n = count if indices is None else np.size(indices)
    if kind == "asset":
        own = row_value(world, table["asset"][domain.value], "asset", indices, n)
        partner = row_value(world, table["partner_asset"][domain.value], "partner_asset",
                            indices, n)
        return np.where(_pick(world.asset_owner, indices) >= len(world.state_ids), partner, own)
    return row_value(world, table[kind][domain.value], kind, indices, n)
