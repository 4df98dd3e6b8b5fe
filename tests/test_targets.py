"""The catalogues of target kinds and effect scopes cover what the scenario format allows."""

from __future__ import annotations

import typing

import numpy as np

from hybridsim.model import HybridThreatModel, Order
from hybridsim.model.agents import ACTOR_TYPES
from hybridsim.model.orders import RESPONSE_TARGETS
from hybridsim.model.targets import EFFECT_SCOPES, TARGET_KINDS, Target, target_ids, target_state
from hybridsim.model.world import build_world
from hybridsim.rules import TERMS
from hybridsim.scenario import load_scenario
from hybridsim.scenario.schema import EffectScope, TargetKind


def test_every_target_kind_and_effect_scope_has_an_entry():
    assert set(TARGET_KINDS) == set(typing.get_args(TargetKind)) - {"self"}
    assert set(EFFECT_SCOPES) == set(typing.get_args(EffectScope))
    assert set(TARGET_KINDS) <= set(TERMS)  # and every kind has defence rows
    assert set(RESPONSE_TARGETS) == set(typing.get_args(TargetKind))


def test_target_kinds_answer_from_the_world():
    scenario = load_scenario("baseline")
    world = build_world(scenario, np.random.default_rng(0))
    for name, kind in TARGET_KINDS.items():
        ids = kind.ids(world, scenario)
        assert len(ids) == kind.count(world) or (name == "partner" and not scenario.partner)
        assert target_ids(world, scenario, name, np.arange(len(ids))) == list(ids)
    owned = next(i for i, o in enumerate(world.asset_owner) if o == 1)
    assert target_state(world, Target("asset", owned, world.asset_ids[owned])) == 1
    assert target_state(world, Target("source", 0, world.source_ids[0])) is None


def test_effect_scopes_pick_the_records_they_name():
    scenario = load_scenario("baseline")
    world = build_world(scenario, np.random.default_rng(0))
    asset = Target("asset", 0, world.asset_ids[0])
    owner = int(world.asset_owner[0])
    assert EFFECT_SCOPES["owner"].records(world, asset, None) == ("state", [owner])
    assert EFFECT_SCOPES["owner"].records(world, Target("state", 2, "x"), None) is None
    assert EFFECT_SCOPES["actor"].records(world, asset, ("adversary", 1)) == ("adversary", [1])
    everyone = EFFECT_SCOPES["all_states"].records(world, None, None)
    assert everyone == ("state", list(range(len(world.state_ids))))
    assert [s for s, e in EFFECT_SCOPES.items() if e.broadcast] == [
        "all_states", "all_adversaries", "alliance"
    ]


def test_every_actor_type_names_its_agent_records_and_budget():
    scenario = load_scenario("tutorial")
    model = HybridThreatModel(scenario, rng=1)
    # The order they give orders in; the EU (an institution) gives none: its Council decides.
    assert list(ACTOR_TYPES) == ["adversary", "state", "institution"]
    assert [kind.gives_orders for kind in ACTOR_TYPES.values()] == [True, True, False]
    assert [b.actor_id for b in model.institutions] == ["EU"]
    assert "EU" not in model.actors
    for name, kind in ACTOR_TYPES.items():
        assert kind.agent.actor_type == name
        records = kind.records(scenario)
        assert len(kind.budget(model.world)) == len(records)
        if not kind.gives_orders:
            continue
        for i, record in enumerate(records):
            agent = model.actors[record.id]
            assert (type(agent), agent.index) == (kind.agent, i)
            assert model.budget_of(record.id) == kind.budget(model.world)[i]
    # What an actor may play comes from its type: an ally cannot play a move.
    move = next(iter(model.catalogue.moves))
    model.set_policy("DE", "human")
    model.submit_orders("DE", [Order("DE", move, None)])
    model.step()
    refused = [e for e in model.turn_events(1) if e.actor == "DE"]
    assert [(e.kind, e.note) for e in refused] == [("refused", f"DE cannot use {move}")]
