"""Which fields an effect may change, per kind of target, with the range each must stay in.

One table serves the validator (so a misspelt field is caught at load time, with a suggestion)
and the model (so effects are applied and clipped the same way everywhere).
"""

from __future__ import annotations

from dataclasses import dataclass

from .schema import Domain


@dataclass(frozen=True)
class FieldSpec:
    name: str
    low: float = 0.0
    high: float | None = 1.0
    doc: str = ""


def _specs(*specs: FieldSpec) -> dict[str, FieldSpec]:
    return {s.name: s for s in specs}


STATE_FIELDS = _specs(
    FieldSpec("public_trust", doc="trust in government and institutions"),
    FieldSpec("polarisation", doc="polarisation of public opinion"),
    FieldSpec("cyber_posture", doc="cyber defence maturity"),
    FieldSpec("infrastructure_protection", doc="physical protection of infrastructure"),
    FieldSpec("investment_screening", doc="screening of strategic foreign investment"),
    FieldSpec("threat_perception", doc="how threatened the state feels"),
    FieldSpec("ukraine_support", doc="political support for Ukraine"),
    FieldSpec("ukraine_first", doc="priority of Ukraine over a China focus"),
    FieldSpec("china_trade_exposure", doc="economic exposure to China"),
    FieldSpec("alignment", doc="support for the alliance line"),
    FieldSpec("budget", high=None, doc="response points per turn"),
    FieldSpec("demand_cut", high=0.5, doc="gas demand reduction in force"),
    FieldSpec("demand_shock", low=-0.5, high=1.0, doc="extra gas demand (cold snap: +0.2)"),
    FieldSpec("storage_target", doc="gas storage fill aimed for by 1 November"),
    FieldSpec("storage_fill", doc="gas storage fill now"),
)
SUPPLY_PREFIX = "supply."
ASSET_FIELDS = _specs(FieldSpec("health"), FieldSpec("hardening"))
SOURCE_FIELDS = _specs(FieldSpec("availability", doc="share of the source's supply flowing"))
PARTNER_FIELDS = _specs(
    FieldSpec("generation_gw", high=None),
    FieldSpec("air_defence"),
    FieldSpec("repair_gw_per_turn", high=None),
)
ALLIANCE_FIELDS = _specs(FieldSpec("cohesion"))
ADVERSARY_FIELDS = _specs(
    FieldSpec("budget_per_turn", high=None),
    FieldSpec("risk_appetite"),
    *(FieldSpec(f"capacity.{d.value}") for d in Domain),
)

FIELDS_BY_KIND: dict[str, dict[str, FieldSpec]] = {
    "state": STATE_FIELDS,
    "asset": ASSET_FIELDS,
    "source": SOURCE_FIELDS,
    "partner": PARTNER_FIELDS,
    "alliance": ALLIANCE_FIELDS,
    "adversary": ADVERSARY_FIELDS,
}


def field_spec(kind: str, name: str, sources: list[str] | tuple[str, ...] = ()) -> FieldSpec | None:
    """The spec of a field on a kind of target, or None when there is no such field."""
    if kind == "state" and name.startswith(SUPPLY_PREFIX):
        return FieldSpec(name, high=None) if name[len(SUPPLY_PREFIX) :] in sources else None
    return FIELDS_BY_KIND.get(kind, {}).get(name)


def field_names(kind: str, sources: list[str] | tuple[str, ...] = ()) -> list[str]:
    names = list(FIELDS_BY_KIND.get(kind, {}))
    if kind == "state":
        names += [f"{SUPPLY_PREFIX}{s}" for s in sources]
    return names


def scope_kind(scope: str, target_kind: str, is_move: bool) -> str:
    """The kind of record an effect's 'on' scope lands on."""
    if scope == "target":
        return "state" if target_kind == "self" else target_kind
    if scope == "actor":
        return "adversary" if is_move else "state"
    if scope in {"owner", "all_states"}:
        return "state"
    if scope == "all_adversaries":
        return "adversary"
    return scope
