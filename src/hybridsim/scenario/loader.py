"""YAML file -> validated, frozen Scenario, with every problem pointing at a file and line."""

from __future__ import annotations

import difflib
import types
import typing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from .errors import Problem, ScenarioError
from .schema import Scenario
from .semantic import check_semantics
from .yamlsafe import Locations, Path_, dotted, read_yaml

SCENARIO_SUFFIXES = (".yaml", ".yml")


def shipped_dir() -> Path:
    """The folder of scenarios shipped with hybridsim (the repository's scenarios/)."""
    return Path(__file__).resolve().parents[3] / "scenarios"


def shipped_scenarios() -> list[str]:
    """Names of the shipped scenarios (every top-level YAML file except the toolkit)."""
    folder = shipped_dir()
    return sorted(p.stem for p in folder.glob("*.yaml") if p.is_file() and p.stem != "toolkit")


def resolve_path(name_or_path: str | Path) -> Path:
    """A path as given, or the shipped scenario of that name (``baseline`` -> scenarios/...)."""
    path = Path(name_or_path)
    if path.exists() or path.suffix in SCENARIO_SUFFIXES or len(path.parts) > 1:
        return path
    candidate = shipped_dir() / f"{name_or_path}.yaml"
    if candidate.exists():
        return candidate
    known = shipped_scenarios()
    close = difflib.get_close_matches(str(name_or_path), known, n=1)
    hint = f"did you mean '{close[0]}'?" if close else f"shipped: {', '.join(known)}"
    raise ScenarioError(
        [Problem(str(name_or_path), None, None, "", "no such file or shipped scenario", hint)]
    )


@dataclass
class LoadedScenario:
    """A scenario together with the warnings found and the file it came from."""

    scenario: Scenario
    path: Path
    warnings: list[Problem] = field(default_factory=list)


def load_scenario(name_or_path: str | Path) -> Scenario:
    """Load and validate a scenario; raise ScenarioError listing every problem."""
    return load(name_or_path).scenario


def load(name_or_path: str | Path) -> LoadedScenario:
    path = resolve_path(name_or_path)
    data, locations = read_yaml(path, str(name_or_path) if not path.exists() else str(path))
    return validate_data(data, locations, path)


def validate_data(data: Any, locations: Locations, path: Path) -> LoadedScenario:
    """Validate already-read data (used by the loader and by the in-app editor)."""
    name = str(path)
    if not isinstance(data, dict):
        raise ScenarioError([Problem(name, 1, 1, "", "a scenario must be a mapping of fields")])
    data = dict(data)
    if isinstance(data.get("toolkit"), str):
        data["toolkit"] = _include(path, data["toolkit"], locations, ("toolkit",))
    try:
        scenario = Scenario.model_validate(data)
    except ValidationError as exc:
        raise ScenarioError(_problems_from_pydantic(exc, data, locations, name)) from None
    problems = check_semantics(scenario)
    located = [_locate(p, locations, name) for p in problems]
    errors = [p for p in located if p.severity == "error"]
    if errors:
        raise ScenarioError(errors)
    return LoadedScenario(scenario, path, [p for p in located if p.severity != "error"])


def _include(owner: Path, relative: str, locations: Locations, prefix: Path_) -> Any:
    """Read a file the scenario refers to, refusing anything outside the scenario's folder."""
    root = owner.resolve().parent
    target = (root / relative).resolve()
    loc = locations.nearest(prefix)
    if not target.is_relative_to(root):
        raise ScenarioError(
            [
                Problem(
                    str(owner),
                    loc.line if loc else None,
                    loc.column if loc else None,
                    dotted(prefix),
                    f"'{relative}' is outside the scenario's folder",
                    "keep included files next to the scenario or below it",
                )
            ]
        )
    included, included_locations = read_yaml(target, str(owner.parent / relative))
    for sub_path, where in included_locations.items():
        locations[(*prefix, *sub_path)] = where
    return included


