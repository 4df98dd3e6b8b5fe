"""Policies: how each actor chooses its orders. Any actor can be switched between them."""

from __future__ import annotations

from ..scenario.schema import PolicySpec
from .base import Policy
from .heuristic import HeuristicPolicy
from .human import HumanPolicy
from .random_policy import RandomPolicy
from .scripted import ScriptedPolicy

POLICY_KINDS = ("heuristic", "scripted", "random", "human")


def make_policy(kind: str, spec: PolicySpec | None = None) -> Policy:
    """Build a policy by name; the spec supplies the plan and the per-turn order limit."""
    spec = spec or PolicySpec()
    if kind == "heuristic":
        return HeuristicPolicy(spec.max_moves)
    if kind == "scripted":
        return ScriptedPolicy(spec.plan)
    if kind == "random":
        return RandomPolicy(spec.max_moves)
    if kind == "human":
        return HumanPolicy()
    raise ValueError(f"unknown policy {kind!r}; choose one of {', '.join(POLICY_KINDS)}")


__all__ = [
    "POLICY_KINDS",
    "HeuristicPolicy",
    "HumanPolicy",
    "Policy",
    "RandomPolicy",
    "ScriptedPolicy",
    "make_policy",
]
