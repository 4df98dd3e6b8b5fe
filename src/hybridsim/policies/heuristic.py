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
MIN_RESPONSE_SCORE = 0.25


class HeuristicPolicy:
    kind = "heuristic"

    def __init__(self, max_moves: int = 3) -> None:
        self.max_moves = max_moves

    def choose(self, model: HybridThreatModel, actor: str) -> list[Order]:
        if actor in model.world.adversary_ids:
            return self._adversary(model, actor)
        return self._ally(model, actor)

    def _adversary(self, model: HybridThreatModel, actor: str) -> list[Order]:
        options = model.options(actor)
        if not options:
            return []
        a = model.world.adversary_ids.index(actor)
        appetite = model.world.risk_appetite[a]
        scores = np.empty(len(options))
        for i, opt in enumerate(options):
            move = model.catalogue.moves[opt.order.action]
            value = 1.0 + sum(
                w * model.target_indicator(opt.order.target, name)
                for name, w in move.prefers.items()
            )
            risk = (
                opt.chances["detection"]
                * opt.chances["attribution"]
                * (0.5 + move.escalation)
                * (1.0 - appetite)
            )
            scores[i] = (opt.chances["success"] * max(value, 0.0) - risk) / max(opt.cost, 0.5)
        # Sample an order of preference: Gumbel-top-k over scores / temperature.
        gumbel = -np.log(-np.log(model.rng.random(len(options))))
        ranked = np.argsort(-(scores / TEMPERATURE + gumbel), kind="stable")
        ranked = [i for i in ranked if scores[i] > 0]
        return within_budget([options[i] for i in ranked], model.budget_of(actor), self.max_moves)

    def _ally(self, model: HybridThreatModel, actor: str) -> list[Order]:
        options = model.options(actor)
        if not options:
            return []
        incidents = model.recent_incidents(actor)
        scored: list[tuple[float, int, OrderOption]] = []
        for i, opt in enumerate(options):
            response = model.catalogue.responses[opt.order.action]
            score = sum(incidents.get(d.value, 0.0) for d in response.counters)
            score += sum(
                w * model.target_indicator(actor, name) for name, w in response.prefers.items()
            )
            if response.target == "adversary":
                score *= model.attributed_share(opt.order.target or "")
            if score >= MIN_RESPONSE_SCORE:
                scored.append((-score / max(opt.cost, 0.5), i, opt))
        scored.sort()
        return within_budget([s[2] for s in scored], model.budget_of(actor), self.max_moves)
