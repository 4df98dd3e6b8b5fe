"""hybridsim: a tabletop wargame simulator of hybrid threats.

``hybridsim.sweep(spec, out)`` runs a sweep (see hybridsim.sweep); it loads on first use, so
``import hybridsim`` (and every ``hybridsim`` command that needs no sweep) stays quick.
"""

from typing import Any

__version__ = "0.1.0"


def __getattr__(name: str) -> Any:
    if name == "sweep":  # the sweep package is callable: hybridsim.sweep(...) runs a sweep
        import importlib

        return importlib.import_module(".sweep", __name__)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
