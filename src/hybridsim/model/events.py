"""The structured event log: every order, roll, inject, vote, lesson learnt and change of an
alliance-level indicator with its itemised causes."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from .event_text import Later, WrittenOnRead


@dataclass(frozen=True)
class Roll:
    """One random outcome: its probability, the uniform draw, and the result (draw < p)."""

    what: str
    probability: float
    roll: float
    result: bool
    overridden: bool = False


@dataclass(frozen=True)
class Cause:
    """One reason an indicator changed in a turn, and by how much (the causes of a change
    sum to it)."""

    label: str
    delta: float

    def to_dict(self) -> dict[str, Any]:
        return {"cause": self.label, "delta": self.delta}


@dataclass
class Event:
    """One thing that happened in a turn. ``id`` is stable across replays: "turn-seq"."""

    id: str
    turn: int
    date: str
    # move | response | inject | vote | learning | cascade | shortfall | change | end | override
    kind: str
    actor: str
    action: str = ""
    domain: str = ""
    target: str = ""
    target_state: str = ""
    probability: float | None = None
    roll: float | None = None
    outcome: str = ""
    detected: bool | None = None
    attributed: bool | None = None
    rolls: list[Roll] = field(default_factory=list)
    # Text the rules may hand over unwritten (``Lines``, ``Later``): written when first read
    # (event_text.py).
    # A descriptor as the default is how a dataclass field gets one (not a shared value).
    effects: list[str] = WrittenOnRead(Later(list))  # type: ignore[assignment]  # noqa: RUF009
    note: str = WrittenOnRead("")  # type: ignore[assignment]
    key: str = ""  # the order's place in its turn ("o3", "vote:<proposal>"): overrides use it
    side: str = ""  # red (adversaries), blue (allies, alliance, partner) or white (control)
    causes: list[Cause] = field(default_factory=list)  # kind "change": what moved it, itemised
    # The causes as blue knows them (None: the same): causes that name a move blue did not
    # detect are folded into one, and undetermined authors are not named.
    blue_causes: list[Cause] | None = field(default=None, repr=False)

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["rolls"] = [asdict(r) for r in self.rolls]
        data["causes"] = [c.to_dict() for c in self.causes]
        del data["blue_causes"]
        return data
