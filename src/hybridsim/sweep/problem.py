"""The SALib problem of a sweep, built in one place for sampling and for analysis.

Every design samples the unit cube and maps each coordinate to its factor's range afterwards
(``Factor.from_unit``), so the problem SALib sees has unit bounds and the uncertainties' names
in the order of the design. Sobol and Morris sampling (``design``) and their analyses
(``analysis``) call this builder, so the sample and the indices cannot disagree on it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any


def salib_problem(names: Sequence[str]) -> dict[str, Any]:
    """SALib's problem dict over the unit cube, one variable per name, in order."""
    return {"num_vars": len(names), "names": list(names), "bounds": [[0.0, 1.0]] * len(names)}
