"""The sweep spec: a YAML file saying which scenarios, which parameters, which design, what to keep.

The words are EMA Workbench's: *uncertainties* are sampled by the design, *levers* are the
policy options crossed with every sample, *constants* are fixed for the whole sweep, and
*outcomes* are what each run records. Reading and checking follows the scenario loader: every
problem names the file, line, field, what was expected and, where it can, a did-you-mean.
"""

from __future__ import annotations

import difflib
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StrictBool,
    StrictFloat,
    StrictInt,
    StrictStr,
    ValidationError,
    field_validator,
    model_validator,
)

from ..scenario.errors import Problem, ScenarioError
from ..scenario.introspect import record_at
from ..scenario.yamlsafe import Locations, Path_, dotted, problem_at, read_yaml

Scalar = StrictBool | StrictInt | StrictFloat | StrictStr | None
DesignKind = Literal["full_factorial", "monte_carlo", "latin_hypercube", "sobol", "morris"]
DESIGN_KINDS: tuple[str, ...] = DesignKind.__args__  # type: ignore[attr-defined]
Over = Literal["last", "min", "max", "mean", "sum"]
MAX_REPLICATIONS = 1_000_000
Name = Annotated[str, Field(min_length=1, max_length=200, pattern=r"^[^\s,\"']+$")]


class SpecRecord(BaseModel):
    """Base of the spec's records: unknown keys are errors, values frozen once read."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Factor(SpecRecord):
    """One parameter of the sweep: where it goes in the scenario and which values it takes."""

    path: str = Field(
        description="Field in the scenario, e.g. states.DE.public_trust, "
        "adversaries.RU.risk_appetite, sharing.rate (list items by id or index)."
    )
    name: Name | None = Field(None, description="Column name in the results (default: path).")
    range: tuple[float, float] | None = Field(
        None, description="Lowest and highest value of a number, e.g. [0.2, 0.8]."
    )
    values: list[Scalar] | None = Field(
        None, min_length=1, description="The values to choose from (numbers or categories)."
    )
    levels: int | None = Field(
        None, ge=2, le=1000, description="Full factorial: evenly spaced values of a range."
    )

    @field_validator("range")
    @classmethod
    def _low_to_high(cls, value: tuple[float, float] | None) -> tuple[float, float] | None:
        if value is not None and not value[0] < value[1]:
            raise ValueError(f"a range goes from low to high (got {list(value)})")
        return value

    @model_validator(mode="after")
    def _range_or_values(self) -> Factor:
        if (self.range is None) == (self.values is None):
            raise ValueError("give exactly one of 'range' (two numbers) or 'values' (a list)")
        return self

    @property
    def column(self) -> str:
        return self.name or self.path


class DesignSpec(SpecRecord):
    """How the uncertainties are sampled."""

    kind: DesignKind = Field(
        "full_factorial",
        description="full_factorial, monte_carlo, latin_hypercube, sobol (Saltelli's scheme "
        "for Sobol indices) or morris (trajectories for Morris screening).",
    )
    samples: int | None = Field(
        None,
        ge=1,
        le=10_000_000,
        description="monte_carlo, latin_hypercube: number of points; sobol: base sample N "
        "(a power of 2; points = N·(k+2), or N·(2k+2) with second_order); morris: trajectories "
        "(points = N·(k+1)). Not used by full_factorial.",
    )
    levels: int | None = Field(
        None,
        ge=2,
        le=1000,
        description="full_factorial: values per range (default 3); morris: grid levels "
        "(default 4).",
    )
    second_order: bool = Field(False, description="sobol: also estimate second-order indices.")


class Outcome(SpecRecord):
    """A value recorded for each run: an indicator at the last turn (or min/max/mean/sum over
    turns), or a number from the run's summary."""

    path: str = Field(
        description="alliance.cohesion, states.DE.public_trust, states.mean.public_trust, "
        "adversaries.RU.successes, partner.availability, summary.alliance.cohesion_min, ..."
    )
    name: Name | None = Field(None, description="Column name (default: derived from the path).")
    over: Over | None = Field(
        None,
        description="Indicators: last turn, or min, max, mean, sum over turns. Leave it out for "
        "a level (the last turn); an amount per turn (successes, moves, shortfall_bcm) must say "
        "it, usually 'sum' for the run's total.",
    )

    @property
    def column(self) -> str:
        if self.name:
            return self.name
        return self.path if self.over in (None, "last") else f"{self.over}({self.path})"


