"""A room in Chromium: the facilitator opens it, a blue and a red laptop join with their codes,
and every page updates live when orders are given and a turn is adjudicated. Each player sees
and plays only their side; the white cell's controls stay with the facilitator."""

from __future__ import annotations

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
)

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def viewer_url(solara_server, tmp_path_factory) -> str:
    db = tmp_path_factory.mktemp("viewer-rooms") / "games.sqlite"
    return solara_server("hybridsim.app.main", env=server_env(db))


def test_a_room_updates_every_page_live_and_each_side_sees_its_own(
    viewer_url, chromium_browser, page_recorder, assert_offline, tmp_path
):
    white = page_recorder.page
    white.set_viewport_size(PROJECTOR)
    open_as_facilitator(white, viewer_url)
    game_id = start_game(white, red_by_people=True)
    white.get_by_role("tab", name="Game").click()
    white.get_by_role("button", name="Open a room").click()
    blue_code = white.locator(".hs-roomcode[data-side='blue']").inner_text(timeout=SLOW_MS).strip()
    red_code = white.locator(".hs-roomcode[data-side='red']").inner_text().strip()
    assert len(blue_code) == 6
    assert blue_code != red_code

    players = chromium_browser.new_context(viewport=PROJECTOR)
    requests: list[str] = []
    players.on("request", lambda r: requests.append(r.url))
    try:
        blue, red = players.new_page(), chromium_browser.new_context(viewport=PROJECTOR)
        red_requests: list[str] = []
        red.on("request", lambda r: red_requests.append(r.url))
        red_page = red.new_page()
        blue.goto(f"{viewer_url}/")
        blue.get_by_label("Room code").fill(blue_code.lower())
        blue.get_by_role("button", name="Join").click()
        expect(blue.get_by_test_id("viewpoint")).to_have_text("Blue (allies)", timeout=SLOW_MS)
        red_page.goto(f"{viewer_url}/?room={red_code}")
        expect(red_page.get_by_test_id("viewpoint")).to_have_text(
            "Red (adversaries)", timeout=SLOW_MS
        )
        for player in (blue, red_page):
            for control in ("Step", "Undo", "Reset", "Play"):
                expect(player.get_by_role("button", name=control, exact=True)).to_have_count(0)
            expect(player.get_by_role("tab", name="Game")).to_have_count(0)
        expect(blue.get_by_role("tab", name="Toolkit")).to_have_count(0)
        expect(red_page.get_by_role("tab", name="Toolkit")).to_have_count(1)
        # The facilitator's room panel counts the pages as they join, without a reload.
        expect(white.locator(".hs-connected")).to_contain_text("facilitator 1, red 1, blue 1")

        white.get_by_role("tab", name="Turn").click()
        white.get_by_role("button", name="Open turn 1").click()
        for player in (blue, red_page):  # live: nobody reloads
            expect(player.get_by_text("Situation brief — turn 1")).to_be_visible(timeout=SLOW_MS)
        expect(blue.locator(".hs-orders")).to_have_count(0)  # blue is played by the computer
        sheet = red_page.locator(".hs-orders-RU")
        sheet.get_by_role("button", name="Add order").click()
        expect(white.locator(".hs-submitted")).to_contain_text(
            "Russia (hybrid campaign): 1 order", timeout=SLOW_MS
        )
        screenshot(red_page, tmp_path, "player-red-orders")

        white.get_by_role("button", name="Adjudicate turn 1").click()
        for page in (white, blue, red_page):
            expect(page.get_by_text("Outcome brief — turn 1")).to_be_visible(timeout=SLOW_MS)
            expect_turn(page, 1)
        expect(white.locator(".hs-override-form")).to_have_count(1)
        expect(blue.locator(".hs-override-form")).to_have_count(0)
        expect(red_page.locator(".hs-override-form")).to_have_count(0)
        # Blue knows only what was detected, and nothing of the adversaries' lessons.
        expect(blue.get_by_text("Lessons the adversaries drew")).to_have_count(0)
        white_events = white.locator(".hs-outcome .hs-event").count()
        blue_events = blue.locator(".hs-outcome .hs-event").count()
        assert blue_events < white_events
        screenshot(blue, tmp_path, "player-blue-outcome")

        # A player cannot take the white cell's seat with the game's address.
        blue.goto(f"{viewer_url}/?game={game_id}")
        expect(blue.get_by_text("This game is a room")).to_be_visible(timeout=SLOW_MS)
        expect(blue.get_by_role("button", name="Open turn 2")).to_have_count(0)
    finally:
        players.close()
        red.close()
    assert_offline(requests + red_requests)
    page_recorder.assert_offline()
