"""Indicators over the turns: one chosen state indicator, and the alliance-wide series."""

# ruff: noqa: N802 (Solara components are named like classes, as Solara's own are)

from __future__ import annotations

from typing import Any

import solara

from ..charts import Figure, alliance_chart, escalation_chart, indicator_chart
from ..views import CHART_INDICATORS, GameView


@solara.component
def ChartsPanel(view: GameView) -> Any:
    labels = {label: key for key, label in CHART_INDICATORS.items()}
    chosen, set_chosen = solara.use_state("Public trust")
    key = labels.get(chosen, "public_trust")
    frame = view.indicators[view.indicators["indicator"] == key]
    with solara.Columns([1, 1]):
        with solara.Column():
            solara.Select(
                label="State indicator", values=list(labels), value=chosen, on_value=set_chosen
            )
            Figure(indicator_chart(frame, chosen))
        with solara.Column():
            Figure(alliance_chart(view.alliance_history))
            Figure(escalation_chart(view.alliance_history))
