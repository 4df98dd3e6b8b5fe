"""A turn as tabletop exercises run it: situation brief -> orders -> adjudication -> outcome brief.

The facilitator (white) drives the turn and may override an adjudicated outcome with a reason;
players give orders for the human-played actors of their side. Every action runs off the page's
thread (``run_action``) with a busy banner on every page of the game.
"""

# ruff: noqa: N802 (Solara components are named like classes, as Solara's own are)

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Any

import solara

from ...model import Order
from .. import html
from ..live import run_action
from ..session import GameSession
from ..views import ActorOrders, EventRow, GameView, OptionRow
from .exercise import ControlCard, MessagesBox, ReadyButton, ready_text

SPEEDS = {"slow (3 s)": 3.0, "normal (1.5 s)": 1.5, "fast (0.5 s)": 0.5, "fastest": 0.05}


@solara.component
def TurnControls(
    session: GameSession,
    view: GameView,
    on_error: Callable[[str], None],
    playing: bool,
    on_playing: Callable[[bool], None],
    speed: str,
    on_speed: Callable[[str], None],
    busy_label: str = "",
) -> Any:
    """Open / adjudicate, step, play-pause with a speed, undo, reset: the white cell's buttons.

    ``busy_label`` is passed in (not read from the session) so the buttons re-render, disabled,
    while an action runs: Solara re-renders a component only when its arguments change."""
    confirm_reset, set_confirm_reset = solara.use_state(False)
    busy = bool(busy_label) or playing
    over = not view.running and view.phase != "brief"

    def act(label: str, fn: Callable[[], Any]) -> Callable[[], None]:
        return lambda: run_action(session, label, fn, on_error)

    with solara.Row(style={"align-items": "center", "flex-wrap": "wrap", "gap": "6px"}):
        _phase_button(session, view, act, busy)
        solara.Button(
            "Step",
            on_click=act("The computer is playing a turn…", session.step),
            disabled=busy or over,
            outlined=True,
            icon_name="mdi-step-forward",
            classes=["hs-step"],
        )
        solara.Button(
            "Pause" if playing else "Play",
            on_click=lambda: on_playing(not playing),
            disabled=over and not playing,
            outlined=True,
            icon_name="mdi-pause" if playing else "mdi-play",
        )
        solara.Select(
            label="Speed",
            values=list(SPEEDS),
            value=speed,
            on_value=on_speed,
            style={"max-width": "150px"},
        )
        solara.Button(
            "Undo",
            on_click=act("Undoing the last turn…", session.undo),
            disabled=busy or (view.turn == 0),
            outlined=True,
            icon_name="mdi-undo",
        )
        _reset_buttons(confirm_reset, set_confirm_reset, act("Resetting…", session.reset), busy)


def _phase_button(
    session: GameSession,
    view: GameView,
    act: Callable[[str, Callable[[], Any]], Callable[[], None]],
    busy: bool,
) -> None:
    """Adjudicate the open turn, open the next one, or say that the game is over."""
    if view.phase == "brief":
        solara.Button(
            f"Adjudicate turn {view.turn}",
            on_click=act(f"Adjudicating turn {view.turn}…", session.adjudicate),
            color="primary",
            disabled=busy,
            icon_name="mdi-dice-multiple",
        )
    elif not view.running:  # no dead "Open turn N+1": the game is over, say so
        solara.HTML(
            tag="span",
            unsafe_innerHTML="Game over — see the <b>Debrief</b> tab",
            classes=["hs-chip", "hs-game-over"],
        )
    else:
        solara.Button(
            f"Open turn {view.turn + 1}",
            on_click=act(f"Opening turn {view.turn + 1}…", session.open_turn),
            color="primary",
            disabled=busy,
            icon_name="mdi-file-document-outline",
        )


def _reset_buttons(
    confirm: bool, set_confirm: Callable[[bool], None], reset: Callable[[], None], busy: bool
) -> None:
    """Reset, asking first: "Back to turn 0?" with yes and cancel."""
    if not confirm:
        solara.Button(
            "Reset",
            on_click=lambda: set_confirm(True),
            disabled=busy,
            text=True,
            icon_name="mdi-restart",
        )
        return
    solara.Text("Back to turn 0?")

    def confirmed() -> None:
        set_confirm(False)
        reset()

    solara.Button("Yes, reset", on_click=confirmed, color="error", disabled=busy)
    solara.Button("Cancel", on_click=lambda: set_confirm(False), text=True)


