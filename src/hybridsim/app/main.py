"""The Solara app: ``solara run hybridsim.app.main`` (``hybridsim play`` does this for you).

Two pages: the game ('/') and the scenario editor ('/editor'). No game is created at import time:
each page makes or opens its own (see ``pages.GamePage``), so sessions never share a model by
accident.
"""

# ruff: noqa: N802 (Solara components are named like classes, as Solara's own are)

from __future__ import annotations

from typing import Any

import solara

from .connection import ConnectionWatch
from .editor import EditorPage
from .pages import GamePage

NAV = (("/", "Game", "mdi-chess-knight"), ("/editor", "Scenario editor", "mdi-file-document-edit"))


@solara.component
def Layout(children: list[Any] = []) -> Any:  # noqa: B006 (Solara passes children this way)
    """A slim bar with the two pages, then the page; no sidebar, to keep a projector's width."""
    router = solara.use_router()
    ConnectionWatch()
    with solara.Column(style={"padding": "6px 16px", "max-width": "1600px", "margin": "0 auto"}):
        with solara.Row(style={"align-items": "center", "gap": "4px"}, classes=["hs-nav"]):
            solara.HTML(tag="b", unsafe_innerHTML="hybridsim", style="margin-right: 12px;")
            for path, label, icon in NAV:
                active = (router.path or "/").rstrip("/") == path.rstrip("/")
                solara.Button(
                    label,
                    icon_name=icon,
                    on_click=lambda path=path: router.push(path),
                    text=not active,
                    outlined=active,
                    density="compact",
                )
        solara.Column(children=children)


routes = [
    # The layout sits on the root route: Solara drops a module-level Layout when `routes` is set.
    solara.Route(path="/", component=GamePage, label="Game", layout=Layout),
    solara.Route(path="editor", component=EditorPage, label="Scenario editor"),
]
