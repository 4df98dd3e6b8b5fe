"""What each entry point imports, checked in a fresh interpreter: a fast start, no cycles.

Why: `hybridsim --version` and `hybridsim validate` ran in 1.5-2.3 s, most of it importing
Mesa, pandas and SciPy that they never use. Each case names what must stay out.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
HEAVY = ["mesa", "dask", "distributed", "solara", "pandas", "scipy", "matplotlib", "pyarrow"]

CASES = {
    "import hybridsim": ("import hybridsim", [*HEAVY, "hybridsim.sweep", "hybridsim.scenario"]),
    "import hybridsim.scenario": ("import hybridsim.scenario", [*HEAVY, "hybridsim.sweep"]),
    "hybridsim --version": (
        "from hybridsim.cli import main\nmain(['--version'])",
        [*HEAVY, "hybridsim.sweep", "hybridsim.model", "numpy"],
    ),
    "hybridsim validate": (
        "from hybridsim.cli import main\nmain(['validate', 'scenarios/tutorial.yaml'])",
        [*HEAVY, "hybridsim.sweep", "hybridsim.model", "numpy"],
    ),
    # The report draws the viewer's map from the shared geography, not from the viewer.
    "a report with its map": (
        "from hybridsim.model import HybridThreatModel\n"
        "from hybridsim.scenario import load_scenario\n"
        "from hybridsim.report import build_report, render_markdown\n"
        "from hybridsim.report.figures import map_figure\n"
        "model = HybridThreatModel(load_scenario('tutorial'), turns=1)\n"
        "model.run()\n"
        "map_figure(model)\n"
        "render_markdown(build_report(model))",
        ["hybridsim.app"],
    ),
}


def modules_after(code: str) -> set[str]:
    probe = (
        "import atexit, json, sys\n"
        "atexit.register(lambda: print('MODULES=' + json.dumps(sorted(sys.modules))))\n" + code
    )
    out = subprocess.run(
                [sys.executable, "-c", probe],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
        cwd=ROOT,
    )
    line = next(x for x in out.stdout.splitlines() if x.startswith("MODULES="))
    return set(json.loads(line.removeprefix("MODULES=")))


@pytest.mark.parametrize("case", CASES, ids=list(CASES))
def test_entry_points_import_only_what_they_use(case):
    code, banned = CASES[case]
    loaded = modules_after(code)
    assert [name for name in banned if name in loaded] == []


def test_hybridsim_sweep_is_callable_however_it_was_imported():
    """`hybridsim.sweep(...)` runs a sweep whether or not `hybridsim.sweep.x` came first."""
    import hybridsim
    from hybridsim.sweep import open_sweep  # binds the package to hybridsim.sweep

    assert callable(open_sweep)
    assert callable(hybridsim.sweep)
    with pytest.raises(TypeError):
        hybridsim.sweep()  # the call reaches sweep(), which needs a spec


PACKAGES = ["hybridsim.policies", "hybridsim.model", "hybridsim.scenario", "hybridsim.rules",
            "hybridsim.policies.heuristic", "hybridsim.model.model"]


@pytest.mark.parametrize("package", PACKAGES)
def test_package_imports_in_a_fresh_interpreter(package):
    """Each package imports on its own (an import cycle fails here, not in a user's notebook)."""
    done = subprocess.run([sys.executable, "-c", f"import {package}"], capture_output=True,
                          text=True, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
