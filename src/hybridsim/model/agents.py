"""Mesa agents: the actors. Their changing numbers live in the model's World arrays; an agent
knows its index there, its side, and the policy that plays it."""

from __future__ import annotations

from typing import TYPE_CHECKING

import mesa

from ..policies import Policy

if TYPE_CHECKING:
    from .model import HybridThreatModel


class Actor(mesa.Agent):
    """An agent that gives orders each turn through its policy."""

    side = "blue"

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

    side = "blue"

    @property
    def indicators(self) -> dict[str, float]:
        return self.model.state_indicators(self.index)


class Adversary(Actor):
    """Russia, China or another hybrid actor, playing moves from the shared toolkit."""

    side = "red"

    @property
    def proficiency(self) -> dict[str, float]:
        world = self.model.world
        return dict(
            zip(world.move_ids, world.proficiency[self.index].round(4).tolist(), strict=True)
        )


class Alliance(mesa.Agent):
    """Collective decisions: votes on proposals at ministerial meetings and summits."""

    side = "blue"

    def __init__(self, model: HybridThreatModel, name: str) -> None:
        super().__init__(model)
        self.actor_id = "alliance"
        self.name = name


class Partner(mesa.Agent):
    """Ukraine's energy system: attacked by strikes, defended and repaired with allied help."""

    side = "blue"

    def __init__(self, model: HybridThreatModel, partner_id: str, name: str) -> None:
        super().__init__(model)
        self.actor_id = partner_id
        self.name = name
