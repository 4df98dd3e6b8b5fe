"""The scenario editor in Chromium: line numbers, an error marked on its own line as you type,
a three-turn preview and a download; nothing fetched from outside the machine."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect
from viewer_steps import PROJECTOR, SLOW_MS, screenshot, server_env

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def viewer_url(solara_server, tmp_path_factory) -> str:
    db = tmp_path_factory.mktemp("viewer-editor") / "games.sqlite"
    return solara_server("hybridsim.app.main", env=server_env(db))


def test_the_editor_flags_an_error_on_its_line_previews_and_downloads(
    viewer_url, page_recorder, tmp_path
):
    page = page_recorder.page
    page.set_viewport_size(PROJECTOR)
    page.goto(f"{viewer_url}/editor")
    area = page.get_by_test_id("yaml-editor")
    expect(area).to_be_visible(timeout=SLOW_MS)
    expect(page.locator(".hs-valid")).to_be_visible(timeout=SLOW_MS)
    text = area.input_value()
    lines = text.splitlines()
    expect(page.locator(".hs-ln")).to_have_count(text.count("\n") + 1, timeout=SLOW_MS)
    line = next(i for i, ln in enumerate(lines) if ln.strip().startswith("turn_days:")) + 1

    lines[line - 1] = lines[line - 1].replace("turn_days", "turn_dayz")
    area.fill("\n".join(lines) + "\n")
    expect(page.locator(".hs-invalid")).to_be_visible(timeout=SLOW_MS)
    expect(page.locator(f".hs-ln-error[data-line='{line}']")).to_be_visible()
    expect(page.locator(".hs-ln-error")).to_have_count(1)
    expect(page.locator(f".hs-mark[data-mark='{line}']")).to_have_count(1)
    problem = page.locator(f".hs-problem[data-line='{line}']")
    expect(problem).to_contain_text(f"line {line}")
    expect(problem).to_contain_text("turn_dayz")
    expect(problem).to_contain_text("turn_days")  # the suggestion says what to write
    expect(page.get_by_role("button", name="Preview 3 turns")).to_be_disabled()
    page.get_by_role("button", name=f"line {line}", exact=True).click()  # jump to the error
    selected = "el => el.value.substring(el.selectionStart, el.selectionEnd)"
    page.wait_for_function(
        f"() => document.querySelector('[data-testid=yaml-editor]').scrollTop > 0 || {line} < 20"
    )
    assert "turn_dayz" in area.evaluate(selected)
    screenshot(page, tmp_path, "editor-error")

    lines[line - 1] = lines[line - 1].replace("turn_dayz", "turn_days")
    fixed = "\n".join(lines) + "\n"
    area.fill(fixed)
    expect(page.locator(".hs-valid")).to_be_visible(timeout=SLOW_MS)
    expect(page.locator(".hs-ln-error")).to_have_count(0)
    page.get_by_role("button", name="Preview 3 turns").click()
    expect(page.locator(".hs-preview")).to_contain_text("Alliance cohesion", timeout=SLOW_MS)
    expect(page.locator(".hs-preview")).to_contain_text("3 (")
    with page.expect_download() as download:
        page.get_by_role("button", name="Download").click()
    assert download.value.path().read_text(encoding="utf-8") == fixed
    page.wait_for_load_state("networkidle")
    page_recorder.assert_offline()
