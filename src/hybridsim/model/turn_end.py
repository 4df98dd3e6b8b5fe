"""The close of a turn's politics: the allies' strongest escalation signal, cases spent and
political capital regained, escalation ebbing, governments following their publics,
cohesion; then one "change" event per watched indicator that moved, with its causes."""

from __future__ import annotations

from . import dynamics, politics
from .causes import SMALLEST
from .event_text import Lines, Template
from .play import Draft, Play, draft, positions, watched

POSITION_SHOWN = 0.0005  # a position's turn change is an event from this size (3 decimals)

MOVED = Template("{:.3f} -> {:.3f}")  # a change event's line, written when read


def settle_escalation_and_cohesion(play: Play, cohesion_anchor: float,
                                   cohesion_start_terms: dict[str, float]) -> None:
    """Apply the turn's political changes, each entered in the ledger with its cause."""
    world = play.world
    now = play.now
    ledger = play.ledger
    if now.response_escalation:
        allies = len(now.signalling)
        joint = politics.joint_strength(allies, world.rules.politics.joint_single_share)
        with play.watch(f"allies' strongest response: {now.response_escalation_by} "
                        f"({allies} allies acting)"):
            world.escalation += now.response_escalation * joint
    now.response_escalation = 0.0
    politics.spend_cases(world, now.named, play.turn, play.investigation)
    politics.regain_capital(world, play.scenario.calendar.turn_days)
    with play.watch("tension ebbing (escalation decay)"):
        world.escalation = dynamics.ebb_escalation(
            world.escalation, play.scenario.escalation.start,
            play.rates.escalation_decay)
    moved = politics.follow_publics(world, play.scenario.calendar.turn_days)
    for sid, delta in zip(world.state_ids, moved.tolist(), strict=True):
        ledger.add(f"position:{sid}", "following its public", delta)
    for label, delta in dynamics.update_cohesion(
        world, cohesion_anchor, cohesion_start_terms,
        play.rates.cohesion_rate,
    ):
        ledger.add("cohesion", label, delta)


def record_changes(play: Play) -> list[Draft]:
    """One "change" event per watched indicator that moved this turn, with its causes:
    cohesion and escalation (actor "alliance") and each government's position that moved
    by at least POSITION_SHOWN (actor: the ally)."""
    world = play.world
    changes = [("alliance", name, value, SMALLEST) for name, value in watched(world).items()]
    changes += [(key.split(":", 1)[1], "position", value, POSITION_SHOWN)
                for key, value in positions(world).items()]
    out: list[Draft] = []
    for actor, name, value, smallest in changes:
        key = name if actor == "alliance" else f"position:{actor}"
        start = play.ledger.start[key]
        if abs(value - start) < smallest:
            continue
        causes, blue = play.ledger.causes(key, value)
        out.append(draft("change", actor, action=name, domain="political",
                         effects=Lines((MOVED, start, value)),
                         causes=causes,
                         blue_causes=blue, side="blue"))
    return out
