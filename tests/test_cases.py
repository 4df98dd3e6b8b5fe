"""Calibration cases (scenarios/cases/, `hybridsim verify --only cases`): every case validates
and plays, its rows pass, and turning its mechanism off makes its row fail."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from hybridsim.cli import main
from hybridsim.verify import cases
from hybridsim.verify.table import all_checks, run_checks

CASE_FILES = sorted(cases.CASES.glob("*.yaml"))
RUNS = 5  # the rows' outcomes barely vary across seeds (see docs/calibration.md)


def passed(check) -> bool:
    return run_checks([check], seed=0)[0].passed


def test_the_cases_are_shipped():
    assert [p.stem for p in CASE_FILES] == [
        "balticconnector_2023", "gas_crisis_2022", "lithuania_2021", "nato_china_2022",
        "nord_stream_2022"]


@pytest.mark.parametrize("path", CASE_FILES, ids=lambda p: p.stem)
def test_case_validates(path):
    result = CliRunner().invoke(main, ["validate", str(path)])
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize("path", CASE_FILES, ids=lambda p: p.stem)
def test_case_plays_to_its_end_and_its_adversary_acts(path):
    scenario = cases.case_scenario(path.stem)
    result = cases.play(scenario, seed=1)
    assert result.positions.shape == (scenario.calendar.turns, len(scenario.states))
    assert result.first_move == 1


def test_case_plays_are_deterministic():
    scenario = cases.case_scenario("lithuania_2021")
    a, b = cases.play(scenario, 7), cases.play(scenario, 7)
    assert (a.positions == b.positions).all()
    assert a.namings == b.namings


def test_verify_rows_pass():
    rows = run_checks(all_checks(quick=True, only=["cases"]), seed=0)
    assert len(rows) == 9
    failed = [f"{r.check.key}: {r.outcome.simulated} ({r.outcome.basis})"
              for r in rows if not r.passed]
    assert not failed, "\n".join(failed)


def test_without_hardening_lithuania_only_holds():
    scenario = cases.case_scenario("lithuania_2021")
    mutated = cases.with_rule(scenario, "politics", "conflict_hardening", 0.0)
    assert not passed(cases.lithuania_check(mutated, runs=RUNS))


def test_germany_pressed_through_its_firms_still_gives_way():
    """Germany's public sits at the midpoint of threat perception: it expects no conflict with
    China, so the pressure on its firms bites and nothing hardens it (docs/calibration.md)."""
    scenario = cases.case_scenario("lithuania_2021")
    change = cases.paired_change(scenario, [1, 2], "DE")
    assert (change[:, 5] < -0.005).all()  # turn 6, the week of the pressure


def test_coercion_ten_times_harder_makes_lithuania_soften():
    scenario = cases.case_scenario("lithuania_2021")
    bite = scenario.rules.politics.coercion_bite
    assert passed(cases.lithuania_check(scenario, runs=RUNS))
    harder = cases.with_rule(scenario, "politics", "coercion_bite", 10 * bite)
    assert not passed(cases.lithuania_check(harder, runs=RUNS))


@pytest.mark.parametrize("weeks", [0.0, 6.0])
def test_investigation_time_off_or_far_too_long_fails_the_timing(weeks):
    scenario = cases.case_scenario("balticconnector_2023")
    mutated = cases.with_rule(scenario, "politics", "investigation_weeks", weeks)
    assert not passed(cases.balticconnector_timing_check(mutated, runs=RUNS))


def test_no_rally_of_governments_fails_the_rally_row():
    scenario = cases.case_scenario("balticconnector_2023")
    mutated = cases.with_rule(scenario, "politics", "rally_position", 0.0)
    assert not passed(cases.balticconnector_rally_check(mutated, runs=RUNS))


def _nord_stream_overt():
    """Nord Stream as if the act were known by its nature (no deniability)."""
    scenario = cases.case_scenario("nord_stream_2022")
    moves = [m.model_copy(update={"overt": True}) for m in scenario.toolkit.moves]
    toolkit = scenario.toolkit.model_copy(update={"moves": moves})
    return scenario.model_copy(update={"toolkit": toolkit})


def test_without_deniability_nord_stream_is_named():
    assert not passed(cases.nord_stream_naming_check(_nord_stream_overt(), runs=RUNS))


def test_without_deniability_nord_stream_rallies_germany():
    assert not passed(cases.nord_stream_deniable_check(_nord_stream_overt(), runs=RUNS))


def test_gas_coercion_ten_times_harder_breaks_the_alliance_s_hold():
    scenario = cases.case_scenario("gas_crisis_2022")
    bite = scenario.rules.politics.coercion_bite
    assert passed(cases.gas_crisis_check(scenario, runs=RUNS))
    harder = cases.with_rule(scenario, "politics", "coercion_bite", 10 * bite)
    assert not passed(cases.gas_crisis_check(harder, runs=RUNS))


def _china_deniable():
    """NATO's China case as if none of China's acts were seen (no alarm, rally or naming)."""
    scenario = cases.case_scenario("nato_china_2022")
    moves = [m.model_copy(update={"overt": False, "detection": 0.0})
             for m in scenario.toolkit.moves]
    toolkit = scenario.toolkit.model_copy(update={"moves": moves})
    return scenario.model_copy(update={"toolkit": toolkit})


def _china_without_alarm_or_rally():
    """NATO's China case with attributed acts raising no threat perception and rallying no
    government or public."""
    scenario = cases.case_scenario("nato_china_2022")
    for group, field in (("consequences", "attributed_alarm"), ("consequences", "detected_alarm"),
                         ("consequences", "rally"), ("politics", "rally_position")):
        scenario = cases.with_rule(scenario, group, field, 0.0)
    return scenario


@pytest.mark.parametrize("row", [cases.nato_china_support_check, cases.nato_china_timing_check],
                         ids=["support", "timing"])
def test_china_acts_unseen_leave_the_allies_support_where_it_was(row):
    assert not passed(row(_china_deniable(), runs=RUNS))


def test_without_alarm_or_rally_support_does_not_rise_summit_after_summit():
    assert not passed(cases.nato_china_timing_check(_china_without_alarm_or_rally(), runs=RUNS))


def test_the_china_case_s_summits_are_madrid_vilnius_washington():
    focus, turns = cases.summits(cases.case_scenario("nato_china_2022"))
    assert focus == cases.case_scenario("nato_china_2022").alliance.proposals[0].focus
    assert turns == [22, 76, 128]


def test_without_the_rally_of_dependent_governments_germany_does_not_harden():
    scenario = cases.case_scenario("gas_crisis_2022")
    assert passed(cases.gas_crisis_germany_check(scenario, runs=RUNS))
    mutated = cases.with_rule(scenario, "politics", "dependence_rally", 0.0)
    assert not passed(cases.gas_crisis_germany_check(mutated, runs=RUNS))


def test_a_cut_rallies_only_the_governments_that_draw_on_the_source():
    scenario = cases.case_scenario("gas_crisis_2022")
    idle = cases.without_adversaries(scenario)
    ids = [s.id for s in scenario.states]
    change = cases.play(scenario, 3).positions[0] - cases.play(idle, 3).positions[0]
    assert change[ids.index("DE")] > 0.005  # half its gas came through the cut source
    assert change[ids.index("PL")] == 0.0  # cut off before the case: nothing to rally
