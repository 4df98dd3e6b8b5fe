"""Any mutation of a shipped scenario gives a valid scenario or clean problems, never a crash.

For every shipped scenario (and the `extends` examples), hypothesis deletes a key, changes a
value's type, sets a number out of range, renames a key, duplicates an id or truncates the
text, and feeds the result to ``validate_text`` (what the editor calls on each keystroke).
It must return within a time limit, never raise, report every error with a message (and a line,
where the mutation was to the data), and when it accepts the text, the JSON Schema that editors
use must accept it too. Examples are drawn deterministically (derandomize), so CI is repeatable.
"""

from __future__ import annotations

import copy
import json
import math
import signal
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hybridsim.scenario import shipped_dir, shipped_scenarios, validate_text
from hybridsim.scenario.jsonschema import scenario_json_schema
from hybridsim.scenario.yamlsafe import parse_yaml

FILES = [shipped_dir() / f"{name}.yaml" for name in shipped_scenarios()] + sorted(
    (shipped_dir() / "examples").glob("*.yaml")
)
SETTINGS = settings(
    max_examples=30,
    deadline=10_000,  # generous: CI machines are shared; TIME_LIMIT_S catches a real hang
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
TIME_LIMIT_S = 20
OTHER_VALUES = [None, "text", "", 7, -3, 0.5, True, [], {}, [1, "a"], {"x": 1}, "2024-01-01"]
BAD_NUMBERS = [-1, -0.001, 1.0001, 1.5, 2, 1000, 1e9, -1e9, 10**20, math.inf, -math.inf, math.nan]


class TookTooLongError(Exception):
    pass


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Fail instead of hanging (SIGALRM where the platform has it)."""
    if not hasattr(signal, "setitimer"):
        yield
        return

    def stop(signum: int, frame: Any) -> None:
        raise TookTooLongError(f"validate_text took more than {seconds} s")

    previous = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@cache
def original(path: Path) -> tuple[str, Any]:
    text = path.read_text(encoding="utf-8")
    data, _ = parse_yaml(text, path.name)
    return text, data


@cache
def schema_check() -> jsonschema.Draft7Validator:
    return jsonschema.Draft7Validator(scenario_json_schema())


def paths(data: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [prefix] if prefix else []
    if isinstance(data, dict):
        for key, value in data.items():
            out += paths(value, (*prefix, key))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            out += paths(value, (*prefix, i))
    return out


def get(data: Any, path: tuple[Any, ...]) -> Any:
    for part in path:
        data = data[part]
    return data


def parent_of(data: Any, path: tuple[Any, ...]) -> Any:
    return get(data, path[:-1])


def id_lists(data: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = []
    if isinstance(data, dict):
        for key, value in data.items():
            found += id_lists(value, (*prefix, key))
    elif isinstance(data, list):
        if len(data) >= 1 and all(isinstance(i, dict) and "id" in i for i in data):
            found.append(prefix)
        for i, value in enumerate(data):
            found += id_lists(value, (*prefix, i))
    return found


@st.composite
def mutated_data(draw: st.DrawFn, path: Path) -> str:
    _, data = original(path)
    data = copy.deepcopy(data)
    kind = draw(st.sampled_from(["delete", "retype", "range", "rename", "duplicate"]))
    if kind == "duplicate":
        lists = id_lists(data)
        if lists:
            where = draw(st.sampled_from(lists))
            items = get(data, where)
            i = draw(st.integers(0, len(items) - 1))
            if len(items) > 1 and draw(st.booleans()):
                j = draw(st.integers(0, len(items) - 1).filter(lambda k: k != i))
                items[j] = {**items[j], "id": items[i]["id"]}
            else:
                items.append(copy.deepcopy(items[i]))
            return dump(data)
        kind = "retype"
    candidates = paths(data)
    if kind == "range":
        numeric = [p for p in candidates if isinstance(parent_of(data, p)[p[-1]], int | float)]
        candidates = numeric or candidates
    target = draw(st.sampled_from(candidates))
    holder, key = parent_of(data, target), target[-1]
    if kind == "delete":
        del holder[key]
    elif kind == "retype":
        holder[key] = draw(st.sampled_from(OTHER_VALUES))
    elif kind == "range":
        holder[key] = draw(st.sampled_from(BAD_NUMBERS))
    elif isinstance(holder, dict):  # rename
        suffix = draw(st.text(alphabet="abcdefghijklmnopqrstuvwxyz_", min_size=1, max_size=3))
        renamed = {(k + suffix if k == key else k): v for k, v in holder.items()}
        holder.clear()
        holder.update(renamed)
    else:
        holder.insert(key, copy.deepcopy(holder[key]))
    return dump(data)


def dump(data: Any) -> str:
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True)


@st.composite
def mutated_text(draw: st.DrawFn, path: Path) -> str:
    text, _ = original(path)
    cut = draw(st.integers(0, len(text)))
    if draw(st.booleans()):
        return text[:cut]  # truncated
    junk = draw(st.sampled_from([":", "- ", "\t", "[", "{", "&a", "*a", "!!python/none ", '"']))
    return text[:cut] + junk + text[cut:]


def check(text: str, path: Path, located: bool) -> None:
    with time_limit(TIME_LIMIT_S):
        scenario, problems = validate_text(text, name=path.name, base_dir=path.parent)
    errors = [p for p in problems if p.severity == "error"]
    assert not any("internal error" in p.message for p in problems), problems
    assert all(p.message for p in problems)
    if scenario is None:
        assert errors, "rejected without saying why"
        if located:
            assert all(p.line is not None for p in errors if "problems" not in p.message), errors
        return
    assert not errors
    data, _ = parse_yaml(text, path.name)
    as_json = json.loads(json.dumps(data, default=str))
    bad = [e.message for e in schema_check().iter_errors(as_json)]
    assert not bad, f"the loader accepts what the JSON Schema rejects: {bad[:3]}"


@pytest.fixture(autouse=True)
def _warm_up() -> None:
    """Build the JSON Schema validator before any example is timed."""
    schema_check()


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_mutated_data_gives_a_scenario_or_clean_problems(path):
    original(path)

    @SETTINGS
    @given(text=mutated_data(path))
    def run(text: str) -> None:
        check(text, path, located=True)

    run()


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_mutated_text_gives_a_scenario_or_clean_problems(path):
    original(path)

    @settings(SETTINGS, max_examples=15)
    @given(text=mutated_text(path))
    def run(text: str) -> None:
        check(text, path, located=False)

    run()


def test_garbage_never_raises():
    garbage = ["", "\x00", "\ud800", "null", "[]", "- - -", "a: *b", "{", "name: 1\n" * 3, "é: ü"]
    for text in garbage:
        scenario, problems = validate_text(text)
        assert scenario is None
        assert problems
