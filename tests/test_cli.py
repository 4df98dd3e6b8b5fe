"""The command line as a user runs it: real subprocesses, exit codes, files, no tracebacks."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from hybridsim.cli import main

EXE = [sys.executable, "-m", "hybridsim"]


def hs(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*EXE, *args], capture_output=True, text=True, cwd=cwd, check=False,
                          timeout=300)


def test_version_and_help_on_every_command():
    out = hs("--version")
    assert out.returncode == 0
    assert "hybridsim" in out.stdout
    for name in ["", *sorted(main.commands)]:
        result = hs(*([name] if name else []), "--help")
        assert result.returncode == 0, (name, result.stderr)
        assert "Usage:" in result.stdout


def test_run_prints_a_readable_summary():
    out = hs("run", "tutorial", "--seed", "3", "--turns", "4")
    assert out.returncode == 0, out.stderr
    assert "Tutorial: three allies, one winter" in out.stdout
    assert "4 turns of 7 days" in out.stdout
    assert "Adversaries" in out.stdout
    assert "cohesion" in out.stdout


def test_run_outputs_are_byte_identical_for_the_same_seed(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    for out in (a, b):
        result = hs("run", "tutorial", "--seed", "5", "--out", str(out), "--quiet")
        assert result.returncode == 0, result.stderr
    for name in ("summary.json", "indicators.csv", "indicators.parquet", "events.jsonl"):
        assert (a / name).read_bytes() == (b / name).read_bytes(), name
    meta = json.loads((a / "meta.json").read_text())
    assert meta["seed"] == 5
    assert "mesa" in meta["versions"]
    assert meta["wall_time_s"] > 0
    frame = pd.read_parquet(a / "indicators.parquet")
    assert frame.equals(pd.read_csv(a / "indicators.csv"))
    assert set(frame.scope) == {"state", "adversary", "alliance", "partner"}
    events = [json.loads(line) for line in (a / "events.jsonl").read_text().splitlines()]
    move = next(e for e in events if e["kind"] == "move")
    assert {"turn", "actor", "action", "target", "probability", "roll", "outcome",
            "effects", "rolls"} <= set(move)
    summary = json.loads((a / "summary.json").read_text())
    assert summary["seed"] == 5
    assert summary["turns_played"] == 12


def test_different_seeds_differ(tmp_path):
    for seed in ("1", "2"):
        assert hs("run", "tutorial", "--seed", seed, "--out", str(tmp_path / seed),
                  "--quiet").returncode == 0
    assert (tmp_path / "1" / "events.jsonl").read_bytes() != (
        tmp_path / "2" / "events.jsonl").read_bytes()


def test_validate_exit_codes_and_messages(tmp_path):
    good = hs("validate", "scenarios/tutorial.yaml", cwd=Path(__file__).parents[1])
    assert good.returncode == 0
    assert "ok" in good.stdout
    bad = tmp_path / "bad.yaml"
    text = (Path(__file__).parents[1] / "scenarios" / "tutorial.yaml").read_text()
    bad.write_text(text.replace("public_trust: 0.55", "public_trust: 1.55")
                   .replace("toolkit: toolkit.yaml", "toolkit: {}"))
    result = hs("validate", str(bad), "scenarios/tutorial.yaml",
                cwd=Path(__file__).parents[1])
    assert result.returncode == 1
    line = next(i for i, ln in enumerate(bad.read_text().splitlines(), 1)
                if "public_trust: 1.55" in ln)
    assert f"bad.yaml:{line}:" in result.stderr
    assert "states[0].public_trust" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert "scenarios/tutorial.yaml: ok" in result.stdout


def test_bad_input_to_run_is_a_message_not_a_traceback(tmp_path):
    missing = hs("run", "no_such_scenario")
    assert missing.returncode == 2
    assert "no such file or shipped scenario" in missing.stderr
    garbage = tmp_path / "garbage.yaml"
    garbage.write_text("name: [unclosed\n")
    result = hs("run", str(garbage))
    assert result.returncode == 2
    assert "garbage.yaml:" in result.stderr
    assert "YAML syntax" in result.stderr
    assert "Traceback" not in result.stderr
    bad_seed = hs("run", "tutorial", "--seed", "-4")
    assert bad_seed.returncode == 2
    assert "Traceback" not in bad_seed.stderr


def test_schema_is_json_schema_and_matches_the_records():
    out = hs("schema")
    assert out.returncode == 0
    schema = json.loads(out.stdout)
    assert schema["title"] == "hybridsim scenario"
    assert {"states", "adversaries", "calendar", "toolkit"} <= set(schema["properties"])
    assert schema["additionalProperties"] is False


@pytest.mark.parametrize("policy", ["RU=random", "CN=scripted"])
def test_run_with_policy_switches(policy):
    assert hs("run", "tutorial", "--turns", "2", "--policy", policy, "--quiet").returncode == 0


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--turns", "1000000000"], "1000000000 is not in the range 1<=x<=520"),
        (["--turns", "0"], "0 is not in the range 1<=x<=520"),
        (["--policy", "XX=random"], "unknown actor 'XX'; the actors of tutorial are RU, CN, DE"),
        (["--policy", "RUS=random"], "unknown actor 'RUS' (did you mean 'RU'?)"),
        (["--policy", "RU=randm"], "unknown policy 'randm' in 'RU=randm' (did you mean 'random'?)"),
        (["--policy", "RU"], "expected ACTOR=KIND, got 'RU'"),
    ],
)
def test_run_arguments_are_checked_like_the_yaml(args, expected):
    """The command line's own values get a message and exit 2, never a traceback or a hang."""
    out = hs("run", "tutorial", *args, "--quiet")
    assert out.returncode == 2
    assert expected in out.stderr
    assert "Traceback" not in out.stderr
    assert "KeyError" not in out.stderr
