"""Designs: which parameter values each design point gets.

Uncertainties are sampled in the unit cube (full factorial grid, Monte Carlo, Latin hypercube,
Sobol/Saltelli or Morris trajectories) and mapped to values; levers are crossed with every
sample, and so are the base scenarios (EMA Workbench's scenarios × policies). Why the unit cube:
one mapping serves every design, numbers and categories alike, and SALib's analyses get the
matrix they sampled.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from .problem import salib_problem

DEFAULT_LEVELS = {"full_factorial": 3, "morris": 4}


@dataclass(frozen=True)
class Factor:
    """A parameter's values: a numeric range or a list of choices (numbers or categories)."""

    name: str
    low: float | None = None
    high: float | None = None
    values: tuple[Any, ...] | None = None
    integer: bool = False
    levels: int | None = None

    @property
    def is_range(self) -> bool:
        return self.values is None

    def from_unit(self, u: float) -> Any:
        """The value at position u in [0, 1] (choices split [0, 1] into equal parts)."""
        u = min(max(float(u), 0.0), 1.0)
        if self.values is not None:
            return self.values[min(int(u * len(self.values)), len(self.values) - 1)]
        if self.low is None or self.high is None:  # pragma: no cover - ranges have both
            raise ValueError(f"factor {self.name} has neither values nor a range")
        if self.integer:
            lo, hi = math.ceil(self.low), math.floor(self.high)
            return int(min(lo + math.floor(u * (hi - lo + 1)), hi))
        return self.low + u * (self.high - self.low)

    def grid(self, levels: int) -> list[float]:
        """Unit positions of a full-factorial grid: every choice, or evenly spaced values."""
        if self.values is not None:
            k = len(self.values)
            return [(i + 0.5) / k for i in range(k)]
        n = self.levels or levels
        if self.integer and self.low is not None and self.high is not None:
            n = min(n, math.floor(self.high) - math.ceil(self.low) + 1)
        return [i / (n - 1) for i in range(n)] if n > 1 else [0.0]


@dataclass(frozen=True)
class Design:
    """All design points: scenario × lever combination × uncertainty sample, in that order."""

    kind: str
    uncertainties: tuple[Factor, ...]
    levers: tuple[Factor, ...]
    unit: np.ndarray  # samples × uncertainties, in [0, 1]
    lever_rows: tuple[tuple[Any, ...], ...]
    n_scenarios: int
    levels: int | None = None
    second_order: bool = False
    base_samples: int | None = None

    @property
    def names(self) -> list[str]:
        return [f.name for f in (*self.uncertainties, *self.levers)]

    @property
    def n_samples(self) -> int:
        return int(self.unit.shape[0])

    @property
    def n_groups(self) -> int:
        return self.n_scenarios * len(self.lever_rows)

    @property
    def n_points(self) -> int:
        return self.n_groups * self.n_samples

    def locate(self, point: int) -> tuple[int, int, int]:
        """(scenario index, group, sample) of a point."""
        group, sample = divmod(point, self.n_samples)
        return group // len(self.lever_rows), group, sample

    def values(self, point: int) -> tuple[Any, ...]:
        """Parameter values of a point: uncertainties first, then levers."""
        _, group, sample = self.locate(point)
        row = self.unit[sample]
        unc = tuple(f.from_unit(u) for f, u in zip(self.uncertainties, row, strict=True))
        return unc + self.lever_rows[group % len(self.lever_rows)]


def build_design(
    kind: str,
    uncertainties: Sequence[Factor],
    levers: Sequence[Factor],
    n_scenarios: int,
    samples: int | None,
    levels: int | None,
    second_order: bool,
    seed: int,
) -> Design:
    """Sample the uncertainties (seeded) and cross them with the levers and scenarios."""
    levels = levels or DEFAULT_LEVELS.get(kind)
    d = len(uncertainties)
    if d == 0:
        unit = np.zeros((1, 0))
    elif kind == "full_factorial":
        grid = list(itertools.product(*(f.grid(levels or 3) for f in uncertainties)))
        unit = np.asarray(grid, dtype=np.float64).reshape(len(grid), d)
    elif kind == "monte_carlo":
        unit = np.random.default_rng(seed).random((_need(samples), d))
    elif kind == "latin_hypercube":
        from SALib.sample import latin

        unit = latin.sample(_problem(uncertainties), _need(samples), seed=seed)
    elif kind == "sobol":
        from SALib.sample import sobol

        unit = sobol.sample(
            _problem(uncertainties), _need(samples), calc_second_order=second_order, seed=seed
        )
    elif kind == "morris":
        from SALib.sample import morris

        unit = morris.sample(_problem(uncertainties), _need(samples), num_levels=levels, seed=seed)
    else:  # pragma: no cover - the spec's Literal type rules this out
        raise ValueError(f"unknown design {kind!r}")
    lever_grid = [
        [f.from_unit(u) for u in f.grid(DEFAULT_LEVELS["full_factorial"])] for f in levers
    ]
    lever_rows = tuple(tuple(row) for row in itertools.product(*lever_grid))
    return Design(
        kind,
        tuple(uncertainties),
        tuple(levers),
        np.ascontiguousarray(unit, dtype=np.float64),
        lever_rows,
        n_scenarios,
        levels,
        second_order,
        samples,
    )


def _need(samples: int | None) -> int:
    if samples is None:  # pragma: no cover - the plan checks this with a located message
        raise ValueError("this design needs 'samples'")
    return samples


def _problem(factors: Sequence[Factor]) -> dict[str, Any]:
    return salib_problem([f.name for f in factors])


def point_count(kind: str, d: int, samples: int | None, second_order: bool) -> int:
    """How many uncertainty samples a design makes (before crossing with levers, scenarios)."""
    if d == 0:
        return 1
    n = samples or 0
    if kind == "sobol":
        return n * (2 * d + 2 if second_order else d + 2)
    if kind == "morris":
        return n * (d + 1)
    return n
