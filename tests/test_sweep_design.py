"""Designs and seeds: sizes, value mapping, determinism, and seeds derived by SeedSequence."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from hybridsim.sweep import make_plan
from hybridsim.sweep.design import Factor, build_design
from hybridsim.sweep.seeds import run_seed, run_sequence
from sweep_support import small_spec


def test_run_seed_is_the_spawned_child() -> None:
    """SeedSequence(root, spawn_key=(point, rep)) is what spawning point then rep would give."""
    root = 12345
    child = np.random.SeedSequence(root).spawn(8)[5].spawn(4)[3]
    direct = run_sequence(root, 5, 3)
    assert np.array_equal(child.generate_state(4), direct.generate_state(4))


def test_run_seeds_are_distinct_and_repeatable() -> None:
    seeds = {run_seed(7, p, r) for p in range(50) for r in range(20)}
    assert len(seeds) == 1000
    assert run_seed(7, 3, 2) == run_seed(7, 3, 2)
    assert all(0 <= s < 2**63 for s in seeds)


def test_common_random_numbers_share_seeds_across_points() -> None:
    assert run_seed(7, 3, 2, True) == run_seed(7, 9, 2, True)
    assert run_seed(7, 3, 2, True) != run_seed(7, 3, 1, True)


def test_plan_records_the_derived_seeds() -> None:
    plan = make_plan(small_spec())
    run = plan.run(7)
    assert (run.point, run.replication) == divmod(7, 3)
    assert run.seed == run_seed(99, run.point, run.replication)


def _factors(d: int) -> list[Factor]:
    return [Factor(f"x{i}", 0.0, 1.0) for i in range(d)]


@pytest.mark.parametrize(
    ("kind", "samples", "second", "expected"),
    [
        ("monte_carlo", 10, False, 10),
        ("latin_hypercube", 10, False, 10),
        ("sobol", 8, False, 8 * (3 + 2)),
        ("sobol", 8, True, 8 * (2 * 3 + 2)),
        ("morris", 5, False, 5 * (3 + 1)),
        ("full_factorial", None, False, 3**3),
    ],
)
def test_design_sizes(kind: str, samples: int | None, second: bool, expected: int) -> None:
    design = build_design(kind, _factors(3), [], 1, samples, None, second, seed=1)
    assert design.n_samples == expected
    assert design.unit.min() >= 0.0
    assert design.unit.max() <= 1.0


def test_levers_and_scenarios_cross_the_sample() -> None:
    levers = [Factor("a", values=("x", "y")), Factor("b", values=(1, 2, 3))]
    design = build_design("latin_hypercube", _factors(2), levers, 2, 5, None, False, seed=3)
    assert design.n_groups == 2 * 2 * 3
    assert design.n_points == 12 * 5
    # every group sees the same uncertainty sample
    assert design.values(0)[:2] == design.values(5)[:2] == design.values(55)[:2]
    assert design.locate(59) == (1, 11, 4)
    assert design.values(59)[2:] == ("y", 3)


def test_designs_depend_only_on_the_seed() -> None:
    one = build_design("monte_carlo", _factors(2), [], 1, 6, None, False, seed=5)
    two = build_design("monte_carlo", _factors(2), [], 1, 6, None, False, seed=5)
    three = build_design("monte_carlo", _factors(2), [], 1, 6, None, False, seed=6)
    assert np.array_equal(one.unit, two.unit)
    assert not np.array_equal(one.unit, three.unit)


def test_full_factorial_grid_values() -> None:
    factors = [Factor("r", 0.0, 1.0, levels=3), Factor("c", values=("a", "b"))]
    design = build_design("full_factorial", factors, [], 1, None, None, False, seed=0)
    values = {design.values(p) for p in range(design.n_points)}
    assert values == {(x, c) for x in (0.0, 0.5, 1.0) for c in ("a", "b")}


@given(st.floats(0.0, 1.0), st.integers(-5, 5), st.integers(0, 10))
def test_whole_number_ranges_stay_inside(u: float, low: int, width: int) -> None:
    factor = Factor("n", float(low), float(low + width + 1), integer=True)
    value = factor.from_unit(u)
    assert isinstance(value, int)
    assert low <= value <= low + width + 1


@given(st.floats(0.0, 1.0), st.lists(st.text(min_size=1), min_size=1, max_size=6, unique=True))
def test_choices_are_picked_evenly(u: float, options: list[str]) -> None:
    factor = Factor("c", values=tuple(options))
    assert factor.from_unit(u) in options
    assert factor.from_unit(0.0) == options[0]
    assert factor.from_unit(1.0) == options[-1]
