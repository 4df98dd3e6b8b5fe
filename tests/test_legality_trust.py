"""Orders a computer policy took from its observation's legal orders are not checked again for
legality while what they were chosen on holds (model/legality.py ``ChosenOn``); people's and
written plans' orders always are, and so is a policy's order whose inputs changed since."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from hybridsim.model import HybridThreatModel, Order
from hybridsim.model.legality import ChosenOn, refusal
from hybridsim.model.observation import Observation
from hybridsim.policies.scripted import ScriptedPolicy
from hybridsim.scenario.schema import PlanItem


class _Insists:
    """A policy that declares it chooses from its legal orders, and plays one fixed order."""

    kind = "heuristic"
    chooses_legal_orders = True

    def __init__(self, order: Order) -> None:
        self.order = order

    def choose(self, observation: Observation) -> list[Order]:
        return [self.order]


def _asset_order(model: HybridThreatModel) -> tuple[Order, int]:
    """An asset move RU may play now on one of its legal targets (and that target's index)."""
    table = next(t for t in model.move_tables("RU") if t.kind == "asset")
    return Order("RU", table.move.id, table.ids[0]), int(table.indices[0])


def _struck_from_the_campaign(tutorial, policy_for: Callable[[Order], object]) -> tuple:
    """One turn in which RU plays an asset move just struck from its campaign (so illegal),
    through the policy ``policy_for(order)``; everyone else plays nothing."""
    model = HybridThreatModel(tutorial, rng=1, keep_history=False)
    model.begin_turn()
    order, _ = _asset_order(model)
    world = model.world
    world.plays[world.adversary_ids.index("RU"), world.move_index[order.action]] = False
    for agent in model.actors.values():
        agent.policy = ScriptedPolicy([])
    model.actors["RU"].policy = policy_for(order)
    return order, [e for e in model.resolve_turn() if e.actor == "RU"]


def test_an_illegal_order_from_a_written_plan_is_still_refused(tutorial):
    order, events = _struck_from_the_campaign(
        tutorial, lambda o: ScriptedPolicy([PlanItem(turn=1, move=o.action, target=o.target)]))
    assert [(e.kind, e.action) for e in events] == [("refused", order.action)]
    assert "not part of the actor's campaign" in events[0].note


def test_a_policy_order_from_its_legal_orders_is_not_checked_again(tutorial):
    """The same illegal order from a policy that declares it chooses from its legal orders is
    played: the adjudicator trusts it instead of checking it again (which is why only policies
    that do choose from the observation's legal orders may declare it)."""
    order, events = _struck_from_the_campaign(tutorial, _Insists)
    assert [(e.kind, e.action) for e in events] == [("move", order.action)]


def test_a_policy_order_is_checked_again_when_what_it_read_has_changed(tutorial):
    """Chosen on a working asset that an earlier order of the turn knocked down: refused; and
    a change of escalation level breaks the trust too."""
    model = HybridThreatModel(tutorial, rng=1, keep_history=False)
    model.begin_turn()
    order, target = _asset_order(model)
    move = model.catalogue.moves[order.action]
    chosen_on = ChosenOn.now(model)
    assert chosen_on.still_holds(model, order, move)
    assert refusal(model, order, move, chosen_on) == ""
    model.world.health[target] = 0.0
    assert not chosen_on.still_holds(model, order, move)
    assert "it is down" in refusal(model, order, move, chosen_on)
    model.world.health[target] = 1.0
    model.world.escalation = float(np.nextafter(model.world.escalation + 1.0, 99.0))
    assert not chosen_on.still_holds(model, order, move)


def test_the_shipped_computer_policies_declare_it():
    from hybridsim.policies.heuristic import HeuristicPolicy
    from hybridsim.policies.human import HumanPolicy
    from hybridsim.policies.random_policy import RandomPolicy

    assert HeuristicPolicy.chooses_legal_orders
    assert RandomPolicy.chooses_legal_orders
    assert not getattr(HumanPolicy, "chooses_legal_orders", False)
    assert not getattr(ScriptedPolicy, "chooses_legal_orders", False)
