"""`hybridsim sweep` and `hybridsim sweep-export` from the command line."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import yaml
from click.testing import CliRunner

from hybridsim.cli import main
from sweep_support import ROOT, SMALL_RUNS, assert_same_tables, reference, small_spec

__all__ = ["reference"]


def write_spec(tmp_path: Path, **changes: object) -> Path:
    path = tmp_path / "small.yaml"
    path.write_text(yaml.safe_dump(small_spec(**changes), sort_keys=False))
    return path


def test_sweep_with_flags_csv_and_plots(reference: Path, tmp_path: Path) -> None:
    spec = write_spec(tmp_path, replications=1, seed=5)
    out = tmp_path / "out"
    result = CliRunner().invoke(
        main,
        ["sweep", str(spec), "--out", str(out), "--reps", "3", "--seed", "99",
         "--executor", "serial", "--csv", "--plots"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    text = " ".join(result.output.split())
    assert f"{SMALL_RUNS} in the design: {SMALL_RUNS} run now (12 failed)" in text
    assert "commonest errors" in text
    assert (out / "runs.csv").exists()
    assert (out / "plots" / "distributions.png").exists()
    assert_same_tables(out, reference)  # --reps 3 --seed 99 override the file's 1 and 5


def test_existing_folder_needs_resume(reference: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    shutil.copytree(reference, out)
    result = CliRunner().invoke(
        main, ["sweep", str(write_spec(tmp_path)), "--out", str(out), "--executor", "serial"]
    )
    assert result.exit_code == 1
    assert "--resume" in result.output
    resumed = CliRunner().invoke(
        main,
        ["sweep", str(write_spec(tmp_path)), "--out", str(out), "--resume", "--quiet",
         "--executor", "serial"],
    )  # fmt: skip
    assert resumed.exit_code == 0, resumed.output
    assert resumed.output == ""


def test_bad_spec_exits_2_with_located_problems(tmp_path: Path) -> None:
    spec = small_spec()
    spec["uncertainties"][0]["path"] = "states.DE.public_trst"
    path = tmp_path / "bad.yaml"
    path.write_text(yaml.safe_dump(spec, sort_keys=False))
    result = CliRunner().invoke(main, ["sweep", str(path), "--out", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert f"{path}:" in result.output
    assert "did you mean 'public_trust'?" in result.output
    assert not (tmp_path / "out").exists()


def test_sweep_export(reference: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    shutil.copytree(reference, out)
    result = CliRunner().invoke(main, ["sweep-export", str(out), "--summary"])
    assert result.exit_code == 0, result.output
    assert {Path(line).name for line in result.stdout.split()} == {
        "runs.csv", "design.csv", "indicators.csv", "outcomes.csv", "summary.csv", "noise.csv",
    }  # fmt: skip
    # 3 replications of a 3-turn game: the dice dominate, and the command says so
    assert "warning: alliance.cohesion: replication noise is" in result.stderr
    noise = pd.read_csv(out / "noise.csv")
    assert set(noise["outcome"]) >= {"alliance.cohesion", "sum(adversaries.RU.successes)"}


def test_shipped_quick_sweep_is_documented() -> None:
    docs = (ROOT / "docs" / "sweeps.md").read_text()
    assert "scenarios/sweeps/tutorial-quick.yaml" in docs
    assert "hybridsim sweep-export" in docs


def test_command_line_values_are_bounded_like_the_spec(tmp_path: Path) -> None:
    from hybridsim.cli.sweep import MAX_REPLICATIONS
    from hybridsim.sweep.spec import MAX_REPLICATIONS as SPEC_MAX

    assert MAX_REPLICATIONS == SPEC_MAX
    spec = write_spec(tmp_path)
    for flag, value in (("--reps", "1000000000"), ("--workers", "100000"), ("--reps", "0")):
        result = CliRunner().invoke(main, ["sweep", str(spec), flag, value])
        assert result.exit_code == 2, result.output
        assert f"Invalid value for '{flag}'" in result.output
        assert "is not in the range" in result.output
    assert not (tmp_path / "runs").exists()


def test_the_python_api_bounds_replications_too() -> None:
    import pytest

    from hybridsim.scenario import ScenarioError
    from hybridsim.sweep import make_plan

    with pytest.raises(ScenarioError, match="replications must be 1 to 1,000,000"):
        make_plan(small_spec(), replications=10**9)


def test_noise_warnings_name_their_group_of_points(tmp_path: Path) -> None:
    """The same outcome can be noisy under one lever value and not another: the command says
    which group of points each warning is about, as the Python warnings do."""
    spec = small_spec(levers=[{"path": "alliance.adoption_threshold", "values": [0.8, 1.0]}])
    path = tmp_path / "levers.yaml"
    path.write_text(yaml.safe_dump(spec, sort_keys=False))
    result = CliRunner().invoke(
        main, ["sweep", str(path), "--out", str(tmp_path / "out"), "--executor", "serial"])
    assert result.exit_code == 0, result.output
    warned = [line for line in result.stderr.splitlines() if line.startswith("warning: ")]
    assert warned
    assert all(line.endswith(("[group 0]", "[group 1]")) for line in warned)
