"""Every legal order of one adversary now, as flat arrays: what its player weighs each turn.

An adversary weighs its whole toolkit every turn. Built move by move, that is a few dozen small
numpy calls per move; here the targets and chances of all its moves are computed together, with
one defence and one vigilance array per (target kind, domain) shared by every move needing it.
The arithmetic is the one ``adjudication.move_chances`` does for a single order (both use
``adjudication.chances``), so the chances offered are exactly the chances rolled against.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np

from ..scenario.schema import Move
from .adjudication import (
    chances,
    defence_of_kind,
    mean_threat,
    vigilance_of_kind,
)
from .defence import depends_on_actor
from .legal_moves import Situation, target_mask, usable_moves
from .orders import MoveTable
from .targets import target_count
from .world import TYPE_CODE, World

MAX_ASSET_OPTIONS = 12
MOVE_TARGET_KINDS = ("state", "asset", "source", "partner", "alliance")


class ChoiceMemo:
    """Arrays over whole target kinds (defence, vigilance, indicators, the assets by value)
    for one unchanged world.

    Valid only while the world does not change: the model keeps one while its players
    choose their orders (nothing moves then) and drops it before adjudication."""

    def __init__(self, world: World) -> None:
        self.world = world
        self.mean_threat = mean_threat(world)
        self.indicators: dict[tuple[str, str], np.ndarray] = {}
        self._assets_by_value: np.ndarray | None = None
        self._rows: dict[tuple[str, str], np.ndarray] = {}
        self._per_actor: dict[tuple[str, int], np.ndarray] = {}

    def assets_by_value(self) -> np.ndarray:
        """Assets from the most to the least valuable target (capacity left unhardened);
        ties keep the lower index first."""
        if self._assets_by_value is None:
            world = self.world
            self._assets_by_value = np.argsort(
                -(world.asset_capacity * (1.0 - world.hardening)), kind="stable"
            )
        return self._assets_by_value

    def by_domain(self, what: str, kind: str, arrays: MoveArrays, actor: int) -> np.ndarray:
        """(domains, targets of the kind): defence or vigilance against every domain the
        kind's moves use (zero rows for the others), so a table gathers them in one go.
        Rows that read the acting adversary are redone for each actor."""
        found = self._rows.get((what, kind))
        if found is None:
            found = np.zeros((len(self.world.domain_ids), target_count(self.world, kind)))
            watch: dict[str, np.ndarray] = {}  # vigilance depends only on what watches
            for d in arrays.domains_of[kind]:
                domain = self.world.domain_ids[d]
                if what == "defence":
                    if not depends_on_actor(self.world, kind, domain):  # else per actor
                        found[d] = defence_of_kind(self.world, domain, kind)
                else:
                    by = self.world.domain_watch[d]
                    if by not in watch:
                        watch[by] = vigilance_of_kind(self.world, by, kind, self.mean_threat)
                    found[d] = watch[by]
            self._rows[what, kind] = found
        if what == "defence":
            return self._for_actor(found, kind, arrays, actor)
        return found

    def _for_actor(self, shared: np.ndarray, kind: str, arrays: MoveArrays,
                   actor: int) -> np.ndarray:
        """The defence rows with those that depend on who plays the move made for ``actor``."""
        own = self._per_actor.get((kind, actor))
        if own is None:
            own = shared
            for d in arrays.domains_of[kind]:
                domain = self.world.domain_ids[d]
                if depends_on_actor(self.world, kind, domain):
                    own = own.copy() if own is shared else own
                    own[d] = defence_of_kind(self.world, domain, kind, None, actor)
            self._per_actor[kind, actor] = own
        return own


@dataclass(frozen=True)
class MoveArrays:
    """The toolkit's moves as arrays, in catalogue order (fixed for a game)."""

    moves: list[Move]
    of_kind: dict[str, np.ndarray]  # target kind -> indices of the moves aimed at it
    domain: np.ndarray
    success: np.ndarray
    detection: np.ndarray
    attribution: np.ndarray
    escalation: np.ndarray
    cost: np.ndarray
    asset_types: np.ndarray  # (moves, asset type codes): which types a move may hit
    min_escalation: np.ndarray
    max_escalation: np.ndarray  # inf where there is no maximum
    winter_only: np.ndarray
    min_exposure: np.ndarray  # to the acting adversary
    max_cyber_posture: np.ndarray
    requires_source_control: np.ndarray
    overt: np.ndarray  # known by their nature: detected and attributed for certain
    uses_exposure: bool  # some move needs a minimum exposure (else the mask skips the check)
    # Target kind -> the domains (capacity columns) its moves use, sorted: read every turn.
    domains_of: dict[str, tuple[int, ...]] = field(default_factory=dict)

    @classmethod
    def build(cls, moves: list[Move], domains: list[str]) -> MoveArrays:
        """``domains``: the game's domains in the order of the world's capacity columns."""
        def values(get, dtype=np.float64) -> np.ndarray:
            return np.array([get(m) for m in moves], dtype=dtype)

        types = np.zeros((len(moves), len(TYPE_CODE)), dtype=bool)
        for k, move in enumerate(moves):
            types[k, [TYPE_CODE[t] for t in move.asset_types]] = True
        inf = float("inf")
        return cls(
            moves=list(moves),
            of_kind={
                kind: np.array([k for k, m in enumerate(moves) if m.target == kind], dtype=np.int64)
                for kind in MOVE_TARGET_KINDS
            },
            domain=values(lambda m: domains.index(m.domain), np.int64),
            success=values(lambda m: m.success),
            detection=values(lambda m: m.detection),
            attribution=values(lambda m: m.attribution),
            overt=values(lambda m: m.overt, bool),
            escalation=values(lambda m: m.escalation),
            cost=values(lambda m: m.cost),
            asset_types=types,
            min_escalation=values(lambda m: m.preconditions.min_escalation),
            max_escalation=values(
                lambda m: inf if m.preconditions.max_escalation is None
                else m.preconditions.max_escalation
            ),
            winter_only=values(lambda m: m.preconditions.winter_only, bool),
            min_exposure=values(lambda m: m.preconditions.min_target_exposure),
            max_cyber_posture=values(lambda m: m.preconditions.max_target_cyber_posture),
            requires_source_control=values(lambda m: m.preconditions.requires_source_control, bool),
            uses_exposure=any(m.preconditions.min_target_exposure > 0 for m in moves),
            domains_of={
                kind: tuple(sorted({domains.index(m.domain) for m in moves if m.target == kind}))
                for kind in MOVE_TARGET_KINDS
            },
        )


