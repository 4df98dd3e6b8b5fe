"""YAML file -> validated, frozen Scenario, with every problem pointing at a file and line.

Messages are written for a student: where (file:line:column), which field, what was expected
in plain words, and a suggestion (did-you-mean, the allowed range, an example to copy).
"""

from __future__ import annotations

import datetime as dt
import difflib
import enum
import json
import re
import typing
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from .compose import EXTENDS, Sources, leftover_removals, resolve, shipped_dir, shipped_scenarios
from .errors import Problem, ScenarioError
from .introspect import (
    choices,
    describe_type,
    example_of,
    expected_number,
    flow,
    record_at,
    slot_at,
    strip,
)
from .schema import Scenario
from .semantic import check_semantics
from .yamlsafe import Locations, Path_, dotted, parse_yaml, problem_at, read_yaml, undotted

SCENARIO_SUFFIXES = (".yaml", ".yml")
MAX_PROBLEMS = 60  # more than this helps nobody, and would take long to describe
FILE_KEYS = (EXTENDS,)  # keys a file may have that are not fields of the Scenario


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
    """A scenario together with the warnings found and the files it was read from."""

    scenario: Scenario
    path: Path
    warnings: list[Problem] = field(default_factory=list)
    sources: list[Path] = field(default_factory=list)


def load_scenario(name_or_path: str | Path) -> Scenario:
    """Load and validate a scenario; raise ScenarioError listing every problem."""
    return load(name_or_path).scenario


def load(name_or_path: str | Path) -> LoadedScenario:
    """Load a scenario file (or shipped name) with its toolkit and parents; keep the warnings."""
    path = resolve_path(name_or_path)
    display = str(path)
    data, locations = read_yaml(path, display)
    return validate_data(data, locations, path, display=display)


def resolve_file(name_or_path: str | Path) -> tuple[Any, Locations]:
    """The file's data with toolkit and parents merged in, not yet validated (for `show --raw`)."""
    path = resolve_path(name_or_path)
    data, locations = read_yaml(path, str(path))
    return resolve(data, locations, path, Sources(path, str(path)))


def validate_data(
    data: Any, locations: Locations, path: Path, *, display: str | None = None
) -> LoadedScenario:
    """Validate already-read data as if it were the file at ``path``.

    Reads the files it names (toolkit, ``extends`` parents) relative to ``path``'s folder,
    never outside it; raises ScenarioError with every problem found; returns the warnings.
    """
    name = display or str(path)
    if not isinstance(data, dict):
        raise ScenarioError([Problem(name, 1, 1, "", "a scenario must be a mapping of fields")])
    own_keys = set(data)
    if own_keys and own_keys <= {"moves", "responses"}:
        raise ScenarioError(
            [
                Problem(
                    name,
                    1,
                    1,
                    "",
                    "this is a toolkit file (moves and responses), not a scenario",
                    "check a scenario that includes it with 'toolkit: <this file>'",
                )
            ]
        )
    extends_at = locations.get((EXTENDS,))
    sources = Sources(path, name)
    data, locations = resolve(data, locations, path, sources)
    problems = leftover_removals(data, locations, name)
    if problems:
        raise ScenarioError(problems)
    scenario = _validate_model(data, locations, name)
    located = [_locate(p, locations, name) for p in check_semantics(scenario)]
    errors = [p for p in located if p.severity == "error"]
    if errors:
        raise ScenarioError(_capped(_in_reading_order(errors, name), len(errors), name))
    warnings = [p for p in located if p.severity != "error"]
    if EXTENDS in own_keys and "name" not in own_keys:
        where = extends_at
        warnings.insert(
            0,
            Problem(
                where.file if where else name,
                where.line if where else None,
                where.column if where else None,
                "name",
                f"this scenario keeps its parent's name '{scenario.name}'",
                "add 'name: <a name of its own>' so runs and reports can tell them apart",
                "warning",
            ),
        )
    return LoadedScenario(scenario, Path(path), warnings, list(sources.read))


