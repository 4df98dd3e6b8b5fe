"""What each viewpoint sees: the white cell everything, blue and red only what their side knows."""

from __future__ import annotations

import pytest

from hybridsim.app.session import GameSession, GameSetup
from hybridsim.app.views import build_view, filter_log, visible_rows
from hybridsim.model import Event, Roll
from hybridsim.model.observation import seen_by


@pytest.fixture
def played(tutorial) -> GameSession:
    game = GameSession.new(GameSetup(tutorial, seed=5, turns=8, humans=frozenset({"RU", "DE"})))
    for _ in range(4):
        game.step()
    return game


def move(detected: bool, attributed: bool) -> Event:
    rolls = [
        Roll("success", 0.5, 0.1, True),
        Roll("detection", 0.5, 0.2, detected),
        Roll("attribution", 0.5, 0.3, attributed),
    ]
    return Event(
        "1-1",
        1,
        "2024-10-14",
        "move",
        "RU",
        action="ddos_campaign",
        domain="cyber",
        target="DE",
        target_state="DE",
        outcome="success",
        detected=detected,
        attributed=attributed,
        rolls=rolls,
    )




def test_blue_does_not_see_undetected_moves_nor_who_did_unattributed_ones():
    assert seen_by(move(False, False), "blue") is None
    masked = seen_by(move(True, False), "blue")
    assert masked is not None
    assert masked.actor == "unknown"
    assert masked.rolls == []
    assert seen_by(move(True, True), "blue").actor == "RU"
    assert seen_by(move(False, False), "red").actor == "RU"
    assert seen_by(move(False, False), "white").rolls


def test_players_do_not_see_overrides_lessons_or_the_other_sides_refusals():
    override = Event("1-9", 1, "d", "override", "white", action="1-1", note="reason")
    lesson = Event("1-8", 1, "d", "learning", "CN", action="ddos_campaign")
    refused_red = Event("1-7", 1, "d", "refused", "RU", action="x", side="red")
    refused_blue = Event("1-6", 1, "d", "refused", "DE", action="y", side="blue")
    assert seen_by(override, "blue") is None
    assert seen_by(override, "red") is None
    assert seen_by(lesson, "blue") is None
    assert seen_by(lesson, "red") is lesson
    assert seen_by(refused_red, "blue") is None
    assert seen_by(refused_red, "red") is refused_red
    assert seen_by(refused_blue, "red") is None


def test_the_views_of_a_played_game_differ_as_the_sides_know(played):
    model = played.model
    white, blue = visible_rows(model, "white"), visible_rows(model, "blue")
    hidden = [e for e in model.events if e.kind == "move" and not e.detected]
    assert hidden, "the seed should give some undetected moves"
    assert len(blue) < len(white)
    assert not {e.id for e in hidden} & {r.id for r in blue}
    assert not [r for r in blue if r.kind == "learning"]
    assert build_view(played, "blue").toolkit.empty
    assert not build_view(played, "red").toolkit.empty


def test_order_sheets_offer_only_the_sides_human_actors_and_only_legal_orders(played):
    played.open_turn()
    white, red, blue = (build_view(played, s) for s in ("white", "red", "blue"))
    assert [s.actor for s in white.orders] == ["RU", "DE"]
    assert [s.actor for s in red.orders] == ["RU"]
    assert [s.actor for s in blue.orders] == ["DE"]
    legal = {(o.order.action, o.order.target) for o in played.model.options("RU", True)}
    assert {(o.action, o.target) for o in red.orders[0].options} == legal
    assert red.orders[0].budget == pytest.approx(played.model.budget_of("RU"))


def test_only_the_white_cell_may_override_and_only_in_the_last_turn(played):
    white = build_view(played, "white")
    assert any(r.overridable for r in white.outcome)
    assert all(r.turn == played.model.turn for r in white.log if r.overridable)
    assert not any(r.overridable for r in build_view(played, "red").outcome)


def test_world_dashboard_network_and_log_filters(played):
    view = build_view(played, "white")
    assert list(view.dashboard["id"]) == played.model.world.state_ids
    assert set(view.nodes["status"]) <= {"working", "degraded", "down"}
    assert len(view.nodes) == len(played.model.world.asset_ids)
    assert view.edges["cross_border"].any()
    assert {h.key for h in view.headlines} >= {"cohesion", "escalation_level"}
    cyber = filter_log(view.log, domain="cyber")
    assert cyber
    assert all(r.domain == "cyber" for r in cyber)
    ru = filter_log(view.log, actor="RU")
    assert ru
    assert all(r.actor == "RU" for r in ru)
    de = filter_log(view.log, state="DE")
    assert de
    assert all("DE" in (r.target_state, r.target, r.actor) for r in de)


