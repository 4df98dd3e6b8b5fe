"""The game pages: landing (set-up, join, sign-in), the game screen, and a player's screen.

Where a page is lives in its address, so a refresh or a server restart lands in the same place:
``/?game=ID`` a game (the facilitator's, or a solo game), ``/?room=CODE`` a player's side of a
room, ``/?key=KEY`` signs the browser in as facilitator (the key is then dropped from the address).
"""

# ruff: noqa: N802 (Solara components are named like classes, as Solara's own are)

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any
from urllib.parse import parse_qs, urlencode

import solara
import solara.lab

from . import auth, config
from .components.charts_panel import ChartsPanel
from .components.debrief import DebriefPanel
from .components.exercise import HotWashPanel, TimerChip
from .components.gamefiles import GameFilesPanel
from .components.log import LogPanel
from .components.setup import SetupPanel
from .components.toolkit import ToolkitPanel
from .components.turn import AutoPlay, TurnControls, TurnPanel
from .components.world import WorldPanel
from .html import CSS
from .live import use_live
from .rooms import REGISTRY, normalise_code
from .session import GameSession, GameSetup
from .store import GameStore
from .views import VIEWPOINT_LABEL, GameView, view_of

PHASE_LABEL = {"brief": "orders", "resolved": "outcome"}


def query(search: str | None) -> dict[str, str]:
    """The address's query string as a plain dict (first value of each)."""
    return {k: v[0] for k, v in parse_qs(search or "").items() if v}


def browser_session_id() -> str:
    """Solara's per-browser cookie id ('' outside a server, e.g. in component tests)."""
    try:
        return solara.get_session_id()
    except Exception:  # no kernel context: rendered in a test, not in a browser
        return ""


@solara.component
def Header(
    view: GameView,
    busy: str,
    room: dict[str, str] | None,
    on_new: Callable[[], None] | None = None,
    session: GameSession | None = None,
    projector: bool | None = None,
    on_projector: Callable[[bool], None] | None = None,
) -> Any:
    """Title and where the game is: turn, date, phase, escalation, viewpoint, busy state, and
    the turn timer when ``session`` is given."""
    turn_text = f"Turn {view.turn} of {view.max_turns} · {view.date}"
    phase = PHASE_LABEL.get(view.phase, view.phase) if view.turn else "set-up"
    if not view.running and view.phase != "brief":
        phase = "ended"
    chips = [
        f"<span class='hs-chip hs-{view.side}' data-testid='viewpoint'>"
        f"{VIEWPOINT_LABEL[view.side]}</span>",
        f"<span class='hs-chip' data-testid='turn'>{turn_text}</span>",
        f"<span class='hs-chip' data-testid='phase'>{phase}</span>",
        f"<span class='hs-chip'>escalation: {_escape(view.escalation_name)}</span>",
    ]
    if room and view.side == "white":
        chips.append("<span class='hs-chip'>room open</span>")
    with solara.Row(style={"align-items": "center", "flex-wrap": "wrap"}, gap="6px"):
        solara.HTML(tag="h2", unsafe_innerHTML=_escape(view.title), style="margin: 0")
        solara.HTML(tag="span", unsafe_innerHTML=" ".join(chips), classes=["hs-status"])
        if session is not None:
            TimerChip(session, view.phase, session.exercise.deadline)
        if on_new is not None or on_projector is not None:
            solara.v.Spacer()
        if on_projector is not None:
            solara.Button(
                "Laptop view" if projector else "Projector",
                on_click=lambda: on_projector(not projector),
                text=True,
                icon_name="mdi-projector-screen",
                density="compact",
                classes=["hs-projector-toggle"],
            )
        if on_new is not None and not projector:
            solara.Button(
                "New game", on_click=on_new, text=True, icon_name="mdi-plus", density="compact"
            )
    if busy:
        with solara.Row(classes=["hs-busy"], style={"align-items": "center"}):
            solara.ProgressLinear(True, style={"width": "160px"})
            solara.Text(busy, classes=["hs-busy-text"])


