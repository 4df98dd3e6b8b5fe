"""The rules record: declared, sourced, overridable from YAML, sweepable, documented."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from hybridsim.model.defence import TERM_READERS
from hybridsim.model.model import HybridThreatModel
from hybridsim.rules import DOMAINS, TERMS, Rules, per_turn, rule_catalogue, table_problems
from hybridsim.rules.chances import Chances
from hybridsim.rules.declare import JUDGEMENT
from hybridsim.rules.markdown import groups_in
from hybridsim.scenario import load_scenario, shipped_dir, validate_text
from hybridsim.scenario.reference import docs_dir, stale_docs, write_docs
from hybridsim.scenario.schema import Domain
from hybridsim.sweep.paths import apply, resolve

TUTORIAL = (shipped_dir() / "tutorial.yaml").read_text(encoding="utf-8")


def tutorial_with(rules_yaml: str) -> str:
    return TUTORIAL.rstrip("\n") + "\n" + rules_yaml


def play(scenario, turns: int = 6) -> list[str]:
    model = HybridThreatModel(scenario, rng=11, keep_history=False)
    model.run(turns)
    return [f"{e.id} {e.kind} {e.actor} {e.action} {e.outcome} {e.probability}"
            for e in model.events]


def test_every_rule_has_a_unit_a_meaning_and_a_source():
    infos = rule_catalogue()
    assert len(infos) > 50
    for info in infos:
        assert info.unit, info.path
        assert info.meaning, info.path
        judged = info.source.startswith(JUDGEMENT) and len(info.source) > len(JUDGEMENT) + 10
        cited = not info.source.startswith("judgement") and any(c.isdigit() for c in info.source)
        assert judged or cited, f"{info.path}: source {info.source!r}"
    for kind, rows in Rules().defence.items():
        for domain, row in rows.items():
            assert row.source.startswith(JUDGEMENT) or any(c.isdigit() for c in row.source), (
                f"defence.{kind}.{domain}"
            )


def test_rules_import_without_the_model_or_heavy_libraries():
    code = (
        "import sys, hybridsim.rules; "
        "heavy = [m for m in ('mesa', 'pandas', 'dask', 'solara') if m in sys.modules]; "
        "print(heavy)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]", out.stdout + out.stderr


def test_every_domain_has_a_defence_row_for_every_target_kind():
    assert tuple(d.value for d in Domain) == DOMAINS
    table = Rules().defence
    assert set(table) == set(TERMS)
    for kind in TERMS:
        assert set(table[kind]) == set(DOMAINS), kind
    # A table that lacks a row is rejected: a new domain cannot silently meet no defence.
    shipped = {k: dict(rows) for k, rows in table.items()}
    del shipped["state"]["military"]
    assert table_problems(shipped) == [
        "no defence row for state.military: every target kind needs a row for every domain"
    ]


def test_the_model_reads_every_term_the_defence_table_may_name():
    assert {k: set(v) for k, v in TERM_READERS.items()} == {k: set(v) for k, v in TERMS.items()}


def test_a_yaml_override_changes_the_game_and_only_what_it_names():
    base, problems = validate_text(TUTORIAL, "tutorial.yaml")
    assert base is not None
    assert not problems
    same, _ = validate_text(tutorial_with("rules:\n  chances: {max_probability: 0.98}\n"))
    changed, problems = validate_text(
        tutorial_with("rules:\n  chances: {max_probability: 0.4}\n"
                      "  defence:\n    state:\n      cyber: {scale: 0.1}\n")
    )
    assert changed is not None
    assert not problems
    assert changed.rules.chances.max_probability == 0.4
    cyber = changed.rules.defence["state"]["cyber"]
    assert (cyber.scale, cyber.terms) == (0.1, {"cyber_posture": 1.0})  # the rest kept
    assert changed.rules.defence["state"]["energy"] == base.rules.defence["state"]["energy"]
    assert changed.rules.votes == base.rules.votes
    assert play(same) == play(base)
    moves = [p for p in play(changed) if " move " in p]
    assert moves != [p for p in play(base) if " move " in p]
    assert all(float(p.rsplit(" ", 1)[1]) <= 0.4 for p in moves)


def test_a_bad_override_is_reported_at_its_line():
    text = tutorial_with("rules:\n  chances:\n    max_probability: 1.5\n")
    lines = text.splitlines()
    scenario, problems = validate_text(text, "t.yaml")
    assert scenario is None
    found = {(p.line, p.message.split(" (")[0]) for p in problems}
    assert (lines.index("    max_probability: 1.5") + 1, "expected a number from 0 to 1") in found
    # A row's domain is checked against the scenario's domains (built in or declared).
    text = tutorial_with("rules:\n  defence:\n    state:\n      cybr: {scale: 0.5}\n")
    lines = text.splitlines()
    scenario, problems = validate_text(text, "t.yaml")
    assert scenario is None
    cybr = lines.index("      cybr: {scale: 0.5}") + 1
    assert any(line == cybr and "cybr" in p.path for p in problems for line in [p.line])


def test_a_sweep_path_reaches_any_rule():
    base = load_scenario("tutorial")
    ref = resolve(base, "rules.defence.alliance.political.scale")
    assert ref.kind == "float"
    varied = apply(base, [(ref.data_path, 0.25)])
    assert varied.rules.defence["alliance"]["political"].scale == 0.25
    assert varied.rules.defence["alliance"]["cyber"].scale == 0.6


@pytest.mark.slow
def test_a_sweep_varies_a_rule_and_the_outcomes_follow(tmp_path):
    from hybridsim.sweep import sweep

    spec = {
        "name": "rule-lever",
        "scenario": "tutorial",
        "turns": 4,
        "replications": 2,
        "seed": 5,
        "design": {"kind": "full_factorial"},
        "levers": [{"path": "rules.chances.max_probability", "values": [0.05, 0.98]}],
        "outcomes": {"final": [{"path": "adversaries.RU.successes", "over": "sum"}]},
    }
    result = sweep(spec, tmp_path / "out", executor="serial", progress=False)
    assert result.complete
    assert not result.errors
    runs = result.runs
    by_cap = runs.groupby("rules.chances.max_probability")["sum(adversaries.RU.successes)"].sum()
    assert by_cap[0.05] < by_cap[0.98]


def test_rates_per_week_follow_the_length_of_a_turn():
    assert per_turn(0.05, 7) == 0.05
    assert per_turn(0.05, 14) == pytest.approx(1 - 0.95**2)
    assert per_turn(0.05, 1) == pytest.approx(1 - 0.95 ** (1 / 7))
    weekly = load_scenario("tutorial")
    fortnightly = weekly.model_copy(
        update={"calendar": weekly.calendar.model_copy(update={"turn_days": 14})}
    )
    from hybridsim.model.dynamics import relax_threat
    from hybridsim.model.world import build_world

    out = []
    for scenario in (weekly, fortnightly):
        world = build_world(scenario, np.random.default_rng(0))
        before = world.ukraine_support.copy()
        relax_threat(world, world.threat_perception.copy(), scenario.calendar.turn_days)
        out.append(before - world.ukraine_support)
    assert out[1] == pytest.approx(out[0] * (1 - 0.997**2) / 0.003)


def test_mechanics_page_shows_every_group_of_rules():
    page = (docs_dir() / "mechanics.md").read_text(encoding="utf-8")
    groups = set(Rules.model_fields)
    assert set(groups_in(page)) == groups
    assert "| `rules.votes.yes_at` | 0.5 |" in page


def test_docs_check_fails_when_a_rule_changes_without_regenerating(tmp_path, monkeypatch):
    write_docs(tmp_path)
    assert stale_docs(tmp_path) == []
    monkeypatch.setattr(Chances.model_fields["max_probability"], "default", 0.9)
    assert "mechanics.md" in stale_docs(tmp_path)


def test_docs_check_fails_when_a_generated_table_is_edited_by_hand(tmp_path):
    write_docs(tmp_path)
    page = tmp_path / "mechanics.md"
    page.write_text(page.read_text(encoding="utf-8").replace(
        "| `rules.gas.shortfall_trust` | 0.25 |", "| `rules.gas.shortfall_trust` | 0.3 |"),
        encoding="utf-8")
    assert stale_docs(tmp_path) == ["mechanics.md"]


def test_docs_check_is_wired_into_the_command_line(tmp_path):
    write_docs(tmp_path)
    (tmp_path / "mechanics.md").write_text("<!-- rules: votes -->\n<!-- /rules -->\n",
                                           encoding="utf-8")
    cmd = [sys.executable, "-m", "hybridsim", "docs", "--check", "--out-dir", str(tmp_path)]
    out = subprocess.run(cmd, capture_output=True, text=True, check=False,
                         env={"PYTHONPATH": str(Path(__file__).parents[1] / "src"),
                              "PATH": ""})
    assert out.returncode != 0
    assert "mechanics.md" in out.stderr
