"""The viewer's front end renders and reacts with no internet: every file comes from 127.0.0.1.

Facilitators run exercises on air-gapped networks; a page that quietly needs a CDN is blank there.
"""

from pathlib import Path

import pytest
from playwright.sync_api import expect

PAGE = Path(__file__).parent / "pages" / "shell_page.py"
TITLE = "hybridsim offline shell"


@pytest.fixture(scope="module")
def shell_url(solara_server) -> str:
    return solara_server(PAGE)


@pytest.mark.browser
def test_shell_renders_reacts_and_stays_offline(shell_url, page_recorder):
    page = page_recorder.page
    page.goto(shell_url + "/")

    expect(page).to_have_title(TITLE)
    expect(page.get_by_role("heading", name="Offline shell")).to_be_visible()
    page.get_by_role("button", name="Clicked 0 times").click()
    expect(page.get_by_role("button", name="Clicked 1 times")).to_be_visible()
    expect(page.get_by_text("Lithuania")).to_be_visible()  # the DataFrame
    expect(page.locator(".katex").first).to_be_visible()  # Markdown maths: KaTeX loaded
    expect(page.locator(".vega-embed canvas, .vega-embed svg").first).to_be_visible()
    page.wait_for_load_state("networkidle")  # late fetches (fonts) count too

    assert any("/_solara/cdn/" in url for url in page_recorder.requests), "no CDN files seen"
    page_recorder.assert_offline()


def test_assert_offline_names_only_foreign_hosts(assert_offline):
    local = [
        "http://127.0.0.1:8765/_solara/cdn/requirejs@2.3.6/require.js",
        "ws://127.0.0.1:8765/jupyter/api/kernels/1/channels",
        "http://localhost:8765/",
        "data:image/png;base64,AAAA",
        "blob:http://127.0.0.1:8765/0b7037dc",
        "about:blank",
    ]
    foreign = [
        "https://cdn.example.org/npm/vega@5/build/vega.min.js",
        "https://127.0.0.1.example.org/x",
    ]
    assert_offline(local)
    with pytest.raises(AssertionError) as failure:
        assert_offline(local + foreign)
    message = str(failure.value)
    assert "2 request(s) left the machine" in message
    assert all(url in message for url in foreign)
    assert not any(url in message for url in local)
