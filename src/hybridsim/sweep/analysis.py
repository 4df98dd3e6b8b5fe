"""Analysis of a finished sweep: per-point statistics and sensitivity indices (SALib).

Why per design point: replications differ only by their dice, so their spread is the model's
noise at that point; the mean, standard deviation and a t-based 95% confidence interval of the
mean say how well the replications pinned each outcome down. Sensitivity analysis then works on
the per-point means, in the unit cube the design was sampled in, separately for each base
scenario and lever combination (EMA Workbench's practice: uncertainties analysed per policy).
"""

from __future__ import annotations

import warnings
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from .bootstrap import morris_intervals, replication_matrix, sobol_intervals
from .noise import noise_checks, warn_about
from .problem import salib_problem
from .seeds import analysis_seed

if TYPE_CHECKING:
    from .runner import SweepResult

STAT_COLUMNS = ["n", "failed", "mean", "std", "ci_low", "ci_high"]


def _result(source: SweepResult | str | Path) -> SweepResult:
    if isinstance(source, str | Path):
        from .runner import open_sweep

        return open_sweep(source)
    return source


def numeric_outcomes(manifest: dict[str, Any]) -> list[str]:
    """Final outcomes that are numbers (text outcomes such as end_reason are counted instead)."""
    return [o["column"] for o in manifest["outcomes"]["final"] if o["dtype"] == "float"]


def parameter_names(manifest: dict[str, Any], role: str | None = None) -> list[str]:
    return [p["name"] for p in manifest["parameters"] if role is None or p["role"] == role]


def summarise(source: SweepResult | str | Path, outcomes: list[str] | None = None) -> pd.DataFrame:
    """Per design point and outcome: runs, failures, mean, sd and 95% CI of the mean.

    One row per (point, outcome), with the point's scenario and parameter values alongside.
    The CI is mean ± t(0.975, n-1)·sd/√n; with one replication it is undefined (NaN).
    """
    from scipy import stats

    result = _result(source)
    manifest = result.manifest
    runs = result.runs
    outcomes = outcomes or numeric_outcomes(manifest)
    keys = ["point", "scenario", *parameter_names(manifest)]
    points = runs.drop_duplicates("point")[keys].set_index("point")
    failed = (runs["status"] != "ok").groupby(runs["point"]).sum()
    ok = runs[runs["status"] == "ok"]
    frames = []
    for outcome in outcomes:
        grouped = ok.groupby("point")[outcome]
        table = pd.DataFrame(
            {"n": grouped.count(), "mean": grouped.mean(), "std": grouped.std(ddof=1)}
        ).reindex(points.index)
        table["n"] = table["n"].fillna(0).astype(int)
        table["failed"] = failed.reindex(points.index).fillna(0).astype(int)
        half = (
            stats.t.ppf(0.975, np.maximum(table["n"] - 1, 1))
            * table["std"]
            / np.sqrt(table["n"].where(table["n"] > 0))
        )
        half = half.where(table["n"] > 1)
        table["ci_low"] = table["mean"] - half
        table["ci_high"] = table["mean"] + half
        table.insert(0, "outcome", outcome)
        frames.append(points.join(table[["outcome", *STAT_COLUMNS]]))
    out = pd.concat(frames).reset_index()
    return out.sort_values(["outcome", "point"], kind="stable").reset_index(drop=True)


def sensitivity(
    source: SweepResult | str | Path, outcomes: list[str] | None = None
) -> pd.DataFrame:
    """Sobol indices (sobol design) or Morris screening (morris design) for each outcome.

    Computed on each point's mean over its replications. Sobol: first-order S1 and total ST
    with 95% bootstrap intervals (S1_low, S1_high; S1_conf is their half-width) that resample
    both the base samples and each point's replications (and S2 rows named "a:b", SALib's
    intervals, with second_order). Morris: mu, mu_star, sigma and mu_star's interval, in
    unit-range terms so parameters of different scales compare. One block per base scenario
    and lever combination. ``note`` explains an index outside [0, 1] or S1 > ST; ``warning``
    says when replication noise dominates the outcome or it barely varies (also raised as a
    SweepWarning).
    """
    result = _result(source)
    manifest = result.manifest
    kind = manifest["design"]["kind"]
    if kind not in ("sobol", "morris"):
        raise ValueError(
            f"sensitivity indices need a 'sobol' or 'morris' design; this sweep used '{kind}'"
        )
    outcomes = outcomes or numeric_outcomes(manifest)
    names = parameter_names(manifest, "uncertainty")
    levers = parameter_names(manifest, "lever")
    design = result.design
    runs = result.runs
    ok = runs[runs["status"] == "ok"]
    seed = analysis_seed(manifest["seed"])
    problem = salib_problem(names)
    checks = noise_checks(runs, design, outcomes)
    warn_about(checks)
    warning_of = {(c.outcome, c.group): c.warning for c in checks.itertuples()}
    frames = []
    for outcome in outcomes:
        replications = ok.groupby("point")[outcome].apply(lambda v: v.dropna().to_numpy())
        for group, block in design.groupby("group", sort=True):
            rows = block.sort_values("sample")
            values = [replications.get(p, np.zeros(0)) for p in rows["point"]]
            missing = sum(1 for v in values if v.size == 0)
            if missing:
                raise ValueError(
                    f"{missing} design points of group {group} have no successful run for "
                    f"'{outcome}'; {kind} analysis needs every point (see runs.parquet errors)"
                )
            label = {
                "outcome": outcome,
                "method": kind,
                "group": int(group),
                "scenario": rows["scenario"].iloc[0],
            }
            label.update({lever: rows[lever].iloc[0] for lever in levers})
            indices = _indices(manifest["design"], problem, rows, values, seed)
            indices["note"] = [_note(row) for row in indices.to_dict("records")]
            indices["warning"] = warning_of.get((outcome, int(group)), "")
            for key, value in reversed(label.items()):
                indices.insert(0, key, value)
            frames.append(indices)
    return pd.concat(frames, ignore_index=True)


