"""A page that says when its server went away and comes back by itself when it returns.

Solara reconnects a page to a restarted server only in some cases, and its own "disconnected"
banner failed to render here: pages went dead without a sign, on the facilitator's laptop and on
every player's. The watch runs in the browser (``frontend/connection_watch.vue``) and needs
nothing from the server but its ``/readyz`` answer; the page reloads to its own address, which
holds the game (``?game=``) or room (``?room=``) and the tab (``&view=``). The game itself is
saved after every change, so a reload loses nothing but a half-typed field.
"""

# ruff: noqa: N802 (Solara components are named like classes, as Solara's own are)

from __future__ import annotations

from pathlib import Path
from typing import Any

import solara

DOWN_TEXT = (
    "The hybridsim server cannot be reached. Nothing is lost: the game is saved after every "
    "change. This page reconnects by itself as soon as the server is back."
)
BACK_TEXT = "The hybridsim server is back: reloading this page where it was…"
CHECK_EVERY_MS = 1500
"""How often the browser checks its connection (a look at a local variable while connected)."""

VUE = Path(__file__).parent / "frontend" / "connection_watch.vue"


@solara.component_vue(str(VUE))
def ConnectionWatch(
    down_text: str = DOWN_TEXT, back_text: str = BACK_TEXT, every_ms: int = CHECK_EVERY_MS
) -> Any:
    """Invisible; mounted once per page (in the layout)."""