class Outcomes(SpecRecord):
    final: list[Outcome] = Field(
        default_factory=list, description="One value per run, a column of runs.parquet."
    )
    series: list[str] = Field(
        default_factory=list,
        description="Indicators kept for every turn (the indicators/ dataset); '*' matches any "
        "entity or indicator, e.g. states.*.public_trust.",
    )


class SweepSpec(SpecRecord):
    """A complete sweep: what to vary, how to sample it, how often, and what to keep."""

    name: Annotated[str, Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.\-]*$", max_length=80)] | None = (
        Field(None, description="Name of the sweep (default: the file name).")
    )
    description: str = ""
    scenario: str | None = Field(None, description="Base scenario: a shipped name or a file.")
    scenarios: list[str] | None = Field(
        None, min_length=1, description="Several base scenarios, each crossed with the design."
    )
    turns: int | None = Field(
        None, ge=1, le=520, description="Turns per run (default: each scenario's)."
    )
    replications: int = Field(
        1, ge=1, le=MAX_REPLICATIONS, description="Runs per design point."
    )
    seed: int = Field(0, ge=0, le=2**63 - 1, description="Root seed of the whole sweep.")
    common_random_numbers: bool = Field(
        False, description="Give replication r the same seed at every design point."
    )
    design: DesignSpec = Field(default_factory=DesignSpec)
    uncertainties: list[Factor] = Field(default_factory=list)
    levers: list[Factor] = Field(default_factory=list)
    constants: dict[str, Scalar] = Field(
        default_factory=dict, description="Fields set to one value for the whole sweep."
    )
    outcomes: Outcomes

    @model_validator(mode="after")
    def _one_source(self) -> SweepSpec:
        if (self.scenario is None) == (self.scenarios is None):
            raise ValueError("give exactly one of 'scenario' (one name) or 'scenarios' (a list)")
        if not self.outcomes.final and not self.outcomes.series:
            raise ValueError("outcomes: list at least one under 'final' or 'series'")
        return self

    @property
    def scenario_refs(self) -> list[str]:
        return [self.scenario] if self.scenario is not None else list(self.scenarios or [])


@dataclass
class LoadedSpec:
    """A spec with where it came from: file name for messages, folder for relative paths."""

    spec: SweepSpec
    source: str
    folder: Path
    locations: Locations = field(default_factory=Locations)
    text: str | None = None

    def at(self, path: Path_, message: str, suggestion: str = "") -> Problem:
        """A problem at a spec path, with the line it was written on."""
        where = self.locations.nearest(path)
        return Problem(
            where.file if where else self.source,
            where.line if where else None,
            where.column if where else None,
            dotted(path),
            message,
            suggestion,
        )


def load_spec(source: str | Path | dict[str, Any] | SweepSpec | LoadedSpec) -> LoadedSpec:
    """Read and check a sweep spec from a file, a dict (notebooks) or a spec object."""
    if isinstance(source, LoadedSpec):
        return source
    if isinstance(source, SweepSpec):
        return LoadedSpec(source, "<spec>", Path.cwd())
    if isinstance(source, dict):
        return _validate(dict(source), Locations(), "<spec>", Path.cwd(), "spec")
    path = Path(source)
    if not path.exists() and path.suffix not in (".yaml", ".yml"):
        shipped = Path(__file__).resolve().parents[3] / "scenarios" / "sweeps" / f"{path}.yaml"
        if shipped.exists():
            path = shipped
    data, locations = read_yaml(path, str(source))
    loaded = _validate(data, locations, str(source), path.resolve().parent, path.stem)
    loaded.text = path.read_text(encoding="utf-8")
    return loaded


