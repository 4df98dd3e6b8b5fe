"""The public: how opinions start, how polarisation is measured, and how narratives land."""

from __future__ import annotations

from .declare import RuleGroup, rule


class Public(RuleGroup):
    """Opinions of each state's public and what a narrative does to them."""

    alignment_from_threat: float = rule(
        0.4, "weight", "Weight of threat perception in a public's starting alignment.",
        "judgement: publics back the alliance line mostly because they feel threatened",
        le=1.0,
    )
    alignment_from_support: float = rule(
        0.3, "weight", "Weight of support for Ukraine in the starting alignment.",
        "judgement: the rest split evenly between support for Ukraine and trust",
        le=1.0,
    )
    alignment_from_trust: float = rule(
        0.3, "weight", "Weight of public trust in the starting alignment.",
        "judgement: as alignment_from_support (the three weights sum to 1)",
        le=1.0,
    )
    camp_share: float = rule(
        0.5, "fraction", "Share of the public starting in the lower of the two opinion camps.",
        "judgement: two equal camps either side of the mean keep the mean as given",
        le=1.0,
    )
    camp_spread: float = rule(
        0.03, "opinion units", "Standard deviation of opinions inside each camp.",
        "judgement: small next to typical polarisation (0.2-0.5), so the camps stay distinct",
        le=1.0,
    )
    polarisation_per_std: float = rule(
        2.0, "per opinion unit", "Polarisation is this times the standard deviation of opinions "
        "(at most 1).",
        "judgement: two equal camps at 0 and 1 (std 0.5) give polarisation 1",
    )
    narrative_population: int = rule(
        10_000, "people", "Size of the simulated public in which each narrative spreads.",
        "judgement: large enough that Maki–Thompson's final size (Sudbury 1985) is reached to "
        "within a percent, small enough to cost nothing",
        ge=100,
    )
    push_scale: float = rule(
        4.0, "factor", "How far a narrative's polarisation_push stretches opinions per share "
        "newly reached.",
        "judgement: a narrative reaching everyone with push 0.05 stretches the spread by a fifth",
    )
