"""Human: orders supplied from outside (the viewer, a notebook) for the coming turn."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..model.orders import Order

if TYPE_CHECKING:
    from ..model.observation import Observation


class HumanPolicy:
    """Marks an actor as played by people: it plays exactly what they submitted with
    ``model.submit_orders`` (nothing means pass), which reaches it in its observation."""

    kind = "human"

    def choose(self, observation: Observation) -> list[Order]:
        return list(observation.submitted)
