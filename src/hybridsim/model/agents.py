"""Mesa agents: the actors. Their changing numbers live in the model's World arrays; an agent
knows its index there and the policy that plays it."""

from __future__ import annotations

from typing import TYPE_CHECKING

import mesa

if TYPE_CHECKING:
    from ..policies import Policy
    from .model import HybridThreatModel

PROFICIENCY_DIGITS = 4  # shown to players; the world keeps full precision


class Actor(mesa.Agent):
    """An agent that gives orders each turn through its policy."""

    def __init__(
        self, model: HybridThreatModel, actor_id: str, name: str, index: int, policy: Policy
    ) -> None:
        super().__init__(model)
        self.actor_id = actor_id
        self.name = name
        self.index = index
        self.policy = policy

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.actor_id!r}, policy={self.policy.kind})"


class MemberState(Actor):
    """One ally: hosts infrastructure, holds a public, answers incidents with responses."""


    @property
    def indicators(self) -> dict[str, float]:
        return self.model.state_indicators(self.index)


class Adversary(Actor):
    """Russia, China or another hybrid actor, playing moves from the shared toolkit."""


    @property
    def proficiency(self) -> dict[str, float]:
        world = self.model.world
        return dict(
            zip(world.move_ids, world.proficiency[self.index].round(PROFICIENCY_DIGITS).tolist(),
                strict=True)
        )
