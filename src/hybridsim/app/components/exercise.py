"""The exercise around the game: ready marks, the turn timer, live injects, messages, notes and
the hot wash (see ``app.exercise``)."""

# ruff: noqa: N802 (Solara components are named like classes, as Solara's own are)

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from html import escape
from typing import Any

import solara

from ..exercise import AUDIENCES
from ..live import report_errors as _guard  # short: it wraps every button's action
from ..live import rerender_after
from ..session import GameSession
from ..views import GameView


def human_sides(session: GameSession) -> list[str]:
    """The sides with actors played by people: the ones whose readiness matters."""
    return sorted({session.side_of(a) for a in session.humans})


def timer_text(session: GameSession) -> str:
    """ "Orders due 13:45 UTC (12 min left)", or "" without a timer."""
    left = session.exercise.seconds_left()
    if left is None or session.model.phase != "brief":
        return ""
    due = dt.datetime.fromtimestamp(session.exercise.deadline or 0, dt.UTC).strftime("%H:%M")
    if left <= 0:
        return f"Orders were due at {due} UTC: time is up"
    return f"Orders due {due} UTC ({max(1, round(left / 60))} min left)"


def next_timer_change(left: float | None) -> float | None:
    """Seconds until the timer's text changes ("12 min left" rounds to the nearest minute, at
    least 1; then "time is up"), or None when it will not change by itself."""
    if left is None or left <= 0:
        return None
    minutes = max(1, round(left / 60))
    change_at = (minutes - 0.5) * 60 if minutes > 1 else 0.0
    return left - change_at + TIMER_SLACK_S


TIMER_SLACK_S = 0.2
"""Redraw a little after the change is due, so the new text is the one computed."""


@solara.component
def TimerChip(session: GameSession, phase: str, deadline: float | None) -> Any:
    """The turn timer as a chip that redraws itself when its minutes change: the time left
    counts down on every page without waiting for the game to change. ``deadline`` is passed
    so that a new timer re-renders it (Solara re-renders a component when its arguments
    change)."""
    ticks, set_ticks = solara.use_state(0)

    def schedule() -> Callable[[], None] | None:
        wait = next_timer_change(session.exercise.seconds_left()) if phase == "brief" else None
        return rerender_after(wait, set_ticks) if wait is not None else None

    solara.use_effect(schedule, [deadline, phase, ticks])
    text = timer_text(session)
    if text:
        solara.HTML(tag="span", unsafe_innerHTML=escape(text), classes=["hs-chip", "hs-timer"])


def ready_text(session: GameSession, view: GameView) -> str:
    """ "Ready: red ✓ · blue waiting" for the sides played by people."""
    parts = [
        f"{side} {'✓ ready' if session.exercise.is_ready(side, view.turn) else 'still working'}"
        for side in human_sides(session)
    ]
    return "Orders ready — " + " · ".join(parts) if parts else ""


@solara.component
def ReadyButton(session: GameSession, view: GameView, on_error: Callable[[str], None]) -> Any:
    """A player's "our orders are ready" (and the way back), while a turn is open."""
    if view.phase != "brief" or view.side not in human_sides(session):
        return
    ready = session.exercise.is_ready(view.side, view.turn)
    with solara.Row(style={"align-items": "center", "gap": "8px"}, classes=["hs-ready"]):
        if ready:
            solara.Text("Your side's orders are marked ready.", classes=["hs-ready-yes"])
            solara.Button(
                "Not ready yet",
                on_click=lambda: _guard(on_error, lambda: session.mark_ready(view.side, False)),
                text=True,
            )
        else:
            solara.Button(
                "Our orders are ready",
                on_click=lambda: _guard(on_error, lambda: session.mark_ready(view.side, True)),
                color="success",
                icon_name="mdi-check",
            )


@solara.component
def MessagesBox(session: GameSession, view: GameView) -> Any:
    """The facilitator's messages to this side and this turn's live injects, newest first."""
    messages = session.exercise.messages_for(view.side)[:4]
    injects = [i for i in session.exercise.injects if i.turn == view.turn]
    if not messages and not injects:
        return
    items = "".join(
        f"<li class='hs-live-inject'><b>Inject: {escape(i.title)}</b> {escape(i.text)}</li>"
        for i in reversed(injects)
    ) + "".join(
        f"<li class='hs-message'><b>From the facilitator"
        f"{'' if view.side != 'white' else f' to {escape(m.to)}'}:</b> {escape(m.text)}</li>"
        for m in messages
    )
    solara.HTML(unsafe_innerHTML=f"<ul class='hs-messages'>{items}</ul>")


