"""Invariants that hold for every seed, policy mix and game length (property-based)."""

from __future__ import annotations

import itertools

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hybridsim.model import HybridThreatModel
from hybridsim.policies import POLICY_KINDS
from hybridsim.scenario import load_scenario
from hybridsim.scenario.fields import STATE_INDICATORS, UNBOUNDED_STATE_INDICATORS
from hybridsim.transcript import transcript

TUTORIAL = load_scenario("tutorial")
FRACTIONS = set(STATE_INDICATORS) - set(UNBOUNDED_STATE_INDICATORS)
AUTOMATIC = [k for k in POLICY_KINDS if k != "human"]
ACTORS = ["RU", "CN", "DE", "PL", "IT"]

games = st.fixed_dictionaries({
    "seed": st.integers(0, 2**32 - 1),
    "turns": st.integers(1, 12),
    "policies": st.fixed_dictionaries({a: st.sampled_from(AUTOMATIC) for a in ACTORS}),
})  # fmt: skip
SETTINGS = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _play(game) -> HybridThreatModel:
    model = HybridThreatModel(
        TUTORIAL,
        rng=game["seed"],
        turns=game["turns"],
        policies=game["policies"],
        keep_history=False,
    )
    model.run()
    return model


@SETTINGS
@given(games)
def test_indicators_stay_in_range(game):
    model = _play(game)
    for record in model.indicator_log:
        for name in FRACTIONS:
            values = record.state[name]
            assert np.all((values >= 0.0) & (values <= 1.0)), (name, values)
        assert 0.0 <= record.alliance["cohesion"] <= 1.0
        assert record.alliance["escalation_score"] >= 0.0
        assert 0.0 <= record.alliance["storage_fill"] <= 1.0
        assert 0.0 <= record.partner["availability"] <= 1.0
        assert np.all(record.state["budget"] >= 0.0)
    world = model.world
    assert np.all((world.health >= 0) & (world.health <= 1))
    assert np.all((world.proficiency >= 0) & (world.proficiency <= 1))
    assert np.all((world.opinions >= 0) & (world.opinions <= 1))


@SETTINGS
@given(games)
def test_gas_is_conserved_every_turn(game):
    """Imports = consumption + change in storage, for the alliance as a whole, every turn."""
    model = _play(game)
    log = model.indicator_log
    for before, after in itertools.pairwise(log):
        imports = after.state["imports_bcm"].sum()
        consumed = after.state["consumption_bcm"].sum()
        stored = after.state["storage_bcm"].sum() - before.state["storage_bcm"].sum()
        assert abs(imports - consumed - stored) < 1e-9 * max(1.0, imports)
        assert np.all(after.state["storage_bcm"] <= model.world.storage_capacity + 1e-9)
        assert np.all(after.state["storage_bcm"] >= -1e-12)


@settings(max_examples=10, deadline=None)
@given(games)
def test_same_seed_same_result(game):
    assert transcript(_play(game)) == transcript(_play(game))


@settings(max_examples=10, deadline=None)
@given(games, st.integers(1, 11))
def test_undo_then_replay_is_the_same_game(game, undo_at):
    model = HybridThreatModel(
        TUTORIAL, rng=game["seed"], turns=game["turns"], policies=game["policies"]
    )
    model.run()
    reference = transcript(model)
    steps_back = min(undo_at, model.turn)
    for _ in range(steps_back):
        model.undo()
    model.run()
    assert transcript(model) == reference
