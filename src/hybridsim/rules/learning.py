"""How a shared success teaches the other adversaries (the scenario's `sharing` sets the rate)."""

from __future__ import annotations

from .declare import RuleGroup, rule


class Learning(RuleGroup):
    """How much a teacher's own proficiency matters to what the others learn."""

    teacher_floor: float = rule(
        0.5, "fraction", "Share of the learning rate passed on by a teacher of proficiency 0.",
        "judgement: even a clumsy success shows that a move works",
        le=1.0,
    )
    teacher_slope: float = rule(
        0.5, "fraction per unit", "Share added per unit of the teacher's proficiency.",
        "judgement: a master passes on the full rate (floor + slope = 1)",
        le=1.0,
    )
