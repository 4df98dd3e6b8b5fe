"""GameSession: the game as the viewer plays it, tested without a browser and with a real SQLite.

Why these tests: a facilitator must never lose a game, must see only legal orders offered, and
must be able to override, undo and reset; a refresh must land exactly where the game was.
"""

from __future__ import annotations

import json

import pytest

from hybridsim.app.session import GameActionError, GameSession, GameSetup, computer_kind
from hybridsim.app.store import GameStore
from hybridsim.model import HybridThreatModel, Order


@pytest.fixture
def store(tmp_path) -> GameStore:
    return GameStore(tmp_path / "games.sqlite")


@pytest.fixture
def game(tutorial, store) -> GameSession:
    return GameSession.new(GameSetup(tutorial, seed=3, turns=8, humans=frozenset({"RU"})), store)


def first_option(game: GameSession, actor: str):
    return game.model.options(actor, all_targets=True)[0]


def test_a_new_game_is_saved_at_once_with_people_playing_the_chosen_actors(game, store):
    assert store.game_json(game.id) is not None
    assert game.model.policies()["RU"] == "human"
    assert game.model.policies()["CN"] == computer_kind(game.scenario, "CN")
    assert [h["action"] for h in store.history(game.id)] == ["new game"]


def test_a_turn_runs_brief_orders_adjudication_and_is_autosaved(game, store):
    brief = game.open_turn()
    assert game.model.phase == "brief"
    assert all(e.turn == 1 for e in brief)
    option = first_option(game, "RU")
    game.submit("RU", [option.order])
    events = game.adjudicate()
    mine = [e for e in events if e.kind == "move" and e.actor == "RU"]
    assert [(e.action, e.target) for e in mine] == [(option.order.action, option.order.target)]
    assert all(len(e.rolls) == 3 for e in mine)  # success, detection, attribution
    actions = [h["action"] for h in store.history(game.id)]
    assert actions == ["new game", "opened turn 1", "orders for RU", "adjudicated turn 1"]
    assert store.row(game.id).turn == 1


