"""Scoring the sides' objectives (the scenario's optional ``objectives:``) on a game's record."""

from __future__ import annotations

from dataclasses import dataclass

from ..model import HybridThreatModel

READ = {
    "partner_availability": lambda rec: rec.partner.get("availability"),
}
"""Indicators not in the record's alliance table, by how to read them."""


@dataclass(frozen=True)
class Score:
    side: str
    name: str
    value: float | None
    met: bool
    text: str
    """"cohesion 62%, needs at least 60%": the value against its bound, in words."""


def _fmt(indicator: str, value: float) -> str:
    return f"{value:g}" if indicator in ("measures", "escalation_level") else f"{value:.0%}"


def score(model: HybridThreatModel) -> tuple[Score, ...]:
    """Each objective against the game as it stands (at the end: its final score)."""
    record = model.indicator_log[-1]
    out = []
    for o in model.scenario.objectives:
        read = READ.get(o.indicator, lambda rec, key=o.indicator: rec.alliance.get(key))
        value = read(record)
        met = value is not None
        bounds = []
        if o.at_least is not None:
            met = met and value >= o.at_least
            bounds.append(f"at least {_fmt(o.indicator, o.at_least)}")
        if o.at_most is not None:
            met = met and value <= o.at_most
            bounds.append(f"at most {_fmt(o.indicator, o.at_most)}")
        now = "not measured" if value is None else _fmt(o.indicator, value)
        label = o.indicator.replace("_", " ")
        out.append(Score(o.side, o.name, value, bool(met),
                         f"{label} {now}, needs {' and '.join(bounds)}"))  # fmt: skip
    return tuple(out)
