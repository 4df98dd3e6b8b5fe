"""Scenarios built from several files: the toolkit include and ``extends`` parents.

A file may name its toolkit by path (``toolkit: toolkit.yaml``) and may build on another
scenario (``extends: baseline.yaml``), writing only what differs. Merging is deep: mappings are
merged key by key; lists whose items have ids are matched by id (``{id: X, remove: true}``
drops an inherited item; an empty list empties it); any other value replaces the parent's.

Why it lives apart from the loader: every value keeps the file, line and column where it was
written, through includes and merges, so an error in a merged scenario still points at the line
the student has to change. Only files inside the top-level file's folder may be read.
"""

from __future__ import annotations

import difflib
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import Problem, ScenarioError
from .yamlsafe import Location, Locations, Path_, problem_at, read_yaml

EXTENDS = "extends"
REMOVE = "remove"
MAX_CHAIN = 16
_MISSING = object()


def shipped_dir() -> Path:
    """The folder of scenarios shipped with hybridsim (the repository's scenarios/)."""
    return Path(__file__).resolve().parents[3] / "scenarios"


def shipped_scenarios() -> list[str]:
    """Names of the shipped scenarios (every top-level YAML file except the toolkit)."""
    folder = shipped_dir()
    return sorted(p.stem for p in folder.glob("*.yaml") if p.is_file() and p.stem != "toolkit")


@dataclass
class Sources:
    """The files one scenario is read from, and the folder none of them may leave."""

    top: Path
    top_display: str
    root: Path = field(init=False)
    read: list[Path] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.top = self.top.resolve()
        self.root = self.top.parent

    def display(self, path: Path) -> str:
        """How a file is named in messages: relative to the top-level file, as the user named it."""
        if path == self.top:
            return self.top_display
        relative = os.path.relpath(path, self.top.parent)
        folder = os.path.dirname(self.top_display)
        return os.path.join(folder, relative) if folder else relative


def resolve(
    data: Any, locations: Locations, path: Path, sources: Sources, chain: tuple[Path, ...] = ()
) -> tuple[Any, Locations]:
    """This file's data with its toolkit read in and its parents merged under it."""
    path = path.resolve()
    chain = chain or (path,)
    if not isinstance(data, dict):
        return data, locations
    data = dict(data)
    display = sources.display(path)
    if isinstance(data.get("toolkit"), str):
        data["toolkit"] = _include(path, data["toolkit"], locations, sources, display)
    parent_ref = data.pop(EXTENDS, _MISSING)
    if parent_ref is _MISSING:
        return data, locations
    where = locations.get((EXTENDS,))
    if not isinstance(parent_ref, str) or not parent_ref.strip():
        raise _extends_error(
            where,
            display,
            f"expected the path of the scenario file to build on (got {parent_ref!r})",
            "e.g. 'extends: tutorial.yaml'",
        )
    parent = _parent_path(path, parent_ref, sources, chain, where, display)
    parent_data, parent_locations = read_yaml(parent, sources.display(parent))
    sources.read.append(parent)
    if not isinstance(parent_data, dict):
        raise _extends_error(
            where, display, f"'{parent_ref}' is not a scenario (it is not a mapping of fields)"
        )
    parent_data, parent_locations = resolve(
        parent_data, parent_locations, parent, sources, (*chain, parent)
    )
    return merge(parent_data, parent_locations, data, locations)


def _extends_error(
    where: Location | None, display: str, message: str, hint: str = ""
) -> ScenarioError:
    return ScenarioError([problem_at(where, display, (EXTENDS,), message, hint)])


def _parent_path(
    path: Path,
    parent_ref: str,
    sources: Sources,
    chain: tuple[Path, ...],
    where: Location | None,
    display: str,
) -> Path:
    """The file ``extends`` names: inside the folder, existing, and not already in the chain."""
    parent = _inside(path, parent_ref, sources, where, display, (EXTENDS,))
    if parent in chain:
        loop = [*chain[chain.index(parent) :], parent]
        names = " → ".join(sources.display(p) for p in loop)
        raise _extends_error(
            where,
            display,
            f"'extends' goes round in a circle: {names}",
            "a scenario cannot build on itself; remove one of these 'extends' lines",
        )
    if len(chain) >= MAX_CHAIN:
        raise _extends_error(where, display, f"more than {MAX_CHAIN} files extend one another")
    _must_exist(parent, parent_ref, where, display, (EXTENDS,), "scenario")
    return parent


def _inside(
    owner: Path, relative: str, sources: Sources, where: Location | None, display: str, key: Path_
) -> Path:
    """The file a scenario names, refusing anything outside the top-level file's folder."""
    target = (owner.parent / relative).resolve()
    if not target.is_relative_to(sources.root):
        raise ScenarioError(
            [
                problem_at(
                    where,
                    display,
                    key,
                    f"'{relative}' is outside the scenario's folder",
                    "keep the files a scenario reads next to it or in a folder below it",
                )
            ]
        )
    return target


