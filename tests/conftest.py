"""Shared fixtures: scenarios are loaded once per session (they are frozen, so sharing is safe)."""

from __future__ import annotations

import pytest

from hybridsim.scenario import Scenario, load_scenario


@pytest.fixture(scope="session")
def tutorial() -> Scenario:
    return load_scenario("tutorial")