def _escape(text: str) -> str:
    from html import escape

    return escape(text)


TAB_ICONS = {
    "Turn": "mdi-flag-outline",
    "World": "mdi-lan",
    "Charts": "mdi-chart-line",
    "Log": "mdi-format-list-bulleted",
    "Toolkit": "mdi-toolbox-outline",
    "Game": "mdi-content-save-outline",
    "Debrief": "mdi-flag-checkered",
    "Hot wash": "mdi-notebook-edit-outline",
}


@solara.component
def GameScreen(
    session: GameSession,
    side: str,
    can_control: bool,
    facilitator: bool,
    on_open: Callable[[GameSession], None] | None = None,
    on_new: Callable[[], None] | None = None,
) -> Any:
    """A game from one viewpoint; ``can_control`` gives the white cell's buttons."""
    use_live(session, side)
    view = view_of(session, side)
    error, set_error = solara.use_state("")
    router = solara.use_router()
    shown, set_shown = solara.use_state(query(router.search).get("view", "turn"))
    projector, set_projector_state = solara.use_state(query(router.search).get("projector") == "1")

    def set_projector(on: bool) -> None:
        set_projector_state(on)
        _address(router, projector="1" if on else None)

    playing, set_playing = solara.use_state(False)
    speed, set_speed = solara.use_state("normal (1.5 s)")
    classes = ["hs-root", f"hs-side-{side}", *(["hs-projector"] if projector else [])]
    with solara.Column(gap="6px", classes=classes):
        Header(
            view,
            session.busy,
            session.room,
            on_new,
            session=session,
            projector=projector,
            on_projector=set_projector if can_control else None,
        )
        if error:
            solara.Error(error, classes=["hs-error"])
        if can_control:
            TurnControls(
                session, view, set_error, playing, set_playing, speed, set_speed, session.busy
            )
            AutoPlay(session, playing, speed, set_playing)
        over = not view.running and view.phase != "brief"
        tabs = _tab_names(
            view.can_see_toolkit,
            can_control and (over or shown == "debrief"),
            can_control and on_open is not None and not projector,
        )
        current = next((t for t in tabs if t.lower() == shown), tabs[0])

        def set_tab(index: int) -> None:
            name = tabs[index].lower()
            set_shown(name)
            _address(router, view=name)

        # Headers only: the selected panel is rendered below, and only that one, which keeps a
        # turn's re-render small (Solara's tab content sits inside the header bar on Vuetify 3).
        with solara.lab.Tabs(value=tabs.index(current), on_value=set_tab):
            for name in tabs:
                solara.lab.Tab(name, icon_name=TAB_ICONS[name])
        with solara.Column(classes=["hs-panel", f"hs-panel-{current.lower().replace(' ', '-')}"]):
            _panel(current, session, view, can_control, set_error, on_open, facilitator)


def _go(router: Any, params: dict[str, str], **updates: str | None) -> None:
    """Another game or room: the tab shown starts again at the turn."""
    merged = {k: v for k, v in ({**params, **updates}).items() if v and k not in ("key", "view")}
    router.push("/" + (f"?{urlencode(merged)}" if merged else ""))


def _use_facilitator(
    key: str | None, sid: str, store: GameStore
) -> tuple[bool, bool, Callable[[str], bool]]:
    """Whether the address's key is right, whether this browser is the facilitator's, and how
    to sign in. A hook: call it on every render, unconditionally."""
    signed, set_signed = solara.use_state(False)
    key_ok = bool(key) and auth.key_matches(key, store)
    if key_ok and sid:
        auth.sign_in(sid, key, store)
    facilitator = key_ok or signed or auth.is_facilitator(sid, store)
    # The key leaves the address with the next navigation (opening a game drops it), so a
    # projector showing a game never shows it. Not at once: two quick address changes race
    # with the browser's own echo of the address and can undo the second.

    def sign_in(given: str) -> bool:
        ok = auth.sign_in(sid, given, store) or (not sid and auth.key_matches(given, store))
        if ok:
            set_signed(True)
        return ok

    return key_ok, facilitator, sign_in


