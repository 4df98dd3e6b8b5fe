"""Settings the server process was started with (``hybridsim play`` passes them as environment
variables, since Solara starts the app itself): the games database and the starting scenario."""

from __future__ import annotations

import functools
import logging
import os

from ..scenario import Scenario, ScenarioError, load_scenario, shipped_scenarios
from . import assets
from .store import GameStore

ENV_SCENARIO = "HYBRIDSIM_SCENARIO"
log = logging.getLogger("hybridsim.app")


@functools.lru_cache(maxsize=1)
def get_store() -> GameStore:
    """The games database of this server process (see ``store.default_db_path``)."""
    return GameStore()


@functools.lru_cache(maxsize=1)
def scenario_choice() -> tuple[str | None, Scenario | None]:
    """(shipped name, or a scenario loaded from a file) the set-up starts with."""
    wanted = os.environ.get(ENV_SCENARIO, "").strip()
    if not wanted or wanted in shipped_scenarios():
        return wanted or None, None
    try:
        return None, load_scenario(wanted)
    except ScenarioError as exc:
        log.warning("cannot load scenario %s:\n%s", wanted, exc)
        return None, None


@functools.lru_cache(maxsize=1)
def warn_if_assets_missing() -> list[str]:
    """Say once, at start-up, if the page would be blank on a network with no internet."""
    absent = assets.missing()
    if absent:
        log.warning(assets.missing_message(absent))
    return absent
