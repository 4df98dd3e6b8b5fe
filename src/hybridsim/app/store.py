"""Where games live between turns: one SQLite file, so a refresh or a restart loses nothing.

SQLite from the standard library because a facilitator's laptop has no database server and the
game must survive the laptop's browser, the server process and a power cut. WAL mode lets the
page read while a turn is being written. One row per game holds its current game file (JSON);
``turns`` keeps every autosave (the record at that point and what was done), so an earlier point
can always be recovered by hand.

Location: ``HYBRIDSIM_DB`` if set (``hybridsim play --db`` sets it), else the user's data folder
(``$XDG_DATA_HOME/hybridsim/games.sqlite``, by default ``~/.local/share/hybridsim/games.sqlite``;
``%LOCALAPPDATA%`` on Windows, ``~/Library/Application Support`` on macOS).
"""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..gamefile import now_iso

ENV_DB = "HYBRIDSIM_DB"
SCHEMA = """
CREATE TABLE IF NOT EXISTS games (
    id TEXT PRIMARY KEY,
    title TEXT NOT NULL,
    scenario TEXT NOT NULL,
    turn INTEGER NOT NULL,
    phase TEXT NOT NULL,
    created TEXT NOT NULL,
    updated TEXT NOT NULL,
    room TEXT,
    game TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS turns (
    game_id TEXT NOT NULL REFERENCES games(id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    saved TEXT NOT NULL,
    turn INTEGER NOT NULL,
    phase TEXT NOT NULL,
    action TEXT NOT NULL,
    record TEXT NOT NULL,
    PRIMARY KEY (game_id, seq)
);
CREATE TABLE IF NOT EXISTS settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS facilitator_sessions (session TEXT PRIMARY KEY, created TEXT NOT NULL);
"""


def default_db_path() -> Path:
    """The per-user data folder, so games survive whichever folder the server was started in."""
    if os.environ.get(ENV_DB):
        return Path(os.environ[ENV_DB]).expanduser()
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Application Support"
    else:
        base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return base / "hybridsim" / "games.sqlite"


@dataclass(frozen=True)
class GameRow:
    """A stored game as listed to the facilitator (the game file itself loads separately)."""

    id: str
    title: str
    scenario: str
    turn: int
    phase: str
    created: str
    updated: str
    room: dict[str, str] | None


