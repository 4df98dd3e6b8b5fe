"""Altair charts for the viewer: the infrastructure network and indicators over the turns.

Altair because the browser draws the chart from a small JSON spec (fast on every turn, with
tooltips), using the Vega files Solara serves from its local cache.
"""

from __future__ import annotations

from typing import Any

import altair as alt
import pandas as pd
import solara

from .assets import ASSETS

STATUS_COLOURS = {"working": "#2e7d32", "degraded": "#f9a825", "down": "#c62828"}
LINK_COLOURS = {"cross-border": "#5c6bc0", "domestic": "#90a4ae", "to a down asset": "#c62828"}
PALETTE = [
    "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f",
    "#bcbd22", "#17becf", "#393b79", "#637939", "#8c6d31", "#843c39", "#7b4173", "#3182bd",
]  # fmt: skip


def runtime_schema() -> str:
    """The Vega-Lite schema of the runtime the page loads (the provisioned ``vega-lite@N``).

    Altair 6 writes Vega-Lite 6 specs; Solara's front end loads Vega-Lite 5, and vega-embed
    warns in the console for every chart when the two majors differ. Our charts use nothing
    that 6 added, so they say they are for the runtime that draws them."""
    major = next(a.version for a in ASSETS if a.package == "vega-lite").split(".")[0]
    return f"https://vega.github.io/schema/vega-lite/v{major}.json"


def vega_lite_spec(chart: alt.TopLevelMixin) -> dict[str, Any]:
    """The chart's spec, data inlined, for the runtime the page loads."""
    spec = chart.to_dict()
    spec["$schema"] = runtime_schema()
    return spec


@solara.component
def Figure(chart: alt.TopLevelMixin) -> Any:  # noqa: N802 (a Solara component)
    """An Altair chart drawn by the page's own Vega-Lite, without a version-mismatch warning."""
    return solara.widgets.VegaLite.element(spec=vega_lite_spec(chart))


def _link_kind(edges: pd.DataFrame) -> pd.Series:
    kind = edges["cross_border"].map({True: "cross-border", False: "domestic"})
    return kind.where(edges["status"] != "down", "to a down asset")


def network_chart(nodes: pd.DataFrame, edges: pd.DataFrame, height: int = 430) -> alt.Chart:
    """Assets by country, filled by status (infected ringed purple); links by kind."""
    axis_off = alt.Axis(labels=False, ticks=False, domain=False, grid=False, title=None)
    x = alt.X("x:Q", axis=axis_off, scale=alt.Scale(zero=False, nice=False, padding=16))
    y = alt.Y("y:Q", axis=axis_off, scale=alt.Scale(zero=False, nice=False, padding=16))
    layers = []
    if not edges.empty:
        links = edges.assign(link=_link_kind(edges))
        layers.append(
            alt.Chart(links)
            .mark_rule(strokeWidth=1.2)
            .encode(
                x=x,
                y=y,
                x2="x2:Q",
                y2="y2:Q",
                stroke=alt.Stroke(
                    "link:N",
                    scale=alt.Scale(domain=list(LINK_COLOURS), range=list(LINK_COLOURS.values())),
                    legend=alt.Legend(title="Link"),
                ),
                strokeOpacity=alt.condition(
                    "datum.link == 'domestic'", alt.value(0.8), alt.value(0.45)
                ),
                tooltip=["source:N", "target:N", "link:N"],
            )
        )
    layers.append(
        alt.Chart(nodes)
        .mark_circle(size=110, opacity=1, strokeWidth=2)
        .encode(
            x=x,
            y=y,
            fill=alt.Fill(
                "status:N",
                scale=alt.Scale(domain=list(STATUS_COLOURS), range=list(STATUS_COLOURS.values())),
                legend=alt.Legend(title="Asset"),
            ),
            stroke=alt.condition("datum.infected", alt.value("#8e24aa"), alt.value("white")),
            tooltip=["name:N", "type:N", "country:N", "status:N", "health:Q", "infected:N"],
        )
    )
    labels = nodes.attrs.get("labels")
    if labels is not None and not labels.empty:
        layers.append(
            alt.Chart(labels)
            .mark_text(fontSize=12, fontWeight="bold", color="#263238")
            .encode(x=x, y=y, text="country:N")
        )
    return (
        alt.layer(*layers)
        .resolve_scale(stroke="independent", fill="independent")
        .properties(height=height, width="container")
        .configure_view(strokeWidth=0)
        .configure_legend(orient="bottom", labelFontSize=12, titleFontSize=12)
    )


TURN_AXIS = alt.Axis(tickMinStep=1, format="d")
LINES_UP_TO = 10
"""More states than this and a heat map (state by turn) reads better than tangled lines."""


