"""Each package imports on its own in a fresh interpreter (no import cycles)."""

from __future__ import annotations

import subprocess
import sys

import pytest

PACKAGES = ["hybridsim.policies", "hybridsim.model", "hybridsim.scenario", "hybridsim.rules",
            "hybridsim.policies.heuristic", "hybridsim.model.model"]


@pytest.mark.parametrize("package", PACKAGES)
def test_package_imports_in_a_fresh_interpreter(package):
    done = subprocess.run([sys.executable, "-c", f"import {package}"], capture_output=True,
                          text=True, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
