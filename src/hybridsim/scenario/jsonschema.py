"""The JSON Schema of the scenario format, for editors and other tools."""

from __future__ import annotations

import json
from typing import Any

from .schema import Scenario


def scenario_json_schema() -> dict[str, Any]:
    """JSON Schema generated from the typed records (the one source of truth).

    Files may name their toolkit by path (``toolkit: toolkit.yaml``), so that field also
    accepts a string, and a scenario file may carry ``extends`` (a parent file to build on).
    """
    schema = Scenario.model_json_schema(mode="validation")
    props = schema["properties"]
    props["toolkit"] = {
        "anyOf": [
            {"type": "string", "description": "Path of a toolkit file next to the scenario."},
            props["toolkit"],
        ],
        "description": "The moves and responses: inline, or the path of a toolkit file.",
    }
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "hybridsim scenario"
    return schema


def schema_text() -> str:
    return json.dumps(scenario_json_schema(), indent=2, sort_keys=True) + "\n"
