"""Steps the viewer's browser tests share: start a game, play a turn, read the page.

Selectors use what a user sees (button names, labels) plus the few data-testid / class hooks the
viewer sets for this purpose, so the tests read like the facilitator's script.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

from playwright.sync_api import Page, expect

KEY = "test-facilitator-key"
PROJECTOR = {"width": 1280, "height": 720}
SCENARIO = "baseline"
SCREENSHOTS_ENV = "HYBRIDSIM_SCREENSHOTS"
"""Set to a folder (e.g. docs/screenshots) to keep the screenshots the tests take."""
SLOW_MS = 45_000  # a first page load on a busy 2-core machine can take 10-20 s


def server_env(db: Path) -> dict[str, str]:
    return {
        "HYBRIDSIM_DB": str(db),
        "HYBRIDSIM_FACILITATOR_KEY": KEY,
        "HYBRIDSIM_SCENARIO": SCENARIO,
    }


def screenshot(page: Page, tmp_path: Path, name: str) -> Path:
    """Take a projector-size screenshot; keep a copy where HYBRIDSIM_SCREENSHOTS says."""
    path = tmp_path / f"{name}.png"
    page.screenshot(path=str(path))
    keep = os.environ.get(SCREENSHOTS_ENV)
    if keep:
        Path(keep).mkdir(parents=True, exist_ok=True)
        shutil.copy(path, Path(keep) / path.name)
    return path


def open_as_facilitator(page: Page, base_url: str) -> None:
    page.goto(f"{base_url}/?key={KEY}")
    expect(page.get_by_text("Signed in as facilitator.")).to_be_visible(timeout=SLOW_MS)


def start_game(page: Page, human: str | None = None, red_by_people: bool = False) -> str:
    """Start the preselected scenario; returns the game id from the address."""
    expect(page.get_by_role("button", name="Start game")).to_be_visible(timeout=SLOW_MS)
    if red_by_people:
        page.get_by_role("button", name="Red by people").click()
    if human:
        page.locator(f".hs-actor-{human}").get_by_role("button", name="human").click()
    page.get_by_role("button", name="Start game").click()
    expect(page.get_by_role("button", name="Open turn 1")).to_be_visible(timeout=SLOW_MS)
    match = re.search(r"game=([\w-]+)", page.url)
    assert match, page.url
    assert "key=" not in page.url  # a game on the projector never shows the key
    return match.group(1)


def turn_chip(page: Page):
    return page.get_by_test_id("turn")


def expect_turn(page: Page, turn: int) -> None:
    expect(turn_chip(page)).to_contain_text(f"Turn {turn} of", timeout=SLOW_MS)
    expect(page.locator(".hs-busy")).to_have_count(0, timeout=SLOW_MS)


def step(page: Page, turn_after: int) -> None:
    page.get_by_role("button", name="Step", exact=True).click()
    expect_turn(page, turn_after)
