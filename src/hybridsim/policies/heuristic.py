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

from ..model import politics
from ..model.adjudication import response_chances
from ..model.order_table import OrderTable
from ..model.orders import (
    Order,
    OrderOption,
    response_option,
    target_ids,
)
from .base import within_budget

if TYPE_CHECKING:
    from ..model.model import HybridThreatModel

TEMPERATURE = 0.15
# Each further operation in the same week must promise more: the k-th after the first needs
# an expected gain (value less risk) above k x TEMPO_SHARE x the week's best. Planning, people
# and deniable channels are finite, so a campaign does not fill every slot it may (judgement: a
# fifth operation must be nearly as good as the best, 80%; without this rule adversaries played
# at their cap in almost every turn, by construction).
TEMPO_SHARE = 0.2
MIN_RESPONSE_SCORE = 0.4


class HeuristicPolicy:
    kind = "heuristic"
    # Its orders come from the legality rules (order tables, response options), so the
    # adjudicator need not check them again on the world they were chosen on.
    chooses_legal_orders = True

    def __init__(self, max_moves: int = 3) -> None:
        self.max_moves = max_moves

    def choose(self, model: HybridThreatModel, actor: str) -> list[Order]:
        if actor in model.world.adversary_ids:
            return self._adversary(model, actor)
        return self._ally(model, actor)

    def _adversary(self, model: HybridThreatModel, actor: str) -> list[Order]:
        table = model.order_table(actor)
        if not table.size:
            return []
        world = model.world
        arrays = model.move_arrays
        appetite = world.risk_appetite[world.adversary_ids.index(actor)]
        value = _target_values(model, table)
        move = table.move
        risk = (table.detection * table.attribution * (0.5 + arrays.escalation[move])
                * (1.0 - appetite))
        gain = table.success * np.maximum(value, 0.0) - risk
        flat = gain / np.maximum(arrays.cost[move], 0.5)
        best = float(gain.max())
        # Sample an order of preference: Gumbel-top-k over scores / temperature.
        gumbel = -np.log(-np.log(model.rng.random(flat.shape[0])))
        ranked = np.argsort(-(flat / TEMPERATURE + gumbel), kind="stable")
        kind_of = {k: kind for k, kind, _, _ in table.segments}
        budget = model.budget_of(actor)
        chosen: list[Order] = []
        used: set[str] = set()
        for i in ranked:
            if len(chosen) >= self.max_moves or flat[i] <= 0:
                break
            chosen_move = arrays.moves[move[i]]
            if chosen_move.id in used or chosen_move.cost > budget + 1e-9:
                continue
            if gain[i] <= TEMPO_SHARE * len(chosen) * best:
                continue  # not worth another operation this week
            kind = kind_of[int(move[i])]
            target = target_ids(world, model.scenario, kind, table.target[i : i + 1])[0]
            chosen.append(Order(actor, chosen_move.id, target))
            used.add(chosen_move.id)
            budget -= chosen_move.cost
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
    n_states = len(world.state_ids)
    domains = sorted({d for r in model.catalogue.responses.values() for d in r.counters})
    column = {d: k for k, d in enumerate(domains)}
    incidents = np.zeros((n_states, len(domains)))
    for row, sid in enumerate(world.state_ids):
        for d, value in model.recent_incidents(sid).items():
            if d in column:
                incidents[row, column[d]] = value
    by_state: dict[str, list[tuple[float, int, OrderOption]]] = {s: [] for s in world.state_ids}
    level = model.escalation_level
    collective_level = model.scenario.escalation.collective_level
    shares = {a: model.attributed_share(a) for a in world.adversary_ids}
    for r_index, response in enumerate(model.catalogue.responses.values()):
        if (level < response.preconditions.min_escalation
                or (response.collective and level < collective_level)):
            continue  # not allowed to anyone this turn
        score = np.zeros(n_states)
        for d in response.counters:
            if d in column:
                score += incidents[:, column[d]]
        for name, weight in response.prefers.items():
            score += weight * model.indicator_over("state", name)
        against_adversary = response.target == "adversary"
        playing = score > 0
        if not against_adversary:
            playing &= score >= MIN_RESPONSE_SCORE
            if not playing.any():
                continue
            playing &= ~_already_in_force(model, response)
        chances = response_chances(world, response, None)
        shared_targets = (None if response.target in ("self", "state", "asset")
                          else model.response_targets(response, 0))
        values = score.tolist()
        for i in np.flatnonzero(playing).tolist():
            sid = world.state_ids[i]
            if response.actors is not None and sid not in response.actors:
                continue
            if against_adversary and not politics.can_afford_naming(world, i):
                continue
            targets = shared_targets
            if targets is None:
                targets = model.response_targets(response, i)
            for target in targets:
                value = values[i]
                if against_adversary:
                    if not model.case_ready(target.id):
                        continue
                    value *= shares.get(target.id, 0.0)
                if value >= MIN_RESPONSE_SCORE:
                    option = response_option(sid, response, target.id, chances)
                    by_state[sid].append((-value / max(response.cost, 0.5), r_index, option))
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


def _target_values(model: HybridThreatModel, table: OrderTable) -> np.ndarray:
    """What each target is worth to its move: 1, plus the move's ``prefers`` weights over the
    target's indicators; 0 where the move's temporary effects still run on it (repeating a
    supply cut while the last one lasts is wasted effort). The zero is applied last, so no
    preference weight can raise a held target back above nothing."""
    value = np.ones(table.size)
    for k, kind, start, stop in table.segments:
        for name, weight in model.move_arrays.moves[k].prefers.items():
            value[start:stop] += weight * model.indicator_over(kind, name)[table.target[start:stop]]
    segment = {k: (kind, start, stop) for k, kind, start, stop in table.segments}
    index = model.world.move_index
    for effect in model.world.temporary:
        found = segment.get(index.get(effect.source, -1))
        if found is not None and found[0] == effect.kind:
            _, start, stop = found
            value[start:stop][table.target[start:stop] == effect.index] = 0.0
    return value
