"""The viewer's components without a browser: solara.render and rc.find, real games and SQLite.

These check what each page offers and that its buttons drive the game; the browser tests check
what only a browser shows (offline assets, live rooms across sessions, reloads, the editor).
"""

from __future__ import annotations

import threading
import time

import ipyvuetify as v
import pytest
import solara

from hybridsim.app import config
from hybridsim.app.components.setup import SetupPanel
from hybridsim.app.components.turn import wait_until_idle
from hybridsim.app.components.widgets import CodeEditorWidget, FileTextWidget
from hybridsim.app.editor import EditorPage
from hybridsim.app.live import run_action
from hybridsim.app.pages import GameScreen
from hybridsim.app.session import GameSession, GameSetup
from hybridsim.app.store import ENV_DB
from hybridsim.app.views import stable_refs
from hybridsim.scenario import shipped_dir


@pytest.fixture
def store(tmp_path, monkeypatch):
    monkeypatch.setenv(ENV_DB, str(tmp_path / "games.sqlite"))
    config.get_store.cache_clear()
    yield config.get_store()
    config.get_store.cache_clear()


@pytest.fixture
def game(tutorial, store) -> GameSession:
    return GameSession.new(GameSetup(tutorial, seed=3, turns=8, humans=frozenset({"RU"})), store)


def labels(rc) -> list[str]:
    return [" ".join(c for c in w.children if isinstance(c, str)) for w in rc.find(v.Btn).widgets]


def button(rc, label: str):
    found = [
        w
        for w in rc.find(v.Btn).widgets
        if label in " ".join(c for c in w.children if isinstance(c, str))
    ]
    assert found, f"no button {label!r} among {labels(rc)}"
    return found[0]


def wait_for(condition, timeout: float = 15.0) -> None:
    """Actions and the re-renders they cause run in threads: poll for the page to catch up."""
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.02)


def click_and_wait(rc, label: str, game: GameSession, shown: str | None = None) -> None:
    """Click, wait for the game to change and settle, then (optionally) for a button to show."""
    version = game.version
    button(rc, label).click()
    wait_for(lambda: game.version > version)
    assert wait_until_idle(game)
    if shown is not None:
        wait_for(lambda: any(shown in x for x in labels(rc)))
    wait_for(lambda: not rc.find(v.ProgressLinear).widgets)  # the busy banner is gone


def html_text(rc) -> str:
    """Text of every HTML fragment and Text widget on the page."""
    parts = [w.unsafe_innerHTML or "" for w in rc.find(solara.widgets.HTML).widgets]
    parts += [str(w.children) for w in rc.find(v.Html).widgets]
    return "\n".join(parts)


def test_the_facilitator_plays_a_turn_through_the_buttons(game):
    _box, rc = solara.render(
        GameScreen(game, "white", True, True, on_open=lambda s: None), handle_error=False
    )
    assert {"Open turn 1", "Step", "Play", "Undo", "Reset"} <= set(labels(rc))
    click_and_wait(rc, "Open turn 1", game, shown="Adjudicate turn 1")
    assert game.model.phase == "brief"
    wait_for(lambda: "Situation brief — turn 1" in html_text(rc))
    click_and_wait(rc, "Add order", game, shown="Remove")
    assert len(game.model.pending_orders["RU"]) == 1
    click_and_wait(rc, "Adjudicate turn 1", game, shown="Open turn 2")
    assert game.model.phase == "resolved"
    assert game.model.turn == 1
    wait_for(lambda: "Outcome brief — turn 1" in html_text(rc))
    text = html_text(rc)
    assert "dice" in text
    assert "p = " in text
    assert "Apply override" in labels(rc)


