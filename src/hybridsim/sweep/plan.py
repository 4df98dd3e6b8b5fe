"""The plan: a checked spec turned into everything a sweep needs, before any run starts.

Loads the base scenarios, applies the constants, resolves every parameter path in every base
scenario, checks values, builds the design, checks outcomes against a one-turn probe run, and
fingerprints the lot so a resumed sweep can prove it is the same sweep. All problems are
collected and reported together, each at its line in the spec.
"""

from __future__ import annotations

import hashlib
import json
import math
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import yaml

from .. import __version__
from ..scenario.errors import Problem, ScenarioError
from ..scenario.loader import load
from ..scenario.schema import Scenario
from ..scenario.yamlsafe import dotted
from .design import Design, Factor, build_design, point_count
from .outcomes import (
    FinalOutcome,
    Inventory,
    OutcomeError,
    OutcomeSet,
    expand_series,
    final_outcome,
)
from .paths import FieldRef, InvalidPointError, PathError, apply, resolve
from .seeds import design_seed, run_seed
from .spec import MAX_REPLICATIONS, LoadedSpec, SweepSpec, is_power_of_two, load_spec
from .spec import Factor as SpecFactor

RESERVED = ("run_id", "point", "replication", "scenario", "seed", "status", "error", "wall_time")
SAMPLED = ("monte_carlo", "latin_hypercube", "sobol", "morris")
Role = Literal["uncertainty", "lever"]


@dataclass(frozen=True)
class Parameter:
    """A swept parameter: its column name, role, values and place in each base scenario."""

    name: str
    role: Role
    factor: Factor
    refs: tuple[FieldRef, ...]

    @property
    def kind(self) -> str:
        return self.refs[0].kind

    @property
    def path(self) -> str:
        return self.refs[0].path


@dataclass(frozen=True)
class RunSpec:
    """One run: its id, design point, replication, base scenario, values and seed."""

    run_id: int
    point: int
    replication: int
    scenario: int
    values: tuple[Any, ...]
    seed: int


@dataclass(frozen=True)
class WorkerContext:
    """What a worker needs to run any run of this sweep (sent with every batch)."""

    token: str
    scenarios: tuple[Scenario, ...]
    refs: tuple[tuple[FieldRef, ...], ...]  # [scenario][parameter]
    outcomes: OutcomeSet
    turns: int | None


@dataclass(frozen=True)
class Plan:
    """A checked sweep: scenarios, parameters, design, outcomes, seeds and fingerprint."""

    spec: SweepSpec
    spec_text: str | None
    scenario_names: tuple[str, ...]
    scenarios: tuple[Scenario, ...]
    parameters: tuple[Parameter, ...]
    outcomes: OutcomeSet
    design: Design
    fingerprint: str

    @property
    def name(self) -> str:
        return self.spec.name or "sweep"

    @property
    def replications(self) -> int:
        return self.spec.replications

    @property
    def seed(self) -> int:
        return self.spec.seed

    @property
    def n_points(self) -> int:
        return self.design.n_points

    @property
    def n_runs(self) -> int:
        return self.design.n_points * self.spec.replications

    def run(self, run_id: int) -> RunSpec:
        point, rep = divmod(run_id, self.spec.replications)
        scenario, _, _ = self.design.locate(point)
        seed = run_seed(self.spec.seed, point, rep, self.spec.common_random_numbers)
        return RunSpec(run_id, point, rep, scenario, self.design.values(point), seed)

    def runs(self, run_ids: Iterable[int]) -> list[RunSpec]:
        return [self.run(r) for r in run_ids]

    def context(self) -> WorkerContext:
        refs = tuple(tuple(p.refs[s] for p in self.parameters) for s in range(len(self.scenarios)))
        return WorkerContext(self.fingerprint, self.scenarios, refs, self.outcomes, self.spec.turns)

    def manifest(self) -> dict[str, Any]:
        """What the output folder records about this sweep (read back by the analysis)."""
        d = self.design
        return {
            "format": 1,
            "name": self.name,
            "description": self.spec.description,
            "fingerprint": self.fingerprint,
            "hybridsim": __version__,
            "seed": self.spec.seed,
            "replications": self.spec.replications,
            "common_random_numbers": self.spec.common_random_numbers,
            "turns": self.spec.turns,
            "scenarios": list(self.scenario_names),
            "design": {
                "kind": d.kind,
                "samples": d.base_samples,
                "levels": d.levels,
                "second_order": d.second_order,
                "n_samples": d.n_samples,
                "n_groups": d.n_groups,
                "n_points": d.n_points,
            },
            "n_runs": self.n_runs,
            "parameters": [
                {
                    "name": p.name,
                    "path": p.path,
                    "role": p.role,
                    "kind": p.kind,
                    "range": [p.factor.low, p.factor.high] if p.factor.is_range else None,
                    "values": None if p.factor.values is None else list(p.factor.values),
                }
                for p in self.parameters
            ],
            "outcomes": {
                "final": [
                    {
                        "column": o.column,
                        "path": o.path,
                        "over": o.over,
                        "dtype": o.dtype,
                        "unit": o.unit,
                        "reduction": o.reduction,
                    }
                    for o in self.outcomes.final
                ],
                "series": list(self.outcomes.series),
            },
        }


