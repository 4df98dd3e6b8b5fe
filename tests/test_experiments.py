"""Experiments: campaigns limited to covert or overt moves, and the central comparisons on
paired seeds (the campaign against none, sharing on against off) on a small scenario."""

from __future__ import annotations

import numpy as np
import pytest

from hybridsim.model import HybridThreatModel
from hybridsim.model.campaigns import CAMPAIGNS
from hybridsim.scenario import load_scenario
from hybridsim.scenario.schema import Campaign
from hybridsim.scenario.variants import VARIANTS, with_campaign


@pytest.fixture(scope="module")
def wedge():
    return load_scenario("wedge")


def test_every_campaign_in_the_schema_has_its_rule():
    assert set(CAMPAIGNS) == set(Campaign.__args__)  # type: ignore[attr-defined]


@pytest.mark.parametrize(("kind", "overt"), [("covert", False), ("overt", True)])
def test_a_campaign_plays_only_its_kind_of_move_and_learns_nothing_else(wedge, kind, overt):
    model = HybridThreatModel(with_campaign(kind)(wedge), rng=3, keep_history=False)
    model.run()
    catalogue = model.catalogue.moves
    played = [e for e in model.events if e.kind == "move"]
    assert played, "the campaign plays moves"
    assert {catalogue[e.action].overt for e in played} == {overt}
    learnt = [e for e in model.events if e.kind == "learning"]
    assert all(catalogue[e.action].overt is overt for e in learnt)


def test_an_idle_campaign_plays_nothing(wedge):
    model = HybridThreatModel(with_campaign("none")(wedge), rng=3, keep_history=False)
    model.run()
    assert not [e for e in model.events if e.kind in ("move", "learning")]


def test_the_campaign_variants_are_offered_to_the_ablations():
    assert {"covert_only", "overt_only"} <= set(VARIANTS)


def _paired(variants, seeds, measure):
    """Per seed, measure(game) for each variant (the same seed for all: paired)."""
    rows = []
    for seed in seeds:
        games = [HybridThreatModel(v, rng=seed, keep_history=False) for v in variants]
        for game in games:
            game.run()
        rows.append([measure(game) for game in games])
    return np.array(rows, dtype=np.float64)


def _lowest_cohesion(model):
    return min(rec.alliance["cohesion"] for rec in model.indicator_log)


def test_the_campaign_lowers_cohesion_against_none_on_paired_seeds(tutorial):
    """The tutorial, eight paired seeds: with the adversaries' campaign the alliance's lowest
    cohesion is below where no campaign leaves it (40 seeds: -0.0094 [-0.0128, -0.0061])."""
    none = with_campaign("none")(tutorial)
    lowest = _paired((tutorial, none), range(1, 9), _lowest_cohesion)
    difference = lowest[:, 0] - lowest[:, 1]
    assert difference.mean() < -0.004
    assert (difference <= 1e-12).all(), "no seed's campaign raises the lowest cohesion"


def test_sharing_the_toolkit_brings_the_allies_attacks_they_would_not_face(tutorial):
    """China starts without Russia's narratives; sharing on, it learns them from Russia's
    successes and the allies' publics are hit by narratives from China they do not face with
    sharing off (30 seeds: about 17 more information moves by China a game, more in every
    seed), and the publics move."""
    from hybridsim.scenario.variants import without_sharing

    learner = tutorial.model_copy(update={"adversaries": [
        a.model_copy(update={"proficiency": {"narrative_blame_kyiv": 0.0,
                                             "polarisation_campaign": 0.0}})
        if a.id == "CN" else a for a in tutorial.adversaries]})

    def narratives_from_china(model):
        moves = model.catalogue.moves
        return sum(e.kind == "move" and e.actor == "CN" and e.outcome == "success"
                   and moves[e.action].narrative is not None for e in model.events)

    seeds = range(1, 7)
    hits = _paired((without_sharing(learner), learner), seeds, narratives_from_china)
    assert (hits[:, 0] == 0).all()
    assert (hits[:, 1] - hits[:, 0]).mean() > 5
    polarisation = _paired((without_sharing(learner), learner), seeds,
                           lambda m: float(m.world.polarisation.mean()))
    assert np.abs(polarisation[:, 1] - polarisation[:, 0]).max() > 0.01


def test_paired_outcomes_records_the_named_allies_positions_at_the_end(tmp_path, wedge):
    """``collect --positions HU`` adds each named ally's end position, the one the game ended
    with; an ally not in the scenario is a clear error, not a traceback."""
    import importlib.util
    from pathlib import Path

    path = Path(__file__).resolve().parents[1] / "benchmarks/paired_outcomes.py"
    spec = importlib.util.spec_from_file_location("paired_outcomes_under_test", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    out = tmp_path / "wedge.csv"
    module.main(["collect", "wedge", "--seeds", "1", "--turns", "2", "--positions", "HU",
                 "--out", str(out)])
    model = HybridThreatModel(wedge, rng=1, turns=2, keep_history=False)
    model.run()
    hu = model.world.state_ids.index("HU")
    assert module.read(out)[1]["position_HU_end"] == pytest.approx(model.world.position[hu])
    with pytest.raises(SystemExit, match="no ally XX"):
        module.main(["collect", "wedge", "--seeds", "1", "--turns", "1", "--positions", "XX",
                     "--out", str(tmp_path / "x.csv")])
