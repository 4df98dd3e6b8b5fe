"""Mesa agents: the actors. Their changing numbers live in the model's World arrays; an agent
knows its index there, the policy that plays it and what it last observed; ``ACTOR_TYPES``
says what each kind of actor is."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar

import mesa
import numpy as np

from ..scenario.schema import Action, Move, PolicySpec, Response, Scenario
from .world import World

if TYPE_CHECKING:
    from ..policies import Policy
    from .model import HybridThreatModel
    from .observation import Observation
    from .play import Draft, Play

PROFICIENCY_DIGITS = 4  # shown to players; the world keeps full precision


class Actor(mesa.Agent):
    """An agent that gives orders each turn through its policy."""

    actor_type: ClassVar[str]  # its entry in ACTOR_TYPES

    def __init__(
        self, model: HybridThreatModel, *, actor_id: str, name: str, index: int, policy: Policy
    ) -> None:
        super().__init__(model)
        self.actor_id = actor_id
        self.name = name
        self.index = index
        self.policy = policy
        self.observation: Observation | None = None  # what it chose its last orders from

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.actor_id!r}, policy={self.policy.kind})"


class MemberState(Actor):
    """One ally: hosts infrastructure, holds a public, answers incidents with responses."""

    actor_type: ClassVar[str] = "state"

    @property
    def indicators(self) -> dict[str, float]:
        return self.model.state_indicators(self.index)


class Adversary(Actor):
    """Russia, China or another hybrid actor, playing moves from the shared toolkit."""

    actor_type: ClassVar[str] = "adversary"

    @property
    def proficiency(self) -> dict[str, float]:
        world = self.model.world
        return dict(
            zip(world.move_ids, world.proficiency[self.index].round(PROFICIENCY_DIGITS).tolist(),
                strict=True)
        )


class Institution(Actor):
    """The EU: a blue institution, not a state. It gives no orders: its Council decides its
    instruments by its own voting rules when it meets (model/eu.py)."""

    actor_type: ClassVar[str] = "institution"

    def meet(self, play: Play, forced: dict[str, dict[str, bool]]) -> list[Draft]:
        """The Council's turn: decide what is on its table, if it meets this turn."""
        from . import eu

        return eu.council(play, self.actor_id, self.model.turn_events, forced)


@dataclass(frozen=True)
class ActorType:
    """One kind of actor: its agent class, where a scenario lists it, what it plays and where
    its budget lives. A new kind of actor is one entry in ``ACTOR_TYPES``."""

    name: str
    side: str  # red or blue: what it may see (model.observation)
    agent: type[Actor]
    plays: type[Action]  # Move or Response
    records: Callable[[Scenario], Sequence[Any]]  # the scenario's records of this kind
    budget: Callable[[World], np.ndarray]
    gives_orders: bool = True  # False: decides by its own rules, never among the order-givers

    def policy_spec(self, scenario: Scenario, index: int) -> PolicySpec | None:
        return self.records(scenario)[index].policy


def _active_eu(scenario: Scenario) -> list[Any]:
    """The scenario's EU, if it has one that plays a part."""
    return [scenario.eu] if scenario.eu and scenario.eu.active else []


# In the order they give orders each turn.
ACTOR_TYPES: dict[str, ActorType] = {
    kind.name: kind
    for kind in (
        ActorType("adversary", "red", Adversary, Move, lambda s: s.adversaries,
                  lambda w: w.adversary_budget),
        ActorType("state", "blue", MemberState, Response, lambda s: s.states, lambda w: w.budget),
        ActorType("institution", "blue", Institution, Response, _active_eu,
                  lambda w: np.zeros(1), gives_orders=False),
    )
}
