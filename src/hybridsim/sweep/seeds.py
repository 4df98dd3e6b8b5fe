"""Seeds: one root seed, and a stream per run derived from (root, design point, replication).

Why SeedSequence: streams derived by spawn keys are statistically independent and can be made
in any order, on any machine, so a run's seed never depends on which worker ran it or when.
``SeedSequence(root, spawn_key=(point, replication))`` is exactly the child that
``SeedSequence(root).spawn(point + 1)[point].spawn(replication + 1)[replication]`` would give,
without spawning the ones before it.
"""

from __future__ import annotations

import numpy as np

# The design sampler draws from its own stream; run streams have two-part keys, so a one-part
# key cannot collide with any of them.
DESIGN_KEY = (0xD5,)
SALIB_KEY = (0xA5,)


def run_sequence(
    root: int, point: int, replication: int, common_random_numbers: bool = False
) -> np.random.SeedSequence:
    """The seed sequence of one run.

    With common random numbers every design point reuses point 0's streams, so replication r
    sees the same dice at every point (variance reduction when comparing points).
    """
    key = (0, replication) if common_random_numbers else (point, replication)
    return np.random.SeedSequence(root, spawn_key=key)


def run_seed(root: int, point: int, replication: int, common_random_numbers: bool = False) -> int:
    """A run's model seed: 63 bits from its seed sequence (fits a signed 64-bit column)."""
    state = run_sequence(root, point, replication, common_random_numbers).generate_state(
        1, np.uint64
    )
    return int(state[0] >> np.uint64(1))


def design_seed(root: int) -> int:
    """Seed of the design sampler (SALib and numpy take a plain integer)."""
    return int(np.random.SeedSequence(root, spawn_key=DESIGN_KEY).generate_state(1)[0])


def analysis_seed(root: int) -> int:
    """Seed of the bootstrap in sensitivity analysis, so confidence intervals repeat too."""
    return int(np.random.SeedSequence(root, spawn_key=SALIB_KEY).generate_state(1)[0])
