"""Behaviour of the model through its public API: seeding, turns, sharing, divide and rule,
injects, endings, human play, overrides, undo and replay."""

from __future__ import annotations

import numpy as np
import pytest

from hybridsim.model import HybridThreatModel, Order
from hybridsim.model.observation import seen_by
from hybridsim.results import indicator_frame
from hybridsim.scenario import load_scenario, shipped_scenarios
from hybridsim.transcript import transcript


def _run(scenario, seed, turns=None, **kwargs):
    model = HybridThreatModel(scenario, rng=seed, turns=turns, **kwargs)
    model.run()
    return model


def test_same_seed_same_game_and_different_seed_different_game(tutorial):
    a, b, c = _run(tutorial, 3), _run(tutorial, 3), _run(tutorial, 4)
    assert transcript(a) == transcript(b)
    assert indicator_frame(a).equals(indicator_frame(b))
    assert transcript(a) != transcript(c)


def test_default_seed_is_the_scenarios(tutorial):
    assert transcript(_run(tutorial, None, 3)) == transcript(_run(tutorial, tutorial.seed, 3))


def test_agents_are_mesa_agents_one_per_actor(tutorial):
    model = HybridThreatModel(tutorial, rng=1)
    kinds = {type(a).__name__ for a in model.agents}
    assert kinds == {"MemberState", "Adversary", "Institution"}
    assert [s.actor_id for s in model.states] == ["DE", "PL", "IT"]
    assert [a.actor_id for a in model.adversaries] == ["RU", "CN"]
    assert [b.actor_id for b in model.institutions] == ["EU"]


def test_calendar_and_season(tutorial):
    model = HybridThreatModel(tutorial, rng=1)
    model.step()
    assert model.date.isoformat() == "2024-10-14"
    model.step()
    assert model.date.isoformat() == "2024-10-21"


def test_sharing_the_toolkit_raises_the_other_adversarys_proficiency(tutorial):
    model = HybridThreatModel(tutorial, rng=2)
    for actor in model.actors:
        model.set_policy(actor, "human")
    k = model.world.move_ids.index("polarisation_campaign")
    before = model.world.proficiency[:, k].copy()
    model.begin_turn()
    model.submit_orders("RU", [Order("RU", "polarisation_campaign", "IT")])
    event = next(e for e in model.resolve_turn() if e.kind == "move")
    model.override(event.id, True, "force a success to see the lesson")
    ru, cn = model.world.adversary_ids.index("RU"), model.world.adversary_ids.index("CN")
    assert model.world.proficiency[cn, k] > before[cn]
    assert model.world.proficiency[ru, k] == before[ru]
    learning = [e for e in model.turn_events(1) if e.kind == "learning"]
    assert learning
    assert learning[0].actor == "CN"
    assert "proficiency" in learning[0].effects[0]


def test_shared_success_can_unlock_a_move_the_learner_did_not_have(tutorial):
    model = HybridThreatModel(tutorial, rng=2)
    k = model.world.move_ids.index("utility_wiper")  # actors: [RU] only
    cn = model.world.adversary_ids.index("CN")
    assert model.world.proficiency[cn, k] == 0.0
    assert not any(o.order.action == "utility_wiper" for o in model.options("CN"))
    for actor in model.actors:
        model.set_policy(actor, "human")
    for _ in range(2):
        model.begin_turn()
        model.submit_orders("RU", [Order("RU", "utility_wiper", "DE-grid")])
        event = next(e for e in model.resolve_turn() if e.kind == "move")
        model.override(event.id, True, "force")
    assert model.world.proficiency[cn, k] >= tutorial.sharing.unlock_at
    assert any(o.order.action == "utility_wiper" for o in model.options("CN"))


def test_a_measure_against_china_is_resisted_by_trade_exposed_allies(tutorial):
    model = HybridThreatModel(tutorial, rng=1)
    from hybridsim.model.dynamics import vote_support

    support = vote_support(model.world, "CN")
    exposure = model.world.china_trade_exposure
    # Raise one state's exposure: its support for a measure against China (CN) must fall.
    model.world.china_trade_exposure = np.where(exposure == exposure.min(), 0.95, exposure)
    after = vote_support(model.world, "CN")
    changed = exposure != model.world.china_trade_exposure
    assert (after[changed] < support[changed]).all()
    assert (after[~changed] == support[~changed]).all()


def test_cohesion_falls_as_positions_diverge(tutorial):
    from hybridsim.model.dynamics import cohesion_target

    model = HybridThreatModel(tutorial, rng=1)
    base = cohesion_target(model.world)
    model.world.position[0] = max(model.world.position[0] - 0.4, 0.0)  # a government breaks
    assert cohesion_target(model.world) < base


def test_meeting_votes_and_adopted_measures(tutorial):
    model = _run(tutorial, 7)
    votes = [e for e in model.events if e.kind == "vote" and e.actor == "alliance"]
    assert {e.turn for e in votes} == {8}
    assert {e.action for e in votes} == {"cable_patrols", "china_screening"}
    adopted = [e.action for e in votes if e.outcome == "adopted"]
    assert adopted == model.world.measures


