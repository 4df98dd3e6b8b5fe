"""Set-up: a shipped scenario or an uploaded YAML file, seed, turns, and who plays each actor."""

# ruff: noqa: N802 (Solara components are named like classes, as Solara's own are)

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import solara

from ...scenario import Problem, Scenario, load_scenario, shipped_scenarios
from ..session import GameSetup, scenario_humans
from ..validation import validate_text
from .widgets import FileText

HUMAN, COMPUTER = "human", "computer"


@functools.lru_cache(maxsize=16)
def shipped(name: str) -> Scenario:
    """Shipped scenarios are frozen, so one loaded copy serves every page."""
    return load_scenario(name)


def default_scenario_name(preferred: str | None = None) -> str:
    """The scenario the set-up starts on: the one ``hybridsim play`` was given, else baseline."""
    names = shipped_scenarios()
    for candidate in (preferred, "baseline", "tutorial"):
        if candidate and candidate in names:
            return candidate
    return names[0] if names else ""


@solara.component
def ProblemList(problems: list[Problem]) -> Any:
    """Validation problems, each with its line, as the editor and the upload show them."""
    if not problems:
        return
    items = "".join(
        f"<li class='hs-problem hs-{p.severity}' data-line='{p.line or ''}'>"
        f"{'line ' + str(p.line) + ': ' if p.line else ''}{_esc(p.severity)}: "
        f"{_esc(p.path + ': ' if p.path else '')}{_esc(p.message)}"
        f"{' — ' + _esc(p.suggestion) if p.suggestion else ''}</li>"
        for p in problems
    )
    solara.HTML(tag="ul", unsafe_innerHTML=items, classes=["hs-problems"])


def _esc(text: str) -> str:
    from html import escape

    return escape(text)


@solara.component
def SetupPanel(
    on_start: Callable[[GameSetup], None],
    preferred: str | None = None,
    uploaded: Scenario | None = None,
    busy: bool = False,
) -> Any:
    """The facilitator's choices before play; ``on_start`` gets the finished set-up."""
    names = shipped_scenarios()
    source, set_source = solara.use_state("shipped" if uploaded is None else "uploaded")
    name, set_name = solara.use_state(default_scenario_name(preferred))
    upload, problems, upload_name, got_file = _use_upload(uploaded)

    scenario: Scenario | None = upload if source == "uploaded" else shipped(name) if name else None

    choice = _use_choices(scenario)

    def start() -> None:
        if scenario is not None:
            on_start(choice.setup(scenario))

    with solara.Card(title="New game", classes=["hs-setup"]):
        solara.ToggleButtonsSingle(
            value=source,
            values=["shipped", "uploaded"],
            on_value=set_source,
        )
        if source == "shipped":
            solara.Select(label="Scenario", values=names, value=name, on_value=set_name)
        else:
            _upload_box(got_file, upload_name, upload, problems)
        if scenario is not None:
            solara.HTML(  # scenario text is the uploader's: escaped, never rendered as HTML
                tag="p",
                unsafe_innerHTML=f"<b>{_esc(scenario.title)}</b><br>"
                f"{_esc(scenario.description.strip())}",
            )
            _game_options(
                (int(choice.seed), choice.set_seed),
                (int(choice.turns), choice.set_turns),
                (choice.title, choice.set_title),
            )
            _actor_choices(scenario, choice.humans, choice.set_humans)
            solara.Button(
                "Start game",
                on_click=start,
                color="primary",
                disabled=busy,
                icon_name="mdi-play-circle-outline",
                classes=["hs-start"],
            )


def _use_upload(
    uploaded: Scenario | None,
) -> tuple[Scenario | None, list[Problem], str, Callable[[str, str], None]]:
    """The uploaded scenario (None until a valid one), its problems, its file name, and the
    handler that validates a new upload. A hook: call it on every render, unconditionally."""
    upload, set_upload = solara.use_state(uploaded)
    problems, set_problems = solara.use_state([])  # type: ignore[var-annotated]
    upload_name, set_upload_name = solara.use_state("")

    def got_file(file_name: str, text: str) -> None:
        found, found_problems = validate_text(text, file_name)
        set_upload_name(file_name)
        set_problems(found_problems)
        set_upload(found)

    return upload, problems, upload_name, got_file


@dataclass(frozen=True)
class _Choices:
    """The set-up's values for the scenario on show, and their setters."""

    seed: int
    turns: int
    humans: set[str]
    title: str
    set_seed: Callable[[int], None]
    set_turns: Callable[[int], None]
    set_humans: Callable[[list[str]], None]
    set_title: Callable[[str], None]

    def setup(self, scenario: Scenario) -> GameSetup:
        return GameSetup(
            scenario=scenario,
            seed=int(self.seed),
            turns=max(1, int(self.turns)),
            humans=frozenset(self.humans),
            title=self.title.strip(),
        )


