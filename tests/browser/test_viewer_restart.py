"""`hybridsim play` as a facilitator runs it, stopped and started again: the game, its room and
the facilitator's sign-in all come back from the games database, and a reload lands where the
game was. Also checks what the command prints and that it keeps the page offline."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import expect
from viewer_steps import (
    KEY,
    PROJECTOR,
    SLOW_MS,
    expect_turn,
    open_as_facilitator,
    screenshot,
    start_game,
    step,
)

pytestmark = pytest.mark.browser


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class PlayServer:
    """`hybridsim play` in its own process group, with its output kept for the test to read."""

    def __init__(self, port: int, db: Path, log: Path) -> None:
        self.port, self.db, self.log = port, db, log
        self.process: subprocess.Popen | None = None

    def start(self) -> str:
        env = {k: v for k, v in os.environ.items() if k != "PYTEST_CURRENT_TEST"}
        env["NO_PROXY"] = env["no_proxy"] = "127.0.0.1,localhost"
        cmd = [
            sys.executable,
            "-m",
            "hybridsim",
            "play",
            "baseline",
            "--port",
            str(self.port),
            "--db",
            str(self.db),
            "--key",
            KEY,
        ]
        with open(self.log, "ab") as out:
            self.process = subprocess.Popen(
                cmd, stdout=out, stderr=subprocess.STDOUT, env=env, start_new_session=True
            )
        url = f"http://127.0.0.1:{self.port}"
        deadline = time.monotonic() + 90
        opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
        while True:
            try:
                with opener.open(url + "/", timeout=2):
                    return url
            except (urllib.error.URLError, OSError):
                if self.process.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"hybridsim play did not start:\n{self.log.read_text()[-3000:]}")
                time.sleep(0.3)

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)


@pytest.fixture
def play_server(tmp_path) -> Iterator[PlayServer]:
    server = PlayServer(free_port(), tmp_path / "games.sqlite", tmp_path / "play.log")
    yield server
    server.stop()


def test_a_restart_mid_turn_is_announced_and_every_page_recovers_by_itself(
    play_server, page_recorder, chromium_browser
):
    """The server stops while a turn is open and the red player has given an order: the
    facilitator's page and the player's say so; when the server is back each reloads by itself
    to the same game, room and tab (no F5), and the turn goes on with the order kept."""
    url = play_server.start()
    printed = play_server.log.read_text()
    assert f"facilitator link: {url}/?key={KEY}" in printed
    assert f"games saved in:   {play_server.db}" in printed

    page = page_recorder.page
    page.set_viewport_size(PROJECTOR)
    open_as_facilitator(page, url)
    game_id = start_game(page, red_by_people=True)
    step(page, 1)
    page.get_by_role("tab", name="Game").click()
    page.get_by_role("button", name="Open a room").click()
    red_code = page.locator(".hs-roomcode[data-side='red']").inner_text(timeout=SLOW_MS).strip()
    page.get_by_role("tab", name="Turn").click()
    page.get_by_role("button", name="Open turn 2").click()
    expect(page.get_by_text("Situation brief — turn 2")).to_be_visible(timeout=SLOW_MS)
    assert "view=turn" in page.url

    player = chromium_browser.new_context(viewport=PROJECTOR)
    try:
        red = player.new_page()
        red.goto(f"{url}/?room={red_code}")
        expect(red.get_by_test_id("viewpoint")).to_have_text("Red (adversaries)", timeout=SLOW_MS)
        red.locator(".hs-orders-RU").get_by_role("button", name="Add order").click()
        expect(page.locator(".hs-submitted")).to_contain_text("1 order", timeout=SLOW_MS)
        red.get_by_role("tab", name="Log").click()
        expect(red.locator(".hs-log")).to_be_visible(timeout=SLOW_MS)

        play_server.stop()
        for each in (page, red):
            expect(each.locator("#hs-offline")).to_contain_text(
                "cannot be reached", timeout=SLOW_MS
            )
        screenshot(page, page_recorder.screenshot_path.parent, "server-gone")
        play_server.start()
        for each in (page, red):  # nobody presses F5
            expect(each.locator("#hs-offline")).to_have_count(0, timeout=SLOW_MS)
            expect_turn(each, 2)
        assert f"game={game_id}" in page.url
        assert "key=" not in page.url
        expect(page.get_by_text("room open")).to_be_visible()
        expect(page.get_by_text("Situation brief — turn 2")).to_be_visible()
        expect(page.locator(".hs-submitted")).to_contain_text("1 order")  # kept
        expect(red.locator(".hs-log")).to_be_visible()  # the same tab as before
        assert "view=log" in red.url

        # Still the facilitator (the sign-in survived), and the room is live again.
        page.get_by_role("button", name="Adjudicate turn 2").click()
        red.get_by_role("tab", name="Turn").click()
        expect(red.get_by_text("Outcome brief — turn 2")).to_be_visible(timeout=SLOW_MS)
        step(page, 3)
        expect_turn(red, 3)
    finally:
        player.close()
    page_recorder.assert_offline()
    assert "samesite" not in play_server.log.read_text(), "one notice per browser, silenced"


def test_a_short_exercise_with_two_player_rooms_through_a_restart(
    play_server, page_recorder, chromium_browser, tmp_path
):
    """The facilitator and a blue and a red laptop play a 3-turn exercise: timer, a message to
    red, a live inject, red's order marked ready, a server restart mid-turn that every page
    survives without F5, then the end: objectives in the debrief, hot-wash notes, the report."""
    url = play_server.start()
    white = page_recorder.page
    white.set_viewport_size(PROJECTOR)
    open_as_facilitator(white, url)
    expect(white.get_by_role("button", name="Start game")).to_be_visible(timeout=SLOW_MS)
    white.get_by_label("Turns").fill("3")
    start_game(white, red_by_people=True)
    white.get_by_role("tab", name="Game").click()
    white.get_by_role("button", name="Open a room").click()
    codes = {
        side: white.locator(f".hs-roomcode[data-side='{side}']").inner_text(timeout=SLOW_MS)
        for side in ("blue", "red")
    }
    white.get_by_role("tab", name="Turn").click()
    white.get_by_role("button", name="Open turn 1").click()
    expect(white.get_by_text("Situation brief — turn 1")).to_be_visible(timeout=SLOW_MS)

    laptops = {side: chromium_browser.new_context(viewport=PROJECTOR) for side in codes}
    try:
        pages = {side: ctx.new_page() for side, ctx in laptops.items()}
        for side, page in pages.items():
            page.goto(f"{url}/?room={codes[side].strip()}")
            expect(page.get_by_text("Situation brief — turn 1")).to_be_visible(timeout=SLOW_MS)
        blue, red = pages["blue"], pages["red"]

        white.get_by_text("Exercise control: timer, messages, live injects, notes").click()
        white.get_by_label("Minutes for orders").fill("5")
        white.get_by_role("button", name="Start timer").click()
        white.get_by_role("combobox", name="Message to").click(force=True)
        white.get_by_role("option", name="red", exact=True).click()
        white.get_by_label("Message", exact=True).fill("Hold the second wave.")
        white.get_by_role("button", name="Send").click()
        white.get_by_label("Inject title").fill("Cable cut near Gotland")
        white.get_by_label("What happens").fill("The Swedish navy is investigating.")
        white.get_by_role("button", name="Release inject").click()
        for page in (white, blue, red):  # live, no reload
            expect(page.locator(".hs-timer")).to_contain_text("min left", timeout=SLOW_MS)
            expect(page.locator(".hs-live-inject")).to_contain_text("Cable cut near Gotland")
        expect(red.locator(".hs-message")).to_contain_text("Hold the second wave.")
        expect(blue.locator(".hs-message")).to_have_count(0)

        red.locator(".hs-orders-RU").get_by_role("button", name="Add order").click()
        red.get_by_role("button", name="Our orders are ready").click()
        expect(white.locator(".hs-ready-status")).to_contain_text("red ✓ ready", timeout=SLOW_MS)
        screenshot(red, tmp_path, "player-ready")

        play_server.stop()  # mid-turn: orders given, red ready
        for page in (white, blue, red):
            expect(page.locator("#hs-offline")).to_contain_text(
                "cannot be reached", timeout=SLOW_MS
            )
        play_server.start()
        for page in (white, blue, red):
            expect(page.locator("#hs-offline")).to_have_count(0, timeout=SLOW_MS)
            expect_turn(page, 1)
        expect(white.locator(".hs-ready-status")).to_contain_text("red ✓ ready")
        expect(white.locator(".hs-submitted")).to_contain_text("1 order")
        expect(red.locator(".hs-message")).to_contain_text("Hold the second wave.")

        white.get_by_role("button", name="Adjudicate turn 1").click()
        expect(red.get_by_text("Outcome brief — turn 1")).to_be_visible(timeout=SLOW_MS)
        step(white, 2)
        step(white, 3)
        for page in (white, blue, red):
            expect(page.locator(".hs-ended")).to_contain_text("ended", timeout=SLOW_MS)

        white.get_by_role("tab", name="Hot wash").click()
        white.get_by_label("Hot-wash notes").fill("Red wanted more time before the vote.")
        white.get_by_role("button", name="Save hot-wash notes").click()
        expect(white.locator(".hs-hotwash-saved")).to_have_text("saved", timeout=SLOW_MS)
        white.get_by_role("tab", name="Debrief").click()
        debrief = white.locator(".hs-debrief-text")
        expect(debrief).to_contain_text("Objectives", timeout=SLOW_MS)
        expect(debrief).to_contain_text("blue: Keep the alliance together")
        white.get_by_role("tab", name="Game").click()
        with white.expect_download(timeout=120_000) as download:  # charts and map: slow here
            white.get_by_role("button", name="Report (HTML)").click()
        report = tmp_path / "report.html"
        download.value.save_as(report)
        text = report.read_text(encoding="utf-8")
        for expected in ("Red wanted more time before the vote.", "Cable cut near Gotland",
                         "Hold the second wave.", "<h2>Debrief</h2>", "Objectives"):  # fmt: skip
            assert expected in text, expected
    finally:
        for ctx in laptops.values():
            ctx.close()
    page_recorder.assert_offline()