def test_scripted_and_conditional_injects(tutorial):
    model = _run(tutorial, 7)
    injects = [e for e in model.events if e.kind == "inject"]
    assert any(e.action == "cold_snap" and e.turn == 10 for e in injects)
    # the cold snap is temporary: demand_shock returns to 0 the turn after
    assert model.world.demand_shock.max() == 0.0
    alarm = [e for e in injects if e.action == "gas_alarm"]
    frame = indicator_frame(model)
    fill = frame[(frame.indicator == "storage_fill") & (frame.scope == "state")]
    low_turns = sorted(fill[fill.value < 0.5].turn.unique())
    if low_turns:
        assert alarm
        assert alarm[0].turn == low_turns[0] + 1
    else:
        assert not alarm


def test_escalation_threshold_ends_the_game(tutorial):
    escalation = tutorial.escalation.model_copy(update={"end_level": 2, "start": 1.9})
    scenario = tutorial.model_copy(update={"escalation": escalation})
    ended = [m for m in (_run(scenario, seed) for seed in range(8))
             if m.end_reason and m.end_reason.startswith("escalation reached")]
    assert ended, "some runs should climb to level 2"
    for model in ended:
        assert not model.running
        assert model.escalation_level >= 2
        assert model.end_reason.startswith("escalation reached 'attributed hostility': ")


def test_fracture_ends_the_game(tutorial):
    alliance = tutorial.alliance.model_copy(update={"fracture_threshold": 0.68})
    scenario = tutorial.model_copy(update={"alliance": alliance})
    fractured = [
        m
        for m in (_run(scenario, seed) for seed in range(8))
        if m.end_reason == "the alliance fractured"
    ]
    assert fractured, "some runs should see cohesion fall below 0.68"
    assert any(model.turn < scenario.calendar.turns for model in fractured), "and end early"
    for model in fractured:
        assert not model.running
        assert model.indicator_log[-1].alliance["cohesion"] < 0.68


def test_human_orders_are_played_and_illegal_ones_refused(tutorial):
    model = HybridThreatModel(tutorial, rng=1, policies={"RU": "human"})
    model.begin_turn()
    model.submit_orders(
        "RU",
        [
            Order("RU", "gas_supply_cut", "russia_pipeline"),
            Order("RU", "port_investment", "DE-port-hamburg"),
            Order("RU", "cable_sabotage", "no-such-asset"),
        ],
    )
    events = [e for e in model.resolve_turn() if e.actor == "RU"]
    kinds = [(e.kind, e.action) for e in events if e.kind in ("move", "refused")]
    assert kinds == [
        ("move", "gas_supply_cut"),
        ("refused", "port_investment"),
        ("refused", "cable_sabotage"),
    ]
    assert model.inputs[-1].orders["RU"][0].action == "gas_supply_cut"


def test_override_replays_the_turn_with_the_same_dice(tutorial):
    model = HybridThreatModel(tutorial, rng=9)
    model.step()
    model.step()
    moves = [e for e in model.turn_events(2) if e.kind == "move"]
    target = next(e for e in moves if e.outcome == "failure")
    model.override(target.id, True, "white cell: the defenders were on leave")
    after = next(e for e in model.turn_events(2) if e.id == target.id)
    assert after.outcome == "success"
    assert after.rolls[0].overridden
    assert after.rolls[0].roll == target.rolls[0].roll
    log = [e for e in model.turn_events(2) if e.kind == "override"]
    assert log[0].note == "white cell: the defenders were on leave"
    with pytest.raises(ValueError, match="reason"):
        model.override(target.id, False, "  ")


def test_undo_restores_the_previous_state_exactly(tutorial):
    model = HybridThreatModel(tutorial, rng=4)
    model.run(3)
    before = transcript(model)
    model.step()
    assert transcript(model) != before
    model.undo()
    assert transcript(model) == before
    model.step()
    again = HybridThreatModel(tutorial, rng=4)
    again.run(4)
    assert transcript(model) == transcript(again)


def test_record_and_replay_reproduce_the_game(tutorial):
    model = HybridThreatModel(tutorial, rng=6, policies={"CN": "human"})
    model.begin_turn()
    model.submit_orders("CN", [Order("CN", "diplomatic_wedge", "IT")])
    model.resolve_turn()
    model.step()
    event = next(e for e in model.turn_events(2) if e.kind == "move")
    model.override(event.id, event.outcome != "success", "umpire's call")
    model.set_policy("CN", "random")
    model.step()
    replayed = HybridThreatModel.replay(tutorial, model.record())
    assert transcript(replayed) == transcript(model)


def test_policies_can_be_switched_between_turns(tutorial):
    model = HybridThreatModel(tutorial, rng=1)
    model.set_policy("RU", "random")
    assert model.policies()["RU"] == "random"
    with pytest.raises(ValueError, match="unknown policy"):
        model.set_policy("RU", "genius")
    with pytest.raises(KeyError, match="unknown actor"):
        model.set_policy("XX", "random")


