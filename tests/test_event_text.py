"""Event text is written when it is first read (model/event_text.py): a game that nobody reads
formats none of its effect lines or cascade stories, and text written late is the text the
event would have had when it happened."""

from __future__ import annotations

import copy
import pickle

import pytest

from hybridsim.model import HybridThreatModel
from hybridsim.model.event_text import Later, Lines, Template
from hybridsim.model.events import Event
from hybridsim.model.observation import seen_by
from hybridsim.scenario import load_scenario

TURNS = 26


def _unwritten(events: list[Event]) -> dict[str, int]:
    """How many events of each kind still hold their effects or note unwritten."""
    out: dict[str, int] = {}
    for event in events:
        if isinstance(event.__dict__["_effects"], Lines) or isinstance(
                event.__dict__["_note"], Later):
            out[event.kind] = out.get(event.kind, 0) + 1
    return out


def _game(name: str, seed: int, read_each_turn: bool) -> HybridThreatModel:
    model = HybridThreatModel(load_scenario(name), rng=seed, turns=TURNS, keep_history=False)
    while model.running and model.turn < TURNS:
        model.step()
        if read_each_turn:  # the text as it was on the turn it happened
            for event in model.events:
                _ = event.effects, event.note
    return model


def test_a_game_nobody_reads_writes_no_effect_text() -> None:
    model = _game("baseline", seed=1, read_each_turn=False)
    unwritten = _unwritten(model.events)
    # moves, responses, changes of indicators, learning and cascades all wait to be read
    assert {"move", "response", "change", "learning", "cascade"} <= set(unwritten)
    assert sum(unwritten.values()) > len(model.events) / 2
    _ = [event.to_dict() for event in model.events]
    assert _unwritten(model.events) == {}


# Seeds whose first 26 turns have a cascade (its story reads the most to write).
@pytest.mark.parametrize(("name", "seed"), [("baseline", 1), ("wedge", 7), ("supply_chain", 5),
                                            ("election_interference", 5)])
def test_text_written_late_is_the_text_of_its_turn(name: str, seed: int) -> None:
    late = _game(name, seed=seed, read_each_turn=False)
    at_once = _game(name, seed=seed, read_each_turn=True)
    assert [e.to_dict() for e in late.events] == [e.to_dict() for e in at_once.events]
    assert any(e.kind == "cascade" for e in late.events)  # the costliest story is covered


def test_a_side_s_copy_writes_the_same_text() -> None:
    model = _game("baseline", seed=3, read_each_turn=False)
    moves = [e for e in model.events if e.kind == "move" and e.detected and not e.attributed]
    assert moves
    masked = seen_by(moves[0], "blue")
    assert masked is not moves[0]
    assert masked.actor == "unknown"
    assert masked.effects == moves[0].effects


def test_written_text_is_plain_and_survives_copies() -> None:
    event = Event(id="1-1", turn=1, date="2026-01-01", kind="move", actor="RU",
                  effects=Lines([Template("{}.{} {:.3g} -> {:.3g}"), "DE", "trust", 0.6, 0.55,
                                 "DE infected with malware"]),
                  note=Later("learnt from {}'s success".format, "CN"))
    for twin in (copy.deepcopy(event), pickle.loads(pickle.dumps(event))):
        assert twin.effects == ["DE.trust 0.6 -> 0.55", "DE infected with malware"]
    assert event.to_dict()["effects"] == ["DE.trust 0.6 -> 0.55", "DE infected with malware"]
    assert event.to_dict()["note"] == "learnt from CN's success"
    assert event == copy.copy(event)


def test_an_event_s_default_effects_are_its_own() -> None:
    first = Event(id="1-1", turn=1, date="d", kind="end", actor="white")
    first.effects.append("changed")
    assert Event(id="1-2", turn=1, date="d", kind="end", actor="white").effects == []
