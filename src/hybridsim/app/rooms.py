"""Live games and rooms: one process-wide registry, so pages showing one game share one session.

A game is identified by its id; a page that opens a game gets the registry's session for that id,
so two tabs (or a facilitator and player laptops) never hold diverging copies that overwrite each
other's autosaves. Different games never share anything. A *room* is a game that players join
with a short code: one code per side, so a player's code decides what that laptop sees and plays.
Pages register a callback on the session (``GameSession.add_listener``) in ``use_effect`` and
re-render when any page changes the game.

Solo games are held weakly (the page keeps them alive); rooms are held strongly until closed, and
are found again from the store after a server restart.
"""

from __future__ import annotations

import secrets
import threading
import weakref

from .session import SIDES, GameSession
from .store import GameStore

CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I/L: codes are read aloud
CODE_LENGTH = 6


def new_code() -> str:
    """A short code to read out or write on a whiteboard."""
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def normalise_code(text: str) -> str:
    """What the player typed, as stored: upper case, no spaces or dashes."""
    return "".join(ch for ch in text.upper() if ch.isalnum())


class GameRegistry:
    """Every game open in this server process, and the rooms among them."""

    def __init__(self) -> None:
        self._lock = threading.RLock()
        self._games: weakref.WeakValueDictionary[str, GameSession] = weakref.WeakValueDictionary()
        self._rooms: dict[str, GameSession] = {}
        self._codes: dict[str, tuple[str, str]] = {}

    def add(self, session: GameSession) -> GameSession:
        """Register a game made on this page (new, or imported)."""
        with self._lock:
            self._games[session.id] = session
            if session.room:
                self._register_room(session)
            return session

    def get(self, game_id: str, store: GameStore) -> GameSession | None:
        """The live session of a game, loaded from the store if no page has it open."""
        with self._lock:
            session = self._games.get(game_id)
            if session is None:
                session = GameSession.load(game_id, store)
                if session is None:
                    return None
                self.add(session)
            return session

    def _register_room(self, session: GameSession) -> None:
        assert session.room is not None
        self._rooms[session.id] = session
        for side, code in session.room.items():
            self._codes[code] = (session.id, side)

    def open_room(self, session: GameSession) -> dict[str, str]:
        """Make a game a room: one player code per side (kept if it already is a room)."""
        with self._lock:
            if not session.room:
                taken = set(self._codes)
                codes: dict[str, str] = {}
                for side in SIDES:
                    code = new_code()
                    while code in taken:
                        code = new_code()
                    taken.add(code)
                    codes[side] = code
                session.room = codes
                if session.store is not None:
                    session.store.set_room(session.id, codes)
            self._games[session.id] = session
            self._register_room(session)
            session.notify()
            return dict(session.room)

    def close_room(self, session: GameSession) -> None:
        """Stop handing out the game to players (their pages lose it on the next change)."""
        with self._lock:
            for code in (session.room or {}).values():
                self._codes.pop(code, None)
            self._rooms.pop(session.id, None)
            session.room = None
            if session.store is not None:
                session.store.set_room(session.id, None)
            session.notify()

    def join(self, code: str, store: GameStore) -> tuple[GameSession, str] | None:
        """The game and side a player code opens, or None for an unknown code."""
        code = normalise_code(code)
        with self._lock:
            found = self._codes.get(code)
            if found is None:
                found = store.game_for_code(code)  # a room from before a server restart
            if found is None:
                return None
            game_id, side = found
            session = self.get(game_id, store)
            if session is None or not session.room or session.room.get(side) != code:
                return None
            return session, side

    def rooms(self) -> list[GameSession]:
        with self._lock:
            return list(self._rooms.values())


REGISTRY = GameRegistry()
"""The process-wide registry (every page of this server process uses it)."""
