"""Reading the schema itself: what type, range, default and example a field has.

One walker serves the loader's messages ("expected a number from 0 to 1") and the generated
reference docs, so the two can never disagree with each other or with the records.
"""

from __future__ import annotations

import datetime as dt
import enum
import types
import typing
from dataclasses import dataclass, field
from typing import Any

import yaml
from pydantic import BaseModel
from pydantic.fields import FieldInfo
from pydantic_core import PydanticUndefined

from .schema import Scenario

PathParts = tuple[str | int, ...]


@dataclass(frozen=True)
class Constraints:
    """Bounds and rules gathered from a field's annotations."""

    ge: float | None = None
    gt: float | None = None
    le: float | None = None
    lt: float | None = None
    min_length: int | None = None
    max_length: int | None = None
    pattern: str | None = None


@dataclass(frozen=True)
class Slot:
    """What the schema expects at one place in the data."""

    annotation: Any
    constraints: Constraints = field(default_factory=Constraints)
    info: FieldInfo | None = None
    nullable: bool = False


def _collect(metadata: list[Any], found: dict[str, Any]) -> None:
    for item in metadata:
        if isinstance(item, FieldInfo):
            _collect(list(item.metadata), found)
            continue
        for name in ("ge", "gt", "le", "lt", "min_length", "max_length", "pattern"):
            value = getattr(item, name, None)
            if value is not None and name not in found:
                found[name] = value


def strip(annotation: Any, metadata: list[Any] | None = None) -> tuple[Any, Constraints, bool]:
    """Remove Annotated and Optional wrappers; return the bare type, its constraints, nullable."""
    found: dict[str, Any] = {}
    _collect(list(metadata or []), found)
    nullable = False
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            args = typing.get_args(annotation)
            _collect(list(args[1:]), found)
            annotation = args[0]
        elif origin in (typing.Union, types.UnionType):
            args = [a for a in typing.get_args(annotation) if a is not type(None)]
            nullable = nullable or len(args) < len(typing.get_args(annotation))
            if len(args) == 1:
                annotation = args[0]
            else:
                annotation = typing.Union[tuple(args)]  # noqa: UP007 - rebuilt at run time
                break
        else:
            break
    return annotation, Constraints(**found), nullable


def is_record(annotation: Any) -> bool:
    return isinstance(annotation, type) and issubclass(annotation, BaseModel)


def union_members(annotation: Any) -> list[Any]:
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        return [strip(a)[0] for a in typing.get_args(annotation)]
    return [annotation]


def slot_at(path: PathParts, root: type[BaseModel] = Scenario) -> Slot | None:
    """The schema's expectation at a data path such as ('states', 0, 'gas', 'storage_fill')."""
    current = Slot(root)
    for part in path:
        bare = current.annotation
        if typing.get_origin(bare) in (typing.Union, types.UnionType):
            # Walk into the member that can hold this kind of part.
            for member in union_members(bare):
                if (isinstance(part, int) and typing.get_origin(member) is list) or (
                    isinstance(part, str)
                    and (is_record(member) or typing.get_origin(member) is dict)
                ):
                    bare = member
                    break
            else:
                return None
        if is_record(bare):
            if not isinstance(part, str) or part not in bare.model_fields:
                return None
            info = bare.model_fields[part]
            ann, cons, nullable = strip(info.annotation, list(info.metadata))
            current = Slot(ann, cons, info, nullable)
        elif typing.get_origin(bare) is list and isinstance(part, int):
            ann, cons, nullable = strip(typing.get_args(bare)[0])
            current = Slot(ann, cons, None, nullable)
        elif typing.get_origin(bare) is dict and isinstance(part, str):
            ann, cons, nullable = strip(typing.get_args(bare)[1])
            current = Slot(ann, cons, None, nullable)
        else:
            return None
    return current


def record_at(path: PathParts, root: type[BaseModel] = Scenario) -> type[BaseModel] | None:
    """The record class that holds the fields at this path (None when it is not a record)."""
    slot = slot_at(path, root)
    if slot is None:
        return None
    for member in union_members(slot.annotation):
        if is_record(member):
            return member
    return None


