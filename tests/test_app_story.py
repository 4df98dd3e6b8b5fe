"""A brief that tells the story: a headline in words, the three events that mattered most and
why, the people's actions first, the computer's routine folded into a count, any past turn's
brief, and the itemised causes of a change when the model records them."""

from __future__ import annotations

import time

import pytest
import solara

from hybridsim.app import html
from hybridsim.app.session import GameSession, GameSetup
from hybridsim.app.story import turn_story
from hybridsim.app.views import _row, view_of
from hybridsim.model import Event
from hybridsim.scenario import load_scenario, shipped_dir


@pytest.fixture(scope="module")
def long_game() -> GameSession:
    scenario = load_scenario("baseline")
    game = GameSession.new(GameSetup(scenario, seed=1, turns=16, humans=frozenset({"RU", "PL"})))
    for _ in range(15):
        game.step()
    return game


def test_the_outcome_brief_is_a_story_not_a_wall(long_game):
    story = turn_story(long_game.model, "white", 15, long_game.humans)
    assert story.headline.startswith("Alliance cohesion ")
    assert "escalation " in story.headline
    assert len(story.highlights) == 3
    assert all(h.why for h in story.highlights)
    assert story.routine, "computer allies' routine responses are folded"
    assert all(r.actor not in long_game.humans for r in story.routine)
    assert sum(story.routine_count.values()) == len(story.routine)
    assert all(r.actor in long_game.humans for r in story.by_people)
    shown = {r.id for r in (*story.by_people, *story.others, *story.routine)}
    shown |= {h.row.id for h in story.highlights}
    every = {r.id for r in view_of(long_game, "white").outcome if r.kind != "change"}
    assert every <= shown, "folded, never dropped"
    text = html.story_html(story, {})
    assert text.index("What mattered most") < text.index("What the people at the table did")
    assert "<details class='hs-routine'>" in text
    assert f"{len(story.routine)} routine actions" in text


def test_blue_story_tells_only_what_blue_knows(long_game):
    white = turn_story(long_game.model, "white", 15, long_game.humans)
    blue = turn_story(long_game.model, "blue", 15, long_game.humans)

    def ids(story):
        return {h.row.id for h in story.highlights} | {
            r.id for r in (*story.by_people, *story.others, *story.routine)
        }

    assert ids(blue) < ids(white)
    assert not any(h.row.kind == "learning" for h in blue.highlights)


def test_any_past_turns_brief_can_be_read(long_game):
    import ipyvuetify as v

    from hybridsim.app.components.turn import PastBriefs

    view = view_of(long_game, "white")
    _box, rc = solara.render(PastBriefs(long_game, view), handle_error=False)
    select = rc.find(v.Select, label="Read the brief of").widget
    assert select.items[0] == "the current turn"
    assert "turn 1" in select.items
    select.v_model = "turn 3"
    deadline = time.monotonic() + 10
    while not any(
        "turn 3 (looking back)" in (w.unsafe_innerHTML or "")
        for w in rc.find(solara.widgets.HTML).widgets
    ):
        assert time.monotonic() < deadline, "the past brief never showed"
        time.sleep(0.05)
    assert view.story_of(3).turn == 3


def test_recorded_causes_of_a_change_are_shown(tutorial):
    """Against the contract of "change" events: itemised causes (label, delta), as objects or
    as a game file serialises them; the headline names the largest."""
    game = GameSession.new(GameSetup(tutorial, seed=2, turns=4))
    game.step()
    change = Event(
        "1-99",
        1,
        "",
        "change",
        "alliance",
        action="cohesion",
        domain="political",
        effects=["0.750 -> 0.710"],
    )
    change.causes = [  # type: ignore[attr-defined]
        {"cause": "vote on cable patrols failed", "delta": -0.04},
        {"cause": "decay", "delta": -0.002},
    ]
    row = _row(game.model, change)
    assert row.causes == (("vote on cable patrols failed", -0.04), ("decay", -0.002))
    from hybridsim.app.story import headline

    text = headline(game.model, 1, (row,))
    assert "mostly vote on cable patrols failed (-4)" in text
    story = turn_story(game.model, "white", 1, game.humans)
    story = type(story)(**{**story.__dict__, "changes": (row,)})
    assert "vote on cable patrols failed -4.0" in html.story_html(story, {})


