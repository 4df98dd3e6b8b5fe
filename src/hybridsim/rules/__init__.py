"""The rules of the game as declared data: every coefficient, with its unit, meaning and source.

``Rules`` is one typed, frozen record grouped by mechanism. A scenario's ``rules:`` section
overrides any part of it (only what it names; the rest keeps the defaults), sweeps vary it by
path (``rules.chances.max_probability``), and docs/mechanics.md lists it. This package imports
only pydantic: the scenario format builds on it without pulling in the model.
"""

from __future__ import annotations

from typing import Any

from pydantic import Field, model_validator

from .attention import Attention
from .chances import Chances
from .cohesion import Cohesion
from .consequences import Consequences
from .declare import RuleGroup, RuleInfo, rule, rule_infos
from .defence import (
    DOMAINS,
    TERMS,
    DefenceRow,
    Table,
    default_table,
    table_problems,
    validated_table,
)
from .eu import EuRules
from .gas import GasRules
from .learning import Learning
from .malware import MalwareRules
from .partner import PartnerRules
from .politics import Politics
from .public import Public
from .threat import Threat
from .votes import Votes

DAYS_PER_WEEK = 7
# Maps replaced whole by an override (a row's weights), not merged key by key.
REPLACED_WHOLE = frozenset({"terms", "damped_by"})
OVERRIDDEN = "set by the scenario (its file should say why)"


class Rules(RuleGroup):
    """Every coefficient of the rules, by mechanism (docs/mechanics.md explains each group)."""

    chances: Chances = Field(
        default_factory=Chances, description="Chances of a move.",
        examples=[{"max_probability": 0.95}],
    )
    defence: Table = Field(
        default_factory=lambda: validated_table(default_table()),
        description="Defence rows by target kind (state, asset, partner_asset, partner, "
        "alliance, source, adversary) and domain; an override changes only the rows it names.",
        examples=[{"state": {"military": {"scale": 0.3, "terms": {"infrastructure_protection": 1},
                                          "source": "judgement: territorial defence"}}}],
        json_schema_extra={"default_doc": "the table in docs/mechanics.md"},
    )
    consequences: Consequences = Field(
        default_factory=Consequences, description="What a move's result does.",
        examples=[{"rally": 0.01}],
    )
    learning: Learning = Field(
        default_factory=Learning, description="How a shared success teaches.",
        examples=[{"teacher_floor": 0.3}],
    )
    public: Public = Field(
        default_factory=Public, description="Opinions and narratives.",
        examples=[{"camp_spread": 0.05}],
    )
    threat: Threat = Field(
        default_factory=Threat, description="Alarm and war fatigue over time.",
        examples=[{"relax_per_week": 0.1}],
    )
    gas: GasRules = Field(
        default_factory=GasRules, description="Storage and the cost of rationing.",
        examples=[{"shortfall_trust": 0.3}],
    )
    malware: MalwareRules = Field(
        default_factory=MalwareRules, description="How malware is cured.",
        examples=[{"cure_floor": 0.2}],
    )
    partner: PartnerRules = Field(
        default_factory=PartnerRules, description="Caps on help to the partner.",
        examples=[{"air_defence_cap": 0.9}],
    )
    cohesion: Cohesion = Field(
        default_factory=Cohesion, description="The cohesion target and votes' effect on it.",
        examples=[{"dispersion": 2.0}],
    )
    votes: Votes = Field(
        default_factory=Votes, description="Each ally's support score for a proposal.",
        examples=[{"yes_at": 0.55}],
    )
    attention: Attention = Field(
        default_factory=Attention, description="What allies notice of incidents.",
        examples=[{"ally_incident": 0.2}],
    )
    politics: Politics = Field(
        default_factory=Politics, description="Attribution politics and allied signals.",
        examples=[{"investigation_weeks": 4}],
    )
    eu: EuRules = Field(
        default_factory=EuRules, description="The EU's Council: its calendar, voting rules "
        "and instruments.",
        examples=[{"council_weeks": 2}],
    )

    @model_validator(mode="before")
    @classmethod
    def _over_defaults(cls, data: Any) -> Any:
        """A partial defence table changes only the rows (and row fields) it names."""
        if isinstance(data, dict) and isinstance(data.get("defence"), dict):
            given = {kind: _sourced(rows) for kind, rows in data["defence"].items()}
            shipped = {k: {d: r.model_dump() for d, r in rows.items()}
                       for k, rows in _DEFAULT_TABLE.items()}
            data = {**data, "defence": merge(shipped, given)}
        return data

    @model_validator(mode="after")
    def _complete(self) -> Rules:
        problems = table_problems(self.defence)
        if problems:
            raise ValueError("; ".join(problems[:4]))
        return self


_DEFAULT_TABLE = validated_table(default_table())


def _sourced(rows: Any) -> Any:
    """Rows a scenario writes without a source are marked as its own."""
    if not isinstance(rows, dict):
        return rows
    return {domain: {"source": OVERRIDDEN, **row} if isinstance(row, dict) else row
            for domain, row in rows.items()}


def merge(base: dict[str, Any], override: dict[str, Any]) -> dict[str, Any]:
    """``override`` laid over ``base`` key by key, at every depth but the weights of a row."""
    out = dict(base)
    for key, value in override.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict) and key not in REPLACED_WHOLE:
            out[key] = merge(out[key], value)
        else:
            out[key] = value
    return out


def per_turn(rate_per_week: float, turn_days: int) -> float:
    """The share per turn equivalent to a share per week, compounded over the turn's days."""
    weeks = turn_days / DAYS_PER_WEEK
    if weeks == 1.0:
        return rate_per_week  # exact, so that week-long turns use the number as written
    return 1.0 - (1.0 - rate_per_week) ** weeks


def rule_catalogue() -> list[RuleInfo]:
    """Every scalar coefficient of the rules, group by group (the defence table aside)."""
    out: list[RuleInfo] = []
    for name, info in Rules.model_fields.items():
        group = info.annotation
        if isinstance(group, type) and issubclass(group, RuleGroup):
            out += rule_infos(group, f"rules.{name}")
    return out


__all__ = [
    "DOMAINS",
    "TERMS",
    "DefenceRow",
    "RuleGroup",
    "RuleInfo",
    "Rules",
    "merge",
    "per_turn",
    "rule",
    "rule_catalogue",
    "table_problems",
]