# --------------------------------------------------------------------------------------------
# Turning pydantic's errors into messages for people
# --------------------------------------------------------------------------------------------
def _problems_from_pydantic(
    exc: ValidationError, data: Any, locations: Locations, name: str
) -> list[Problem]:
    problems: list[Problem] = []
    seen: set[tuple[str, str]] = set()
    for error in exc.errors(include_url=False):
        path = _data_path(error["loc"], data)
        message, suggestion = _describe(error, path)
        key = (dotted(path), message)
        if key in seen:
            continue
        seen.add(key)
        where = locations.nearest(path)
        problems.append(
            Problem(
                where.file if where else name,
                where.line if where else None,
                where.column if where else None,
                dotted(path),
                message,
                suggestion,
            )
        )
    return problems


def _data_path(loc: tuple[Any, ...], data: Any) -> Path_:
    """Keep only the parts of pydantic's location that exist in the data (drops union tags)."""
    path: list[str | int] = []
    node = data
    for part in loc:
        if (isinstance(node, dict) and part in node) or (
            isinstance(node, list) and isinstance(part, int) and part < len(node)
        ):
            path.append(part)
            node = node[part]
        elif isinstance(node, dict) and isinstance(part, str) and part not in node:
            # An unknown or missing key: keep it so the message names it.
            path.append(part)
            node = None
    return tuple(path)


def _describe(error: dict[str, Any], path: Path_) -> tuple[str, str]:
    kind = error["type"]
    if kind == "extra_forbidden":
        allowed = _allowed_keys(path[:-1])
        close = difflib.get_close_matches(str(path[-1]), allowed, n=1, cutoff=0.6)
        hint = f"did you mean '{close[0]}'?" if close else f"allowed: {', '.join(allowed)}"
        return f"unknown field '{path[-1]}'", hint
    if kind == "missing":
        return "this field is required", ""
    message = error["msg"]
    message = message[0].lower() + message[1:]
    if message.startswith("value error, "):
        message = message[len("value error, ") :]
    got = error.get("input")
    if kind != "model_type" and not isinstance(got, dict | list):
        message += f" (got {got!r})"
    return message, ""


def _allowed_keys(path: Path_) -> list[str]:
    model = _model_at(Scenario, path)
    return list(model.model_fields) if model else []


def _model_at(annotation: Any, path: Path_) -> type[BaseModel] | None:
    """Walk the schema along a data path to find the record class that holds it."""
    current: Any = annotation
    for part in path:
        current = _unwrap(current)
        if isinstance(current, type) and issubclass(current, BaseModel):
            if not isinstance(part, str) or part not in current.model_fields:
                return None
            current = current.model_fields[part].annotation
        elif typing.get_origin(current) is list:
            current = typing.get_args(current)[0]
        elif typing.get_origin(current) is dict:
            current = typing.get_args(current)[1]
        else:
            return None
    current = _unwrap(current)
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def _unwrap(annotation: Any) -> Any:
    """Strip Optional/Annotated wrappers, preferring the record or container inside a union."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _unwrap(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        for arg in args:
            inner = _unwrap(arg)
            if (isinstance(inner, type) and issubclass(inner, BaseModel)) or typing.get_origin(
                inner
            ) in (list, dict):
                return inner
        return args[0] if args else annotation
    return annotation


def _locate(problem: Problem, locations: Locations, name: str) -> Problem:
    """Fill in file and line for a semantic problem from its field path."""
    path = _parse_dotted(problem.path)
    where = locations.nearest(path)
    return Problem(
        where.file if where else name,
        where.line if where else None,
        where.column if where else None,
        problem.path,
        problem.message,
        problem.suggestion,
        problem.severity,
    )


def _parse_dotted(text: str) -> Path_:
    parts: list[str | int] = []
    for chunk in text.replace("[", ".[").split("."):
        if not chunk:
            continue
        if chunk.startswith("[") and chunk.endswith("]"):
            parts.append(int(chunk[1:-1]))
        else:
            parts.append(chunk)
    return tuple(parts)
