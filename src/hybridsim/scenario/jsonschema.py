"""The JSON Schema of the scenario format, for editors (completion, hover, checks as you type).

Generated from the typed records, so it cannot drift from the loader. It accepts what the
loader accepts beyond the records themselves: ``toolkit`` given as the path of a file, and
files that start with ``extends:``, which only write what differs from their parent (nothing is
required, and items in id lists may be ``{id: X, remove: true}``).

Written as JSON Schema draft-07, the newest draft that the YAML language server (VS Code's
YAML extension and others) checks.
"""

from __future__ import annotations

import copy
import json
from typing import Any

from .compose import EXTENDS, REMOVE
from .schema import Scenario, Toolkit

DRAFT = "http://json-schema.org/draft-07/schema#"
SCHEMA_FILE = "scenario.schema.json"
TOOLKIT_SCHEMA_FILE = "toolkit.schema.json"
PATCH = "Patch"


def _ref_name(node: Any) -> str | None:
    if isinstance(node, dict) and isinstance(node.get("$ref"), str):
        return node["$ref"].rsplit("/", 1)[-1]
    return None


def _draft7(node: Any) -> Any:
    """Spell the schema the draft-07 way.

    Draft-07 keeps shared parts under ``definitions`` (not ``$defs``) and ignores keywords next
    to a ``$ref``, so the ``$ref`` is wrapped in ``allOf`` where a description sits beside it.
    """
    if isinstance(node, dict):
        node = {("definitions" if k == "$defs" else k): _draft7(v) for k, v in node.items()}
        if isinstance(node.get("$ref"), str):
            node["$ref"] = node["$ref"].replace("#/$defs/", "#/definitions/")
        if "$ref" in node and len(node) > 1:
            ref = node.pop("$ref")
            node["allOf"] = [{"$ref": ref}]
        return node
    if isinstance(node, list):
        return [_draft7(v) for v in node]
    return node


def _has_id(defs: dict[str, Any], name: str) -> bool:
    return "id" in defs.get(name, {}).get("properties", {})


def _patched(node: Any, defs: dict[str, Any]) -> Any:
    """A property schema as a file with ``extends`` may write it."""
    if isinstance(node, dict):
        name = _ref_name(node)
        if name is not None and name in defs and "properties" in defs[name]:
            return {**node, "$ref": f"#/$defs/{PATCH}{name}"}
        if node.get("type") == "array" and "items" in node:
            item = _ref_name(node["items"])
            if item is not None and _has_id(defs, item):
                # Items are matched to the parent's by id; a new item is checked on loading.
                return {
                    **node,
                    "items": {
                        "anyOf": [
                            {"$ref": f"#/$defs/{PATCH}{item}"},
                            {"$ref": "#/$defs/RemoveMarker"},
                        ]
                    },
                }
            return node  # other lists replace the parent's list whole: full records
        return {k: _patched(v, defs) if k in ("anyOf", "allOf") else v for k, v in node.items()}
    if isinstance(node, list):
        return [_patched(v, defs) for v in node]
    return node


def _patch_record(record: dict[str, Any], defs: dict[str, Any]) -> dict[str, Any]:
    out = copy.deepcopy(record)
    required = [r for r in out.pop("required", []) if r == "id"]
    if required:
        out["required"] = required
    out["properties"] = {k: _patched(v, defs) for k, v in out["properties"].items()}
    return out


def _toolkit_field(toolkit: dict[str, Any]) -> dict[str, Any]:
    return {
        "description": toolkit.get("description", ""),
        "examples": toolkit.get("examples", []),
        "anyOf": [
            {
                "type": "string",
                "description": "Path of a toolkit file, relative to this file's folder.",
            },
            {"$ref": toolkit["$ref"]},
        ],
    }


def scenario_json_schema() -> dict[str, Any]:
    """JSON Schema generated from the typed records (the one source of truth)."""
    base = Scenario.model_json_schema(mode="validation")
    defs: dict[str, Any] = base.pop("$defs")
    full = {k: v for k, v in base.items() if k != "title"}
    full["properties"]["toolkit"] = _toolkit_field(full["properties"]["toolkit"])
    records = {name: d for name, d in defs.items() if "properties" in d}
    patch_defs = {f"{PATCH}{name}": _patch_record(d, defs) for name, d in records.items()}
    patch = _patch_record(full, defs)
    patch["properties"] = {
        EXTENDS: {
            "type": "string",
            "description": "The scenario file this one builds on, relative to this file's "
            "folder. Write only what differs: mappings merge, items in lists with ids are "
            "matched by id, {id: X, remove: true} drops an inherited item.",
            "examples": ["tutorial.yaml"],
        },
        **patch["properties"],
    }
    remove_marker = {
        "type": "object",
        "description": "Drops the inherited item with this id.",
        "properties": {
            "id": {"type": "string", "description": "Id of the inherited item to drop."},
            REMOVE: {"const": True, "description": "Always true."},
        },
        "required": ["id", REMOVE],
        "additionalProperties": False,
    }
    all_defs = {**defs, **patch_defs, "RemoveMarker": remove_marker, "Scenario": full}
    # The root describes every field as a file with 'extends' may write it (so editors offer
    # completion and hover everywhere); a file without 'extends' must also be a whole Scenario.
    schema = {
        "$schema": DRAFT,
        "title": "hybridsim scenario",
        "description": "A hybridsim scenario file (see docs/scenario-reference.md). A file "
        "with 'extends:' writes only what differs from the scenario it builds on.",
        **{k: v for k, v in patch.items() if k not in ("title", "description")},
        "if": {"required": [EXTENDS]},
        "else": {"$ref": "#/$defs/Scenario"},
        "$defs": all_defs,
    }
    return _draft7(schema)


def toolkit_json_schema() -> dict[str, Any]:
    """JSON Schema of a toolkit file (the moves and responses a scenario includes by path)."""
    base = Toolkit.model_json_schema(mode="validation")
    base.pop("title", None)
    return _draft7(
        {
            "$schema": DRAFT,
            "title": "hybridsim toolkit",
            **base,
        }
    )


def schema_text() -> str:
    """The scenario JSON Schema as written to docs/scenario.schema.json."""
    return json.dumps(scenario_json_schema(), indent=2, ensure_ascii=False) + "\n"


def toolkit_schema_text() -> str:
    """The toolkit JSON Schema as written to docs/toolkit.schema.json."""
    return json.dumps(toolkit_json_schema(), indent=2, ensure_ascii=False) + "\n"