def make_plan(
    source: str | Path | dict[str, Any] | SweepSpec | LoadedSpec,
    *,
    replications: int | None = None,
    seed: int | None = None,
) -> Plan:
    """Check a spec completely and plan the sweep; raise ScenarioError listing every problem."""
    loaded = load_spec(source)
    update: dict[str, Any] = {}
    if replications is not None:
        update["replications"] = int(replications)
    if seed is not None:
        update["seed"] = int(seed)
    spec = loaded.spec.model_copy(update=update) if update else loaded.spec
    if not 1 <= spec.replications <= MAX_REPLICATIONS or not 0 <= spec.seed < 2**63:
        raise ScenarioError(
            [
                loaded.at(
                    (),
                    f"replications must be 1 to {MAX_REPLICATIONS:,} and seed in 0..2^63-1 "
                    f"(got {spec.replications} and {spec.seed})",
                )
            ]
        )
    problems: list[Problem] = []
    names, bases = _load_scenarios(loaded, spec, problems)
    if problems:
        raise ScenarioError(problems)
    bases = _apply_constants(loaded, spec, bases, problems)
    parameters = _parameters(loaded, spec, bases, problems)
    _check_design(loaded, spec, problems)
    outcomes = _outcomes(loaded, spec, bases, problems)
    _check_columns(loaded, spec, problems)
    if problems:
        raise ScenarioError(sorted(problems, key=_by_line))
    design = build_design(
        spec.design.kind,
        [p.factor for p in parameters if p.role == "uncertainty"],
        [p.factor for p in parameters if p.role == "lever"],
        len(bases),
        spec.design.samples,
        spec.design.levels,
        spec.design.second_order,
        design_seed(spec.seed),
    )
    fingerprint = _fingerprint(spec, bases)
    text = loaded.text
    if text is None:  # a spec given as a dict or object: keep it as YAML for the record
        text = yaml.safe_dump(spec.model_dump(mode="json", exclude_none=True), sort_keys=False)
    return Plan(
        spec,
        text,
        tuple(names),
        tuple(bases),
        tuple(parameters),
        outcomes,
        design,
        fingerprint,
    )


def _load_scenarios(
    loaded: LoadedSpec, spec: SweepSpec, problems: list[Problem]
) -> tuple[list[str], list[Scenario]]:
    names: list[str] = []
    bases: list[Scenario] = []
    key: tuple[str | int, ...]
    for i, ref in enumerate(spec.scenario_refs):
        key = ("scenario",) if spec.scenario is not None else ("scenarios", i)
        local = loaded.folder / ref
        try:
            scenario = load(local if local.is_file() else ref).scenario
        except ScenarioError as exc:
            problems.append(loaded.at(key, f"cannot load scenario '{ref}' (problems follow)"))
            problems.extend(exc.problems)
            continue
        if scenario.name in names:
            problems.append(loaded.at(key, f"scenario '{scenario.name}' is listed twice"))
            continue
        names.append(scenario.name)
        bases.append(scenario)
    return names, bases