def test_an_override_needs_a_reason_before_it_can_be_applied(game):
    game.adjudicate()
    _box, rc = solara.render(
        GameScreen(game, "white", True, True, on_open=lambda s: None), handle_error=False
    )
    chosen = rc.find(v.Select, label="Outcome").widget.v_model
    event_id = chosen.split(" · ")[0]
    apply = button(rc, "Apply override")
    assert apply.disabled
    reason = rc.find(v.TextField, label="Reason (goes into the log)").widget
    reason.v_model = "the pipeline was already under repair"
    apply = button(rc, "Apply override")
    assert not apply.disabled
    click_and_wait(rc, "Apply override", game, shown="Open turn 2")
    overrides = [e for e in game.model.turn_events(1) if e.kind == "override"]
    refs = stable_refs(game.model.turn_events(1))
    assert [(refs[e.action], e.note) for e in overrides] == [
        (event_id, "the pipeline was already under repair")
    ]


def test_step_undo_and_reset_buttons(game):
    _box, rc = solara.render(
        GameScreen(game, "white", True, True, on_open=lambda s: None), handle_error=False
    )
    click_and_wait(rc, "Step", game, shown="Open turn 2")
    click_and_wait(rc, "Step", game, shown="Open turn 3")
    assert game.model.turn == 2
    click_and_wait(rc, "Undo", game, shown="Open turn 2")
    assert game.model.turn == 1
    button(rc, "Reset").click()
    wait_for(lambda: "Yes, reset" in labels(rc))  # the confirmation renders asynchronously
    click_and_wait(rc, "Yes, reset", game, shown="Open turn 1")
    assert game.model.turn == 0


def test_a_player_sees_no_white_controls_and_blue_no_toolkit(game):
    game.step()
    _box, rc = solara.render(GameScreen(game, "blue", False, False), handle_error=False)
    shown = labels(rc)
    assert not {"Step", "Undo", "Reset", "Play"} & set(shown)
    assert not [x for x in shown if x.startswith(("Adjudicate", "Open turn", "Apply override"))]
    tabs = [" ".join(c for c in w.children if isinstance(c, str)) for w in rc.find(v.Tab).widgets]
    assert "Toolkit" not in " ".join(tabs)
    assert "Game" not in " ".join(tabs)
    _box, rc = solara.render(GameScreen(game, "red", False, False), handle_error=False)
    tabs = [" ".join(c for c in w.children if isinstance(c, str)) for w in rc.find(v.Tab).widgets]
    assert "Toolkit" in " ".join(tabs)


def test_set_up_chooses_scenario_seed_turns_and_who_plays(store):
    started = []
    _box, rc = solara.render(
        SetupPanel(on_start=started.append, preferred="tutorial"), handle_error=False
    )
    rc.find(v.TextField, label="Seed").widget.v_model = "11"
    rc.find(v.TextField, label="Turns").widget.v_model = "4"
    row = rc.find(v.Sheet, class_="d-flex ma-0 hs-actor-RU")
    row.find(v.BtnToggle).widget.v_model = "human"  # what a click on "human" does
    button(rc, "Start game").click()
    (setup,) = started
    assert (setup.scenario.name, setup.seed, setup.turns) == ("tutorial", 11, 4)
    assert setup.humans == frozenset({"RU"})


def test_an_uploaded_scenario_with_errors_is_refused_with_its_lines(store):
    started = []
    _box, rc = solara.render(
        SetupPanel(on_start=started.append, preferred="tutorial"), handle_error=False
    )
    rc.find(v.BtnToggle, v_model="shipped").widget.v_model = "uploaded"
    upload = rc.find(FileTextWidget).widget
    text = (shipped_dir() / "tutorial.yaml").read_text(encoding="utf-8")
    upload.file = {
        "name": "broken.yaml",
        "text": text.replace("turn_days: 7", "turn_dayz: 7"),
        "stamp": 1,
    }
    shown = html_text(rc)
    assert "turn_dayz" in shown
    assert "line 14" in shown
    assert not [w for w in rc.find(v.Btn).widgets if "Start game" in w.children]


