"""The rules are functions over a world and its rules record: each can be called alone, on a
world built from a scenario, without a game class or a turn loop."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest

from hybridsim.model.causes import CauseLedger
from hybridsim.model.dynamics import cohesion_terms
from hybridsim.model.ending import crisis_decision, end_reason
from hybridsim.model.meetings import hold_meetings
from hybridsim.model.moves import adjudicate_move, sound_alarm
from hybridsim.model.orders import Catalogue
from hybridsim.model.play import Play, TurnState, positions, watched
from hybridsim.model.responses import apply_response
from hybridsim.model.targets import Target
from hybridsim.model.turn_end import settle_escalation_and_cohesion
from hybridsim.model.world import build_world


def _play(scenario, turn: int = 1) -> Play:
    """A turn's context over a freshly built world (no game, no agents, no policies)."""
    rng = np.random.default_rng(7)
    world = build_world(scenario, rng)
    ledger = CauseLedger()
    ledger.open({**watched(world), **positions(world)})
    return Play(world=world, scenario=scenario, catalogue=Catalogue(scenario), rng=rng,
                ledger=ledger, now=TurnState.fresh(len(world.state_ids)), turn=turn,
                date=dt.date(2026, 1, 1), investigation=2)


def test_a_successful_sabotage_damages_its_asset_alarms_its_owner_and_reports_one_event(
        tutorial):
    play = _play(tutorial)
    world = play.world
    move = play.catalogue.moves["pipeline_sabotage"]
    asset = next(i for i in range(len(world.asset_ids))
                 if play.scenario.infrastructure.assets[i].type in move.asset_types)
    target = Target("asset", asset, world.asset_ids[asset])
    forced = {"success": True, "detection": True, "attribution": False}
    drafts = adjudicate_move(play, move, 0, target, forced, key="o0")
    assert drafts[0].kind == "move"
    assert drafts[0].fields["outcome"] == "success"
    assert drafts[0].fields["key"] == "o0"
    assert world.health[asset] == pytest.approx(1.0 - move.damage)
    assert world.counters["success.pipeline_sabotage"] == 1
    assert world.counters["detected.any"] == 1
    assert "attributed.any" not in world.counters
    owner = int(world.asset_owner[asset])
    assert play.now.alarm[owner] == world.rules.consequences.detected_alarm
    before = world.threat_perception.copy()
    sound_alarm(world, play.now.alarm, play.now.alarm_everywhere)
    assert world.threat_perception[owner] > before[owner]


def test_the_allies_strongest_escalation_signal_counts_once_when_the_turn_settles(tutorial):
    play = _play(tutorial)
    world = play.world
    sanctions = play.catalogue.responses["national_sanctions"]
    attribution = play.catalogue.responses["public_attribution"]
    russia = Target("adversary", 0, world.adversary_ids[0])
    apply_response(play, attribution, russia, 0)
    apply_response(play, sanctions, russia, 1)
    apply_response(play, attribution, russia, 2)
    assert play.now.response_escalation == sanctions.escalation
    assert play.now.signalling == {0, 1, 2}
    start = world.escalation
    settle_escalation_and_cohesion(play, world.cohesion, cohesion_terms(world))
    causes = [e.label for e in play.ledger.entries["escalation"]]
    assert causes[0] == "allies' strongest response: national_sanctions (3 allies acting)"
    assert world.escalation != start


def test_a_forced_adoption_binds_every_ally_and_raises_cohesion(tutorial):
    play = _play(tutorial, turn=8)  # the ministerial meeting
    world = play.world
    cohesion = world.cohesion
    drafts = hold_meetings(play, {"vote:cable_patrols": {"adopted": True},
                                  "vote:china_screening": {"adopted": False}})
    assert [(d.fields["action"], d.fields["outcome"]) for d in drafts] == [
        ("cable_patrols", "adopted"), ("china_screening", "deferred")]
    assert world.measures == ["cable_patrols"]
    assert "cable_patrols" not in world.proposals_open
    r = world.rules
    assert world.cohesion == pytest.approx(
        cohesion + r.cohesion.adopted_gain - r.politics.deferral_loss)


def test_the_game_ends_on_fracture_the_ladders_top_or_the_last_turn(tutorial):
    play = _play(tutorial, turn=3)
    assert end_reason(play, max_turns=10) is None
    assert end_reason(play, max_turns=3) == "the turns ran out"
    assert crisis_decision(play, {}) == ("", [])  # the top of the ladder is not reached
    play.world.escalation = float(tutorial.escalation.end_level)
    decided, vote = crisis_decision(play, {"vote:consultations": {"adopted": True}})
    assert decided == "a collective response agreed"
    assert vote[0].fields["outcome"] == "adopted"
    assert end_reason(play, 10, decided).endswith(": a collective response agreed")
    play.world.cohesion = tutorial.alliance.fracture_threshold / 2
    assert end_reason(play, 10) == "the alliance fractured"


def test_every_field_the_validator_accepts_can_be_read_and_set(tutorial):
    """Effects reach fields through one registry (model/effects.py FIELDS): each field a
    scenario may name is read and written where the world keeps it."""
    from hybridsim.model.effects import get_field, set_field
    from hybridsim.scenario.fields import field_names

    world = build_world(tutorial, np.random.default_rng(1))
    for kind in ("state", "asset", "source", "partner", "alliance", "adversary"):
        for name in field_names(kind, world.source_ids):
            before = get_field(world, kind, 0, name)
            wanted = 0.5 if before != 0.5 else 0.25
            assert set_field(world, kind, 0, name, wanted) == wanted, (kind, name)
            assert get_field(world, kind, 0, name) == pytest.approx(wanted, abs=0.02), (kind, name)


def test_energy_coercion_bites_through_the_gas_the_acting_adversary_controls(tutorial):
    """Gas dependence is keyed by ``controlled_by``: the same price manipulation moves the
    governments dependent on Russia's gas when Russia plays it, and none when China does."""
    from hybridsim.model.moves import move_on_governments

    move = Catalogue(tutorial).moves["gas_price_manipulation"]
    pulled = {}
    for adversary in ("RU", "CN"):
        play = _play(tutorial)
        world = play.world
        actor = world.adversary_ids.index(adversary)
        before = world.position.copy()
        move_on_governments(play, move, actor, Target("alliance", 0, "alliance"), True, False,
                            "label", "")
        pulled[adversary] = float(np.abs(world.position - before).sum())
    assert pulled["RU"] > 0.0
    assert pulled["CN"] == 0.0
