"""Random: a random affordable selection of legal orders, drawn from the game's generator."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..model.orders import Order
from .base import within_budget

if TYPE_CHECKING:
    from ..model.observation import Observation


class RandomPolicy:
    kind = "random"
    chooses_legal_orders = True  # only from its observation's legal orders

    def __init__(self, max_moves: int = 3) -> None:
        self.max_moves = max_moves

    def choose(self, observation: Observation) -> list[Order]:
        options = observation.options
        if not options:
            return []
        rng = observation.rng
        order = rng.permutation(len(options))
        count = int(rng.integers(0, self.max_moves + 1))
        return within_budget([options[i] for i in order], observation.budget, count)
