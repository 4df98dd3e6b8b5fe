"""The partner (Ukraine): what repairs and air defence can reach."""

from __future__ import annotations

from .declare import RuleGroup, rule


class PartnerRules(RuleGroup):
    """Caps on what allies' help can give the partner."""

    installed_multiple: float = rule(
        1.5, "x generation", "Installed capacity when a scenario gives none: this times the "
        "working generation.",
        "judgement: a scenario's working generation is what strikes left of about a half more",
        ge=1.0,
    )
    air_defence_cap: float = rule(
        0.95, "fraction", "Most of the strikes air defence can ever stop.",
        "judgement: no air defence stops every missile and drone",
        le=1.0,
    )
