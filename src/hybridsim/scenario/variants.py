"""Standard variants of a scenario for experiments (ablations): the same world with one part
of the game switched off, so that paired seeds show what that part does.

Each returns a new frozen Scenario; the original is unchanged.
"""

from __future__ import annotations

from collections.abc import Callable

# Absolute import: benchmarks/ablations.py loads this file by path (to play the same variants
# with an older hybridsim).
from hybridsim.scenario.schema import PolicySpec, Scenario


def without_adversaries(scenario: Scenario) -> Scenario:
    """Every adversary present but playing nothing (a scripted empty plan)."""
    idle = PolicySpec(kind="scripted", plan=[])
    return scenario.model_copy(
        update={
            "adversaries": [a.model_copy(update={"policy": idle}) for a in scenario.adversaries]
        }
    )


def without_injects(scenario: Scenario) -> Scenario:
    return scenario.model_copy(update={"injects": []})


def without_proposals(scenario: Scenario) -> Scenario:
    """No proposal is tabled (meetings still happen, with nothing to vote on)."""
    return scenario.model_copy(
        update={"alliance": scenario.alliance.model_copy(update={"proposals": []})}
    )


def without_sharing(scenario: Scenario) -> Scenario:
    """The adversaries learn nothing from each other's successes."""
    return scenario.model_copy(
        update={"sharing": scenario.sharing.model_copy(update={"rate": 0.0})}
    )


def without_eu(scenario: Scenario) -> Scenario:
    """No EU: its members stay allies, its Council never meets (a version without the EU
    actor plays the scenario unchanged)."""
    if "eu" not in type(scenario).model_fields:
        return scenario
    return scenario.model_copy(update={"eu": None})


def with_campaign(kind: str) -> Callable[[Scenario], Scenario]:
    """Every adversary plays only this part of its toolkit (schema.Campaign: covert moves
    only, overt moves only, ...), the rest of the game unchanged."""

    def variant(scenario: Scenario) -> Scenario:
        return scenario.model_copy(update={"adversaries": [
            a.model_copy(update={"campaign": kind}) for a in scenario.adversaries]})

    variant.__doc__ = f"Every adversary plays a {kind} campaign."
    return variant


def null(scenario: Scenario) -> Scenario:
    """No adversary moves, no injects, no proposals: nothing should move but by a documented
    cause (the season, war fatigue, talk)."""
    return without_proposals(without_injects(without_adversaries(scenario)))


VARIANTS: dict[str, Callable[[Scenario], Scenario]] = {
    "baseline": lambda scenario: scenario,
    "no_adversaries": without_adversaries,
    "no_sharing": without_sharing,
    "no_proposals": without_proposals,
    "without_eu": without_eu,
    "covert_only": with_campaign("covert"),
    "overt_only": with_campaign("overt"),
    "null": null,
}
