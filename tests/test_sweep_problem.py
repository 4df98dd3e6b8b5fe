"""The SALib problem has one home (sweep/problem.py): designs sample with it, analyses read it."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from hybridsim.sweep.design import Factor, build_design
from hybridsim.sweep.problem import salib_problem

SRC = Path(__file__).resolve().parents[1] / "src" / "hybridsim"
FACTORS = (Factor("a", 0.2, 0.8), Factor("b", 1.0, 5.0), Factor("c", values=("x", "y")))


def test_the_problem_is_the_unit_cube_over_the_names_in_order():
    problem = salib_problem(["b", "a"])
    assert problem == {"num_vars": 2, "names": ["b", "a"], "bounds": [[0.0, 1.0], [0.0, 1.0]]}


@pytest.mark.parametrize(
    ("kind", "sample"),
    [
        ("sobol", lambda p: __import__("SALib.sample.sobol", fromlist=["x"]).sample(
            p, 8, calc_second_order=False, seed=5)),
        ("morris", lambda p: __import__("SALib.sample.morris", fromlist=["x"]).sample(
            p, 3, num_levels=4, seed=5)),
    ],
)  # fmt: skip
def test_the_design_samples_the_shared_problem(kind, sample):
    design = build_design(kind, FACTORS, (), 1, 8 if kind == "sobol" else 3, 4, False, seed=5)
    np.testing.assert_array_equal(design.unit, sample(salib_problem([f.name for f in FACTORS])))


def test_no_other_module_builds_a_salib_problem():
    builders = [
        p.relative_to(SRC).as_posix()
        for p in SRC.rglob("*.py")
        if '"num_vars":' in p.read_text(encoding="utf-8")
    ]
    assert builders == ["sweep/problem.py"]
