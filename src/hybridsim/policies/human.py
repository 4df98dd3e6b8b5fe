"""Human: orders supplied from outside (the viewer, a notebook) for the coming turn."""

from __future__ import annotations

from ..model.observation import Observation, ObservationParams
from ..model.orders import Order


class HumanPolicy:
    """Marks an actor as played by people: it plays exactly what they submitted with
    ``model.submit_orders`` (nothing means pass), which reaches it in its observation."""

    kind = "human"
    observes = ObservationParams(legal_orders=False)  # it reads no order table

    def choose(self, observation: Observation) -> list[Order]:
        return list(observation.submitted)
