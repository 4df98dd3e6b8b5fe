"""What policies and players ask the game: legal orders with their chances, budgets,
indicators. Reads only; the game's methods of the same names call these.

Memos last a game (response targets: owners never change) or while their key (turn, events)
holds."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np

from ..scenario import indicator_paths
from ..scenario.fields import WINTER_MONTHS
from ..scenario.schema import Response
from . import politics
from .agents import ACTOR_TYPES, Adversary
from .indicators import source_dependence, storage_gap
from .legal_moves import Situation
from .order_table import OrderTable, order_table
from .orders import MoveTable, OrderOption, response_allowed, response_options, response_targets
from .stances import nearness_to_line, open_stances
from .targets import Target, target_count, target_ids

if TYPE_CHECKING:
    from .model import HybridThreatModel
    from .world import World


@dataclass
class QueryMemo:
    """What the queries keep between calls."""

    response_targets: dict[tuple[str, int], tuple[list[Target], frozenset[str]]] = field(
        default_factory=dict)


def response_target_entry(game: HybridThreatModel, response: Response,
                          state: int) -> tuple[list[Target], frozenset[str]]:
    """A response's targets for one ally and their ids (the legality check), kept for
    the game."""
    memo = game.memo.response_targets
    key = (response.id, state)
    found = memo.get(key)
    if found is None:
        targets = response_targets(game.world, game.scenario, response, state)
        found = memo[key] = (targets, frozenset(t.id for t in targets))
    return found


def current_budget(game: HybridThreatModel, actor: str) -> float:
    agent = game.actors[actor]
    return float(ACTOR_TYPES[agent.actor_type].budget(game.world)[agent.index])


def budget_of(game: HybridThreatModel, actor: str) -> float:
    """Points left this turn (the budget fixed when the turn opened, less what was spent)."""
    now = game.now
    total = now.budget[actor] if actor in now.budget else current_budget(game, actor)
    return total - now.spent.get(actor, 0.0)


def adversary_order_table(game: HybridThreatModel, actor: str,
                          all_targets: bool = False) -> OrderTable:
    """Every legal order of an adversary now, with its chances, as flat arrays."""
    return order_table(situation(game, game.actors[actor].index), limit_assets=not all_targets,
                       memo=game.now.choosing)


def situation(game: HybridThreatModel, actor: int) -> Situation:
    """What the legality of an adversary's moves reads now (model/legal_moves.py)."""
    return Situation(world=game.world, scenario=game.scenario, arrays=game.move_arrays,
                     actor=actor, level=game.escalation_level,
                     winter=game.date.month in WINTER_MONTHS,
                     unlock=game.scenario.sharing.unlock_at)


def move_tables(game: HybridThreatModel, actor: str, all_targets: bool = False) -> list[MoveTable]:
    """An adversary's usable moves now, each with its legal targets and chances (arrays)."""
    return adversary_order_table(game, actor, all_targets).by_move(
        game.move_arrays.moves,
        lambda kind, indices: target_ids(game.world, game.scenario, kind, indices))


def options(game: HybridThreatModel, actor: str, all_targets: bool = False) -> list[OrderOption]:
    """Legal orders for an actor now, with costs and chances (what a player is offered)."""
    if isinstance(game.actors[actor], Adversary):
        return [opt for table in move_tables(game, actor, all_targets)
                for opt in table.options(actor)]
    out: list[OrderOption] = []
    for response in game.catalogue.responses.values():
        out += response_options_for(game, actor, response)
    return out


def response_options_for(game: HybridThreatModel, actor: str,
                         response: Response) -> list[OrderOption]:
    """One response's legal orders for an ally now (empty when not allowed)."""
    if not response_allowed(response, actor, game.escalation_level,
                            game.scenario.escalation.collective_level):
        return []
    index = game.actors[actor].index
    found = response_options(game.world, game.scenario, response, index)
    if response.target != "adversary":
        return found
    if not politics.can_afford_naming(game.world, index):
        return []
    return [o for o in found if case_ready(game, o.order.target or "")]


