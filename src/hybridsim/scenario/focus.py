"""What a measure is about: ``resilience``, ``ukraine``, or the id of the adversary it is
against. Why ids and not words: a new adversary (Belarus, Iran) can be the focus of a measure
in YAML alone, and its vote reads that adversary's own levers (rules.votes.against)."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from .errors import Problem
from .schema import Scenario

TOPICS = ("resilience", "ukraine")  # the foci that name no adversary


def focus_problem(value: str, path: str, sc: Scenario,
                  did_you_mean: Callable[[str, Iterable[str]], str]) -> Problem | None:
    """An error when ``value`` is neither a topic nor an adversary's id; a word that is an
    adversary's name (the old ``china``, ``russia``) is pointed to that adversary's id."""
    ids = [a.id for a in sc.adversaries]
    if value in TOPICS or value in ids:
        return None
    either = f"one of {', '.join(ids)}" if len(ids) > 1 else ", ".join(ids)
    expected = ", ".join(TOPICS) + (f" or {either}" if ids else "")
    named = [a for a in sc.adversaries if a.name.lower() == value.lower()]
    close = did_you_mean(value, [*TOPICS, *ids])
    hint = (f"write the adversary's id: {named[0].id} ({named[0].name})" if named
            else close if close.startswith("did you mean") else "")
    return Problem("", None, None, path, f"'{value}' is not an adversary, expected {expected}",
                   hint, "error")
