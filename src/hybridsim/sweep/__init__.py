"""Parameter sweeps: designs over scenario fields, seeded replications, resumable Parquet output.

``sweep(spec, out)`` runs a sweep spec (see docs/sweeps.md) on local processes or Dask and
returns a :class:`SweepResult`; ``open_sweep(out)`` reopens a finished folder for analysis.
Heavy parts (the model, pandas, Dask, SALib, matplotlib) load only when used.
"""

from .plan import Plan, make_plan
from .runner import SweepResult, open_sweep, sweep
from .spec import SweepSpec, load_spec

__all__ = ["Plan", "SweepResult", "SweepSpec", "load_spec", "make_plan", "open_sweep", "sweep"]
