"""Small HTML fragments for the viewer's read-only panels (tables, tiles, dice).

A read-only table as one HTML string is one widget instead of hundreds, which keeps a turn's
re-render fast and the page readable on a projector. Every value is escaped.
"""

from __future__ import annotations

from html import escape

import pandas as pd

from .story import TurnStory
from .views import DASHBOARD, EventRow, Headline, RollRow

OUTCOME_GROUPS = (
    ("Moves and responses", ("move", "response", "refused")),
    ("Alliance votes", ("vote",)),
    ("The world", ("cascade", "shortfall", "contagion", "end")),
    ("Lessons the adversaries drew", ("learning",)),
    ("Overrides", ("override",)),
)

CSS = """
.hs-root { font-size: 15px; }
.hs-root h2 { font-size: 1.25rem; margin: .4rem 0 .3rem; }
.hs-root h3 { font-size: 1.05rem; margin: .5rem 0 .2rem; }
.hs-tiles { display: flex; flex-wrap: wrap; gap: 8px; margin: 4px 0 8px; }
.hs-tile { border: 1px solid #cfd8dc; border-radius: 6px; padding: 6px 10px; min-width: 150px;
  background: #fafafa; }
.hs-tile .hs-label { font-size: .78rem; color: #546e7a; }
.hs-tile .hs-value { font-size: 1.35rem; font-weight: 600; }
.hs-good { color: #2e7d32; } .hs-bad { color: #c62828; } .hs-flat { color: #78909c; }
.hs-table { border-collapse: collapse; width: 100%; font-size: .92rem; }
.hs-table th { text-align: left; background: #eceff1; padding: 4px 6px; position: sticky; top: 0; }
.hs-table td { border-top: 1px solid #e0e0e0; padding: 3px 6px; vertical-align: top; }
.hs-bar { display: inline-block; height: 10px; background: #90a4ae; vertical-align: middle;
  margin-right: 6px; border-radius: 2px; }
.hs-bar.hs-low { background: #e57373; } .hs-bar.hs-mid { background: #ffb74d; }
.hs-bar.hs-high { background: #81c784; }
.hs-event { border-left: 4px solid #90a4ae; padding: 4px 8px; margin: 4px 0; background: #fafafa; }
.hs-event.hs-success { border-color: #2e7d32; } .hs-event.hs-failure { border-color: #c62828; }
.hs-event.hs-deferred { border-color: #f9a825; }
.hs-event.hs-inject { border-color: #6a1b9a; } .hs-event.hs-override { border-color: #ef6c00; }
.hs-event .hs-head { font-weight: 600; }
.hs-event .hs-meta { font-size: .8rem; color: #607d8b; }
.hs-event ul { margin: 2px 0 0 18px; padding: 0; font-size: .85rem; color: #455a64; }
.hs-dice { font-family: monospace; font-size: .88rem; }
.hs-dice td, .hs-dice th { padding: 1px 8px 1px 0; }
.hs-yes { color: #2e7d32; font-weight: 600; } .hs-no { color: #c62828; font-weight: 600; }
.hs-forced { background: #fff3e0; }
.hs-chip { display: inline-block; border-radius: 10px; padding: 0 8px; font-size: .8rem;
  background: #eceff1; margin-right: 4px; }
.hs-chip.hs-red { background: #ffcdd2; } .hs-chip.hs-blue { background: #bbdefb; }
.hs-chip.hs-white { background: #e0e0e0; }
.hs-busy { background: #fff8e1; border: 1px solid #ffe082; padding: 4px 10px; border-radius: 4px; }
.hs-grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(440px, 1fr));
  gap: 4px 10px; align-items: start; }
.hs-card .hs-event { margin: 2px 0 0; }
.hs-status { display: inline-block; margin-left: 10px; }
.hs-actors { max-height: 300px; overflow-y: auto; border: 1px solid #eceff1; padding: 2px 8px;
  border-radius: 4px; }
.hs-problems { padding-left: 20px; margin: 4px 0; }
.hs-problem.hs-error { color: #b71c1c; } .hs-problem.hs-warning { color: #8d6e00; }
.hs-story-headline { font-size: 1.15rem; font-weight: 600; background: #e3f2fd;
  border-left: 5px solid #1565c0; padding: 8px 12px; margin: 4px 0 8px; }
.hs-highlights { display: grid; grid-template-columns: repeat(auto-fill, minmax(380px, 1fr));
  gap: 6px 10px; }
.hs-why { font-size: .9rem; color: #37474f; padding: 0 8px 4px 12px; font-style: italic; }
.hs-routine summary { cursor: pointer; color: #455a64; margin: 6px 0; }
.hs-messages { list-style: none; padding: 0; margin: 4px 0; }
.hs-messages li { background: #fff8e1; border-left: 4px solid #f9a825; padding: 6px 10px;
  margin: 3px 0; font-size: 1.05rem; }
.hs-messages li.hs-live-inject { background: #f3e5f5; border-color: #6a1b9a; }
.hs-chip.hs-timer { background: #ffe0b2; font-weight: 600; }
.hs-ready-status { font-weight: 600; }
.hs-projector { font-size: 21px; }
.hs-projector h2 { font-size: 1.7rem !important; }
.hs-projector h3 { font-size: 1.35rem !important; }
.hs-projector .hs-event .hs-meta, .hs-projector .hs-dice, .hs-projector .hs-control,
.hs-projector .hs-roomcode, .hs-projector .hs-override-form { display: none !important; }
.hs-projector .hs-story-headline { font-size: 1.6rem; }
.hs-projector .hs-tile .hs-value { font-size: 2rem; }
.hs-roomcode { font-family: monospace; font-size: 1.6rem; letter-spacing: .15rem;
  font-weight: 700; }
"""