def _address(router: Any, **updates: str | None) -> None:
    """The tab and projector mode go into the address too, so a reload (or a reconnect after a
    server restart) shows the same screen."""
    params = {k: v for k, v in query(router.search).items() if k != "key"}
    params = {k: v for k, v in {**params, **updates}.items() if v}
    if router.set_path is not None:  # None outside a server (component tests)
        router.push((router.path or "/") + "?" + urlencode(params))


def _tab_names(toolkit: bool, debrief: bool, files: bool) -> list[str]:
    """The tabs this screen shows: the game files never on the projector or a player's."""
    tabs = ["Turn", "World", "Charts", "Log"]
    if toolkit:
        tabs.append("Toolkit")
    if debrief:
        tabs.append("Debrief")
    if files:
        tabs.append("Hot wash")
        tabs.append("Game")  # room codes and the games database: never on the projector
    return tabs


def _panel(
    current: str,
    session: GameSession,
    view: GameView,
    can_control: bool,
    set_error: Callable[[str], None],
    on_open: Callable[[GameSession], None] | None,
    facilitator: bool,
) -> None:
    """The selected tab's panel (and only that one)."""
    if current == "Turn":
        TurnPanel(session, view, can_control, set_error, session.busy)
    elif current == "World":
        WorldPanel(view)
    elif current == "Charts":
        ChartsPanel(view)
    elif current == "Log":
        LogPanel(view)
    elif current == "Toolkit":
        ToolkitPanel(view)
    elif current == "Debrief":
        DebriefPanel(session, session.version)
    elif current == "Hot wash":
        HotWashPanel(session, session.version)
    elif on_open is not None:
        GameFilesPanel(
            session,
            on_open,
            facilitator,
            str(config.get_store().path),
            session.version,
            dict(session.room or {}) or None,
        )


@solara.component
def JoinCard(on_join: Callable[[str], None], message: str = "") -> Any:
    code, set_code = solara.use_state("")
    with solara.Card(title="Join a room", subtitle="With the code your facilitator gave you"):
        if message:
            solara.Error(message)
        with solara.Row(style={"align-items": "center"}):
            solara.InputText("Room code", value=code, on_value=set_code, continuous_update=True)
            solara.Button(
                "Join",
                on_click=lambda: on_join(normalise_code(code)),
                disabled=not normalise_code(code),
                color="primary",
            )


@solara.component
def FacilitatorCard(
    facilitator: bool, on_sign_in: Callable[[str], bool], on_open_id: Callable[[str], None]
) -> Any:
    key, set_key = solara.use_state("")
    failed, set_failed = solara.use_state(False)
    with solara.Card(title="Facilitator"):
        if not facilitator:
            solara.Markdown(
                "Rooms, and a room's adjudication, overrides, undo and reset, need the "
                "facilitator key that `hybridsim play` printed."
            )
            with solara.Row(style={"align-items": "center"}):
                solara.InputText(
                    "Facilitator key",
                    value=key,
                    on_value=set_key,
                    password=True,
                    continuous_update=True,
                )
                solara.Button(
                    "Sign in", on_click=lambda: set_failed(not on_sign_in(key)), disabled=not key
                )
            if failed:
                solara.Error("That is not the facilitator key.")
            return
        solara.Success("Signed in as facilitator.")
        games = config.get_store().games(limit=12)
        if not games:
            solara.Text("No saved games yet.")
        for g in games:
            room = " · room open" if g.room else ""
            with solara.Row(style={"align-items": "center", "gap": "6px"}):
                solara.Button(
                    "Resume",
                    on_click=lambda gid=g.id: on_open_id(gid),
                    text=True,
                    density="compact",
                    classes=["hs-resume"],
                )
                solara.Text(
                    f"{g.title} — turn {g.turn} ({g.scenario}, saved "
                    f"{g.updated.replace('T', ' ')[:16]}){room}",
                    style={"font-size": "0.85rem"},
                )


