"""A facilitator runs the baseline in Chromium: set-up, briefs, orders, dice, an override with its
reason, step, undo, the world, charts, log, toolkit, export and report; with no request leaving
the machine. Also: two browser sessions never share a game, and a reload resumes it.
"""

from __future__ import annotations

import json
import re

import pytest
from playwright.sync_api import expect
from viewer_steps import (
    PROJECTOR,
    SLOW_MS,
    expect_turn,
    open_as_facilitator,
    screenshot,
    server_env,
    start_game,
    step,
    turn_chip,
)

from hybridsim.scenario import shipped_dir

pytestmark = pytest.mark.browser
HUMAN = "RU"  # one side played by people: Russia's hybrid campaign (red)
HUMAN_NAME = "Russia (hybrid campaign)"
REASON = "exercise control: the target was already isolated"


@pytest.fixture(scope="module")
def viewer_url(solara_server, tmp_path_factory) -> str:
    db = tmp_path_factory.mktemp("viewer-game") / "games.sqlite"
    return solara_server("hybridsim.app.main", env=server_env(db))


def test_facilitator_plays_turns_with_a_human_side_and_overrides(
    viewer_url, page_recorder, tmp_path
):
    page = page_recorder.page
    page.set_viewport_size(PROJECTOR)
    open_as_facilitator(page, viewer_url)
    expect(page.get_by_text("Who plays each actor")).to_be_visible(timeout=SLOW_MS)
    expect(page.locator(".hs-actor-RU b")).to_be_visible()
    screenshot(page, tmp_path, "setup")
    start_game(page, human=HUMAN)
    expect(page.get_by_test_id("viewpoint")).to_have_text("Facilitator (white cell)")

    for turn in (1, 2):
        page.get_by_role("button", name=f"Open turn {turn}").click()
        expect(page.get_by_text(f"Situation brief — turn {turn}")).to_be_visible(timeout=SLOW_MS)
        expect(page.locator(".hs-tile")).to_have_count(6)  # the headline indicators
        sheet = page.locator(f".hs-orders-{HUMAN}")
        expect(sheet).to_contain_text("Budget")
        expect(sheet).to_contain_text("success")  # chances are shown before choosing
        sheet.get_by_role("button", name="Add order").click()
        expect(sheet.get_by_role("button", name="Remove")).to_be_visible(timeout=SLOW_MS)
        if turn == 1:
            screenshot(page, tmp_path, "situation-brief")
        page.get_by_role("button", name=f"Adjudicate turn {turn}").click()
        expect(page.get_by_text(f"Outcome brief — turn {turn}")).to_be_visible(timeout=SLOW_MS)
        expect_turn(page, turn)
        mine = page.locator(".hs-event", has_text="Russia (hybrid campaign):")
        expect(mine.first.locator(".hs-roll")).to_have_count(3)  # success, detection, attribution
        expect(mine.first).to_contain_text("p = ")
        expect(mine.first).to_contain_text("dice")

    # The brief tells the story: a headline in words, then what mattered most and why.
    expect(page.locator(".hs-story-headline")).to_contain_text("Alliance cohesion")
    expect(page.locator(".hs-highlight .hs-why").first).to_contain_text("Why it matters")
    screenshot(page, tmp_path, "outcome-brief")
    # Override the first adjudicated outcome (preselected); the reason goes into the log.
    form = page.locator(".hs-override-form")
    chosen = form.locator("input[role=combobox]").first.input_value()
    event_id = chosen.split(" · ")[0]
    apply = page.get_by_role("button", name="Apply override")
    expect(apply).to_be_disabled()
    page.get_by_label("Reason (goes into the log)").fill(REASON)
    expect(apply).to_be_enabled()
    apply.click()
    expect(page.locator(".hs-event.hs-override")).to_contain_text(REASON, timeout=SLOW_MS)
    expect(page.locator(f".hs-event[data-event='{event_id}'] .hs-forced")).to_have_count(1)

    step(page, 3)
    step(page, 4)
    page.get_by_role("button", name="Undo").click()
    expect_turn(page, 3)

    page.get_by_role("tab", name="World").click()
    expect(page).to_have_url(re.compile("view=world"))  # a reload shows the same tab
    expect(page.locator(".hs-dashboard tr[data-state]")).to_have_count(32, timeout=SLOW_MS)
    expect(page.locator(".vega-embed svg, .vega-embed canvas").first).to_be_visible(timeout=SLOW_MS)
    expect(page.locator(".hs-adopted")).to_be_visible()
    expect(page.locator(".hs-gas")).to_contain_text("Russian pipeline gas")
    page.get_by_label("Colour states by").click(force=True)
    page.get_by_role("option", name="Gas storage").click()
    expect(page.get_by_role("combobox", name="Colour states by")).to_have_value("Gas storage")
    expect(page.locator(".vega-embed canvas, .vega-embed svg").first).to_be_visible()
    screenshot(page, tmp_path, "map")
    page.get_by_role("tab", name="Charts").click()
    expect(page.locator(".vega-embed").nth(1)).to_be_visible(timeout=SLOW_MS)
    screenshot(page, tmp_path, "charts")
    mismatch = [m for m in page_recorder.console if "current version of Vega-Lite" in m]
    assert not mismatch, mismatch[:2]
    page.get_by_role("tab", name="Log").click()
    expect(page.locator(".hs-log")).to_contain_text(REASON, timeout=SLOW_MS)
    total = page.locator(".hs-log tbody tr").count()
    page.get_by_label("Actor").click(force=True)
    page.get_by_role("option", name=HUMAN_NAME, exact=True).click()
    expect(page.locator(".hs-log-count")).not_to_have_text(re.compile(rf"^{total} of"))
    actors = page.locator(".hs-log tbody tr td:nth-child(3)").all_inner_texts()
    assert actors
    assert set(actors) == {HUMAN_NAME}  # names, not ids
    page.get_by_role("tab", name="Toolkit").click()
    expect(page.locator(".hs-toolkit th.hs-adv")).to_have_count(3, timeout=SLOW_MS)
    screenshot(page, tmp_path, "toolkit")

    page.get_by_role("tab", name="Game").click()
    with page.expect_download() as download:
        page.get_by_role("button", name="Export game file").click()
    doc = json.loads(download.value.path().read_text(encoding="utf-8"))
    assert doc["format"] == "hybridsim-game"
    assert len(doc["record"]["inputs"]) == 3
    assert REASON in json.dumps(doc["record"])
    with page.expect_download(timeout=SLOW_MS * 2) as report:
        page.get_by_role("button", name="Report (HTML)").click()
    html = report.value.path().read_text(encoding="utf-8")
    assert REASON in html
    assert not re.search(r"https?://", html)

    page.wait_for_load_state("networkidle")
    page_recorder.assert_offline()