def pct(value: float | None) -> str:
    return "–" if value is None else f"{value:.0%}"


def _delta(delta: float | None, higher_is_better: bool, as_level: bool = False) -> str:
    if delta is None or abs(delta) < 0.0005:
        return '<span class="hs-flat">±0</span>'
    good = (delta > 0) == higher_is_better
    text = f"{delta:+.0f}" if as_level else f"{delta * 100:+.1f} pt"
    return f'<span class="{"hs-good" if good else "hs-bad"}">{text}</span>'


def headline_tiles(items: tuple[Headline, ...]) -> str:
    """The alliance-wide numbers with their change since the last turn."""
    tiles = []
    for h in items:
        delta = _delta(h.delta, h.higher_is_better, as_level=h.key == "escalation_level")
        tiles.append(
            f'<div class="hs-tile" data-key="{escape(h.key)}"><div class="hs-label">'
            f'{escape(h.label)}</div><div class="hs-value">{escape(h.text)}</div>'
            f"<div>{delta}</div></div>"
        )
    return f'<div class="hs-tiles">{"".join(tiles)}</div>'


def _bar(value: float, higher_is_better: bool) -> str:
    good = value if higher_is_better else 1.0 - value
    level = "hs-high" if good >= 0.6 else "hs-mid" if good >= 0.35 else "hs-low"
    width = max(2, round(60 * min(max(value, 0.0), 1.0)))
    return f'<span class="hs-bar {level}" style="width:{width}px"></span>'


def dashboard_table(frame: pd.DataFrame) -> str:
    """Per-state indicators with bars and the change over the last turn."""
    head = "".join(f"<th>{escape(label)}</th>" for _k, label, _b in DASHBOARD)
    rows = []
    for rec in frame.to_dict("records"):
        cells = []
        for key, _label, better in DASHBOARD:
            value = float(rec[key])
            cells.append(
                f"<td>{_bar(value, better)}{value:.0%} "
                f"<small>{_delta(float(rec[key + '_delta']), better)}</small></td>"
            )
        rows.append(
            f'<tr data-state="{escape(str(rec["id"]))}"><td><b>{escape(str(rec["state"]))}</b>'
            f"</td>{''.join(cells)}<td>{int(rec['assets_down'])}</td></tr>"
        )
    return (
        f'<table class="hs-table hs-dashboard"><thead><tr><th>State</th>{head}'
        f"<th>Assets down</th></tr></thead><tbody>{''.join(rows)}</tbody></table>"
    )


