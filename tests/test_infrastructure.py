"""Shared infrastructure: assets on the map, the interdependent cascade, and cross-border
failures in the shipped scenarios."""

from __future__ import annotations

import numpy as np
import pytest
import scipy.sparse as sp

from hybridsim.mechanics import Network, interdependent_cascade
from hybridsim.model import dynamics
from hybridsim.model.model import HybridThreatModel
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


# ------------------------------------------------------------------ the cascade rule itself
def _path(n: int) -> sp.csr_matrix:
    rows = np.arange(n - 1)
    adj = sp.coo_matrix((np.ones(n - 1), (rows, rows + 1)), shape=(n, n)).tocsr()
    return (adj + adj.T).tocsr()


def test_the_smaller_piece_of_a_cut_network_fails_unless_it_holds_a_source():
    # 0-1-2-3-4-5-6 with node 2 down: pieces {0, 1} and {3, 4, 5, 6}.
    up = np.ones(7, dtype=bool)
    up[2] = False
    plain = Network(_path(7), np.zeros(7, dtype=np.int64))
    working, _ = interdependent_cascade(up, [plain])
    assert working.tolist() == [False, False, False, True, True, True, True]
    sourced = Network(_path(7), np.zeros(7, dtype=np.int64), np.eye(7, dtype=bool)[0])
    working, _ = interdependent_cascade(up, [sourced])
    assert working.tolist() == [True, True, False, True, True, True, True]


def test_each_home_area_keeps_its_own_largest_piece():
    # Two separate areas: a path of 3 (area 0) and a path of 5 (area 1, nodes 3-7).
    adj = sp.block_diag((_path(3), _path(5)), format="csr")
    home = np.array([0, 0, 0, 1, 1, 1, 1, 1])
    up = np.ones(8, dtype=bool)
    working, _ = interdependent_cascade(up, [Network(adj, home)])
    assert working.all()  # the small island is judged against itself
    up[5] = False  # cut area 1 into {3, 4} and {6, 7}: a tie, the lowest node's piece wins
    working, _ = interdependent_cascade(up, [Network(adj, home)])
    assert working.tolist() == [True, True, True, True, True, False, False, False]


def test_network_and_dependency_failures_feed_each_other():
    # Node 3 needs node 0; node 0 is cut off from the giant piece by node 1 going down.
    adj = _path(3)
    adj = sp.block_diag((adj, sp.csr_matrix((2, 2))), format="csr")
    home = np.array([0, 0, 0, -1, -1])
    needs = sp.csr_matrix((np.ones(2), ([3, 4], [0, 3])), shape=(5, 5))
    up = np.array([True, False, True, True, True])
    working, rounds = interdependent_cascade(up, [Network(adj, home)], [needs])
    assert working.tolist() == [True, False, False, True, True]  # tie {0} vs {2}: node 0's
    up = np.array([True, True, False, True, True])
    working, _ = interdependent_cascade(np.array([False, True, True, True, True]),
                                        [Network(adj, home)], [needs])  # fmt: skip
    assert working.tolist() == [False, True, True, False, False]
    assert rounds >= 1


# ------------------------------------------------------------------ the rule inside the game
def _world(name: str):
    model = HybridThreatModel(load(shipped_dir() / f"{name}.yaml").scenario, rng=1)
    return model.world


def _knock(world, asset_id: str) -> tuple[list[str], str]:
    world.health[:] = 1.0
    world.working[:] = True
    world.health[world.asset_ids.index(asset_id)] = 0.0
    knocked, started = dynamics.cascade(world)
    return [world.asset_ids[i] for i in knocked], dynamics.cascade_note(world, knocked, started)


def test_klaipeda_lng_down_takes_latvias_supply_with_it():
    knocked, note = _knock(_world("baseline"), "LT-lng-klaipeda")
    assert "LV-pipe-lt" in knocked
    assert note.endswith("across borders from LT to LV")


def test_turkstream_down_cuts_the_balkan_route_in_four_allies():
    knocked, note = _knock(_world("baseline"), "TR-pipe-turkstream")
    assert {"BG-pipe-balkanstream", "GR-pipe-sidirokastro", "HU-pipe-turkstream",
            "SK-pipe-hu"} <= set(knocked)  # fmt: skip
    assert "from TR to BG, GR, HU, SK" in note


def test_inkoo_down_takes_estonias_balticconnector_supply():
    knocked, note = _knock(_world("baltic_sabotage"), "FI-lng-inkoo")
    assert "EE-pipe-balticconnector" in knocked
    assert "from FI to EE" in note


def test_a_pipeline_cut_off_from_every_source_fails_through_the_network_rule():
    # Baltic Pipe's Danish section down: Poland's Baltic Pipe needs it (depends_on), and the
    # Swedish pipe, which needs Danish gas, has other Danish providers left.
    knocked, _ = _knock(_world("baltic_sabotage"), "DK-pipe-balticpipe")
    assert "PL-pipe-balticpipe" in knocked
    assert "SE-pipe-dk" not in knocked


def test_nothing_down_nothing_knocked():
    world = _world("baseline")
    knocked, started = dynamics.cascade(world)
    assert knocked.size == 0
    assert started.size == 0
    assert world.working.all()
