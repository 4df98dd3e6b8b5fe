"""Every policy plays every shipped scenario from its observation alone: the record carries no
way back to the model, and a copy of it (cut loose from the game) yields the same orders."""

from __future__ import annotations

import io
import pickle
from pathlib import Path

import mesa
import pytest

from hybridsim.model.model import HybridThreatModel
from hybridsim.model.observation import FULL, Observation, observe
from hybridsim.model.order_table import ChoiceMemo
from hybridsim.model.world import World
from hybridsim.policies import make_policy
from hybridsim.scenario import load_scenario

SCENARIOS = Path(__file__).resolve().parents[1] / "scenarios"
SHIPPED = sorted(
    p for folder in (SCENARIOS, SCENARIOS / "cases", SCENARIOS / "examples")
    for p in folder.glob("*.yaml") if p.name != "toolkit.yaml"
)
TURNS = 3
# What an observation may not hold: the game, its world or its agents.
GAME_PARTS = (HybridThreatModel, mesa.Model, mesa.Agent, World, ChoiceMemo)


def game_parts_in(observation: Observation) -> list[str]:
    """Every object of the game that pickling the observation reaches (its whole graph)."""
    found: list[str] = []

    class Finder(pickle.Pickler):
        def persistent_id(self, obj):
            if isinstance(obj, GAME_PARTS):
                found.append(type(obj).__name__)
            return

    Finder(io.BytesIO()).dump(observation)
    return found


def plays(kind: str, model: HybridThreatModel) -> list[str]:
    """The actors a kind of policy can play here (scripted: those with a plan)."""
    if kind != "scripted":
        return list(model.actors)
    return [a for a, agent in model.actors.items()
            if (spec := _spec(model, agent)) is not None and spec.plan]


def _spec(model: HybridThreatModel, agent):
    from hybridsim.model.agents import ACTOR_TYPES

    return ACTOR_TYPES[agent.actor_type].policy_spec(model.scenario, agent.index)


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.stem)
@pytest.mark.parametrize("kind", ["heuristic", "random", "scripted", "human"])
def test_every_policy_chooses_from_its_observation_alone(path, kind):
    scenario = load_scenario(path)
    model = HybridThreatModel(scenario, rng=11, turns=TURNS, keep_history=False)
    actors = plays(kind, model)
    if not actors:
        pytest.skip(f"{path.stem} has no scripted plan")
    for actor in actors:
        model.set_policy(actor, kind)
    for _ in range(TURNS):
        model.begin_turn()
        if kind == "human":  # people pick the first affordable legal order they are offered
            for actor in actors:
                offered = observe(model, actor, params=FULL).options
                model.submit_orders(actor, [o.order for o in offered[:1]
                                            if o.cost <= model.budget_of(actor)])
        for actor in actors:
            observation = observe(model, actor, model.pending_orders.get(actor, ()))
            assert game_parts_in(observation) == []
            alone = pickle.loads(pickle.dumps(observation))  # its own copy of the generator
            twin = pickle.loads(pickle.dumps(observation))
            policy = make_policy(kind, _spec(model, model.actors[actor]))
            orders = policy.choose(alone)
            assert orders == policy.choose(twin)
            if kind != "scripted":
                legal = {o.order for o in observe(model, actor, params=FULL).options}
                assert set(orders) <= legal
        model.resolve_turn()
        for actor in actors:
            assert model.actors[actor].observation.turn == model.turn
        if kind != "scripted":
            assert not [e for e in model.turn_events(model.turn)
                        if e.kind == "refused" and e.actor in actors]
        if not model.running:
            break


def test_blue_observes_an_undetected_attack_not_at_all(tutorial):
    """What red did in secret is in red's observation and absent from blue's."""
    model = HybridThreatModel(tutorial, rng=7)
    for _ in range(6):
        model.step()
        moves = [e for e in model.turn_events(model.turn) if e.kind == "move"]
        if any(not e.detected for e in moves):
            break
    secret = {e.id for e in moves if not e.detected}
    assert secret
    model.begin_turn()
    red = {e.id for e in observe(model, "RU").events}
    blue = observe(model, "DE")
    assert secret <= red
    assert not secret & {e.id for e in blue.events}
    assert all(e.actor in ("unknown", *model.world.adversary_ids) for e in blue.events
               if e.kind == "move")
