"""The political layer: how allies come to name an attacker, and what acting together adds.

Pure functions over the world's arrays and the rules. Attribution politics (JRC/Hybrid CoE 2021:
hybrid campaigns exploit the thresholds of detection and attribution): naming or sanctioning an
adversary needs evidence (an incident detection attributed to it), takes time (the
investigation), spends that evidence, so the next public step needs a new case, and costs the
ally political capital that returns slowly; allies acting in the same turn send a stronger
signal than one acting alone.
"""

from __future__ import annotations

import math

import numpy as np

from .world import World

SLACK = 1e-9  # float slack when comparing capital with a cost


def investigation_turns(world: World, turn_days: int) -> int:
    """Turns from an attributed incident until the case can be made public."""
    weeks = world.rules.politics.investigation_weeks
    return max(math.ceil(weeks * 7 / max(turn_days, 1)), 0)


def record_evidence(world: World, adversary: int, turn: int) -> None:
    """An incident detected and attributed to ``adversary`` opens a case."""
    world.evidence.append((adversary, turn))


def ripe_cases(world: World, turn: int, delay: int) -> np.ndarray:
    """Per adversary, the cases whose investigation is complete by ``turn``."""
    counts = np.zeros(len(world.adversary_ids), dtype=np.int64)
    for adversary, opened in world.evidence:
        if opened + delay <= turn:
            counts[adversary] += 1
    return counts


def spend_cases(world: World, adversaries: set[int], turn: int, delay: int) -> None:
    """Naming an adversary makes its ripe cases public: they cannot be used again."""
    world.evidence = [(a, t) for a, t in world.evidence
                      if a not in adversaries or t + delay > turn]


def can_afford_naming(world: World, state: int) -> bool:
    """Whether an ally has the political capital to name or sanction an adversary."""
    return bool(world.political_capital[state] >= world.rules.politics.naming_cost - SLACK)


def spend_capital(world: World, state: int) -> None:
    world.political_capital[state] -= world.rules.politics.naming_cost


def regain_capital(world: World, turn_days: int) -> None:
    """Capital comes back slowly, up to full."""
    gain = world.rules.politics.capital_per_week * turn_days / 7
    world.political_capital = np.minimum(world.political_capital + gain, 1.0)


def joint_strength(allies: int, single_share: float) -> float:
    """Share of the full signal carried by ``allies`` acting in the same turn."""
    return 1.0 - (1.0 - single_share) ** max(allies, 0)