def test_blue_sees_unattributed_attacks_without_their_author(tutorial):
    model = _run(tutorial, 7)
    moves = [e for e in model.events if e.kind == "move"]
    hidden = [e for e in moves if not e.detected]
    anonymous = [e for e in moves if e.detected and not e.attributed]
    assert hidden
    assert anonymous
    assert all(seen_by(e, "blue") is None for e in hidden)
    masked = seen_by(anonymous[0], "blue")
    assert masked.actor == "unknown"
    assert masked.action == "incident"
    assert not masked.rolls
    assert seen_by(anonymous[0], "white") is anonymous[0]


def test_overrides_stay_on_their_orders_when_events_shift(tutorial):
    """Forcing a later order, then an earlier one (which adds or removes learning events
    and so renumbers the turn's events), keeps both forced results on their own orders."""
    model = HybridThreatModel(tutorial, rng=9)
    model.step()
    moves = [e for e in model.turn_events(1) if e.kind == "move"]
    late, early = moves[-1], moves[0]
    model.override(late.id, late.outcome != "success", "later first")
    early_now = next(e for e in model.turn_events(1) if e.key == early.key)
    model.override(early_now.id, early.outcome != "success", "then the earlier")
    by_key = {e.key: e for e in model.turn_events(1) if e.kind == "move"}
    assert (by_key[late.key].outcome == "success") == (late.outcome != "success")
    assert (by_key[early.key].outcome == "success") == (early.outcome != "success")
    notes = [e.note for e in model.turn_events(1) if e.kind == "override"]
    assert notes == ["later first", "then the earlier"]
    replayed = HybridThreatModel.replay(tutorial, model.record())
    assert transcript(replayed) == transcript(model)


def test_players_do_not_see_control_or_the_other_sides_workings(tutorial):
    model = HybridThreatModel(tutorial, rng=2, policies={"RU": "human"})
    model.begin_turn()
    model.submit_orders("RU", [Order("RU", "port_investment", "DE-port-hamburg")])
    model.resolve_turn()
    move = next(e for e in model.turn_events(1) if e.kind == "move")
    model.override(move.id, True, "umpire")
    events = model.turn_events(1)
    refused = next(e for e in events if e.kind == "refused")
    override = next(e for e in events if e.kind == "override")
    learning = [e for e in events if e.kind == "learning"]
    assert refused.side == "red"
    assert seen_by(refused, "red") is refused
    assert seen_by(refused, "blue") is None
    assert seen_by(override, "red") is None
    assert seen_by(override, "blue") is None
    assert seen_by(override, "white") is override
    assert learning
    assert all(seen_by(e, "blue") is None and seen_by(e, "red") is e for e in learning)


@pytest.mark.parametrize("name", shipped_scenarios())
def test_order_table_offers_the_chances_the_adjudicator_rolls(name):
    """The whole-toolkit order table (what players are offered and the heuristic weighs)
    offers exactly the chances the single order is rolled against, and the trimmed table
    keeps each asset move's most valuable targets (legality: tests/test_legality.py)."""
    from hybridsim.model.adjudication import move_chances
    from hybridsim.model.order_table import MAX_ASSET_OPTIONS
    from hybridsim.model.targets import Target

    scenario = load_scenario(name)
    model = HybridThreatModel(scenario, rng=5, keep_history=False)
    world = model.world
    for _ in range(3):
        model.step()
        if not model.running:
            break
    for adversary in model.adversaries:
        full = {(t.move.id, int(i)): t for t in model.move_tables(adversary.actor_id, True)
                for i in t.indices}
        for table in model.move_tables(adversary.actor_id, True):
            for slot, index in enumerate(table.indices):
                single = move_chances(world, table.move, adversary.index,
                                      Target(table.kind, int(index), table.ids[slot]))
                offered = {what: float(values[slot]) for what, values in table.chances.items()}
                assert offered == single
        for table in model.move_tables(adversary.actor_id):
            assert {(table.move.id, int(i)) for i in table.indices} <= set(full)
            if table.kind == "asset":
                every = [i for (m, i) in full if m == table.move.id]
                assert len(table.indices) == min(len(every), MAX_ASSET_OPTIONS)
                worth = world.asset_capacity * (1.0 - world.hardening)
                dropped = set(every) - {int(i) for i in table.indices}
                if dropped:
                    assert min(worth[table.indices]) >= max(worth[list(dropped)])


def test_games_on_one_scenario_share_its_fixed_structure_which_no_game_changes(tutorial):
    """Replications reuse the scenario's networks, dependencies and lookups (built once per
    scenario object); a game never changes them, so a game on a reused structure plays as on
    a fresh one."""
    import pickle

    from hybridsim.model.world import FIXED_FIELDS, fixed_structure

    shared = fixed_structure(tutorial)
    before = pickle.dumps(shared)
    first = _run(tutorial, 3)
    assert all(getattr(first.world, name) is shared[name] for name in FIXED_FIELDS)
    assert pickle.dumps(shared) == before
    assert transcript(_run(tutorial, 3)) == transcript(first)
    other = tutorial.model_copy()
    assert fixed_structure(other)["links"] is not shared["links"]
    assert transcript(_run(other, 3)) == transcript(first)
