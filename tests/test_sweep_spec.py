"""Sweep specs: shipped examples plan cleanly; mistakes point at the file, line and field."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from hybridsim.scenario import ScenarioError
from hybridsim.sweep import load_spec, make_plan
from hybridsim.sweep.paths import PathError, resolve
from sweep_support import ROOT, small_spec

SHIPPED = sorted((ROOT / "scenarios" / "sweeps").glob("*.yaml"))


def problems_of(text: str, tmp_path: Path) -> list[str]:
    path = tmp_path / "spec.yaml"
    path.write_text(text)
    with pytest.raises(ScenarioError) as caught:
        make_plan(path)
    return [p.format() for p in caught.value.problems]


def test_there_are_shipped_sweeps() -> None:
    assert len(SHIPPED) >= 2


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.stem)
def test_shipped_sweeps_plan(path: Path) -> None:
    plan = make_plan(path)
    assert plan.n_runs == plan.n_points * plan.replications > 0
    assert plan.name == path.stem


def test_quick_example_is_small() -> None:
    """The quick example must stay small enough to finish in well under a minute."""
    plan = make_plan(ROOT / "scenarios" / "sweeps" / "tutorial-quick.yaml")
    assert plan.n_runs * (plan.spec.turns or 12) <= 1000


BASE = """\
name: s
scenario: tutorial
turns: 3
design: {kind: latin_hypercube, samples: 4}
uncertainties:
  - path: states.DE.public_trust
    range: [0.3, 0.8]
outcomes:
  final: [alliance.cohesion]