def _indices(
    design: dict[str, Any],
    problem: dict[str, Any],
    rows: pd.DataFrame,
    values: list[np.ndarray],
    seed: int,
) -> pd.DataFrame:
    """One group's indices from its points' replications (rows in the design's order)."""
    matrix, counts = replication_matrix(values)
    if design["kind"] == "sobol":
        return _sobol(problem, matrix, counts, bool(design["second_order"]), seed)
    x = rows[[f"unit.{n}" for n in problem["names"]]].to_numpy(dtype=np.float64)
    return _morris(problem, x, matrix, counts, int(design["levels"]), seed)


def noise(source: SweepResult | str | Path, outcomes: list[str] | None = None) -> pd.DataFrame:
    """Per outcome and group: how much of the variance of the point means is replication
    noise, the replications that would bring it to a tenth, and a warning where it matters."""
    result = _result(source)
    outcomes = outcomes or numeric_outcomes(result.manifest)
    return noise_checks(result.runs, result.design, outcomes)


def _note(row: dict[str, Any]) -> str:
    """Why an index lies outside [0, 1] (or S1 > ST): estimation error, not a property."""
    s1, st = row.get("S1"), row.get("ST")
    if s1 is None or st is None or pd.isna(s1) or pd.isna(st):
        return ""
    notes = []
    if s1 < 0 or st < 0:
        notes.append("below 0: sampling error around an effect near 0; read it as 0 within "
                     "its interval")
    if s1 > 1 or st > 1:
        notes.append("above 1: sampling error; add samples or replications")
    if s1 > st:
        notes.append("S1 > ST cannot hold for the true indices: sampling error")
    return "; ".join(notes)


def _sobol(
    problem: dict[str, Any], matrix: np.ndarray, counts: np.ndarray, second_order: bool, seed: int
) -> pd.DataFrame:
    from SALib.analyze import sobol

    y = np.nanmean(matrix, axis=1)
    k = problem["num_vars"]
    with warnings.catch_warnings(), np.errstate(divide="ignore", invalid="ignore"):
        warnings.simplefilter("ignore", RuntimeWarning)
        si = sobol.analyze(problem, y, calc_second_order=second_order, seed=seed)
    names = problem["names"]
    frame = pd.DataFrame({"parameter": names, "S1": si["S1"], "ST": si["ST"]})
    for name, values in sobol_intervals(matrix, counts, k, second_order, seed).items():
        frame[name] = values
    frame = frame[["parameter", "S1", "S1_conf", "S1_low", "S1_high",
                   "ST", "ST_conf", "ST_low", "ST_high"]]  # fmt: skip
    if second_order:
        rows = [
            {
                "parameter": f"{names[i]}:{names[j]}",
                "S2": si["S2"][i, j],
                "S2_conf": si["S2_conf"][i, j],
            }
            for i in range(len(names))
            for j in range(i + 1, len(names))
        ]
        frame = pd.concat([frame, pd.DataFrame(rows)], ignore_index=True)
    return frame


def _morris(
    problem: dict[str, Any],
    x: np.ndarray,
    matrix: np.ndarray,
    counts: np.ndarray,
    levels: int,
    seed: int,
) -> pd.DataFrame:
    from SALib.analyze import morris

    y = np.nanmean(matrix, axis=1)
    with warnings.catch_warnings(), np.errstate(divide="ignore", invalid="ignore"):
        warnings.simplefilter("ignore", RuntimeWarning)
        si = morris.analyze(problem, x, y, num_levels=levels, seed=seed)
    frame = pd.DataFrame(
        {
            "parameter": problem["names"],
            "mu": si["mu"],
            "mu_star": si["mu_star"],
            "sigma": si["sigma"],
        }
    )
    for name, values in morris_intervals(x, matrix, counts, problem["num_vars"], seed).items():
        frame[name] = values
    return frame[["parameter", "mu", "mu_star", "sigma", "mu_star_conf", "mu_star_low",
                  "mu_star_high"]]  # fmt: skip
