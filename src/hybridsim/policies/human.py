"""Human: orders supplied from outside (the viewer, a notebook) for the coming turn."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..model.orders import Order

if TYPE_CHECKING:
    from ..model.model import HybridThreatModel


class HumanPolicy:
    """Plays exactly what was submitted with ``model.submit_orders``; nothing means pass."""

    kind = "human"

    def choose(self, model: HybridThreatModel, actor: str) -> list[Order]:
        return list(model.pending_orders.get(actor, []))
