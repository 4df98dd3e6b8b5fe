"""Command-line pieces that load what they describe only when it is needed."""

from __future__ import annotations

import importlib
from typing import Any

import click


class LazyChoice(click.Choice):
    """A click.Choice whose choices are a module's constant, imported on first use.

    Why: building the command line must not import numpy and the verification models just to
    list the values of one option; ``--help`` and a real call still see the full list.
    """

    def __init__(self, module: str, name: str, case_sensitive: bool = True) -> None:
        self._source = (module, name)
        self._loaded: tuple[Any, ...] | None = None
        self.case_sensitive = case_sensitive

    @property
    def choices(self) -> tuple[Any, ...]:  # type: ignore[override]
        if self._loaded is None:
            module, name = self._source
            self._loaded = tuple(getattr(importlib.import_module(module), name))
        return self._loaded

    @choices.setter
    def choices(self, value: Any) -> None:
        self._loaded = tuple(value)