def indicator_chart(frame: pd.DataFrame, title: str, height: int = 260) -> alt.Chart:
    """One indicator for every state over the turns, 0-100 %."""
    if frame["state"].nunique() > LINES_UP_TO:
        return (
            alt.Chart(frame, title=title)
            .mark_rect()
            .encode(
                x=alt.X("turn:O", title="Turn"),
                y=alt.Y("state:N", title=None, sort="ascending"),
                color=alt.Color(
                    "value:Q",
                    title=None,
                    legend=alt.Legend(format="%"),
                    scale=alt.Scale(scheme="viridis", domain=[0, 1]),
                ),
                tooltip=["state:N", "turn:Q", alt.Tooltip("value:Q", format=".1%")],
            )
            .properties(height=max(height, 14 * frame["state"].nunique()), width="container")
        )
    return (
        alt.Chart(frame, title=title)
        .mark_line(point=True)
        .encode(
            x=alt.X("turn:Q", title="Turn", axis=TURN_AXIS),
            y=alt.Y(
                "value:Q", title=None, axis=alt.Axis(format="%"), scale=alt.Scale(domain=[0, 1])
            ),
            color=alt.Color("state:N", title="State", scale=alt.Scale(range=PALETTE)),
            tooltip=["state:N", "turn:Q", alt.Tooltip("value:Q", format=".1%")],
        )
        .properties(height=height, width="container")
    )


def alliance_chart(frame: pd.DataFrame, height: int = 260) -> alt.Chart:
    """Cohesion, storage and Ukraine's power (shares, 0-100%) over the turns; the escalation
    score, on its own 0-3 scale, has a chart of its own (``escalation_chart``): one axis for
    both misled."""
    shares = frame[frame["series"] != "Escalation score"]
    return (
        alt.Chart(shares, title="Alliance and Ukraine")
        .mark_line(point=True)
        .encode(
            x=alt.X("turn:Q", title="Turn", axis=TURN_AXIS),
            y=alt.Y(
                "value:Q", title=None, axis=alt.Axis(format="%"), scale=alt.Scale(domain=[0, 1])
            ),
            color=alt.Color("series:N", title=None),
            tooltip=["series:N", "turn:Q", alt.Tooltip("value:Q", format=".0%")],
        )
        .properties(height=height, width="container")
    )


def escalation_chart(frame: pd.DataFrame, height: int = 120) -> alt.Chart:
    """The escalation score (0 to the top of the ladder) as a step line."""
    score = frame[frame["series"] == "Escalation score"]
    return (
        alt.Chart(score, title="Escalation score")
        .mark_line(point=True, interpolate="step-after", color="#c62828")
        .encode(
            x=alt.X("turn:Q", title="Turn", axis=TURN_AXIS),
            y=alt.Y("value:Q", title=None, scale=alt.Scale(domainMin=0)),
            tooltip=["turn:Q", alt.Tooltip("value:Q", format=".2f")],
        )
        .properties(height=height, width="container")
    )


def arc_charts(
    cohesion: tuple[float, ...], escalation: tuple[int, ...], fracture: float
) -> tuple[alt.LayerChart, alt.Chart]:
    """The debrief's arc: cohesion against the fracture line, escalation level below it."""
    turns = list(range(len(cohesion)))
    line = pd.DataFrame({"turn": turns, "cohesion": cohesion, "level": escalation})
    x = alt.X("turn:Q", title="Turn", axis=TURN_AXIS)
    top = alt.layer(
        alt.Chart(line)
        .mark_line(point=True, color="#1565c0")
        .encode(
            x=x,
            y=alt.Y(
                "cohesion:Q",
                title="Cohesion",
                axis=alt.Axis(format="%"),
                scale=alt.Scale(domain=[0, 1]),
            ),
        ),
        alt.Chart(pd.DataFrame({"y": [fracture]}))
        .mark_rule(color="#c62828", strokeDash=[6, 4])
        .encode(y="y:Q"),
    ).properties(height=200, width="container", title="Alliance cohesion (dashed: fracture)")
    bottom = (
        alt.Chart(line, title="Escalation level")
        .mark_line(point=True, interpolate="step-after", color="#c62828")
        .encode(
            x=x,
            y=alt.Y(
                "level:Q",
                title="Level",
                axis=alt.Axis(tickMinStep=1, format="d"),
                scale=alt.Scale(domainMin=0),
            ),
        )
        .properties(height=110, width="container")
    )
    return top, bottom


ASSET_WORDS = {
    "data_centre": "data centre",
    "gas_pipeline": "gas pipeline",
    "gas_storage": "gas storage site",
    "grid": "power grid",
    "lng_terminal": "LNG terminal",
    "port": "port",
    "power_cable": "power interconnector",
    "power_plant": "power plant",
    "rail": "rail line",
    "telecom": "telecom network",
    "undersea_cable": "undersea cable",
}
"""Asset types in words, for the map's hover."""
STATUS_SHAPES = {"working": "circle", "degraded": "triangle-up", "down": "cross"}


