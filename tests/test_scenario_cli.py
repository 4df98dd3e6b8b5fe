"""The scenario commands as a student uses them: validate, new, show, diff, docs."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import yaml
from click.testing import CliRunner

from hybridsim.cli import main
from hybridsim.scenario import load_scenario, shipped_dir, validate_text

BROKEN = Path(__file__).resolve().parent / "broken"
EXAMPLES = shipped_dir() / "examples"


def hs(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return result.exit_code, result.output


def test_validate_on_a_broken_file_exits_non_zero_with_file_line_and_no_traceback():
    exe = Path(sys.executable).parent / "hybridsim"  # the installed command, as a user runs it
    result = subprocess.run(
        [str(exe), "validate", "broken/out_of_range_fraction.yaml", "broken/parents/mini.yaml"],
        cwd=BROKEN.parent,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 1
    assert (
        "broken/out_of_range_fraction.yaml:27:5: error: states[0].public_trust: "
        "expected a number from 0 to 1 (got 1.5)"
    ) in result.stderr
    assert "broken/out_of_range_fraction.yaml: invalid (1 problem)" in result.stderr
    assert "broken/parents/mini.yaml: ok" in result.stdout
    assert "Traceback" not in result.stdout + result.stderr


def test_new_copies_a_scenario_with_what_it_reads(tmp_path):
    dest = tmp_path / "work" / "my_winter.yaml"
    code, out = hs("new", "tutorial", str(dest))
    assert code == 0, out
    assert sorted(p.name for p in dest.parent.iterdir()) == [
        "my_winter.yaml",
        "scenario.schema.json",
        "toolkit.schema.json",
        "toolkit.yaml",
    ]
    text = dest.read_text()
    assert text.splitlines()[0] == "# yaml-language-server: $schema=scenario.schema.json"
    toolkit_first = (dest.parent / "toolkit.yaml").read_text().splitlines()[0]
    assert toolkit_first == "# yaml-language-server: $schema=toolkit.schema.json"
    assert load_scenario(dest).name == "my_winter"
    code, out = hs("new", "tutorial", str(dest))
    assert code == 2
    assert "file exists; not overwritten (choose another name, or add --force)" in out
    # A child is copied with its parents.
    code, out = hs("new", str(EXAMPLES / "cold_winter_alone.yaml"), str(tmp_path / "c" / "x.yaml"))
    assert code == 0, out
    assert load_scenario(tmp_path / "c" / "x.yaml").state_ids() == ["DE"]


def test_show_prints_the_merged_scenario_which_loads_back_the_same(tmp_path):
    code, out = hs("show", str(EXAMPLES / "cold_winter.yaml"))
    assert code == 0, out
    assert out.startswith("# ")
    assert "extends" not in yaml.safe_load(out)
    scenario, problems = validate_text(out, "shown.yaml", tmp_path)
    assert problems == []
    assert scenario == load_scenario(EXAMPLES / "cold_winter.yaml")
    code, brief = hs("show", str(EXAMPLES / "cold_winter.yaml"), "--no-defaults")
    assert code == 0
    assert len(brief) < len(out)
    assert validate_text(brief, "brief.yaml", tmp_path)[0] == scenario
    code, raw = hs("show", str(EXAMPLES / "cold_winter.yaml"), "--raw")
    assert code == 0
    assert "storage_fill: 0.7" in raw


def test_diff_speaks_in_scenario_terms():
    code, out = hs("diff", str(EXAMPLES / "two_allies.yaml"), str(EXAMPLES / "cold_winter.yaml"))
    assert code == 0
    assert out.splitlines() == [
        "name: two_allies → cold_winter",
        "title: Two allies, one pipeline → Two allies, a cold winter",
        "states.DE.gas.storage_fill: 0.95 → 0.7",
        "states.DE.public_trust: 0.55 → 0.45",
        "injects.cold_snap.turn: 8 → 5",
        "injects.cold_snap.effects[0].add: 0.2 → 0.35",
        "injects.cold_snap.effects[0].duration: 1 → 2",
        "added inject second_frost",
    ]
    code, out = hs(
        "diff",
        str(EXAMPLES / "cold_winter.yaml"),
        str(EXAMPLES / "cold_winter_alone.yaml"),
        "--exit-code",
    )
    assert code == 1
    assert "removed state PL" in out
    assert "removed partner UA" in out
    assert "removed asset PL-grid" in out
    assert hs("diff", "tutorial", "tutorial") == (0, "no differences\n")


def test_docs_check_passes_here_and_fails_on_a_stale_folder(tmp_path):
    code, out = hs("docs", "--check")
    assert code == 0, out
    code, out = hs("docs", "--out-dir", str(tmp_path))
    assert code == 0
    (tmp_path / "scenario-reference.md").write_text("old\n")
    code, out = hs("docs", "--check", "--out-dir", str(tmp_path))
    assert code == 1
    assert "scenario-reference.md" in out


def test_validate_names_a_toolkit_file_for_what_it_is():
    code, out = hs("validate", str(shipped_dir() / "toolkit.yaml"))
    assert code == 1
    assert "this is a toolkit file (moves and responses), not a scenario" in out
