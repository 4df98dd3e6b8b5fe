"""Scenarios: YAML in, a validated and frozen :class:`Scenario` out."""

from .errors import Problem, ScenarioError
from .loader import LoadedScenario, load, load_scenario, shipped_dir, shipped_scenarios
from .schema import Scenario

__all__ = [
    "LoadedScenario",
    "Problem",
    "Scenario",
    "ScenarioError",
    "load",
    "load_scenario",
    "shipped_dir",
    "shipped_scenarios",
]
