"""Event text written when it is first read, not when the event happens.

A sweep plays thousands of games and reads none of their event text; a viewer shows a few
events at a time; only ``hybridsim run``'s events.jsonl and the reports read it all. So the
rules hand an event its effect lines and note as ``Later`` (a function and the values it
formats), and ``WrittenOnRead`` fields turn them into text the first time anyone reads them.
Readers always get plain ``str`` and ``list[str]``.

A ``Later`` may only read what no later turn changes (numbers, fresh arrays, the world's fixed
structure), so the text it writes is the text the event would have had when it happened
(tests/test_event_text.py plays games both ways and compares).
"""

from __future__ import annotations

from functools import partial
from typing import Any


class Later(partial):
    """Text not yet written: ``Later(write, *values)()`` writes it. A ``partial`` underneath,
    so making one costs less than the formatting it puts off."""

    __slots__ = ()


# An effect line, written or not yet ("DE.public_trust 0.6 -> 0.55").
Line = str | Later


def written(lines: list[Line]) -> list[str]:
    """The text of effect lines, in order."""
    return [item if type(item) is str else item() for item in lines]


def later_lines(lines: list[Line]) -> Later:
    """Effect lines to be written when the event's ``effects`` are first read."""
    return Later(written, lines)


class WrittenOnRead:
    """A dataclass field that may be given a ``Later``: the text is written on the first read
    and kept, so every reader (``to_dict``, equality, the viewer) sees the plain value."""

    __slots__ = ("default", "slot")

    def __init__(self, default: Any) -> None:
        self.default = default

    def __set_name__(self, owner: type, name: str) -> None:
        self.slot = "_" + name

    def __get__(self, obj: Any, owner: type | None = None) -> Any:
        if obj is None:  # the dataclass asks for the field's default
            return self.default
        value = obj.__dict__[self.slot]
        if type(value) is Later:
            value = obj.__dict__[self.slot] = value()
        return value

    def __set__(self, obj: Any, value: Any) -> None:
        obj.__dict__[self.slot] = value