def _apply_constants(
    loaded: LoadedSpec, spec: SweepSpec, bases: list[Scenario], problems: list[Problem]
) -> list[Scenario]:
    if not spec.constants:
        return bases
    out = []
    for base in bases:
        settings = []
        for path, value in spec.constants.items():
            try:
                ref = resolve(base, path)
            except PathError as exc:
                problems.append(loaded.at(("constants", path), exc.message, exc.suggestion))
                continue
            settings.append((ref.data_path, ref.coerce(value)))
        try:
            out.append(apply(base, settings))
        except InvalidPointError as exc:
            problems.append(loaded.at(("constants",), f"scenario '{base.name}': {exc}"))
            out.append(base)
    return out


def _parameters(
    loaded: LoadedSpec, spec: SweepSpec, bases: list[Scenario], problems: list[Problem]
) -> list[Parameter]:
    out: list[Parameter] = []
    for role, group in (("uncertainty", spec.uncertainties), ("lever", spec.levers)):
        key = "uncertainties" if role == "uncertainty" else "levers"
        for i, item in enumerate(group):
            refs: list[FieldRef] = []
            for base in bases:
                try:
                    refs.append(resolve(base, item.path))
                except PathError as exc:
                    where = f" (scenario '{base.name}')" if len(bases) > 1 else ""
                    problems.append(
                        loaded.at((key, i, "path"), exc.message + where, exc.suggestion)
                    )
                    break
            if len(refs) != len(bases):
                continue
            kinds = {r.kind for r in refs}
            if len(kinds) > 1:
                problems.append(loaded.at((key, i, "path"), "differs in type between scenarios"))
                continue
            ref = refs[0]
            factor = _factor(loaded, (key, i), item, ref, bases, refs, problems)
            if factor is not None:
                out.append(Parameter(item.column, role, factor, tuple(refs)))  # type: ignore[arg-type]
    return out


def _factor(
    loaded: LoadedSpec,
    where: tuple[str | int, ...],
    item: SpecFactor,
    ref: FieldRef,
    bases: list[Scenario],
    refs: list[FieldRef],
    problems: list[Problem],
) -> Factor | None:
    """The design factor of a parameter, after checking its values against every scenario."""
    if item.range is not None:
        if ref.kind not in ("int", "float"):
            problems.append(
                loaded.at(
                    (*where, "range"),
                    f"'{item.path}' takes {ref.expected}, so it has no range",
                    "list the choices under 'values'",
                )
            )
            return None
        low, high = item.range
        for value in (low, high):
            if not _fits(bases, refs, value):
                problems.append(
                    loaded.at(
                        (*where, "range"),
                        f"{value:g} is outside what '{item.path}' allows: {ref.expected}",
                    )
                )
                return None
        return Factor(item.column, low, high, None, ref.kind == "int", item.levels)
    values = []
    for j, value in enumerate(item.values or []):
        try:
            coerced = ref.coerce(value)
        except (TypeError, ValueError):
            coerced = None
        if (coerced is None and value is not None) or not _fits(bases, refs, coerced):
            problems.append(
                loaded.at(
                    (*where, "values", j),
                    f"{value!r} is not allowed for '{item.path}': expected {ref.expected}",
                )
            )
            return None
        values.append(coerced)
    if len(set(map(repr, values))) != len(values):
        problems.append(loaded.at((*where, "values"), "a value is listed twice"))
        return None
    return Factor(item.column, None, None, tuple(values), ref.kind == "int", item.levels)