def _must_exist(
    target: Path, relative: str, where: Location | None, display: str, key: Path_, what: str
) -> None:
    if target.is_file():
        return
    folder = target.parent
    known = (
        sorted(p.name for p in folder.iterdir() if p.suffix in (".yaml", ".yml"))
        if folder.is_dir()
        else []
    )
    close = difflib.get_close_matches(target.name, known, n=1, cutoff=0.6)
    shipped = Path(relative).stem
    if shipped in shipped_scenarios() and folder != shipped_dir():
        hint = (
            f"'{shipped}' is a shipped scenario; files are read from this folder only, so copy "
            f"it here first: hybridsim new {shipped} {Path(display).parent / (shipped + '.yaml')}"
        )
    elif close:
        hint = f"did you mean '{close[0]}'?"
    elif known:
        hint = f"files there: {', '.join(known[:8])}"
    else:
        hint = "the path is read relative to this file's folder"
    raise ScenarioError(
        [problem_at(where, display, key, f"cannot find the {what} file '{relative}'", hint)]
    )


def _include(
    owner: Path, relative: str, locations: Locations, sources: Sources, display: str
) -> Any:
    """Read the toolkit file a scenario names; its locations join the scenario's."""
    key: Path_ = ("toolkit",)
    where = locations.get(key)
    target = _inside(owner, relative, sources, where, display, key)
    _must_exist(target, relative, where, display, key, "toolkit")
    included, included_locations = read_yaml(target, sources.display(target))
    sources.read.append(target)
    for sub_path, place in included_locations.items():
        if sub_path:
            locations[(*key, *sub_path)] = place
    return included


# --------------------------------------------------------------------------------------------
# Deep merge that keeps every value's location
# --------------------------------------------------------------------------------------------
def merge(
    parent: Any, parent_locations: Locations, child: Any, child_locations: Locations
) -> tuple[Any, Locations]:
    """The child written over the parent; each value keeps the location it was written at."""
    out = Locations()
    out.removed = {**parent_locations.removed, **child_locations.removed}
    problems: list[Problem] = []
    value = _merge(parent, (), parent_locations, child, (), child_locations, (), out, problems)
    if problems:
        raise ScenarioError(problems)
    return value, out


def _copy(value: Any, src: Path_, locations: Locations, dst: Path_, out: Locations) -> Any:
    place = locations.get(src)
    if place is not None:
        out[dst] = place
    if isinstance(value, dict):
        for key, item in value.items():
            _copy(item, (*src, key), locations, (*dst, key), out)
    elif isinstance(value, list):
        for i, item in enumerate(value):
            _copy(item, (*src, i), locations, (*dst, i), out)
    return value


def _merge(
    p: Any,
    pp: Path_,
    plocs: Locations,
    c: Any,
    cp: Path_,
    clocs: Locations,
    dst: Path_,
    out: Locations,
    problems: list[Problem],
) -> Any:
    if isinstance(p, dict) and isinstance(c, dict):
        place = clocs.get(cp) or plocs.get(pp)
        if place is not None:
            out[dst] = place
        result: dict[str, Any] = {}
        for key, value in p.items():
            if key in c:
                result[key] = _merge(
                    value, (*pp, key), plocs, c[key], (*cp, key), clocs, (*dst, key), out, problems
                )
            else:
                result[key] = _copy(value, (*pp, key), plocs, (*dst, key), out)
        for key, value in c.items():
            if key not in p:
                result[key] = _copy(value, (*cp, key), clocs, (*dst, key), out)
        return result
    if _id_list(p) and isinstance(c, list) and c and all(isinstance(i, dict) for i in c):
        return _merge_by_id(p, pp, plocs, c, cp, clocs, dst, out, problems)
    return _copy(c, cp, clocs, dst, out)


def _id_list(value: Any) -> bool:
    return (
        isinstance(value, list)
        and bool(value)
        and all(isinstance(i, dict) and "id" in i for i in value)
    )


def _key(ident: Any) -> Any:
    return ident if isinstance(ident, str | int | float | bool) else repr(ident)


def _merge_by_id(
    p: list[Any],
    pp: Path_,
    plocs: Locations,
    c: list[Any],
    cp: Path_,
    clocs: Locations,
    dst: Path_,
    out: Locations,
    problems: list[Problem],
) -> list[Any]:
    place = clocs.get(cp) or plocs.get(pp)
    if place is not None:
        out[dst] = place
    plan = _match_by_id(p, c, cp, clocs, place.file if place else "", out, problems)
    result: list[Any] = []
    for pos, item in enumerate(p):
        if pos in plan.removed:
            continue
        target = (*dst, len(result))
        if pos in plan.updates:
            j = plan.updates[pos]
            result.append(
                _merge(item, (*pp, pos), plocs, c[j], (*cp, j), clocs, target, out, problems)
            )
        else:
            result.append(_copy(item, (*pp, pos), plocs, target, out))
    for j in plan.added:
        result.append(_copy(c[j], (*cp, j), clocs, (*dst, len(result)), out))
    return result


