"""How a rule's coefficient is declared: one helper that carries unit, meaning and source.

Why one helper: the docs (docs/mechanics.md), the scenario reference, the JSON Schema and sweep
paths all read the same field metadata, so a coefficient declared here is documented, validated
and sweepable at once, and one without a source cannot be written.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

JUDGEMENT = "judgement:"


class RuleGroup(BaseModel):
    """Base of every group of rules: unknown keys are errors, values frozen once validated."""

    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False)


def rule(
    default: float,
    unit: str,
    meaning: str,
    source: str,
    *,
    ge: float | None = 0.0,
    le: float | None = None,
) -> Any:
    """A rule's coefficient: its default, unit, one-line meaning and where the value comes from
    (a citation, or "judgement: <reasoning>")."""
    if not source.strip() or (source.startswith("judgement") and not source.startswith(JUDGEMENT)):
        raise ValueError(f"rule {meaning!r}: a source is a citation or 'judgement: <reasoning>'")
    return Field(
        default,
        ge=ge,
        le=le,
        description=f"{meaning} [{unit}]",
        examples=[default],
        json_schema_extra={"unit": unit, "source": source},
    )


@dataclass(frozen=True)
class RuleInfo:
    """One coefficient as the docs list it."""

    path: str
    default: Any
    unit: str
    meaning: str
    source: str


def rule_infos(group: type[BaseModel], prefix: str, values: BaseModel | None = None,
               source: str | None = None) -> list[RuleInfo]:
    """Every coefficient declared with ``rule`` in one group, in declaration order, with the
    groups it nests (a group, or a map of groups by id: ``against.RU.gas``) spelled out at
    their default values; ``source`` replaces the declared one (a nesting field's own)."""
    out = []
    for name, info in group.model_fields.items():
        extra = info.json_schema_extra if isinstance(info.json_schema_extra, dict) else {}
        value = (getattr(values, name) if values is not None
                 else info.get_default(call_default_factory=True))
        where = str(extra.get("source", "")) or None
        if "unit" in extra:
            meaning = (info.description or "").rsplit(" [", 1)[0]
            out.append(RuleInfo(f"{prefix}.{name}", value, str(extra["unit"]), meaning,
                                source or str(extra["source"])))
        elif isinstance(value, BaseModel):
            out += rule_infos(type(value), f"{prefix}.{name}", value, where)
        elif isinstance(value, dict) and all(isinstance(v, BaseModel) for v in value.values()):
            for key, sub in value.items():
                out += rule_infos(type(sub), f"{prefix}.{name}.{key}", sub, where)
    return out
