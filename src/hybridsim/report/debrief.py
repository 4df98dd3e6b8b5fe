"""The debrief: the arc of a game in a few sentences, for the hot wash.

The viewer shows it when the game ends and the after-action report repeats it, so both say the
same: how cohesion and escalation went, the turns that turned the game, the people's key
decisions and how they came out, the facilitator's overrides and the turns taken back.
"""

from __future__ import annotations

from dataclasses import dataclass

from .content import ReportContent
from .objectives import score

KEY_DECISIONS = 12
TURNING_POINTS = 3


@dataclass(frozen=True)
class Debrief:
    arc: tuple[str, ...]
    objectives: tuple[str, ...]
    """Each side's objectives, met or not, with the value against its bound."""
    turning_points: tuple[str, ...]
    decisions: tuple[str, ...]
    overrides: tuple[str, ...]
    undone: tuple[str, ...]
    cohesion: tuple[float, ...]
    """Alliance cohesion at the start and after each turn."""
    escalation: tuple[int, ...]
    """Escalation level at the start and after each turn."""


def _level(c: ReportContent, level: int) -> str:
    ladder = c.model.scenario.escalation.ladder
    return f"{level} ('{ladder[min(level, len(ladder) - 1)]}')"


def _arc(c: ReportContent, cohesion: list[float], escalation: list[int]) -> tuple[str, ...]:
    low = min(range(len(cohesion)), key=cohesion.__getitem__)
    peak = max(range(len(escalation)), key=escalation.__getitem__)
    fracture = c.model.scenario.alliance.fracture_threshold
    measures = [c.action_names.get(m, m) for m in c.model.world.measures]
    return (
        f"The game ran {c.turns_played} of {c.max_turns} turns and ended: {c.end_reason}.",
        f"Alliance cohesion went from {cohesion[0]:.0%} to {cohesion[-1]:.0%} (lowest "
        f"{cohesion[low]:.0%}, turn {low}); the alliance fractures below {fracture:.0%}.",
        f"Escalation peaked at {_level(c, escalation[peak])} in turn {peak} and ended at "
        f"{_level(c, escalation[-1])}.",
        "Measures adopted: " + (", ".join(measures) if measures else "none") + ".",
    )


def _turning_points(c: ReportContent, cohesion: list[float], escalation: list[int]) -> tuple:
    """The turns where cohesion moved most, or escalation rose, with the votes behind them."""
    moves = sorted(range(1, len(cohesion)), key=lambda t: -abs(cohesion[t] - cohesion[t - 1]))
    moved = [
        t
        for t in moves
        if abs(cohesion[t] - cohesion[t - 1]) >= 0.005 or escalation[t] != escalation[t - 1]
    ]
    chosen = sorted(moved[:TURNING_POINTS])
    out = []
    for turn in chosen:
        diff = (cohesion[turn] - cohesion[turn - 1]) * 100
        text = f"Turn {turn}: cohesion {diff:+.0f} points"
        if escalation[turn] != escalation[turn - 1]:
            text += f", escalation to {_level(c, escalation[turn])}"
        votes = [
            f"{c.action_names.get(e.action, e.action)} {e.outcome}"
            for e in c.model.turn_events(turn)
            if e.kind == "vote"
        ]
        if votes:
            text += " (vote: " + "; ".join(votes) + ")"
        out.append(text)
    return tuple(out)


def _decisions(c: ReportContent) -> tuple[str, ...]:
    out = []
    for d in c.decisions[:KEY_DECISIONS]:
        result = next(
            (
                e.outcome
                for e in c.model.turn_events(d.turn)
                if e.actor == d.actor and e.action == d.action and e.target == d.target
            ),
            "",
        )
        who = c.actor_names.get(d.actor, d.actor)
        what = c.action_names.get(d.action, d.action)
        target = f" → {c.actor_names.get(d.target, d.target)}" if d.target else ""
        out.append(f"Turn {d.turn} — {who}: {what}{target}" + (f": {result}" if result else ""))
    if len(c.decisions) > KEY_DECISIONS:
        out.append(f"… and {len(c.decisions) - KEY_DECISIONS} more in the decisions table.")
    return tuple(out)


def build_debrief(c: ReportContent) -> Debrief:
    """The debrief of a game (finished or not) from its report content."""
    log = c.model.indicator_log
    cohesion = [float(r.alliance["cohesion"]) for r in log]
    escalation = [int(r.alliance["escalation_level"]) for r in log]
    return Debrief(
        arc=_arc(c, cohesion, escalation),
        objectives=tuple(
            f"{s.side}: {s.name} — {'met' if s.met else 'not met'} ({s.text})"
            for s in score(c.model)
        ),
        turning_points=_turning_points(c, cohesion, escalation) if len(log) > 1 else (),
        decisions=_decisions(c),
        overrides=tuple(
            f"Turn {o.turn} — {o.event}: "
            + ", ".join(f"{k} forced to {'yes' if v else 'no'}" for k, v in o.forced.items())
            + f" ({o.reason})"
            for o in c.overrides
        ),
        undone=tuple(u.sentence for u in c.undone),
        cohesion=tuple(cohesion),
        escalation=tuple(escalation),
    )
