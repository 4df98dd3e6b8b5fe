"""Votes: each ally's support score for a proposal, by the proposal's focus."""

from __future__ import annotations

from .declare import RuleGroup, rule

POSITIONS = "judgement: the positions of DESIGN.md (exposure to China, Russian gas, Ukraine first)"


class Votes(RuleGroup):
    """score = alignment_weight x alignment + threat_weight x threat perception + the focus
    terms; an ally votes yes when its score reaches yes_at."""

    yes_at: float = rule(
        0.5, "score", "Score from which an ally votes for a proposal.",
        "judgement: the middle of the score's range", le=1.0,
    )
    alignment_weight: float = rule(
        0.5, "weight", "Weight of the ally's alignment in its score.", POSITIONS
    )
    threat_weight: float = rule(
        0.5, "weight", "Weight of the ally's threat perception in its score.", POSITIONS
    )
    china_bonus: float = rule(0.25, "score", "Added for a China focus.", POSITIONS, ge=None)
    china_exposure: float = rule(
        0.6, "per unit", "Subtracted per unit of China trade exposure (China focus).", POSITIONS
    )
    china_ukraine_first: float = rule(
        0.3, "per unit", "Subtracted per unit of ukraine_first (China focus).", POSITIONS
    )
    russia_support: float = rule(
        0.3, "per unit", "Added per unit of support for Ukraine (Russia focus).", POSITIONS
    )
    russia_gas: float = rule(
        0.4, "per unit", "Subtracted per unit of dependence on adversary-controlled gas "
        "(Russia focus).", POSITIONS,
    )
    ukraine_support: float = rule(
        0.5, "per unit", "Added per unit of support for Ukraine (Ukraine focus).", POSITIONS
    )
    ukraine_cost: float = rule(
        0.2, "score", "Subtracted for a Ukraine focus (its cost to national interests).",
        POSITIONS,
    )
    other_bonus: float = rule(
        0.1, "score", "Added for any other focus (resilience: little to disagree on).", POSITIONS,
        ge=None,
    )
