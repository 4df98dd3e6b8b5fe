"""Random: a random affordable selection of legal orders, drawn from the model's generator."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..model.orders import Order
from .base import within_budget

if TYPE_CHECKING:
    from ..model.model import HybridThreatModel


class RandomPolicy:
    kind = "random"
    chooses_legal_orders = True  # it draws from ``model.options``, the legal orders

    def __init__(self, max_moves: int = 3) -> None:
        self.max_moves = max_moves

    def choose(self, model: HybridThreatModel, actor: str) -> list[Order]:
        options = model.options(actor)
        if not options:
            return []
        order = model.rng.permutation(len(options))
        count = int(model.rng.integers(0, self.max_moves + 1))
        return within_budget([options[i] for i in order], model.budget_of(actor), count)
