"""Mutation checks: does `verify` notice when a mechanic's key parameter is off by 10%?

The verify rows pass each mechanic's parameters through :func:`scaled`; :func:`perturbed`
multiplies one of them for the duration of a block, as if the game's code computed with a
wrong value while the expected (published) answers stay put. A table whose rows still all pass
under such a mutation cannot tell a right mechanic from a wrong one.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

_FACTORS: dict[str, float] = {}


@dataclass(frozen=True)
class KeyParameter:
    """A parameter the mutation test perturbs, and the verify model whose rows must notice."""

    name: str
    model: str
    meaning: str


KEY_PARAMETERS = (
    KeyParameter("p", "cascade", "share of nodes kept (cascade)"),
    KeyParameter("beta", "contagion", "SIS infection probability per infected neighbour"),
    KeyParameter("delta", "contagion", "SIS cure probability per step"),
    KeyParameter("contacts", "rumour", "rumour calls per spreader per turn"),
    KeyParameter("stifling", "rumour", "rumour: chance a call to a knower stops the caller"),
    KeyParameter("eps", "opinion", "Deffuant confidence bound"),
    KeyParameter("mu", "opinion", "Deffuant convergence"),
)


def scaled(name: str, value):
    """``value`` times the perturbation currently set for ``name`` (1 outside a mutation)."""
    factor = _FACTORS.get(name)
    return value if factor is None else value * factor


def factor(name: str) -> float:
    return _FACTORS.get(name, 1.0)


@contextmanager
def perturbed(name: str, by: float) -> Iterator[None]:
    """Within the block, every ``scaled(name, x)`` returns ``x * by``."""
    if name not in {k.name for k in KEY_PARAMETERS}:
        raise ValueError(f"unknown key parameter {name!r}")
    _FACTORS[name] = by
    try:
        yield
    finally:
        del _FACTORS[name]


def mutation_table(by: float = 1.1, seed: int = 0) -> list[tuple[str, str, int, int]]:
    """(parameter, perturbation, rows failed, rows run) for every key parameter, running the
    quick rows of its model with the parameter multiplied by ``by``."""
    from .table import all_checks, run_checks

    out = []
    for key in KEY_PARAMETERS:
        checks = all_checks(quick=True, only=[key.model])
        with perturbed(key.name, by):
            rows = run_checks(checks, seed)
        out.append((key.name, f"x{by:g}", sum(not r.passed for r in rows), len(rows)))
    return out
