"""Defence: how well each kind of target resists each domain of move, as a declared table.

A row reads: defence = scale x (base + sum of weight x term) x product of (1 - weight x damper),
where terms and dampers are indicators of the target (``TERMS`` lists them per kind). Every
target kind has a row for every domain, checked when the rules are validated, so a new domain
can never silently meet no defence at all.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import Field

from .declare import RuleGroup

# The indicators a row may weigh, per target kind (model/defence.py reads each from the world).
TERMS: dict[str, tuple[str, ...]] = {
    "state": (
        "cyber_posture", "infrastructure_protection", "investment_screening", "public_trust",
        "consensus", "storage_fill", "china_trade_exposure", "actor_trade_exposure",
    ),
    "asset": ("hardening", "owner_cyber_posture", "owner_infrastructure_protection"),
    "partner_asset": ("hardening", "partner_air_defence"),
    "partner": ("air_defence",),
    "alliance": ("cohesion",),
    "source": (),
    "adversary": (),
}
# Terms read against the acting adversary (a state's exposure to whoever plays the move).
ACTOR_TERMS = frozenset({"actor_trade_exposure"})
# The built-in domains of moves, in the order of scenario.schema.Domain (checked by a test).
# A scenario may declare more (toolkit.domains); the scenario's validator then requires their
# rows for every target kind, and that every row's domain is known.
DOMAINS = ("cyber", "energy", "information", "economic", "physical", "political", "military")


class DefenceRow(RuleGroup):
    """Defence of one kind of target against one domain of move."""

    scale: float = Field(
        0.0, ge=0.0, le=1.0, description="Share of the weighted terms that counts as defence.",
        examples=[0.7],
    )
    base: float = Field(
        0.0, ge=0.0, le=1.0, description="Defence before any term (a constant part).",
        examples=[0.2],
    )
    terms: dict[str, float] = Field(
        default_factory=dict, description="Weight of each indicator of the target.",
        examples=[{"cyber_posture": 0.6, "hardening": 0.4}],
    )
    damped_by: dict[str, float] = Field(
        default_factory=dict,
        description="Indicators that weaken the defence: it is multiplied by 1 - weight x value.",
        examples=[{"china_trade_exposure": 0.5}],
    )
    source: str = Field(
        description="Where the row comes from: a citation, or 'judgement: <reasoning>'.",
        examples=["judgement: cyber posture is what stops cyber moves"],
    )


def _row(scale: float, source: str, base: float = 0.0, damped_by: dict[str, float] | None = None,
         **terms: float) -> dict[str, Any]:
    return {"scale": scale, "base": base, "terms": terms, "damped_by": damped_by or {},
            "source": source}


NOTHING = "judgement: nothing in the model defends this kind of target against this domain"
ASSET_CYBER = _row(0.7, "judgement: the owner's cyber posture counts more than the asset's own "
                   "hardening; at best 70% of attempts are stopped",
                   owner_cyber_posture=0.6, hardening=0.4)
ASSET_PHYSICAL = _row(0.7, "judgement: guards and hardening count equally against sabotage and "
                      "strikes; at best 70% are stopped",
                      owner_infrastructure_protection=0.5, hardening=0.5)
ASSET_OTHER = _row(0.5, "judgement: only the asset's own hardening helps against other domains",
                   hardening=1.0)
PARTNER_ASSET = _row(0.8, "judgement: the partner's air defence shields its assets whatever the "
                     "instrument, with the assets' hardening", partner_air_defence=0.6,
                     hardening=0.4)
STATE_RESILIENCE = _row(0.6, "judgement: trusting, unpolarised publics resist disinformation and "
                        "political interference", public_trust=0.5, consensus=0.5)


def default_table() -> dict[str, dict[str, dict[str, Any]]]:
    """The shipped defence table: every target kind x every domain."""
    nothing = _row(0.0, NOTHING)
    state = {
        "cyber": _row(0.7, "judgement: national cyber defence stops at best 70% of cyber moves",
                      cyber_posture=1.0),
        "energy": _row(0.5, "judgement: full storage halves what energy coercion can do",
                       storage_fill=1.0),
        "information": STATE_RESILIENCE,
        "economic": _row(0.8, "Drezner 1999 (coercion bites with exposure); weights judgement: "
                         "screening stops investment moves, the state's trade exposure to the "
                         "acting adversary weakens it",
                         damped_by={"actor_trade_exposure": 0.5}, investment_screening=1.0),
        "physical": _row(0.7, "judgement: protection of critical infrastructure stops at best 70% "
                         "of sabotage", infrastructure_protection=1.0),
        "political": STATE_RESILIENCE,
        "military": nothing,
    }
    asset = dict.fromkeys(DOMAINS, ASSET_OTHER) | {
        "cyber": ASSET_CYBER, "physical": ASSET_PHYSICAL, "military": ASSET_PHYSICAL,
    }
    partner = {d: _row(1.0, "judgement: a country at war guards against everything a little",
                       base=0.2) for d in DOMAINS}
    partner["military"] = _row(
        1.0, "judgement: the scenario's air_defence is defined as the share of strikes stopped",
        air_defence=1.0,
    )
    alliance = {d: _row(0.6, "judgement: a cohesive alliance shrugs off moves aimed at it",
                        cohesion=1.0) for d in DOMAINS}
    return {
        "state": state,
        "asset": asset,
        "partner_asset": dict.fromkeys(DOMAINS, PARTNER_ASSET),
        "partner": partner,
        "alliance": alliance,
        "source": dict.fromkeys(DOMAINS, nothing),
        "adversary": dict.fromkeys(DOMAINS, nothing),
    }


TargetKind = Literal[tuple(TERMS)]  # type: ignore[valid-type]
DomainName = Annotated[str, Field(pattern=r"^[A-Za-z][A-Za-z0-9_\-]*$", max_length=64)]
Table = dict[TargetKind, dict[DomainName, DefenceRow]]


def table_problems(table: Table) -> list[str]:
    """What is wrong with a defence table: missing built-in rows, unknown kinds or terms
    (rows of declared domains are the scenario's to check: it knows which it declares)."""
    problems = [
        f"no defence row for {kind}.{domain}: every target kind needs a row for every domain"
        for kind in TERMS for domain in DOMAINS if domain not in table.get(kind, {})
    ]
    for kind, rows in table.items():
        if kind not in TERMS:
            problems.append(f"unknown target kind '{kind}' (known: {', '.join(TERMS)})")
            continue
        for domain, row in rows.items():
            unknown = [t for t in (*row.terms, *row.damped_by) if t not in TERMS[kind]]
            if unknown:
                problems.append(f"{kind}.{domain}: unknown term {', '.join(unknown)} "
                                f"(a {kind} has: {', '.join(TERMS[kind]) or 'none'})")
    return problems


def validated_table(table: dict[str, dict[str, dict[str, Any]]]) -> Table:
    """The shipped table as records."""
    return {k: {d: DefenceRow.model_validate(r) for d, r in rows.items()}
            for k, rows in table.items()}
