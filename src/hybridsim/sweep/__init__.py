"""Parameter sweeps: designs over scenario fields, seeded replications, resumable Parquet output.

``hybridsim.sweep(spec, out)`` runs a sweep spec (see docs/sweeps.md) on local processes or Dask
and returns a :class:`SweepResult`; ``open_sweep(out)`` reopens a finished folder for analysis.
Heavy parts (the model, pandas, Dask, SALib, matplotlib) load only when used.

Why this package is callable: ``hybridsim.sweep`` is at once this package (``from
hybridsim.sweep import open_sweep``) and the function notebooks call (``hybridsim.sweep(spec,
out)``). Python binds the package to that name when it is first imported, so the package itself
forwards calls to :func:`sweep`; ``import hybridsim`` then need not load it at all.
"""

import sys
import types
from typing import Any

from .plan import Plan, make_plan
from .runner import SweepResult, open_sweep, sweep
from .spec import SweepSpec, load_spec

__all__ = ["Plan", "SweepResult", "SweepSpec", "load_spec", "make_plan", "open_sweep", "sweep"]


class _CallablePackage(types.ModuleType):
    def __call__(self, *args: Any, **kwargs: Any) -> SweepResult:
        return sweep(*args, **kwargs)


sys.modules[__name__].__class__ = _CallablePackage