@solara.component
def Landing(
    facilitator: bool,
    on_open: Callable[[GameSession], None],
    on_join: Callable[[str], None],
    on_sign_in: Callable[[str], bool],
    on_open_id: Callable[[str], None],
    message: str = "",
) -> Any:
    """Start a game, join a room, or sign in as the facilitator."""
    preferred, from_file = config.scenario_choice()
    busy, set_busy = solara.use_state(False)

    def start(setup: GameSetup) -> None:
        set_busy(True)
        session = GameSession.new(setup, config.get_store())
        on_open(REGISTRY.add(session))

    with solara.Column(classes=["hs-root", "hs-landing"]):
        solara.HTML(
            unsafe_innerHTML="<h2>hybridsim — a tabletop exercise of hybrid threats</h2>"
            "<p>Russia and China “sharing a toolkit” against the allies: set up a game, play "
            "it turn by turn, and write the after-action report.</p>"
        )
        if message:
            solara.Warning(message)
        with solara.Columns([3, 2]):
            with solara.Column():
                SetupPanel(on_start=start, preferred=preferred, uploaded=from_file, busy=busy)
            with solara.Column():
                JoinCard(on_join)
                FacilitatorCard(facilitator, on_sign_in, on_open_id)
                with solara.Card(title="Scenario editor"):
                    solara.Markdown(
                        "Write or change a scenario in the browser, with errors "
                        "shown on their lines: [open the editor](/editor)."
                    )


@solara.component
def PlayerScreen(code: str, on_join: Callable[[str], None]) -> Any:
    """A player's laptop: one side of a room, nothing else."""
    found = solara.use_memo(lambda: REGISTRY.join(code, config.get_store()), [code])
    use_live(found[0] if found else None)
    if found is None:
        with solara.Column(classes=["hs-root"]):
            JoinCard(on_join, message=f"No open room has the code {code}.")
        return
    session, side = found
    if not session.room or session.room.get(side) != code:
        with solara.Column(classes=["hs-root"]):
            JoinCard(on_join, message="The facilitator has closed this room.")
        return
    GameScreen(session, side, can_control=False, facilitator=False)


@solara.component
def GamePage() -> Any:
    """Route '/': decides from the address what this browser sees."""
    config.warn_if_assets_missing()
    solara.Style(CSS)
    solara.Title("hybridsim")
    router = solara.use_router()
    params = query(router.search)
    store = config.get_store()
    sid = browser_session_id()
    holder, set_holder = solara.use_state(None)  # keeps a new game alive until it is shown
    key = params.get("key")
    key_ok, facilitator, sign_in = _use_facilitator(key, sid, store)

    go = functools.partial(_go, router, params)

    def open_session(session: GameSession) -> None:
        set_holder(session)
        go(game=session.id, room=None)

    game_id = params.get("game")
    session = solara.use_memo(
        lambda: REGISTRY.get(game_id, store) if game_id else None, [game_id, holder]
    )

    def landing(message: str = "") -> None:
        Landing(
            facilitator,
            open_session,
            lambda c: go(room=c, game=None),
            sign_in,
            lambda gid: go(game=gid),
            message=message,
        )

    if key and not key_ok:
        landing("The key in the address is not the facilitator key.")
        return
    if "room" in params:
        PlayerScreen(normalise_code(params["room"]), on_join=lambda code: go(room=code, game=None))
        return
    if game_id and session is None:
        landing(f"No saved game has the id {game_id}.")
        return
    if session is not None:
        if session.room and not facilitator:
            landing(
                "This game is a room: join it with a player code, or sign in "
                "with the facilitator key to run it."
            )
            return
        GameScreen(
            session,
            "white",
            can_control=True,
            facilitator=facilitator,
            on_open=open_session,
            on_new=lambda: go(game=None),
        )
        return
    landing()
