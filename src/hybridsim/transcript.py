"""A readable, deterministic transcript of a game: every event with its rolls, turn by turn.

Used for golden playthroughs (a committed transcript per shipped scenario that a test
regenerates and diffs) and for after-action reports.
"""

from __future__ import annotations

from .model import Event, HybridThreatModel

SHOWN_CAUSES = 6  # a change line names its largest causes; the rest are counted


def change_text(event: Event) -> str:
    """A change and its causes in one line: "cohesion -0.031: vote on X failed -0.040; ..."
    (causes too small to show at three decimals are counted, not named)."""
    total = sum(c.delta for c in event.causes)
    shown = [c for c in event.causes if abs(c.delta) >= 0.0005][:SHOWN_CAUSES]
    text = "; ".join(f"{c.label} {c.delta:+.3f}" for c in shown)
    rest = len(event.causes) - len(shown)
    if rest:
        text += f"{'; ' if shown else ''}{rest} smaller"
    return f"{event.action} {total:+.3f}: {text}"


def describe_event(event: Event) -> str:
    """One line for one event, with its probability and roll where there was one."""
    head = f"{event.id:>6} {event.kind:<9} {event.actor:<8}"
    if event.kind == "change":
        effects = f" ({'; '.join(event.effects)})" if event.effects else ""
        return f"{head} {change_text(event)}{effects}"
    body = event.action
    if event.target:
        body += f" -> {event.target}"
    if event.rolls:
        rolls = ", ".join(
            f"{r.what} p={r.probability:.3f} roll={r.roll:.3f} {'yes' if r.result else 'no'}"
            + (" (overridden)" if r.overridden else "")
            for r in event.rolls
        )
        body += f" [{rolls}]"
    if event.outcome:
        body += f" => {event.outcome}"
    if event.note:
        body += f" | {event.note}"
    lines = [f"{head} {body}".rstrip()]
    lines += [f"{'':>26}* {effect}" for effect in event.effects]
    if event.causes:  # a decision's margins against its rule (the EU Council's)
        lines.append(f"{'':>26}because: " + "; ".join(
            f"{c.label} {c.delta:+.3f}" for c in event.causes[:SHOWN_CAUSES]))
    return "\n".join(lines)


def transcript(model: HybridThreatModel) -> str:
    """The whole game as text: header, then per turn its events and headline indicators."""
    sc = model.scenario
    out = [
        f"# {sc.title}",
        f"# scenario={sc.name} seed={model.seed} turns={model.turn} end={model.end_reason}",
    ]
    for record in model.indicator_log:
        turn = record.turn
        if turn > 0:
            out.append("")
            out.append(f"== turn {turn} ({record.date}) ==")
            out += [describe_event(e) for e in model.turn_events(turn)]
        al = record.alliance
        out.append(
            f"   indicators: cohesion={al['cohesion']:.4f} "
            f"escalation={al['escalation_score']:.4f} (level {int(al['escalation_level'])}) "
            f"storage={al['storage_fill']:.4f} measures={int(al['measures'])} "
            f"trust_mean={record.state['public_trust'].mean():.4f} "
            f"polarisation_mean={record.state['polarisation'].mean():.4f}"
        )
    return "\n".join(out) + "\n"
