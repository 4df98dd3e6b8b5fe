"""The EU as an actor: its Council's rules (unanimity, qualified majority), its members from the
scenario, and what its decisions do to a game (docs/mechanics.md, The EU)."""

from __future__ import annotations

import numpy as np
import pytest

from hybridsim.model import HybridThreatModel
from hybridsim.model.agents import Institution
from hybridsim.model.eu import members_of, qualified_majority, unanimous
from hybridsim.rules.eu import EuRules
from hybridsim.scenario import load_scenario
from hybridsim.scenario.variants import without_eu

COUNCIL_TURN = 4  # the tutorial's first Council (monthly, weekly turns)


@pytest.fixture(scope="module")
def tutorial():
    return load_scenario("tutorial")


def _decisions(model: HybridThreatModel, turn: int | None = None) -> dict[str, object]:
    events = model.events if turn is None else model.turn_events(turn)
    return {f"{e.action}:{e.target}": e for e in events if e.kind == "vote" and e.actor == "EU"}


def _played_to_council(scenario, before=None) -> HybridThreatModel:
    model = HybridThreatModel(scenario, keep_history=True)
    for _ in range(COUNCIL_TURN - 1):
        model.step()
    if before:
        before(model)
    model.step()
    return model


# ------------------------------------------------------------------ the Council's rules
def test_unanimity_one_holdout_blocks():
    assert unanimous(np.ones(27, dtype=bool))
    one_against = np.ones(27, dtype=bool)
    one_against[13] = False
    assert not unanimous(one_against)
    assert not unanimous(np.zeros(0, dtype=bool))


def test_qualified_majority_needs_both_members_and_population():
    rules = EuRules()
    # Ten members: six small ones in favour (60% of members), four large ones against.
    population = np.array([2.0] * 6 + [80.0, 68.0, 59.0, 48.0])
    yes = np.array([True] * 6 + [False] * 4)
    assert yes.mean() >= rules.qmv_states
    assert population[yes].sum() / population.sum() < rules.qmv_population
    assert not qualified_majority(yes, population, rules)  # states pass, population fails
    # The four large ones in favour with one small one: population passes, states fail.
    large_and_one = np.array([True] + [False] * 5 + [True] * 4)  # 50% of members, 97% of people
    assert not qualified_majority(large_and_one, population, rules)
    # Both met: passes.
    most = np.array([True] * 4 + [False] * 2 + [True] * 4)
    assert qualified_majority(most, population, rules)


def test_fewer_than_four_against_cannot_block_on_population():
    rules = EuRules()
    population = np.array([1.0] * 7 + [90.0, 80.0, 70.0])
    yes = np.array([True] * 7 + [False] * 3)  # 70% of members, 8% of population
    assert qualified_majority(yes, population, rules)
    four = np.append(yes, False)
    assert not qualified_majority(four, np.append(population, 60.0), rules)


# ------------------------------------------------------------------ members from the scenario
def test_members_are_the_scenarios_and_the_eu_gives_no_orders(tutorial):
    two = tutorial.model_copy(update={"eu": tutorial.eu.model_copy(
        update={"members": ["DE", "PL"]})})
    model = _played_to_council(two)
    assert [b.actor_id for b in model.institutions] == ["EU"]
    assert isinstance(model.institutions[0], Institution)
    assert "EU" not in model.actors  # decides by its rules, never among the order-givers
    assert [model.world.state_ids[i] for i in members_of(model)] == ["DE", "PL"]
    decisions = _decisions(model, COUNCIL_TURN)
    assert decisions
    assert all(" of 2 members in favour" in e.note for e in decisions.values())
    assert "IT" not in " ".join(e.note for e in decisions.values())

    inactive = tutorial.model_copy(update={"eu": tutorial.eu.model_copy(
        update={"active": False})})
    for scenario in (without_eu(tutorial), inactive):
        none = HybridThreatModel(scenario)
        none.run(COUNCIL_TURN)
        assert none.institutions == []
        assert not _decisions(none)