def _validate(
    data: Any, locations: Locations, source: str, folder: Path, default_name: str
) -> LoadedSpec:
    if not isinstance(data, dict):
        raise ScenarioError([Problem(source, 1, 1, "", "a sweep spec must be a mapping of fields")])
    data = _normalise(data)
    try:
        spec = SweepSpec.model_validate(data)
    except ValidationError as exc:
        raise ScenarioError(_problems(exc, data, locations, source)) from None
    if spec.name is None:
        safe = "".join(c if c.isalnum() or c in "_.-" else "-" for c in default_name) or "sweep"
        spec = spec.model_copy(update={"name": safe})
    return LoadedSpec(spec, source, folder, locations)


def _normalise(data: dict[str, Any]) -> dict[str, Any]:
    """Shorthands: an outcome may be written as its path alone."""
    outcomes = data.get("outcomes")
    if isinstance(outcomes, dict) and isinstance(outcomes.get("final"), list):
        outcomes = dict(outcomes)
        outcomes["final"] = [{"path": o} if isinstance(o, str) else o for o in outcomes["final"]]
        data = {**data, "outcomes": outcomes}
    return data


# --------------------------------------------------------------------------------------------
# pydantic's errors, told the way the scenario loader tells them
# --------------------------------------------------------------------------------------------
def _problems(exc: ValidationError, data: Any, locations: Locations, source: str) -> list[Problem]:
    grouped: dict[Path_, list[dict[str, Any]]] = {}
    for error in exc.errors(include_url=False):
        grouped.setdefault(_data_path(error["loc"], data), []).append(error)
    problems: list[Problem] = []
    for path, errors in grouped.items():
        message, hint = _describe(errors, path)
        problems.append(problem_at(locations.nearest(path), source, path, message, hint))
    return sorted(problems, key=lambda p: (p.line or 0, p.column or 0))


def _data_path(loc: tuple[Any, ...], data: Any) -> Path_:
    """Keep the parts of pydantic's location that exist in the data (drops union tags)."""
    path: list[str | int] = []
    node = data
    for part in loc:
        if (isinstance(node, dict) and part in node) or (
            isinstance(node, list) and isinstance(part, int) and part < len(node)
        ):
            path.append(part)
            node = node[part]
        elif isinstance(node, dict) and isinstance(part, str) and not _is_tag(part):
            # An unknown or missing key: keep it so the message names it.
            path.append(part)
            node = None
    return tuple(path)


def _is_tag(part: str) -> bool:
    """pydantic's names for union members, which are not keys of the data."""
    return part in {"str", "int", "float", "bool", "none"} or "[" in part or "-" in part


def _describe(errors: list[dict[str, Any]], path: Path_) -> tuple[str, str]:
    first = errors[0]
    kind = first["type"]
    got = first.get("input")
    if kind == "extra_forbidden":
        record = record_at(tuple(p for p in path[:-1]), SweepSpec)
        allowed = list(record.model_fields) if record else []
        close = difflib.get_close_matches(str(path[-1]), allowed, n=1, cutoff=0.6)
        hint = f"did you mean '{close[0]}'?" if close else f"allowed: {', '.join(allowed)}"
        return f"unknown field '{path[-1]}'", hint
    if kind == "missing":
        return "this field is required", ""
    if kind == "literal_error":
        expected = first.get("ctx", {}).get("expected", "")
        options = [o.strip(" '") for o in expected.replace(" or ", ", ").split(",")]
        close = difflib.get_close_matches(str(got), options, n=1, cutoff=0.5)
        hint = f"did you mean '{close[0]}'?" if close else ""
        return f"expected one of {expected} (got {got!r})", hint
    if len(errors) > 1 and all(e["type"].endswith("_type") for e in errors):
        return f"expected a number, true/false, a word or null (got {got!r})", ""
    message = first["msg"]
    message = message[0].lower() + message[1:]
    if message.startswith("value error, "):
        message = message[len("value error, ") :]
    if not isinstance(got, dict | list) and kind != "value_error":
        message += f" (got {got!r})"
    return message, ""


def is_power_of_two(n: int) -> bool:
    return n > 0 and math.log2(n).is_integer()
