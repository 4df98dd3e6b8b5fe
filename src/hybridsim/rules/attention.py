"""What allies notice: incidents by whom they hit (read by the heuristic allies)."""

from __future__ import annotations

from .declare import RuleGroup, rule


class Attention(RuleGroup):
    """Weights of detected incidents in an ally's view of the last turn."""

    own_incident: float = rule(
        1.0, "weight", "Weight of a detected incident in the ally itself.",
        "judgement: the unit of attention",
    )
    ally_incident: float = rule(
        0.1, "weight", "Weight of a detected incident in another ally.",
        "judgement: allies care about each other's incidents, a tenth as much as their own",
    )
