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
