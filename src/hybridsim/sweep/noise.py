"""Replication noise per outcome: how much of the spread of the point means is only dice.

Why: sensitivity indices and point comparisons work on the per-point means of replications. A
mean of R replications still carries the run-to-run noise, with variance sigma_w^2 / R. When
that is most of the variance of the point means, Sobol indices come out below 0, above 1 or
with S1 > ST, and say more about the dice than about the parameters. The check compares the
two, recommends a number of replications, and flags outcomes that barely vary at all.
"""

from __future__ import annotations

import math
import warnings
from dataclasses import asdict, dataclass

import numpy as np
import pandas as pd

# judgement: above one half, the differences between point means are mostly dice.
NOISE_WARNING = 0.5
# judgement: recommend enough replications that noise is at most a tenth of the variance of
# the point means (indices then move by a few hundredths at most from the noise).
NOISE_TARGET = 0.1
# judgement: an outcome with one value in 95% of runs or more has nothing for indices to split.
CONSTANT_SHARE = 0.95


class SweepWarning(UserWarning):
    """A result that is legal but should not be read at face value."""


@dataclass(frozen=True)
class NoiseCheck:
    """One outcome in one group of points (a base scenario and lever combination)."""

    outcome: str
    group: int
    points: int
    replications: float  # mean successful replications per point
    within_var: float  # run-to-run variance at a point (pooled)
    means_var: float  # variance of the point means
    noise_share: float  # share of means_var that is replication noise, 0-1 (NaN: unknown)
    recommended_replications: float  # to bring noise_share to NOISE_TARGET (inf: no signal)
    constant_share: float  # share of runs with the most common value
    warning: str


def noise_checks(runs: pd.DataFrame, design: pd.DataFrame, outcomes: list[str]) -> pd.DataFrame:
    """One row per (outcome, group): the variance split and a warning where it matters."""
    ok = runs[runs["status"] == "ok"]
    group_of = design.set_index("point")["group"]
    rows = []
    for outcome in outcomes:
        values = ok[["point", outcome]].dropna()
        for group, block in values.groupby(values["point"].map(group_of), sort=True):
            rows.append(asdict(_check(outcome, int(group), block, outcome)))
    return pd.DataFrame(rows, columns=list(NoiseCheck.__dataclass_fields__))


def _check(outcome: str, group: int, block: pd.DataFrame, column: str) -> NoiseCheck:
    by_point = block.groupby("point")[column]
    n = by_point.count().to_numpy(dtype=np.float64)
    means = by_point.mean().to_numpy(dtype=np.float64)
    dof = float((n - 1).sum())
    spread = by_point.var(ddof=1).fillna(0.0).to_numpy() * (n - 1)
    within = float(spread.sum() / dof) if dof else math.nan
    means_var = float(np.var(means, ddof=1)) if means.size > 1 else math.nan
    noise = within * float(np.mean(1.0 / n)) if n.size else math.nan
    share, recommended = _split(within, means_var, noise)
    counts = block[column].value_counts(normalize=True)
    constant = float(counts.iloc[0]) if len(counts) else math.nan
    check = NoiseCheck(
        outcome, group, int(n.size), float(n.mean()) if n.size else 0.0, within, means_var,
        share, recommended, constant, "",
    )  # fmt: skip
    return NoiseCheck(**{**asdict(check), "warning": _warning(check, block[column])})


def _split(within: float, means_var: float, noise: float) -> tuple[float, float]:
    """(noise share, recommended replications) from the pooled within-point variance."""
    if math.isnan(within) or math.isnan(means_var):
        return math.nan, math.nan
    if within == 0.0:
        return 0.0, 1.0
    if means_var <= 0.0:
        return 1.0, math.inf
    share = min(noise / means_var, 1.0)
    signal = means_var - noise
    if signal <= 0.0:
        return share, math.inf
    needed = within * (1.0 - NOISE_TARGET) / (NOISE_TARGET * signal)
    return share, float(max(math.ceil(needed), 1))


def _warning(check: NoiseCheck, values: pd.Series) -> str:
    if check.constant_share >= CONSTANT_SHARE:
        common = values.value_counts().index[0]
        same = round(check.constant_share * len(values))
        return (
            f"{check.outcome} is {common:g} in {same} of {len(values)} runs: it barely varies, "
            "so sensitivity indices for it mean nothing"
        )
    if math.isnan(check.noise_share):
        if check.replications <= 1:
            return (
                f"{check.outcome}: one replication per point, so replication noise cannot be "
                "told apart from the parameters' effect; use at least 2 (better 10)"
            )
        return ""
    if check.noise_share <= NOISE_WARNING:
        return ""
    advice = (
        f"use at least {check.recommended_replications:.0f} replications per point "
        f"(now {check.replications:.3g})"
        if math.isfinite(check.recommended_replications)
        else "the parameters show no effect beyond the noise at this number of replications"
    )
    return (
        f"{check.outcome}: replication noise is {check.noise_share:.0%} of the variance of "
        f"the point means: indices and comparisons mostly show the dice; {advice}"
    )


def warning_messages(checks: pd.DataFrame) -> list[str]:
    """Each distinct warning once, naming its group of points when there are several (the
    same outcome can be noisy in one lever combination and not in another)."""
    several = checks["group"].nunique() > 1
    return list(
        dict.fromkeys(
            f"{m} [group {g}]" if several else m
            for m, g in zip(checks["warning"], checks["group"], strict=True)
            if m
        )
    )


def warn_about(checks: pd.DataFrame, stacklevel: int = 3) -> list[str]:
    """Raise a SweepWarning for each distinct warning (Python users and notebooks see them)."""
    messages = warning_messages(checks)
    for message in messages:
        warnings.warn(message, SweepWarning, stacklevel=stacklevel)
    return messages
