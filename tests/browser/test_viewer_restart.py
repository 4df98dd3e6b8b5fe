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
from viewer_steps import KEY, PROJECTOR, SLOW_MS, expect_turn, open_as_facilitator, start_game, step

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


def test_a_restart_resumes_the_game_the_room_and_the_facilitator(
    play_server, page_recorder, chromium_browser
):
    url = play_server.start()
    printed = play_server.log.read_text()
    assert f"facilitator link: {url}/?key={KEY}" in printed
    assert f"games saved in:   {play_server.db}" in printed

    page = page_recorder.page
    page.set_viewport_size(PROJECTOR)
    open_as_facilitator(page, url)
    game_id = start_game(page, red_by_people=True)
    step(page, 1)
    step(page, 2)
    page.get_by_role("tab", name="Game").click()
    page.get_by_role("button", name="Open a room").click()
    red_code = page.locator(".hs-roomcode[data-side='red']").inner_text(timeout=SLOW_MS).strip()

    play_server.stop()
    play_server.start()
    page.reload()  # the address holds the game id, not the key
    assert "key=" not in page.url
    assert f"game={game_id}" in page.url
    expect_turn(page, 2)
    expect(page.get_by_text("room open")).to_be_visible()
    step(page, 3)  # still the facilitator: the sign-in survived the restart

    player = chromium_browser.new_context(viewport=PROJECTOR)
    try:
        red = player.new_page()
        red.goto(f"{url}/?room={red_code}")
        expect(red.get_by_test_id("viewpoint")).to_have_text("Red (adversaries)", timeout=SLOW_MS)
        expect_turn(red, 3)
    finally:
        player.close()
    page_recorder.assert_offline()
