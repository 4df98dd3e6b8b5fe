"""Readable everywhere: names instead of ids, words instead of field paths, votes as the share in
favour against the threshold, and event ids that an override does not renumber."""

from __future__ import annotations

import re

import pytest

from hybridsim.app.session import GameSession, GameSetup
from hybridsim.app.views import visible_rows
from hybridsim.report.wording import wording
from hybridsim.scenario import load_scenario

FIELD_PATH = re.compile(r"\b[A-Za-z-]+\.[a-z_.]+ -?[\d.]+ -> -?[\d.]+")


@pytest.fixture(scope="module")
def baseline():
    return load_scenario("baseline")


@pytest.mark.parametrize(
    ("line", "words"),
    [
        ("PL.public_trust 0.35 -> 0.34", "Poland's public trust fell 1 point (to 34%)"),
        ("UA.generation_gw 15 -> 13.5", "Ukraine's power generation fell 1.5 GW (to 13.5 GW)"),
        (
            "all states.threat_perception mean 0.589 -> 0.594",
            "The allies' average threat perception rose 0.5 points (to 59%)",
        ),
        (
            "US.budget 9.7 -> 10 (airport_drones ended)",
            "United States' budget rose 0.3 (to 10, "
            "as 'Drones close airports in Denmark and Germany' ended)",
        ),
        ("success forced to False", "success forced to no"),
        ("AL.supply.lng 0 -> 0", None),  # nothing changed: nothing to read
        ("a line no rule knows", "a line no rule knows"),  # kept, never lost
    ],
)
def test_effect_lines_read_as_sentences(baseline, line, words):
    assert wording(baseline).line(line) == words


def test_a_played_game_shows_names_and_words_not_ids_and_paths(baseline):
    game = GameSession.new(GameSetup(baseline, seed=1, turns=10))
    for _ in range(10):
        game.step()
    rows = visible_rows(game.model, "white")
    states = {s.id for s in baseline.states}
    paths = [e for r in rows for e in r.effects if FIELD_PATH.search(e)]
    assert not paths, paths[:3]
    moves = [r for r in rows if r.kind in ("move", "response")]
    assert moves
    assert all(r.actor_name != r.actor for r in moves)
    assert not any(r.headline.startswith(tuple(f"{s}:" for s in states)) for r in moves)
    learning = [r for r in rows if r.kind == "learning"]
    assert learning
    assert all(r.target == "" and "learnt from" in r.note for r in learning)
    votes = [r for r in rows if r.kind == "vote" and r.actor == "alliance"]
    assert votes
    for vote in votes:
        assert re.search(r"\d+ of \d+ allies in favour \(\d+%; \d+% needed\)", vote.note)
        assert vote.outcome in vote.headline
    council = [r for r in rows if r.kind == "vote" and r.actor == "EU"]
    assert council
    for decision in council:  # the EU's decisions: its name, the instrument's, members by name
        assert decision.actor_name == "European Union"
        assert decision.headline.startswith("Vote on EU ")
        assert re.search(r"\d+ of \d+ members in favour", decision.note)
        assert "against: HU" not in decision.note


def test_event_ids_do_not_renumber_after_an_override(tutorial):
    """Forcing a success adds events to the turn (its effects), which shifts the model's own
    ids of every later event; the ids people read stay on their orders and votes."""
    game = GameSession.new(GameSetup(tutorial, seed=1, turns=4, humans=frozenset({"RU"})))
    game.step()
    game.open_turn()
    game.submit("RU", [game.model.options("RU", all_targets=True)[0].order])
    game.adjudicate()

    def keyed() -> dict[str, tuple[str, str, str, str]]:
        return {
            r.ref: (r.kind, r.actor, r.action, r.target)
            for r in visible_rows(game.model, "white", 2)
            if r.kind in ("move", "response", "vote")
        }

    model_ids = {e.key: e.id for e in game.model.turn_events(2) if e.key}
    before = keyed()
    forced = next(e for e in game.model.turn_events(2) if e.kind == "move" and e.actor == "RU")
    game.override(forced.id, not forced.rolls[0].result, "the ship was on station")
    moved = [
        k
        for k, i in model_ids.items()
        if {e.key: e.id for e in game.model.turn_events(2) if e.key}.get(k) != i
    ]
    assert moved, "the model's ids shifted (else this test proves nothing)"
    assert keyed() == before
