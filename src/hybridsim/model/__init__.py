"""The hybrid-threat model: Mesa agents over array state, adjudication and the turn loop."""

from .events import Cause, Event, Roll
from .history import TurnInput
from .model import HybridThreatModel
from .orders import Order, OrderOption

__all__ = ["Cause", "Event", "HybridThreatModel", "Order", "OrderOption", "Roll", "TurnInput"]
