"""Which moves an adversary plays: its whole toolkit, or only the deniable (covert) or only the
overt part, or nothing. Experiments compare campaigns on paired seeds (scenario/variants.py,
scenarios/sweeps/experiment-covert-overt.yaml); a game defaults to "mixed"."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from ..scenario.schema import Move, Scenario

# A registry: a new kind of campaign is an entry here and a value of schema.Campaign.
CAMPAIGNS: dict[str, Callable[[Move], bool]] = {
    "mixed": lambda move: True,
    "covert": lambda move: not move.overt,
    "overt": lambda move: move.overt,
    "none": lambda move: False,
}


def campaign_mask(scenario: Scenario) -> np.ndarray:
    """(adversaries, moves): whether each adversary's campaign includes each move."""
    moves = scenario.toolkit.moves
    return np.array(
        [[CAMPAIGNS[adv.campaign](move) for move in moves] for adv in scenario.adversaries],
        dtype=bool,
    ).reshape(len(scenario.adversaries), len(moves))
