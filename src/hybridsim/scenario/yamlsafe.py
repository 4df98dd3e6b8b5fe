"""Safe YAML reading that remembers where every value came from.

Why not yaml.safe_load: we need the line and column of each field for error messages, and we
want hard limits (file size, node count) so that an alias bomb or a huge file fails cleanly.
Only the plain YAML types are built; any tag that would construct a Python object is refused.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from .errors import Problem, ScenarioError

MAX_BYTES = 2_000_000
MAX_NODES = 200_000
MAX_DEPTH = 60
STANDARD_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
    "tag:yaml.org,2002:map",
    "tag:yaml.org,2002:seq",
}

Path_ = tuple[str | int, ...]
YAML_TAG_PREFIX = "tag:yaml.org,2002:"
BOOL_TAG = YAML_TAG_PREFIX + "bool"
MERGE_TAG = YAML_TAG_PREFIX + "merge"


class ScenarioYamlLoader(yaml.SafeLoader):
    """PyYAML's safe loader with YAML 1.2 booleans (only true and false) and exponents.

    YAML 1.1 also reads yes/no/on/off as booleans, so Norway's id ``NO`` would become false;
    editors (the YAML language server) follow YAML 1.2, and so do we.
    """


_CSafeLoader = getattr(yaml, "CSafeLoader", None)


class FastScenarioYamlLoader(_CSafeLoader or yaml.SafeLoader):  # type: ignore[misc]
    """The same rules on libyaml's parser (when PyYAML has it): about ten times faster.

    Used first; on a syntax error the text is parsed again with the pure-Python parser so that
    messages are the same everywhere, with or without libyaml.
    """


for _loader in (ScenarioYamlLoader, FastScenarioYamlLoader):
    _loader.yaml_implicit_resolvers = {
        first: [(tag, rx) for tag, rx in resolvers if tag != BOOL_TAG]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }
    _loader.add_implicit_resolver(
        BOOL_TAG, re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
    )
    # YAML 1.2 also reads 1e3 and 2.5e-3 as numbers (PyYAML's 1.1 rules want 1.0e+3).
    _loader.add_implicit_resolver(
        YAML_TAG_PREFIX + "float",
        re.compile(r"^[-+]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)[eE][-+]?[0-9]+$"),
        list("-+0123456789."),
    )


@dataclass(frozen=True)
class Location:
    """Where a value was written: file (as shown to the user), 1-based line and column."""

    file: str
    line: int
    column: int


class Locations(dict[Path_, Location]):
    """Maps a field path such as ('states', 3, 'gas') to where it was written.

    ``removed`` remembers ids dropped by ``remove: true`` in an extending file, and where,
    so that a reference to a removed item can say why it no longer resolves.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.removed: dict[str, Location] = {}

    def nearest(self, path: Path_) -> Location | None:
        """The location of the path, or of its closest ancestor that has one."""
        for cut in range(len(path), -1, -1):
            found = self.get(tuple(path[:cut]))
            if found is not None:
                return found
        return None


def read_yaml(path: Path, display_name: str | None = None) -> tuple[Any, Locations]:
    """Read one YAML file into plain Python data plus the location of every node."""
    name = display_name or str(path)
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise ScenarioError(
            [Problem(name, None, None, "", f"cannot read file: {exc.strerror}")]
        ) from None
    if size > MAX_BYTES:
        raise ScenarioError([_too_big(name, size)])
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise ScenarioError([Problem(name, None, None, "", "file is not UTF-8 text")]) from None
    except OSError as exc:
        raise ScenarioError(
            [Problem(name, None, None, "", f"cannot read file: {exc.strerror}")]
        ) from None
    return parse_yaml(text, name)


def _too_big(name: str, size: int) -> Problem:
    return Problem(
        name,
        None,
        None,
        "",
        f"file is {size} bytes; the limit is {MAX_BYTES}",
        "split the toolkit into its own file, or remove repeated data",
    )


