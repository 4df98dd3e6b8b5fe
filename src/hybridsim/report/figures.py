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


def map_figure(model: HybridThreatModel) -> str | None:
    """The map at the end of the game: the viewer's map (Natural Earth shapes, assets where
    they stand, red crosses where down, failed links in red), coloured by public trust. None
    when the map shapes are not provisioned."""
    from ..geo import ISO_NUMERIC, VIEW, countries, place  # the viewer's provisioned shapes

    shapes = countries()
    if not shapes:
        return None
    world, scenario = model.world, model.scenario
    trust = dict(zip(world.state_ids, model.indicator_log[-1].state["public_trust"], strict=True))
    by_iso = {ISO_NUMERIC.get(sid): v for sid, v in trust.items()}
    cmap = plt.get_cmap("RdYlGn")
    fig, ax = plt.subplots(figsize=(7.5, 5.6))
    for feature in shapes:
        value = by_iso.get(feature["id"])
        colour = cmap(float(value)) if value is not None else "#cfd8dc"
        for polygon in feature["geometry"]["coordinates"]:
            ring = np.asarray(polygon[0])
            ax.fill(ring[:, 0], ring[:, 1], color=colour, edgecolor="white", linewidth=0.4)
    owners = [*world.state_ids, scenario.partner.id if scenario.partner else "partner"]
    at = np.array(
        [
            place(owners[o], a.location)[:2]
            for o, a in zip(world.asset_owner.tolist(), scenario.infrastructure.assets, strict=True)
        ]
    )
    down = ~world.working.astype(bool)
    coo = world.links.tocoo()
    for a, b in zip(coo.row.tolist(), coo.col.tolist(), strict=True):
        if a < b:
            failed = down[a] or down[b]
            ax.plot(
                [at[a, 1], at[b, 1]], [at[a, 0], at[b, 0]],
                color="#c62828" if failed else "#5c6bc0", linewidth=1.4 if failed else 0.4,
                alpha=0.8 if failed else 0.35,
            )  # fmt: skip
    ax.scatter(at[~down, 1], at[~down, 0], s=9, color="#2e7d32", zorder=3, label="working")
    ax.scatter(at[down, 1], at[down, 0], s=40, color="#c62828", marker="x", zorder=4,
               label="down")  # fmt: skip
    lon0, lat0, lon1, lat1 = VIEW
    ax.set_xlim(lon0 + 6, lon1 - 4)
    ax.set_ylim(lat0 + 6, lat1)
    ax.set_aspect(1.6)
    ax.set_axis_off()
    ax.legend(loc="lower left", fontsize=8)
    ax.set_title("Public trust (red low, green high) and the infrastructure at the end")
    return _png(fig)


def all_figures(model: HybridThreatModel) -> list[tuple[str, str]]:
    """(caption, base64 PNG) for every chart of the report."""
    shown = map_figure(model)
    return [
        *([("Map: public trust by state, assets and failed links", shown)] if shown else []),
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
