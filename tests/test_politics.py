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
