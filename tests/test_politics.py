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
