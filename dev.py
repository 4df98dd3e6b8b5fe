#!/usr/bin/env python3
"""Set up hybridsim and run it, or its tests, from a fresh clone with only python3.

    python3 dev.py run [ARGS...]   set up, then run the main job (the facilitator's viewer)
    python3 dev.py test [ARGS...]  set up (including Chromium), then ruff and the whole test suite
    python3 dev.py setup           set up only

Set-up is explicit and idempotent: a virtual environment in .venv, the package and its
dependencies from the package index, the viewer's front-end files from the npm registry (so the
viewer works with no internet), and for tests Debian's Chromium. Each step is skipped when it is
already done, so the second call is fast.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PY = BIN / "python"
STAMP = VENV / ".hybridsim-installed"
CHROMIUM = Path("/usr/bin/chromium")


def say(message: str) -> None:
    print(f"[dev] {message}", flush=True)


def run(cmd: list[str | os.PathLike[str]], **kwargs) -> None:
    result = subprocess.run([str(c) for c in cmd], check=False, **kwargs)
    if result.returncode != 0:
        say(f"failed ({result.returncode}): {' '.join(str(c) for c in cmd)}")
        sys.exit(result.returncode)


def install_fingerprint() -> str:
    return hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()


def ensure_venv() -> None:
    if not PY.exists():
        say("creating .venv")
        venv.EnvBuilder(with_pip=True, clear=False).create(VENV)
    if STAMP.exists() and STAMP.read_text() == install_fingerprint():
        return
    say("installing hybridsim and its dependencies into .venv (first time takes a few minutes)")
    run([PY, "-m", "pip", "install", "--quiet", "--upgrade", "pip"])
    run([PY, "-m", "pip", "install", "--quiet", "-e", f"{ROOT}[dev]"])
    STAMP.write_text(install_fingerprint())


def ensure_viewer_assets() -> None:
    """Fill Solara's front-end cache from the npm registry so the viewer renders offline."""
    run([PY, "-m", "hybridsim.app.assets", "provision", "--quiet"])


def ensure_chromium() -> None:
    if CHROMIUM.exists():
        return
    if shutil.which("apt-get") is None or os.geteuid() != 0:
        say(
            "Chromium is missing and cannot be installed here (needs root and apt-get);"
            " the browser tests will be skipped"
        )
        return
    say("installing Chromium from Debian's packages for the browser tests")
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    run(["apt-get", "update", "-qq"], env=env)
    run(["apt-get", "install", "-y", "-qq", "chromium"], env=env)


def setup(for_tests: bool = False) -> None:
    ensure_venv()
    ensure_viewer_assets()
    if for_tests:
        ensure_chromium()


def main(argv: list[str]) -> int:
    if not argv or argv[0] in {"-h", "--help"}:
        print(__doc__)
        return 0
    command, rest = argv[0], argv[1:]
    if command == "setup":
        setup(for_tests=True)
        return 0
    if command == "run":
        setup()
        args = rest or ["play", "baseline"]
        return subprocess.call([str(BIN / "hybridsim"), *args])
    if command == "test":
        setup(for_tests=True)
        run([BIN / "ruff", "check", "src", "tests", "benchmarks", "dev.py"], cwd=ROOT)
        return subprocess.call([str(PY), "-m", "pytest", *rest], cwd=ROOT)
    print(f"unknown command {command!r}\n{__doc__}", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
