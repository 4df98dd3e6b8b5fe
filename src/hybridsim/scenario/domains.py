"""Domains of moves as data: the built-in ones plus those a scenario declares.

A domain is known if it is built in or declared in ``toolkit.domains``; everything that names
one (moves, responses, capacities, rows of ``rules.defence``) must name a known one, and a
declared domain needs a defence row for every target kind, so that it never meets no defence
by omission.
"""

from __future__ import annotations

from ..rules import TERMS
from .errors import Problem
from .schema import BUILTIN_DOMAINS, Scenario
from .semantic import _problem, did_you_mean


def check_domains(sc: Scenario) -> list[Problem]:
    """Errors for declared domains without full defence rows and for names of unknown ones."""
    known = sc.toolkit.domain_ids()
    return [
        *_declared(sc),
        *_unknown_rows(sc, known),
        *_unknown_uses(sc, known),
    ]


def _declared(sc: Scenario) -> list[Problem]:
    out = []
    table = sc.rules.defence
    for i, decl in enumerate(sc.toolkit.domains):
        if decl.id in BUILTIN_DOMAINS:
            out.append(_problem(f"toolkit.domains[{i}].id",
                                f"'{decl.id}' is a built-in domain: declare only new ones"))
            continue
        missing = [kind for kind in TERMS if decl.id not in table.get(kind, {})]
        if missing:
            out.append(_problem(
                f"toolkit.domains[{i}]",
                f"no defence row for {decl.id} against {', '.join(missing)}: every target kind "
                "needs a row for every domain",
                f"add rules.defence.<kind>.{decl.id} for each; scale: 0 with a source where "
                "nothing defends",
            ))
    return out


def _unknown_rows(sc: Scenario, known: list[str]) -> list[Problem]:
    return [
        _problem(f"rules.defence.{kind}.{domain}",
                 f"expected one of {', '.join(known)} (got '{domain}')",
                 did_you_mean(domain, known))
        for kind, rows in sc.rules.defence.items() for domain in rows if domain not in known
    ]


def _unknown_uses(sc: Scenario, known: list[str]) -> list[Problem]:
    names: list[tuple[str, str]] = []
    for group, actions in (("moves", sc.toolkit.moves), ("responses", sc.toolkit.responses)):
        for i, action in enumerate(actions):
            names.append((f"toolkit.{group}[{i}].domain", action.domain))
    for i, response in enumerate(sc.toolkit.responses):
        names += [(f"toolkit.responses[{i}].counters[{j}]", d)
                  for j, d in enumerate(response.counters)]
    for i, adv in enumerate(sc.adversaries):
        names += [(f"adversaries[{i}].capacity.{d}", d) for d in adv.capacity]
    return [_problem(path, f"unknown domain '{name}'", did_you_mean(name, known))
            for path, name in names if name not in known]
