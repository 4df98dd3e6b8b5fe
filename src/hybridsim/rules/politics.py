"""The political layer: attribution politics (evidence, time, joint naming)."""

from __future__ import annotations

from .declare import RuleGroup, rule


class Politics(RuleGroup):
    """How allies come to name an attacker, and what naming together adds."""

    investigation_weeks: float = rule(
        2.0, "weeks", "Time from an attributed incident until the evidence supports naming the "
        "attacker publicly (or sanctioning it).",
        "Balticconnector (8 Oct 2023): Finnish police named the Newnew Polar Bear's anchor about "
        "two weeks later; Nord Stream (2022) was never attributed by governments; cyber "
        "attributions usually take months (judgement: two weeks is the fast end)",
    )
    joint_single_share: float = rule(
        0.5, "fraction", "Weight of one ally's response signal next to the alliance's: k allies "
        "acting in the same turn carry 1 - (1 - this)^k of the full signal.",
        "judgement: joint attributions (e.g. the 2021 Exchange hack, named by the US, EU, NATO "
        "and UK together) carry more weight than one capital; two allies carry three quarters",
        le=1.0,
    )
    naming_cost: float = rule(
        1.0, "political capital", "Capital an ally spends to name or sanction an adversary "
        "(it starts with 1).",
        "judgement: naming a state is a diplomatic act a government takes rarely and after "
        "deliberation, not a weekly reflex",
    )
    capital_per_week: float = rule(
        0.05, "political capital per week", "Capital an ally regains each week (up to 1).",
        "judgement: one public naming or sanction per ally per five months or so; the allies "
        "together then name an attacker a few times a month, as in 2023-25 press records of "
        "national attributions of Russian sabotage and cyber attacks",
        le=1.0,
    )
