"""What a real exercise adds around the game: players marking their orders ready, a turn timer,
injects written and released during play, the facilitator's messages to a side, notes per turn
and the hot-wash notes.

None of it changes the simulation (a live inject is words for the players, not a model effect),
so it lives beside the model: in the game file under ``"exercise"``, in the log (injects and
messages, as their sides may see them) and in the after-action report.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any

AUDIENCES = ("blue", "red", "everyone")


@dataclass(frozen=True)
class Message:
    """Words from the facilitator to one side (or everyone), in a turn."""

    turn: int
    to: str
    text: str
    at: str


@dataclass(frozen=True)
class LiveInject:
    """An inject the facilitator wrote during play and released to the players."""

    turn: int
    title: str
    text: str
    at: str


@dataclass
class Exercise:
    """The exercise's own record, beside the game's."""

    ready: dict[str, int] = field(default_factory=dict)
    """Side -> the turn whose orders it marked ready."""
    notes: dict[int, str] = field(default_factory=dict)
    """Turn -> the facilitator's note on it."""
    hotwash: str = ""
    messages: list[Message] = field(default_factory=list)
    injects: list[LiveInject] = field(default_factory=list)
    deadline: float | None = None
    """When the open turn's orders are due (seconds since the epoch); None: no timer."""

    def is_ready(self, side: str, turn: int) -> bool:
        return self.ready.get(side) == turn

    def messages_for(self, side: str) -> list[Message]:
        """What a page of this side may read (white reads everything), newest first."""
        mine = [m for m in self.messages if side == "white" or m.to in (side, "everyone")]
        return list(reversed(mine))

    def seconds_left(self, now: float | None = None) -> float | None:
        if self.deadline is None:
            return None
        return self.deadline - (time.time() if now is None else now)

    def to_dict(self) -> dict[str, Any]:
        return {
            "ready": dict(self.ready),
            "notes": {str(k): v for k, v in self.notes.items()},
            "hotwash": self.hotwash,
            "messages": [m.__dict__ for m in self.messages],
            "injects": [i.__dict__ for i in self.injects],
            "deadline": self.deadline,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any] | None) -> Exercise:
        data = data or {}
        return cls(
            ready={str(k): int(v) for k, v in (data.get("ready") or {}).items()},
            notes={int(k): str(v) for k, v in (data.get("notes") or {}).items()},
            hotwash=str(data.get("hotwash") or ""),
            messages=[Message(**m) for m in data.get("messages") or ()],
            injects=[LiveInject(**i) for i in data.get("injects") or ()],
            deadline=data.get("deadline"),
        )
