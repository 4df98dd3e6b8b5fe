"""The public, notebook-friendly API: load a scenario, run it, get tables back."""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from .model import HybridThreatModel
from .results import events_frame, indicator_frame, summary
from .scenario import Scenario, load_scenario


@dataclass
class RunResult:
    """One finished run: the model (for its logs), tidy tables and the summary."""

    model: HybridThreatModel
    wall_time: float

    @property
    def indicators(self) -> pd.DataFrame:
        return indicator_frame(self.model)

    @property
    def events(self) -> pd.DataFrame:
        return events_frame(self.model)

    @property
    def summary(self) -> dict[str, Any]:
        return summary(self.model)


def simulate(
    scenario: Scenario | str | Path,
    seed: int | None = None,
    turns: int | None = None,
    policies: dict[str, str] | None = None,
) -> RunResult:
    """Run a scenario to its end with the computer playing every actor (or as ``policies`` say).

    >>> result = simulate("tutorial", seed=1, turns=3)
    >>> result.model.turn
    3
    """
    if not isinstance(scenario, Scenario):
        scenario = load_scenario(scenario)
    start = time.perf_counter()
    model = HybridThreatModel(
        scenario, rng=seed, turns=turns, policies=policies, keep_history=False
    )
    model.run()
    release(model)
    return RunResult(model, time.perf_counter() - start)


def release(model: HybridThreatModel) -> None:
    """Let a finished model be garbage-collected.

    mesa 3.3 keeps a per-model id counter in the class attribute ``Agent._ids``, keyed by the
    model, which keeps every model alive; drop our entry once the run is over.
    """
    import mesa

    mesa.Agent._ids.pop(model, None)
