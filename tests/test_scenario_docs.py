"""Generated docs and editor support stay in step with the schema.

The reference (docs/scenario-reference.md) and the JSON Schemas are generated from the typed
records; these tests fail when a file on disk is stale (run `hybridsim docs`), when a field
lacks a description or an example, or when the JSON Schema would reject what the loader
accepts. Every shipped scenario starts with the line that tells editors where the schema is.
"""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from hybridsim.scenario import load, shipped_dir, shipped_scenarios
from hybridsim.scenario.introspect import record_classes
from hybridsim.scenario.jsonschema import scenario_json_schema, toolkit_json_schema
from hybridsim.scenario.reference import docs_dir, generated_docs, reference_markdown, stale_docs
from hybridsim.scenario.yamlsafe import read_yaml

ROOT = Path(__file__).resolve().parents[1]
# Shipped scenarios, and the examples of `extends` (scenarios/sweeps/ holds sweep designs).
SCENARIO_FILES = [shipped_dir() / f"{name}.yaml" for name in shipped_scenarios()] + sorted(
    (shipped_dir() / "examples").glob("*.yaml")
)
TOOLKIT_FILES = sorted(shipped_dir().glob("toolkit.yaml"))
LINE = "# yaml-language-server: $schema="


def as_json(path: Path) -> object:
    """The file's data as an editor sees it (dates are text in JSON)."""
    data, _ = read_yaml(path)
    return json.loads(json.dumps(data, default=str))


def test_generated_docs_are_up_to_date():
    stale = stale_docs()
    assert not stale, f"run `hybridsim docs`: out of date in docs/: {stale}"
    assert set(generated_docs()) == {
        "scenario-reference.md",
        "scenario.schema.json",
        "toolkit.schema.json",
        "mechanics.md",
    }
    assert docs_dir() == ROOT / "docs"


def test_every_field_has_a_description_and_an_example_in_the_reference():
    reference = reference_markdown()
    for model in record_classes():
        assert f"## {model.__name__}\n" in reference
        for name, info in model.model_fields.items():
            assert info.description, f"{model.__name__}.{name} has no description"
            assert info.examples, f"{model.__name__}.{name} has no example"
            assert f"| `{name}` |" in reference


def test_reference_shows_type_range_default_and_example():
    reference = reference_markdown()
    row = next(r for r in reference.splitlines() if r.startswith("| `public_trust` |"))
    assert row == (
        "| `public_trust` | number | 0 to 1 | `0.6` | Trust in government and institutions. "
        "| `public_trust: 0.55` |"
    )
    assert "| `turns` | whole number | 1 to 520 | `26` |" in reference
    assert "`supply.<gas source id>`" in reference  # effect fields
    assert "`states.<mean, min, max or sum>.storage_fill`" in reference  # condition indicators
    assert "(indicator-paths.md)" in reference  # the one grammar, documented once
    assert "validate_text(text: str, name: str = scenario.yaml" in reference
    assert "{id: IT, remove: true}" in reference


@pytest.mark.parametrize("path", SCENARIO_FILES, ids=lambda p: str(p.relative_to(shipped_dir())))
def test_shipped_scenarios_name_the_schema_and_it_accepts_them(path):
    first = path.read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith(LINE), f"{path.name} must start with the yaml-language-server line"
    target = (path.parent / first[len(LINE) :]).resolve()
    assert target == (ROOT / "docs" / "scenario.schema.json").resolve()
    load(path)  # the loader accepts it ...
    jsonschema.Draft7Validator(scenario_json_schema()).validate(as_json(path))  # ... so must this


@pytest.mark.parametrize("path", TOOLKIT_FILES, ids=lambda p: str(p.relative_to(shipped_dir())))
def test_toolkit_files_name_their_schema_and_it_accepts_them(path):
    first = path.read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith(LINE)
    target = (path.parent / first[len(LINE) :]).resolve()
    assert target == (ROOT / "docs" / "toolkit.schema.json").resolve()
    jsonschema.Draft7Validator(toolkit_json_schema()).validate(as_json(path))


def test_the_schemas_are_draft_7_and_shaped_for_editors():
    for schema in (scenario_json_schema(), toolkit_json_schema()):
        jsonschema.Draft7Validator.check_schema(schema)
    schema = scenario_json_schema()
    assert schema["additionalProperties"] is False
    assert {"extends", "states", "toolkit", "injects"} <= set(schema["properties"])
    toolkit = schema["properties"]["toolkit"]["anyOf"]
    assert {"type": "string", "description": toolkit[0]["description"]} == toolkit[0]


def test_the_schema_takes_extends_removal_and_toolkit_paths_and_rejects_mistakes():
    check = jsonschema.Draft7Validator(scenario_json_schema())
    child = {
        "extends": "tutorial.yaml",
        "toolkit": "toolkit.yaml",
        "states": [{"id": "DE", "public_trust": 0.4}, {"id": "IT", "remove": True}],
        "injects": [],
    }
    assert list(check.iter_errors(child)) == []
    for bad in (
        {**child, "stats": []},
        {**child, "states": [{"id": "DE", "public_trust": 1.4}]},
        {**child, "states": [{"id": "IT", "remove": True, "name": "Italy"}]},
        {"name": "x", "title": "x", "calendar": {"start": "2024-01-01"},
         "states": [{"id": "IT", "remove": True}]},
        {"name": "x", "title": "x", "states": []},
    ):  # fmt: skip
        assert list(check.iter_errors(bad)), bad
