"""The event log, filterable by actor, domain and the state concerned."""

# ruff: noqa: N802 (Solara components are named like classes, as Solara's own are)

from __future__ import annotations

from typing import Any

import solara

from .. import html
from ..views import GameView, filter_log

ALL = "all"


@solara.component
def LogPanel(view: GameView) -> Any:
    actor, set_actor = solara.use_state(ALL)
    domain, set_domain = solara.use_state(ALL)
    state, set_state = solara.use_state(ALL)
    kind, set_kind = solara.use_state(ALL)
    by_name = {r.actor_name or r.actor: r.actor for r in view.log if r.actor}
    actors = sorted(by_name)
    domains = sorted({r.domain for r in view.log if r.domain})
    state_ids = dict(zip(view.dashboard["state"], view.dashboard["id"], strict=True))
    states = sorted(state_ids)
    kinds = sorted({r.kind for r in view.log})
    rows = filter_log(
        view.log,
        actor=None if actor == ALL else by_name.get(actor, actor),
        domain=None if domain == ALL else domain,
        state=None if state == ALL else state_ids.get(state, state),
        kinds=None if kind == ALL else (kind,),
    )
    with solara.Row(style={"flex-wrap": "wrap", "gap": "8px"}, classes=["hs-log-filters"]):
        for label, value, values, setter in (
            ("Actor", actor, actors, set_actor),
            ("Domain", domain, domains, set_domain),
            ("State", state, states, set_state),
            ("Kind", kind, kinds, set_kind),
        ):
            solara.Select(
                label=label,
                values=[ALL, *values],
                value=value if value in (ALL, *values) else ALL,
                on_value=setter,
                style={"min-width": "150px", "max-width": "220px"},
            )
    solara.Text(f"{len(rows)} of {len(view.log)} events", classes=["hs-log-count"])
    solara.HTML(unsafe_innerHTML=html.log_table(rows), style="max-height: 560px; overflow: auto;")
