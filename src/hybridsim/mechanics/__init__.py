"""Mechanics: small pure functions over numpy arrays, each resting on a published model.

- :mod:`.cascade`   failures in interdependent networks (Buldyrev et al., Nature 2010)
- :mod:`.contagion` SIS / SIR contagion on networks (Wang et al. 2003; Newman 2002)
- :mod:`.rumour`    Maki–Thompson rumour spreading (Sudbury 1985)
- :mod:`.opinion`   Deffuant bounded-confidence opinions (Deffuant et al. 2000)
- :mod:`.energy`    gas balance with storage and the N-1 indicator (Reg. (EU) 2017/1938)

Randomness always comes in as a ``numpy.random.Generator`` argument; nothing here is seeded
on its own.
"""

from .cascade import (
    Network,
    Requirement,
    giant_component,
    interdependent_cascade,
    mutual_giant_component,
    propagate_failures,
)
from .contagion import sir_final_size, sir_step, sis_step
from .energy import GasFlows, gas_balance_step, n_minus_1, seasonal_factor, storage_goal
from .opinion import count_clusters, deffuant_sweep
from .rumour import maki_thompson_complete, maki_thompson_final, rumour_step

__all__ = [
    "GasFlows",
    "Network",
    "Requirement",
    "count_clusters",
    "deffuant_sweep",
    "gas_balance_step",
    "giant_component",
    "interdependent_cascade",
    "maki_thompson_complete",
    "maki_thompson_final",
    "mutual_giant_component",
    "n_minus_1",
    "propagate_failures",
    "rumour_step",
    "seasonal_factor",
    "sir_final_size",
    "sir_step",
    "sis_step",
    "storage_goal",
]
