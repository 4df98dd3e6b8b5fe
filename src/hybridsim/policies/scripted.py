"""Scripted: the orders written in the scenario's plan for this turn.

Orders are chosen after ``begin_turn`` has opened the turn, so the observation's ``turn`` is the
turn being played (plans are 1-based: turn 1 is the first turn played).
"""

from __future__ import annotations

from ..model.observation import Observation, ObservationParams
from ..model.orders import Order
from ..scenario.schema import PlanItem


class ScriptedPolicy:
    kind = "scripted"
    observes = ObservationParams(legal_orders=False)  # it reads no order table

    def __init__(self, plan: list[PlanItem]) -> None:
        self.plan = plan

    def choose(self, observation: Observation) -> list[Order]:
        turn, actor = observation.turn, observation.actor
        return [
            Order(actor, item.move, item.target)
            for item in self.plan
            if turn in (item.turn if isinstance(item.turn, list) else [item.turn])
        ]
