"""The political layer and the fixes found on the way: each test names the behaviour it holds."""

from __future__ import annotations

from hybridsim.model import HybridThreatModel
from hybridsim.scenario.schema import PlanItem, PolicySpec


def _scripted(scenario, actor: str, plan: list[PlanItem]):
    """The scenario with one adversary playing a fixed plan."""
    adversaries = [
        a.model_copy(update={"policy": PolicySpec(kind="scripted", plan=plan)}) if a.id == actor
        else a
        for a in scenario.adversaries
    ]
    return scenario.model_copy(update={"adversaries": adversaries})


def test_a_scripted_plan_is_played_on_the_turns_it_names(tutorial):
    plan = [PlanItem(turn=1, move="polarisation_campaign", target="IT"),
            PlanItem(turn=[3, 5], move="polarisation_campaign", target="DE")]
    model = HybridThreatModel(_scripted(tutorial, "RU", plan), rng=1, turns=6)
    model.run()
    played = [(e.turn, e.target) for e in model.events
              if e.kind in ("move", "refused") and e.actor == "RU"]
    assert played == [(1, "IT"), (3, "DE"), (5, "DE")]


def test_a_supply_cut_is_worth_nothing_while_the_last_one_still_holds(tutorial):
    from hybridsim.model.effects import apply_effect
    from hybridsim.policies.heuristic import _target_values

    model = HybridThreatModel(tutorial, rng=1)
    model.begin_turn()
    world = model.world
    cut = model.catalogue.moves["gas_supply_cut"]
    source = world.source_ids.index("russia_pipeline")
    apply_effect(world, cut.effects[0], "source", [source], model.turn, cut.id)
    table = model.order_table("RU")
    values = _target_values(model, table)
    k = world.move_index[cut.id]
    (start, stop), = [(a, b) for m, _, a, b in table.segments if m == k]
    held = table.target[start:stop] == source
    assert held.any() and (~held).any()
    assert (values[start:stop][held] == 0.0).all()
    assert (values[start:stop][~held] > 0.0).all()


def test_an_expiring_multiplicative_effect_is_undone_by_division(tutorial):
    from hybridsim.model.effects import apply_effect, expire_effects
    from hybridsim.scenario.schema import Effect

    world = HybridThreatModel(tutorial, rng=1).world
    source = world.source_ids.index("russia_pipeline")
    start = world.availability[source]
    apply_effect(world, Effect(field="availability", multiply=0.3, duration=2), "source",
                 [source], 1, "cut")
    apply_effect(world, Effect(field="availability", multiply=0.5), "source", [source], 2, "half")
    expire_effects(world, 3)
    # The cut ends; the lasting halving stays: start x 0.5, not start x 0.15 + the cut's 0.7.
    assert abs(world.availability[source] - 0.5 * start) < 1e-12
    trust = world.public_trust.copy()
    everyone = list(range(len(world.state_ids)))
    apply_effect(world, Effect(field="public_trust", multiply=0.5, duration=1), "state",
                 everyone, 1, "scare")
    apply_effect(world, Effect(field="public_trust", multiply=0.8), "state", everyone, 1, "blow")
    expire_effects(world, 2)
    assert abs(world.public_trust - 0.8 * trust).max() < 1e-12


def test_an_adversary_learns_only_moves_in_domains_where_it_has_capacity():
    from hybridsim.model.world import DOMAIN_INDEX
    from hybridsim.scenario import load_scenario

    model = HybridThreatModel(load_scenario("baseline"), rng=3, turns=8, keep_history=False)
    model.run()
    world = model.world
    learnt = [e for e in model.events if e.kind == "learning"]
    assert learnt, "the campaign's successes teach someone"
    for event in learnt:
        a = world.adversary_ids.index(event.actor)
        domain = model.catalogue.moves[event.action].domain
        assert world.capacity[a, DOMAIN_INDEX[domain]] > 0, event
    assert not any(e.actor == "RU-strikes" for e in learnt)


def test_actors_name_who_starts_with_a_move_and_sharing_teaches_only_shareable_ones(tutorial):
    """``actors:`` on a move says who has it from the start; others may learn it through
    sharing unless the move is ``shareable: false`` (docs/mechanics.md, Sharing the toolkit)."""
    model = HybridThreatModel(tutorial, rng=2)
    world = model.world
    cn = world.adversary_ids.index("CN")
    for move in model.catalogue.moves.values():
        k = world.move_index[move.id]
        if move.actors is not None and "CN" not in move.actors and "CN" not in (
                tutorial.adversaries[cn].proficiency):
            assert world.proficiency[cn, k] == 0.0, move.id
    ru = world.adversary_ids.index("RU")
    secret = next(m for m in model.catalogue.moves.values()
                  if not m.shareable and (m.actors is None or "RU" in m.actors))
    before = world.proficiency[:, world.move_index[secret.id]].copy()
    model._share_toolkit(secret, ru)
    assert (world.proficiency[:, world.move_index[secret.id]] == before).all()