@solara.component
def AutoPlay(
    session: GameSession, playing: bool, speed: str, on_playing: Callable[[bool], None]
) -> Any:
    """While playing, the computer plays a turn every few seconds until paused or the end."""

    def loop() -> Callable[[], None] | None:
        if not playing:
            return None
        stop = threading.Event()
        delay = SPEEDS.get(speed, 1.5)
        from ..live import _current_context

        context = _current_context()

        def run() -> None:
            while not stop.wait(delay):
                model = session.model
                if not model.running and model.phase != "brief":
                    break
                try:
                    session.step()
                except ValueError:
                    break
            if not stop.is_set() and context is not None:
                with context:
                    on_playing(False)

        threading.Thread(target=run, daemon=True, name="hybridsim-autoplay").start()
        return stop.set

    solara.use_effect(loop, [playing, speed, session])


@solara.component
def SituationBrief(view: GameView) -> Any:
    """The turn's injects, the headline numbers and what changed since the last turn."""
    with solara.Column(gap="4px", classes=["hs-brief"]):
        solara.HTML(tag="h2", unsafe_innerHTML=f"Situation brief — turn {view.turn} ({view.date})")
        solara.HTML(unsafe_innerHTML=html.headline_tiles(view.headlines))
        injects = [r for r in view.brief if r.kind == "inject"]
        other = [r for r in view.brief if r.kind != "inject"]
        solara.HTML(tag="h3", unsafe_innerHTML="Injects")
        if injects:
            cards = "".join(html.event_card(r, view.actor_names) for r in injects)
            solara.HTML(unsafe_innerHTML=cards)
        else:
            solara.Text("No injects this turn.")
        if other:
            solara.HTML(unsafe_innerHTML="".join(html.event_card(r) for r in other))
        if view.changes:
            solara.HTML(tag="h3", unsafe_innerHTML="Since the last turn")
            items = "".join(f"<li>{html.escape(c)}</li>" for c in view.changes[:14])
            solara.HTML(tag="ul", unsafe_innerHTML=items)


@solara.component
def OrderSheet(
    session: GameSession, sheet: ActorOrders, on_error: Callable[[str], None], busy: bool
) -> Any:
    """One human-played actor's orders: legal moves and targets only, with cost and chances.

    Only what the budget left can still pay is offered; the rest is counted, and a disabled
    "Add order" always says why."""
    left = sheet.budget - sheet.spent
    affordable = [o for o in sheet.options if o.cost <= left + 1e-9]
    actions = _by_action(affordable)
    action_labels = {
        f"{opts[0].name} ({opts[0].domain}, cost {opts[0].cost:g})": a
        for a, opts in actions.items()
    }
    chosen_label, set_chosen_label = solara.use_state(next(iter(action_labels), ""))
    if chosen_label not in action_labels and action_labels:
        chosen_label = next(iter(action_labels))
    target_labels = _target_labels(actions.get(action_labels.get(chosen_label, ""), []))
    target_label, set_target_label = solara.use_state("")
    if target_label not in target_labels:
        target_label = next(iter(target_labels), "")
    option = target_labels.get(target_label)
    too_dear = len({o.action for o in sheet.options} - set(actions))
    why_not = add_order_blocked(busy, option is not None, bool(affordable), left)

    def submit(pending: list) -> None:
        try:
            on_error("")
            session.submit(sheet.actor, [Order(sheet.actor, o.action, o.target) for o in pending])
        except ValueError as exc:
            on_error(str(exc))

    with solara.Card(
        title=f"Orders for {sheet.name} ({sheet.actor})",
        subtitle=f"Budget {sheet.budget:g} · planned {sheet.spent:g} · left {left:g}",
        classes=["hs-orders", f"hs-orders-{sheet.actor}"],
    ):
        if not sheet.options:
            solara.Text("No legal orders this turn.")
        elif not affordable:
            solara.Text(why_not, classes=["hs-why-not"])
        else:
            with solara.Row(style={"flex-wrap": "wrap", "gap": "8px", "align-items": "center"}):
                kind = "Move" if sheet.side == "red" else "Response"
                _picker(kind, action_labels, chosen_label, set_chosen_label)
                _picker("Target (chances now)", target_labels, target_label, set_target_label)
                solara.Button(
                    "Add order",
                    on_click=lambda: option and submit([*sheet.pending, option]),
                    disabled=bool(why_not),
                    color="primary",
                    outlined=True,
                )
                if why_not:
                    solara.Text(why_not, classes=["hs-why-not"])
            if too_dear:
                _too_dear_note(too_dear, left)
        _pending_orders(sheet, submit, busy)


def _too_dear_note(count: int, left: float) -> None:
    solara.Text(
        f"{count} more move{'s' if count != 1 else ''} cost more than the {left:g} left this turn.",
        classes=["hs-too-dear"],
        style={"font-size": "0.85rem", "color": "#607d8b"},
    )