def _use_choices(scenario: Scenario | None) -> _Choices:
    """Seed, turns, who plays and title; a new scenario starts from its own defaults. A hook:
    call it on every render, unconditionally."""
    seed, set_seed = solara.use_state(None)  # type: ignore[var-annotated]
    turns, set_turns = solara.use_state(None)  # type: ignore[var-annotated]
    humans, set_humans = solara.use_state(None)  # type: ignore[var-annotated]
    title, set_title = solara.use_state("")
    key = scenario.name if scenario else ""
    chosen_for, set_chosen_for = solara.use_state("")
    if chosen_for != key:  # a new scenario: its own defaults
        seed = turns = humans = None
    default_humans = scenario_humans(scenario) if scenario else []

    def remember(setter: Callable[[Any], None]) -> Callable[[Any], None]:
        def set_value(value: Any) -> None:
            set_chosen_for(key)
            setter(value)

        return set_value

    return _Choices(
        seed=seed if seed is not None else (scenario.seed if scenario else 0),
        turns=turns if turns is not None else (scenario.calendar.turns if scenario else 1),
        humans=set(humans if humans is not None else default_humans),
        title=title,
        set_seed=remember(set_seed),
        set_turns=remember(set_turns),
        set_humans=remember(set_humans),
        set_title=set_title,
    )


def _game_options(
    seed: tuple[int, Callable[[int], None]],
    turns: tuple[int, Callable[[int], None]],
    title: tuple[str, Callable[[str], None]],
) -> None:
    """Seed, number of turns and title, each a (value, setter) pair."""
    with solara.Row(style={"gap": "12px", "flex-wrap": "wrap"}):
        solara.InputInt("Seed", value=seed[0], on_value=seed[1], continuous_update=True)
        solara.InputInt("Turns", value=turns[0], on_value=turns[1], continuous_update=True)
        solara.InputText("Title (optional)", value=title[0], on_value=title[1])


def _upload_box(
    on_file: Callable[[str, str], None],
    upload_name: str,
    upload: Scenario | None,
    problems: list[Problem],
) -> None:
    """The upload button, whether the file is valid, and its problems."""
    FileText(
        "Upload a scenario (YAML)…",
        on_file=on_file,
        accept=".yaml,.yml",
        testid="scenario-upload",
    )
    if upload_name and upload is None:
        solara.Error(f"{upload_name} has problems; fix them and upload it again:")
    elif upload is not None:
        solara.Success(f"{upload_name or 'upload'}: '{upload.title}' is valid.")
    ProblemList(problems)


def _actor_choices(
    scenario: Scenario,
    human_set: set[str],
    set_humans: Callable[[list[str]], None],
) -> None:
    """Who plays each actor: a switch per actor, and buttons for a whole side."""

    def toggle(actor: str, value: str) -> None:
        set_humans(sorted(human_set | {actor} if value == HUMAN else human_set - {actor}))

    solara.HTML(tag="h3", unsafe_innerHTML="Who plays each actor")
    actors = [(a.id, a.name, "red") for a in scenario.adversaries]
    actors += [(s.id, s.name, "blue") for s in scenario.states]
    red = [a for a, _n, side in actors if side == "red"]
    blue = [a for a, _n, side in actors if side == "blue"]
    with solara.Row(style={"gap": "6px", "flex-wrap": "wrap"}):
        solara.Button(
            "Red by people",
            on_click=lambda: set_humans(sorted(set(red) | (human_set - set(blue)))),
            text=True,
        )
        solara.Button(
            "Blue by people",
            on_click=lambda: set_humans(sorted(set(blue) | (human_set - set(red)))),
            text=True,
        )
        solara.Button("All by the computer", on_click=lambda: set_humans([]), text=True)
    with solara.Div(classes=["hs-actors"]):
        for actor, actor_name, side in actors:
            with solara.Row(
                style={
                    "align-items": "center",
                    "gap": "6px",
                    "justify-content": "space-between",
                },
                classes=[f"hs-actor-{actor}"],
            ):
                solara.HTML(
                    tag="span",
                    unsafe_innerHTML=f"<span class='hs-chip hs-{side}'>{side}</span>"
                    f"<b>{_esc(actor_name)}</b> ({_esc(actor)})",
                    style="font-size: .9rem;",
                )
                solara.ToggleButtonsSingle(
                    value=HUMAN if actor in human_set else COMPUTER,
                    values=[COMPUTER, HUMAN],
                    on_value=lambda value, actor=actor: toggle(actor, value),
                    dense=True,
                )
