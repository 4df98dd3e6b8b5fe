"""Heuristic play: an opportunist adversary and a reactive ally.

The adversary weighs each legal order by its chance of success and the value of the target
(the move's ``prefers`` weights over target indicators) against the risk of attribution scaled
by its risk appetite, then samples among the best (so Monte Carlo runs differ). An ally answers
the incidents it saw last turn with responses that counter their domain, and meets its needs
(storage, Ukraine) through the responses' ``prefers`` weights.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from ..model.orders import Order, OrderOption
from .base import within_budget

if TYPE_CHECKING:
    from ..model.model import HybridThreatModel

TEMPERATURE = 0.15
MIN_RESPONSE_SCORE = 0.4


class HeuristicPolicy:
    kind = "heuristic"

    def __init__(self, max_moves: int = 3) -> None:
        self.max_moves = max_moves

    def choose(self, model: HybridThreatModel, actor: str) -> list[Order]:
        if actor in model.world.adversary_ids:
            return self._adversary(model, actor)
        return self._ally(model, actor)

    def _adversary(self, model: HybridThreatModel, actor: str) -> list[Order]:
        tables = model.move_tables(actor)
        if not tables:
            return []
        appetite = model.world.risk_appetite[model.world.adversary_ids.index(actor)]
        scores = []
        for table in tables:
            move = table.move
            value = np.ones(table.indices.shape[0])
            value[_still_in_force(model, table)] = 0.0
            for name, weight in move.prefers.items():
                value += weight * model.indicator_array(table.kind, table.indices, name)
            c = table.chances
            risk = c["detection"] * c["attribution"] * (0.5 + move.escalation) * (1.0 - appetite)
            scores.append((c["success"] * np.maximum(value, 0.0) - risk) / max(move.cost, 0.5))
        flat = np.concatenate(scores)
        owner = np.concatenate([np.full(len(t.ids), i) for i, t in enumerate(tables)])
        slot = np.concatenate([np.arange(len(t.ids)) for t in tables])
        # Sample an order of preference: Gumbel-top-k over scores / temperature.
        gumbel = -np.log(-np.log(model.rng.random(flat.shape[0])))
        ranked = np.argsort(-(flat / TEMPERATURE + gumbel), kind="stable")
        budget = model.budget_of(actor)
        chosen: list[Order] = []
        used: set[str] = set()
        for i in ranked:
            if len(chosen) >= self.max_moves or flat[i] <= 0:
                break
            table = tables[owner[i]]
            if table.move.id in used or table.move.cost > budget + 1e-9:
                continue
            chosen.append(Order(actor, table.move.id, table.ids[slot[i]]))
            used.add(table.move.id)
            budget -= table.move.cost
        return chosen

    def _ally(self, model: HybridThreatModel, actor: str) -> list[Order]:
        plans = model.turn_cache.get("ally_plans")
        if plans is None:
            plans = model.turn_cache["ally_plans"] = _ally_candidates(model)
        candidates = plans.get(actor, [])
        return within_budget(candidates, model.budget_of(actor), self.max_moves)


def _ally_candidates(model: HybridThreatModel) -> dict[str, list[OrderOption]]:
    """Every ally's worthwhile responses this turn, best value for money first.

    Scores are computed for all allies at once: incidents seen (1 for one's own, 0.1 for an
    ally's) in the domains a response counters, plus its ``prefers`` weights over the ally's
    indicators; responses aimed at an adversary are scaled by its share of attributed attacks.
    """
    world = model.world
    states = np.arange(len(world.state_ids))
    domains = sorted({d.value for r in model.catalogue.responses.values() for d in r.counters})
    incidents = np.zeros((states.size, len(domains)))
    for sid in world.state_ids:
        seen = model.recent_incidents(sid)
        row = world.state_ids.index(sid)
        for d, value in seen.items():
            if d in domains:
                incidents[row, domains.index(d)] = value
    by_state: dict[str, list[tuple[float, int, OrderOption]]] = {s: [] for s in world.state_ids}
    for r_index, response in enumerate(model.catalogue.responses.values()):
        score = np.zeros(states.size)
        for d in response.counters:
            if d.value in domains:
                score += incidents[:, domains.index(d.value)]
        for name, weight in response.prefers.items():
            score += weight * model.indicator_array("state", states, name)
        if response.target != "adversary":
            worth = score >= MIN_RESPONSE_SCORE
            if not worth.any():
                continue
            worth &= ~_already_in_force(model, response)
        for i in np.flatnonzero(score > 0):
            sid = world.state_ids[i]
            if response.target != "adversary" and not worth[i]:
                continue
            for option in model.response_options_for(sid, response):
                value = score[i]
                if response.target == "adversary":
                    value *= model.attributed_share(option.order.target or "")
                if value >= MIN_RESPONSE_SCORE:
                    by_state[sid].append((-value / max(option.cost, 0.5), r_index, option))
    return {sid: [c[2] for c in sorted(items, key=lambda c: (c[0], c[1]))]
            for sid, items in by_state.items()}


def _already_in_force(model: HybridThreatModel, response) -> np.ndarray:
    """Per ally: a policy response (one that sets fields) whose settings are already in force,
    so that adopting it again would change nothing but its side effects."""
    from ..model.effects import state_values

    n = len(model.world.state_ids)
    sets = [e for e in response.effects if e.set is not None and e.on == "target"]
    if not sets or response.target not in ("self", "state"):
        return np.zeros(n, dtype=bool)
    in_force = np.ones(n, dtype=bool)
    for effect in sets:
        in_force &= np.abs(state_values(model.world, effect.field) - effect.set) < 1e-9
    return in_force


def _still_in_force(model: HybridThreatModel, table) -> np.ndarray:
    """Targets on which this move's temporary effects are still running: repeating a supply
    cut while the last one lasts is wasted effort."""
    active = {t.index for t in model.world.temporary
              if t.source == table.move.id and t.kind == table.kind}
    if not active:
        return np.zeros(table.indices.shape[0], dtype=bool)
    return np.isin(table.indices, list(active))
