"""Real-browser harness for the Solara viewer: Debian's Chromium driven by Playwright.

Only a real browser shows what a page fetches, and the viewer has to work on networks with no
internet, so these fixtures serve a page with ``solara run``, load it in Chromium and record every
request:

- ``chromium_browser`` (session): Chromium, or a skip when /usr/bin/chromium is absent.
- ``solara_server`` (module): ``solara_server(path_or_module, env=None) -> base URL``; one server
  per distinct target and env in a module, stopped after the module's tests.
- ``page_recorder``: a fresh browser context and page recording requests, HTTP errors and the
  console; ``page_recorder.assert_offline()`` checks the page stayed on this machine.
- ``assert_offline``: the host check on its own, for a list of URLs.
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from hybridsim.app import assets

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1"}
IGNORED_SCHEMES = {"data", "blob", "about", "chrome-extension", "chrome", "devtools"}
CDN_PATH = "/_solara/cdn/"
SERVER_START_TIMEOUT_S = 60.0
# First paint takes 2-3 s here; a front-end file missing from the cache takes Solara's proxy 7 s of
# retries before it answers 404, so waits must outlast that for the 404 to reach the report.
EXPECT_TIMEOUT_MS = 20_000


def non_local_requests(urls: list[str]) -> list[str]:
    """The URLs that would leave this machine (in-page schemes such as data: and blob: stay)."""
    leaving = []
    for url in urls:
        parts = urlsplit(url)
        if parts.scheme in IGNORED_SCHEMES:
            continue
        if (parts.hostname or "") not in LOCAL_HOSTS:
            leaving.append(url)
    return leaving


def _assert_offline(requests: list[str]) -> None:
    leaving = non_local_requests(requests)
    assert not leaving, (
        f"{len(leaving)} request(s) left the machine (the viewer must work with no internet):\n"
        + "\n".join(f"  {u}" for u in leaving)
    )


@pytest.fixture
def assert_offline() -> Callable[[list[str]], None]:
    """Fails listing every request whose host is not 127.0.0.1/localhost."""
    return _assert_offline


# --- the browser -------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def chromium_browser() -> Iterator[object]:
    """Debian's Chromium: Playwright's own browser download needs the internet, which CI lacks."""
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is absent; install Debian's package: apt-get install -y chromium")
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright (pip) not installed")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        sync_api.expect.set_options(timeout=EXPECT_TIMEOUT_MS)
        yield browser
        browser.close()


@dataclass
class PageRecorder:
    """A page and what it did: every request URL, HTTP errors and console messages."""

    page: object
    requests: list[str] = field(default_factory=list)
    http_errors: list[str] = field(default_factory=list)
    console: list[str] = field(default_factory=list)
    pending: dict[int, str] = field(default_factory=dict)
    """Requests still waiting for an answer, by id of the request object."""
    screenshot_path: Path | None = None
    """Where a failing test's screenshot goes."""

    def assert_offline(self) -> None:
        """No request left the machine, and every front-end file came from Solara's local cache.

        A cache miss is a 404 under /_solara/cdn/ (the test server's upstream CDN is a dead local
        port), so this also catches a page that would only work with internet.
        """
        _assert_offline(self.requests)
        cdn_errors = [e for e in self.http_errors if CDN_PATH in e]
        assert not cdn_errors, (
            "front-end files missing from Solara's cache (run: python -m hybridsim.app.assets "
            "provision, and add the folder to hybridsim.app.assets.ASSETS if it is new):\n"
            + "\n".join(f"  {e}" for e in cdn_errors)
        )

    def summary(self) -> str:
        """What went wrong in the page, for a failing test's report."""
        errors = [m for m in self.console if m.startswith(("error", "warning"))]
        lines = ["HTTP errors and failed requests:", *(f"  {e}" for e in self.http_errors)]
        lines += ["console errors and warnings:", *(f"  {m}" for m in errors)]
        lines += ["requests still pending:", *(f"  {u}" for u in self.pending.values())]
        lines += ["requests leaving the machine:"]
        lines += [f"  {u}" for u in non_local_requests(self.requests)]
        return "\n".join(lines)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    """A failing browser test also shows what the page fetched wrongly and logged, which usually
    explains a 'not visible' timeout (e.g. a front-end file missing from the cache)."""
    report = yield
    recorder = getattr(item, "funcargs", {}).get("page_recorder")
    if report.when == "call" and report.failed and isinstance(recorder, PageRecorder):
        shot = recorder.screenshot_path
        if shot is not None:
            with contextlib.suppress(Exception):  # a crashed page must not hide the real error
                recorder.page.screenshot(path=str(shot), full_page=True)
        report.sections.append(("browser page", f"screenshot: {shot}\n{recorder.summary()}"))
    return report