def test_only_the_white_cell_sees_that_a_roll_was_overridden(tutorial):
    game = GameSession.new(GameSetup(tutorial, seed=4, turns=4, humans=frozenset({"RU"})))
    game.open_turn()
    game.submit("RU", [game.model.options("RU", all_targets=True)[0].order])
    game.adjudicate()
    event = next(e for e in game.model.turn_events(1) if e.kind == "move")
    game.override(event.id, {"detection": True}, "the ship was on station")

    def forced(side: str) -> list[str]:
        return [r.id for r in visible_rows(game.model, side) if any(x.overridden for x in r.rolls)]

    assert forced("white") == [event.id]
    assert forced("red") == []
    assert forced("blue") == []
    red_row = next(r for r in visible_rows(game.model, "red") if r.id == event.id)
    assert [x.result for x in red_row.rolls if x.what == "detection"] == [True]


def test_blue_is_not_told_of_a_campaign_it_has_not_detected(tutorial):
    """Poland's counter-disinformation in turn 1 silences spreaders of a campaign that no one
    has detected yet (seed 5: the polarisation campaign) and of one detected the same turn (the
    'blame Kyiv' narrative): the first line would name a secret, so blue reads only the second."""
    game = GameSession.new(GameSetup(tutorial, seed=5, turns=4, humans=frozenset({"PL"})))
    game.open_turn()
    counter = next(
        o
        for o in game.model.options("PL", all_targets=True)
        if o.order.action == "counter_disinformation"
    )
    game.submit("PL", [counter.order])
    game.adjudicate()
    response = next(
        e for e in game.model.turn_events(1) if e.actor == "PL" and e.kind == "response"
    )
    secret = [line for line in response.effects if "polarisation_campaign" in line]
    assert secret, "the model names the campaign in the effect line"
    assert not any(
        e.kind == "move" and e.detected and e.action == "polarisation_campaign"
        for e in game.model.events
    )
    as_white = next(r for r in visible_rows(game.model, "white") if r.id == response.id)
    as_blue = next(r for r in visible_rows(game.model, "blue") if r.id == response.id)
    hidden_name = game.model.catalogue.action("polarisation_campaign").name
    assert any(hidden_name in line for line in as_white.effects)  # the white cell knows
    assert not any(hidden_name in line for line in as_blue.effects)
    found = game.model.catalogue.action("narrative_blame_kyiv").name  # detected the same turn
    assert any(
        "people spreading" in line and (found in line or "a detected narrative" in line)
        for line in as_blue.effects
    )
    assert "polarisation_campaign" not in "".join(
        r.headline + " ".join(r.effects) for r in build_view(game, "blue").outcome
    )


def test_asset_status_reads_the_games_own_thresholds():
    """A scenario that moves the down/degraded thresholds is drawn with its own, not the
    shipped defaults."""
    import numpy as np

    from hybridsim.app.views import asset_status
    from hybridsim.rules import Consequences

    health = np.array([0.25, 0.5, 0.85])
    working = np.array([True, True, True])
    assert asset_status(health, working, Consequences()) == ["down", "degraded", "working"]
    stricter = Consequences(down_below=0.6, degraded_below=0.9)
    assert asset_status(health, working, stricter) == ["down", "down", "degraded"]
    assert asset_status(health, np.array([True, False, True]), Consequences())[1] == "down"


@pytest.mark.parametrize(
    ("outcome", "css"),
    [("adopted", "hs-success"), ("rejected", "hs-failure"), ("deferred", "hs-deferred")],
)
def test_a_vote_card_is_coloured_by_how_the_vote_went(outcome, css):
    """A deferred proposal (no consensus yet, tabled again) is neither passed nor voted down."""
    from hybridsim.app.html import CSS, event_card
    from hybridsim.app.views import EventRow

    row = EventRow("2-9", 2, "vote", "alliance", "cyber_centre", "Cyber centre", "political",
                   "Ministers", "", outcome, None, None, (), (), "0.91 in favour")
    assert event_card(row).startswith(f'<div class="hs-event {css}"')
    assert f".hs-event.{css}" in CSS
