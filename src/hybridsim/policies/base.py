"""What every policy is: something that turns what its actor knows into orders."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from ..model.orders import Order, OrderOption

if TYPE_CHECKING:
    from ..model.observation import Observation


class Policy(Protocol):
    """Chooses an actor's orders for the turn about to be played, from its observation alone
    (``model.observation.observe``: what its side may know)."""

    kind: str

    def choose(self, observation: Observation) -> list[Order]: ...


def within_budget(options: list[OrderOption], budget: float, max_moves: int) -> list[Order]:
    """Take options in the given order while they fit the budget, one order per action."""
    chosen: list[Order] = []
    used: set[str] = set()
    for option in options:
        if len(chosen) >= max_moves:
            break
        if option.order.action in used or option.cost > budget + 1e-9:
            continue
        chosen.append(option.order)
        used.add(option.order.action)
        budget -= option.cost
    return chosen
