"""Statistics that warn: replication noise per outcome, bootstrap intervals of the indices,
and notes on indices outside [0, 1]. Built on tables with known answers, and on SALib itself."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from hybridsim.sweep.analysis import _note
from hybridsim.sweep.bootstrap import (
    morris_intervals,
    morris_mu_star,
    replication_matrix,
    sobol_estimates,
    sobol_intervals,
)
from hybridsim.sweep.noise import SweepWarning, noise_checks, warn_about
from hybridsim.sweep.problem import salib_problem


def table(values: list[list[float]]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """runs and design tables for one outcome 'y': one inner list of replications per point."""
    rows = [
        {"point": p, "status": "ok", "y": v} for p, reps in enumerate(values) for v in reps
    ]
    design = pd.DataFrame({"point": range(len(values)), "group": 0})
    return pd.DataFrame(rows), design


def test_noise_share_and_recommended_replications_follow_the_variance_split():
    # point means 0..9 (variance 55/6), each point's two replications at mean ± 3: the
    # within-point variance is 18, the noise in a mean of two is 9.
    runs, design = table([[m - 3.0, m + 3.0] for m in range(10)])
    check = noise_checks(runs, design, ["y"]).iloc[0]
    means_var = 55 / 6
    assert check.within_var == pytest.approx(18.0)
    assert check.means_var == pytest.approx(means_var)
    assert check.noise_share == pytest.approx(9.0 / means_var)
    signal = means_var - 9.0
    assert check.recommended_replications == math.ceil(18.0 * 0.9 / (0.1 * signal))
    assert "replication noise is 98% of the variance" in check.warning
    assert f"use at least {check.recommended_replications:.0f} replications per point (now 2)" \
        in check.warning


def test_a_clear_signal_gives_no_warning():
    runs, design = table([[10.0 * m - 0.1, 10.0 * m + 0.1] for m in range(10)])
    check = noise_checks(runs, design, ["y"]).iloc[0]
    assert check.noise_share < 0.01
    assert check.recommended_replications == 1
    assert check.warning == ""


def test_an_outcome_that_barely_varies_is_flagged():
    # the case: constant in 957 of 960 runs
    values = [[0.0, 0.0, 0.0] for _ in range(320)]
    values[5][1] = values[77][0] = values[300][2] = 1.0
    runs, design = table(values)
    check = noise_checks(runs, design, ["y"]).iloc[0]
    assert check.constant_share == pytest.approx(957 / 960)
    assert check.warning.startswith("y is 0 in 957 of 960 runs: it barely varies")


def test_one_replication_cannot_separate_noise():
    runs, design = table([[float(m)] for m in range(6)])
    check = noise_checks(runs, design, ["y"]).iloc[0]
    assert math.isnan(check.noise_share)
    assert "one replication per point" in check.warning
    with pytest.warns(SweepWarning, match="one replication per point"):
        assert warn_about(noise_checks(runs, design, ["y"])) == [check.warning]


def sobol_outputs(n_base: int, k: int, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    from SALib.sample import sobol as sobol_sample

    problem = salib_problem([f"x{i}" for i in range(k)])
    x = sobol_sample.sample(problem, n_base, calc_second_order=False, seed=1)
    return x, 3.0 * x[:, 0] + 1.0 * x[:, 1]  # x2 does nothing


def test_sobol_point_estimates_are_salibs():
    from SALib.analyze import sobol

    _, y = sobol_outputs(64, 3, np.random.default_rng(0))
    problem = salib_problem(["a", "b", "c"])
    si = sobol.analyze(problem, y, calc_second_order=False, seed=1)
    s1, st = sobol_estimates(y, 3, False)
    assert np.allclose(s1, si["S1"])
    assert np.allclose(st, si["ST"])


def test_sobol_intervals_widen_with_replication_noise_and_cover_the_truth():
    rng = np.random.default_rng(2)
    _, y = sobol_outputs(128, 3, rng)
    true_s1 = np.array([9.0, 1.0, 0.0]) / 10.0  # variances 9/12 and 1/12 of x uniform
    widths = []
    for sd in (0.05, 10.0):
        reps = [v + rng.normal(0, sd, 4) for v in y]
        matrix, counts = replication_matrix(reps)
        found = sobol_intervals(matrix, counts, 3, False, seed=7)
        widths.append(found["S1_high"] - found["S1_low"])
        if sd == 0.05:
            assert np.all(found["S1_low"] <= true_s1 + 0.02)
            assert np.all(true_s1 - 0.02 <= found["S1_high"])
    assert np.all(widths[1] > 1.3 * widths[0])
    assert widths[1][2] > 10 * widths[0][2]  # the parameter that does nothing, above all


def test_morris_mu_star_is_salibs_and_its_interval_holds_it():
    from SALib.analyze import morris
    from SALib.sample import morris as morris_sample

    problem = salib_problem(["a", "b", "c"])
    x = morris_sample.sample(problem, 20, num_levels=4, seed=3)
    y = 2.0 * x[:, 0] - x[:, 1] ** 2
    si = morris.analyze(problem, x, y, num_levels=4, seed=3)
    assert np.allclose(morris_mu_star(x, y, 3), si["mu_star"])
    matrix, counts = replication_matrix([np.array([v, v]) for v in y])
    found = morris_intervals(x, matrix, counts, 3, seed=5)
    assert np.all(found["mu_star_low"] <= si["mu_star"] + 1e-12)
    assert np.all(si["mu_star"] <= found["mu_star_high"] + 1e-12)


@pytest.mark.parametrize(
    ("s1", "st", "words"),
    [
        (-0.11, 1.1, ["below 0", "above 1"]),
        (1.01, 0.51, ["above 1", "S1 > ST"]),
        (0.3, 0.4, []),
    ],
)
def test_indices_outside_zero_one_are_explained(s1, st, words):
    note = _note({"S1": s1, "ST": st})
    assert all(w in note for w in words)
    assert bool(note) == bool(words)


def test_the_sensitivity_plot_carries_the_warning():
    from hybridsim.sweep.plots import sensitivity_bars

    indices = pd.DataFrame(
        {
            "outcome": "y", "method": "sobol", "group": 0, "scenario": "tutorial",
            "parameter": ["a", "b"], "S1": [0.1, -0.1], "ST": [1.1, 0.9],
            "note": "", "warning": "y: replication noise is 89% of the variance",
        }
    )  # fmt: skip
    texts = [t.get_text() for t in sensitivity_bars(indices, "y").axes[0].texts]
    assert any(t.startswith("Warning: y: replication noise is 89%") for t in texts)
    quiet = sensitivity_bars(indices.assign(warning=""), "y")
    assert len(quiet.axes[0].texts) == 0
