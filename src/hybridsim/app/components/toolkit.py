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
    with solara.Columns([1] * max(len(adversaries), 1)):
        for adv in adversaries:
            with solara.Column():
                solara.HTML(tag="h3", unsafe_innerHTML=f"{view.actor_names[adv]} ({adv})")
                solara.HTML(unsafe_innerHTML=html.toolkit_table(view.toolkit, adv))
    solara.HTML(tag="h3", unsafe_innerHTML="Lessons learnt from each other")
    if view.lessons:
        items = "".join(
            f"<li>turn {r.turn}: {html.escape(r.headline)}</li>" for r in reversed(view.lessons)
        )
        solara.HTML(tag="ul", unsafe_innerHTML=items, classes=["hs-lessons"])
    else:
        solara.Text("No lessons yet: a move that succeeds for one adversary teaches the other.")