@solara.component
def ControlCard(session: GameSession, view: GameView, on_error: Callable[[str], None]) -> Any:
    """The white cell's exercise controls: timer, message to a side, live inject, turn note."""
    minutes, set_minutes = solara.use_state("10")
    to, set_to = solara.use_state("everyone")
    message, set_message = solara.use_state("")
    title, set_title = solara.use_state("")
    body, set_body = solara.use_state("")
    note, set_note = solara.use_state(session.exercise.notes.get(view.turn, ""))
    solara.use_effect(lambda: set_note(session.exercise.notes.get(view.turn, "")), [view.turn])

    def start() -> None:
        try:
            value = float(minutes)
        except ValueError:
            on_error("the timer takes a number of minutes")
            return
        _guard(on_error, lambda: session.start_timer(value))

    def send() -> None:
        _guard(on_error, lambda: session.send_message(to, message))
        set_message("")

    def release() -> None:
        _guard(on_error, lambda: session.release_inject(title, body))
        set_title("")
        set_body("")

    shown, set_shown = solara.use_state(False)
    with solara.Column(gap="4px", classes=["hs-control"]):  # hidden in projector mode
        solara.Button(
            "Exercise control: timer, messages, live injects, notes",
            on_click=lambda: set_shown(not shown),
            text=True,
            icon_name="mdi-chevron-up" if shown else "mdi-chevron-down",
        )
        if not shown:  # built only when opened: a Step re-renders none of it
            return
        with solara.Row(style=_ROW):
            solara.InputText("Minutes for orders", value=minutes, on_value=set_minutes,
                             style={"max-width": "160px"})  # fmt: skip
            solara.Button("Start timer", on_click=start, disabled=view.phase != "brief")
            solara.Button("Stop timer", on_click=lambda: session.start_timer(0), text=True)
        with solara.Row(style=_ROW):
            solara.Select("Message to", values=list(AUDIENCES), value=to, on_value=set_to,
                          style={"max-width": "160px"})  # fmt: skip
            _text_field("Message", message, set_message, "420px")
            solara.Button("Send", on_click=send, disabled=not message.strip())
        with solara.Row(style=_ROW):
            _text_field("Inject title", title, set_title, "240px")
            _text_field("What happens", body, set_body, "420px")
            solara.Button("Release inject", on_click=release, disabled=not title.strip())
        with solara.Row(style=_ROW):
            _text_field(f"Note on turn {view.turn}", note, set_note, "520px")
            solara.Button(
                "Save note",
                on_click=lambda: _guard(on_error, lambda: session.write_note(note, view.turn)),
            )


_ROW = {"align-items": "center", "gap": "8px", "flex-wrap": "wrap"}


def _text_field(label: str, value: str, on_value: Callable[[str], None], width: str) -> None:
    """A one-line text field that sends every keystroke (the buttons beside it read it)."""
    solara.InputText(
        label, value=value, on_value=on_value, continuous_update=True, style={"min-width": width}
    )


@solara.component
def HotWashPanel(session: GameSession, version: int) -> Any:
    """The hot wash: the facilitator's notes on the whole exercise, with the turn notes, live
    injects and messages beside them; all of it goes into the report."""
    ex = session.exercise
    text, set_text = solara.use_state(ex.hotwash)
    saved = text.strip() == ex.hotwash
    solara.HTML(tag="h2", unsafe_innerHTML="Hot wash")
    solara.Markdown(
        "What went well, what did not, what to change: these notes go into the after-action "
        "report with the notes taken on each turn."
    )
    solara.InputTextArea("Hot-wash notes", value=text, on_value=set_text, continuous_update=True,
                         rows=8)  # fmt: skip
    with solara.Row(style={"align-items": "center", "gap": "8px"}):
        solara.Button("Save hot-wash notes", on_click=lambda: session.write_hotwash(text),
                      color="primary", disabled=saved)  # fmt: skip
        solara.Text("saved" if saved and text else "", classes=["hs-hotwash-saved"])
    notes = (
        "".join(f"<li><b>Turn {t}</b>: {escape(n)}</li>" for t, n in sorted(ex.notes.items()))
        or "<li>none yet</li>"
    )
    solara.HTML(
        unsafe_innerHTML=f"<h3>Notes on the turns</h3><ul class='hs-turn-notes'>{notes}</ul>"
    )