def validate_text(
    text: str, name: str = "scenario.yaml", base_dir: Path | None = None
) -> tuple[Scenario | None, list[Problem]]:
    """Check scenario text as an editor would: the scenario (or None) and every problem found.

    For the in-app editor and notebooks: never raises for bad input. ``name`` is how the text
    is called in messages ("scenario.yaml:12:5: ..."). Files the text names (``toolkit:``,
    ``extends:``) are read from ``base_dir`` (default: the shipped scenarios' folder) and may
    not be outside it. With errors, the scenario is None and the list holds the errors, in
    reading order; without, it holds the warnings. Each problem has file, line and column
    (1-based), the field's path, the message and a suggestion; ``format()`` gives one line.
    """
    folder = Path(base_dir) if base_dir is not None else shipped_dir()
    try:
        if isinstance(text, bytes | bytearray):
            try:
                text = bytes(text).decode("utf-8")
            except UnicodeDecodeError:
                return None, [Problem(name, None, None, "", "the text is not UTF-8")]
        data, locations = parse_yaml(text, name)
        loaded = validate_data(data, locations, folder / Path(name).name, display=name)
    except ScenarioError as exc:
        return None, list(exc.problems)
    except RecursionError:
        return None, [Problem(name, None, None, "", "values are nested too deeply")]
    except Exception as exc:  # the editor must keep working; the message says it is our bug
        message = f"internal error while checking ({type(exc).__name__}: {exc})"
        return None, [Problem(name, None, None, "", message, "please report this")]
    return loaded.scenario, loaded.warnings


# --------------------------------------------------------------------------------------------
# Typed validation, strict like the JSON Schema
# --------------------------------------------------------------------------------------------
def _json_default(value: Any) -> Any:
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, enum.Enum):
        return value.value
    if hasattr(value, "item"):  # numpy scalars from notebooks
        return value.item()
    if isinstance(value, set | tuple):
        return list(value)
    raise TypeError(f"cannot use a {type(value).__name__} in a scenario")


def _validate_model(data: dict[str, Any], locations: Locations, name: str) -> Scenario:
    """Validate exactly as the JSON Schema says: '0.5' in quotes is text, not a number."""
    try:
        text = json.dumps(data, default=_json_default)
    except (TypeError, ValueError) as exc:
        raise ScenarioError([Problem(name, None, None, "", str(exc))]) from None
    try:
        return Scenario.model_validate_json(text, strict=True)
    except ValidationError as exc:
        raise ScenarioError(_problems_from_pydantic(exc, data, locations, name)) from None


# --------------------------------------------------------------------------------------------
# Turning pydantic's errors into messages for people
# --------------------------------------------------------------------------------------------
def _problems_from_pydantic(
    exc: ValidationError, data: Any, locations: Locations, name: str
) -> list[Problem]:
    found: list[tuple[Path_, bool, dict[str, Any]]] = []
    errors = exc.errors(include_url=False)
    for error in errors[: MAX_PROBLEMS * 2]:
        path, branch = _data_path(error["loc"], data)
        found.append((path, branch, error))
    # A value that fits no member of a union (e.g. turn: 3 or [3, 5]) gives one error per
    # member; when one member got further into the value, that is what the author meant.
    branch_paths = [p for p, b, _ in found if b]
    found = [
        (p, b, e)
        for p, b, e in found
        if not (b and any(len(q) > len(p) and q[: len(p)] == p for q in branch_paths))
    ]
    problems: list[Problem] = []
    seen: set[str] = set()
    for path, branch, error in found:
        key = dotted(path)
        unions = [e for p, b, e in found if b and p == path]
        if branch and len(unions) > 1:
            if key in seen:
                continue
            message, suggestion = _union_message(path, error)
        else:
            message, suggestion = _describe(error, path)
            key = f"{key}\0{message}"
            if key in seen:
                continue
        seen.add(key)
        problems.append(problem_at(locations.nearest(path), name, path, message, suggestion))
    return _capped(_in_reading_order(problems, name), len(errors), name)


def _in_reading_order(problems: list[Problem], name: str) -> list[Problem]:
    """The file being checked first, then the files it reads; top to bottom in each."""
    return sorted(
        problems,
        key=lambda p: (p.file != name, p.file, p.line or 0, p.column or 0),
    )


def _capped(problems: list[Problem], total: int, name: str) -> list[Problem]:
    if len(problems) <= MAX_PROBLEMS and total <= MAX_PROBLEMS * 2:
        return problems
    rest = max(total - MAX_PROBLEMS, 1)
    return [
        *problems[:MAX_PROBLEMS],
        Problem(name, None, None, "", f"... and about {rest} more problems", "fix these first"),
    ]


def _data_path(loc: tuple[Any, ...], data: Any) -> tuple[Path_, bool]:
    """The parts of pydantic's location that exist in the data; True when a union tag was cut."""
    path: list[str | int] = []
    node = data
    cut = False
    for part in loc:
        if (isinstance(node, dict) and part in node) or (
            isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node)
        ):
            path.append(part)
            node = node[part]
        elif isinstance(node, dict) and isinstance(part, str) and part != "[key]":
            # An unknown or missing key: keep it so the message names it.
            path.append(part)
            node = None
        elif part != "[key]":
            cut = True
    return tuple(path), cut