def test_the_editor_marks_error_lines_and_previews_three_turns(store):
    _box, rc = solara.render(EditorPage(), handle_error=False)
    editor = rc.find(CodeEditorWidget).widget
    assert editor.errors == []
    lines = editor.value.splitlines()
    index = next(i for i, line in enumerate(lines) if line.strip().startswith("turn_days:"))
    lines[index] = lines[index].replace("turn_days", "turn_dayz")
    editor.value = "\n".join(lines) + "\n"
    assert rc.find(CodeEditorWidget).widget.errors == [index + 1]
    assert f"line {index + 1}" in html_text(rc)
    lines[index] = lines[index].replace("turn_dayz", "turn_days")
    editor.value = "\n".join(lines) + "\n"
    assert rc.find(CodeEditorWidget).widget.errors == []
    button(rc, "Preview 3 turns").click()
    assert "Alliance cohesion" in html_text(rc)


def test_a_slow_action_shows_a_busy_banner_disables_controls_and_refuses_a_second(game):
    _box, rc = solara.render(
        GameScreen(game, "white", True, True, on_open=lambda s: None), handle_error=False
    )
    release = threading.Event()
    run_action(game, "Adjudicating turn 1…", lambda: release.wait(20), lambda _e: None)
    wait_for(lambda: "Adjudicating turn 1…" in html_text(rc))
    assert rc.find(v.ProgressLinear).widgets
    assert button(rc, "Step").disabled
    assert button(rc, "Open turn 1").disabled
    refused: list[str] = []
    assert run_action(game, "Stepping", game.step, refused.append) is None
    assert refused == ["Please wait: Adjudicating turn 1…"]
    release.set()
    wait_for(lambda: not rc.find(v.ProgressLinear).widgets)
    assert not button(rc, "Step").disabled
    assert game.model.turn == 0


def test_the_move_list_offers_only_what_the_budget_left_pays_and_says_why_not(game):
    game.open_turn()
    _box, rc = solara.render(
        GameScreen(game, "white", True, True, on_open=lambda s: None), handle_error=False
    )
    budget = game.model.budget_of("RU")

    def offered_costs() -> list[float]:
        moves = rc.find(v.Select, label="Move").widgets
        if not moves:
            return []
        return [float(x.rsplit("cost ", 1)[1].rstrip(")")) for x in moves[0].items]

    for _ in range(20):  # add the first move offered until nothing more is affordable
        left = budget - sum(o.cost for o in view_orders(game))
        wait_for(lambda left=left: all(cost <= left + 1e-9 for cost in offered_costs()), 5)
        if not offered_costs():
            break
        click_and_wait(rc, "Add order", game)
    else:
        pytest.fail("the budget never ran out")
    spent = sum(o.cost for o in view_orders(game))
    assert spent <= budget + 1e-9
    wait_for(lambda: "pays for no further order" in html_text(rc) + texts(rc))
    assert "Add order" not in labels(rc)


def view_orders(game: GameSession):
    from hybridsim.app.views import order_sheets

    (sheet,) = order_sheets(game, "white")
    return sheet.pending


def texts(rc) -> str:
    return "\n".join(str(w.children) for w in rc.find(v.Html).widgets)


def test_a_disabled_add_order_says_why():
    from hybridsim.app.components.turn import add_order_blocked

    assert add_order_blocked(busy=False, chosen=True, affordable=True, left=3) == ""
    assert "busy" in add_order_blocked(busy=True, chosen=True, affordable=True, left=3)
    assert "Choose a move" in add_order_blocked(busy=False, chosen=False, affordable=True, left=3)
    assert "(0.5)" in add_order_blocked(busy=False, chosen=True, affordable=False, left=0.5)


def test_charts_are_specs_for_the_vega_lite_the_page_loads(game):
    """vega-embed warns on every chart when the spec's major version differs from the runtime's
    (Altair 6 writes Vega-Lite 6; the provisioned front end is Vega-Lite 5)."""
    from hybridsim.app.assets import ASSETS
    from hybridsim.app.charts import Figure, alliance_chart
    from hybridsim.app.views import view_of

    game.step()
    runtime = next(a for a in ASSETS if a.package == "vega-lite").version.split(".")[0]
    _box, rc = solara.render(Figure(alliance_chart(view_of(game, "white").alliance_history)))
    spec = rc.find(solara.widgets.VegaLite).widget.spec
    assert spec["$schema"].endswith(f"/vega-lite/v{runtime}.json")
    assert spec["datasets"], "the data travels inline: nothing is fetched"
