"""What a move's result does beyond its declared effects: damage states, alarm, escalation,
rallying, and what the other adversaries learn."""

from __future__ import annotations

from .declare import RuleGroup, rule


class Consequences(RuleGroup):
    """Thresholds of damage and the alarm and escalation that detection and attribution raise."""

    down_below: float = rule(
        0.3, "health", "An asset whose health falls below this is down (it stops working).",
        "judgement: most of an asset must be lost before redundancy stops covering for it",
        le=1.0,
    )
    degraded_below: float = rule(
        0.8, "health", "Below this an asset is degraded: it carries health / this of its load.",
        "judgement: minor damage (a fifth) is absorbed; beyond that throughput falls in step",
        le=1.0,
    )
    knock_down_escalation: float = rule(
        0.1, "escalation points", "Escalation added when a move knocks an asset down.",
        "judgement: visible damage raises tension even unattributed (a tenth of a ladder rung)",
    )
    detected_alarm: float = rule(
        0.03, "share of headroom", "Threat perception a detected move adds in its target state.",
        "judgement: about ten detected incidents lift a calm state by a quarter of its headroom",
        le=1.0,
    )
    attributed_alarm: float = rule(
        0.06, "share of headroom", "Threat perception a detected and attributed move adds.",
        "judgement: a named attacker alarms twice as much as an anonymous incident",
        le=1.0,
    )
    ally_alarm_share: float = rule(
        0.1, "fraction", "Share of that alarm every ally feels too.",
        "judgement: allies read each other's incidents, much less keenly than their own",
        le=1.0,
    )
    failed_escalation_share: float = rule(
        0.5, "fraction", "Share of a move's escalation added when it is attributed but failed.",
        "judgement: a caught attempt is hostile intent without the harm",
        le=1.0,
    )
    rally: float = rule(
        0.005, "opinion units", "Opinion gained by every person in a state hit by an attributed "
        "move (rally round the flag).",
        "Mueller 1970; Baker & Oneal 2001 (rally-round-the-flag); size is judgement: small, "
        "so that only repeated attributed attacks rally a public",
        le=1.0,
    )
