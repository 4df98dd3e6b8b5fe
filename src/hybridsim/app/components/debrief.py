"""The debrief screen: the arc of the game, its turning points, the players' key decisions,
overrides and undos. The after-action report repeats it (``report.debrief``)."""

# ruff: noqa: N802 (Solara components are named like classes, as Solara's own are)

from __future__ import annotations

from typing import Any

import solara

from ...report.debrief import build_debrief
from ...report.render_html import debrief_html
from ..charts import Figure, arc_charts
from ..session import GameSession
from .gamefiles import report_content


@solara.component
def DebriefPanel(session: GameSession, version: int) -> Any:
    """``version`` makes the panel re-render when the game changes."""
    debrief = solara.use_memo(lambda: build_debrief(report_content(session)), [version])
    fracture = session.scenario.alliance.fracture_threshold
    solara.HTML(tag="h2", unsafe_innerHTML="Debrief")
    with solara.Columns([1, 1]):
        with solara.Column():
            for chart in arc_charts(debrief.cohesion, debrief.escalation, fracture):
                Figure(chart)
        with solara.Column():
            solara.HTML(unsafe_innerHTML=debrief_html(debrief), classes=["hs-debrief-text"])
