"""Rooms and the facilitator key: player laptops join one game with a short code per side."""

from __future__ import annotations

import gc

import pytest

from hybridsim.app import auth
from hybridsim.app.rooms import CODE_ALPHABET, GameRegistry, normalise_code
from hybridsim.app.session import GameSession, GameSetup
from hybridsim.app.store import GameStore


@pytest.fixture
def store(tmp_path) -> GameStore:
    return GameStore(tmp_path / "games.sqlite")


def test_a_room_gives_each_side_its_own_code_and_one_shared_game(tutorial, store):
    registry = GameRegistry()
    game = registry.add(GameSession.new(GameSetup(tutorial, 1, 6), store))
    codes = registry.open_room(game)
    assert set(codes) == {"blue", "red"}
    assert codes["blue"] != codes["red"]
    assert all(len(c) == 6 and set(c) <= set(CODE_ALPHABET) for c in codes.values())
    blue = registry.join(codes["blue"].lower(), store)
    red = registry.join(f" {codes['red'][:3]}-{codes['red'][3:]} ", store)
    assert blue == (game, "blue")
    assert red == (game, "red")
    assert registry.join("ZZZZZZ", store) is None
    registry.close_room(game)
    assert registry.join(codes["blue"], store) is None


def test_rooms_come_back_after_a_restart(tutorial, store):
    before = GameRegistry()
    game = before.add(GameSession.new(GameSetup(tutorial, 1, 6), store))
    codes = before.open_room(game)
    game.step()
    after = GameRegistry()  # a new server process
    session, side = after.join(codes["red"], store)
    assert side == "red"
    assert session.id == game.id
    assert session.model.turn == 1
    assert after.get(game.id, store) is session


def test_a_game_id_opens_the_same_live_session_while_a_page_holds_it(tutorial, store):
    registry = GameRegistry()
    game = registry.add(GameSession.new(GameSetup(tutorial, 1, 6), store))
    assert registry.get(game.id, store) is game
    other = registry.add(GameSession.new(GameSetup(tutorial, 1, 6), store))
    assert other is not game
    assert other.model is not game.model
    game_id = game.id
    del game
    gc.collect()
    reloaded = registry.get(game_id, store)  # nobody held it: back from the database
    assert reloaded is not None
    assert reloaded.id == game_id


def test_codes_are_normalised():
    assert normalise_code(" ab-c2 34 ") == "ABC234"


def test_facilitator_key_from_environment_or_store_and_sign_in(monkeypatch, store):
    monkeypatch.delenv(auth.ENV_KEY, raising=False)
    key = auth.facilitator_key(store)
    assert key == auth.facilitator_key(store)  # kept, so links survive a restart
    assert auth.key_matches(key, store)
    assert not auth.key_matches("wrong", store)
    assert auth.sign_in("browser-1", key, store)
    assert not auth.sign_in("browser-2", "wrong", store)
    assert auth.is_facilitator(store=store, session_id="browser-1")
    assert not auth.is_facilitator("browser-2", store)
    monkeypatch.setenv(auth.ENV_KEY, "from-env")
    assert auth.facilitator_key(store) == "from-env"
    assert not auth.is_facilitator("browser-1", store)  # a new key signs everyone out
    new = auth.facilitator_key(store, rotate=True)
    assert new not in (key, "from-env")
