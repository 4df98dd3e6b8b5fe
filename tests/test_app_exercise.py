"""The tools of a real exercise: ready marks the facilitator sees, a turn timer, injects and
messages released during play (logged for the right sides, saved, in the report), notes per
turn and a hot wash that go into the report, and a projector mode without codes or keys."""

from __future__ import annotations

import time

import ipyvuetify as v
import pytest
import solara

from hybridsim.app import config
from hybridsim.app.components.exercise import ready_text, timer_text
from hybridsim.app.components.gamefiles import report_html, report_markdown
from hybridsim.app.pages import GameScreen
from hybridsim.app.session import GameActionError, GameSession, GameSetup
from hybridsim.app.store import ENV_DB, GameStore
from hybridsim.app.views import view_of


@pytest.fixture
def store(tmp_path, monkeypatch) -> GameStore:
    monkeypatch.setenv(ENV_DB, str(tmp_path / "games.sqlite"))
    config.get_store.cache_clear()
    yield config.get_store()
    config.get_store.cache_clear()


@pytest.fixture
def game(tutorial, store) -> GameSession:
    humans = frozenset({"RU", "DE"})
    return GameSession.new(GameSetup(tutorial, seed=3, turns=6, humans=humans), store)


def test_ready_marks_timer_injects_messages_and_notes_are_kept(game, store):
    game.open_turn()
    assert ready_text(game, view_of(game, "white")) == (
        "Orders ready — blue still working · red still working"
    )
    game.mark_ready("red")
    assert "red ✓ ready" in ready_text(game, view_of(game, "white"))
    game.start_timer(10)
    assert "min left" in timer_text(game)
    assert 590 < game.exercise.seconds_left() <= 600
    game.send_message("red", "Your embassy reports a leak.")
    game.send_message("everyone", "Fifteen minutes to the ministerial.")
    game.release_inject("Cable cut near Gotland", "Swedish navy investigating.")
    game.write_note("Red hesitated over the cable.")
    game.adjudicate()
    assert game.exercise.is_ready("red", 1)
    game.open_turn()
    assert not game.exercise.is_ready("red", 2), "a new turn: nobody is ready yet"
    assert game.exercise.deadline is None, "and no timer until the facilitator sets one"
    with pytest.raises(GameActionError):
        game.send_message("green", "nobody")

    resumed = GameSession.load(game.id, store)
    assert resumed is not None
    assert resumed.exercise == game.exercise

    def log_notes(side: str) -> list[str]:
        return [r.note for r in view_of(game, side).log if r.kind in ("inject", "message")]

    assert any("Cable cut near Gotland" in n for n in log_notes("blue"))
    assert not any("embassy" in n for n in log_notes("blue")), "red's message is red's"
    assert any("embassy" in n for n in log_notes("red"))
    assert any("ministerial" in n for n in log_notes("blue"))

    game.write_hotwash("Players wanted more time for the vote.")
    for report in (report_html(game), report_markdown(game)):
        assert "Players wanted more time for the vote." in report
        assert "Red hesitated over the cable." in report
        assert "Cable cut near Gotland" in report
        assert "— Swedish navy investigating." in report
        assert "message to red — Your embassy reports a leak." in report


def test_a_player_marks_ready_and_sees_its_messages(game):
    game.open_turn()
    game.send_message("red", "Hold the second wave.")
    game.send_message("blue", "Blue only.")
    _box, rc = solara.render(GameScreen(game, "red", False, False), handle_error=False)

    def text() -> str:
        return "".join(w.unsafe_innerHTML or "" for w in rc.find(solara.widgets.HTML).widgets)

    assert "Hold the second wave." in text()
    assert "Blue only." not in text()
    ready = [w for w in rc.find(v.Btn).widgets if "Our orders are ready" in str(w.children)]
    ready[0].click()
    deadline = time.monotonic() + 10
    while not game.exercise.is_ready("red", 1):
        assert time.monotonic() < deadline
        time.sleep(0.02)


def test_projector_mode_hides_codes_keys_and_the_game_tab(game, store):
    from hybridsim.app.rooms import REGISTRY

    REGISTRY.open_room(game)
    box, rc = solara.render(
        GameScreen(game, "white", True, True, on_open=lambda s: None), handle_error=False
    )
    tabs = lambda: [str(t.children) for t in rc.find(v.Tab).widgets]  # noqa: E731
    assert any("Game" in t for t in tabs())
    toggle = [w for w in rc.find(v.Btn).widgets if "Projector" in str(w.children)]
    toggle[0].click()
    deadline = time.monotonic() + 10
    while any("Game" in t for t in tabs()):
        assert time.monotonic() < deadline, "the Game tab (room codes) stays on the projector"
        time.sleep(0.02)
    assert not any("Hot wash" in t for t in tabs())
    assert "hs-projector" in box.children[0].class_, "large type"
    REGISTRY.close_room(game)


def test_the_timer_says_when_its_text_next_changes():
    """The chip redraws when "N min left" would read differently, and stops once time is up."""
    from hybridsim.app.components.exercise import TIMER_SLACK_S, next_timer_change

    assert next_timer_change(None) is None
    assert next_timer_change(0) is None
    assert next_timer_change(-5) is None
    # 10 min left (600 s): reads "10 min" until 570 s are left, then "9 min".
    assert next_timer_change(600) == pytest.approx(30 + TIMER_SLACK_S)
    # 91 s reads "2 min", and "1 min" from 90 s on.
    assert next_timer_change(91) == pytest.approx(1 + TIMER_SLACK_S)
    # "1 min left" (anything under 90 s): the next change is "time is up", when it is due.
    assert next_timer_change(89) == pytest.approx(89 + TIMER_SLACK_S)
    assert next_timer_change(45) == pytest.approx(45 + TIMER_SLACK_S)
