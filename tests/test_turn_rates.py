"""Scenario rates are per week and reach a turn through model/turn_rates.py (calendar.turn_days)."""

from __future__ import annotations

import pytest

from hybridsim.model import dynamics
from hybridsim.model.turn_rates import WEEKLY_RATES, amount, share, turn_rates
from hybridsim.scenario import load, shipped_dir
from hybridsim.scenario.schema import Move, Scenario


def test_weekly_turns_use_the_numbers_as_written():
    for rate in (0.1, 0.3, 0.07):
        assert share(rate, 7) == rate
        assert amount(rate, 7) == rate
    scenario = load(shipped_dir() / "baseline.yaml").scenario
    rates = turn_rates(scenario)
    assert rates.escalation_decay == scenario.escalation.decay
    assert rates.cohesion_rate == scenario.mechanics.cohesion_rate
    assert rates.repair == scenario.infrastructure.repair_per_turn


def test_a_share_compounds_and_an_amount_adds_up_over_the_days():
    # Seven one-day turns of tension ebbing equal one week-long turn; two weeks, twice.
    start, score = 1.0, 3.0
    daily = score
    for _ in range(7):
        daily = dynamics.ebb_escalation(daily, start, share(0.1, 1))
    weekly = dynamics.ebb_escalation(score, start, share(0.1, 7))
    assert daily == pytest.approx(weekly, rel=1e-12)
    assert share(0.1, 14) == pytest.approx(1 - 0.9**2)
    assert sum(amount(0.1, 1) for _ in range(7)) == pytest.approx(0.1)
    assert amount(0.1, 3) == pytest.approx(0.1 * 3 / 7)


def test_a_short_turn_scales_every_scenario_rate():
    base = load(shipped_dir() / "tutorial.yaml").scenario
    short = base.model_copy(
        update={"calendar": base.calendar.model_copy(update={"turn_days": 3})}
    )
    rates = turn_rates(short)
    assert rates.escalation_decay == pytest.approx(1 - (1 - base.escalation.decay) ** (3 / 7))
    assert rates.cohesion_rate < base.mechanics.cohesion_rate
    assert rates.repair == pytest.approx(base.infrastructure.repair_per_turn * 3 / 7)


def _description(path: str) -> str:
    """The schema description of a WEEKLY_RATES path (moves' rates start at Move)."""
    record, rest = (Move, path.split("[].", 1)[1]) if "[]." in path else (Scenario, path)
    *parents, leaf = rest.split(".")
    for part in parents:
        annotation = record.model_fields[part].annotation
        record = next(a for a in (annotation, *getattr(annotation, "__args__", ()))
                      if hasattr(a, "model_fields"))  # fmt: skip
    return record.model_fields[leaf].description or ""


@pytest.mark.parametrize("path", list(WEEKLY_RATES))
def test_every_weekly_rate_says_so_in_the_schema(path):
    description = _description(path)
    assert "per week" in description
    assert "calendar.turn_days" in description
