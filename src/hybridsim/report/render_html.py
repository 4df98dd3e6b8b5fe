"""The after-action report as one self-contained HTML file: inline CSS, charts as data: PNGs,
no scripts, no links to anything outside the file (it is read on air-gapped networks)."""

from __future__ import annotations

from html import escape
from typing import Any

from .content import ReportContent, n_minus_1_rows, roll_text, version_line
from .debrief import Debrief, build_debrief
from .figures import all_figures
from .wording import wording

CSS = """
body { font-family: system-ui, sans-serif; margin: 2rem auto; max-width: 1000px; color: #212121;
  line-height: 1.45; }
h1 { font-size: 1.7rem; } h2 { border-bottom: 2px solid #cfd8dc; padding-bottom: .2rem; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; font-size: .9rem; }
th { text-align: left; background: #eceff1; } th, td { padding: 3px 6px;
  border-bottom: 1px solid #e0e0e0; vertical-align: top; }
.dice { font-family: monospace; font-size: .8rem; white-space: pre; }
.overridden { background: #fff3e0; } figure { margin: 1rem 0; } figcaption { color: #546e7a; }
img { max-width: 100%; } .meta { color: #546e7a; } .kind { color: #546e7a; font-size: .85rem; }
"""


def _kv_table(rows: list[tuple[str, Any]]) -> str:
    body = "".join(f"<tr><th>{escape(k)}</th><td>{escape(str(v))}</td></tr>" for k, v in rows)
    return f"<table>{body}</table>"


def _summary(c: ReportContent) -> str:
    s = c.summary
    al = s["alliance"]
    rows = [
        ("Turns played", f"{c.turns_played} of {c.max_turns}"),
        ("How it ended", c.end_reason),
        (
            "Alliance cohesion",
            f"{al['cohesion_start']:.0%} → {al['cohesion_end']:.0%} "
            f"(lowest {al['cohesion_min']:.0%})",
        ),
        (
            "Measures adopted",
            ", ".join(c.action_names.get(m, m) for m in al["measures_adopted"]) or "none",
        ),
        ("Escalation", f"highest level {al['escalation_level_max']}, now '{al['escalation_end']}'"),
        ("Gas storage at the end", f"{al['storage_fill_end']:.0%}"),
        ("Lowest public trust", f"{s['lowest_trust']['state']} {s['lowest_trust']['value']:.0%}"),
        (
            "Highest polarisation",
            f"{s['highest_polarisation']['state']} {s['highest_polarisation']['value']:.0%}",
        ),
    ]
    adv_rows = "".join(
        f"<tr><td>{escape(a)}</td><td>{v['moves']}</td><td>{v['successes']}</td>"
        f"<td>{v['detected']}</td><td>{v['attributed']}</td><td>{v['lessons_learnt']}</td>"
        f"<td>{v['mean_proficiency_start']:.2f} → {v['mean_proficiency_end']:.2f}</td></tr>"
        for a, v in s["adversaries"].items()
    )
    adversaries = (
        "<table><tr><th>Adversary</th><th>Moves</th><th>Successes</th><th>Detected</th>"
        f"<th>Attributed</th><th>Lessons learnt</th><th>Mean proficiency</th></tr>{adv_rows}"
        "</table>"
    )
    return _kv_table(rows) + adversaries + _security(c)


def _security(c: ReportContent) -> str:
    rows = n_minus_1_rows(c.model)
    head = "<h3>Gas security: EU N-1 indicator (Reg. (EU) 2017/1938)</h3>"
    if not rows:
        return head + "<p>Every state stayed at or above 100% (compliant) throughout.</p>"
    body = "".join(
        f"<tr><td>{escape(r.state)}</td><td>{r.start:.0f}%</td><td>{r.lowest:.0f}%</td>"
        f"<td>{r.end:.0f}%</td></tr>"
        for r in rows
    )
    return (
        head + "<table><tr><th>State</th><th>N-1 at the start</th><th>Lowest</th>"
        f"<th>At the end</th></tr>{body}</table>"
        "<p>States listed fell below 100% (not compliant) at some point.</p>"
    )


def _decisions(c: ReportContent) -> str:
    if not c.decisions:
        return "<p>No player decisions: the computer played every actor.</p>"
    rows = "".join(
        f"<tr><td>{d.turn}</td><td>{escape(c.actor_names.get(d.actor, d.actor))}</td>"
        f"<td>{escape(c.action_names.get(d.action, d.action))}</td><td>{escape(d.target)}</td></tr>"
        for d in c.decisions
    )
    return (
        f"<table><tr><th>Turn</th><th>Player</th><th>Order</th><th>Target</th></tr>{rows}</table>"
    )


def _overrides(c: ReportContent) -> str:
    if not c.overrides:
        return "<p>No outcome was overridden.</p>"
    rows = "".join(
        f"<tr class='overridden'><td>{o.turn}</td><td>{escape(o.event_id)}</td>"
        f"<td>{escape(o.event)}</td>"
        f"<td>{escape(', '.join(f'{k} → {v}' for k, v in o.forced.items()))}</td>"
        f"<td>{escape(o.reason)}</td></tr>"
        for o in c.overrides
    )
    return (
        "<table><tr><th>Turn</th><th>Event</th><th>What</th><th>Forced</th><th>Reason</th></tr>"
        f"{rows}</table>"
    )


