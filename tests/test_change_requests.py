"""The change requests of the engine's design, each done as a newcomer would: YAML (and at most
one registry entry), validated and played: a new move domain, a new adversary, a change to how a
chance is computed, and a new kind of blue actor (an institution such as the EU)."""

from __future__ import annotations

from hybridsim.model import HybridThreatModel
from hybridsim.model.adjudication import move_chances
from hybridsim.model.agents import ACTOR_TYPES
from hybridsim.model.targets import Target
from hybridsim.scenario import load, shipped_dir, validate_text

EXAMPLES = shipped_dir() / "examples"


def _played(scenario, seed: int = 4) -> HybridThreatModel:
    model = HybridThreatModel(scenario, rng=seed)
    model.run()
    assert model.turn == scenario.calendar.turns
    return model


def test_a_new_move_domain_is_yaml_alone():
    loaded = load(EXAMPLES / "new_domain.yaml")
    assert loaded.warnings == []
    assert "lawfare" in loaded.scenario.toolkit.domain_ids()
    model = _played(loaded.scenario)
    assert model.world.domain_ids[-1] == "lawfare"


def test_a_new_adversary_is_yaml_alone():
    loaded = load(EXAMPLES / "new_adversary.yaml")
    assert loaded.warnings == []
    model = _played(loaded.scenario)
    assert any(e.actor == "BY" and e.kind == "move" for e in model.events)


def test_how_a_chance_is_computed_is_a_rules_override():
    """Halving the success factor at proficiency 0 lowers every move's success chance, and the
    game plays on with it."""
    text = (EXAMPLES / "two_allies.yaml").read_text(encoding="utf-8")
    text += "\nrules:\n  chances:\n    proficiency_floor: 0.3\n"
    changed, problems = validate_text(text, str(EXAMPLES / "changed.yaml"))
    assert changed is not None, problems
    base = load(EXAMPLES / "two_allies.yaml").scenario
    odds = {}
    for name, scenario in (("shipped", base), ("changed", changed)):
        model = HybridThreatModel(scenario, rng=1)
        move = model.catalogue.moves["polarisation_campaign"]
        odds[name] = move_chances(model.world, move, 0, Target("state", 0, "DE"))["success"]
    assert odds["changed"] < odds["shipped"]
    _played(changed)


def test_a_new_kind_of_blue_actor_is_one_registry_entry():
    """An institution (the EU) is one ACTOR_TYPES entry, its rules group and its scenario
    section: a scenario that names members gets a Council that decides by its own rules."""
    institution = ACTOR_TYPES["institution"]
    assert institution.side == "blue"
    assert not institution.gives_orders
    text = (EXAMPLES / "two_allies.yaml").read_text(encoding="utf-8")
    text += "\neu:\n  members: [DE, PL]\n"
    scenario, problems = validate_text(text, str(EXAMPLES / "with_eu.yaml"))
    assert scenario is not None, problems
    model = _played(scenario)
    assert [body.actor_id for body in model.institutions] == ["EU"]
    assert "EU" not in model.actors  # it decides in Council, it gives no orders
