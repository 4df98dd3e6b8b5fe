"""Legality has one home (model/legal_moves.py): the order table players are offered and the
adjudicator's check of a single order read the same declared conditions, and agree on every
(adversary, move, target) of shipped scenarios at several turns."""

from __future__ import annotations

import numpy as np
import pytest

from hybridsim.model import HybridThreatModel, Order
from hybridsim.model.legal_moves import MOVE_CONDITIONS, TARGET_CONDITIONS, why_not
from hybridsim.model.legality import illegal_now
from hybridsim.model.queries import situation
from hybridsim.model.targets import TARGET_KINDS
from hybridsim.scenario import load_scenario


def _single_and_table(model: HybridThreatModel) -> tuple[set, set]:
    """Every (adversary, move, target) the single-order check accepts, and the table's."""
    single, table = set(), set()
    for adversary in model.adversaries:
        a = adversary.actor_id
        table |= {(a, t.move.id, tid) for t in model.move_tables(a, all_targets=True)
                  for tid in t.ids}
        for move in model.catalogue.moves.values():
            for tid in TARGET_KINDS[move.target].ids(model.world, model.scenario):
                if not illegal_now(model, Order(a, move.id, tid), move):
                    single.add((a, move.id, tid))
    return single, table


@pytest.mark.parametrize("name", ["baseline", "baltic_sabotage"])
def test_the_single_order_and_the_order_table_agree_on_every_order(name):
    model = HybridThreatModel(load_scenario(name), rng=3, keep_history=False)
    checked = 0
    for turn in range(1, 9):
        model.begin_turn()
        if turn in (1, 4, 8):
            single, table = _single_and_table(model)
            assert single == table, (turn, sorted(single ^ table)[:5])
            checked += len(table)
        model.resolve_turn()
        if not model.running:
            break
    assert checked > 100  # the check saw a real toolkit


def test_a_refusal_names_the_condition_that_failed(tutorial):
    model = HybridThreatModel(tutorial, rng=1)
    model.begin_turn()
    world = model.world
    ru = world.adversary_ids.index("RU")
    move = next(m for m in model.catalogue.moves.values() if m.target == "asset")
    k = world.move_index[move.id]
    world.proficiency[ru, k] = 0.0
    assert why_not(situation(model, ru), k, None) == ("move", MOVE_CONDITIONS[0].refusal)
    assert "not proficient" in illegal_now(model, Order("RU", move.id, None), move)
    world.proficiency[ru, k] = 1.0
    hit = int(np.flatnonzero(move_types := model.move_arrays.asset_types[k][world.asset_type])[0])
    assert move_types[hit]
    world.health[hit] = 0.0
    working = TARGET_CONDITIONS["asset"][1]
    assert why_not(situation(model, ru), k, hit) == ("target", working.refusal)
    refusal = illegal_now(model, Order("RU", move.id, world.asset_ids[hit]), move)
    assert refusal == f"'{world.asset_ids[hit]}' is not a legal target for {move.id}: it is down"
