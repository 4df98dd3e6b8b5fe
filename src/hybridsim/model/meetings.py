"""Alliance meetings: the proposals due are put to the vote, and what a decision does.

A proposal is adopted when the share of allies in favour reaches the threshold (a count, not
a roll; the white cell may still force the outcome). Without it, a proposal due at this
meeting fails in public; one tabled until agreed is deferred, which costs less (consensus is
sought before a meeting, not voted down at it)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..scenario.schema import Proposal
from . import dynamics
from .event_text import LineParts, Lines
from .play import Draft, Play, draft
from .responses import apply_response
from .targets import Target


@dataclass(frozen=True)
class Count:
    """A vote counted: who is in favour, the share and the threshold."""

    yes: np.ndarray
    share: float
    threshold: float

    def summary(self, world_ids: list[str]) -> str:
        against = [world_ids[i] for i in np.flatnonzero(~self.yes)]
        return (f"{self.share:.2f} in favour, threshold {self.threshold:.2f} "
                f"({int(self.yes.sum())}/{self.yes.size})"
                + (f"; against: {', '.join(against)}" if against else ""))


def count_vote(play: Play, focus: str) -> Count:
    """Every ally's vote on a measure with this focus, by its support."""
    world = play.world
    support = dynamics.vote_support(world, focus)
    yes = support >= world.rules.votes.yes_at
    share = float(yes.mean()) if yes.size else 0.0
    return Count(yes, share, play.scenario.alliance.adoption_threshold)


def hold_meetings(play: Play, forced: dict[str, dict[str, bool]]) -> list[Draft]:
    """This turn's meeting (if any) votes on every open proposal due at it."""
    meetings = [m for m in play.scenario.alliance.meetings if m.turn == play.turn]
    if not meetings:
        return []
    meeting = meetings[0]
    out: list[Draft] = []
    for proposal in play.scenario.alliance.proposals:
        if proposal.id not in play.world.proposals_open:
            continue
        if proposal.meeting is not None and proposal.meeting != play.turn:
            continue
        out.append(vote(play, proposal, meeting.name or meeting.kind, forced))
    return out


def vote(play: Play, proposal: Proposal, meeting: str,
         forced: dict[str, dict[str, bool]]) -> Draft:
    """Put a proposal to the allies and apply the decision."""
    count = count_vote(play, proposal.focus)
    key = f"vote:{proposal.id}"
    force = forced.get(key, {})
    adopted = count.share >= count.threshold
    overridden = "adopted" in force and force["adopted"] != adopted
    adopted = force.get("adopted", adopted)
    outcome = ("adopted" if adopted else "rejected" if proposal.meeting is not None
               else "deferred")
    label = f"vote on {proposal.id} {'failed' if outcome == 'rejected' else outcome}"
    with play.watch(label):
        lines = decide(play, proposal, outcome)
    return draft(
        "vote", "alliance", key=key, action=proposal.id, domain="political", target=meeting,
        probability=count.share, outcome=outcome, effects=Lines(lines),
        note=count.summary(play.world.state_ids)
        + ("; outcome forced by the white cell" if overridden else ""),
    )


def decide(play: Play, proposal: Proposal, outcome: str) -> LineParts:
    """What a decision does: an adopted measure applies to every ally and binds them; a
    public failure costs cohesion, a deferral less."""
    world = play.world
    r = world.rules
    if outcome != "adopted":
        loss = r.cohesion.rejected_loss if outcome == "rejected" else r.politics.deferral_loss
        world.cohesion = max(world.cohesion - loss, 0.0)
        return []
    world.proposals_open.remove(proposal.id)
    world.measures.append(proposal.id)
    response = play.catalogue.responses[proposal.response]
    lines = apply_response(play, response, Target("state", 0, world.state_ids[0]), None,
                           everyone=True)
    world.cohesion = min(world.cohesion + r.cohesion.adopted_gain, 1.0)
    return lines
