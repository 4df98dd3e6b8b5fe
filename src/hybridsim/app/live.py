"""Keeping every page of a game current, and running game actions off the page's thread.

Each page registers a callback on its game in ``use_effect`` (removed when the page closes). A
change made anywhere (this page, another tab, a player's laptop) calls every callback; each one
re-renders its own page inside its own Solara kernel context, in a fresh thread so that the page
that acted is not held up by the others.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from contextlib import nullcontext
from typing import Any

import solara

from .session import GameActionError, GameSession


def _current_context() -> Any:
    from solara.server import kernel_context

    return kernel_context.get_current_context() if kernel_context.has_current_context() else None


def _bump_in_this_page(set_ticks: Callable[[Any], None]) -> Callable[[], None]:
    """A function that bumps a counter in this page's own kernel context, from any thread."""
    context = _current_context()

    def rerender() -> None:
        with context if context is not None else nullcontext():
            set_ticks(lambda t: t + 1)

    return rerender


def _rerender_callback(set_ticks: Callable[[Any], None]) -> Callable[[], None]:
    """A callback that bumps a counter in this page's own kernel context, off the caller's
    thread (the page that acted is not held up by the others)."""
    rerender = _bump_in_this_page(set_ticks)
    return lambda: threading.Thread(target=rerender, daemon=True, name="hybridsim-rerender").start()


def rerender_after(delay: float, set_ticks: Callable[[Any], None]) -> Callable[[], None]:
    """Bump a counter in this page's own kernel context after ``delay`` seconds (a clock on the
    page redraws itself); returns the function that cancels it."""
    timer = threading.Timer(delay, _bump_in_this_page(set_ticks))
    timer.daemon = True
    timer.start()
    return timer.cancel


def use_live(session: GameSession | None, page: str | None = None) -> int:
    """Re-render this component whenever the game changes; returns a change counter.

    ``page`` (white, blue, red) counts this page among those connected to the game."""
    ticks, set_ticks = solara.use_state(0)

    def subscribe() -> Callable[[], None] | None:
        if session is None:
            return None
        return session.add_listener(_rerender_callback(set_ticks), page)

    solara.use_effect(subscribe, [session, page])
    return ticks


def use_presence(session: GameSession) -> dict[str, int]:
    """The pages connected to a game by viewpoint, re-rendered live as pages come and go."""
    _ticks, set_ticks = solara.use_state(0)
    solara.use_effect(lambda: session.on_presence(_rerender_callback(set_ticks)), [session])
    return session.pages()


def report_errors(on_error: Callable[[str], None], action: Callable[[], Any]) -> None:
    """Run ``action``; an error the game reports (illegal order, nothing to undo) goes to
    ``on_error`` for the page to show, and a success clears the last one."""
    try:
        on_error("")
        action()
    except GameActionError as exc:
        on_error(str(exc))


BUSY_DELAY_S = 0.1
"""How long an action may run before every page shows the busy banner."""


def run_action(
    session: GameSession,
    label: str,
    action: Callable[[], Any],
    on_error: Callable[[str], None],
    background: bool = True,
) -> threading.Thread | None:
    """Do a game action in a worker thread; every page shows a busy banner if it takes a while.

    One action at a time per game: a second click while one runs is refused with a message.
    Errors the game reports (illegal order, nothing to undo) go to ``on_error`` for the page to
    show; anything else is a bug and propagates in the worker's log.
    """
    if not session.claim(label):
        on_error(f"Please wait: {session.busy}")
        return None
    context = _current_context()

    def work() -> None:
        with context if context is not None else nullcontext():
            timer = threading.Timer(BUSY_DELAY_S, session.announce, args=(label,))
            timer.daemon = True
            timer.start()
            try:
                report_errors(on_error, action)
            finally:
                timer.cancel()
                if session.busy == label:  # a refused action changed nothing: end it here
                    session.set_busy("")

    if not background:
        work()
        return None
    thread = threading.Thread(target=work, daemon=True, name="hybridsim-action")
    thread.start()
    return thread