# ------------------------------------------------------------------ decisions in a game
def test_sanctions_adopted_cut_the_adversarys_budget_and_move_cohesion(tutorial):
    model = _played_to_council(tutorial)
    sanctions = _decisions(model, COUNCIL_TURN)["eu_sanctions:RU"]
    assert sanctions.outcome == "adopted"
    assert "3 of 3 members in favour" in sanctions.note
    assert sanctions.effects == ["RU.budget_per_turn 5 -> 4.5"]
    assert model.world.eu_in_force["sanctions:RU"] == COUNCIL_TURN
    model.begin_turn()
    assert model.budget_of("RU") == pytest.approx(4.5)  # bites from the next turn
    cohesion = next(e for e in model.turn_events(COUNCIL_TURN)
                    if e.kind == "change" and e.action == "cohesion")
    labels = {c.label: c.delta for c in cohesion.causes}
    assert labels["EU sanctions on Russia adopted"] == pytest.approx(
        EuRules().decision_cohesion)


def test_one_holdout_blocks_sanctions_but_not_a_qualified_majority(tutorial):
    def italy_holds_out(model: HybridThreatModel) -> None:
        italy = model.world.state_ids.index("IT")
        model.world.position[italy] = 0.0
        model.world.threat_perception[italy] = 0.0

    model = _played_to_council(tutorial, italy_holds_out)
    decisions = _decisions(model, COUNCIL_TURN)
    sanctions = decisions["eu_sanctions:RU"]
    assert sanctions.outcome == "rejected"
    assert "against: Italy" in sanctions.note
    assert [c.label.split()[0] for c in sanctions.causes] == ["IT"]
    assert sanctions.causes[0].delta < 0
    assert "sanctions:RU" not in model.world.eu_in_force
    model.begin_turn()
    assert model.budget_of("RU") == pytest.approx(5.0)
    # Screening is decided by qualified majority: Germany and Poland are 67% of the members
    # and 67% of their population, so Italy alone cannot block it.
    assert decisions["eu_screening:"].outcome == "adopted"


def test_the_white_cell_can_force_a_council_decision(tutorial):
    model = _played_to_council(tutorial)
    sanctions = _decisions(model, COUNCIL_TURN)["eu_sanctions:RU"]
    model.override(sanctions.id, False, "Hungary's veto, as in the exercise brief")
    again = _decisions(model, COUNCIL_TURN)["eu_sanctions:RU"]
    assert again.outcome == "rejected"
    assert "forced by the white cell" in again.note
    assert float(model.world.adversary_budget[model.world.adversary_ids.index("RU")]) == 5.0


def test_gas_coordination_binds_members_only():
    baseline = load_scenario("baseline")
    model = HybridThreatModel(baseline, keep_history=False)
    model.run(COUNCIL_TURN)
    gas = _decisions(model, COUNCIL_TURN)["eu_gas:"]
    assert gas.outcome == "adopted"
    world = model.world
    members = set(baseline.eu.members)
    rules = world.rules.eu
    for i, sid in enumerate(world.state_ids):
        if sid in members:
            assert world.demand_cut[i] >= rules.demand_cut
            assert world.storage_target[i] >= rules.storage_target
    start = HybridThreatModel(baseline, keep_history=False).world
    outside = [i for i, sid in enumerate(world.state_ids) if sid not in members]
    assert np.array_equal(world.demand_cut[outside], start.demand_cut[outside])


def test_a_decision_against_an_adversary_is_weighed_as_a_measure_against_it():
    """Without an eu.focus entry, sanctions on Russia are weighed by rules.votes.against.RU (a
    measure against RU); eu.focus can weigh them as another focus instead."""
    from hybridsim.scenario import shipped_dir, validate_text

    text = (shipped_dir() / "tutorial.yaml").read_text(encoding="utf-8")
    assert load_scenario("tutorial").eu.focus == {}
    unpopular = text.rstrip("\n") + "\nrules:\n  votes:\n    against:\n      RU: {bonus: -1.0}\n"
    weighed_as = unpopular.replace("  members: [DE, PL, IT]\n",
                                   "  members: [DE, PL, IT]\n  focus: {RU: resilience}\n")
    decided = {}
    for name, variant in (("against RU", unpopular), ("as resilience", weighed_as)):
        scenario, problems = validate_text(variant, str(shipped_dir() / "tutorial.yaml"))
        assert scenario is not None, problems
        decided[name] = _decisions(_played_to_council(scenario), COUNCIL_TURN)
    assert "eu_sanctions:RU" not in decided["against RU"]  # no member supports it: not tabled
    assert decided["as resilience"]["eu_sanctions:RU"].outcome == "adopted"
