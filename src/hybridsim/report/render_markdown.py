"""The after-action report as Markdown, for notes and wikis; charts as data: PNG images."""

from __future__ import annotations

from ..model import Event
from ..transcript import change_text
from .content import ReportContent, n_minus_1_rows, roll_text, version_line
from .debrief import build_debrief
from .figures import all_figures


def _cell(text: object) -> str:
    return str(text).replace("|", "\\|").replace("\n", "<br>")


def _header(columns: list[str]) -> list[str]:
    return [f"| {' | '.join(columns)} |", f"| {' | '.join('---' for _ in columns)} |"]


def _table(columns: list[str], rows: list[str], empty: str) -> list[str]:
    """A Markdown table of ``rows``, or the sentence ``empty`` when there are none."""
    return [*_header(columns), *rows] if rows else [empty]


def _summary(c: ReportContent) -> list[str]:
    s = c.summary
    al = s["alliance"]
    out = [
        f"# After-action report: {c.title}",
        "",
        f"Scenario **{c.scenario}**, seed {c.seed}"
        + (f", game {c.game_id}" if c.game_id else "")
        + f". Generated {c.generated} by {version_line()}.",
        "",
        "## Summary",
        "",
        f"- Turns played: {c.turns_played} of {c.max_turns}; how it ended: {c.end_reason}",
        f"- Alliance cohesion: {al['cohesion_start']:.0%} → {al['cohesion_end']:.0%} "
        f"(lowest {al['cohesion_min']:.0%})",
        "- Measures adopted: "
        + (", ".join(c.action_names.get(m, m) for m in al["measures_adopted"]) or "none"),
        f"- Escalation: highest level {al['escalation_level_max']}, now '{al['escalation_end']}'",
        f"- Gas storage at the end: {al['storage_fill_end']:.0%}",
        "",
    ]
    header = ["Adversary", "Moves", "Successes", "Detected", "Attributed", "Lessons learnt"]
    rows = [
        f"| {adv} | {v['moves']} | {v['successes']} | {v['detected']} | "
        f"{v['attributed']} | {v['lessons_learnt']} |"
        for adv, v in s["adversaries"].items()
    ]
    return [*out, *_header(header), *rows]


def _debrief(c: ReportContent) -> list[str]:
    d = build_debrief(c)
    out = ["", "## Debrief", "", *(f"- {x}" for x in d.arc)]
    for title, lines in (
        ("Objectives", d.objectives),
        ("Turning points", d.turning_points),
        ("Key decisions by the players", d.decisions),
        ("Overrides", d.overrides),
        ("Turns taken back", d.undone),
    ):
        out += ["", f"### {title}", "", *(f"- {_cell(x)}" for x in lines or ("none",))]
    return out


def _gas_security(c: ReportContent) -> list[str]:
    out = ["", "## Gas security: EU N-1 indicator (Reg. (EU) 2017/1938)", ""]
    security = n_minus_1_rows(c.model)
    if not security:
        return [*out, "Every state stayed at or above 100% (compliant) throughout."]
    rows = [f"| {r.state} | {r.start:.0f}% | {r.lowest:.0f}% | {r.end:.0f}% |" for r in security]
    return [
        *out,
        *_header(["State", "N-1 at the start", "Lowest", "At the end"]),
        *rows,
        "",
        "States listed fell below 100% (not compliant) at some point.",
    ]


def _charts(c: ReportContent) -> list[str]:
    out = ["", "## Charts", ""]
    for caption, png in all_figures(c.model):
        out += [f"![{caption}](data:image/png;base64,{png})", ""]
    return out


def _decisions_and_overrides(c: ReportContent) -> list[str]:
    decisions = [
        f"| {d.turn} | {_cell(c.actor_names.get(d.actor, d.actor))} | "
        f"{_cell(c.action_names.get(d.action, d.action))} | {_cell(d.target)} |"
        for d in c.decisions
    ]
    overrides = [
        f"| {o.turn} | {o.event_id} | {_cell(o.event)} | "
        f"{_cell(', '.join(f'{k} → {v}' for k, v in o.forced.items()))} | {_cell(o.reason)} |"
        for o in c.overrides
    ]
    return [
        "",
        "## Decisions taken by the players",
        "",
        *_table(
            ["Turn", "Player", "Order", "Target"],
            decisions,
            "No player decisions: the computer played every actor.",
        ),
        "",
        "## Overrides by the facilitator",
        "",
        *_table(
            ["Turn", "Event", "What", "Forced", "Reason"], overrides, "No outcome was overridden."
        ),
    ]


def _undone_and_notes(c: ReportContent) -> list[str]:
    out = ["", "## Turns taken back (undo)", ""]
    for u in c.undone:
        out.append(f"- {u.sentence} ({u.at})")
        out += [f"  - order: {_cell(o)}" for o in u.orders]
        out += [f"  - {_cell(o)}" for o in u.outcomes]
        out += [f"  - override {_cell(o)}" for o in u.overrides]
    if not c.undone:
        out.append("No turn was taken back.")
    out += ["", "## Hot wash", "", c.hotwash or "No hot-wash notes were written."]
    if c.turn_notes:
        out += ["", "### Notes on the turns", ""]
        out += [f"- Turn {t}: {_cell(n)}" for t, n in sorted(c.turn_notes.items())]
    if c.live:
        out += ["", "### Injects and messages released during play", ""]
        out += [f"- {_cell(x)}" for x in c.live]
    return out


def _event_row(c: ReportContent, e: Event) -> str:
    what = " ".join(
        x
        for x in (
            e.actor,
            c.action_names.get(e.action, e.action),
            f"→ {e.target}" if e.target else "",
        )
        if x
    )
    if e.note:
        what += f" ({e.note})"
    if e.kind == "change":
        what = f"{change_text(e)} ({'; '.join(e.effects)})"
    rolls = _cell("; ".join(roll_text(e)))
    return f"| {e.id} | {e.kind} | {_cell(what)} | {e.outcome} | {rolls} |"


def _timeline(c: ReportContent) -> list[str]:
    out = ["", "## Timeline", ""]
    header = ["Event", "Kind", "What", "Outcome", "Rolls (probability, dice, result)"]
    for t in c.turns:
        rows = [_event_row(c, e) for e in t.events]
        out += [
            f"### Turn {t.turn} ({t.date})",
            "",
            f"Played by people: {', '.join(t.humans) or 'none (computer only)'}.",
            "",
            *_header(header),
            *rows,
            "",
        ]
    return out


def render_markdown(content: ReportContent, charts: bool = True) -> str:
    """The report as Markdown (``charts=False`` leaves the images out, e.g. for a terminal)."""
    out = [*_summary(content), *_debrief(content), *_gas_security(content)]
    if charts:
        out += _charts(content)
    out += [*_decisions_and_overrides(content), *_undone_and_notes(content)]
    out += _timeline(content)
    return "\n".join(out).rstrip() + "\n"
