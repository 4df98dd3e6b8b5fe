"""Threat perception and war fatigue between incidents (rates per week)."""

from __future__ import annotations

from .declare import RuleGroup, rule


class Threat(RuleGroup):
    """How alarm fades and support for Ukraine wears down; per week, scaled to the turn."""

    relax_per_week: float = rule(
        0.05, "share per week", "Share of the gap to its starting level that threat perception "
        "closes each week.",
        "judgement: alarm halves in about three months without new incidents",
        le=1.0,
    )
    war_fatigue_per_week: float = rule(
        0.003, "share per week", "Share of support for Ukraine lost each week.",
        "judgement: about 15% a year before any narrative: support erodes slowly in a long war",
        le=1.0,
    )
