"""Each ally's stance on each open proposal, every turn: its vote score now (what it would vote
if the proposal were put today), who is for and who against, and how near each ally stands to
the line between them. A reader follows a decision forming (or failing) turn by turn, and an
adversary courting governments aims at the allies whose vote can still tip."""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np

from ..scenario.schema import Proposal
from .dynamics import vote_support
from .play import Draft, Play, draft
from .world import World

SHOWN_AGAINST = 8  # allies named against; more are counted


def open_stances(world: World, proposals: Iterable[Proposal]) -> dict[str, np.ndarray]:
    """Per open proposal, each ally's vote score on it now (for from ``rules.votes.yes_at``)."""
    return {p.id: vote_support(world, p.focus) for p in proposals
            if p.id in world.proposals_open}


def nearness_to_line(world: World, stances: dict[str, np.ndarray]) -> np.ndarray:
    """Per ally, 1 - its distance from the for/against line over ``rules.politics.holdout_band``
    on the open proposal where it stands nearest (0 when a band away or more on all): the
    waverers and reluctant holdouts whose vote a push can tip."""
    near = np.zeros(len(world.state_ids))
    band = world.rules.politics.holdout_band
    yes_at = world.rules.votes.yes_at
    for support in stances.values():
        near = np.maximum(near, np.clip(1.0 - np.abs(support - yes_at) / band, 0.0, 1.0))
    return near


def split_text(world: World, support: np.ndarray) -> str:
    """'for 3, against HU; nearest the line: IT 0.52' (scores, yes from rules.votes.yes_at)."""
    yes = support >= world.rules.votes.yes_at
    against = [world.state_ids[i] for i in np.flatnonzero(~yes)]
    named = ", ".join(against[:SHOWN_AGAINST]) + (
        f" and {len(against) - SHOWN_AGAINST} more" if len(against) > SHOWN_AGAINST else "")
    nearest = int(np.argmin(np.abs(support - world.rules.votes.yes_at)))
    return (f"for {int(yes.sum())}, against {named or 'none'}; nearest the line: "
            f"{world.state_ids[nearest]} {support[nearest]:.2f}")


def changed_splits(world: World, proposals: Iterable[Proposal]) -> list[tuple[str, str]]:
    """(proposal, split) for each open proposal whose for/against split differs from the last
    one seen (every open proposal the first time: the model calls this once at the start, so
    turns report only changes); remembers what it sees."""
    out = []
    for pid, support in open_stances(world, proposals).items():
        yes = tuple((support >= world.rules.votes.yes_at).tolist())
        if world.splits_shown.get(pid) != yes:
            world.splits_shown[pid] = yes
            out.append((pid, split_text(world, support)))
    return out


def report_splits(play: Play) -> list[Draft]:
    """A "positions" event for each open proposal whose for/against split changed this turn."""
    return [draft("positions", "alliance", action=proposal, domain="political", note=split)
            for proposal, split in changed_splits(play.world, play.scenario.alliance.proposals)]
