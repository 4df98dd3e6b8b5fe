"""The researcher notebooks run from top to bottom (kept without outputs; executed here)."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[1]

pytestmark = pytest.mark.slow


def run(name: str) -> str:
    notebook = nbformat.read(ROOT / "notebooks" / name, as_version=4)
    assert all(not c.get("outputs") for c in notebook.cells if c.cell_type == "code"), (
        "keep the notebook without outputs; this test runs it"
    )
    NotebookClient(
        notebook, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(ROOT)}}
    ).execute()
    return "\n".join(
        str(o.get("text", "")) + str(o.get("data", {}).get("text/plain", ""))
        for c in notebook.cells
        if c.cell_type == "code"
        for o in c.outputs
    )


def test_quickstart() -> None:
    printed = run("quickstart.ipynb")
    assert "6 turns, 2024-10-14" in printed
    assert "same seed, same indicators: True" in printed
    assert "seed 2, same indicators:    False" in printed


def test_sweep_notebook() -> None:
    printed = run("sweep.ipynb")
    assert "80 runs (0 failed)" in printed
    assert "fan-alliance.cohesion.png" in printed
    assert "recommended_replications" in printed  # the noise table is shown
    assert "sum(adversaries.sum.successes)" in printed
    assert "runs left to do: 0 | complete: True" in printed


def test_experiments_notebook() -> None:
    printed = run("experiments.ipynb")
    assert "experiment-sharing: 12 runs (0 failed)" in printed
    assert "seeds paired: True" in printed
    assert "experiment-campaign: 24 runs (0 failed)" in printed
    assert "experiment-covert-overt: 54 runs (0 failed)" in printed
    assert "experiment-eu: 12 runs (0 failed)" in printed
    assert "sum(adversaries.RU.successes)" in printed
    assert "B − A" in printed
