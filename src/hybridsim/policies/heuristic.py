"""Heuristic play: an opportunist adversary and a reactive ally.

The adversary weighs each legal order by its chance of success and the value of the target
(the move's ``prefers`` weights over target indicators) against the risk of attribution scaled
by its risk appetite, then samples among the best (so Monte Carlo runs differ). An ally answers
the incidents it saw last turn with responses that counter their domain, and meets its needs
(storage, Ukraine) through the responses' ``prefers`` weights.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

import numpy as np

from ..model.observation import legal_targets
from ..model.order_table import OrderTable
from ..model.orders import Order, OrderOption, response_option
from .base import within_budget

if TYPE_CHECKING:
    from ..model.observation import Observation
    from ..model.side_view import SideView
    from ..scenario.schema import Response

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
    chooses_legal_orders = True  # only from its observation's legal orders

    def __init__(self, max_moves: int = 3) -> None:
        self.max_moves = max_moves

    def choose(self, observation: Observation) -> list[Order]:
        if observation.orders is not None:
            return self._adversary(observation)
        return self._ally(observation)

    def _adversary(self, obs: Observation) -> list[Order]:
        table, arrays = obs.orders, obs.moves
        if table is None or arrays is None or not table.size:
            return []
        value = _target_values(obs, table)
        move = table.move
        risk = (table.detection * table.attribution * (0.5 + arrays.escalation[move])
                * (1.0 - obs.risk_appetite))
        gain = table.success * np.maximum(value, 0.0) - risk
        flat = gain / np.maximum(arrays.cost[move], 0.5)
        best = float(gain.max())
        # Sample an order of preference: Gumbel-top-k over scores / temperature.
        gumbel = -np.log(-np.log(obs.rng.random(flat.shape[0])))
        ranked = np.argsort(-(flat / TEMPERATURE + gumbel), kind="stable")
        kind_of = {k: kind for k, kind, _, _ in table.segments}
        budget = obs.budget
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
            target = obs.view.target_ids[kind_of[int(move[i])]][int(table.target[i])]
            chosen.append(Order(obs.actor, chosen_move.id, target))
            used.add(chosen_move.id)
            budget -= chosen_move.cost
        return chosen

    def _ally(self, obs: Observation) -> list[Order]:
        return within_budget(_ally_candidates(obs), obs.budget, self.max_moves)


def _ally_candidates(obs: Observation) -> list[OrderOption]:
    """An ally's worthwhile responses this turn, best value for money first.

    A response scores the incidents seen (1 for one's own, 0.1 for an ally's) in the domains it
    counters, plus its ``prefers`` weights over the ally's indicators; one aimed at an adversary
    is scaled by that adversary's share of the attributed attacks. A policy already in force
    is not adopted again."""
    view = obs.view
    scored: list[tuple[float, OrderOption]] = []
    for response, value in _side_scores(view)[obs.index]:
        if response.actors is not None and obs.actor not in response.actors:
            continue
        against_adversary = response.target == "adversary"
        for target in legal_targets(obs, response):
            worth = value * view.attributed.get(target, 0.0) if against_adversary else value
            if worth >= MIN_RESPONSE_SCORE:
                option = response_option(obs.actor, response, target, view.chances[response.id])
                scored.append((-worth / max(response.cost, 0.5), option))
    # A stable sort: equal values keep the toolkit's order.
    return [c[1] for c in sorted(scored, key=lambda c: c[0])]


@functools.lru_cache(maxsize=2)
def _side_scores(view: SideView) -> list[list[tuple[Response, float]]]:
    """Per ally, the open responses worth playing and their scores, computed for every ally at
    once (one pass per side and turn): scored above nothing and, for a response not aimed at
    an adversary, at least ``MIN_RESPONSE_SCORE`` and not already in force."""
    domains = sorted({d for r in view.responses for d in r.counters})
    column = {d: k for k, d in enumerate(domains)}
    incidents = np.zeros((len(view.state_ids), len(domains)))
    for row, sid in enumerate(view.state_ids):
        for d, value in view.incidents.get(sid, {}).items():
            if d in column:
                incidents[row, column[d]] = value
    out: list[list[tuple[Response, float]]] = [[] for _ in view.state_ids]
    for response in view.responses:
        score = np.zeros(len(view.state_ids))
        for d in response.counters:
            if d in column:
                score += incidents[:, column[d]]
        for name, weight in response.prefers.items():
            score += weight * view.indicators["state", name]
        playing = score > 0
        if response.target != "adversary":
            playing &= score >= MIN_RESPONSE_SCORE
            if response.id in view.in_force:
                playing &= ~view.in_force[response.id]
        values = score.tolist()
        for i in np.flatnonzero(playing).tolist():
            out[i].append((response, values[i]))
    return out


def _target_values(obs: Observation, table: OrderTable) -> np.ndarray:
    """What each target is worth to its move: 1, plus the move's ``prefers`` weights over the
    target's indicators; 0 where the move's temporary effects still run on it (repeating a
    supply cut while the last one lasts is wasted effort). The zero is applied last, so no
    preference weight can raise a held target back above nothing."""
    assert obs.moves is not None
    value = np.ones(table.size)
    for k, kind, start, stop in table.segments:
        for name, weight in obs.moves.moves[k].prefers.items():
            value[start:stop] += weight * obs.indicators[kind, name][table.target[start:stop]]
    segment = {k: (kind, start, stop) for k, kind, start, stop in table.segments}
    for move_index, held_kind, held_index in obs.view.held:
        found = segment.get(move_index)
        if found is not None and found[0] == held_kind:
            _, start, stop = found
            value[start:stop][table.target[start:stop] == held_index] = 0.0
    return value
