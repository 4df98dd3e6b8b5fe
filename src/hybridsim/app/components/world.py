"""The world: the shared infrastructure by country, each state's dashboard, the alliance."""

# ruff: noqa: N802 (Solara components are named like classes, as Solara's own are)

from __future__ import annotations

from html import escape
from typing import Any

import solara

from ...geo import countries
from .. import html
from ..charts import Figure, map_chart, network_chart
from ..views import DASHBOARD, GameView, map_states


@solara.component
def MapPanel(view: GameView) -> Any:
    """Europe and the North Atlantic: states by a chosen indicator, assets where they stand,
    links and cross-border dependencies, failures, and the gas flows with their cuts."""
    labels = {label: key for key, label, _better in DASHBOARD}
    better = {key: b for key, _label, b in DASHBOARD}
    chosen, set_chosen = solara.use_state("Public trust")
    key = labels.get(chosen, "public_trust")
    shapes = countries()
    if not shapes:  # the atlas is not provisioned: the drawing by country still works
        NetworkPanel(view)
        return
    solara.HTML(tag="h3", unsafe_innerHTML="Map of the shared infrastructure")
    solara.Text(network_summary(view), classes=["hs-network-summary"])
    solara.Select(
        label="Colour states by",
        values=list(labels),
        value=chosen,
        on_value=set_chosen,
        style={"max-width": "260px"},
    )
    states = map_states(view.dashboard, key)
    Figure(map_chart(shapes, states, view.nodes, view.edges, chosen, better[key]))
    flows = "".join(
        f"<li class='{'hs-cut' if share < 0.999 else ''}'>{escape(name)}: "
        + (f"<b>{share:.0%} of normal — cut</b>" if share < 0.999 else "flowing")
        + "</li>"
        for name, share in view.gas_flows
    )
    solara.HTML(unsafe_innerHTML=f"<h3>Gas flows</h3><ul class='hs-gas'>{flows}</ul>")


def network_summary(view: GameView) -> str:
    counts = view.nodes["status"].value_counts().to_dict() if not view.nodes.empty else {}
    infected = int(view.nodes["infected"].sum()) if not view.nodes.empty else 0
    cross = int(view.edges["cross_border"].sum()) if not view.edges.empty else 0
    return (
        f"{counts.get('working', 0)} working · {counts.get('degraded', 0)} degraded · "
        f"{counts.get('down', 0)} down · {infected} infected · {cross} cross-border links"
    )


@solara.component
def NetworkPanel(view: GameView) -> Any:
    """Assets coloured by status, cross-border links dashed, with counts for a quick read."""
    counts = view.nodes["status"].value_counts().to_dict() if not view.nodes.empty else {}
    infected = int(view.nodes["infected"].sum()) if not view.nodes.empty else 0
    cross = int(view.edges["cross_border"].sum()) if not view.edges.empty else 0
    summary = (
        f"{counts.get('working', 0)} working · {counts.get('degraded', 0)} degraded · "
        f"{counts.get('down', 0)} down · {infected} infected · {cross} cross-border links"
    )
    solara.HTML(tag="h3", unsafe_innerHTML="Shared infrastructure")
    solara.Text(summary, classes=["hs-network-summary"])
    Figure(network_chart(view.nodes, view.edges))


@solara.component
def AlliancePanel(view: GameView) -> Any:
    """Cohesion against the fracture line, measures adopted (milestones) and still open."""
    a = view.alliance
    adopted = "".join(f"<li>{escape(m)}</li>" for m in a["adopted"]) or "<li>none yet</li>"
    pending = "".join(f"<li>{escape(m)}</li>" for m in a["open"]) or "<li>none</li>"
    partner = a.get("partner") or {}
    partner_line = (
        f"<p>Ukraine: {partner['availability']:.0%} of peak power available, "
        f"{partner['generation_gw']:.1f} GW working, air defence {partner['air_defence']:.0%}.</p>"
        if "availability" in partner
        else ""
    )
    solara.HTML(
        unsafe_innerHTML=(
            f'<div class="hs-alliance"><h3>{escape(a["name"])}</h3>'
            f"<p>Cohesion <b>{a['cohesion']:.0%}</b> (the alliance fractures below "
            f"{a['fracture_threshold']:.0%}). Escalation: <b>{escape(view.escalation_name)}</b>."
            f" Next meeting: {escape(a['next_meeting'])}.</p>"
            f"<p><b>Measures adopted</b></p><ul class='hs-adopted'>{adopted}</ul>"
            f"<p><b>Proposals still open</b></p><ul>{pending}</ul>{partner_line}</div>"
        )
    )


@solara.component
def WorldPanel(view: GameView) -> Any:
    """Network on the left, alliance on the right, state dashboard below."""
    with solara.Columns([2, 1]):
        with solara.Column():
            MapPanel(view)
        with solara.Column():
            AlliancePanel(view)
    solara.HTML(tag="h3", unsafe_innerHTML="States")
    solara.HTML(unsafe_innerHTML=html.dashboard_table(view.dashboard))
