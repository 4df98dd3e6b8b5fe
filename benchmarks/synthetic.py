"""Synthetic scenarios: the baseline's (or tutorial's) states with N generated assets.

Used by the scaling benchmark to see how the cost of a turn grows with the number of assets.
The asset mix follows the baseline's; each asset links to one or two assets of its own country
and 5% link across borders; gas pipelines and LNG terminals carry their country's imports.
"""

from __future__ import annotations

import numpy as np

from hybridsim.scenario import Scenario
from hybridsim.scenario.schema import Asset, AssetType

# Share of each asset type in the baseline (249 assets, November 2026).
MIX = {
    AssetType.POWER_PLANT: 44,
    AssetType.GAS_PIPELINE: 40,
    AssetType.GRID: 32,
    AssetType.TELECOM: 32,
    AssetType.LNG_TERMINAL: 26,
    AssetType.PORT: 22,
    AssetType.GAS_STORAGE: 21,
    AssetType.DATA_CENTRE: 14,
    AssetType.UNDERSEA_CABLE: 14,
    AssetType.RAIL: 4,
}
PIPED = ("russia_pipeline", "norway", "north_africa", "azerbaijan", "iran", "domestic")
SHIPPED = ("lng", "russia_lng")


def with_assets(scenario: Scenario, n: int, rng: np.random.Generator) -> Scenario:
    """A copy of ``scenario`` whose infrastructure is ``n`` synthetic assets over its states."""
    states = scenario.states
    types = list(MIX)
    weights = np.array([MIX[t] for t in types], dtype=np.float64)
    kind = rng.choice(len(types), size=n, p=weights / weights.sum())
    owner = rng.integers(0, len(states), size=n)
    ids = [
        f"{states[o].id}-{types[k].value}-{i}"
        for i, (k, o) in enumerate(zip(kind, owner, strict=True))
    ]
    # Links: one or two within the country, 5% across borders.
    order = np.argsort(owner, kind="stable")
    sorted_owner = owner[order]
    start = np.searchsorted(sorted_owner, owner, side="left")
    count = np.searchsorted(sorted_owner, owner, side="right") - start
    local = order[start + (rng.random(n) * count).astype(np.int64)]
    second = order[start + (rng.random(n) * count).astype(np.int64)]
    foreign = rng.integers(0, n, size=n)
    carries: list[dict[str, float]] = [{} for _ in range(n)]
    for s, state in enumerate(states):
        for sources, kinds in ((PIPED, AssetType.GAS_PIPELINE), (SHIPPED, AssetType.LNG_TERMINAL)):
            mine = np.flatnonzero((owner == s) & (kind == types.index(kinds)))
            if mine.size == 0:
                continue
            for src in sources:
                bcm = state.gas.supply_bcm.get(src, 0.0)
                if bcm > 0:
                    for i in mine:
                        carries[i][src] = bcm / mine.size
    assets = []
    for i in range(n):
        links = {int(local[i]), int(second[i])}
        if rng.random() < 0.05:
            links.add(int(foreign[i]))
        links.discard(i)
        assets.append(
            Asset(
                id=ids[i],
                type=types[kind[i]],
                owner=states[owner[i]].id,
                capacity=float(1 + rng.integers(0, 3)),
                carries_bcm=carries[i],
                links=[ids[j] for j in sorted(links)],
                hardening=float(rng.uniform(0.1, 0.5)),
            )
        )
    infrastructure = scenario.infrastructure.model_copy(update={"assets": assets})
    return scenario.model_copy(update={"infrastructure": infrastructure, "injects": []})
