"""What differs between two scenarios, said in scenario terms.

Items in lists with ids (states, assets, moves, injects, ...) are matched by id, so a change
reads ``states.DE.public_trust: 0.55 → 0.4`` and an added asset reads ``added asset PL-lng``,
whatever order the files list them in. Both scenarios are compared fully resolved, defaults
included, so writing a default out explicitly is not a difference.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from .introspect import flow
from .schema import Scenario

NOUNS = {
    "states": "state",
    "adversaries": "adversary",
    "gas_sources": "gas source",
    "moves": "move",
    "responses": "response",
    "assets": "asset",
    "injects": "inject",
    "proposals": "proposal",
}
_ABSENT = object()


@dataclass(frozen=True)
class Change:
    """One difference: a value changed, or an item added or removed."""

    kind: Literal["changed", "added", "removed"]
    path: str
    before: Any = None
    after: Any = None
    noun: str = ""
    ident: str = ""

    def format(self) -> str:
        if self.kind == "added":
            return f"added {self.noun} {self.ident}"
        if self.kind == "removed":
            return f"removed {self.noun} {self.ident}"
        return f"{self.path}: {_show(self.before)} → {_show(self.after)}"


def _show(value: Any) -> str:
    if value is _ABSENT:
        return "(not set)"
    if value is None:
        return "none"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return f"{value:g}"
    text = flow(value)
    return text if len(text) <= 120 else text[:117] + "..."


def diff_scenarios(a: Scenario, b: Scenario) -> list[Change]:
    """Every difference from scenario a to scenario b, in the order the fields are written."""
    out: list[Change] = []
    _walk(a.model_dump(mode="json"), b.model_dump(mode="json"), "", out)
    return out


def _join(path: str, key: str | int) -> str:
    if isinstance(key, int):
        return f"{path}[{key}]"
    return f"{path}.{key}" if path else str(key)


def _is_id_list(items: list[Any]) -> bool:
    return all(isinstance(i, dict) and "id" in i for i in items)


def _walk(x: Any, y: Any, path: str, out: list[Change]) -> None:
    if isinstance(x, dict) and isinstance(y, dict):
        for key in [*x, *(k for k in y if k not in x)]:
            left, right = x.get(key, _ABSENT), y.get(key, _ABSENT)
            here = _join(path, key)
            if isinstance(left, dict) and right is None and "id" in left:
                out.append(Change("removed", here, left, None, str(key), str(left["id"])))
                continue
            if left is None and isinstance(right, dict) and "id" in right:
                out.append(Change("added", here, None, right, str(key), str(right["id"])))
                continue
            if left is _ABSENT or right is _ABSENT:
                if left != right:
                    out.append(Change("changed", _join(path, key), left, right))
                continue
            _walk(left, right, _join(path, key), out)
        return
    if isinstance(x, list) and isinstance(y, list) and (x or y):
        if _is_id_list(x) and _is_id_list(y):
            _walk_by_id(x, y, path, out)
            return
        if len(x) == len(y):
            for i, (left, right) in enumerate(zip(x, y, strict=True)):
                _walk(left, right, _join(path, i), out)
            return
    if x != y:
        out.append(Change("changed", path, x, y))


def _walk_by_id(x: list[Any], y: list[Any], path: str, out: list[Change]) -> None:
    noun = NOUNS.get(path.rsplit(".", 1)[-1], "item")
    left = {str(i["id"]): i for i in x}
    right = {str(i["id"]): i for i in y}
    for ident, item in left.items():
        if ident not in right:
            out.append(Change("removed", _join(path, ident), item, None, noun, ident))
    for ident, item in left.items():
        if ident in right:
            _walk(item, right[ident], _join(path, ident), out)
    for ident, item in right.items():
        if ident not in left:
            out.append(Change("added", _join(path, ident), None, item, noun, ident))
