"""The game as a file and as a room: autosave status, export, import, reports, player codes."""

# ruff: noqa: N802 (Solara components are named like classes, as Solara's own are)

from __future__ import annotations

from collections.abc import Callable
from html import escape
from typing import Any

import solara

from ...report import ReportContent, build_report, render_html, render_markdown
from ...report.pdf import pdf_bytes
from ..live import use_presence
from ..rooms import REGISTRY
from ..session import GameSession
from .widgets import FileText


def report_content(session: GameSession) -> ReportContent:
    """The report of a game as the viewer holds it (with the turns taken back)."""
    with session.lock:
        return build_report(
            session.model,
            session.meta.title,
            session.id,
            undone=tuple(session.undone),
            exercise=session.exercise.to_dict(),
        )


def report_html(session: GameSession) -> str:
    return render_html(report_content(session))


def report_markdown(session: GameSession) -> str:
    return render_markdown(report_content(session))


def connected_text(pages: dict[str, int]) -> str:
    """Who has the game open, this page included: "Connected: facilitator 1, red 2, blue 0"."""
    labels = (("white", "facilitator"), ("red", "red"), ("blue", "blue"))
    parts = [f"{label} {pages.get(side, 0)}" for side, label in labels]
    return "Pages connected now (this one included): " + ", ".join(parts) + "."


def file_stem(session: GameSession) -> str:
    return f"{session.scenario.name}-{session.id}-turn{session.model.turn}"


@solara.component
def RoomPanel(session: GameSession, room: dict[str, str] | None) -> Any:
    """Open the game to player laptops: one short code per side.

    ``room`` is passed (not read from the session) so the panel re-renders when it changes:
    Solara re-renders a component only when its arguments change. Who is connected updates
    live on its own.
    """
    pages = use_presence(session)
    if not room:
        solara.Markdown(
            "Open a **room** so players join this game from their laptops with a code: "
            "the blue code shows and plays only the allies, the red code only the adversaries."
        )
        solara.Button(
            "Open a room",
            on_click=lambda: REGISTRY.open_room(session),
            color="primary",
            icon_name="mdi-account-group",
        )
        return
    cells = "".join(
        f"<div class='hs-tile hs-room-{side}'><div class='hs-label'>{side} players</div>"
        f"<div class='hs-roomcode' data-side='{side}'>{escape(code)}</div>"
        f"<div class='hs-label'>join at /?room={escape(code)}</div></div>"
        for side, code in room.items()
    )
    solara.HTML(unsafe_innerHTML=f"<div class='hs-tiles hs-room'>{cells}</div>")
    solara.Text(connected_text(pages), classes=["hs-connected"])
    solara.Button("Close the room", on_click=lambda: REGISTRY.close_room(session), text=True)


@solara.component
def GameFilesPanel(
    session: GameSession,
    on_open: Callable[[GameSession], None],
    facilitator: bool,
    db_path: str,
    version: int,
    room: dict[str, str] | None,
) -> Any:
    """Autosave, export/import of the game file, after-action reports, rooms.

    ``version`` and ``room`` make the panel re-render when the game or its room changes."""
    error, set_error = solara.use_state("")
    history = session.store.history(session.id)[-8:] if session.store else []

    def imported(name: str, text: str) -> None:
        try:
            new = GameSession.import_file(text, session.store)
        except ValueError as exc:
            set_error(f"{name}: {exc}")
            return
        set_error("")
        on_open(REGISTRY.add(new))

    with solara.Columns([1, 1]):
        with solara.Column():
            solara.HTML(tag="h3", unsafe_innerHTML="Saved after every turn")
            solara.Markdown(
                f"Game **{session.id}** is saved in `{db_path}`. Reload the page or restart the "
                "server and it opens where it was (the game id is in the address)."
            )
            if history:
                solara.HTML(unsafe_innerHTML=history_table(history))
            solara.HTML(tag="h3", unsafe_innerHTML="Game file")
            with solara.Row(style={"gap": "8px", "flex-wrap": "wrap", "align-items": "center"}):
                solara.FileDownload(
                    session.to_json,
                    filename=f"{file_stem(session)}.hybridsim.json",
                    label="Export game file",
                    mime_type="application/json",
                )
                FileText(
                    "Import a game file…",
                    on_file=imported,
                    accept=".json",
                    testid="game-import",
                    max_bytes=50_000_000,  # a long game of a big scenario
                )
            if error:
                solara.Error(error)
        with solara.Column():
            _report_downloads(session)
            if facilitator:
                solara.HTML(tag="h3", unsafe_innerHTML="Room")
                RoomPanel(session, room)


def history_table(history: list[dict[str, Any]]) -> str:
    """The last saves, newest first, as an HTML table."""
    rows = "".join(
        f"<tr><td>{h['saved']}</td><td>{h['turn']}</td><td>{escape(h['action'])}</td></tr>"
        for h in reversed(history)
    )
    return (
        "<table class='hs-table hs-history'><tr><th>Saved</th>"
        f"<th>Turn</th><th>What</th></tr>{rows}</table>"
    )


def _report_downloads(session: GameSession) -> None:
    """The after-action report as HTML, Markdown and PDF, each made when it is downloaded."""
    solara.HTML(tag="h3", unsafe_innerHTML="After-action report")
    solara.Markdown(
        "Timeline, charts, the players' decisions, every roll and every override with "
        "its reason: one file that opens anywhere, with no internet."
    )
    stem = file_stem(session)
    with solara.Row(style={"gap": "8px", "flex-wrap": "wrap"}):
        solara.FileDownload(
            lambda: report_html(session),
            filename=f"{stem}-report.html",
            label="Report (HTML)",
            mime_type="text/html",
        )
        solara.FileDownload(
            lambda: report_markdown(session),
            filename=f"{stem}-report.md",
            label="Report (Markdown)",
            mime_type="text/markdown",
        )
        solara.FileDownload(
            lambda: pdf_bytes(report_html(session)),
            filename=f"{stem}-report.pdf",
            label="Report (PDF)",
            mime_type="application/pdf",
        )
