"""Golden playthroughs: each shipped scenario's seeded transcript must not change by accident.

Regenerate with `python tests/golden/regenerate.py` and review the diff when a change to the
rules is intended.
"""

from __future__ import annotations

import difflib
import importlib.util
from pathlib import Path

import pytest

from hybridsim.scenario import shipped_scenarios

_spec = importlib.util.spec_from_file_location(
    "golden_regenerate", Path(__file__).parent / "golden" / "regenerate.py"
)
regenerate = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(regenerate)


def test_every_shipped_scenario_has_a_golden_playthrough():
    missing = [n for n in shipped_scenarios() if not regenerate.golden_path(n).exists()]
    assert not missing, f"no golden transcript for {missing}: run tests/golden/regenerate.py"


@pytest.mark.parametrize("name", shipped_scenarios())
def test_golden_playthrough_is_unchanged(name):
    path = regenerate.golden_path(name)
    if not path.exists():
        pytest.fail(f"missing {path.name}")
    expected = path.read_text(encoding="utf-8")
    actual = regenerate.golden_text(name)
    if actual != expected:
        diff = "".join(difflib.unified_diff(expected.splitlines(True), actual.splitlines(True),
                                            "golden", "now", n=1))
        pytest.fail(f"{name} plays differently from its golden transcript:\n{diff[:4000]}")
