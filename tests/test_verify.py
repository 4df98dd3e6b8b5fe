"""`hybridsim verify`: the fast subset passes, the docs table is the table the code defines, and
the command behaves (progress, Markdown, exit code)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner

from hybridsim.cli import main
from hybridsim.scenario import load_scenario
from hybridsim.verify import hindcast
from hybridsim.verify.table import (
    MODELS,
    TABLE_END,
    TABLE_START,
    Check,
    Outcome,
    all_checks,
    parse_markdown_rows,
    run_checks,
    write_markdown,
)

DOCS = Path(__file__).resolve().parents[1] / "docs" / "verification.md"


@pytest.fixture(scope="module")
def quick_rows():
    return run_checks(all_checks(quick=True), seed=0)


def test_quick_subset_passes(quick_rows):
    failed = [
        f"{r.check.key}: simulated {r.outcome.simulated:.6g} vs {r.check.expected_label} "
        f"({r.outcome.basis})"
        for r in quick_rows
        if not r.passed
    ]
    assert not failed, "\n".join(failed)


def test_quick_subset_covers_every_model(quick_rows):
    assert {r.check.model for r in quick_rows} == set(MODELS)


def test_docs_table_rows_are_the_rows_the_code_defines():
    documented = parse_markdown_rows(DOCS.read_text(encoding="utf-8"))
    defined = [(c.model, c.quantity, c.parameters, c.expected_label) for c in all_checks()]
    assert documented == defined, (
        "docs/verification.md is out of date: run "
        "`hybridsim verify --markdown docs/verification.md`"
    )


def test_docs_table_reports_every_row_passing():
    body = DOCS.read_text(encoding="utf-8").split(TABLE_START, 1)[1].split(TABLE_END, 1)[0]
    assert "| FAIL |" not in body


def test_only_reproduces_the_numbers_of_a_full_run(quick_rows):
    alone = run_checks(all_checks(quick=True, only=["rumour"]), seed=0)
    together = [r for r in quick_rows if r.check.model == "rumour"]
    assert [r.outcome.simulated for r in alone] == [r.outcome.simulated for r in together]
    other_seed = run_checks(all_checks(quick=True, only=["rumour"]), seed=1)
    assert [r.outcome.simulated for r in alone] != [r.outcome.simulated for r in other_seed]


def test_unknown_model_is_refused():
    with pytest.raises(ValueError, match="unknown model"):
        all_checks(only=["astrology"])


def test_comparisons():
    def outcome(value, tol):
        return lambda rng: Outcome(value, tol, "fixed")

    rows = run_checks(
        [
            Check("x", "close ok", "-", 1.0, outcome(1.05, 0.1)),
            Check("x", "close off", "-", 1.0, outcome(1.2, 0.1)),
            Check("x", "at most", "-", 0.0, outcome(0.05, 0.1), compare="at_most"),
            Check("x", "at least", "-", 1.0, outcome(0.85, 0.1), compare="at_least"),
            Check("x", "nan", "-", 1.0, outcome(float("nan"), 1.0)),
        ]
    )
    assert [r.passed for r in rows] == [True, False, True, False, False]


def test_markdown_replaces_only_the_table(tmp_path):
    page = tmp_path / "page.md"
    page.write_text(f"# Title\n\nprose\n\n{TABLE_START}\nold\n{TABLE_END}\n\nmore prose\n")
    rows = run_checks(all_checks(quick=True, only=["hindcast"]))
    write_markdown(page, rows, seed=0, quick=True)
    text = page.read_text()
    assert text.startswith("# Title\n\nprose\n\n")
    assert text.endswith("\n\nmore prose\n")
    assert "old" not in text
    assert len(parse_markdown_rows(text)) == len(rows)


def test_cli_verify_writes_markdown_and_exits_zero(tmp_path):
    out = tmp_path / "table.md"
    result = CliRunner().invoke(
        main, ["verify", "--quick", "--only", "energy", "--only", "hindcast", "--markdown", out]
    )
    assert result.exit_code == 0, result.output
    assert "checks pass" in result.output
    assert out.exists()
    assert "N-1 indicator" in out.read_text()


def test_cli_verify_lists_checks():
    result = CliRunner().invoke(main, ["verify", "--list", "--only", "opinion"])
    assert result.exit_code == 0
    assert "Deffuant" in result.output


def test_hindcast_uses_only_eu_states_and_leaves_the_baseline_alone():
    baseline = load_scenario("baseline")
    winter = hindcast.winter_2022_23(baseline)
    ids = {s.id for s in winter.states}
    assert ids <= hindcast.EU_MEMBERS
    assert {"DE", "FR", "IT", "PL"} <= ids
    assert not {"US", "GB", "NO", "TR", "CA"} & ids
    assert all(s.gas.storage_fill == hindcast.RECORD[0].fill for s in winter.states)
    assert all(s.gas.winter_share == hindcast.WINTER_SHARE for s in winter.states)
    assert not winter.adversaries
    assert not winter.injects
    original = {s.id: s.gas.annual_demand_bcm for s in baseline.states}
    assert load_scenario("baseline").states[0].gas == baseline.states[0].gas
    for state in winter.states:
        expected = original[state.id] * hindcast.PRE_CRISIS_DEMAND
        assert state.gas.annual_demand_bcm == pytest.approx(expected)


def test_hindcast_record_is_the_shipped_agsi_series():
    days = [p.day for p in hindcast.RECORD]
    assert days == sorted(days)
    assert days[0] == hindcast.START
    assert days[-1] == hindcast.END
    assert all(0.5 < p.fill < 1.0 and p.reported_by for p in hindcast.RECORD)
    # Every month from the first record day to the end of the withdrawal season (1 April).
    assert {(d.year, d.month) for d in days} == {(2022, 11), (2022, 12), (2023, 1), (2023, 2),
                                                 (2023, 3)}  # fmt: skip


def test_hindcast_within_five_points_on_every_record_day():
    worst = max(abs(err) for *_, err in hindcast.errors(hindcast.run_hindcast()))
    assert worst <= hindcast.BAND


@pytest.mark.parametrize("label", list(hindcast.SHIFTS))
def test_a_five_point_shift_in_any_input_leaves_the_band(label):
    traj = hindcast.run_hindcast("baseline", hindcast.SHIFTS[label])
    worst = max(abs(err) for *_, err in hindcast.errors(traj))
    assert worst > hindcast.BAND, f"{label}: largest error {worst:.3f} still inside the band"


def test_hindcast_trajectory_and_plot(tmp_path):
    traj = hindcast.run_hindcast("baseline")
    assert traj.dates[0] == hindcast.START
    assert traj.dates[-1] == hindcast.END
    assert np.all(np.diff(traj.fill) <= 1e-12)  # winter: storage only falls
    assert traj.at(hindcast.END) == pytest.approx(traj.fill[-1])
    png = hindcast.plot(tmp_path / "hindcast.png", traj)
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_docs_example_runs():
    text = DOCS.read_text(encoding="utf-8")
    code = text.split("```python\n", 1)[1].split("```", 1)[0]
    namespace: dict = {}
    exec(compile(code, "docs/verification.md", "exec"), namespace)
    assert namespace["infected"].any()  # 1.5 / lambda_max: the infection persists


def test_docs_list_every_hindcast_assumption():
    text = DOCS.read_text(encoding="utf-8")
    for assumption in hindcast.ASSUMPTIONS:
        assert f"| {assumption.what} |" in text, assumption.what