def parse_yaml(text: str, name: str) -> tuple[Any, Locations]:
    """Parse YAML text; raise ScenarioError with line numbers on any syntax problem."""
    try:
        size = len(text.encode("utf-8"))
    except UnicodeEncodeError as exc:
        line = text.count("\n", 0, exc.start) + 1
        raise ScenarioError(
            [Problem(name, line, None, "", "the text holds a character that is not valid Unicode")]
        ) from None
    if size > MAX_BYTES:
        raise ScenarioError([_too_big(name, size)])
    loader: Any = FastScenarioYamlLoader(text)
    try:
        try:
            root = loader.get_single_node()
        except (yaml.YAMLError, ValueError):  # UnicodeError is a ValueError
            loader.dispose()
            loader = ScenarioYamlLoader(text)
            root = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        col = mark.column + 1 if mark else None
        raise ScenarioError([Problem(name, line, col, "", *_syntax_message(exc))]) from None
    except yaml.YAMLError as exc:
        raise ScenarioError([Problem(name, None, None, "", f"YAML: {exc}")]) from None
    except RecursionError:
        raise ScenarioError(
            [Problem(name, None, None, "", f"values are nested more than {MAX_DEPTH} deep")]
        ) from None
    finally:
        loader.dispose()
    if root is None:
        return None, Locations()
    builder = _Builder(name, loader)
    data = builder.build(root, ())
    return data, builder.locations


def _syntax_message(exc: yaml.MarkedYAMLError) -> tuple[str, str]:
    """PyYAML's words, plus what a student most likely has to do about them."""
    problem = exc.problem or exc.context or "cannot read this"
    hint = ""
    if "found character '\\t'" in problem:
        hint = "YAML does not allow tabs for indentation; use spaces"
    elif "mapping values are not allowed" in problem:
        hint = "a ':' inside a value needs quotes, or the line is indented wrongly"
    elif "expected <block end>" in problem or "did not find expected" in problem:
        hint = "check the indentation of this line and the one above"
    elif "could not find expected ':'" in problem:
        hint = "each line of a mapping is 'key: value'"
    elif "found undefined alias" in problem:
        hint = "an '*' starts an alias; put the value in quotes"
    elif "found unhashable key" in problem:
        hint = "a key must be plain text"
    elif "expected ',' or ']'" in problem:
        hint = "a list written in [ ] needs its closing ']'"
    elif "expected ',' or '}'" in problem:
        hint = "a mapping written in { } needs its closing '}'"
    return f"YAML syntax: {problem}", hint