def test_two_sessions_never_share_a_game_and_a_reload_resumes(
    viewer_url, chromium_browser, page_recorder
):
    first = page_recorder.page
    open_as_facilitator(first, viewer_url)
    game_a = start_game(first)
    step(first, 1)
    step(first, 2)

    other = chromium_browser.new_context(viewport=PROJECTOR)
    try:
        second = other.new_page()
        second.goto(f"{viewer_url}/")
        game_b = start_game(second)
        assert game_b != game_a
        expect_turn(second, 0)
        step(second, 1)
        expect_turn(first, 2)  # untouched by the other session's turn
        expect(turn_chip(first)).to_contain_text("Turn 2 of")

        first.reload()
        expect_turn(first, 2)
        assert f"game={game_a}" in first.url
        second.goto(f"{viewer_url}/?game={game_a}")  # a solo game is opened by its address
        expect_turn(second, 2)
    finally:
        other.close()
    page_recorder.assert_offline()


def test_upload_a_scenario_play_pause_and_import_a_game_file(viewer_url, page_recorder, tmp_path):
    page = page_recorder.page
    page.set_viewport_size(PROJECTOR)
    open_as_facilitator(page, viewer_url)
    page.get_by_role("button", name="uploaded").click()

    text = (shipped_dir() / "tutorial.yaml").read_text(encoding="utf-8")
    line = next(i for i, ln in enumerate(text.splitlines(), 1) if "turn_days:" in ln)
    broken = tmp_path / "broken.yaml"
    broken.write_text(text.replace("turn_days:", "turn_dayz:"), encoding="utf-8")
    page.set_input_files("[data-testid=scenario-upload]", str(broken))
    problem = page.locator(f".hs-problem[data-line='{line}']")
    expect(problem).to_contain_text(f"line {line}", timeout=SLOW_MS)
    expect(problem).to_contain_text("turn_dayz")
    expect(page.get_by_role("button", name="Start game")).to_have_count(0)
    screenshot(page, tmp_path, "upload-errors")

    good = tmp_path / "my_tutorial.yaml"
    good.write_text(text, encoding="utf-8")
    page.set_input_files("[data-testid=scenario-upload]", str(good))
    expect(page.get_by_text("is valid")).to_be_visible(timeout=SLOW_MS)
    page.get_by_label("Turns").fill("12")
    game_id = start_game(page)
    expect(turn_chip(page)).to_contain_text("Turn 0 of 12")

    page.get_by_label("Speed").click(force=True)
    page.get_by_role("option", name="fast (0.5 s)").click()
    page.get_by_role("button", name="Play").click()
    expect(page.get_by_role("button", name="Pause")).to_be_visible(timeout=SLOW_MS)
    expect(turn_chip(page)).to_contain_text(
        re.compile(r"Turn ([2-9]|1[01]) of 12"), timeout=SLOW_MS
    )
    page.get_by_role("button", name="Pause").click()
    expect(page.get_by_role("button", name="Play")).to_be_visible(timeout=SLOW_MS)
    paused_at = turn_chip(page).inner_text()
    page.wait_for_timeout(1500)
    assert turn_chip(page).inner_text() == paused_at

    page.get_by_role("tab", name="Game").click()
    with page.expect_download() as download:
        page.get_by_role("button", name="Export game file").click()
    saved = tmp_path / "exported.hybridsim.json"
    download.value.save_as(saved)
    page.set_input_files("[data-testid=game-import]", str(saved))
    expect(page).not_to_have_url(re.compile(f"game={game_id}"), timeout=SLOW_MS)
    expect(turn_chip(page)).to_have_text(paused_at, timeout=SLOW_MS)
    page_recorder.assert_offline()