@pytest.fixture
def page_recorder(chromium_browser, tmp_path) -> Iterator[PageRecorder]:
    """A fresh context (no shared cache or cookies) so each test sees a first visit."""
    context = chromium_browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(EXPECT_TIMEOUT_MS)
    recorder = PageRecorder(page=page, screenshot_path=tmp_path / "page.png")

    def on_request(request) -> None:
        recorder.requests.append(request.url)
        recorder.pending[id(request)] = request.url

    context.on("request", on_request)
    context.on("requestfinished", lambda r: recorder.pending.pop(id(r), None))
    page.on("websocket", lambda ws: recorder.requests.append(ws.url))
    context.on(
        "response",
        lambda r: r.status >= 400 and recorder.http_errors.append(f"{r.status} {r.url}"),
    )

    def on_failed(request) -> None:
        recorder.pending.pop(id(request), None)
        recorder.http_errors.append(f"{request.failure} {request.url}")

    context.on("requestfailed", on_failed)
    page.on("console", lambda msg: recorder.console.append(f"{msg.type}: {msg.text}"))
    yield recorder
    context.close()


# --- the Solara server -------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _answers(url: str) -> bool:
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # never via a proxy
    try:
        with opener.open(url, timeout=2) as response:
            return response.status == 200
    except (urllib.error.URLError, OSError):
        return False


def _signal(process: subprocess.Popen, sig: signal.Signals) -> None:
    with contextlib.suppress(ProcessLookupError):
        if os.name == "posix":
            os.killpg(process.pid, sig)  # the server leads its own process group
        else:
            process.send_signal(sig)


def _stop(process: subprocess.Popen) -> None:
    """Stop the server and anything it started; kill it if it ignores SIGTERM for 10 s."""
    if process.poll() is not None:
        return
    _signal(process, signal.SIGTERM)
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        _signal(process, signal.SIGKILL if os.name == "posix" else signal.SIGTERM)
        process.wait(timeout=10)


def _server_env(extra: Mapping[str, str] | None) -> dict[str, str]:
    # Solara hides its call-home checks under pytest; the server should behave as for a user.
    env = {k: v for k, v in os.environ.items() if k != "PYTEST_CURRENT_TEST"}
    no_proxy = ",".join(filter(None, [env.get("NO_PROXY", ""), "127.0.0.1,localhost"]))
    env.update(
        {
            # Solara would otherwise report usage to its telemetry service.
            "SOLARA_TELEMETRY_MIXPANEL_ENABLE": "False",
            # A cache miss must fail visibly (404) rather than reach the internet: point the
            # proxy's upstream at the local discard port, where nothing listens.
            "SOLARA_ASSETS_CDN": "http://127.0.0.1:9/",
            "NO_PROXY": no_proxy,
            "no_proxy": no_proxy,
        }
    )
    env.update(extra or {})
    return env


@pytest.fixture(scope="module")
def solara_server(tmp_path_factory) -> Iterator[Callable[..., str]]:
    """Factory: ``solara_server(path_or_module, env=None)`` serves an app, returns its base URL.

    Production mode (no auto-restart, no file watching, no call-home iframe), no browser opened,
    no version check against the package index. Servers stop when the module's tests are done.
    """
    started: dict[tuple[str, tuple[tuple[str, str], ...]], str] = {}
    processes: list[subprocess.Popen] = []

    def start(target: str | os.PathLike[str], env: Mapping[str, str] | None = None) -> str:
        target_arg = str(Path(target).resolve()) if Path(target).exists() else str(target)
        key = (target_arg, tuple(sorted((env or {}).items())))
        if key in started:
            return started[key]
        server_env = _server_env(env)
        cache = server_env.get("SOLARA_ASSETS_PROXY_CACHE_DIR")
        absent = assets.missing(cache)
        if absent:
            pytest.fail(assets.missing_message(absent, cache), pytrace=False)
        port = _free_port()
        workdir = tmp_path_factory.mktemp("solara-server")
        log_path = workdir / "server.log"
        cmd = [
            sys.executable, "-m", "solara", "run", target_arg,
            "--host", "127.0.0.1", "--port", str(port),
            "--production", "--no-open", "--no-check-version",
        ]  # fmt: skip
        with open(log_path, "wb") as log:
            process = subprocess.Popen(
                cmd,
                cwd=workdir,
                env=server_env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        processes.append(process)
        base_url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + SERVER_START_TIMEOUT_S
        while not _answers(base_url + "/"):
            if process.poll() is not None or time.monotonic() > deadline:
                _stop(process)
                tail = log_path.read_text(errors="replace")[-3000:]
                pytest.fail(f"solara server for {target_arg} did not start:\n{tail}")
            time.sleep(0.2)
        started[key] = base_url
        return base_url

    yield start
    for process in processes:
        _stop(process)