def test_only_legal_orders_within_budget_are_accepted(game):
    game.open_turn()
    with pytest.raises(GameActionError, match="not a legal order"):
        game.submit("RU", [Order("RU", "no_such_move", "DE")])
    with pytest.raises(GameActionError, match="played by the computer"):
        game.submit("CN", [first_option(game, "CN").order])
    option = first_option(game, "RU")
    too_many = int(game.model.budget_of("RU") // option.cost) + 1
    with pytest.raises(GameActionError, match="orders cost"):
        game.submit("RU", [option.order] * too_many)
    assert game.model.pending_orders == {}


def test_override_needs_a_reason_and_is_logged_with_it(game):
    game.adjudicate()
    event = next(e for e in game.model.turn_events(1) if e.kind == "move")
    with pytest.raises(GameActionError, match="reason"):
        game.override(event.id, not event.rolls[0].result, "  ")
    game.override(event.id, not event.rolls[0].result, "the target had no backup")
    again = next(e for e in game.model.turn_events(1) if e.id == event.id)
    assert again.rolls[0].overridden
    assert again.rolls[0].result != event.rolls[0].result
    logged = [e for e in game.model.turn_events(1) if e.kind == "override"]
    assert [e.note for e in logged] == ["the target had no backup"]


def test_step_lets_the_computer_play_a_turn_and_keeps_the_people_in_their_seats(game):
    game.step()
    assert game.model.turn == 1
    assert game.model.inputs[0].policies["RU"] != "human"  # the computer played RU this turn
    assert game.model.policies()["RU"] == "human"  # and RU is the players' again


def test_undo_and_reset(game):
    game.step()
    game.step()
    game.undo()
    assert game.model.turn == 1
    game.reset()
    assert game.model.turn == 0
    assert game.model.policies()["RU"] == "human"
    with pytest.raises(GameActionError):
        game.undo()


def test_a_saved_game_resumes_exactly_where_it_was(game, store):
    game.step()
    game.open_turn()
    game.submit("RU", [first_option(game, "RU").order])
    resumed = GameSession.load(game.id, store)
    assert resumed is not None
    assert resumed.model.turn == 2
    assert resumed.model.phase == "brief"
    assert resumed.model.pending_orders == game.model.pending_orders  # the players' choices
    assert resumed.humans == game.humans
    assert [e.to_dict() for e in resumed.model.events] == [e.to_dict() for e in game.model.events]
    resumed.adjudicate()
    game.adjudicate()
    assert [e.to_dict() for e in resumed.model.events] == [e.to_dict() for e in game.model.events]


def test_the_game_file_is_self_contained_and_imports_as_a_new_game(game, store, tmp_path):
    game.step()
    text = game.to_json()
    doc = json.loads(text)
    assert doc["format"] == "hybridsim-game"
    assert doc["version"] == 1
    assert doc["scenario"]["name"] == "tutorial"
    assert "record" in doc
    copy = GameSession.import_file(text, store)
    assert copy.id != game.id
    assert copy.model.turn == 1
    assert [e.to_dict() for e in copy.model.events] == [e.to_dict() for e in game.model.events]
    rebuilt = HybridThreatModel.replay(game.scenario, doc["record"])
    assert rebuilt.turn == 1
    with pytest.raises(ValueError, match="not a game file"):
        GameSession.import_file('{"format": "something-else"}', store)


def test_listeners_hear_every_change_and_can_leave(game):
    heard: list[int] = []
    remove = game.add_listener(lambda: heard.append(game.version))
    game.open_turn()
    game.adjudicate()
    remove()
    game.step()
    assert heard == [1, 2]
    assert game.listener_count == 0


def test_views_are_cached_per_version_and_side(game):
    built: list[str] = []

    def build(side: str):
        built.append(side)
        return object()

    a = game.cached_view("blue", lambda: build("blue"))
    assert game.cached_view("blue", lambda: build("blue")) is a
    game.cached_view("red", lambda: build("red"))
    game.step()
    assert game.cached_view("blue", lambda: build("blue")) is not a
    assert built == ["blue", "red", "blue"]


def test_an_undone_turn_leaves_a_trace_in_the_game_file_the_log_and_the_report(game, store):
    from hybridsim.app.components.gamefiles import report_html, report_markdown
    from hybridsim.app.views import view_of

    game.open_turn()
    order = first_option(game, "RU").order
    game.submit("RU", [order])
    game.adjudicate()
    game.undo()  # turn 1 taken back: it is played again below
    game.adjudicate()
    (undone,) = game.undone
    assert undone.turn == 1
    assert undone.phase == "resolved"
    assert any(o.startswith("RU ") for o in undone.orders)
    assert undone.outcomes, "what the taken-back turn had resolved"

    resumed = GameSession.load(game.id, store)
    assert resumed is not None
    assert resumed.undone == game.undone

    white = [r for r in view_of(game, "white").log if r.kind == "undo"]
    red = [r for r in view_of(game, "red").log if r.kind == "undo"]
    assert [r.turn for r in white] == [r.turn for r in red] == [1]
    assert white[0].effects
    assert not red[0].effects
    first_of_turn_1 = next(r for r in view_of(game, "white").log if r.turn == 1)
    assert first_of_turn_1.kind == "undo", "the trace comes before the replayed turn"

    assert "Turns taken back (undo)" in report_html(game)
    assert "Turn 1 (adjudicated) was taken back" in report_html(game)
    assert "Turn 1 (adjudicated) was taken back" in report_markdown(game)


def test_pages_coming_and_going_are_heard_without_a_game_change(game):
    heard: list[dict[str, int]] = []
    game.on_presence(lambda: heard.append(game.pages()))
    version = game.version
    leave_white = game.add_listener(lambda: None, "white")
    leave_red = game.add_listener(lambda: None, "red")
    game.add_listener(lambda: None)  # not a page (e.g. a room-closure watch): not counted
    assert game.pages() == {"white": 1, "red": 1}
    leave_red()
    leave_white()
    assert heard == [{"white": 1}, {"white": 1, "red": 1}, {"white": 1}, {}]
    assert game.version == version
