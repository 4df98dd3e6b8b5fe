"""Which fields an effect may change, per kind of target, with the range each must stay in.

One table serves the validator (so a misspelt field is caught at load time, with a suggestion)
and the model (so effects are applied and clipped the same way everywhere).
"""

from __future__ import annotations

from dataclasses import dataclass

from .schema import Domain


@dataclass(frozen=True)
class FieldSpec:
    """A field effects may change; values are clipped to [low, high] (high None: no cap)."""

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
CAPACITY_PREFIX = "capacity."  # an adversary's capacity in a domain (built in or declared)
ASSET_FIELDS = _specs(
    FieldSpec("health", doc="how well the asset works (1: fully, below 0.3: down)"),
    FieldSpec("hardening", doc="protection against attack"),
)
SOURCE_FIELDS = _specs(FieldSpec("availability", doc="share of the source's supply flowing"))
PARTNER_FIELDS = _specs(
    FieldSpec("generation_gw", high=None, doc="working generation capacity, GW"),
    FieldSpec("air_defence", doc="share of strikes air defence stops"),
    FieldSpec("repair_gw_per_turn", high=None, doc="capacity repaired each turn, GW"),
)
ALLIANCE_FIELDS = _specs(FieldSpec("cohesion", doc="cohesion of the alliance"))
ADVERSARY_FIELDS = _specs(
    FieldSpec("budget_per_turn", high=None, doc="move points per turn"),
    FieldSpec("risk_appetite", doc="willingness to risk attribution"),
    *(FieldSpec(f"{CAPACITY_PREFIX}{d.value}", doc=f"capacity in the {d.value} domain")
      for d in Domain),
)
SUPPLY_DOC = "gas import capacity from that source, bcm per year (state fields only)"

# What each value of an effect's 'on' means, for the reference docs.
SCOPE_DOCS: dict[str, str] = {
    "target": "the move's or inject's target (for a response on 'self': the acting state)",
    "actor": "whoever plays the move (an adversary) or response (a state)",
    "owner": "the state that owns the target asset (asset targets only)",
    "all_states": "every member state",
    "all_adversaries": "every adversary",
    "partner": "the partner (Ukraine's energy system)",
    "alliance": "the alliance",
}

FIELDS_BY_KIND: dict[str, dict[str, FieldSpec]] = {
    "state": STATE_FIELDS,
    "asset": ASSET_FIELDS,
    "source": SOURCE_FIELDS,
    "partner": PARTNER_FIELDS,
    "alliance": ALLIANCE_FIELDS,
    "adversary": ADVERSARY_FIELDS,
}


Names = list[str] | tuple[str, ...]


def field_spec(kind: str, name: str, sources: Names = (), domains: Names = ()) -> FieldSpec | None:
    """The spec of a field on a kind of target, or None when there is no such field;
    ``sources`` and ``domains`` are the scenario's gas sources and domains (with those it
    declares), whose supply and capacity fields exist only in it."""
    if kind == "state" and name.startswith(SUPPLY_PREFIX):
        return FieldSpec(name, high=None) if name[len(SUPPLY_PREFIX) :] in sources else None
    found = FIELDS_BY_KIND.get(kind, {}).get(name)
    declared = name[len(CAPACITY_PREFIX) :] if name.startswith(CAPACITY_PREFIX) else None
    if found is None and kind == "adversary" and declared in domains:
        return FieldSpec(name, doc=f"capacity in the {declared} domain")
    return found


def field_names(kind: str, sources: Names = (), domains: Names = ()) -> list[str]:
    """Every field an effect may change on this kind of target (for suggestions)."""
    names = list(FIELDS_BY_KIND.get(kind, {}))
    if kind == "state":
        names += [f"{SUPPLY_PREFIX}{s}" for s in sources]
    if kind == "adversary":
        names += [n for n in (f"{CAPACITY_PREFIX}{d}" for d in domains) if n not in names]
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


# Indicators the model logs for every state each turn (fractions unless unbounded); conditions
# in injects and sweep outcomes may name them.
STATE_INDICATORS = (
    "public_trust", "polarisation", "alignment", "cyber_posture", "threat_perception",
    "ukraine_support", "storage_fill", "storage_bcm", "shortfall", "shortfall_bcm",
    "consumption_bcm", "imports_bcm", "russia_dependence", "china_trade_exposure",
    "infrastructure", "assets_down", "budget", "demand_cut", "n_minus_1",
)  # fmt: skip
UNBOUNDED_STATE_INDICATORS = (
    "budget", "storage_bcm", "shortfall_bcm", "consumption_bcm", "imports_bcm", "assets_down",
    "n_minus_1",  # a percentage: 100 means the largest asset can fail on a peak day
)  # fmt: skip
# The months counted as winter ('winter_only' moves, the heuristic's 'winter' indicator).
WINTER_MONTHS = (10, 11, 12, 1, 2, 3)