@dataclass
class _IdMatch:
    """What a child list does to its parent's items: parent positions removed, parent position
    to child position updated, child positions added."""

    removed: set[int] = field(default_factory=set)
    updates: dict[int, int] = field(default_factory=dict)
    added: list[int] = field(default_factory=list)


def _match_by_id(
    p: list[Any],
    c: list[Any],
    cp: Path_,
    clocs: Locations,
    file: str,
    out: Locations,
    problems: list[Problem],
) -> _IdMatch:
    """Match the child's items to the parent's by id; a bad item is a problem and is skipped."""
    index: dict[Any, int] = {}
    for pos, item in enumerate(p):
        index.setdefault(_key(item["id"]), pos)
    seen: dict[Any, int] = {}
    plan = _IdMatch()
    for j, item in enumerate(c):
        here = (*cp, j)
        problem = _id_problem(item, here, clocs, file, seen, p)
        if problem is not None:
            problems.append(problem)
            continue
        key = _key(item["id"])
        seen[key] = j
        if REMOVE in item:
            problem = _removal_problem(item, here, clocs, file, index, p)
            if problem is not None:
                problems.append(problem)
            else:
                plan.removed.add(index[key])
                place_of = clocs.nearest((*here, REMOVE))
                if place_of is not None:
                    out.removed[str(item["id"])] = place_of
        elif key in index:
            plan.updates[index[key]] = j
        else:
            plan.added.append(j)
    return plan


def _id_problem(
    item: dict[str, Any],
    here: Path_,
    clocs: Locations,
    file: str,
    seen: dict[Any, int],
    parent_items: list[Any],
) -> Problem | None:
    """An item with no id, or with an id already used in the same list."""
    if "id" not in item:
        return problem_at(
            clocs.nearest(here),
            file,
            here,
            "this item needs an 'id': in a file that extends another, items here are "
            "matched to the parent's by id",
            f"known ids: {', '.join(str(i['id']) for i in parent_items[:10])}",
        )
    key = _key(item["id"])
    if key not in seen:
        return None
    first = clocs.get((*here[:-1], seen[key], "id"))
    return problem_at(
        clocs.nearest((*here, "id")),
        file,
        (*here, "id"),
        f"id '{item['id']}' appears twice in this list",
        f"merge the two items into one (the first is on line {first.line})"
        if first
        else "merge the two items into one",
    )


def _removal_problem(
    item: dict[str, Any],
    here: Path_,
    clocs: Locations,
    file: str,
    index: dict[Any, int],
    parent_items: list[Any],
) -> Problem | None:
    if item[REMOVE] is not True:
        return problem_at(
            clocs.nearest((*here, REMOVE)),
            file,
            (*here, REMOVE),
            f"'remove' can only be true (got {item[REMOVE]!r})",
            "write 'remove: true' to drop the inherited item, or leave 'remove' out",
        )
    extra = [k for k in item if k not in ("id", REMOVE)]
    if extra:
        return problem_at(
            clocs.nearest((*here, REMOVE)),
            file,
            (*here, REMOVE),
            "an item with 'remove: true' has only 'id' and 'remove'",
            f"delete {', '.join(repr(k) for k in extra)} or the 'remove' line",
        )
    if _key(item["id"]) not in index:
        known = [str(i["id"]) for i in parent_items]
        close = difflib.get_close_matches(str(item["id"]), known, n=1, cutoff=0.5)
        return problem_at(
            clocs.nearest((*here, "id")),
            file,
            (*here, "id"),
            f"cannot remove '{item['id']}': the parent has no such item",
            f"did you mean '{close[0]}'?" if close else f"known ids: {', '.join(known[:10])}",
        )
    return None


def leftover_removals(data: Any, locations: Locations, file: str) -> list[Problem]:
    """Removal markers with nothing to remove (no parent, or no such list in the parent)."""
    problems: list[Problem] = []

    def walk(value: Any, path: Path_) -> None:
        if isinstance(value, dict):
            for key, item in value.items():
                walk(item, (*path, key))
        elif isinstance(value, list):
            for i, item in enumerate(value):
                if isinstance(item, dict) and REMOVE in item and "id" in item:
                    here = (*path, i, REMOVE)
                    problems.append(
                        problem_at(
                            locations.nearest(here),
                            file,
                            here,
                            f"nothing to remove: no parent file defines '{item['id']}' here",
                            "'remove: true' drops an item inherited through 'extends'; "
                            "to leave it out, delete the item",
                        )
                    )
                else:
                    walk(item, (*path, i))

    walk(data, ())
    return problems