def _got(value: Any) -> str:
    if isinstance(value, str):
        return f"'{value}'" if len(value) <= 60 else f"'{value[:57]}...'"
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "nothing (null)"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return repr(value)


def _example_hint(path: Path_) -> str:
    slot = slot_at(path)
    if slot is None or slot.info is None or not path or not isinstance(path[-1], str):
        return ""
    example = example_of(slot.info)
    return f"e.g. '{path[-1]}: {flow(example)}'" if example is not None else ""


def _union_message(path: Path_, error: dict[str, Any]) -> tuple[str, str]:
    slot = slot_at(path)
    what = describe_type(slot.annotation, slot.constraints) if slot else "another kind of value"
    return f"expected a {what} (got {_got(error.get('input'))})", _example_hint(path)


Describer = Callable[[dict[str, Any], Path_], tuple[str, str]]


def _describe(error: dict[str, Any], path: Path_) -> tuple[str, str]:
    """A pydantic error in the student's words: what was expected, what was written, a hint."""
    describer = _DESCRIBERS.get(error["type"])
    if describer is not None:
        return describer(error, path)
    got = error.get("input")
    message = error["msg"]
    message = message[0].lower() + message[1:]
    if not isinstance(got, dict | list):
        message += f" (got {_got(got)})"
    return message, ""


def _missing(error: dict[str, Any], path: Path_) -> tuple[str, str]:
    hint = _example_hint(path)
    return "this field is required", (f"add it, {hint}" if hint else "add it")


def _out_of_range(error: dict[str, Any], path: Path_) -> tuple[str, str]:
    slot = slot_at(path)
    expected = expected_number(slot) if slot else "a number in range"
    return f"expected {expected} (got {_got(error.get('input'))})", ""


def _not_whole(error: dict[str, Any], path: Path_) -> tuple[str, str]:
    got = error.get("input")
    hint = "write the number without quotes" if _numeric_text(got) else ""
    if isinstance(got, float):
        hint = "turns and counts are whole numbers"
    return f"expected a whole number (got {_got(got)})", hint


def _not_number(error: dict[str, Any], path: Path_) -> tuple[str, str]:
    got = error.get("input")
    hint = "write the number without quotes" if _numeric_text(got) else _example_hint(path)
    return f"expected a number (got {_got(got)})", hint


def _not_finite(error: dict[str, Any], path: Path_) -> tuple[str, str]:
    return f"expected a finite number (got {_got(error.get('input'))})", ""


def _not_bool(error: dict[str, Any], path: Path_) -> tuple[str, str]:
    got = error.get("input")
    hint = "write true or false without quotes" if got in ("true", "false") else ""
    return f"expected true or false (got {_got(got)})", hint


def _not_text(error: dict[str, Any], path: Path_) -> tuple[str, str]:
    got = error.get("input")
    hint = "put it in quotes"
    if isinstance(got, bool):
        hint = 'YAML reads yes/no/on/off as true/false; put the text in quotes, e.g. "NO"'
    return f"expected text (got {_got(got)})", hint if path else ""


def _not_id(error: dict[str, Any], path: Path_) -> tuple[str, str]:
    got = error.get("input")
    fixed = _as_identifier(str(got))
    hint = f"e.g. '{fixed}'" if fixed else ""
    return (
        f"expected an id: a letter, then letters, digits, '_' or '-' (got {_got(got)})",
        hint,
    )


def _too_long(error: dict[str, Any], path: Path_) -> tuple[str, str]:
    limit = error.get("ctx", {}).get("max_length")
    return f"expected at most {limit} characters (got {len(str(error.get('input')))})", ""


def _not_choice(error: dict[str, Any], path: Path_) -> tuple[str, str]:
    return _choice_message(path, slot_at(path), error.get("input"))


def _not_mapping(error: dict[str, Any], path: Path_) -> tuple[str, str]:
    return f"expected a mapping of fields (got {_got(error.get('input'))})", _example_hint(path)


def _not_list(error: dict[str, Any], path: Path_) -> tuple[str, str]:
    got = error.get("input")
    hint = _example_hint(path)
    if isinstance(got, str):
        hint = f"write a list, e.g. '{path[-1]}: [{got}]'" if path else hint
    return f"expected a list (got {_got(got)})", hint


def _too_short(error: dict[str, Any], path: Path_) -> tuple[str, str]:
    least = error.get("ctx", {}).get("min_length")
    return f"expected at least {least} item{'s' if least != 1 else ''}", _example_hint(path)


def _not_date(error: dict[str, Any], path: Path_) -> tuple[str, str]:
    detail = error.get("ctx", {}).get("error")
    more = f": {detail}" if isinstance(detail, str) else ""
    got = _got(error.get("input"))
    return f"expected a date YYYY-MM-DD (got {got}){more}", "e.g. 'start: 2024-10-14'"