def _fits(bases: list[Scenario], refs: list[FieldRef], value: Any) -> bool:
    try:
        for base, ref in zip(bases, refs, strict=True):
            apply(base, [(ref.data_path, ref.coerce(value))], semantic=False)
    except (InvalidPointError, TypeError, ValueError):
        return False
    return True


def _check_design(loaded: LoadedSpec, spec: SweepSpec, problems: list[Problem]) -> None:
    design = spec.design
    d = len(spec.uncertainties)
    if design.kind in SAMPLED:
        if design.samples is None:
            problems.append(
                loaded.at(("design",), f"design '{design.kind}' needs 'samples'", "e.g. 16")
            )
            return
        if d == 0:
            problems.append(
                loaded.at(
                    ("design",),
                    f"design '{design.kind}' samples uncertainties; none given",
                    "add uncertainties, or use kind: full_factorial for levers only",
                )
            )
    if design.kind == "sobol" and design.samples and not is_power_of_two(design.samples):
        low = 2 ** int(math.log2(design.samples))
        problems.append(
            loaded.at(
                ("design", "samples"),
                f"Sobol sampling needs a power of 2 (got {design.samples})",
                f"use {low} or {low * 2}",
            )
        )
    total = point_count(design.kind, d, design.samples, design.second_order)
    if total > 50_000_000:
        problems.append(loaded.at(("design",), f"{total} design points is more than 50 million"))


def _outcomes(
    loaded: LoadedSpec, spec: SweepSpec, bases: list[Scenario], problems: list[Problem]
) -> OutcomeSet:
    from ..api import simulate

    inventories = []
    for base in bases:
        try:
            inventories.append(Inventory.from_result(simulate(base, seed=spec.seed, turns=1)))
        except Exception as exc:  # a scenario the model cannot run at all
            problems.append(
                loaded.at((), f"scenario '{base.name}' does not run: {type(exc).__name__}: {exc}")
            )
            return OutcomeSet((), ())
    final: list[FinalOutcome] = []
    for i, item in enumerate(spec.outcomes.final):
        try:
            final.append(final_outcome(item.path, item.column, item.over, inventories))
        except OutcomeError as exc:
            problems.append(loaded.at(("outcomes", "final", i), exc.message, exc.suggestion))
    series: list[str] = []
    for i, pattern in enumerate(spec.outcomes.series):
        try:
            series += [k for k in expand_series(pattern, inventories) if k not in series]
        except OutcomeError as exc:
            problems.append(loaded.at(("outcomes", "series", i), exc.message, exc.suggestion))
    return OutcomeSet(tuple(final), tuple(series))


def _check_columns(loaded: LoadedSpec, spec: SweepSpec, problems: list[Problem]) -> None:
    """Parameters and final outcomes share runs.parquet, so their column names must differ."""
    seen: dict[str, str] = dict.fromkeys(RESERVED, "hybridsim")
    items: list[tuple[str, tuple[str | int, ...]]] = []
    for key, group in (("uncertainties", spec.uncertainties), ("levers", spec.levers)):
        items += [(f.column, (key, i)) for i, f in enumerate(group)]
    items += [(o.column, ("outcomes", "final", i)) for i, o in enumerate(spec.outcomes.final)]
    for column, where in items:
        if column in seen:
            owner = seen[column]
            problems.append(
                loaded.at(
                    where,
                    f"column '{column}' is already used by {owner}",
                    "give this entry a different 'name'",
                )
            )
        else:
            seen[column] = dotted(where)


def _by_line(problem: Problem) -> tuple[str, int, int]:
    return (problem.file, problem.line or 0, problem.column or 0)


def _fingerprint(spec: SweepSpec, bases: list[Scenario]) -> str:
    """A hash of everything that decides the results (spec after overrides, base scenarios)."""
    blob = json.dumps(
        {
            "spec": spec.model_dump(mode="json", exclude={"description"}),
            "scenarios": [b.model_dump(mode="json") for b in bases],
        },
        sort_keys=True,
        separators=(",", ":"),
    )
    return hashlib.sha256(blob.encode()).hexdigest()
