"""Shipped scenarios' infrastructure: every asset placed on the map, inside its region."""

from __future__ import annotations

import pytest

from hybridsim.scenario import load, shipped_dir, shipped_scenarios


@pytest.mark.parametrize("name", shipped_scenarios())
def test_every_shipped_asset_has_a_plausible_location(name):
    assets = load(shipped_dir() / f"{name}.yaml").scenario.infrastructure.assets
    missing = [a.id for a in assets if a.location is None]
    assert not missing, f"{name}: assets without a location: {missing}"
    # Europe, Turkey and North America, the allies' territory (Svalbard is the northernmost site).
    outside = [
        a.id for a in assets if not (25 <= a.location.lat <= 80 and -125 <= a.location.lon <= 45)
    ]
    assert not outside, f"{name}: locations outside the allies' territory: {outside}"
