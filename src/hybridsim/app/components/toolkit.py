"""Each adversary's toolkit and what it learnt from the other ("sharing a toolkit")."""

# ruff: noqa: N802 (Solara components are named like classes, as Solara's own are)

from __future__ import annotations

from typing import Any

import solara

from .. import html
from ..views import GameView


@solara.component
def ToolkitPanel(view: GameView) -> Any:
    if not view.can_see_toolkit:
        solara.Info("The adversaries' toolkits are not known to this side.")
        return
    adversaries = [a for a, side in view.actor_sides.items() if side == "red"]
    solara.HTML(
        tag="h3",
        unsafe_innerHTML="Each adversary's proficiency with each move "
        "(change since the start, lessons learnt from the others)",
    )
    solara.HTML(
        unsafe_innerHTML=html.toolkit_table(view.toolkit, adversaries, view.actor_names),
        style="max-height: 420px; overflow: auto;",
    )
    solara.HTML(tag="h3", unsafe_innerHTML="Lessons learnt from each other")
    if view.lessons:
        items = "".join(
            f"<li>turn {r.turn}: {html.escape(r.headline)}</li>" for r in reversed(view.lessons)
        )
        solara.HTML(tag="ul", unsafe_innerHTML=items, classes=["hs-lessons"])
    else:
        solara.Text("No lessons yet: a move that succeeds for one adversary teaches the other.")
