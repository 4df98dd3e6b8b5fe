"""A real `kill -9` of a running `hybridsim sweep`, then Ctrl-C of the resumed sweep, then a
last resume: the final tables equal those of an uninterrupted sweep, with no duplicates."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pytest
import yaml

import hybridsim
from sweep_support import assert_same_tables, small_spec

# A suite started as a background job inherits an ignored SIGINT, which stays ignored across
# exec: the sweep gets Python's usual Ctrl-C, as from a terminal.
CLI = (
    "import signal; signal.signal(signal.SIGINT, signal.default_int_handler); "
    "from hybridsim.cli import main; main()"
)

pytestmark = pytest.mark.slow


def start(spec: Path, out: Path, *extra: str) -> subprocess.Popen:
    """`hybridsim sweep` in its own session, one run per batch (so parts count runs)."""
    cmd = [sys.executable, "-c", CLI, "sweep", str(spec), "--out", str(out), "--workers", "2",
           "--batch-size", "1", *extra]  # fmt: skip
    return subprocess.Popen(cmd, start_new_session=True, stderr=subprocess.PIPE, text=True)


def parts(out: Path) -> int:
    return len(list((out / "parts").glob("runs-*.parquet")))


def wait_for_parts(proc: subprocess.Popen, out: Path, count: int, timeout: float = 90) -> int:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise AssertionError(f"the sweep ended before it could be interrupted: {proc.stderr}")
        done = parts(out)
        if done >= count:
            return done
        time.sleep(0.005)
    raise AssertionError("the sweep made no progress")


def test_kill_9_then_ctrl_c_then_resume(tmp_path: Path) -> None:
    # 320 runs, half of them failing on purpose; 12 turns each, so that the work left after
    # each interruption takes seconds, not the blink it would at 3 turns
    spec = small_spec(replications=40, turns=12)
    total = 8 * 40
    path = tmp_path / "spec.yaml"
    path.write_text(yaml.safe_dump(spec, sort_keys=False))
    out = tmp_path / "out"

    # 1. kill -9 the running sweep; its workers notice and exit too
    proc = start(path, out, "--quiet")
    wait_for_parts(proc, out, 3)
    family = psutil.Process(proc.pid).children(recursive=True)
    os.kill(proc.pid, signal.SIGKILL)
    assert proc.wait(timeout=10) == -signal.SIGKILL
    _, alive = psutil.wait_procs(family, timeout=15)
    assert not alive, f"processes left behind: {alive}"
    after_kill = parts(out)
    assert 3 <= after_kill < total
    assert not (out / "runs.parquet").exists()

    # 2. resume, and interrupt that with Ctrl-C (SIGINT): it stops cleanly with code 130
    proc = start(path, out, "--resume", "--quiet")
    wait_for_parts(proc, out, after_kill + 3)
    interrupted_at = parts(out)
    os.kill(proc.pid, signal.SIGINT)
    code = proc.wait(timeout=30)
    assert code == 130, (
        f"exit {code}: killed at {after_kill} parts, interrupted at {interrupted_at}, "
        f"now {parts(out)} of {total}"
    )
    after_interrupt = parts(out)
    assert after_interrupt < total

    # 3. resume to the end: only the missing runs are run
    proc = start(path, out, "--resume")
    _, report = proc.communicate(timeout=120)
    assert proc.returncode == 0, report
    assert f"{total - after_interrupt} run now" in " ".join(report.split())
    assert f"{after_interrupt} done before" in " ".join(report.split())
    assert (out / "runs.parquet").exists()

    reference = tmp_path / "reference"
    hybridsim.sweep(spec, reference, executor="serial", progress=False)
    assert_same_tables(out, reference)
    assert len(list(out.rglob("*.tmp"))) == 0
