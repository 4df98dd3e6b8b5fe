"""Scripted: the orders written in the scenario's plan for this turn.

Orders are chosen after ``begin_turn`` has opened the turn, so ``model.turn`` is the turn being
played (plans are 1-based: turn 1 is the first turn played).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..model.orders import Order
from ..scenario.schema import PlanItem

if TYPE_CHECKING:
    from ..model.model import HybridThreatModel


class ScriptedPolicy:
    kind = "scripted"

    def __init__(self, plan: list[PlanItem]) -> None:
        self.plan = plan

    def choose(self, model: HybridThreatModel, actor: str) -> list[Order]:
        turn = model.turn
        return [
            Order(actor, item.move, item.target)
            for item in self.plan
            if turn in (item.turn if isinstance(item.turn, list) else [item.turn])
        ]
