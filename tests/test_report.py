"""After-action report: self-contained HTML and Markdown with timeline, charts, decisions, rolls
and every override with its reason; also from the command line, from an exported game file."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys

import pytest

from hybridsim.app.session import GameSession, GameSetup
from hybridsim.cli.play import server_command
from hybridsim.report import build_report, render_html, render_markdown

REASON = "the cable repair ship was already on station"


@pytest.fixture(scope="module")
def game(tutorial) -> GameSession:
    game = GameSession.new(GameSetup(tutorial, seed=4, turns=6, humans=frozenset({"RU"})))
    game.open_turn()
    option = game.model.options("RU", all_targets=True)[0]
    game.submit("RU", [option.order])
    game.adjudicate()
    event = next(e for e in game.model.turn_events(1) if e.kind == "move")
    game.override(event.id, not event.rolls[0].result, REASON)
    game.step()
    return game


def test_html_is_self_contained_with_charts_rolls_decisions_and_overrides(game):
    text = render_html(build_report(game.model, game_id=game.id))
    assert text.startswith("<!DOCTYPE html>")
    assert not re.search(r"https?://", text), "no URL at all: it is read with no internet"
    assert not re.search(r"<(script|link|iframe)\b", text)
    sources = re.findall(r"src=['\"]([^'\"]+)", text)
    assert len(sources) >= 4
    assert all(s.startswith("data:image/png;base64,") for s in sources)
    assert REASON in text
    assert "Decisions taken by the players" in text
    assert "Intrusion" in text
    assert "p=0." in text
    assert "dice" in text
    assert "Turn 2" in text
    assert game.id in text


def test_an_override_keeps_its_event_in_the_report(game):
    """The override is recorded under the order's key ("o0"); the report finds the event by it."""
    (override,) = build_report(game.model).overrides
    forced = next(e for e in game.model.turn_events(1) if e.kind == "move")
    assert override.event_id == forced.id
    assert "no longer in the log" not in override.event
    assert override.event.startswith("RU ")
    assert forced.rolls[0].overridden


def test_markdown_has_the_same_sections(game):
    text = render_markdown(build_report(game.model))
    for heading in (
        "## Summary",
        "## Charts",
        "## Decisions taken by the players",
        "## Overrides by the facilitator",
        "## Timeline",
        "### Turn 1",
    ):
        assert heading in text
    assert REASON in text
    assert "(overridden)" in text
    assert "![" in text
    assert "data:image/png;base64," in text
    assert "## Charts" not in render_markdown(build_report(game.model), charts=False)


def test_report_command_from_an_exported_game_file(game, tmp_path):
    game_file = tmp_path / "exercise.hybridsim.json"
    game_file.write_text(game.to_json(), encoding="utf-8")
    exe = [sys.executable, "-m", "hybridsim", "report", str(game_file)]
    html = subprocess.run(exe, capture_output=True, text=True, check=False, timeout=300)
    assert html.returncode == 0, html.stderr
    written = tmp_path / "exercise-report.html"
    assert written.exists()
    assert REASON in written.read_text(encoding="utf-8")
    md = subprocess.run(
        [*exe, "--out", str(tmp_path / "aar.md")],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert md.returncode == 0, md.stderr
    assert (tmp_path / "aar.md").read_text(encoding="utf-8").startswith("# After-action report")
    bad = tmp_path / "bad.json"
    bad.write_text('{"hello": 1}', encoding="utf-8")
    refused = subprocess.run(
        [*exe[:-1], str(bad)], capture_output=True, text=True, check=False, timeout=300
    )
    assert refused.returncode != 0
    assert "not a game file" in refused.stderr
    assert "Traceback" not in refused.stderr


def test_play_command_help_names_its_options():
    out = subprocess.run(
        [sys.executable, "-m", "hybridsim", "play", "--help"],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert out.returncode == 0
    for option in ("--host", "--port", "--db", "--key", "SCENARIO"):
        assert option in out.stdout
    assert "127.0.0.1" in out.stdout  # the default: only this machine can reach the viewer
    command = server_command("127.0.0.1", 8765)
    assert command[1:4] == ["-m", "solara", "run"]
    assert {"--production", "--no-open", "--no-check-version"} <= set(command)


def test_the_report_command_reads_the_turns_taken_back_from_the_game_file(tutorial, tmp_path):
    game = GameSession.new(GameSetup(tutorial, seed=4, turns=6))
    game.step()
    game.step()
    game.undo()
    path = tmp_path / "undo.hybridsim.json"
    path.write_text(game.to_json())
    out = tmp_path / "aar.md"
    subprocess.run(
        [sys.executable, "-m", "hybridsim", "report", str(path), "--out", str(out)],
        check=True,
        capture_output=True,
    )
    assert "- Turn 2 (adjudicated) was taken back by the facilitator" in out.read_text()


@pytest.mark.skipif(
    not any(shutil.which(c) for c in ("chromium", "chromium-browser")), reason="no Chromium"
)
def test_the_report_prints_to_pdf_with_the_local_chromium(game, tmp_path):
    """The same report (map, debrief, hot wash) as PDF, printed offline by Chromium."""
    path = tmp_path / "game.hybridsim.json"
    doc = json.loads(game.to_json())
    doc["exercise"] = {"hotwash": "Players wanted more time.", "notes": {"1": "A note."}}
    path.write_text(json.dumps(doc))
    out = tmp_path / "aar.pdf"
    result = subprocess.run(
        [sys.executable, "-m", "hybridsim", "report", str(path), "--out", str(out)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    data = out.read_bytes()
    assert data.startswith(b"%PDF-")
    assert data.count(b"/Type /Page") >= 3
    assert re.search(rb"/Title \(After-action report: ", data)
    html = render_html(build_report(game.model, exercise=doc["exercise"]))
    assert "Players wanted more time." in html
    assert "<h2>Debrief</h2>" in html
    assert "Map: public trust by state" in html


def test_no_chromium_is_said_in_words(game, tmp_path, monkeypatch):
    from hybridsim.report.pdf import PdfError, html_to_pdf

    monkeypatch.setenv("HYBRIDSIM_CHROMIUM", str(tmp_path / "no-such-browser"))
    with pytest.raises(PdfError, match="cannot start Chromium"):
        html_to_pdf("<html></html>", tmp_path / "x.pdf")
