"""The political layer: governments' positions and the channels that move them; attribution
politics (evidence, time, capital, joint naming)."""

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
    follow_per_week: float = rule(
        0.1, "share per week", "Share of the gap to its public's alignment that a government's "
        "position closes each week.",
        "Page & Shapiro 1983 (policy follows opinion, with a lag); judgement: half the gap in "
        "about seven weeks, so a narrative's effect on a public reaches its government within "
        "a season",
        le=1.0,
    )
    coercion_bite: float = rule(
        0.05, "share of position per unit exposure", "Share of its position a government "
        "gives up when coerced, per unit of its exposure to the coercer (dependence on its gas "
        "for energy coercion, trade exposure for economic).",
        "Drezner 1999 (The Sanctions Paradox: coercion bites in proportion to the target's "
        "stake in the relationship); size judgement: a fully dependent ally gives up 5% of its "
        "line per coercive act, so a season of cuts can turn a waverer into a holdout",
        le=1.0,
    )
    wedge_pull: float = rule(
        0.04, "share of position per unit exposure", "Share of its position a courted "
        "government gives up per unit of its trade exposure to the courting adversary.",
        "judgement: courting (investment offers, visits) works on governments with much to "
        "lose, as China's courting of trade-exposed allies; slightly weaker than coercion",
        le=1.0,
    )
    rally_position: float = rule(
        0.1, "share of headroom per escalation point", "Share of its headroom (1 - position) a "
        "government gains toward the alliance line when an attack on its soil is attributed, "
        "per point of the attack's escalation.",
        "Mueller 1970; Baker & Oneal 2001 (rally-round-the-flag: named, overt aggression "
        "rallies, the more the graver); judgement on size: an attributed sabotage (escalation "
        "0.5) moves a government 5% of its headroom; deniable, unattributed acts do not rally",
        le=1.0,
    )
    dependence_rally: float = rule(
        2.0, "share of headroom per escalation point per unit dependence and conflict "
        "expectation",
        "Share of its headroom (1 - position) a government gains toward the alliance line "
        "when an attributed act cuts a gas source it draws on, per point of the act's "
        "escalation, per unit of the share of its supply the source carried and per unit of "
        "its conflict expectation (as for conflict_hardening: threat perception above one "
        "half, scaled to 0-1; a public at or below one half expects no conflict with the "
        "cutter, blames others and does not rally). The move is capped at the headroom.",
        "The 2022 record: Germany, the ally most dependent on Russian pipeline gas, ended its "
        "Russian imports, built LNG terminals and backed the sanctions packages (REPowerEU, "
        "COM(2022) 230), while Hungary, not cut, kept buying, and Slovakia's government "
        "blamed Ukraine when transit ended in January 2025; rally-round-the-flag (Mueller "
        "1970; Baker & Oneal 2001: named aggression rallies, as leaders and publics frame "
        "it); Drezner 1999 for the conflict "
        "expectation. calibrated: the smallest round value for which the 2022 gas case's "
        "Germany row (DE position vs no cuts at the end >= +0.005) clears its band (1.5 "
        "gives +0.0036, 2 gives +0.0054 over 40 paired seeds); the case fixes direction, the "
        "size is a judgement. At Germany's values in 2022 (dependence 0.53, threat perception "
        "0.6 so conflict expectation 0.2, position 0.53) a cut (escalation 0.3) moves it 0.030 "
        "toward the line against a bite of 0.014; Italy (0.45), which also turned to Algerian "
        "gas and LNG, is not rallied (docs/calibration.md)",
    )
    conflict_hardening: float = rule(
        0.1, "share of headroom per unit conflict expectation", "Share of its headroom "
        "(1 - position) a government gains toward the alliance line when an attributed "
        "coercive act targets it, per unit of its expectation of conflict with the coercer "
        "(its public's threat perception above one half, scaled to 0-1; at or below one half "
        "it expects none and does not harden).",
        "Drezner 1999 (The Sanctions Paradox, ch. 2-3: a target that expects future conflict "
        "with the coercer concedes little and digs in, an ally concedes); the record: "
        "Lithuania kept the Taiwanese office open through China's coercion of 2021-22. "
        "judgement: threat perception stands for conflict expectations (the model keeps no "
        "expectation per adversary); a frontline state (threat perception 0.85) gains 7% of "
        "its headroom per act, more than the act's bite at its exposure, so it hardens; a "
        "state at the midpoint (Germany in 2021, 0.5) only gives way",
        le=1.0,
    )
    deferral_loss: float = rule(
        0.01, "cohesion", "Cohesion lost when a proposal tabled until agreed lacks consensus and "
        "is deferred (a proposal due at its own meeting fails in public and costs "
        "cohesion.rejected_loss).",
        "NATO seeks consensus in consultation before a meeting rather than voting proposals "
        "down at it (NATO, Consensus decision-making at NATO, 2023); judgement: a reported "
        "disagreement costs a quarter of a public failure",
        le=1.0,
    )
    holdout_band: float = rule(
        0.15, "vote score", "Distance from the for/against line (rules.votes.yes_at) within "
        "which an ally counts as near it (a waverer or a reluctant holdout): its nearness, 1 at "
        "the line and 0 a band away, is the holdout indicator wedge diplomacy prefers.",
        "judgement: a push of a few hundredths (one courting act moves a government by "
        "wedge_pull x exposure of its position) can tip an ally within about a sixth of the "
        "score's range; firm supporters and firm holdouts are not worth courting. Crawford "
        "2011 (Preventing Enemy Coalitions: wedge strategies aim at the pivotal, uncommitted "
        "member); Hungary and Greece, courted by China, blocked or softened EU statements on "
        "China in 2016-17 and 2021",
        le=1.0,
    )