class _Builder:
    def __init__(self, name: str, loader: Any) -> None:
        self.name = name
        self.loader = loader
        self.locations = Locations()
        self.count = 0

    def fail(self, node: yaml.Node, path: Path_, message: str, hint: str = "") -> ScenarioError:
        mark = node.start_mark
        return ScenarioError(
            [Problem(self.name, mark.line + 1, mark.column + 1, _dotted(path), message, hint)]
        )

    def build(self, node: yaml.Node, path: Path_) -> Any:
        self.count += 1
        if self.count > MAX_NODES:
            raise self.fail(
                node, path, f"more than {MAX_NODES} values (aliases that repeat each other?)"
            )
        if len(path) > MAX_DEPTH:
            raise self.fail(node, path[:4], f"values are nested more than {MAX_DEPTH} deep")
        self.locations.setdefault(
            path, Location(self.name, node.start_mark.line + 1, node.start_mark.column + 1)
        )
        if node.tag not in STANDARD_TAGS:
            raise self.fail(
                node,
                path,
                f"tag '{_shown_tag(node.tag)}' is not allowed in scenarios",
                _tag_hint(node.tag),
            )
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, (*path, i)) for i, item in enumerate(node.value)]
        try:
            return self.loader.construct_object(node, deep=True)
        except (yaml.YAMLError, ValueError, OverflowError) as exc:
            what = "date" if node.tag.endswith(":timestamp") else "value"
            raise self.fail(
                node, path, f"cannot read this {what}: {exc}", "put it in quotes if it is text"
            ) from None

    def _mapping(self, node: yaml.MappingNode, path: Path_) -> dict[str, Any]:
        """A mapping's own keys, then what ``<<:`` merge keys bring in that it does not set."""
        result: dict[str, Any] = {}
        merged: list[yaml.Node] = []
        for key_node, value_node in node.value:
            if key_node.tag == MERGE_TAG:
                merged += self._merge_sources(key_node, value_node, path)
                continue
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag not in STANDARD_TAGS:
                raise self.fail(key_node, path, "keys must be plain text")
            key = str(self.loader.construct_scalar(key_node))
            if key in result:
                first = self.locations.get((*path, key))
                raise self.fail(
                    key_node,
                    (*path, key),
                    f"key {key!r} appears twice",
                    f"the first is on line {first.line}; keep one" if first else "",
                )
            self.locations[(*path, key)] = Location(
                self.name, key_node.start_mark.line + 1, key_node.start_mark.column + 1
            )
            result[key] = self.build(value_node, (*path, key))
        for source in merged:  # earlier sources win over later ones, as YAML says
            own, self.locations = self.locations, Locations()
            try:
                brought = self._mapping(source, path)
            finally:
                theirs, self.locations = self.locations, own
            for key, value in brought.items():
                if key not in result:
                    result[key] = value
                    self._adopt(theirs, (*path, key))
        return result

    def _adopt(self, theirs: Locations, prefix: Path_) -> None:
        """Keep where a merged-in value was written (at its anchor) for it and what it holds."""
        cut = len(prefix)
        for sub_path, place in theirs.items():
            if sub_path[:cut] == prefix:
                self.locations.setdefault(sub_path, place)

    def _merge_sources(
        self, key_node: yaml.Node, value_node: yaml.Node, path: Path_
    ) -> list[yaml.MappingNode]:
        """The mappings a merge key names: one alias (or mapping), or a list of them."""
        items = value_node.value if isinstance(value_node, yaml.SequenceNode) else [value_node]
        if not items or not all(isinstance(item, yaml.MappingNode) for item in items):
            raise self.fail(
                key_node,
                path,
                "a merge key ('<<') takes a mapping or a list of mappings",
                "e.g. '<<: *defaults' where '&defaults' marks a mapping",
            )
        return items


def _shown_tag(tag: str) -> str:
    """A tag as it was written: tag:yaml.org,2002:python/name -> !!python/name."""
    return "!!" + tag.removeprefix(YAML_TAG_PREFIX) if tag.startswith(YAML_TAG_PREFIX) else tag


def _tag_hint(tag: str) -> str:
    if "python" in tag:
        return "scenarios are data: Python objects cannot be built from them"
    return "write plain values: text, numbers, true/false, lists and mappings"


def _dotted(path: Path_) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


dotted = _dotted
"""A field path as people write it: ``states[0].gas.storage_fill``."""


def undotted(text: str) -> Path_:
    """The inverse of ``dotted`` for index paths: ``states[0].gas`` -> ('states', 0, 'gas')."""
    parts: list[str | int] = []
    for chunk in text.replace("[", ".[").split("."):
        if not chunk:
            continue
        if chunk.startswith("[") and chunk.endswith("]") and chunk[1:-1].isdigit():
            parts.append(int(chunk[1:-1]))
        else:
            parts.append(chunk)
    return tuple(parts)


def problem_at(
    where: Location | None, file: str, path: Path_, message: str, hint: str = ""
) -> Problem:
    """A problem at a field's written location (or just the file when it has none)."""
    return Problem(
        where.file if where else file,
        where.line if where else None,
        where.column if where else None,
        dotted(path),
        message,
        hint,
    )
