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


def _knock(world, *asset_ids: str) -> tuple[list[str], str]:
    world.health[:] = 1.0
    world.working[:] = True
    for asset_id in asset_ids:
        world.health[world.asset_ids.index(asset_id)] = 0.0
    knocked, started = dynamics.cascade(world)
    return [world.asset_ids[i] for i in knocked], dynamics.cascade_note(world, knocked, started)


def test_klaipeda_lng_down_takes_latvias_supply_with_it():
    knocked, note = _knock(_world("baseline"), "LT-lng-klaipeda")
    assert "LV-pipe-lt" in knocked
    assert note.endswith("across borders from LT to LV")


def test_turkstream_down_cuts_the_balkan_route_in_four_allies():
    # Unrelated damage the same turn (Estonia's plants) is not part of the story.
    knocked, note = _knock(_world("baseline"), "TR-pipe-turkstream", "EE-power-narva")
    assert {"BG-pipe-balkanstream", "GR-pipe-sidirokastro", "HU-pipe-turkstream",
            "SK-pipe-hu"} <= set(knocked)  # fmt: skip
    assert note.endswith("across borders from TR to BG, GR, HU, SK")


def test_inkoo_down_takes_estonias_balticconnector_supply():
    knocked, note = _knock(_world("baltic_sabotage"), "FI-lng-inkoo")
    assert "EE-pipe-balticconnector" in knocked
    assert "from FI to EE" in note


def test_malaszewicze_down_stops_the_duisburg_china_trains():
    knocked, note = _knock(_world("supply_chain"), "PL-rail-malaszewicze")
    assert knocked == ["DE-rail-duisburg"]
    assert note.endswith("across borders from PL to DE")


def test_piraeus_down_stops_the_budapest_belgrade_freight():
    knocked, note = _knock(_world("supply_chain"), "GR-port-piraeus")
    assert knocked == ["HU-rail-belgrade"]
    assert note.endswith("across borders from GR to HU")


def test_balkan_stream_down_cuts_hungary_and_slovakia_in_the_election_game():
    knocked, note = _knock(_world("election_interference"), "BG-pipe-balkanstream")
    assert set(knocked) == {"HU-pipe-turkstream", "SK-pipe-hu"}
    assert note.endswith("across borders from BG to HU, SK")


def test_the_scripted_blasts_cascade_across_borders_in_a_whole_game():
    cases = (("supply_chain", "from PL to DE"), ("election_interference", "from BG to HU, SK"))
    for name, line in cases:
        model = HybridThreatModel(load(shipped_dir() / f"{name}.yaml").scenario, rng=3)
        model.run()
        notes = [e.note for e in model.events if e.kind == "cascade"]
        assert any(note.endswith("across borders " + line) for note in notes), name


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


# ------------------------------------------------------------------ N-1 in the game
def test_n_minus_1_is_the_verified_formula_on_the_games_gas_state():
    from hybridsim.mechanics.energy import n_minus_1
    from hybridsim.model.indicators import n_minus_1_by_state

    world = _world("baseline")
    i = world.state_ids.index("LT")
    per_day = 1000.0 / 365.0
    supply = float(world.supply[i] @ world.availability) * per_day
    deliverable = world.storage_capacity[i] * world.rules.gas.withdrawal_per_day
    storage = min(world.storage_bcm[i], deliverable)
    mine = world.carriers[world.asset_owner[world.carriers] == i]
    largest = max(float(world.carries[a] @ world.availability) for a in mine) * per_day
    peak = 1.0 + np.pi * (world.winter_share[i] - 0.5)
    d_max = world.annual_demand[i] * peak * (1.0 - world.demand_cut[i]) * per_day
    expected = n_minus_1(supply, 0.0, storage * 1000.0, 0.0, largest, d_max)
    assert n_minus_1_by_state(world)[i] == pytest.approx(expected)


def test_klaipeda_down_moves_n_minus_1_as_annex_ii_says():
    from hybridsim.model.indicators import n_minus_1_by_state

    world = _world("baseline")
    before = n_minus_1_by_state(world)
    _knock(world, "LT-lng-klaipeda")
    after = n_minus_1_by_state(world)
    lt, lv, pt = (world.state_ids.index(s) for s in ("LT", "LV", "PT"))
    # Lithuania loses its largest infrastructure, which N-1 had already taken out, and then
    # counts GIPL as its largest: the indicator falls by GIPL's share.
    assert after[lt] < before[lt] - 1.0
    # Latvia's only carrier (the pipe from Klaipeda) was its largest: N-1 had counted its loss.
    assert after[lv] == pytest.approx(before[lv])
    assert after[pt] == pytest.approx(before[pt])


def test_the_report_lists_states_below_n_minus_1_compliance():
    from hybridsim.report import build_report
    from hybridsim.report.content import n_minus_1_rows
    from hybridsim.report.render_markdown import render_markdown

    model = HybridThreatModel(load(shipped_dir() / "baseline.yaml").scenario, rng=1, turns=2)
    model.run()
    rows = n_minus_1_rows(model)
    assert rows
    assert all(r.lowest < 100.0 for r in rows)
    text = render_markdown(build_report(model), charts=False)
    assert "EU N-1 indicator" in text
    assert f"| {rows[0].state} |" in text