@dataclass(frozen=True)
class OrderTable:
    """Legal (move, target) pairs, ordered by move (catalogue order) then target index.

    ``segments`` gives, per move with at least one target, its kind and its slice of pairs."""

    move: np.ndarray
    target: np.ndarray
    success: np.ndarray
    detection: np.ndarray
    attribution: np.ndarray
    segments: list[tuple[int, str, int, int]]  # (move index, kind, start, stop)

    @property
    def size(self) -> int:
        return int(self.move.shape[0])

    def by_move(self, moves: Sequence[Move],
                ids_of: Callable[[str, np.ndarray], list[str]]) -> list[MoveTable]:
        """The table split by move: each usable move with its targets (indices and the ids
        ``ids_of(kind, indices)`` names them by) and the chances against each."""
        out = []
        for k, kind, start, stop in self.segments:
            indices = self.target[start:stop]
            out.append(MoveTable(
                moves[k], kind, indices, ids_of(kind, indices),
                {"success": self.success[start:stop], "detection": self.detection[start:stop],
                 "attribution": self.attribution[start:stop]},
            ))
        return out


def _most_valuable(mask: np.ndarray, memo: ChoiceMemo) -> np.ndarray:
    """Keep each move's most valuable targets (ties: the lower index first): the options a
    player is shown, not a rule of legality."""
    if not (mask.sum(axis=1) > MAX_ASSET_OPTIONS).any():
        return mask
    order = memo.assets_by_value()
    ranked = mask[:, order]
    kept = np.zeros(mask.shape, dtype=bool)
    kept[:, order] = ranked & (np.cumsum(ranked, axis=1) <= MAX_ASSET_OPTIONS)
    return kept


def _segments(move: np.ndarray, arrays: MoveArrays) -> list[tuple[int, str, int, int]]:
    """(move, its target kind, start, stop) of each move's run of pairs (sorted by move)."""
    counts = np.bincount(move, minlength=len(arrays.moves)).tolist()
    segments, start = [], 0
    for k, count in enumerate(counts):
        if count:
            segments.append((k, arrays.moves[k].target, start, start + count))
            start += count
    return segments


def order_table(s: Situation, limit_assets: bool = True,
                memo: ChoiceMemo | None = None) -> OrderTable:
    """Every legal order of the situation's adversary, with chances (legality:
    model/legal_moves.py). ``memo`` shares defence arrays between adversaries weighing the
    same world."""
    world, arrays, actor = s.world, s.arrays, s.actor
    memo = memo or ChoiceMemo(world)
    usable = usable_moves(s)
    parts = []
    for kind in MOVE_TARGET_KINDS:
        moves = arrays.of_kind[kind]
        moves = moves[usable[moves]]
        if not moves.size:
            continue
        mask = target_mask(s, kind, moves)
        if kind == "asset" and limit_assets:
            mask = _most_valuable(mask, memo)
        rows, cols = np.nonzero(mask)
        if not rows.size:
            continue
        move = moves[rows]
        domains = arrays.domain[move]
        defence = memo.by_domain("defence", kind, arrays, actor)[domains, cols]
        vigilance = memo.by_domain("vigilance", kind, arrays, actor)[domains, cols]
        parts.append((move, cols, defence, vigilance))
    if not parts:
        empty = np.zeros(0)
        return OrderTable(np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64),
                          empty, empty, empty, [])
    # Pairs come grouped by kind; a stable sort by move keeps each move's targets in order.
    move, target, defence, vigilance = (
        np.concatenate(column) for column in zip(*parts, strict=True)
    )
    order = np.argsort(move, kind="stable")
    move, target = move[order], target[order]
    defence, vigilance = defence[order], vigilance[order]
    segments = _segments(move, arrays)
    odds = chances(
        arrays.success[move],
        arrays.detection[move],
        arrays.attribution[move],
        world.proficiency[actor][move],
        world.capacity[actor][arrays.domain[move]],
        defence,
        vigilance,
        memo.mean_threat,
        world.rules.chances,
    )
    overt = arrays.overt[move]
    return OrderTable(
        move=move,
        target=target,
        success=odds["success"],
        detection=np.where(overt, 1.0, odds["detection"]),
        attribution=np.where(overt, 1.0, odds["attribution"]),
        segments=segments,
    )