# --------------------------------------------------------------------------------------------
# Words for types, ranges, defaults and examples
# --------------------------------------------------------------------------------------------
def choices(annotation: Any) -> list[str] | None:
    """The allowed values of a Literal or enum type, else None."""
    if typing.get_origin(annotation) is typing.Literal:
        return [str(a) for a in typing.get_args(annotation)]
    if isinstance(annotation, type) and issubclass(annotation, enum.Enum):
        return [str(m.value) for m in annotation]
    return None


def describe_type(
    annotation: Any, constraints: Constraints | None = None, link: bool = False
) -> str:
    """A type in words a student knows: 'number', 'whole number', 'list of ids', ..."""
    constraints = constraints or Constraints()
    members = union_members(annotation)
    if len(members) > 1:
        return " or ".join(describe_type(m, None, link) for m in members)
    if is_record(annotation):
        name = annotation.__name__
        return f"[{name}](#{name.lower()})" if link else f"{name} (a mapping of fields)"
    origin = typing.get_origin(annotation)
    if origin is list:
        inner, cons, _ = strip(typing.get_args(annotation)[0])
        return f"list of {_plural(describe_type(inner, cons, link))}"
    if origin is dict:
        key, key_cons, _ = strip(typing.get_args(annotation)[0])
        value, value_cons, _ = strip(typing.get_args(annotation)[1])
        keys = describe_type(key, key_cons, link)
        return f"map of {keys} → {describe_type(value, value_cons, link)}"
    if isinstance(annotation, type) and issubclass(annotation, enum.Enum):
        return _words(annotation.__name__)
    if choices(annotation) is not None:
        return "choice"
    if annotation is bool:
        return "true or false"
    if annotation is int:
        return "whole number"
    if annotation is float:
        return "number"
    if annotation is dt.date:
        return "date"
    if annotation is str:
        return "id" if constraints.pattern else "text"
    return getattr(annotation, "__name__", str(annotation))


def _words(camel: str) -> str:
    """AssetType -> 'asset type'."""
    out = ""
    for ch in camel:
        out += f" {ch.lower()}" if ch.isupper() and out else ch.lower()
    return out


def _plural(words: str) -> str:
    if words.startswith("["):
        return words
    if " " in words and not words.endswith(")"):
        head, _, tail = words.rpartition(" ")
        return f"{head} {_plural(tail)}"
    if words.endswith(")"):
        return words
    if words in ("text", "true or false"):
        return words
    return words + "s"


def _num(value: float) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)


def describe_range(slot: Slot) -> str:
    """The allowed values in words ('0 to 1', '≥ 0', 'one of ...'), or '' when unrestricted."""
    c = slot.constraints
    ann = slot.annotation
    options = choices(ann)
    if options is not None:
        return ", ".join(options)
    if typing.get_origin(ann) is dict:
        value, value_cons, _ = strip(typing.get_args(ann)[1])
        key = strip(typing.get_args(ann)[0])[0]
        inner = describe_range(Slot(value, value_cons))
        key_options = choices(key)
        parts = []
        if key_options:
            parts.append("keys: " + ", ".join(key_options))
        if inner:
            parts.append("values " + inner)
        return "; ".join(parts)
    if typing.get_origin(ann) is list:
        inner, inner_cons, _ = strip(typing.get_args(ann)[0])
        text = describe_range(Slot(inner, inner_cons))
        if c.min_length:
            length = f"at least {c.min_length} item{'s' if c.min_length != 1 else ''}"
            text = f"{length}; {text}" if text else length
        return text
    return bounds_text(c)


def bounds_text(c: Constraints) -> str:
    low = c.ge if c.ge is not None else c.gt
    high = c.le if c.le is not None else c.lt
    if low is not None and high is not None and c.gt is None and c.lt is None:
        return f"{_num(low)} to {_num(high)}"
    parts = []
    if c.ge is not None:
        parts.append(f"at least {_num(c.ge)}")
    if c.gt is not None:
        parts.append(f"more than {_num(c.gt)}")
    if c.le is not None:
        parts.append(f"at most {_num(c.le)}")
    if c.lt is not None:
        parts.append(f"less than {_num(c.lt)}")
    return ", ".join(parts)


