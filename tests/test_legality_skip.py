"""The adjudicator trusts the orders a computer policy built from the legality rules, and only
while the world they were chosen on still holds; human and scripted orders are always checked."""

from __future__ import annotations

from hybridsim.model import HybridThreatModel, Order, legality
from hybridsim.model.legality import legality_inputs, refusal


def _spy_checks(monkeypatch) -> list[Order]:
    """Record every order the adjudicator checks for legality (the real check still runs)."""
    checked: list[Order] = []
    real = legality.unplayable

    def spy(game, order, action):
        checked.append(order)
        return real(game, order, action)

    monkeypatch.setattr(legality, "unplayable", spy)
    return checked


def test_a_humans_illegal_order_is_refused_while_policy_orders_skip_the_check(tutorial,
                                                                            monkeypatch):
    model = HybridThreatModel(tutorial, rng=1, policies={"RU": "human"})
    checked = _spy_checks(monkeypatch)
    model.begin_turn()
    illegal = Order("RU", "cable_sabotage", "no-such-asset")
    model.submit_orders("RU", [illegal])
    events = model.resolve_turn()
    refused = [e for e in events if e.kind == "refused"]
    assert [(e.actor, e.action) for e in refused] == [("RU", "cable_sabotage")]
    assert illegal in checked
    policy_orders = [e for e in events if e.kind in ("move", "response") and e.actor != "RU"]
    assert policy_orders, "the heuristic players gave no orders this turn"
    assert len([o for o in checked if o.actor != "RU"]) < len(policy_orders)


def test_a_policy_order_is_checked_again_once_its_target_went_down(tutorial):
    model = HybridThreatModel(tutorial, rng=1)
    model.begin_turn()
    option = next(o for o in model.options("RU")
                  if model.catalogue.action(o.order.action).target == "asset")
    order = option.order
    action = model.catalogue.action(order.action)
    chosen_on = legality_inputs(model)
    assert refusal(model, order, action, chosen_on) == ""
    asset = model.world.asset_ids.index(order.target)
    model.world.health[asset] = 0.0  # knocked out by an earlier order of the same turn
    assert "not a legal target" in refusal(model, order, action, chosen_on)
    assert "not a legal target" in refusal(model, order, action)
