"""The hybrid-threat model: Mesa agents over array state, adjudication and the turn loop."""

from .events import Event, Roll
from .model import HybridThreatModel, TurnInput
from .orders import Order, OrderOption

__all__ = ["Event", "HybridThreatModel", "Order", "OrderOption", "Roll", "TurnInput"]