def _by_action(options: list[OptionRow]) -> dict[str, list[OptionRow]]:
    actions: dict[str, list[OptionRow]] = {}
    for opt in options:
        actions.setdefault(opt.action, []).append(opt)
    return actions


def _target_labels(options: list[OptionRow]) -> dict[str, OptionRow]:
    """Each target of the chosen move, named with its chances now."""
    return {
        f"{o.target} — success {html.pct(o.success)}"
        + (f", detection {html.pct(o.detection)}" if o.detection is not None else "")
        + (f", attribution {html.pct(o.attribution)}" if o.attribution is not None else ""): o
        for o in options
    }


def _picker(
    label: str, values: dict[str, Any], value: str, on_value: Callable[[str], None]
) -> None:
    solara.Select(
        label=label,
        values=list(values),
        value=value,
        on_value=on_value,
        style={"min-width": "380px"},
    )


def _pending_orders(sheet: ActorOrders, submit: Callable[[list], None], busy: bool) -> None:
    """The orders given so far, each with a button that takes it back."""
    if not sheet.pending:
        solara.Text("No orders yet: the actor will do nothing this turn.")
        return
    for i, o in enumerate(sheet.pending):
        with solara.Row(style={"align-items": "center"}):
            solara.Text(o.label)
            rest = [p for j, p in enumerate(sheet.pending) if j != i]
            solara.Button(
                "Remove",
                on_click=lambda rest=rest: submit(rest),
                text=True,
                disabled=busy,
                density="compact",
            )


def add_order_blocked(busy: bool, chosen: bool, affordable: bool, left: float) -> str:
    """Why "Add order" cannot be pressed now, in words ("" when it can)."""
    if busy:
        return "Wait: the game is busy with the facilitator's last action."
    if not affordable:
        return (
            f"The budget left this turn ({left:g}) pays for no further order: remove one "
            "to choose another."
        )
    if not chosen:
        return "Choose a move and a target first."
    return ""


def override_label(row: EventRow, names: dict[str, str]) -> str:
    """How an adjudicated event is offered for override: its id and what happened."""
    return f"{row.ref or row.id} · {row.headline}"


def _current_result(row: EventRow | None, what: str) -> bool:
    """The result the dice gave to ``what`` (true when the event has no such roll)."""
    if row is None:
        return True
    return next((r.result for r in row.rolls if r.what == what), True)


@solara.component
def OverridePanel(
    session: GameSession,
    rows: tuple[EventRow, ...],
    names: dict[str, str],
    on_error: Callable[[str], None],
    busy: bool,
) -> Any:
    """Force one roll's result in the last turn; a reason is required and goes into the log.

    One panel for the whole brief (not a button per event) keeps a turn's page small, which is
    most of what makes a turn show up quickly after the click.
    """
    choices = {override_label(r, names): r for r in rows}
    label, set_label = solara.use_state("")
    if label not in choices:
        label = next(iter(choices), "")
    row = choices.get(label)
    whats = [r.what for r in row.rolls] if row and row.rolls else ["adopted"]
    what, set_what = solara.use_state(whats[0])
    if what not in whats:
        what = whats[0]
    current = _current_result(row, what)
    value, set_value = solara.use_state("")
    chosen = value if value in ("yes", "no") else ("no" if current else "yes")
    reason, set_reason = solara.use_state("")

    def apply() -> None:
        if row is None:
            return
        forced = {what: chosen == "yes"}
        event_id, text = row.id, reason
        set_reason("")
        set_value("")
        run_action(
            session,
            f"Replaying turn {row.turn} with the override…",
            lambda: session.override(event_id, forced, text),
            on_error,
        )

    with solara.Card(
        title="Override an outcome",
        classes=["hs-override-form"],
        subtitle="The same dice are rolled again; only the forced result changes.",
    ):
        with solara.Row(style={"align-items": "center", "flex-wrap": "wrap", "gap": "8px"}):
            solara.Select(
                label="Outcome",
                values=list(choices),
                value=label,
                on_value=set_label,
                style={"min-width": "520px"},
            )
            solara.ToggleButtonsSingle(value=what, values=whats, on_value=set_what)
            solara.ToggleButtonsSingle(value=chosen, values=["yes", "no"], on_value=set_value)
        _reason_row(reason, set_reason, apply, busy or row is None or not reason.strip())


def _reason_row(
    reason: str, set_reason: Callable[[str], None], apply: Callable[[], None], disabled: bool
) -> None:
    """The override's reason (required, it goes into the log) and the button that applies it."""
    with solara.Row(style={"align-items": "center", "flex-wrap": "wrap", "gap": "8px"}):
        solara.InputText(
            "Reason (goes into the log)",
            value=reason,
            on_value=set_reason,
            continuous_update=True,
            style={"min-width": "520px"},
        )
        solara.Button("Apply override", on_click=apply, disabled=disabled, color="warning")


