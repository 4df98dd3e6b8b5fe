"""An adversary's move, adjudicated: its dice, what it does if it succeeds, the alarm it raises
when detected, escalation and a rally when attributed, its pull on governments, and the
lessons other adversaries draw from a success (docs/mechanics.md)."""

from __future__ import annotations

import numpy as np

from ..scenario.fields import field_spec
from ..scenario.schema import Effect, Move
from . import dynamics, fast_stats, politics, turn_rates
from .adjudication import draw, move_chances
from .effects import CHANGED, apply_effect
from .event_text import LineParts, Lines
from .play import Draft, Play, draft, state_id
from .targets import EFFECT_SCOPES, Target, target_state
from .world import Narrative, World


def adjudicate_move(play: Play, move: Move, actor: int, target: Target,
                    forced: dict[str, bool] | None, key: str) -> list[Draft]:
    """Roll a move (an overt one only for success) and play out its consequences; the move's
    event first, then what other adversaries learnt from it."""
    world = play.world
    chances = move_chances(world, move, actor, target)
    if move.overt:  # known by its nature: only its success is rolled
        rolls = draw(play.rng, {"success": chances["success"]}, forced)
        success, detected, attributed = rolls[0].result, True, True
    else:
        rolls = draw(play.rng, chances, forced)
        success, detected = rolls[0].result, rolls[1].result
        attributed = detected and rolls[2].result
    actor_id = world.adversary_ids[actor]
    label = f"{move.id} by {actor_id} on {target.id}" + ("" if success else " (failed)")
    blue = label if attributed else f"incident on {target.id}" if detected else ""
    with play.watch(label, blue):
        lines = move_consequences(play, move, actor, target, success, detected, attributed)
    move_on_governments(play, move, actor, target, success, attributed, label, blue)
    count_outcomes(world, move.id, success=success, detected=detected, attributed=attributed)
    event = draft(
        "move", actor_id, key=key, action=move.id, domain=move.domain, target=target.id,
        target_state=state_id(world, target), probability=rolls[0].probability,
        roll=rolls[0].roll, outcome="success" if success else "failure", detected=detected,
        attributed=attributed, rolls=rolls, effects=Lines(lines),
    )
    return [event, *(share_toolkit(play, move, actor) if success else [])]


def count_outcomes(world: World, move: str, **happened: bool) -> None:
    """The counters conditional injects read (``events.<outcome>.<move|any>``)."""
    names = {"success": happened["success"], "failure": not happened["success"],
             "detected": happened["detected"], "attributed": happened["attributed"]}
    for what, yes in names.items():
        if yes:
            for key in (f"{what}.{move}", f"{what}.any"):
                world.counters[key] = world.counters.get(key, 0) + 1


def move_consequences(play: Play, move: Move, actor: int, target: Target, success: bool,
                      detected: bool, attributed: bool) -> LineParts:
    """What an adjudicated move does: its effects if it succeeded, alarm if detected,
    escalation and a rally if attributed."""
    world = play.world
    now = play.now
    lines = apply_move(play, move, actor, target) if success else []
    st = target_state(world, target)
    rules = world.rules.consequences
    if detected:
        bump = rules.attributed_alarm if attributed else rules.detected_alarm
        # A week's incidents are one news cycle: the strongest counts (sounded after the
        # orders, see sound_alarm), not their number.
        if st is not None:
            now.alarm[st] = max(now.alarm[st], bump)
        now.alarm_everywhere = max(now.alarm_everywhere, bump * rules.ally_alarm_share)
    if attributed:  # an overt act's author is known at once: no investigation to wait for
        opened = play.turn - (play.investigation if move.overt else 0)
        politics.record_evidence(world, actor, opened)
        world.escalation += move.escalation * (
            1.0 if success else rules.failed_escalation_share
        )
        if st is not None:  # rally round the flag
            world.opinions[st] = fast_stats.clip(world.opinions[st] + rules.rally, 0.0, 1.0)
    return lines


def move_on_governments(play: Play, move: Move, actor: int, target: Target, success: bool,
                        attributed: bool, label: str, blue: str) -> None:
    """The political channels of a move (docs/mechanics.md, The political layer): a
    successful coercive or courting act pulls the governments it reaches in proportion to
    their exposure; an attributed act rallies the governments it hurts; attributed coercion
    hardens a target that expects conflict with the coercer."""
    world = play.world
    share = politics.channel_share(world, move.tags) if success else 0.0
    if share:
        # Coercion bites through what the acting adversary itself holds (its gas, its trade).
        exposure = politics.coerced(world, move.domain, target.kind, target.index, actor)
        enter_position_moves(play, politics.pull_positions(world, exposure, share), label, blue)
    if attributed and move.escalation > 0:
        rally_governments(play, move, target, success, label)
    st = target_state(world, target)
    if success and attributed and "coercion" in move.tags and target.kind == "state" \
            and st is not None:
        gained = politics.harden(world, st)
        if gained:
            play.ledger.add(f"position:{world.state_ids[st]}", f"hardening against {label}",
                            gained)


def rally_governments(play: Play, move: Move, target: Target, success: bool,
                      label: str) -> None:
    """Rally round the flag after an attributed act: an attack on an ally's soil rallies its
    government; a successful cut of a gas source rallies every government that draws on it,
    in proportion to its dependence on the source and its conflict expectation."""
    world = play.world
    st = target_state(world, target)
    if st is not None:
        gained = politics.rally(world, st, move.escalation)
        play.ledger.add(f"position:{world.state_ids[st]}", f"rally after {label}", gained)
    elif target.kind == "source" and success:
        dependence = politics.source_dependence(world, target.index)
        delta = politics.dependence_rally(world, dependence, move.escalation)
        enter_position_moves(play, delta, f"rally after {label}")


