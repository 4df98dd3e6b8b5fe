"""Votes: each ally's support score for a proposal, by the proposal's focus (resilience,
ukraine, or the id of the adversary a measure is against)."""

from __future__ import annotations

from typing import Any

from pydantic import Field, model_validator

from .declare import RuleGroup, rule

POSITIONS = "judgement: the positions of DESIGN.md (exposure to China, Russian gas, Ukraine first)"
ANY_ADVERSARY = (
    "judgement: allies weigh a measure against an adversary the scenario adds by what it holds "
    "over each of them, its trade (China's weight) and the gas it controls (Russia's weight), "
    "with no standing bias for or against"
)


class Against(RuleGroup):
    """How allies weigh a measure against one adversary: bonus + ukraine_support x support for
    Ukraine - ukraine_first x ukraine_first - exposure x trade exposure to that adversary - gas
    x dependence on the gas it controls (``controlled_by``)."""

    bonus: float = rule(0.0, "score", "Added for a measure against this adversary.",
                        ANY_ADVERSARY, ge=None)
    ukraine_support: float = rule(
        0.0, "per unit", "Added per unit of support for Ukraine.", ANY_ADVERSARY
    )
    ukraine_first: float = rule(
        0.0, "per unit", "Subtracted per unit of ukraine_first.", ANY_ADVERSARY
    )
    exposure: float = rule(
        0.6, "per unit", "Subtracted per unit of trade exposure to this adversary.",
        ANY_ADVERSARY,
    )
    gas: float = rule(
        0.4, "per unit", "Subtracted per unit of dependence on the gas this adversary controls.",
        ANY_ADVERSARY,
    )


# The shipped weights of measures against Russia and China (what the words "russia" and
# "china" meant before a focus named an adversary's id): the same numbers, the same formulas.
# Russia: support for Ukraine carries a measure, dependence on its gas holds it back; China: a
# bonus, resisted by trade exposure and by putting Ukraine first.
SHIPPED_AGAINST: dict[str, dict[str, float]] = {
    "RU": {"ukraine_support": 0.3, "exposure": 0.0, "gas": 0.4},
    "CN": {"bonus": 0.25, "ukraine_first": 0.3, "exposure": 0.6, "gas": 0.0},
}


def shipped_against() -> dict[str, dict[str, float]]:
    """A fresh copy of the shipped per-adversary weights."""
    return {a: dict(w) for a, w in SHIPPED_AGAINST.items()}


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
    against: dict[str, Against] = Field(
        default_factory=lambda: {a: Against(**w) for a, w in shipped_against().items()},
        description="Weights of a measure against an adversary, by adversary id (a proposal "
        "whose focus is that id); an adversary not listed takes rules.votes.against_any. An "
        "override changes only the ids and weights it names; an id the scenario has no "
        "adversary for (besides the shipped RU and CN) is an error, as it would never be read.",
        examples=[{"CN": {"exposure": 0.8}}],
        json_schema_extra={"source": POSITIONS},
    )
    against_any: Against = Field(
        default_factory=Against,
        description="Weights of a measure against an adversary rules.votes.against does not "
        "list.",
        examples=[{"gas": 0.5}],
        json_schema_extra={"source": ANY_ADVERSARY},
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

    @model_validator(mode="before")
    @classmethod
    def _over_shipped(cls, data: Any) -> Any:
        """Weights given for an adversary are laid over the shipped ones (the rest kept)."""
        if isinstance(data, dict) and isinstance(data.get("against"), dict):
            shipped: dict[str, Any] = shipped_against()
            given = {a: ({**shipped.get(a, {}), **w} if isinstance(w, dict) else w)
                     for a, w in data["against"].items()}
            data = {**data, "against": {**shipped, **given}}
        return data

    def weights_against(self, adversary: str) -> Against:
        """The weights of a measure against ``adversary``."""
        return self.against.get(adversary, self.against_any)
