"""Cohesion: the target it follows, and what votes do to it."""

from __future__ import annotations

from .declare import RuleGroup, rule

CALIBRATED = (
    "judgement: weights chosen so that the shipped scenarios start near their stated cohesion "
    "and a divided alliance (dispersion 0.1) loses about a quarter of it"
)


class Cohesion(RuleGroup):
    """Cohesion target = starting cohesion + change since the start of: alignment x mean
    alignment + trust x mean trust - polarisation x mean polarisation - dispersion x spread +
    per_measure x measures adopted."""

    alignment: float = rule(1.5, "weight", "Weight of the allies' mean alignment.", CALIBRATED)
    trust: float = rule(0.3, "weight", "Weight of the allies' mean public trust.", CALIBRATED)
    polarisation: float = rule(
        0.0, "weight", "Weight of the allies' mean polarisation (subtracted).",
        "judgement: division inside a public is not division among allies; it reaches the "
        "alliance through the positions it moves (was 0.8, which let bounded-confidence talk "
        "alone, lowering polarisation with no cause, raise cohesion by 0.08 a game)",
    )
    dispersion: float = rule(
        2.5, "weight", "Weight of the spread of positions (subtracted).", CALIBRATED
    )
    china_spread: float = rule(
        0.5, "weight", "Share of the spread of China positions in the dispersion.", CALIBRATED
    )
    ukraine_spread: float = rule(
        0.5, "weight", "Share of the spread of Ukraine-first positions in the dispersion.",
        CALIBRATED,
    )
    per_measure: float = rule(
        0.02, "cohesion per measure", "Cohesion target gained per measure adopted.",
        "judgement: each decision taken together is a small, lasting bond",
    )
    adopted_gain: float = rule(
        0.03, "cohesion", "Cohesion gained at once when a vote adopts a proposal.",
        "judgement: a summit success is news, smaller than a failure's damage",
        le=1.0,
    )
    rejected_loss: float = rule(
        0.04, "cohesion", "Cohesion lost at once when a proposal fails.",
        "judgement: a public split costs more than agreement gains",
        le=1.0,
    )
