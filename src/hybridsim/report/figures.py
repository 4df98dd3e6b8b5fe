"""The report's charts, drawn with matplotlib and inlined as base64 PNG.

PNG rather than SVG: matplotlib's SVG carries namespace and metadata URLs, and the report must not
mention, let alone fetch, anything outside the file.
"""

from __future__ import annotations

import base64
import io

import matplotlib

matplotlib.use("Agg")  # no display on a server; must precede pyplot
import matplotlib.pyplot as plt
import numpy as np

from ..model import HybridThreatModel

DPI = 110


def _png(fig) -> str:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=DPI, bbox_inches="tight", metadata={"Software": None})
    plt.close(fig)
    return base64.b64encode(buffer.getvalue()).decode("ascii")


def alliance_figure(model: HybridThreatModel) -> str:
    """Cohesion, storage and Ukraine's power (0-1), escalation score on its own axis."""
    log = model.indicator_log
    turns = [r.turn for r in log]
    fig, ax = plt.subplots(figsize=(7.5, 3.2))
    ax.plot(turns, [r.alliance["cohesion"] for r in log], marker="o", label="Alliance cohesion")
    ax.plot(turns, [r.alliance["storage_fill"] for r in log], marker="s", label="Gas storage")
    if log and "availability" in log[0].partner:
        ax.plot(
            turns,
            [r.partner["availability"] for r in log],
            marker="^",
            label="Ukraine power available",
        )
    ax.set_ylim(0, 1.02)
    ax.set_xlabel("Turn")
    ax.grid(alpha=0.3)
    right = ax.twinx()
    right.plot(
        turns,
        [r.alliance["escalation_score"] for r in log],
        color="#c62828",
        linestyle="--",
        label="Escalation score",
    )
    right.set_ylabel("Escalation score", color="#c62828")
    lines = ax.get_legend_handles_labels()
    more = right.get_legend_handles_labels()
    ax.legend(lines[0] + more[0], lines[1] + more[1], fontsize=8, loc="lower left")
    ax.set_title("Alliance, escalation and Ukraine")
    return _png(fig)


LINES_UP_TO = 10
"""More states than this and a heat map (state by turn) reads better than tangled lines."""


def state_figure(model: HybridThreatModel, indicator: str, title: str) -> str:
    """One indicator for every state over the turns (a heat map when there are many states)."""
    log = model.indicator_log
    turns = [r.turn for r in log]
    names = {s.id: s.name for s in model.scenario.states}
    labels = [names.get(sid, sid) for sid in model.world.state_ids]
    values = np.array([r.state[indicator] for r in log])
    if len(labels) > LINES_UP_TO:
        fig, ax = plt.subplots(figsize=(7.5, 0.6 + 0.2 * len(labels)))
        image = ax.imshow(
            values.T, aspect="auto", cmap="viridis", vmin=0, vmax=1, interpolation="nearest"
        )
        ax.set_yticks(range(len(labels)), labels, fontsize=7)
        step = max(1, len(turns) // 13)
        ax.set_xticks(range(0, len(turns), step), [str(t) for t in turns[::step]])
        ax.set_xlabel("Turn")
        fig.colorbar(image, ax=ax, fraction=0.03, pad=0.02)
        ax.set_title(title)
        return _png(fig)
    fig, ax = plt.subplots(figsize=(7.5, 3.0))
    for i, label in enumerate(labels):
        ax.plot(turns, values[:, i], marker=".", label=label)
    ax.set_ylim(0, 1.02)
    ax.set_xlabel("Turn")
    ax.grid(alpha=0.3)
    ax.set_title(title)
    ax.legend(fontsize=7, ncol=2, loc="best")
    return _png(fig)


def proficiency_figure(model: HybridThreatModel) -> str:
    """Each adversary's mean proficiency and usable moves: what sharing the toolkit did."""
    log = model.indicator_log
    turns = [r.turn for r in log]
    fig, ax = plt.subplots(figsize=(7.5, 2.8))
    prof = np.array([r.adversary["mean_proficiency"] for r in log])
    for a, adv in enumerate(model.world.adversary_ids):
        ax.plot(turns, prof[:, a], marker="o", label=f"{adv} mean proficiency")
    ax.set_xlabel("Turn")
    ax.grid(alpha=0.3)
    ax.legend(fontsize=8)
    ax.set_title("The adversaries' toolkit")
    return _png(fig)


def all_figures(model: HybridThreatModel) -> list[tuple[str, str]]:
    """(caption, base64 PNG) for every chart of the report."""
    return [
        ("Alliance cohesion, gas storage, Ukraine's power and escalation", alliance_figure(model)),
        ("Public trust by state", state_figure(model, "public_trust", "Public trust")),
        ("Polarisation by state", state_figure(model, "polarisation", "Polarisation")),
        ("Gas storage by state", state_figure(model, "storage_fill", "Gas storage fill")),
        (
            "Support for Ukraine by state",
            state_figure(model, "ukraine_support", "Support for Ukraine"),
        ),
        ("Adversary proficiency", proficiency_figure(model)),
    ]
