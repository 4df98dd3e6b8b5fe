"""The scenario editor page: YAML with line numbers, live validation on the offending lines, a
three-turn preview and a download, so a student needs nothing but a browser."""

# ruff: noqa: N802 (Solara components are named like classes, as Solara's own are)

from __future__ import annotations

from collections.abc import Callable
from html import escape
from typing import Any

import solara

from ..api import simulate
from ..results import summary
from ..scenario import Problem, Scenario, shipped_dir, shipped_scenarios
from . import config
from .components.setup import ProblemList, default_scenario_name
from .components.widgets import CodeEditor, FileText
from .html import CSS
from .rooms import REGISTRY
from .session import GameSession, GameSetup
from .validation import error_lines, safe_name, validate_text

PREVIEW_TURNS = 3


def shipped_text(name: str) -> str:
    """A shipped scenario's YAML as written (comments and all), to start from."""
    return (shipped_dir() / f"{name}.yaml").read_text(encoding="utf-8")


def preview(scenario: Scenario, turns: int = PREVIEW_TURNS) -> dict[str, Any]:
    """Play a few turns with the computer on every side and sum them up."""
    result = simulate(scenario, turns=min(turns, scenario.calendar.turns))
    return summary(result.model)


def preview_html(s: dict[str, Any]) -> str:
    """The preview's summary as a short table."""
    al = s["alliance"]
    rows = [
        ("Turns", f"{s['turns_played']} ({s['start']} to {s['end']})"),
        ("Alliance cohesion", f"{al['cohesion_start']:.0%} → {al['cohesion_end']:.0%}"),
        ("Escalation", f"highest level {al['escalation_level_max']}, now '{al['escalation_end']}'"),
        ("Gas storage", f"{al['storage_fill_end']:.0%} at the end"),
        ("Measures adopted", ", ".join(al["measures_adopted"]) or "none"),
        ("Events", ", ".join(f"{k}: {v}" for k, v in sorted(s["events"].items()))),
    ]
    rows += [
        (
            f"{adv}",
            f"{v['moves']} moves, {v['successes']} succeeded, {v['detected']} detected, "
            f"{v['attributed']} attributed, {v['lessons_learnt']} lessons learnt",
        )
        for adv, v in s["adversaries"].items()
    ]
    if s["top_successful_moves"]:
        rows.append(
            (
                "Moves that worked",
                ", ".join(f"{m['move']} ×{m['count']}" for m in s["top_successful_moves"]),
            )
        )
    body = "".join(f"<tr><th>{escape(k)}</th><td>{escape(v)}</td></tr>" for k, v in rows)
    return f"<table class='hs-table hs-preview'>{body}</table>"


@solara.component
def EditorPage() -> Any:
    """Route '/editor'."""
    solara.Style(CSS)
    solara.Title("hybridsim — scenario editor")
    router = solara.use_router()
    start = default_scenario_name(config.scenario_choice()[0])
    base, set_base = solara.use_state(start)
    initial = solara.use_memo(lambda: shipped_text(start) if start else "", [])
    text, set_text = solara.use_state(initial)
    name, set_name = solara.use_state(f"my_{start or 'scenario'}.yaml")
    result, set_result = solara.use_state(None)  # type: ignore[var-annotated]
    goto, set_goto = solara.use_state(0)
    scenario, problems = solara.use_memo(lambda: validate_text(text, name), [text, name])

    def load_base(value: str) -> None:
        set_base(value)
        set_text(shipped_text(value))
        set_name(f"my_{value}.yaml")
        set_result(None)

    def uploaded(file_name: str, content: str) -> None:
        set_name(safe_name(file_name))
        set_text(content)
        set_result(None)

    def edited(value: str) -> None:
        set_text(value)
        set_result(None)  # a preview of the old text would mislead

    def run_preview() -> None:
        if scenario is not None:
            set_result(preview(scenario))

    with solara.Column(classes=["hs-root", "hs-editor-page"], gap="6px"):
        solara.HTML(tag="h2", unsafe_innerHTML="Scenario editor")
        _file_bar(base, load_base, uploaded, name, lambda v: set_name(safe_name(v)))
        with solara.Columns([3, 2]):
            with solara.Column():
                CodeEditor(
                    text,
                    on_value=edited,
                    errors=error_lines(problems),
                    height="560px",
                    goto=goto,
                    on_goto=set_goto,
                )
            with solara.Column(classes=["hs-validation"]):
                _validation(scenario, problems, set_goto)
                _actions(
                    text, name, scenario is not None, run_preview, lambda: _play(scenario, router)
                )
                if result is not None:
                    solara.HTML(
                        tag="h3",
                        unsafe_innerHTML=f"Preview: {PREVIEW_TURNS} turns, "
                        "the computer playing every actor",
                    )
                    solara.HTML(unsafe_innerHTML=preview_html(result))


def _play(scenario: Scenario | None, router: Any) -> None:
    """Start a game of the edited scenario, as written, and open it."""
    if scenario is None:
        return
    setup = GameSetup(scenario, scenario.seed, scenario.calendar.turns)
    session = REGISTRY.add(GameSession.new(setup, config.get_store()))
    router.push(f"/?game={session.id}")


def _actions(
    text: str,
    name: str,
    valid: bool,
    run_preview: Callable[[], None],
    play: Callable[[], None],
) -> None:
    """Preview a few turns, download the file, or play it (preview and play need it valid)."""
    with solara.Row(style={"gap": "8px", "flex-wrap": "wrap"}):
        solara.Button(
            f"Preview {PREVIEW_TURNS} turns",
            on_click=run_preview,
            disabled=not valid,
            color="primary",
            icon_name="mdi-eye-outline",
        )
        solara.FileDownload(text, filename=name, label="Download", mime_type="application/x-yaml")
        solara.Button(
            "Play it", on_click=play, disabled=not valid, outlined=True, icon_name="mdi-play"
        )


def _file_bar(
    base: str,
    load_base: Callable[[str], None],
    uploaded: Callable[[str, str], None],
    name: str,
    set_name: Callable[[str], None],
) -> None:
    """Where the text comes from (a shipped scenario or a file) and the name it is saved under."""
    with solara.Row(style={"align-items": "center", "gap": "10px", "flex-wrap": "wrap"}):
        solara.Select(
            label="Start from",
            values=shipped_scenarios(),
            value=base,
            on_value=load_base,
            style={"max-width": "220px"},
        )
        FileText("Open a YAML file…", on_file=uploaded, accept=".yaml,.yml", testid="editor-upload")
        solara.InputText("File name", value=name, on_value=set_name, style={"max-width": "260px"})


def _validation(
    scenario: Scenario | None, problems: list[Problem], set_goto: Callable[[int], None]
) -> None:
    """Valid or how many errors, the problems, and a button to each error's line."""
    errors = [p for p in problems if p.severity == "error"]
    if errors:
        solara.Error(
            f"{len(errors)} error{'s' if len(errors) != 1 else ''}: the lines are marked in red",
            classes=["hs-invalid"],
        )
    elif scenario is not None:
        solara.Success(f"Valid: '{scenario.title}'", classes=["hs-valid"])
    ProblemList(problems)
    lines = error_lines(problems)[:12]
    if lines:
        with solara.Row(style={"gap": "2px", "flex-wrap": "wrap", "align-items": "center"}):
            solara.Text("Go to:")
            for n in lines:
                solara.Button(
                    f"line {n}",
                    on_click=lambda n=n: set_goto(n),
                    text=True,
                    density="compact",
                    classes=["hs-goto"],
                )