def enter_position_moves(play: Play, delta: np.ndarray, label: str,
                         blue: str | None = None) -> None:
    """Enter each government's move of one cause (the allies whose position moved) in the
    turn's ledger, where the position change events read their causes."""
    for i in np.flatnonzero(delta).tolist():
        play.ledger.add(f"position:{play.world.state_ids[i]}", label, float(delta[i]), blue)


def sound_alarm(world: World, alarm: np.ndarray, everywhere: float) -> None:
    """Threat perception rises by the turn's strongest detected incident in each ally (and
    a share of the strongest anywhere in every ally), each times the headroom: a public
    already alarmed is moved less by one more."""
    total = 1.0 - (1.0 - alarm) * (1.0 - everywhere)
    world.threat_perception += total * (1.0 - world.threat_perception)


def share_toolkit(play: Play, move: Move, actor: int) -> list[Draft]:
    """'Sharing a toolkit': a success raises the other adversaries' proficiency, for those
    with capacity in the move's domain and a campaign that includes it (an actor that could
    never use it learns nothing)."""
    world = play.world
    if not move.shareable:
        return []
    k = world.move_index[move.id]
    rate = play.scenario.sharing.rate
    learning = world.rules.learning
    able = world.capacity[:, world.domain_column(move.domain)] > 0
    teacher = world.proficiency[actor, k]
    out = []
    for b in range(len(world.adversary_ids)):
        if b == actor or not able[b] or not world.plays[b, k]:
            continue
        before = world.proficiency[b, k]
        after = before + rate * (1.0 - before) * (
            learning.teacher_floor + learning.teacher_slope * teacher
        )
        world.proficiency[b, k] = after
        out.append(draft(
            "learning", world.adversary_ids[b], action=move.id, domain=move.domain,
            target=world.adversary_ids[actor],
            effects=Lines((CHANGED, world.adversary_ids[b], f"proficiency.{move.id}", before,
                           after)),
            note=f"learnt from {world.adversary_ids[actor]}'s success",
        ))
    return out


def apply_move(play: Play, move: Move, actor: int, target: Target) -> LineParts:
    """A successful move's effects: damage, malware, the partner's generation, narratives and
    its declared effects."""
    world = play.world
    lines: LineParts = []
    if target.kind == "asset":
        if move.damage:
            lines += damage_asset(world, target.index, move.damage)
        if move.malware:
            world.infected[target.index] = True
            world.malware_beta = max(world.malware_beta, move.malware.beta)
            world.malware_damage = max(world.malware_damage, move.malware.damage)
            lines.append(f"{target.id} infected with malware")
    if target.kind == "partner" and move.partner_damage_gw:
        before = world.partner_generation
        world.partner_generation = max(before - move.partner_damage_gw, 0.0)
        lines += (CHANGED, target.id, "generation_gw", before, world.partner_generation)
    if move.narrative:
        st = target_state(world, target)
        states = ([st] if st is not None
                  else range(len(world.state_ids)) if target.kind == "alliance" else [])
        for s in states:
            launch_narrative(world, move, int(s), world.adversary_ids[actor],
                             play.scenario.calendar.turn_days)
            lines.append(f"{world.state_ids[s]}: narrative '{move.id}' launched")
    for effect in move.effects:
        lines += apply_scoped(world, effect, target, ("adversary", actor), play.turn, move.id)
    return lines


def apply_scoped(world: World, effect: Effect, target: Target | None,
                 actor: tuple[str, int] | None, turn: int, source: str) -> LineParts:
    """Apply a declared effect to the records its scope (``on``) names."""
    records = EFFECT_SCOPES[effect.on].records(world, target, actor)
    if records is None:
        return []
    kind, indices = records
    if field_spec(kind, effect.field, world.source_ids, world.domain_ids) is None:
        return []
    return apply_effect(world, effect, kind, indices, turn, source)


def damage_asset(world: World, index: int, damage: float) -> LineParts:
    """Damage an asset; knocking one down raises escalation."""
    before = world.health[index]
    world.health[index] = max(before - damage, 0.0)
    consequences = world.rules.consequences
    if before >= consequences.down_below > world.health[index]:
        world.escalation += consequences.knock_down_escalation
    return [CHANGED, world.asset_ids[index], "health", before, world.health[index]]


def launch_narrative(world: World, move: Move, state: int, actor: str, turn_days: int) -> None:
    """Seed a move's narrative in one ally (re-seed it among those who have not heard it, if
    it is already spreading there); its weekly contacts are scaled to ``turn_days``."""
    spec = move.narrative
    assert spec is not None
    population = world.rules.public.narrative_population
    seeded = max(1, round(spec.seed_fraction * population))
    for nar in world.narratives:
        if nar.state == state and nar.move == move.id:
            fresh = min(seeded, nar.ignorant)
            before = nar.reach
            nar.ignorant -= fresh
            nar.spreaders += fresh
            dynamics.apply_reach(world, state, nar.reach - before, nar.trust_impact,
                                 nar.support_impact, nar.cohesion_impact, nar.polarisation_push)
            return
    nar = Narrative(state=state, move=move.id, actor=actor, ignorant=population - seeded,
                    spreaders=seeded, stiflers=0, trust_impact=spec.trust_impact,
                    support_impact=spec.support_impact, cohesion_impact=spec.cohesion_impact,
                    polarisation_push=spec.polarisation_push,
                    contacts=turn_rates.amount(spec.contacts, turn_days))
    dynamics.apply_reach(world, state, nar.reach, nar.trust_impact, nar.support_impact,
                         nar.cohesion_impact, nar.polarisation_push)
    world.narratives.append(nar)