def dice_table(rolls: tuple[RollRow, ...]) -> str:
    """Each roll: what was rolled for, the probability, the die, and the result."""
    if not rolls:
        return ""
    body = []
    for r in rolls:
        result = '<span class="hs-yes">yes</span>' if r.result else '<span class="hs-no">no</span>'
        forced = " hs-forced" if r.overridden else ""
        note = " (overridden)" if r.overridden else ""
        if r.what == "adopted":  # a vote: the share in favour against the threshold, no die
            body.append(
                f'<tr class="hs-roll hs-vote{forced}"><td>in favour {r.roll:.0%}</td>'
                f"<td>needed {r.probability:.0%}</td><td>{result}{note}</td></tr>"
            )
            continue
        body.append(
            f'<tr class="hs-roll{forced}"><td>{escape(r.what)}</td><td>p = {r.probability:.2f}'
            f"</td><td>dice {r.roll:.2f}</td><td>{result}{note}</td></tr>"
        )
    return f'<table class="hs-dice">{"".join(body)}</table>'


def event_card(row: EventRow, names: dict[str, str] | None = None) -> str:
    """One event for a brief: headline, where and when, the dice, and its effects."""
    names = names or {}
    kind_class = {
        "success": "hs-success",
        "failure": "hs-failure",
        "adopted": "hs-success",
        "rejected": "hs-failure",
        "deferred": "hs-deferred",  # no consensus yet: tabled again, not voted down
    }.get(row.outcome, "")
    if row.kind == "inject":
        kind_class = "hs-inject"
    if row.kind == "override":
        kind_class = "hs-override"
    meta = [row.kind, f"event {row.ref or row.id}"]
    if row.domain:
        meta.append(row.domain)
    if row.kind == "move" and row.detected is not None:
        meta.append("detected" if row.detected else "undetected")
        if row.detected:
            meta.append("attributed" if row.attributed else "not attributed")
    headline = row.headline
    effects = "".join(f"<li>{escape(e)}</li>" for e in row.effects[:8])
    more = f"<li>… {len(row.effects) - 8} more</li>" if len(row.effects) > 8 else ""
    return (
        f'<div class="hs-event {kind_class}" data-event="{escape(row.ref or row.id)}">'
        f'<div class="hs-head">{escape(headline)}</div>'
        f'<div class="hs-meta">{escape(" · ".join(meta))}</div>'
        f"{dice_table(row.rolls)}"
        f"{f'<ul>{effects}{more}</ul>' if effects else ''}</div>"
    )


def roll_words(roll: RollRow) -> str:
    """One roll in a line; a vote's share in favour against its threshold."""
    result = "yes" if roll.result else "no"
    forced = " (overridden)" if roll.overridden else ""
    if roll.what == "adopted":
        return f"in favour {roll.roll:.0%}, needed {roll.probability:.0%}: {result}{forced}"
    return f"{roll.what} p={roll.probability:.2f} dice={roll.roll:.2f} {result}{forced}"


def _log_note(row: EventRow) -> str:
    """The note column; a taken-back turn also lists what it had held (white cell only)."""
    if row.kind == "undo" and row.effects:
        return f"{row.note} It had: {'; '.join(row.effects)}"
    return row.note


def log_table(rows: list[EventRow], limit: int = 400) -> str:
    """The event log, newest first, as one table."""
    shown = list(reversed(rows))[:limit]
    body = []
    for r in shown:
        dice = "; ".join(roll_words(x) for x in r.rolls)
        body.append(
            f'<tr data-event="{escape(r.ref or r.id)}"><td>{r.turn}</td><td>{escape(r.kind)}</td>'
            f"<td>{escape(r.actor_name or r.actor)}</td><td>{escape(r.action_name)}</td>"
            f"<td>{escape(r.domain)}</td><td>{escape(r.target_name or r.target)}</td>"
            f"<td>{escape(r.outcome)}</td><td class='hs-dice'>{escape(dice)}</td>"
            f"<td>{escape(_log_note(r))}</td></tr>"
        )
    more = f"<p>Showing the latest {limit} of {len(rows)} events.</p>" if len(rows) > limit else ""
    return (
        '<table class="hs-table hs-log"><thead><tr><th>Turn</th><th>Kind</th><th>Actor</th>'
        "<th>Action</th><th>Domain</th><th>Target</th><th>Outcome</th><th>Dice</th>"
        f"<th>Note</th></tr></thead><tbody>{''.join(body)}</tbody></table>{more}"
    )