def test_a_short_game_ends_on_a_debrief(viewer_url, page_recorder, tmp_path):
    page = page_recorder.page
    page.set_viewport_size(PROJECTOR)
    open_as_facilitator(page, viewer_url)
    expect(page.get_by_role("button", name="Start game")).to_be_visible(timeout=SLOW_MS)
    page.get_by_label("Turns").fill("3")
    start_game(page)
    for turn in (1, 2, 3):
        step(page, turn)
    expect(page.locator(".hs-ended")).to_contain_text("The game has ended")
    expect(page.get_by_role("button", name="Open turn 4")).to_have_count(0)
    expect(page.locator(".hs-game-over")).to_be_visible()
    page.get_by_role("tab", name="Debrief").click()
    expect(page.locator(".hs-debrief-text")).to_contain_text("Turning points", timeout=SLOW_MS)
    expect(page.locator(".hs-debrief-text")).to_contain_text("cohesion went from")
    expect(page.locator(".vega-embed")).to_have_count(2, timeout=SLOW_MS)
    screenshot(page, tmp_path, "debrief")
    page_recorder.assert_offline()


def test_the_turn_timer_counts_down_without_a_reload(viewer_url, page_recorder):
    """Nothing in the game changes while the timer runs: the chip must redraw on its own, from
    "1 min left" to "time is up", on the page that is open."""
    page = page_recorder.page
    page.set_viewport_size(PROJECTOR)
    open_as_facilitator(page, viewer_url)
    start_game(page)
    page.get_by_role("button", name="Open turn 1").click()
    expect(page.get_by_text("Situation brief — turn 1")).to_be_visible(timeout=SLOW_MS)
    page.get_by_text("Exercise control: timer, messages, live injects, notes").click()
    page.get_by_label("Minutes for orders").fill("0.5")
    page.get_by_role("button", name="Start timer").click()
    chip = page.locator(".hs-timer")
    expect(chip).to_contain_text("1 min left", timeout=25_000)
    expect(chip).to_contain_text("time is up", timeout=60_000)
