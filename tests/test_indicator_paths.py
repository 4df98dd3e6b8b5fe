"""Indicator paths: one grammar (scenario/indicator_paths.py) for injects, the validator and
sweep outcomes, and the same path gives the same value in each."""

from __future__ import annotations

import pytest

from hybridsim.api import RunResult
from hybridsim.model import HybridThreatModel
from hybridsim.scenario import load, shipped_dir, validate_text
from hybridsim.scenario.fields import STATE_INDICATORS
from hybridsim.scenario.indicator_paths import IndicatorPathError, parse
from hybridsim.sweep.outcomes import Inventory, OutcomeSet, expand_series, final_outcome

PATHS = (
    "alliance.cohesion",
    "alliance.measures",
    "escalation.level",
    "alliance.escalation_score",
    "alliance.storage_fill",
    "partner.availability",
    "DE.public_trust",
    "states.PL.storage_fill",
    "states.mean.public_trust",
    "states.min.storage_fill",
    "states.sum.assets_down",
    "states.min.n_minus_1",
    "adversaries.RU.mean_proficiency",
    "adversaries.max.usable_moves",
)


@pytest.mark.parametrize(
    ("short", "canonical"),
    [
        ("DE.storage_fill", "states.DE.storage_fill"),
        ("escalation.level", "alliance.escalation_level"),
        ("escalation.score", "alliance.escalation_score"),
        ("states.sum.budget", "states.sum.budget"),
        ("adversaries.RU.successes", "adversaries.RU.successes"),
        ("events.detected.any", "events.detected.any"),
    ],
)
def test_each_spelling_parses_to_one_key(short, canonical):
    assert parse(short).key == canonical
    assert parse(canonical) == parse(short)


@pytest.mark.parametrize(
    ("text", "hint"),
    [
        ("states.DE", "states.<id>.<indicator>"),
        ("events.won.any", "events.<success|failure|detected|attributed>"),
        ("escalation.height.x", "escalation.level"),
        ("alliance", "alliance.<indicator>"),
    ],
)
def test_a_malformed_path_says_how_to_write_it(text, hint):
    with pytest.raises(IndicatorPathError) as caught:
        parse(text)
    assert hint in caught.value.suggestion


def test_the_same_path_means_the_same_value_in_injects_and_sweeps():
    model = HybridThreatModel(load(shipped_dir() / "tutorial.yaml").scenario, rng=4, turns=3)
    model.run()
    result = RunResult(model, 0.0)
    inventory = [Inventory.from_result(result)]
    finals = tuple(final_outcome(p, p, "last", inventory) for p in PATHS)
    series = tuple(key for p in PATHS for key in expand_series(p, inventory))
    values, _, per_turn = OutcomeSet(finals, series).extract(result)
    for path, value, turns in zip(PATHS, values, per_turn, strict=True):
        here = model.indicator_value(path)
        assert here == pytest.approx(value, abs=1e-9), path  # files round to 10 decimals
        assert turns[-1] == pytest.approx(here, abs=1e-9), path
    assert model.indicator_value("DE.public_trust") == model.indicator_value(
        "states.DE.public_trust"
    )


def _tutorial_with(indicator: str) -> str:
    text = (shipped_dir() / "tutorial.yaml").read_text(encoding="utf-8")
    return text.replace("indicator: states.min.storage_fill", f"indicator: {indicator}")


@pytest.mark.parametrize("indicator", [*PATHS, "events.success.any"])
def test_every_path_a_sweep_reads_is_a_valid_condition(indicator):
    scenario, problems = validate_text(_tutorial_with(indicator), "tutorial.yaml")
    assert scenario is not None, [p.format() for p in problems]
    assert not [p for p in problems if "indicator" in p.path]


@pytest.mark.parametrize(
    ("indicator", "hint"),
    [
        ("states.XX.public_trust", "no state 'XX'"),
        ("states.max.stroage_fill", "did you mean 'states.max.storage_fill'?"),
    ],
)
def test_a_condition_on_an_unknown_indicator_is_an_error_with_a_hint(indicator, hint):
    scenario, problems = validate_text(_tutorial_with(indicator), "tutorial.yaml")
    assert scenario is None
    (problem,) = problems
    assert f"unknown indicator '{indicator}'" in problem.message
    assert hint in problem.suggestion


def test_every_indicator_the_game_records_per_state_can_be_named_by_a_path():
    model = HybridThreatModel(load(shipped_dir() / "tutorial.yaml").scenario, rng=1, turns=1)
    model.run()
    assert set(model.indicator_log[-1].state) == set(STATE_INDICATORS)
