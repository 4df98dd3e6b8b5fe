"""The game's physical networks, one per carrier, for the interdependent cascade.

Which asset types make up each network is a registry (a new carrier is an entry). A link
counts in a network when both its ends belong to it; an asset with no link in a network is not
part of it. Each connected part of a network, as built with everything intact, is its own home
area (``mechanics.cascade.Network``): an asset works only while it sits in the largest working
piece of its area or its piece holds a working source of its own supply (a power station or a
working grid, which has its generation by the type rules; an LNG terminal, a storage site, or a
pipeline that brings gas in and needs no other asset). A pipeline cut off from every source
fails; a grid islanded with its own generation keeps working.
"""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp
from scipy.sparse.csgraph import connected_components

from ..mechanics.cascade import Network, Requirement
from ..scenario.schema import AssetType
from .world import TYPE_CODE

# Which members supply themselves (see the module docstring); pipelines qualify only when they
# carry gas and need no upstream asset (entry points: fields, pipelines from outside).
SOURCE_TYPES: dict[str, tuple[AssetType, ...]] = {
    "power": (AssetType.GRID, AssetType.POWER_PLANT),
    "gas": (AssetType.LNG_TERMINAL, AssetType.GAS_STORAGE),
}
ENTRY_TYPES: dict[str, tuple[AssetType, ...]] = {"gas": (AssetType.GAS_PIPELINE,)}

# judgement: only power and gas. A synchronous grid or a gas system cut in two really loses
# the smaller piece's supply and balancing; data and transport networks are meshed by routes a
# scenario does not list (terrestrial fibre, roads), so a scenario's data or rail "island" is no
# island, and their links serve malware spread and the map only.
NETWORK_TYPES: dict[str, tuple[AssetType, ...]] = {
    "power": (AssetType.GRID, AssetType.POWER_PLANT, AssetType.POWER_CABLE),
    "gas": (AssetType.GAS_PIPELINE, AssetType.LNG_TERMINAL, AssetType.GAS_STORAGE),
}

_cache: dict[int, tuple[sp.csr_matrix, list[Network]]] = {}


def carrier_networks(
    links: sp.csr_matrix,
    asset_type: np.ndarray,
    carries: np.ndarray,
    requirements: list,
) -> list[Network]:
    """The networks of a world's links (cached per links matrix: it is fixed for a scenario)."""
    found = _cache.get(id(links))
    if found is not None and found[0] is links:
        return found[1]
    needy = np.zeros(asset_type.shape[0], dtype=bool)
    for group in requirements:
        needy |= group.needy_mask if isinstance(group, Requirement) else np.diff(group.indptr) > 0
    entry = carries.any(axis=1) & ~needy
    networks = []
    for name, types in NETWORK_TYPES.items():
        sources = np.isin(asset_type, _codes(SOURCE_TYPES.get(name, ())))
        sources |= entry & np.isin(asset_type, _codes(ENTRY_TYPES.get(name, ())))
        network = _network(links, asset_type, types, sources)
        if (network.home >= 0).any():
            networks.append(network)
    if len(_cache) >= 16:
        del _cache[next(iter(_cache))]
    _cache[id(links)] = (links, networks)
    return networks


def _codes(types: tuple[AssetType, ...]) -> list[int]:
    return [TYPE_CODE[t] for t in types]


def _network(
    links: sp.csr_matrix, asset_type: np.ndarray, types: tuple[AssetType, ...], sources
) -> Network:
    member = np.isin(asset_type, _codes(types))
    mask = sp.diags(member.astype(np.int8), dtype=np.int8)
    adjacency = (mask @ links @ mask).tocsr()
    linked = member & (np.diff(adjacency.indptr) > 0)
    home = np.full(asset_type.shape[0], -1, dtype=np.int64)
    if linked.any():
        index = np.flatnonzero(linked)
        _, labels = connected_components(adjacency[index][:, index], directed=False)
        home[index] = labels
    return Network(adjacency, home, sources & linked)