def toolkit_table(frame: pd.DataFrame, adversaries: list[str], names: dict[str, str]) -> str:
    """Moves by adversary: proficiency now (bar), change since the start, lessons learnt.

    One row per move and one column per adversary, so a move spreading from one adversary to
    another (the shared toolkit) reads across a row."""
    if frame.empty:
        return "<p>No moves.</p>"
    head = "".join(
        f"<th class='hs-adv' data-adversary='{escape(a)}'>{escape(names.get(a, a))} ({escape(a)})"
        "</th>"
        for a in adversaries
    )
    by_key = {(r["adversary"], r["move_id"]): r for r in frame.to_dict("records")}
    moves = list(dict.fromkeys(frame["move_id"]))
    body = []
    for move_id in moves:
        first = next(r for (adv, mid), r in by_key.items() if mid == move_id)
        cells = []
        for adv in adversaries:
            rec = by_key.get((adv, move_id))
            if rec is None:
                cells.append("<td class='hs-flat'>–</td>")
                continue
            lessons = f" · {int(rec['lessons'])} lesson(s)" if rec["lessons"] else ""
            usable = "" if rec["usable"] else " <small class='hs-flat'>(not usable yet)</small>"
            cells.append(
                f"<td>{_bar(rec['now'], True)}{rec['now']:.2f} "
                f"<small>{_delta(rec['now'] - rec['start'], True)}{lessons}</small>{usable}</td>"
            )
        body.append(
            f"<tr data-move='{escape(move_id)}'><td>{escape(first['move'])}</td>"
            f"<td>{escape(first['domain'])}</td>{''.join(cells)}</tr>"
        )
    return (
        f"<table class='hs-table hs-toolkit'><thead><tr><th>Move</th><th>Domain</th>{head}</tr>"
        f"</thead><tbody>{''.join(body)}</tbody></table>"
    )


def story_html(story: TurnStory, names: dict[str, str]) -> str:
    """A turn's outcome brief as a story: headline, what mattered most and why, the people's
    actions, everything else grouped, and the computer's routine folded into counts."""
    parts = [f'<p class="hs-story-headline">{escape(story.headline)}</p>']
    if story.highlights:
        cards = "".join(
            f'<div class="hs-highlight">{event_card(h.row, names)}'
            f'<div class="hs-why">Why it matters: {escape(h.why)}</div></div>'
            for h in story.highlights
        )
        parts.append(f"<h3>What mattered most</h3><div class='hs-highlights'>{cards}</div>")
    if story.changes:
        items = "".join(
            f"<li><b>{escape(c.headline)}</b>: "
            + escape("; ".join(f"{label} {delta * 100:+.1f}" for label, delta in c.causes[:6]))
            + "</li>"
            for c in story.changes
        )
        parts.append(
            f"<h3>Why cohesion and escalation moved</h3><ul class='hs-causes'>{items}</ul>"
        )
    if story.by_people:
        cards = "".join(event_card(r, names) for r in story.by_people)
        parts.append(
            f"<h3>What the people at the table did</h3><div class='hs-grid hs-people'>{cards}</div>"
        )
    for title, kinds in OUTCOME_GROUPS:
        rows = [r for r in story.others if r.kind in kinds]
        if rows:
            cards = "".join(event_card(r, names) for r in rows)
            parts.append(f"<h3>{escape(title)}</h3><div class='hs-grid'>{cards}</div>")
    if story.routine:
        counts = "".join(
            f"<li>{escape(what)} × {n}</li>"
            for what, n in sorted(story.routine_count.items(), key=lambda kv: -kv[1])
        )
        cards = "".join(event_card(r, names) for r in story.routine)
        parts.append(
            f"<details class='hs-routine'><summary>{len(story.routine)} routine actions by "
            f"computer-played allies</summary><ul>{counts}</ul><div class='hs-grid'>{cards}"
            "</div></details>"
        )
    return "".join(parts)
