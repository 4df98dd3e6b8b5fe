"""A move domain added by YAML alone (scenarios/examples/new_domain.yaml): lawfare is declared,
defended by its own rows of rules.defence, and played and answered like any built-in domain."""

from __future__ import annotations

from pathlib import Path

import pytest

from hybridsim.model import HybridThreatModel, Order
from hybridsim.model.adjudication import move_chances
from hybridsim.model.defence import defence_of
from hybridsim.model.targets import Target
from hybridsim.scenario import load_scenario

EXAMPLE = Path(__file__).resolve().parents[1] / "scenarios" / "examples" / "new_domain.yaml"


@pytest.fixture(scope="module")
def lawfare():
    return load_scenario(EXAMPLE)


def test_the_declared_domain_has_its_capacity_and_its_declared_defence(lawfare):
    model = HybridThreatModel(lawfare, rng=1)
    world = model.world
    assert world.domain_ids[-1] == "lawfare"
    ru = world.adversary_ids.index("RU")
    assert world.capacity[ru, world.domain_column("lawfare")] == 0.6
    de = world.state_ids.index("DE")
    expected = 0.6 * (0.5 * world.investment_screening[de] + 0.5 * world.public_trust[de])
    assert defence_of(world, "lawfare", "state", de) == pytest.approx(expected)
    assert defence_of(world, "lawfare", "partner", None).tolist() == [0.0]


def test_a_lawfare_move_is_adjudicated_against_the_declared_defence(lawfare):
    """The same claim succeeds more often where the declared row defends less."""
    undefended = lawfare.model_copy(update={"rules": lawfare.rules.model_copy(update={
        "defence": {**lawfare.rules.defence, "state": {
            **lawfare.rules.defence["state"],
            "lawfare": lawfare.rules.defence["state"]["lawfare"].model_copy(
                update={"scale": 0.0})}}})})
    odds = {}
    for name, scenario in (("declared", lawfare), ("undefended", undefended)):
        model = HybridThreatModel(scenario, rng=1)
        move = model.catalogue.moves["arbitration_claim"]
        odds[name] = move_chances(model.world, move, 0, Target("state", 0, "DE"))["success"]
    assert odds["declared"] < odds["undefended"]


def test_the_move_and_its_counter_are_played_in_a_game(lawfare):
    model = HybridThreatModel(lawfare, rng=2)
    for actor in ("RU", "DE"):
        model.set_policy(actor, "human")
    model.begin_turn()
    model.submit_orders("RU", [Order("RU", "arbitration_claim", "DE")])
    model.submit_orders("DE", [Order("DE", "legal_defence", "DE")])
    events = model.resolve_turn()
    move = next(e for e in events if e.kind == "move" and e.action == "arbitration_claim")
    assert (move.domain, move.target) == ("lawfare", "DE")
    answer = next(e for e in events if e.kind == "response" and e.action == "legal_defence")
    assert answer.domain == "lawfare"
    model.run()  # the heuristic players finish the game with the new domain in play
    assert model.turn == lawfare.calendar.turns


def test_what_watches_for_a_declared_domain_is_declared(lawfare):
    """lawfare is watched by the target's investment screening (watched_by), cyber by cyber
    posture and the other built-in domains by threat perception; the order table offers the
    detection chance the adjudicator rolls."""
    from hybridsim.model.adjudication import mean_threat, vigilance_of_kind

    model = HybridThreatModel(lawfare, rng=1)
    world = model.world
    assert [world.watch_of(d) for d in ("cyber", "energy", "lawfare")] == [
        "cyber_posture", "threat_perception", "investment_screening"]
    de = world.state_ids.index("DE")
    move = model.catalogue.moves["arbitration_claim"]
    target = Target("state", de, "DE")
    before = move_chances(world, move, 0, target)["detection"]
    world.threat_perception[de] = 0.0  # not what watches for lawfare
    assert move_chances(world, move, 0, target)["detection"] == before
    world.investment_screening[de] = 0.9
    watched = vigilance_of_kind(world, world.watch_of("lawfare"), "state", mean_threat(world), de)
    assert watched == pytest.approx(0.9)
    after = move_chances(world, move, 0, target)["detection"]
    assert after > before
    model.begin_turn()
    offered = next(o for o in model.options("RU")
                   if (o.order.action, o.order.target) == ("arbitration_claim", "DE"))
    assert offered.chances["detection"] == pytest.approx(after)


def test_an_effect_may_change_the_capacity_in_a_declared_domain(lawfare):
    from hybridsim.scenario import validate_text

    model = HybridThreatModel(lawfare, rng=2)
    world = model.world
    ru, column = world.adversary_ids.index("RU"), world.domain_column("lawfare")
    model.set_policy("DE", "human")
    model.begin_turn()
    model.submit_orders("DE", [Order("DE", "legal_defence", "DE")])
    events = model.resolve_turn()
    answer = next(e for e in events if e.kind == "response" and e.action == "legal_defence")
    assert "RU.capacity.lawfare 0.6 -> 0.58" in answer.effects
    assert world.capacity[ru, column] == pytest.approx(0.58)
    # A misspelt declared domain is refused at its line, with the declared one suggested.
    text = EXAMPLE.read_text(encoding="utf-8").replace("field: capacity.lawfare",
                                                      "field: capacity.lawfar")
    scenario, problems = validate_text(text, str(EXAMPLE), EXAMPLE.parent)
    assert scenario is None
    assert [(p.message, p.suggestion) for p in problems] == [
        ("'capacity.lawfar' is not a field of a adversary", "did you mean 'capacity.lawfare'?")]
    assert problems[0].line is not None
