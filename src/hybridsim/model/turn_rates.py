"""Scenario rates written per week (7 days), as one turn of ``calendar.turn_days`` applies them.

Why: a scenario's rates (how fast tension ebbs, how fast cohesion follows positions, repairs,
malware and rumour spread) were applied once a turn whatever the turn's length, so a game of
3-day turns ran them more than twice as fast as one of weekly turns. Each is now read as a rate
per week and converted here, the one place that knows how: a *share* (of a gap closed, of
assets infected or cured) compounds over the turn's weeks, ``1 - (1 - r) ** (days / 7)``; an
*amount* (health restored or lost, calls a spreader makes) scales with the days. With weekly
turns both return the number as written, so weekly games are unchanged to the last bit.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ..rules import DAYS_PER_WEEK, per_turn
from ..scenario.schema import Scenario


def share(per_week, turn_days: int):
    """A share per week as a share per turn (compounded; numbers or arrays)."""
    return per_turn(per_week, turn_days)


def amount(per_week, turn_days: int):
    """An amount per week as an amount per turn (in proportion to the days)."""
    if turn_days == DAYS_PER_WEEK:
        return per_week
    return per_week * (turn_days / DAYS_PER_WEEK)


# Every scenario rate read per week, and how it converts (docs: scenario reference units).
WEEKLY_RATES: dict[str, Callable] = {
    "escalation.decay": share,
    "mechanics.cohesion_rate": share,
    "mechanics.malware_cure": share,
    "infrastructure.repair_per_turn": amount,
    "toolkit.moves[].malware.beta": share,
    "toolkit.moves[].malware.damage": amount,
    "toolkit.moves[].narrative.contacts": amount,
}


@dataclass(frozen=True)
class TurnRates:
    """The scenario-wide weekly rates converted to one turn of this scenario."""

    escalation_decay: float
    cohesion_rate: float
    repair: float
    turn_days: int


def turn_rates(scenario: Scenario) -> TurnRates:
    days = scenario.calendar.turn_days
    return TurnRates(
        escalation_decay=share(scenario.escalation.decay, days),
        cohesion_rate=share(scenario.mechanics.cohesion_rate, days),
        repair=amount(scenario.infrastructure.repair_per_turn, days),
        turn_days=days,
    )