def _land_layer(
    shapes: tuple[dict[str, Any], ...],
    states: pd.DataFrame,
    indicator: str,
    higher_is_better: bool,
) -> alt.Chart:
    """The states, coloured by the indicator; states not in the scenario grey."""
    return (
        alt.Chart(alt.Data(values=list(shapes)))
        .mark_geoshape(stroke="#ffffff", strokeWidth=0.6)
        .transform_lookup(
            lookup="id", from_=alt.LookupData(states, "iso", ["state", "value", "text"])
        )
        .encode(
            color=alt.condition(
                "isValid(datum.value)",
                alt.Color(
                    "value:Q",
                    title=indicator,
                    scale=alt.Scale(
                        scheme="redyellowgreen", domain=[0, 1], reverse=not higher_is_better
                    ),
                    legend=alt.Legend(format="%", orient="bottom-left"),
                ),
                alt.value("#cfd8dc"),  # not in the scenario: grey
            ),
            tooltip=[
                alt.Tooltip("state:N", title="State"),
                alt.Tooltip("text:N", title=indicator),
            ],
        )
    )


def _links_layer(edges: pd.DataFrame) -> alt.Chart:
    """Links and cross-border dependencies as lines, thick and red where an end is down."""
    links = edges.assign(link=_link_kind(edges))
    return (
        alt.Chart(links)
        .mark_rule()
        .encode(
            longitude="lon:Q",
            latitude="lat:Q",
            longitude2="lon2:Q",
            latitude2="lat2:Q",
            color=alt.Color(
                "link:N",
                title="Links",
                scale=alt.Scale(domain=list(LINK_COLOURS), range=list(LINK_COLOURS.values())),
                legend=alt.Legend(orient="bottom-right"),
            ),
            strokeWidth=alt.condition(
                "datum.link == 'to a down asset'", alt.value(2.5), alt.value(0.8)
            ),
            opacity=alt.value(0.7),
        )
    )


def _assets_layer(nodes: pd.DataFrame) -> alt.Chart:
    """Assets where they stand, shaped and coloured by status, described in words on hover."""
    assets = nodes.assign(
        what=nodes["type"].map(ASSET_WORDS).fillna(nodes["type"]),
        where=nodes["placed"].map({True: "at its location", False: "at the owner's capital"}),
        condition=(nodes["health"] * 100).round().astype(int).astype(str) + "%",
    )
    return (
        alt.Chart(assets)
        .mark_point(filled=True, size=70, opacity=0.9, stroke="#263238", strokeWidth=0.4)
        .encode(
            longitude="lon:Q",
            latitude="lat:Q",
            color=alt.Color(
                "status:N",
                title="Assets",
                scale=alt.Scale(domain=list(STATUS_COLOURS), range=list(STATUS_COLOURS.values())),
                legend=alt.Legend(orient="top-right"),
            ),
            shape=alt.Shape(
                "status:N",
                scale=alt.Scale(domain=list(STATUS_SHAPES), range=list(STATUS_SHAPES.values())),
                legend=None,
            ),
            tooltip=[
                alt.Tooltip("name:N", title="Asset"),
                alt.Tooltip("what:N", title="What it is"),
                alt.Tooltip("country:N", title="Owner"),
                alt.Tooltip("status:N", title="Status"),
                alt.Tooltip("condition:N", title="Working condition"),
                alt.Tooltip("where:N", title="Drawn"),
            ],
        )
    )


def map_chart(
    shapes: tuple[dict[str, Any], ...],
    states: pd.DataFrame,
    nodes: pd.DataFrame,
    edges: pd.DataFrame,
    indicator: str,
    higher_is_better: bool = True,
    width: int = 780,
    height: int = 540,
) -> alt.LayerChart:
    """Europe and the North Atlantic: states coloured by an indicator (``states``: iso, state,
    value, text), links and cross-border dependencies as lines (red where an end is down),
    assets where they stand, shaped and coloured by status; hover says what each is in words."""
    projection = alt.Projection(type="mercator", center=[10, 53], scale=520)
    layers: list[alt.Chart] = [_land_layer(shapes, states, indicator, higher_is_better)]
    if not edges.empty:
        layers.append(_links_layer(edges))
    layers.append(_assets_layer(nodes))
    return (
        alt.layer(*layers)
        .project(**projection.to_dict())
        .properties(height=height, width=width)  # fixed: "container" measured 0 at first
        .configure_view(stroke=None, clip=True)
    )
