"""Scenarios: YAML in, a validated and frozen :class:`Scenario` out.

``load`` reads a file (with its toolkit and ``extends`` parents); ``validate_text`` checks text
for an editor and never raises; ``diff_scenarios`` says what differs between two scenarios.
"""

from .diff import Change, diff_scenarios
from .errors import Problem, ScenarioError
from .loader import (
    LoadedScenario,
    load,
    load_scenario,
    resolve_file,
    shipped_dir,
    shipped_scenarios,
    validate_data,
    validate_text,
)
from .schema import Scenario

__all__ = [
    "Change",
    "LoadedScenario",
    "Problem",
    "Scenario",
    "ScenarioError",
    "diff_scenarios",
    "load",
    "load_scenario",
    "resolve_file",
    "shipped_dir",
    "shipped_scenarios",
    "validate_data",
    "validate_text",
]