def expected_number(slot: Slot) -> str:
    """'a number from 0 to 1', 'a whole number from 1 to 520', 'a number ≥ 0'."""
    noun = "a whole number" if slot.annotation is int else "a number"
    c = slot.constraints
    if c.ge is not None and c.le is not None:
        return f"{noun} from {_num(c.ge)} to {_num(c.le)}"
    text = bounds_text(Constraints(ge=c.ge, gt=c.gt, le=c.le, lt=c.lt))
    if c.gt is not None and c.le is not None:
        text = f"more than {_num(c.gt)} and at most {_num(c.le)}"
    if text.startswith(("at least", "at most")):
        return f"{noun} of {text}"
    return f"{noun} {text}" if text else noun


def flow(value: Any) -> str:
    """A value written the way it would be in a scenario file, on one line."""
    if isinstance(value, enum.Enum):
        value = value.value
    if isinstance(value, BaseModel):
        value = value.model_dump(mode="json", exclude_defaults=True)
    if isinstance(value, float):
        return _num(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    text = yaml.safe_dump(
        value, default_flow_style=True, width=10_000, allow_unicode=True, sort_keys=False
    )
    return text.removesuffix("\n").removesuffix("\n...").strip()


def default_of(info: FieldInfo) -> tuple[bool, Any]:
    """(required, default value); a factory is called so its product can be shown."""
    if info.is_required():
        return True, None
    if info.default_factory is not None:
        return False, info.default_factory()  # type: ignore[call-arg]
    return False, None if info.default is PydanticUndefined else info.default


def describe_default(info: FieldInfo) -> str:
    extra = info.json_schema_extra
    if isinstance(extra, dict) and "default_doc" in extra:  # a table too big for one cell
        return str(extra["default_doc"])
    required, value = default_of(info)
    if required:
        return "required"
    if value is None:
        return "none"
    if isinstance(value, BaseModel):
        return "all defaults" if not value.model_dump(exclude_defaults=True) else flow(value)
    if isinstance(value, dict) and any(isinstance(v, BaseModel) for v in value.values()):
        value = {k: v.model_dump() if isinstance(v, BaseModel) else v for k, v in value.items()}
    if value in ([], {}):
        return "empty"
    if value == "":
        return '""'
    if isinstance(value, float):
        return _num(value)
    return flow(value)


def example_of(info: FieldInfo) -> Any:
    examples = info.examples or []
    return examples[0] if examples else None


def record_classes(root: type[BaseModel] = Scenario) -> list[type[BaseModel]]:
    """Every record reachable from the root, in reading order (breadth first)."""
    seen: list[type[BaseModel]] = [root]
    queue = [root]
    while queue:
        model = queue.pop(0)
        for info in model.model_fields.values():
            for inner in _records_in(info.annotation):
                if inner not in seen:
                    seen.append(inner)
                    queue.append(inner)
    return seen


def _records_in(annotation: Any) -> list[type[BaseModel]]:
    bare, _, _ = strip(annotation)
    out: list[type[BaseModel]] = []
    for member in union_members(bare):
        if is_record(member):
            out.append(member)
        elif typing.get_origin(member) in (list, dict):
            for arg in typing.get_args(member):
                out += _records_in(arg)
    return out


def record_paths(root: type[BaseModel] = Scenario) -> dict[type[BaseModel], list[str]]:
    """Where each record is used, as dotted paths with [] for list items ('states[].gas')."""
    out: dict[type[BaseModel], list[str]] = {root: [""]}
    queue: list[tuple[type[BaseModel], str]] = [(root, "")]
    while queue:
        model, prefix = queue.pop(0)
        for name, info in model.model_fields.items():
            for inner, suffix in _records_with_suffix(info.annotation):
                path = f"{prefix}.{name}{suffix}" if prefix else f"{name}{suffix}"
                if path.count(".") > 6:
                    continue
                out.setdefault(inner, [])
                if path not in out[inner]:
                    out[inner].append(path)
                    queue.append((inner, path))
    return out


def _records_with_suffix(annotation: Any) -> list[tuple[type[BaseModel], str]]:
    bare, _, _ = strip(annotation)
    out: list[tuple[type[BaseModel], str]] = []
    for member in union_members(bare):
        if is_record(member):
            out.append((member, ""))
        elif typing.get_origin(member) is list:
            out += [(m, f"[]{s}") for m, s in _records_with_suffix(typing.get_args(member)[0])]
        elif typing.get_origin(member) is dict:
            out += [(m, f".<key>{s}") for m, s in _records_with_suffix(typing.get_args(member)[1])]
    return out
