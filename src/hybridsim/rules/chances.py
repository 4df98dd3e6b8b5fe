"""Chances of a move: how proficiency, capacity, vigilance and threat scale the toolkit's odds."""

from __future__ import annotations

from .declare import RuleGroup, rule

NEUTRAL = (
    "judgement: floor + slope / 2 = 1, so at 0.5 the factor is 1 and the toolkit's number is "
    "the chance itself; the span 0.6-1.4 lets skill move odds by up to 40% either way"
)


class Chances(RuleGroup):
    """Factors of the form floor + slope x level that scale a move's success, detection and
    attribution; the probability cap."""

    proficiency_floor: float = rule(0.6, "factor", "Success factor at proficiency 0.", NEUTRAL)
    proficiency_slope: float = rule(
        0.8, "factor per unit", "Success factor gained per unit of proficiency.", NEUTRAL
    )
    capacity_floor: float = rule(0.6, "factor", "Success factor at domain capacity 0.", NEUTRAL)
    capacity_slope: float = rule(
        0.8, "factor per unit", "Success factor gained per unit of capacity.", NEUTRAL
    )
    vigilance_floor: float = rule(
        0.6, "factor", "Detection factor at vigilance 0.", NEUTRAL
    )
    vigilance_slope: float = rule(
        0.8, "factor per unit", "Detection factor gained per unit of vigilance.", NEUTRAL
    )
    threat_floor: float = rule(
        0.6, "factor", "Attribution factor at mean threat perception 0.", NEUTRAL
    )
    threat_slope: float = rule(
        0.8, "factor per unit", "Attribution factor gained per unit of mean threat perception.",
        NEUTRAL,
    )
    max_probability: float = rule(
        0.98, "probability", "Cap on every chance of a move or response.",
        "judgement: no certainty in war; 2% of orders miscarry whatever the odds",
        le=1.0,
    )
    default_capacity: float = rule(
        0.5, "fraction", "Capacity of an adversary in a domain its scenario does not list.",
        "judgement: the neutral level, at which capacity leaves the toolkit's odds unchanged",
        le=1.0,
    )
    threat_without_allies: float = rule(
        0.5, "fraction", "Mean threat perception assumed when a scenario has no allies.",
        "judgement: the neutral level of the attribution factor",
        le=1.0,
    )
