"""An ally's response, adjudicated, and what a response does when it succeeds (for one ally,
or for every ally when the alliance adopts it as a collective measure)."""

from __future__ import annotations

import numpy as np

from ..scenario.schema import Response
from . import politics
from .adjudication import draw, response_chances
from .effects import CHANGED
from .event_text import LineParts, Lines
from .moves import apply_scoped
from .play import Draft, Play, draft
from .targets import EFFECT_SCOPES, Target
from .world import World


def adjudicate_response(play: Play, response: Response, state: int, target: Target,
                        forced: dict[str, bool] | None, key: str) -> list[Draft]:
    """Roll a response; naming or sanctioning spends political capital whatever comes of it."""
    world = play.world
    rolls = draw(play.rng, response_chances(world, response, state), forced)
    success = rolls[0].result
    if target.kind == "adversary":
        politics.spend_capital(world, state)
    lines: LineParts = []
    if success:
        with play.watch(f"{response.id} by {world.state_ids[state]}"):
            lines = apply_response(play, response, target, state)
        if target.kind == "adversary":
            play.now.named.add(target.index)
    return [draft(
        "response", world.state_ids[state], key=key, action=response.id,
        domain=response.domain, target=target.id, target_state=world.state_ids[state],
        probability=rolls[0].probability, roll=rolls[0].roll,
        outcome="success" if success else "failure", rolls=rolls, effects=Lines(lines),
    )]


def apply_response(play: Play, response: Response, target: Target, state: int | None,
                   everyone: bool = False) -> LineParts:
    """Apply a response for one state, or (collective, adopted) for every ally."""
    world = play.world
    states = (list(range(len(world.state_ids))) if everyone
              else [state] if state is not None else [])
    lines = _counter_narratives(world, response, target, states)
    lines += _partner_and_assets(play, response, states)
    if response.escalation:
        # Allies naming or sanctioning the same week is one signal, not thirty-two:
        # the turn's strongest response counts (applied when the turn ends).
        now = play.now
        now.signalling.update(states)
        if response.escalation > now.response_escalation:
            now.response_escalation = response.escalation
            now.response_escalation_by = response.id
        lines.append(f"escalation signal {response.escalation:+.2g}")
    for declared in response.effects:
        effect = declared
        if everyone and declared.on == "target" and target.kind == "state":
            effect = declared.model_copy(update={"on": "all_states"})
        elif EFFECT_SCOPES[declared.on].broadcast and not everyone:
            # Allies doing the same thing in one week send one signal to everyone.
            signal = (response.id, declared.field)
            if signal in play.now.signals:
                continue
            play.now.signals.add(signal)
        actor = ("state", state) if state is not None else None
        lines += apply_scoped(world, effect, target, actor, play.turn, response.id)
    return lines


def _counter_narratives(world: World, response: Response, target: Target,
                        states: list[int]) -> LineParts:
    """Counter-disinformation turns spreaders into stiflers."""
    lines: LineParts = []
    if not response.counter_narratives:
        return lines
    for nar in world.narratives:
        if nar.state in states or target.kind == "alliance":
            silenced = int(nar.spreaders * response.counter_narratives)
            nar.spreaders -= silenced
            nar.stiflers += silenced
            lines.append(f"{world.state_ids[nar.state]}: {silenced} spreaders of "
                         f"'{nar.move}' silenced")
    return lines


def _partner_and_assets(play: Play, response: Response, states: list[int]) -> LineParts:
    """Repairs and air defence for the partner; repairs of the acting allies' assets."""
    world = play.world
    lines: LineParts = []
    if response.repair_gw and play.scenario.partner:
        before = world.partner_generation
        world.partner_generation = min(before + response.repair_gw, world.partner_max_generation)
        lines += (CHANGED, "partner", "generation_gw", before, world.partner_generation)
    if response.air_defence and play.scenario.partner:
        before = world.partner_air_defence
        world.partner_air_defence = min(before + response.air_defence,
                                        world.rules.partner.air_defence_cap)
        lines += (CHANGED, "partner", "air_defence", before, world.partner_air_defence)
    if response.repair_assets:
        mine = np.isin(world.asset_owner, states)
        world.health[mine] = np.minimum(world.health[mine] + response.repair_assets, 1.0)
        world.infected[mine] = False
        lines.append(f"assets of {', '.join(world.state_ids[s] for s in states)} repaired")
    return lines
