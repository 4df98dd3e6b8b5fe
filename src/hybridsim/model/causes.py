"""The turn's ledger of why alliance-level indicators moved: every change is entered with its
cause where it happens, so a facilitator can answer "why did cohesion fall on turn 9?" from
the log instead of rebuilding it from the mechanics.

Each entry has a label for the white cell and red, and the label blue may see: the same for
public causes, an authorless one for detected but unattributed moves, and none for moves blue
did not detect (folded into one cause, so the causes blue sees still sum to the change).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from .events import Cause

UNKNOWN_TO_BLUE = "causes unknown to the allies"
UNEXPLAINED = "unexplained"  # a change no entry accounts for: a test keeps it from appearing
SMALLEST = 1e-12  # below this a change or a cause is rounding, not a cause
UNEXPLAINED_ABOVE = 1e-9  # a remainder larger than float error is entered as unexplained


@dataclass
class _Entry:
    label: str
    delta: float
    blue_label: str  # "" when blue does not know this cause


@dataclass
class CauseLedger:
    """Causes of change of some named indicators over one turn."""

    start: dict[str, float] = field(default_factory=dict)
    entries: dict[str, list[_Entry]] = field(default_factory=dict)

    def open(self, values: dict[str, float]) -> None:
        """Start a turn from these values."""
        self.start = dict(values)
        self.entries = {name: [] for name in values}

    def add(self, name: str, label: str, delta: float, blue_label: str | None = None) -> None:
        """Enter a cause (``blue_label``: None for the same label, "" for unknown to blue)."""
        if abs(delta) > SMALLEST:
            self.entries[name].append(
                _Entry(label, float(delta), label if blue_label is None else blue_label))

    def watch(self, read: Callable[[], dict[str, float]], label: str,
              blue_label: str | None = None) -> _Watch:
        """A context that enters whatever changed the indicators while it was open."""
        return _Watch(self, read, label, blue_label)

    def causes(self, name: str, end: float) -> tuple[list[Cause], list[Cause] | None]:
        """The causes of ``name``'s change this turn, for everyone and (when it differs) for
        blue; an unexplained remainder is entered as such, so the causes sum to the change."""
        entries = list(self.entries.get(name, []))
        rest = end - self.start[name] - sum(e.delta for e in entries)
        if abs(rest) > UNEXPLAINED_ABOVE:
            entries.append(_Entry(UNEXPLAINED, rest, UNEXPLAINED))
        everyone = _merged([(e.label, e.delta) for e in entries])
        if all(e.blue_label == e.label for e in entries):
            return everyone, None
        return everyone, _merged([(e.blue_label or UNKNOWN_TO_BLUE, e.delta) for e in entries])


class _Watch:
    def __init__(self, ledger: CauseLedger, read: Callable[[], dict[str, float]], label: str,
                 blue_label: str | None) -> None:
        self.ledger, self.read, self.label, self.blue_label = ledger, read, label, blue_label

    def __enter__(self) -> None:
        self.before = self.read()

    def __exit__(self, *exc: object) -> None:
        after = self.read()
        for name, value in self.before.items():
            self.ledger.add(name, self.label, after[name] - value, self.blue_label)


def _merged(items: list[tuple[str, float]]) -> list[Cause]:
    """One cause per label (deltas summed), largest first; ties keep their order."""
    total: dict[str, float] = {}
    for label, delta in items:
        total[label] = total.get(label, 0.0) + delta
    ranked = sorted(total.items(), key=lambda kv: -abs(kv[1]))
    return [Cause(label, delta) for label, delta in ranked if abs(delta) > SMALLEST]