def debrief_html(d: Debrief) -> str:
    """The debrief as an HTML fragment (the viewer's debrief screen shows the same)."""

    def items(lines: tuple[str, ...], empty: str) -> str:
        body = "".join(f"<li>{escape(x)}</li>" for x in lines) or f"<li>{escape(empty)}</li>"
        return f"<ul>{body}</ul>"

    return (
        f"<div class='hs-debrief'>{items(d.arc, '')}"
        f"<h3>Objectives</h3>{items(d.objectives, 'the scenario sets none')}"
        f"<h3>Turning points</h3>{items(d.turning_points, 'none yet')}"
        f"<h3>Key decisions by the players</h3>"
        f"{items(d.decisions, 'none: the computer played every actor')}"
        f"<h3>Overrides</h3>{items(d.overrides, 'no outcome was overridden')}"
        f"<h3>Turns taken back</h3>{items(d.undone, 'none')}</div>"
    )


def _hotwash(c: ReportContent) -> str:
    """The facilitator's hot-wash notes, notes per turn, and what was released during play."""
    text = "".join(f"<p>{escape(p)}</p>" for p in c.hotwash.split("\n") if p.strip())
    notes = "".join(
        f"<li><b>Turn {t}</b>: {escape(n)}</li>" for t, n in sorted(c.turn_notes.items())
    )
    live = "".join(f"<li>{escape(x)}</li>" for x in c.live)
    return (
        (text or "<p>No hot-wash notes were written.</p>")
        + (f"<h3>Notes on the turns</h3><ul class='turn-notes'>{notes}</ul>" if notes else "")
        + (f"<h3>Injects and messages released during play</h3><ul>{live}</ul>" if live else "")
    )


def _undone(c: ReportContent) -> str:
    if not c.undone:
        return "<p>No turn was taken back.</p>"
    items = []
    for u in c.undone:
        lines = [
            *(f"order: {o}" for o in u.orders),
            *u.outcomes,
            *(f"override {o}" for o in u.overrides),
        ]
        body = "".join(f"<li>{escape(x)}</li>" for x in lines) or "<li>nothing played yet</li>"
        items.append(
            f"<li class='undone'>{escape(u.sentence)} <span class='meta'>({escape(u.at)})</span>"
            f"<ul>{body}</ul></li>"
        )
    return f"<ul>{''.join(items)}</ul>"


def _timeline(c: ReportContent) -> str:
    parts = []
    for t in c.turns:
        ind = t.indicators
        headline = (
            f"cohesion {ind.get('cohesion', 0):.0%}, escalation level "
            f"{int(ind.get('escalation_level', 0))}, storage {ind.get('storage_fill', 0):.0%}"
            if ind
            else "not adjudicated yet"
        )
        humans = ", ".join(t.humans) or "none (computer only)"
        rows = []
        for e in t.events:
            what = c.action_names.get(e.action, e.action)
            text = " ".join(x for x in (e.actor, what, f"→ {e.target}" if e.target else "") if x)
            dice = "\n".join(roll_text(e))
            effects = list(wording(c.model.scenario).lines(e.effects[:6]))
            extra = "; ".join([*effects, e.note] if e.note else effects)
            overridden = " class='overridden'" if any(r.overridden for r in e.rolls) else ""
            rows.append(
                f"<tr{overridden}><td>{escape(e.id)}</td><td class='kind'>{escape(e.kind)}</td>"
                f"<td>{escape(text)}</td><td>{escape(e.outcome)}</td>"
                f"<td class='dice'>{escape(dice)}</td><td>{escape(extra)}</td></tr>"
            )
        parts.append(
            f"<h3>Turn {t.turn} ({escape(t.date)})</h3><p class='meta'>Played by people: "
            f"{escape(humans)}. End of turn: {escape(headline)}.</p>"
            "<table><tr><th>Event</th><th>Kind</th><th>What</th><th>Outcome</th>"
            f"<th>Rolls (probability, dice, result)</th><th>Effects</th></tr>{''.join(rows)}"
            "</table>"
        )
    return "".join(parts) or "<p>No turn has been played yet.</p>"


def render_html(content: ReportContent) -> str:
    """The report as a standalone HTML document."""
    c = content
    figures = "".join(
        f"<figure><img alt='{escape(cap)}' src='data:image/png;base64,{png}'>"
        f"<figcaption>{escape(cap)}</figcaption></figure>"
        for cap, png in all_figures(c.model)
    )
    return (
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
        f"<title>After-action report: {escape(c.title)}</title><style>{CSS}</style></head><body>"
        f"<h1>After-action report: {escape(c.title)}</h1>"
        f"<p class='meta'>Scenario <b>{escape(c.scenario)}</b>, seed {c.seed}"
        f"{f', game {escape(c.game_id)}' if c.game_id else ''}. Generated {escape(c.generated)}"
        f" by {escape(version_line())}.</p>"
        f"<p>{escape(c.description)}</p>"
        f"<h2>Summary</h2>{_summary(c)}"
        f"<h2>Debrief</h2>{debrief_html(build_debrief(c))}"
        f"<h2>Charts</h2>{figures}"
        f"<h2>Decisions taken by the players</h2>{_decisions(c)}"
        f"<h2>Overrides by the facilitator</h2>{_overrides(c)}"
        f"<h2>Turns taken back (undo)</h2>{_undone(c)}"
        f"<h2>Timeline</h2>{_timeline(c)}"
        f"<h2>Hot wash</h2>{_hotwash(c)}"
        "<h2>For the hot wash</h2><ul><li>Which injects changed the players' plans?</li>"
        "<li>Which rolls decided the game, and were the probabilities plausible?</li>"
        "<li>Was each override justified by something the model leaves out?</li>"
        "<li>What did the adversaries learn from each other, and when could blue have seen it?"
        "</li></ul></body></html>\n"
    )