@solara.component
def OutcomeBrief(
    session: GameSession, view: GameView, on_error: Callable[[str], None], busy: bool
) -> Any:
    """What happened in the last turn as a story, each roll shown; overrides below it."""
    with solara.Column(gap="2px", classes=["hs-outcome"]):
        solara.HTML(tag="h2", unsafe_innerHTML=f"Outcome brief — turn {view.turn} ({view.date})")
        solara.HTML(unsafe_innerHTML=html.headline_tiles(view.headlines))
        solara.HTML(
            unsafe_innerHTML=html.story_html(view.story, view.actor_names),
            classes=["hs-outcome-events"],
        )
        overridable = tuple(r for r in view.outcome if r.overridable)
        if overridable:  # after the events: the white cell reads what happened first
            OverridePanel(session, overridable, view.actor_names, on_error, busy)


@solara.component
def PastBriefs(session: GameSession, view: GameView) -> Any:
    """Read the outcome brief of any earlier turn, as this side knew it."""
    last = view.turn if view.phase == "resolved" else view.turn - 1
    choices = ["the current turn", *(f"turn {t}" for t in range(last, 0, -1))]
    chosen, set_chosen = solara.use_state(choices[0])
    if last < 1:
        return
    if chosen not in choices:
        chosen = choices[0]
    solara.Select(
        label="Read the brief of",
        values=choices,
        value=chosen,
        on_value=set_chosen,
        style={"max-width": "260px"},
        classes=["hs-past-briefs"],
    )
    if chosen == choices[0]:
        return
    turn = int(chosen.split()[-1])
    story = view.story_of(turn)
    with solara.Column(gap="2px", classes=["hs-past-brief"]):
        solara.HTML(tag="h2", unsafe_innerHTML=f"Outcome brief — turn {turn} (looking back)")
        solara.HTML(unsafe_innerHTML=html.story_html(story, view.actor_names))
        solara.HTML(tag="hr", unsafe_innerHTML="")


@solara.component
def TurnPanel(
    session: GameSession,
    view: GameView,
    white: bool,
    on_error: Callable[[str], None],
    busy_label: str = "",
) -> Any:
    """The turn in its current phase, for the facilitator or a player."""
    busy = bool(busy_label)
    MessagesBox(session, view)
    if not view.running and view.end_reason:  # at the top, not one line under a long page
        then = " The Debrief tab has the arc of the game." if white else ""
        solara.Success(f"The game has ended: {view.end_reason}.{then}", classes=["hs-ended"])
    PastBriefs(session, view)
    if view.turn == 0:
        solara.HTML(tag="h2", unsafe_innerHTML="Before the first turn")
        solara.HTML(unsafe_innerHTML=html.headline_tiles(view.headlines))
        who = ", ".join(f"{view.actor_names[a]} ({a})" for a in view.humans) or "nobody"
        then = (
            "Open turn 1 for its situation brief, or let the computer Step or Play."
            if white
            else "Wait for the facilitator to open turn 1."
        )
        solara.HTML(
            tag="p", unsafe_innerHTML=f"Played by people: <b>{html.escape(who)}</b>. {then}"
        )
    elif view.phase == "brief":
        SituationBrief(view)
        if view.orders:
            solara.HTML(tag="h2", unsafe_innerHTML="Orders")
            for sheet in view.orders:
                OrderSheet(session, sheet, on_error, busy).key(f"sheet-{sheet.actor}")
        if white and view.submitted:
            status = ", ".join(
                f"{view.actor_names[a]}: {n} order{'s' if n != 1 else ''}"
                for a, n in view.submitted.items()
            )
            solara.Text(f"Orders in: {status}", classes=["hs-submitted"])
        if white and ready_text(session, view):
            solara.Text(ready_text(session, view), classes=["hs-ready-status"])
        if not white:
            ReadyButton(session, view, on_error)
            solara.Text("The facilitator adjudicates when everyone is ready.")
    else:
        OutcomeBrief(session, view, on_error, busy)
    if white and view.running:
        ControlCard(session, view, on_error)  # not keyed by turn: rebuilt widgets cost a Step


def wait_until_idle(session: GameSession, timeout: float = 10.0) -> bool:
    """For tests and scripts: wait for a background action on the game to finish."""
    deadline = time.monotonic() + timeout
    while session.busy and time.monotonic() < deadline:
        time.sleep(0.01)
    with session.lock:
        return not session.busy