def _value_error(error: dict[str, Any], path: Path_) -> tuple[str, str]:
    return str(error.get("ctx", {}).get("error", error["msg"])), ""


# pydantic's error types, each with the function that words it for a student.
_DESCRIBERS: dict[str, Describer] = {
    "extra_forbidden": lambda error, path: _unknown_key(path),
    "missing": _missing,
    **dict.fromkeys(
        ("less_than_equal", "greater_than_equal", "less_than", "greater_than"), _out_of_range
    ),
    **dict.fromkeys(("int_type", "int_parsing", "int_from_float"), _not_whole),
    **dict.fromkeys(("float_type", "float_parsing"), _not_number),
    "finite_number": _not_finite,
    **dict.fromkeys(("bool_type", "bool_parsing"), _not_bool),
    "string_type": _not_text,
    "string_pattern_mismatch": _not_id,
    "string_too_long": _too_long,
    **dict.fromkeys(("literal_error", "enum"), _not_choice),
    **dict.fromkeys(("model_type", "model_attributes_type", "dict_type"), _not_mapping),
    **dict.fromkeys(("list_type", "tuple_type"), _not_list),
    "too_short": _too_short,
    **dict.fromkeys(
        (
            "date_type",
            "date_parsing",
            "date_from_datetime_inexact",
            "date_from_datetime_parsing",
        ),
        _not_date,
    ),
    "value_error": _value_error,
}


def _choice_message(path: Path_, slot: Any, got: Any) -> tuple[str, str]:
    """One of a fixed set of values: name the near miss, or list them all when there is none."""
    annotation = slot.annotation if slot else None
    if choices(annotation) is None and path and isinstance(path[-1], str):
        # A key of a map whose keys are a fixed set (e.g. capacity: {cyb: ...}).
        parent = slot_at(path[:-1])
        if parent and typing.get_origin(parent.annotation) is dict:
            annotation = strip(typing.get_args(parent.annotation)[0])[0]
    options = choices(annotation) or []
    close = difflib.get_close_matches(str(got), options, n=1, cutoff=0.5)
    if close and isinstance(annotation, type) and issubclass(annotation, enum.Enum):
        noun = describe_type(annotation)
        article = "an" if noun[:1] in "aeiou" else "a"
        return f"expected {article} {noun} (got {_got(got)})", f"did you mean '{close[0]}'?"
    hint = f"did you mean '{close[0]}'?" if close else ""
    return f"expected one of {', '.join(options)} (got {_got(got)})", hint


def _numeric_text(value: Any) -> bool:
    if not isinstance(value, str):
        return False
    try:
        float(value)
    except ValueError:
        return False
    return True


def _as_identifier(text: str) -> str:
    cleaned = "".join(ch if ch.isalnum() or ch in "_-" else "_" for ch in text.strip())
    cleaned = cleaned.strip("_")
    if not cleaned:
        return ""
    if not cleaned[0].isalpha():
        cleaned = "x" + cleaned
    return cleaned[:64] if cleaned.isascii() else ""


def _unknown_key(path: Path_) -> tuple[str, str]:
    key = str(path[-1])
    record = record_at(path[:-1])
    allowed = list(record.model_fields) if record else []
    if not path[:-1]:
        allowed += list(FILE_KEYS)
    message = f"unknown field '{key}'"
    close = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
    if close:
        return message, f"did you mean '{close[0]}'?"
    # A field written at the wrong level: name the level where it belongs.
    for cut in range(len(path) - 2, -1, -1):
        outer = record_at(path[:cut])
        if outer and key in outer.model_fields:
            where = dotted(path[:cut]) or "the top level of the file"
            return message, f"'{key}' belongs in {where}; check the indentation"
    return message, f"allowed here: {', '.join(allowed)}"


_UNKNOWN_REF = re.compile(r"unknown [a-z ]+ '([^']+)'")


def _locate(problem: Problem, locations: Locations, name: str) -> Problem:
    """Fill in file and line for a semantic problem from its field path."""
    path = undotted(problem.path)
    where = locations.nearest(path)
    suggestion = problem.suggestion
    match = _UNKNOWN_REF.search(problem.message)
    if match and match.group(1) in locations.removed:
        gone = locations.removed[match.group(1)]
        suggestion = (
            f"'{match.group(1)}' was removed at {gone.file}:{gone.line}; "
            "remove or change what refers to it too"
        )
    return Problem(
        where.file if where else name,
        where.line if where else None,
        where.column if where else None,
        problem.path,
        problem.message,
        suggestion,
        problem.severity,
    )
