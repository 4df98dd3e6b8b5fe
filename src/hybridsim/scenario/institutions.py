"""Checks of the ``eu:`` section: its members are allies, each once; its focus names
adversaries, each weighed as a focus a proposal may have; its id is free (events and targets
share one namespace)."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from .errors import Problem
from .focus import focus_problem
from .schema import Scenario

RESERVED = ("white", "alliance", "unknown")  # actors the model already writes in events


def check_eu(sc: Scenario, did_you_mean: Callable[[str, Iterable[str]], str]) -> list[Problem]:
    """Every problem of the ``eu:`` section (none without one); ``did_you_mean`` suggests a
    near miss (the semantic checks' helper)."""
    eu = sc.eu
    if eu is None:
        return []
    states = [s.id for s in sc.states]
    adversaries = [a.id for a in sc.adversaries]
    out: list[Problem] = []
    seen: set[str] = set()
    for i, member in enumerate(eu.members):
        path = f"eu.members[{i}]"
        if member not in states:
            out.append(_error(path, f"'{member}' is not an ally: EU members must be listed in "
                                    "states", did_you_mean(member, states)))
        elif member in seen:
            out.append(_error(path, f"'{member}' is listed twice", "list each member once"))
        seen.add(member)
    for adversary, focus in eu.focus.items():
        if adversary not in adversaries:
            out.append(_error(f"eu.focus.{adversary}", f"'{adversary}' is not an adversary",
                              did_you_mean(adversary, adversaries)))
        elif (problem := focus_problem(focus, f"eu.focus.{adversary}", sc, did_you_mean)):
            out.append(problem)
    taken = set(states) | set(adversaries) | {g.id for g in sc.gas_sources} | set(RESERVED)
    taken |= {a.id for a in sc.infrastructure.assets} | ({sc.partner.id} if sc.partner else set())
    if eu.id in taken:
        out.append(_error("eu.id", f"id '{eu.id}' is already used by another actor or target",
                          "give the EU an id of its own; the default is EU"))
    return out


def _error(path: str, message: str, suggestion: str) -> Problem:
    return Problem("", None, None, path, message, suggestion, "error")
