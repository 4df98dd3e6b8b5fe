"""Gas: what storage can deliver and what a shortfall costs a government."""

from __future__ import annotations

from .declare import RuleGroup, rule


class GasRules(RuleGroup):
    """Storage deliverability and the political cost of rationing."""

    withdrawal_per_day: float = rule(
        0.012, "share of capacity per day", "Most a state can withdraw from storage in a day.",
        "judgement: typical deliverability of European storage, about 1.2% of working gas a day",
        le=1.0,
    )
    shortfall_trust: float = rule(
        0.25, "per share short", "Public trust lost per share of demand not met in a turn.",
        "judgement: rationing is blamed on the government first",
        le=1.0,
    )
    shortfall_support: float = rule(
        0.15, "per share short", "Support for Ukraine lost per share of demand not met.",
        "judgement: cold homes weaken the case for the war's costs, less than trust",
        le=1.0,
    )
    shortfall_alignment: float = rule(
        0.1, "per share short", "Opinion (alignment) lost per share of demand not met.",
        "judgement: the public drifts from the alliance line least of the three",
        le=1.0,
    )
    spring_fill: float = rule(
        0.3, "fraction", "Storage fill a state expects to be down to by 1 April (the heuristic "
        "players' storage gap).",
        "judgement: below the 55% of spring 2023 (GIE AGSI), a prudent planning floor",
        le=1.0,
    )