"""


def test_unknown_key_has_line_and_suggestion(tmp_path: Path) -> None:
    found = problems_of(BASE + "replicatons: 3\n", tmp_path)
    assert found == [
        f"{tmp_path / 'spec.yaml'}:10:1: error: replicatons: unknown field 'replicatons' "
        "(did you mean 'replications'?)"
    ]


def test_design_kind_typo(tmp_path: Path) -> None:
    (found,) = problems_of(BASE.replace("latin_hypercube", "latin_hypercub"), tmp_path)
    assert ":4:" in found
    assert "did you mean 'latin_hypercube'?" in found


@pytest.mark.parametrize(
    ("path", "message", "hint"),
    [
        ("states.DE.public_trst", "states.DE has no field 'public_trst'", "'public_trust'"),
        ("states.XX.public_trust", "states has no item with id 'XX'", "DE, PL, IT"),
        ("adversaries.RU.capacity.cybr", "has no key 'cybr'", "'cyber'"),
        ("sharin.rate", "a scenario has no field 'sharin'", "'sharing'"),
        ("alliance.meetings.4.turn", "alliance.meetings has 1 item; no item 4", "from 0"),
        ("states.DE", "is a MemberState", "public_trust"),
    ],
)
def test_path_errors(tmp_path: Path, path: str, message: str, hint: str) -> None:
    (found,) = problems_of(BASE.replace("states.DE.public_trust", path), tmp_path)
    assert ":6:" in found  # the line of the path
    assert "uncertainties[0].path" in found
    assert message in found
    assert hint in found


def test_value_errors_name_what_was_expected(tmp_path: Path) -> None:
    text = BASE + (
        "levers:\n"
        "  - {path: adversaries.RU.policy.kind, values: [heuristic, smart]}\n"
        "  - {path: sharing.rate, range: [0.1, 1.5]}\n"
        "  - {path: adversaries.CN.policy.kind, range: [0, 1]}\n"
    )
    found = problems_of(text, tmp_path)
    assert any(":11:" in f and "'smart'" in f and "heuristic, scripted" in f for f in found)
    assert any(":12:" in f and "1.5 is outside" in f and "from 0 to 1" in f for f in found)
    assert any(":13:" in f and "so it has no range" in f and "'values'" in f for f in found)


def test_outcome_errors_suggest(tmp_path: Path) -> None:
    text = BASE.replace(
        "final: [alliance.cohesion]",
        "final: [alliance.cohesoin, summary.alliance.cohesion_mim]\n"
        "  series: [states.*.public_trist]",
    )
    found = "\n".join(problems_of(text, tmp_path))
    assert "no indicator 'alliance.cohesoin' (did you mean 'alliance.cohesion'?)" in found
    assert "has no entry 'cohesion_mim' (did you mean 'cohesion_min'?)" in found
    assert "matches no indicator (did you mean 'states.*.public_trust'?)" in found


def test_sobol_needs_a_power_of_two(tmp_path: Path) -> None:
    (found,) = problems_of(
        BASE.replace("latin_hypercube, samples: 4", "sobol, samples: 12"), tmp_path
    )
    assert "power of 2" in found
    assert "use 8 or 16" in found


def test_column_names_must_differ(tmp_path: Path) -> None:
    text = BASE.replace("final: [alliance.cohesion]", "final: [states.DE.public_trust]")
    (found,) = problems_of(text, tmp_path)
    assert "column 'states.DE.public_trust' is already used by uncertainties[0]" in found
    assert "'name'" in found


def test_unknown_scenario(tmp_path: Path) -> None:
    found = problems_of(BASE.replace("scenario: tutorial", "scenario: tutorail"), tmp_path)
    assert "cannot load scenario 'tutorail'" in found[0]
    assert any("did you mean 'tutorial'" in f for f in found)


def test_every_problem_is_reported_at_once(tmp_path: Path) -> None:
    text = BASE.replace("states.DE.public_trust", "states.DE.public_trst").replace(
        "final: [alliance.cohesion]", "final: [alliance.cohesoin]"
    )
    assert len(problems_of(text, tmp_path)) == 2


def test_flags_override_the_spec_and_the_fingerprint() -> None:
    plan = make_plan(small_spec())
    more = make_plan(small_spec(), replications=5, seed=1)
    assert (more.replications, more.seed) == (5, 1)
    assert more.n_runs == plan.n_points * 5
    assert more.fingerprint != plan.fingerprint
    assert make_plan(small_spec()).fingerprint == plan.fingerprint


def test_spec_from_a_dict_names_itself() -> None:
    loaded = load_spec({k: v for k, v in small_spec().items() if k != "name"})
    assert loaded.spec.name == "spec"


def test_list_items_by_id_or_index(tutorial) -> None:
    assert resolve(tutorial, "states.PL.public_trust").data_path == ("states", 1, "public_trust")
    assert resolve(tutorial, "alliance.meetings[0].turn").data_path == (
        "alliance",
        "meetings",
        0,
        "turn",
    )
    assert resolve(tutorial, "adversaries.RU.policy.kind").choices == (
        "heuristic",
        "scripted",
        "random",
        "human",
    )
    with pytest.raises(PathError):
        resolve(tutorial, "alliance.meetings.x.turn")


def test_constants_apply_to_every_run() -> None:
    plan = make_plan(small_spec(constants={"sharing.rate": 0.33}))
    assert all(s.sharing.rate == 0.33 for s in plan.scenarios)


def test_import_hybridsim_stays_light() -> None:
    """`import hybridsim` exposes sweep() without loading Dask, pandas, mesa or matplotlib."""
    code = (
        "import sys, hybridsim; hybridsim.sweep; "
        "print(sorted(m for m in ('dask', 'distributed', 'pandas', 'mesa', 'matplotlib', "
        "'SALib', 'pyarrow') if m in sys.modules))"
    )
    found = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert found.stdout.strip() == "[]"


def test_several_base_scenarios_cross_the_design(tmp_path: Path) -> None:
    for name in ("tutorial.yaml", "toolkit.yaml"):
        shutil.copy(ROOT / "scenarios" / name, tmp_path / name)
    copy = tmp_path / "tutorial.yaml"
    copy.write_text(copy.read_text().replace("name: tutorial\n", "name: tutorial_b\n", 1))
    plan = make_plan(small_spec(scenario=None, scenarios=["tutorial", str(copy)]))
    one = make_plan(small_spec())
    assert plan.scenario_names == ("tutorial", "tutorial_b")
    assert plan.n_points == 2 * one.n_points
    assert plan.run(plan.n_runs - 1).scenario == 1


@pytest.mark.parametrize(
    ("outcome", "message"),
    [
        (
            "adversaries.RU.successes",
            "outcomes.final[0]: 'adversaries.RU.successes' counts successful moves in the turn, "
            "so its last value is one turn's, not the run's (say 'over: sum' for the run's total",
        ),
        (
            {"path": "alliance.cohesion", "over": "sum"},
            "outcomes.final[0]: 'alliance.cohesion' is a level (fraction 0-1); a sum over turns "
            "means nothing (use over: last, min, max or mean)",
        ),
    ],
)
def test_an_outcome_must_say_how_a_count_per_turn_is_reduced(outcome, message):
    spec = {
        "scenario": "tutorial",
        "turns": 2,
        "design": {"kind": "monte_carlo", "samples": 2},
        "uncertainties": [{"path": "sharing.rate", "range": [0.1, 0.5]}],
        "outcomes": {"final": [outcome]},
    }
    with pytest.raises(ScenarioError) as info:
        make_plan(spec)
    assert any(message in p.format() for p in info.value.problems), info.value.problems


def test_every_indicator_of_a_run_has_a_unit_and_a_kind():
    """A new indicator must say whether it is a level or an amount per turn, and its unit."""
    from hybridsim.api import simulate
    from hybridsim.sweep.meaning import INDICATORS

    names = set()
    for scenario in ("tutorial", "baseline"):
        names |= set(simulate(scenario, seed=1, turns=1).indicators["indicator"])
    assert sorted(names - set(INDICATORS)) == []
    assert all(meaning.unit for meaning in INDICATORS.values())