def test_the_end_shows_a_debrief_that_the_report_repeats(tutorial, tmp_path, monkeypatch):
    import ipyvuetify as v

    from hybridsim.app import config
    from hybridsim.app.components.debrief import DebriefPanel
    from hybridsim.app.components.gamefiles import report_content, report_html, report_markdown
    from hybridsim.app.pages import GameScreen
    from hybridsim.app.store import ENV_DB
    from hybridsim.report.debrief import build_debrief

    monkeypatch.setenv(ENV_DB, str(tmp_path / "games.sqlite"))
    config.get_store.cache_clear()
    game = GameSession.new(GameSetup(tutorial, seed=3, turns=4, humans=frozenset({"RU"})))
    game.open_turn()
    game.submit("RU", [game.model.options("RU", all_targets=True)[0].order])
    game.adjudicate()
    game.step()
    game.undo()
    while game.model.running:
        game.step()
    debrief = build_debrief(report_content(game))
    assert debrief.arc[0].startswith("The game ran 4 of 4 turns and ended")
    assert any("cohesion went from" in line for line in debrief.arc)
    assert 1 <= len(debrief.turning_points) <= 3
    assert debrief.decisions[0].startswith("Turn 1 — ")
    assert debrief.undone == (
        "Turn 2 (adjudicated) was taken back by the facilitator and played again.",
    )
    assert len(debrief.cohesion) == 5  # the start and four turns
    for report in (report_html(game), report_markdown(game)):
        assert "Debrief" in report
        assert debrief.arc[1] in report
        assert debrief.turning_points[0] in report

    _box, rc = solara.render(
        GameScreen(game, "white", True, True, on_open=lambda s: None), handle_error=False
    )
    labels = [str(w.children) for w in rc.find(v.Btn).widgets]
    assert not any("Open turn" in label for label in labels), "no dead button at the end"
    assert "Debrief" in [str(t.children) for t in rc.find(v.Tab).widgets].__str__()
    _box, rc = solara.render(DebriefPanel(game, game.version), handle_error=False)
    text = "".join(w.unsafe_innerHTML or "" for w in rc.find(solara.widgets.HTML).widgets)
    assert "Turning points" in text
    assert "Key decisions by the players" in text
    assert len(rc.find(solara.widgets.VegaLite).widgets) == 2
    config.get_store.cache_clear()


def test_objectives_are_declared_in_the_scenario_and_scored_in_the_debrief(tutorial):
    from hybridsim.report.objectives import score
    from hybridsim.scenario import ScenarioError, load

    game = GameSession.new(GameSetup(tutorial, seed=1, turns=3))
    for _ in range(3):
        game.step()
    scores = {s.name: s for s in score(game.model)}
    cohesion = game.model.indicator_log[-1].alliance["cohesion"]
    assert scores["Keep the alliance together"].met == (cohesion >= 0.6)
    assert scores["Divide the allies"].met == (cohesion <= 0.5)
    assert "needs at least 60%" in scores["Keep the alliance together"].text
    from hybridsim.app.components.gamefiles import report_content
    from hybridsim.report.debrief import build_debrief

    lines = build_debrief(report_content(game)).objectives
    assert any(line.startswith("blue: Keep the alliance together — ") for line in lines)

    text = (shipped_dir() / "tutorial.yaml").read_text(encoding="utf-8")
    broken = text.replace("indicator: measures, at_least: 1}", "indicator: measures}")
    path = tmp_yaml(broken)
    with pytest.raises(ScenarioError) as err:
        load(path)
    line = next(i for i, ln in enumerate(broken.splitlines(), 1) if "indicator: measures}" in ln)
    assert f":{line}:" in str(err.value)
    assert "at_least or at_most" in str(err.value)


def tmp_yaml(text: str):
    import tempfile
    from pathlib import Path

    folder = Path(tempfile.mkdtemp())
    toolkit = shipped_dir() / "toolkit.yaml"
    (folder / "toolkit.yaml").write_text(toolkit.read_text(encoding="utf-8"), encoding="utf-8")
    path = folder / "objectives.yaml"
    path.write_text(text, encoding="utf-8")
    return path
