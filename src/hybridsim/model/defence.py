"""Defence of targets, evaluated from the rules' declared table (``rules.defence``).

Each row weighs indicators of the target; ``TERM_READERS`` says where in the world each
indicator lives, per target kind. The arithmetic runs over whole arrays of targets (or one
target as a scalar) in the order the row declares, so it reproduces the hand-written formulas
it replaced to the last bit.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from ..rules import DefenceRow, Rules
from ..rules.defence import ACTOR_TERMS
from .targets import target_count
from .world import World

Indices = np.ndarray | int | None
# (world, targets, acting adversary's index or None) -> the indicator of those targets
Reader = Callable[[World, Indices, int | None], np.ndarray]


def _pick(values: np.ndarray, indices: Indices) -> np.ndarray:
    return values if indices is None else values[indices]


def _state(name: str) -> Reader:
    return lambda world, idx, actor: (
        getattr(world, name) if idx is None else getattr(world, name)[idx]
    )


def _owner(name: str) -> Reader:
    """An asset's owner's indicator (the partner's assets read the last ally's; their own
    row is used for them instead)."""

    def read(world: World, idx: Indices, actor: int | None) -> np.ndarray:
        owner = _pick(world.asset_owner, idx)
        return getattr(world, name)[np.minimum(owner, max(len(world.state_ids) - 1, 0))]

    return read


def _consensus(world: World, idx: Indices, actor: int | None) -> np.ndarray:
    return 1.0 - world.polarisation_of(idx)


def _exposure_to_actor(world: World, idx: Indices, actor: int | None) -> np.ndarray:
    if actor is None:
        raise ValueError("this defence row reads the acting adversary: pass its index")
    return world.exposure_to(actor, idx)


def _scalar(name: str) -> Reader:
    return lambda world, idx, actor: getattr(world, name)


TERM_READERS: dict[str, dict[str, Reader]] = {
    "state": {
        "cyber_posture": _state("cyber_posture"),
        "infrastructure_protection": _state("infrastructure_protection"),
        "investment_screening": _state("investment_screening"),
        "public_trust": _state("public_trust"),
        "consensus": _consensus,
        "storage_fill": _state("storage_fill"),
        "china_trade_exposure": _state("china_trade_exposure"),
        "actor_trade_exposure": _exposure_to_actor,
    },
    "asset": {
        "hardening": _state("hardening"),
        "owner_cyber_posture": _owner("cyber_posture"),
        "owner_infrastructure_protection": _owner("infrastructure_protection"),
    },
    "partner_asset": {
        "hardening": _state("hardening"),
        "partner_air_defence": _scalar("partner_air_defence"),
    },
    "partner": {"air_defence": _scalar("partner_air_defence")},
    "alliance": {"cohesion": _scalar("cohesion")},
    "source": {},
    "adversary": {},
}


# Kinds whose indicators are single numbers (one target): their rows give one value, spread
# over as many targets as asked for.
SCALAR_KINDS = frozenset({"partner", "alliance", "source", "adversary"})


@dataclass(frozen=True)
class CompiledRow:
    """A row with its readers looked up once: evaluated for every order, so kept lean."""

    scale: float
    base: float
    terms: tuple[tuple[float, Reader], ...]
    dampers: tuple[tuple[float, Reader], ...]
    one_value: bool  # the same value for every target (no per-target indicator)
    per_actor: bool  # reads the acting adversary (its value differs by who plays the move)

    def __call__(self, world: World, kind: str, indices: Indices,
                 actor: int | None = None) -> np.ndarray:
        """scale x (base + sum of weight x term) x product of (1 - weight x damper)."""
        total = self.base
        for weight, read in self.terms:
            total = total + weight * read(world, indices, actor)
        value = self.scale * total
        for weight, read in self.dampers:
            value = value * (1.0 - weight * read(world, indices, actor))
        if self.one_value and not isinstance(indices, int):
            count = target_count(world, kind) if indices is None else indices.shape[0]
            return np.full(count, value)
        return value


def compile_row(row: DefenceRow, kind: str) -> CompiledRow:
    readers = TERM_READERS[kind]
    return CompiledRow(
        row.scale,
        row.base,
        tuple((w, readers[term]) for term, w in row.terms.items()),
        tuple((w, readers[term]) for term, w in row.damped_by.items()),
        kind in SCALAR_KINDS or not (row.terms or row.damped_by),
        any(term in ACTOR_TERMS for term in (*row.terms, *row.damped_by)),
    )


def compiled_table(rules: Rules) -> dict[tuple[str, str], CompiledRow]:
    """The defence table with its readers looked up, by (target kind, domain)."""
    return {(kind, domain): compile_row(row, kind)
            for kind, rows in rules.defence.items() for domain, row in rows.items()}


def _table(world: World) -> dict[tuple[str, str], CompiledRow]:
    table = world.defence_rows
    if table is None:  # compiled once a game (snapshots share it)
        table = world.defence_rows = compiled_table(world.rules)
    return table


def depends_on_actor(world: World, kind: str, domain: str) -> bool:
    """Whether the defence of a kind against a domain differs by who plays the move."""
    table = _table(world)
    if kind == "asset":
        return table["asset", domain].per_actor or table["partner_asset", domain].per_actor
    return table[kind, domain].per_actor


def defence_of(
    world: World, domain: str, kind: str, indices: Indices = None, actor: int | None = None
) -> np.ndarray:
    """How well targets of one kind resist moves of one domain played by ``actor`` (an
    adversary's index: rows may read the targets' exposure to it), in [0, 1): every target
    of the kind, those at ``indices``, or the one at an int index (a scalar; the same numbers
    in every case)."""
    table = _table(world)
    if kind == "asset":
        own = table["asset", domain](world, kind, indices, actor)
        partner = table["partner_asset", domain](world, kind, indices, actor)
        return np.where(_pick(world.asset_owner, indices) >= len(world.state_ids), partner, own)
    return table[kind, domain](world, kind, indices, actor)