def case_ready(game: HybridThreatModel, adversary: str) -> bool:
    """Whether an investigation against this adversary is complete, so that an ally may
    name or sanction it (attribution politics: docs/mechanics.md). Read once a turn."""
    now = game.now
    if now.cases_ready is None:
        counts = politics.ripe_cases(game.world, game.turn, game.investigation)
        now.cases_ready = frozenset(
            a for a, n in zip(game.world.adversary_ids, counts.tolist(), strict=True) if n)
    return adversary in now.cases_ready


def partner_availability(game: HybridThreatModel) -> float:
    w = game.world
    return min(w.partner_generation / w.partner_peak_demand, 1.0) if w.partner_peak_demand else 1.0


def _winter(game: HybridThreatModel, indices: np.ndarray) -> np.ndarray:
    return np.full(indices.shape[0], 1.0 if game.date.month in WINTER_MONTHS else 0.0)


def _partner_deficit(game: HybridThreatModel, indices: np.ndarray) -> np.ndarray:
    return np.full(indices.shape[0], 1.0 - partner_availability(game))


def _asset_states(world: World, indices: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """An asset's owner (the partner's assets: no ally, not valid)."""
    p = len(world.state_ids)
    owner = world.asset_owner[indices]
    return np.minimum(owner, max(p - 1, 0)), owner < p


Reads = Callable[["HybridThreatModel", np.ndarray], np.ndarray]
# Indicators for heuristic scoring, looked up in this order: of any target kind; of one kind's
# targets themselves; of the ally a target lies in (STATE_OF), from STATE_LEVEL or the log.
ANY_KIND: dict[str, Reads] = {"winter": _winter}
OF_KIND: dict[tuple[str, str], Reads] = {
    ("asset", "capacity"): lambda game, idx: game.world.asset_capacity[idx],
    ("partner", "deficit"): _partner_deficit,
    ("source", "dependence"): lambda game, idx: source_dependence(game.world)[idx],
}
STATE_OF: dict[str, Callable[[World, np.ndarray], tuple[np.ndarray, np.ndarray]]] = {
    "state": lambda world, idx: (idx, np.ones(idx.shape[0], dtype=bool)),
    "asset": _asset_states,
}
STATE_LEVEL: dict[str, Reads] = {
    "storage_gap": lambda game, st: storage_gap(game.world, game.date)[st],
    "low_trust": lambda game, st: 1.0 - game.world.public_trust[st],
    "partner_deficit": _partner_deficit,
    # Nearness to the for/against line on the open proposals (model/stances.py): a courting
    # adversary's preference can read it.
    "holdout": lambda game, st: nearness_to_line(game.world, open_stances(
        game.world, game.scenario.alliance.proposals))[st],
}


def indicator_array(game: HybridThreatModel, kind: str, indices: np.ndarray,
                    name: str) -> np.ndarray:
    """An indicator of many targets of one kind at once, for heuristic scoring (0 where it
    does not apply)."""
    own = ANY_KIND.get(name) or OF_KIND.get((kind, name))
    if own is not None:
        return own(game, indices)
    to_state = STATE_OF.get(kind)
    last = game.indicator_log[-1].state
    if to_state is None or (name not in STATE_LEVEL and name not in last):
        return np.zeros(indices.shape[0])
    st, valid = to_state(game.world, indices)
    read = STATE_LEVEL.get(name)
    values = read(game, st) if read is not None else last[name][st]
    return np.where(valid, values, 0.0)


def indicator_over(game: HybridThreatModel, kind: str, name: str) -> np.ndarray:
    """``indicator_array`` over every target of a kind; shared by all players while they
    choose (the world stands still then)."""
    choosing = game.now.choosing
    memo = choosing.indicators if choosing is not None else {}
    found = memo.get((kind, name))
    if found is None:
        found = memo[kind, name] = indicator_array(
            game, kind, np.arange(target_count(game.world, kind)), name)
    return found


def indicator_value(game: HybridThreatModel, path: str) -> float:
    """Value of an indicator path (docs/indicator-paths.md) at the end of the last turn."""
    world = game.world
    return indicator_paths.read(indicator_paths.parse(path), game.indicator_log[-1],
                                world.counters, world.state_ids, world.adversary_ids)
