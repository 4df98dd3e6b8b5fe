"""hybridsim: a tabletop wargame simulator of hybrid threats."""

__version__ = "0.1.0"

from .sweep import sweep  # noqa: F401 - hybridsim.sweep(...) for notebooks
