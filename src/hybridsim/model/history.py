"""A game's history: what came from outside in each turn (enough to replay it), the game as it
was before a turn began (for undo and overrides), and the replay of a recorded game."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .events import Event
from .orders import Order
from .world import World

if TYPE_CHECKING:
    from .model import HybridThreatModel


@dataclass
class TurnInput:
    """What came from outside the simulation in one turn: enough to replay it exactly."""

    policies: dict[str, str] = field(default_factory=dict)
    orders: dict[str, list[Order]] = field(default_factory=dict)
    forced: dict[str, dict[str, bool]] = field(default_factory=dict)
    reasons: dict[str, str] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "policies": dict(self.policies),
            "orders": {a: [o.to_dict() for o in os] for a, os in self.orders.items()},
            "forced": {k: dict(v) for k, v in self.forced.items()},
            "reasons": dict(self.reasons),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> TurnInput:
        return cls(
            policies=dict(data.get("policies", {})),
            orders={a: [Order(**o) for o in os] for a, os in data.get("orders", {}).items()},
            forced={k: dict(v) for k, v in data.get("forced", {}).items()},
            reasons=dict(data.get("reasons", {})),
        )


@dataclass(frozen=True, kw_only=True)
class Snapshot:
    """The game as it was before a turn began (for undo and overrides)."""

    world: World
    rng_state: dict[str, Any]
    turn: int
    events: int
    indicators: int
    running: bool
    end_reason: str | None
    policies: dict[str, str]


def force(inputs: list[TurnInput], resolved: bool, events: list[Event], turn: int,
          event_id: str, outcome: dict[str, bool] | bool, reason: str) -> TurnInput:
    """Enter in the last turn's input an outcome the white cell forces on one of its events
    (True or False for success or a vote's adoption, or a mapping such as {"detection": True}),
    with the reason that goes into the log; returns that input. ``resolved``: whether the last
    turn is resolved and kept in the history (only it can be overridden)."""
    if not reason or not reason.strip():
        raise ValueError("an override needs a reason (it goes into the log)")
    if not resolved:
        raise RuntimeError("only the last resolved turn can be overridden")
    if int(event_id.split("-", 1)[0]) != turn:
        raise ValueError(f"event {event_id} is not in the last turn ({turn})")
    event = next((e for e in events if e.id == event_id), None)
    if event is None or not event.key or not (event.rolls or event.kind == "vote"):
        raise ValueError(f"event {event_id} has no outcome to override")
    forced = {"success": outcome} if isinstance(outcome, bool) else dict(outcome)
    if event.kind == "vote":
        forced = {"adopted": forced.get("success", forced.get("adopted", True))}
    inp = inputs[-1]
    inp.forced[event.key] = {**inp.forced.get(event.key, {}), **forced}
    inp.reasons[event.key] = reason.strip()
    return inp


def replay_inputs(model: HybridThreatModel, record: dict[str, Any]) -> HybridThreatModel:
    """Play a new game through the inputs of ``record()`` output: same seed, same inputs,
    same state."""
    inputs = [TurnInput.from_dict(d) for d in record.get("inputs", [])]
    for k, inp in enumerate(inputs):
        for actor, kind in inp.policies.items():
            model.set_policy(actor, kind)
        model.pending_orders = {a: list(o) for a, o in inp.orders.items()}
        model.begin_turn()
        model.inputs[-1].forced = dict(inp.forced)
        model.inputs[-1].reasons = dict(inp.reasons)
        last_open = k == len(inputs) - 1 and record.get("phase") == "brief"
        if not last_open:
            model.resolve_turn()
    for actor, kind in record.get("policies", {}).items():
        model.set_policy(actor, kind)  # who plays whom now, e.g. people at the table
    return model
