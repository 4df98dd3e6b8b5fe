"""One contract for every move, every response, every policy and every shipped scenario.

Each move and response is played through the public API (a human order, forced to succeed by
a facilitator override) and must: be offered as a legal option, cost what it says, log its
probabilities and rolls, and apply each declared effect.
"""

from __future__ import annotations

import numpy as np
import pytest

from hybridsim.model import HybridThreatModel, Order
from hybridsim.model.politics import record_evidence
from hybridsim.policies import POLICY_KINDS
from hybridsim.scenario import load_scenario, shipped_scenarios
from hybridsim.scenario.fields import scope_kind

TUTORIAL = load_scenario("tutorial")
MOVES = [m.id for m in TUTORIAL.toolkit.moves]
RESPONSES = [r.id for r in TUTORIAL.toolkit.responses]


def _human_model(**kwargs) -> HybridThreatModel:
    model = HybridThreatModel(TUTORIAL, rng=11, **kwargs)
    for actor in model.actors:
        model.set_policy(actor, "human")
    return model


def test_catalogue_is_complete_and_unique():
    """Nothing left out of the registry: every move/response id is unique and indexed."""
    model = _human_model()
    assert len(set(MOVES)) == len(MOVES)
    assert len(set(RESPONSES)) == len(RESPONSES)
    assert set(model.catalogue.moves) == set(MOVES)
    assert set(model.catalogue.responses) == set(RESPONSES)
    assert model.world.move_ids == MOVES


def _play_forced(model: HybridThreatModel, order: Order):
    model.begin_turn()
    budget_before = model.budget_of(order.actor)
    model.submit_orders(order.actor, [order])
    events = model.resolve_turn()
    event = next(e for e in events if e.action == order.action and e.kind in ("move", "response"))
    model.override(event.id, True, "contract test: force success")
    event = next(e for e in model.turn_events(model.turn) if e.id == event.id)
    return event, budget_before


@pytest.mark.parametrize("move_id", MOVES)
def test_every_move_honours_its_contract(move_id):
    model = _human_model()
    move = model.catalogue.moves[move_id]
    actor = next(a for a in model.adversaries if move.actors is None or a.actor_id in move.actors)
    options = [o for o in model.options(actor.actor_id) if o.order.action == move_id]
    assert options, f"{move_id} is never offered to {actor.actor_id}"
    option = options[0]
    for chance in option.chances.values():
        assert 0.0 <= chance <= 1.0
    event, budget_before = _play_forced(model, option.order)
    assert event.outcome == "success"
    rolled = ["success"] if move.overt else ["success", "detection", "attribution"]
    assert [r.what for r in event.rolls] == rolled  # an overt act is known: no detection roll
    assert not move.overt or (event.detected and event.attributed)
    assert all(0.0 <= r.probability <= 1.0 and 0.0 <= r.roll < 1.0 for r in event.rolls)
    assert event.rolls[0].overridden or event.rolls[0].result
    assert budget_before - model.budget_of(actor.actor_id) == pytest.approx(move.cost)
    text = " | ".join(event.effects)
    for effect in move.effects:
        assert f".{effect.field} " in text, f"{move_id}: effect on {effect.field} not applied"
    if move.damage:
        assert ".health " in text
    if move.narrative:
        assert "narrative" in text
    if move.malware:
        assert "infected" in text
    if move.partner_damage_gw:
        assert "generation_gw" in text
    override = [e for e in model.turn_events(model.turn) if e.kind == "override"]
    assert override
    assert override[0].note.startswith("contract test")


@pytest.mark.parametrize("response_id", RESPONSES)
def test_every_response_honours_its_contract(response_id):
    model = _human_model()
    response = model.catalogue.responses[response_id]
    if response.collective:
        model.world.escalation = float(TUTORIAL.escalation.collective_level) + 0.5
    if response.target == "adversary":  # naming or sanctioning needs a completed case
        for adversary in range(len(model.world.adversary_ids)):
            record_evidence(model.world, adversary, -10)
    state = next(
        s for s in model.states if response.actors is None or s.actor_id in response.actors
    )
    options = [o for o in model.options(state.actor_id) if o.order.action == response_id]
    assert options, f"{response_id} is never offered to {state.actor_id}"
    event, budget_before = _play_forced(model, options[0].order)
    assert event.outcome == "success"
    assert budget_before - model.budget_of(state.actor_id) == pytest.approx(response.cost)
    text = " | ".join(event.effects)
    for effect in response.effects:
        kind = scope_kind(effect.on, response.target, is_move=False)
        assert f".{effect.field} " in text or (kind == "adversary" and effect.on == "target"), (
            f"{response_id}: effect on {effect.field} not applied"
        )


@pytest.mark.parametrize("kind", POLICY_KINDS)
def test_every_policy_plays_legal_orders_within_budget(kind):
    model = HybridThreatModel(
        TUTORIAL,
        rng=5,
        turns=4,
        keep_history=False,
        policies=dict.fromkeys(("RU", "CN", "DE", "PL", "IT"), kind),
    )
    budgets = []  # fixed when each turn opens (a sanction bites from the next turn)
    while model.running:
        model.begin_turn()
        budgets.append({actor: model.budget_of(actor) for actor in ("RU", "CN")})
        model.resolve_turn()
    assert model.turn == 4
    refused = [e for e in model.events if e.kind == "refused"]
    assert refused == [], [e.note for e in refused]
    for turn in range(1, 5):
        for actor in ("RU", "CN"):
            spent = sum(
                model.catalogue.moves[e.action].cost
                for e in model.turn_events(turn)
                if e.kind == "move" and e.actor == actor
            )
            assert spent <= budgets[turn - 1][actor] + 1e-9


@pytest.mark.parametrize("name", shipped_scenarios())
def test_every_shipped_scenario_loads_and_plays(name):
    scenario = load_scenario(name)
    model = HybridThreatModel(scenario, turns=3, keep_history=False)
    model.run()
    assert model.turn == 3 or not model.running
    last = model.indicator_log[-1]
    for values in last.state.values():
        assert np.isfinite(values).all()
