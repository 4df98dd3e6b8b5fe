"""Plots of a sweep: outcome distributions, fan charts over turns, sensitivity bars.

Each function returns a matplotlib Figure (built without pyplot, so nothing global changes and
it works in any process); ``save_plots`` writes the standard set as PNG files.
"""

from __future__ import annotations

import math
import re
import textwrap
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.figure import Figure

    from .runner import SweepResult

BANDS = ((0.05, 0.95, 0.18), (0.25, 0.75, 0.35))  # quantile ranges and their opacity


def _figure(width: float, height: float) -> Figure:
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=(width, height), dpi=100, layout="constrained")
    FigureCanvasAgg(fig)
    return fig


def distributions(runs: pd.DataFrame, outcomes: list[str], by: str | None = None) -> Figure:
    """Histograms of final outcomes over all successful runs (one colour per value of ``by``)."""
    ok = runs[runs["status"] == "ok"]
    cols = min(len(outcomes), 3) or 1
    rows = math.ceil(len(outcomes) / cols) or 1
    fig = _figure(4.2 * cols, 3.0 * rows)
    axes = fig.subplots(rows, cols, squeeze=False).ravel()
    groups = [(None, ok)] if by is None else list(ok.groupby(by, sort=True))
    for ax, outcome in zip(axes, outcomes, strict=False):
        values = ok[outcome].dropna().to_numpy(dtype=np.float64)
        bins = np.histogram_bin_edges(values, bins="auto") if values.size else 10
        for label, frame in groups:
            data = frame[outcome].dropna().to_numpy(dtype=np.float64)
            ax.hist(
                data,
                bins=bins,
                alpha=0.6 if by else 0.9,
                label=None if by is None else f"{by} = {label}",
            )
        ax.set_title(outcome, fontsize=9)
        ax.set_ylabel("runs")
        if by is not None:
            ax.legend(fontsize=7)
    for ax in axes[len(outcomes) :]:
        ax.set_visible(False)
    fig.suptitle("Outcome distributions", fontsize=11)
    return fig


def fan_chart(indicators: pd.DataFrame, indicator: str) -> Figure:
    """Median and 50%/90% bands of an indicator over turns, across all runs."""
    data = indicators[indicators["indicator"] == indicator]
    fig = _figure(6.0, 3.4)
    ax = fig.subplots()
    if not data.empty:
        table = data.pivot_table(index="turn", columns="run_id", values="value")
        turns = table.index.to_numpy()
        values = table.to_numpy(dtype=np.float64)
        for low, high, alpha in BANDS:
            ax.fill_between(
                turns,
                np.nanquantile(values, low, axis=1),
                np.nanquantile(values, high, axis=1),
                alpha=alpha,
                color="tab:blue",
                linewidth=0,
                label=f"{int(low * 100)}–{int(high * 100)}%",
            )
        ax.plot(turns, np.nanmedian(values, axis=1), color="tab:blue", label="median")
        ax.legend(fontsize=8)
        ax.set_title(f"{indicator} ({table.shape[1]} runs)", fontsize=10)
    ax.set_xlabel("turn")
    ax.set_ylabel(indicator)
    return fig


def sensitivity_bars(indices: pd.DataFrame, outcome: str | None = None) -> Figure:
    """Bars of Sobol S1/ST (or Morris mu*/sigma) per parameter, for one outcome."""
    outcome = outcome or str(indices["outcome"].iloc[0])
    data = indices[(indices["outcome"] == outcome) & indices["parameter"].str.find(":").lt(0)]
    sobol = "ST" in data.columns and data["ST"].notna().any()
    first, second = ("S1", "ST") if sobol else ("mu_star", "sigma")
    blocks = list(data.groupby("group", sort=True))
    columns = list(indices.columns)
    levers = columns[columns.index("scenario") + 1 : columns.index("parameter")]
    per_block = max(len(data) // max(len(blocks), 1), 1)
    warned = "warning" in data and data["warning"].astype(bool).any()
    fig = _figure(5.5 * len(blocks), 1.3 + 0.55 * per_block + (0.7 if warned else 0.0))
    axes = np.atleast_1d(fig.subplots(1, len(blocks), squeeze=False).ravel())
    for ax, (_, block) in zip(axes, blocks, strict=True):
        y = np.arange(len(block))
        ax.barh(
            y - 0.2,
            block[first],
            height=0.4,
            label=first,
            xerr=block.get(f"{first}_conf"),
            color="tab:blue",
        )
        ax.barh(
            y + 0.2,
            block[second],
            height=0.4,
            label=second,
            xerr=block.get(f"{second}_conf"),
            color="tab:orange",
        )
        ax.set_yticks(y, block["parameter"], fontsize=8)
        ax.invert_yaxis()
        where = [str(block["scenario"].iloc[0])]
        where += [f"{lever} = {block[lever].iloc[0]}" for lever in levers]
        ax.set_title(f"{outcome}\n{', '.join(where)}", fontsize=9)
        ax.axvline(0, color="grey", linewidth=0.6)
        ax.legend(fontsize=8)
        warning = str(block["warning"].iloc[0]) if "warning" in block else ""
        if warning:  # the bars cannot be read at face value: say so on the figure itself
            ax.text(0.5, -0.08, textwrap.fill("Warning: " + warning, 70), transform=ax.transAxes,
                    ha="center", va="top", fontsize=7, color="firebrick")  # fmt: skip
    return fig


def save_plots(source: SweepResult | str | Path, folder: str | Path | None = None) -> list[Path]:
    """Write distributions.png, one fan chart per series and sensitivity bars (sobol/morris)."""
    from .analysis import numeric_outcomes, parameter_names, sensitivity
    from .runner import SweepResult, open_sweep

    result = source if isinstance(source, SweepResult) else open_sweep(source)
    folder = Path(folder) if folder is not None else result.out / "plots"
    folder.mkdir(parents=True, exist_ok=True)
    manifest = result.manifest
    outcomes = numeric_outcomes(manifest)
    levers = parameter_names(manifest, "lever")
    written = []
    if outcomes:
        fig = distributions(result.runs, outcomes, by=levers[0] if len(levers) == 1 else None)
        written.append(_save(fig, folder / "distributions.png"))
    series = manifest["outcomes"]["series"]
    if series:
        indicators = result.indicators
        for name in series:
            written.append(_save(fan_chart(indicators, name), folder / f"fan-{_slug(name)}.png"))
    if manifest["design"]["kind"] in ("sobol", "morris") and outcomes:
        indices = sensitivity(result, outcomes)
        for outcome in outcomes:
            path = folder / f"sensitivity-{_slug(outcome)}.png"
            written.append(_save(sensitivity_bars(indices, outcome), path))
    return written


def _save(fig: Figure, path: Path) -> Path:
    fig.savefig(path, format="png", metadata={"Software": None})
    return path


def _slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]+", "_", text).strip("_")