class GameStore:
    """The games database. Every call opens its own connection: pages run in many threads."""

    def __init__(self, path: str | os.PathLike[str] | None = None) -> None:
        self.path = Path(path) if path is not None else default_db_path()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self._connect() as conn:
            conn.execute("PRAGMA journal_mode=WAL")
            conn.executescript(SCHEMA)

    @contextlib.contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        conn = sqlite3.connect(self.path, timeout=30)
        try:
            conn.execute("PRAGMA foreign_keys=ON")
            conn.execute("PRAGMA synchronous=NORMAL")  # WAL: durable at checkpoints, fast commits
            with conn:
                yield conn
        finally:
            conn.close()

    # ------------------------------------------------------------------ games
    def save(self, game_json: str, action: str, room: dict[str, str] | None = None) -> None:
        """Write a game's current file and append the autosave to its history, atomically."""
        doc = json.loads(game_json)
        record = doc["record"]
        turn = len(record.get("inputs", []))
        phase = record.get("phase", "resolved")
        now = now_iso()
        with self._connect() as conn:
            conn.execute(
                """INSERT INTO games
                   (id, title, scenario, turn, phase, created, updated, room, game)
                   VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                   ON CONFLICT(id) DO UPDATE SET title=excluded.title, turn=excluded.turn,
                     phase=excluded.phase, updated=excluded.updated, game=excluded.game,
                     room=COALESCE(excluded.room, games.room)""",
                (
                    doc["id"],
                    doc.get("title", ""),
                    doc["scenario"].get("name", ""),
                    turn,
                    phase,
                    doc.get("created") or now,
                    now,
                    json.dumps(room) if room else None,
                    game_json,
                ),
            )
            seq = conn.execute(
                "SELECT COALESCE(MAX(seq), 0) + 1 FROM turns WHERE game_id = ?", (doc["id"],)
            ).fetchone()[0]
            conn.execute(
                "INSERT INTO turns (game_id, seq, saved, turn, phase, action, record)"
                " VALUES (?, ?, ?, ?, ?, ?, ?)",
                (doc["id"], seq, now, turn, phase, action, json.dumps(record, sort_keys=True)),
            )

    def game_json(self, game_id: str) -> str | None:
        """The game file last saved for this id, or None."""
        with self._connect() as conn:
            row = conn.execute("SELECT game FROM games WHERE id = ?", (game_id,)).fetchone()
        return row[0] if row else None

    def row(self, game_id: str) -> GameRow | None:
        with self._connect() as conn:
            row = conn.execute(
                "SELECT id, title, scenario, turn, phase, created, updated, room FROM games"
                " WHERE id = ?",
                (game_id,),
            ).fetchone()
        return _row(row) if row else None

    def games(self, limit: int = 50) -> list[GameRow]:
        """Most recently played first, for the facilitator's 'resume a game' list."""
        with self._connect() as conn:
            rows = conn.execute(
                "SELECT id, title, scenario, turn, phase, created, updated, room FROM games"
                " ORDER BY updated DESC, rowid DESC LIMIT ?",
                (limit,),
            ).fetchall()
        return [_row(r) for r in rows]

    def history(self, game_id: str) -> list[dict[str, Any]]:
        """Every autosave of a game, oldest first."""
        with self._connect() as conn:
            rows = conn.execute(
                "SELECT seq, saved, turn, phase, action FROM turns WHERE game_id = ? ORDER BY seq",
                (game_id,),
            ).fetchall()
        keys = ("seq", "saved", "turn", "phase", "action")
        return [dict(zip(keys, r, strict=True)) for r in rows]

    def set_room(self, game_id: str, room: dict[str, str] | None) -> None:
        with self._connect() as conn:
            conn.execute(
                "UPDATE games SET room = ? WHERE id = ?",
                (json.dumps(room) if room else None, game_id),
            )

    def game_for_code(self, code: str) -> tuple[str, str] | None:
        """(game id, side) of the room that hands out this player code, if any."""
        with self._connect() as conn:
            rows = conn.execute("SELECT id, room FROM games WHERE room IS NOT NULL").fetchall()
        for game_id, room in rows:
            for side, side_code in json.loads(room).items():
                if side_code == code:
                    return game_id, side
        return None

    # ------------------------------------------------------------------ settings and sessions
    def setting(self, key: str) -> str | None:
        with self._connect() as conn:
            row = conn.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def set_setting(self, key: str, value: str) -> None:
        with self._connect() as conn:
            conn.execute(
                "INSERT INTO settings (key, value) VALUES (?, ?)"
                " ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                (key, value),
            )

    def add_facilitator_session(self, session: str) -> None:
        with self._connect() as conn:
            conn.execute(
                "INSERT OR IGNORE INTO facilitator_sessions (session, created) VALUES (?, ?)",
                (session, now_iso()),
            )

    def is_facilitator_session(self, session: str) -> bool:
        with self._connect() as conn:
            row = conn.execute(
                "SELECT 1 FROM facilitator_sessions WHERE session = ?", (session,)
            ).fetchone()
        return row is not None

    def clear_facilitator_sessions(self) -> None:
        """Forget every signed-in browser (when the key changes, old sign-ins must not last)."""
        with self._connect() as conn:
            conn.execute("DELETE FROM facilitator_sessions")


def _row(row: tuple[Any, ...]) -> GameRow:
    return GameRow(*row[:7], json.loads(row[7]) if row[7] else None)
