"""What each outcome means: its unit, and whether an indicator is a level or an amount per turn.

Why it matters: ``successes`` is the number of successful moves *in one turn*, so the last
turn's value (the default reduction) is not the run's total. A sweep refuses to guess: a
per-turn amount must say ``over: sum`` (the run's total) or another reduction explicitly, and a
level (cohesion, trust) cannot be summed over turns. Units and reductions are written into the
runs table's metadata and into ``outcomes.csv`` by ``sweep-export``.

Indicator names are the model's (hybridsim.model.indicators); a test checks that every
indicator a run produces is described here.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Meaning:
    """One indicator: its unit and whether each turn's value is an amount of that turn."""

    unit: str
    per_turn: bool = False


FRACTION = Meaning("fraction 0-1")

INDICATORS: dict[str, Meaning] = {
    # member states
    "public_trust": FRACTION,
    "polarisation": FRACTION,
    "alignment": FRACTION,
    "cyber_posture": FRACTION,
    "threat_perception": FRACTION,
    "ukraine_support": FRACTION,
    "storage_fill": Meaning("fraction of storage capacity"),
    "storage_bcm": Meaning("bcm in storage"),
    "shortfall": Meaning("fraction of the turn's gas demand not met", per_turn=False),
    "shortfall_bcm": Meaning("bcm not supplied in the turn", per_turn=True),
    "consumption_bcm": Meaning("bcm consumed in the turn", per_turn=True),
    "imports_bcm": Meaning("bcm imported in the turn", per_turn=True),
    "russia_dependence": FRACTION,
    "china_trade_exposure": FRACTION,
    "infrastructure": Meaning("fraction of asset capacity working"),
    "assets_down": Meaning("assets"),
    "budget": Meaning("response points a turn"),
    "demand_cut": FRACTION,
    "n_minus_1": Meaning("% of peak daily demand (EU N-1, Reg. (EU) 2017/1938)"),
    # adversaries
    "mean_proficiency": FRACTION,
    "usable_moves": Meaning("moves"),
    "moves": Meaning("moves played in the turn", per_turn=True),
    "successes": Meaning("successful moves in the turn", per_turn=True),
    "detected": Meaning("moves detected in the turn", per_turn=True),
    "attributed": Meaning("moves attributed in the turn", per_turn=True),
    # alliance
    "cohesion": FRACTION,
    "measures": Meaning("measures in force"),
    "escalation_score": Meaning("escalation score"),
    "escalation_level": Meaning("ladder level"),
    "assets_working": Meaning("fraction of assets working"),
    "assets_infected": Meaning("assets"),
    "narratives_active": Meaning("narratives"),
    # partner
    "generation_gw": Meaning("GW"),
    "availability": Meaning("fraction of peak demand met"),
    "air_defence": FRACTION,
}
UNKNOWN = Meaning("")

OVER_WORDS = {
    "last": "at the last turn",
    "min": "minimum over turns",
    "max": "maximum over turns",
    "mean": "mean over turns",
    "sum": "sum over turns",
}
ACROSS_WORDS = {"mean": "mean", "min": "minimum", "max": "maximum", "sum": "total"}


def meaning_of(path: str) -> Meaning:
    """The meaning of an indicator path's last part (``adversaries.RU.successes``)."""
    return INDICATORS.get(path.rsplit(".", 1)[-1], UNKNOWN)


def reduction(path: str, over: str) -> str:
    """How a run's value of an outcome is made, in words (for tables and plot labels)."""
    if path.startswith("summary."):
        return "from the run summary"
    root, *rest = path.split(".")
    across = ""
    if len(rest) == 2 and rest[0] in ACROSS_WORDS:
        across = f"{ACROSS_WORDS[rest[0]]} across {root}, "
    return across + OVER_WORDS[over]


def unit(path: str, over: str) -> str:
    """The unit of an outcome's value: a per-turn amount summed over turns is a run's amount."""
    if path.startswith("summary."):
        return ""
    meant = meaning_of(path)
    if meant.per_turn and over == "sum":
        return meant.unit.replace(" in the turn", " in the run")
    return meant.unit
