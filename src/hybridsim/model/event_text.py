"""Event text written when it is first read, not when the event happens.

A sweep plays thousands of games and reads none of their event text; a viewer shows a few
events at a time; only ``hybridsim run``'s events.jsonl and the reports read it all. So the
rules hand an event its effect lines as ``Lines`` (templates and the values they format) and
a costly note as ``Later`` (a function and its arguments), and ``WrittenOnRead`` fields turn
them into text the first time anyone reads them. Readers always get ``str`` and ``list[str]``.

Unwritten lines are kept flat in one list per event (a ``Template`` followed by its values):
strings are invisible to Python's cycle collector but containers are not, and a container per
line would cost the collector more than the formatting it saves.

What is kept may only be what no later turn changes (numbers, fresh arrays, the world's fixed
structure), so the text written late is the text the event would have had when it happened
(tests/test_event_text.py plays games both ways and compares).
"""

from __future__ import annotations

from functools import partial
from typing import Any


class Template:
    """A line's wording with ``{}`` fields; in ``Lines`` its values follow it."""

    __slots__ = ("arity", "format")

    def __init__(self, text: str) -> None:
        self.format = text.format
        self.arity = text.count("{")


class Lines(list):
    """Effect lines, written (``str``) or not yet (a ``Template`` and then its values)."""

    __slots__ = ()

    def written(self) -> list[str]:
        out: list[str] = []
        i, end = 0, len(self)
        while i < end:
            item = self[i]
            if type(item) is Template:
                out.append(item.format(*self[i + 1 : i + 1 + item.arity]))
                i += 1 + item.arity
            else:
                out.append(item)
                i += 1
        return out


# Effect lines as the rules gather them, to be handed to an event as ``Lines(parts)``.
LineParts = list[Any]


class Later(partial):
    """Text not yet written: ``Later(write, *args)()`` writes it."""

    __slots__ = ()


class WrittenOnRead:
    """A dataclass field that may be given ``Lines`` or a ``Later``: the text is written on
    the first read and kept, so every reader (``to_dict``, equality, the viewer) sees the
    plain value."""

    __slots__ = ("default", "slot")

    def __init__(self, default: Any) -> None:
        self.default = default

    def __set_name__(self, owner: type, name: str) -> None:
        self.slot = "_" + name

    def __get__(self, obj: Any, owner: type | None = None) -> Any:
        if obj is None:  # the dataclass asks for the field's default
            return self.default
        value = obj.__dict__[self.slot]
        kind = type(value)
        if kind is Lines:
            value = obj.__dict__[self.slot] = value.written()
        elif kind is Later:
            value = obj.__dict__[self.slot] = value()
        return value

    def __set__(self, obj: Any, value: Any) -> None:
        obj.__dict__[self.slot] = value
