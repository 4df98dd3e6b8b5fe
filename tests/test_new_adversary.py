"""A new adversary in YAML alone: scenarios/examples/new_adversary.yaml adds Belarus, with a
gas supply it controls and a trade lever keyed by each state's exposure to it."""

from __future__ import annotations

import pytest

from hybridsim.model import HybridThreatModel, Order
from hybridsim.scenario import load, shipped_dir, validate_text

EXAMPLE = shipped_dir() / "examples" / "new_adversary.yaml"


def test_the_example_validates_cleanly():
    loaded = load(EXAMPLE)
    assert loaded.warnings == []
    assert [a.id for a in loaded.scenario.adversaries] == ["RU", "BY"]


def test_its_lever_reaches_only_the_exposed_state_and_its_supply_only_its_owner():
    scenario = load(EXAMPLE).scenario
    model = HybridThreatModel(scenario, rng=2)
    model.begin_turn()
    belarus = {(o.order.action, o.order.target) for o in model.options("BY")}
    assert ("border_trade_closure", "PL") in belarus
    assert ("border_trade_closure", "DE") not in belarus  # DE's exposure 0.02 < 0.15
    assert ("transit_squeeze", "yamal_transit") in belarus
    russia = {o.order.action for o in model.options("RU")}
    assert not russia & {"border_trade_closure", "transit_squeeze"}
    # The adjudicator applies the same rule to a single order.
    model.set_policy("BY", "human")
    model.submit_orders("BY", [Order("BY", "border_trade_closure", "DE")])
    refused = [e for e in model.resolve_turn() if e.actor == "BY" and e.kind != "learning"]
    assert [(e.kind, e.note) for e in refused] == [
        ("refused", "'DE' is not a legal target for border_trade_closure: its trade "
         "exposure to the actor is below the move's minimum")
    ]


def test_it_plays_and_belarus_uses_its_own_levers():
    scenario = load(EXAMPLE).scenario
    used = set()
    for seed in range(3):
        model = HybridThreatModel(scenario, rng=seed, keep_history=False)
        model.run()
        for e in model.events:
            if e.actor == "BY" and e.kind == "move":
                used.add((e.action, e.target))
    assert ("transit_squeeze", "yamal_transit") in used
    assert ("border_trade_closure", "PL") in used
    assert ("border_trade_closure", "DE") not in used


def test_exposure_to_an_unknown_adversary_is_reported_with_a_suggestion():
    text = EXAMPLE.read_text(encoding="utf-8").replace("trade_exposure: {BY: 0.3}",
                                                      "trade_exposure: {BX: 0.3}")
    scenario, problems = validate_text(text, "new_adversary.yaml", EXAMPLE.parent)
    assert scenario is None
    assert [(p.path, p.message, p.suggestion) for p in problems] == [
        ("states[1].trade_exposure.BX", "unknown adversary 'BX'", "did you mean 'BY'?")
    ]
    assert problems[0].line is not None


def test_economic_defence_is_weakened_by_exposure_to_the_acting_adversary():
    """The economic defence row reads the target's trade exposure to whoever plays the move:
    Belarus's lever meets Poland's exposure to Belarus (0.3), Russia's meets none, and the
    order table offers the chances the adjudicator rolls."""
    from hybridsim.model.adjudication import move_chances
    from hybridsim.model.defence import defence_of
    from hybridsim.model.targets import Target

    model = HybridThreatModel(load(EXAMPLE).scenario, rng=2)
    world = model.world
    pl = world.state_ids.index("PL")
    by, ru = world.adversary_ids.index("BY"), world.adversary_ids.index("RU")
    screening = world.investment_screening[pl]
    assert defence_of(world, "economic", "state", pl, by) == pytest.approx(
        0.8 * screening * (1 - 0.5 * 0.3))
    assert defence_of(world, "economic", "state", pl, ru) == pytest.approx(0.8 * screening)
    model.begin_turn()
    offered = next(o for o in model.options("BY")
                   if (o.order.action, o.order.target) == ("border_trade_closure", "PL"))
    move = model.catalogue.moves["border_trade_closure"]
    rolled = move_chances(world, move, by, Target("state", pl, "PL"))
    assert offered.chances["success"] == pytest.approx(rolled["success"])


def test_a_measure_against_belarus_is_weighed_by_what_belarus_holds_over_each_ally():
    """focus: BY reads Poland's trade exposure to Belarus and its dependence on the gas Belarus
    controls (rules.votes.against_any), and nothing of China's or Russia's levers."""
    from hybridsim.model.dynamics import vote_support

    scenario = load(EXAMPLE).scenario
    assert [p.focus for p in scenario.alliance.proposals] == ["BY"]
    model = HybridThreatModel(scenario, rng=2)
    world = model.world
    pl, by = world.state_ids.index("PL"), world.adversary_ids.index("BY")
    w = world.rules.votes.against_any
    transit = world.supply[pl, world.source_ids.index("yamal_transit")]
    dependence = transit / world.supply[pl].sum()
    base = 0.5 * world.position + 0.5 * world.threat_perception
    support = vote_support(world, "BY")
    assert support[pl] == pytest.approx(base[pl] + w.bonus - w.exposure * 0.3 - w.gas * dependence)
    against_russia = vote_support(world, "RU")
    # More exposure to Belarus: Poland's support falls by the weight, Germany's does not move,
    # and a measure against Russia is untouched.
    world.exposure[pl, by] += 0.2
    more = vote_support(world, "BY")
    assert support[pl] - more[pl] == pytest.approx(w.exposure * 0.2)
    assert more[1 - pl] == support[1 - pl]
    assert (vote_support(world, "RU") == against_russia).all()
    # Without the transit gas, Poland no longer holds back for it; China's exposure plays no part.
    world.supply[pl, world.source_ids.index("yamal_transit")] = 0.0
    world.china_trade_exposure = world.china_trade_exposure + 0.5
    freed = vote_support(world, "BY")
    assert freed[pl] - more[pl] == pytest.approx(w.gas * dependence)


def test_the_alliance_votes_on_the_measure_against_belarus():
    model = HybridThreatModel(load(EXAMPLE).scenario, rng=1, keep_history=False)
    model.run()
    votes = [e for e in model.events if e.kind == "vote" and e.action == "belarus_screening"]
    assert len(votes) == 1
    assert votes[0].turn == 6


def test_export_controls_learnt_from_china_need_exposure_to_the_one_who_imposes_them(tutorial):
    """China's export controls ask the target's trade exposure to whoever plays them: China
    reaches its trade partners; Russia, having learnt the move, reaches only states that trade
    with Russia (min_target_exposure, read through World.exposure_to)."""
    model = HybridThreatModel(tutorial, rng=3)
    world = model.world
    ru, cn = world.adversary_ids.index("RU"), world.adversary_ids.index("CN")
    k = world.move_index["critical_materials_export_control"]
    world.proficiency[[ru, cn], k] = 1.0
    world.plays[ru, k] = True
    de = world.state_ids.index("DE")

    def targets(actor: str) -> set[str]:
        model.begin_turn()
        return {o.order.target for o in model.options(actor)
                if o.order.action == "critical_materials_export_control"}

    exposed = {s for i, s in enumerate(world.state_ids) if world.china_trade_exposure[i] >= 0.2}
    assert exposed
    assert targets("CN") == exposed
    assert targets("RU") == set()
    world.exposure[de, ru] = 0.5
    assert targets("RU") == {"DE"}
