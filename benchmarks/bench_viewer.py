"""Click-to-updated-page latency of the viewer for one turn of the baseline, in real Chromium.

What a facilitator feels: from the click on "Step" (the computer plays a whole turn) until the
page shows the new turn with its outcome brief and the busy banner has gone. Measured inside the
page with ``performance.now()``: a capturing click listener stamps the click, a MutationObserver
stamps the first DOM change at which the turn chip shows the next turn and no busy banner is left.
The server runs as a facilitator would run it (``solara run``, production mode, offline).

For comparison, the same turn in-process (``GameSession.step`` plus building the page's view), so
the share of the time spent outside the model (Solara, the websocket, the browser) is visible.

    python benchmarks/bench_viewer.py [--samples 40] [--scenario baseline]

Writes results/viewer.json. Not a timed test: absolute times vary between machines and runs.
"""

from __future__ import annotations

import argparse
import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

import numpy as np

from benchutil import machine, write

CHROMIUM = "/usr/bin/chromium"
KEY = "bench-key"
TARGET_P95_MS = 300.0

INSTRUMENT = """
() => {
  window.__lat = []; window.__t0 = null;
  const chip = () => document.querySelector('[data-testid=turn]');
  window.__last = chip() ? chip().textContent : '';
  document.addEventListener('click', (e) => {
    const b = e.target.closest('button');
    if (b && b.classList.contains('hs-step')) {
      window.__t0 = performance.now();
    }
  }, true);
  new MutationObserver(() => {
    const c = chip();
    if (!c || window.__t0 === null) return;
    if (c.textContent !== window.__last && !document.querySelector('.hs-busy')) {
      window.__lat.push(performance.now() - window.__t0);
      window.__last = c.textContent; window.__t0 = null;
    }
  }).observe(document.body, {subtree: true, childList: true, characterData: true,
                             attributes: true});
}
"""


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _start_server(db: Path, scenario: str, log: Path) -> tuple[subprocess.Popen, str]:
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if k != "PYTEST_CURRENT_TEST"}
    env.update({
        "HYBRIDSIM_DB": str(db), "HYBRIDSIM_FACILITATOR_KEY": KEY,
        "HYBRIDSIM_SCENARIO": scenario, "SOLARA_TELEMETRY_MIXPANEL_ENABLE": "False",
        "SOLARA_ASSETS_CDN": "http://127.0.0.1:9/", "NO_PROXY": "127.0.0.1,localhost",
    })  # fmt: skip
    cmd = [
        sys.executable,
        "-m",
        "solara",
        "run",
        "hybridsim.app.main",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--production",
        "--no-open",
        "--no-check-version",
    ]
    with open(log, "wb") as out:
        proc = subprocess.Popen(
            cmd, stdout=out, stderr=subprocess.STDOUT, env=env, start_new_session=True
        )
    url = f"http://127.0.0.1:{port}"
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    deadline = time.monotonic() + 90
    while True:
        try:
            with opener.open(url + "/", timeout=2):
                return proc, url
        except (urllib.error.URLError, OSError):
            if proc.poll() is not None or time.monotonic() > deadline:
                raise SystemExit(f"server did not start:\n{log.read_text()[-2000:]}") from None
            time.sleep(0.3)


def browser_latencies(url: str, samples: int, tab: str = "Turn") -> tuple[list[float], int]:
    """Click Step ``samples`` times (resetting when the game ends); latencies in ms."""
    from playwright.sync_api import expect, sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--no-first-run"])  # fmt: skip
        page = browser.new_page(viewport={"width": 1280, "height": 720})
        page.set_default_timeout(60_000)
        expect.set_options(timeout=60_000)
        page.goto(f"{url}/?key={KEY}")
        page.get_by_role("button", name="Start game").click()
        expect(page.get_by_role("button", name="Open turn 1")).to_be_visible()
        page.get_by_role("tab", name=tab).click()
        page.evaluate(INSTRUMENT)
        resets = 0
        while page.evaluate("window.__lat.length") < samples:
            done = page.evaluate("window.__lat.length")
            chip = page.get_by_test_id("turn").inner_text()
            turn, total = (int(x) for x in re.findall(r"\d+", chip)[:2])
            if turn >= min(total, 20) or page.get_by_role("button", name="Step").is_disabled():
                page.get_by_role("button", name="Reset").click()
                page.get_by_role("button", name="Yes, reset").click()
                expect(page.get_by_test_id("turn")).to_contain_text("Turn 0 of")
                page.evaluate(
                    "window.__last = document.querySelector('[data-testid=turn]').textContent"
                )
                resets += 1
                continue
            page.get_by_role("button", name="Step", exact=True).click()
            page.wait_for_function(f"window.__lat.length > {done}")
            time.sleep(0.2)  # let late re-renders settle before the next click
        latencies = page.evaluate("window.__lat")
        browser.close()
    return [float(x) for x in latencies[:samples]], resets


def in_process_ms(scenario: str, samples: int) -> list[float]:
    """The same turns without the browser: session step plus the page's view."""
    from hybridsim.app.session import GameSession, GameSetup
    from hybridsim.app.views import view_of
    from hybridsim.scenario import load_scenario

    sc = load_scenario(scenario)
    out: list[float] = []
    game = GameSession.new(GameSetup(sc, sc.seed, sc.calendar.turns))
    while len(out) < samples:
        if game.model.turn >= 20 or not game.model.running:
            game.reset()
        start = time.perf_counter()
        game.step()
        view_of(game, "white")
        out.append((time.perf_counter() - start) * 1000)
    return out


def summary(values: list[float]) -> dict[str, float]:
    return {
        "median_ms": round(statistics.median(values), 1),
        "p95_ms": round(float(np.percentile(values, 95)), 1),
        "min_ms": round(min(values), 1),
        "max_ms": round(max(values), 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--samples", type=int, default=40)
    parser.add_argument("--scenario", default="baseline")
    parser.add_argument("--tab", default="Turn", help="the tab shown while stepping")
    args = parser.parse_args()
    if not Path(CHROMIUM).exists():
        raise SystemExit(f"{CHROMIUM} is missing (apt-get install chromium)")
    with tempfile.TemporaryDirectory(prefix="bench-viewer-") as tmp:
        proc, url = _start_server(
            Path(tmp) / "games.sqlite", args.scenario, Path(tmp) / "server.log"
        )
        try:
            clicks, resets = browser_latencies(url, args.samples, args.tab)
        finally:
            proc.terminate()
            proc.wait(timeout=20)
    model = in_process_ms(args.scenario, args.samples)
    browser, inside = summary(clicks), summary(model)
    result = {
        "what": "click on Step to the page showing the next turn's outcome brief (Chromium)",
        "scenario": args.scenario,
        "samples": len(clicks),
        "game_resets": resets,
        "browser": browser,
        "in_process_step_and_view": inside,
        "share_in_process_median": round(inside["median_ms"] / browser["median_ms"], 2),
        "target_p95_ms": TARGET_P95_MS,
        "meets_target": browser["p95_ms"] <= TARGET_P95_MS,
        "latencies_ms": [round(x, 1) for x in clicks],
        "load_average_1min_at_end": machine()["load_average_1min_at_start"],
    }
    write("viewer", result)
    print(
        f"click-to-updated-page: median {browser['median_ms']} ms, "
        f"p95 {browser['p95_ms']} ms over {len(clicks)} turns "
        f"(in-process step + view: median {inside['median_ms']} ms)"
    )


if __name__ == "__main__":
    main()
