"""The games database: real SQLite in WAL mode, one row per game plus its autosave history."""

from __future__ import annotations

import sqlite3
import sys

import pytest

from hybridsim.app.session import GameSession, GameSetup
from hybridsim.app.store import ENV_DB, GameStore, default_db_path


def test_wal_mode_one_row_per_game_and_a_history_per_save(tmp_path, tutorial):
    store = GameStore(tmp_path / "g.sqlite")
    with sqlite3.connect(store.path) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    game = GameSession.new(GameSetup(tutorial, 1, 5), store)
    game.step()
    game.step()
    other = GameSession.new(GameSetup(tutorial, 2, 5), store)
    rows = store.games()
    assert [r.id for r in rows] == [other.id, game.id]
    assert store.row(game.id).turn == 2
    assert [h["turn"] for h in store.history(game.id)] == [0, 1, 2]


def test_room_codes_are_found_again_from_the_database(tmp_path, tutorial):
    store = GameStore(tmp_path / "g.sqlite")
    game = GameSession.new(GameSetup(tutorial, 1, 5), store)
    store.set_room(game.id, {"blue": "ABC234", "red": "XYZ789"})
    assert store.game_for_code("XYZ789") == (game.id, "red")
    assert store.game_for_code("NOPE00") is None
    game.step()  # a save does not forget the room
    assert store.row(game.id).room == {"blue": "ABC234", "red": "XYZ789"}
    store.set_room(game.id, None)
    assert store.game_for_code("XYZ789") is None


def test_settings_and_signed_in_browsers(tmp_path):
    store = GameStore(tmp_path / "g.sqlite")
    assert store.setting("x") is None
    store.set_setting("x", "1")
    store.set_setting("x", "2")
    assert store.setting("x") == "2"
    store.add_facilitator_session("cookie-1")
    assert store.is_facilitator_session("cookie-1")
    store.clear_facilitator_sessions()
    assert not store.is_facilitator_session("cookie-1")


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="XDG data folder is Linux's")
def test_location_comes_from_the_environment_else_the_user_data_folder(monkeypatch, tmp_path):
    monkeypatch.setenv(ENV_DB, str(tmp_path / "here.sqlite"))
    assert default_db_path() == tmp_path / "here.sqlite"
    monkeypatch.delenv(ENV_DB)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    assert default_db_path() == tmp_path / "data" / "hybridsim" / "games.sqlite"
