"""The political layer and the fixes found on the way: each test names the behaviour it holds."""

from __future__ import annotations

import numpy as np
import pytest

from hybridsim.model import HybridThreatModel
from hybridsim.model.causes import UNEXPLAINED
from hybridsim.model.observation import observe, seen_by
from hybridsim.scenario import load_scenario
from hybridsim.scenario.schema import PlanItem, PolicySpec
from hybridsim.transcript import describe_event


def _scripted(scenario, actor: str, plan: list[PlanItem]):
    """The scenario with one adversary playing a fixed plan."""
    adversaries = [
        a.model_copy(update={"policy": PolicySpec(kind="scripted", plan=plan)}) if a.id == actor
        else a
        for a in scenario.adversaries
    ]
    return scenario.model_copy(update={"adversaries": adversaries})


def test_a_scripted_plan_is_played_on_the_turns_it_names(tutorial):
    plan = [PlanItem(turn=1, move="polarisation_campaign", target="IT"),
            PlanItem(turn=[3, 5], move="polarisation_campaign", target="DE")]
    model = HybridThreatModel(_scripted(tutorial, "RU", plan), rng=1, turns=6)
    model.run()
    played = [(e.turn, e.target) for e in model.events
              if e.kind in ("move", "refused") and e.actor == "RU"]
    assert played == [(1, "IT"), (3, "DE"), (5, "DE")]


def test_a_supply_cut_is_worth_nothing_while_the_last_one_still_holds(tutorial):
    from hybridsim.model.effects import apply_effect
    from hybridsim.policies.heuristic import _target_values

    model = HybridThreatModel(tutorial, rng=1)
    model.begin_turn()
    world = model.world
    cut = model.catalogue.moves["gas_supply_cut"]
    source = world.source_ids.index("russia_pipeline")
    apply_effect(world, cut.effects[0], "source", [source], model.turn, cut.id)
    observation = observe(model, "RU")
    table = observation.orders
    values = _target_values(observation, table)
    k = world.move_index[cut.id]
    (start, stop), = [(a, b) for m, _, a, b in table.segments if m == k]
    held = table.target[start:stop] == source
    assert held.any()
    assert (~held).any()
    assert (values[start:stop][held] == 0.0).all()
    assert (values[start:stop][~held] > 0.0).all()


def test_an_expiring_multiplicative_effect_is_undone_by_division(tutorial):
    from hybridsim.model.effects import apply_effect, expire_effects
    from hybridsim.scenario.schema import Effect

    world = HybridThreatModel(tutorial, rng=1).world
    source = world.source_ids.index("russia_pipeline")
    start = world.availability[source]
    apply_effect(world, Effect(field="availability", multiply=0.3, duration=2), "source",
                 [source], 1, "cut")
    apply_effect(world, Effect(field="availability", multiply=0.5), "source", [source], 2, "half")
    expire_effects(world, 3)
    # The cut ends; the lasting halving stays: start x 0.5, not start x 0.15 + the cut's 0.7.
    assert abs(world.availability[source] - 0.5 * start) < 1e-12
    trust = world.public_trust.copy()
    everyone = list(range(len(world.state_ids)))
    apply_effect(world, Effect(field="public_trust", multiply=0.5, duration=1), "state",
                 everyone, 1, "scare")
    apply_effect(world, Effect(field="public_trust", multiply=0.8), "state", everyone, 1, "blow")
    expire_effects(world, 2)
    assert abs(world.public_trust - 0.8 * trust).max() < 1e-12


def test_an_adversary_learns_only_moves_in_domains_where_it_has_capacity():
    from hybridsim.scenario import load_scenario

    model = HybridThreatModel(load_scenario("baseline"), rng=3, turns=8, keep_history=False)
    model.run()
    world = model.world
    learnt = [e for e in model.events if e.kind == "learning"]
    assert learnt, "the campaign's successes teach someone"
    for event in learnt:
        a = world.adversary_ids.index(event.actor)
        domain = model.catalogue.moves[event.action].domain
        assert world.capacity[a, world.domain_column(domain)] > 0, event
    assert not any(e.actor == "RU-strikes" for e in learnt)


def test_actors_name_who_starts_with_a_move_and_sharing_teaches_only_shareable_ones(tutorial):
    """``actors:`` on a move says who has it from the start; others may learn it through
    sharing unless the move is ``shareable: false`` (docs/mechanics.md, Sharing the toolkit)."""
    model = HybridThreatModel(tutorial, rng=2)
    world = model.world
    cn = world.adversary_ids.index("CN")
    for move in model.catalogue.moves.values():
        k = world.move_index[move.id]
        if move.actors is not None and "CN" not in move.actors and "CN" not in (
                tutorial.adversaries[cn].proficiency):
            assert world.proficiency[cn, k] == 0.0, move.id
    ru = world.adversary_ids.index("RU")
    secret = next(m for m in model.catalogue.moves.values()
                  if not m.shareable and (m.actors is None or "RU" in m.actors))
    before = world.proficiency[:, world.move_index[secret.id]].copy()
    from hybridsim.model.moves import share_toolkit

    assert share_toolkit(model.context(), secret, ru) == []
    assert (world.proficiency[:, world.move_index[secret.id]] == before).all()


# ------------------------------------------------------------------ explained, every turn
@pytest.fixture(scope="module")
def baseline_game():
    from hybridsim.scenario import load_scenario

    model = HybridThreatModel(load_scenario("baseline"), rng=5, turns=12, keep_history=False)
    model.run()
    return model


def _changes(model, name):
    return [e for e in model.events if e.kind == "change" and e.action == name]


@pytest.mark.parametrize("name", ["cohesion", "escalation"])
def test_every_change_of_an_alliance_indicator_is_an_event_whose_causes_sum_to_it(
        baseline_game, name):
    model = baseline_game
    log = model.indicator_log
    key = "cohesion" if name == "cohesion" else "escalation_score"
    changes = {e.turn: e for e in _changes(model, name)}
    for turn in range(1, model.turn + 1):
        before, after = log[turn - 1].alliance[key], log[turn].alliance[key]
        if abs(after - before) < 1e-12:
            assert turn not in changes
            continue
        event = changes[turn]
        assert (event.actor, event.side) == ("alliance", "blue")
        assert event.effects == [f"{before:.3f} -> {after:.3f}"]
        assert abs(sum(c.delta for c in event.causes) - (after - before)) < 1e-9
        assert all(c.label != UNEXPLAINED for c in event.causes), event.causes
        assert event.to_dict()["causes"] == [{"cause": c.label, "delta": c.delta}
                                             for c in event.causes]


def test_a_failed_vote_is_a_cause_of_that_turns_cohesion_change(baseline_game):
    failed = [e for e in baseline_game.events
              if e.kind == "vote" and e.actor == "alliance" and e.outcome == "rejected"]
    assert failed
    for vote in failed:
        change = next(e for e in _changes(baseline_game, "cohesion") if e.turn == vote.turn)
        cause = next(c for c in change.causes if c.label == f"vote on {vote.action} failed")
        assert cause.delta == pytest.approx(-0.04)


def test_votes_show_the_share_in_favour_against_the_threshold_not_a_roll(baseline_game):
    threshold = baseline_game.scenario.alliance.adoption_threshold
    for vote in (e for e in baseline_game.events if e.kind == "vote" and e.actor == "alliance"):
        assert not vote.rolls
        assert vote.roll is None
        assert f"{vote.probability:.2f} in favour, threshold {threshold:.2f}" in vote.note
        assert (vote.outcome == "adopted") == (vote.probability >= threshold)
        assert "roll" not in describe_event(vote)


def test_blue_does_not_learn_of_undetected_moves_through_causes(baseline_game):
    model = baseline_game
    masked = 0
    for change in (e for e in model.events if e.kind == "change"):
        moves = [e for e in model.turn_events(change.turn) if e.kind == "move"]
        secret = {f"{e.action} by {e.actor} on {e.target}" for e in moves if not e.detected}
        anonymous = {f"{e.action} by {e.actor} on {e.target}" for e in moves
                     if e.detected and not e.attributed}
        seen = seen_by(change, "blue")
        labels = {c.label.removesuffix(" (failed)") for c in seen.causes}
        assert not labels & (secret | anonymous)
        assert abs(sum(c.delta for c in seen.causes) - sum(c.delta for c in change.causes)) < 1e-9
        if labels != {c.label.removesuffix(" (failed)") for c in change.causes}:
            masked += 1
            assert seen_by(change, "white").causes == change.causes
    assert masked, "some change has a cause blue may not see"


def test_the_transcript_prints_a_change_with_its_causes(baseline_game):
    change = _changes(baseline_game, "cohesion")[0]
    line = describe_event(change)
    total = sum(c.delta for c in change.causes)
    biggest = change.causes[0]
    assert f"cohesion {total:+.3f}: {biggest.label} {biggest.delta:+.3f}" in line
    assert change.effects[0] in line


def test_the_report_explains_each_change_with_its_causes(baseline_game):
    from html import escape

    from hybridsim.report import build_report, render_html, render_markdown
    from hybridsim.transcript import change_text

    content = build_report(baseline_game)
    markdown = render_markdown(content, charts=False)
    html = render_html(content)
    for change in (e for e in baseline_game.events if e.kind == "change"):
        assert change_text(change) in markdown
        assert escape(change_text(change)) in html


# ------------------------------------------------------------------ no change without a cause
DOCUMENTED = ("return toward the starting level", "(since the start)", "bounds of cohesion",
              "tension ebbing", "temporary effects ended")


def test_with_no_adversaries_injects_or_proposals_nothing_moves_without_a_cause():
    from hybridsim.scenario import load_scenario
    from hybridsim.scenario.variants import null

    model = HybridThreatModel(null(load_scenario("baseline")), rng=3, keep_history=False)
    model.run()
    first, last = model.indicator_log[0], model.indicator_log[-1]
    assert abs(last.alliance["cohesion"] - first.alliance["cohesion"]) < 0.002
    assert last.alliance["escalation_score"] == first.alliance["escalation_score"]
    for name in ("threat_perception", "alignment", "cyber_posture", "china_trade_exposure"):
        assert abs(last.state[name] - first.state[name]).max() < 0.002, name
    # Trust moves only by the allies' own choices (demand reduction costs a little of it).
    assert abs(last.state["public_trust"].mean() - first.state["public_trust"].mean()) < 0.002
    # Documented causes: the season empties storage; war fatigue; talk (Deffuant) lowers
    # polarisation, which no longer moves cohesion.
    assert (last.state["ukraine_support"] <= first.state["ukraine_support"]).all()
    for change in (e for e in model.events if e.kind == "change"):
        for cause in change.causes:
            assert any(d in cause.label for d in DOCUMENTED), cause


def test_the_campaign_lowers_public_trust_against_none_on_paired_seeds():
    """Counter-measures mitigate; they do not lift trust above where no campaign leaves it."""
    from hybridsim.scenario import load_scenario
    from hybridsim.scenario.variants import without_adversaries

    baseline = load_scenario("baseline")
    quiet = without_adversaries(baseline)
    gaps = []
    for seed in range(4):
        runs = [HybridThreatModel(s, rng=seed, keep_history=False) for s in (baseline, quiet)]
        for run in runs:
            run.run()
        attacked, spared = (r.indicator_log[-1].state["public_trust"].mean() for r in runs)
        assert attacked < spared, seed
        gaps.append(spared - attacked)
    assert sum(gaps) / len(gaps) > 0.01


def test_counter_disinformation_silences_spreaders_and_gives_no_trust_of_its_own(tutorial):
    from hybridsim.model.adjudication import Target

    model = HybridThreatModel(tutorial, rng=1)
    model.begin_turn()
    state = model.world.state_ids.index("IT")
    from hybridsim.model.moves import launch_narrative
    from hybridsim.model.responses import apply_response

    launch_narrative(model.world, model.catalogue.moves["polarisation_campaign"], state, "RU",
                     model.scenario.calendar.turn_days)
    trust = model.world.public_trust.copy()
    spreaders = model.world.narratives[0].spreaders
    response = model.catalogue.responses["counter_disinformation"]
    apply_response(model.context(), response, Target("state", state, "IT"), state)
    assert model.world.narratives[0].spreaders < spreaders
    assert (model.world.public_trust == trust).all()


def test_nothing_saturates_by_construction():
    """Alarm, tempo and public attribution stay within reach of their causes."""
    from hybridsim.scenario import load_scenario

    scenario = load_scenario("baseline")
    caps = {a.id: a.policy.max_moves for a in scenario.adversaries
            if a.policy.kind == "heuristic"}
    at_cap = turns = named = 0
    for seed in range(3):
        model = HybridThreatModel(scenario, rng=seed, keep_history=False)
        model.run()
        by_turn_7 = model.indicator_log[7].state["threat_perception"]
        assert by_turn_7.max() < 0.95  # the Baltic states start at 0.9
        named += sum(e.kind == "response" and e.action == "public_attribution"
                     for e in model.events)
        for turn in range(1, model.turn + 1):
            events = model.turn_events(turn)
            for actor, cap in caps.items():
                turns += 1
                at_cap += sum(e.kind == "move" and e.actor == actor for e in events) >= cap
    assert named / 3 < 60, "about two public attributions a week at most"
    assert at_cap / turns < 0.75


def test_naming_an_attacker_needs_a_completed_investigation_and_political_capital(tutorial):
    from hybridsim.model import Order
    from hybridsim.model.politics import record_evidence

    model = HybridThreatModel(tutorial, rng=1)
    for actor in model.actors:
        model.set_policy(actor, "human")
    ru = model.world.adversary_ids.index("RU")
    model.begin_turn()
    assert not any(o.order.target == "RU" for o in model.options("DE")
                   if o.order.action == "public_attribution")
    record_evidence(model.world, ru, model.turn)
    model.submit_orders("DE", [Order("DE", "public_attribution", "RU")])
    refused = [e for e in model.resolve_turn() if e.kind == "refused"]
    assert refused
    assert "investigation" in refused[0].note
    model.step()  # the investigation takes two weekly turns
    model.begin_turn()
    assert any(o.order.target == "RU" for o in model.options("DE")
               if o.order.action == "public_attribution")
    model.submit_orders("DE", [Order("DE", "public_attribution", "RU")])
    model.submit_orders("PL", [Order("PL", "public_attribution", "RU")])
    events = model.resolve_turn()
    assert [e.actor for e in events if e.kind == "response"] == ["DE", "PL"]
    assert model.world.evidence == []  # the case is public now
    model.begin_turn()
    record_evidence(model.world, ru, model.turn - 5)
    model.submit_orders("DE", [Order("DE", "public_attribution", "RU")])
    refused = [e for e in model.resolve_turn() if e.kind == "refused"]
    assert refused
    assert "political capital" in refused[0].note


def test_allies_acting_together_send_a_stronger_signal():
    from hybridsim.model.politics import joint_strength

    assert joint_strength(0, 0.5) == 0.0
    assert joint_strength(1, 0.5) == 0.5
    assert joint_strength(2, 0.5) == 0.75
    assert joint_strength(32, 0.5) > 0.99


# ------------------------------------------------------------------ the political layer
def _forced_move(scenario, move: str, target: str, outcome: dict[str, bool], seed: int = 1):
    """One turn in which RU plays one move with its outcome forced; everyone else idle."""
    from hybridsim.model import Order

    model = HybridThreatModel(scenario, rng=seed)
    for actor in model.actors:
        model.set_policy(actor, "human")
    model.begin_turn()
    model.submit_orders("RU", [Order("RU", move, target)])
    event = next(e for e in model.resolve_turn() if e.kind == "move")
    model.override(event.id, outcome, "test: force the outcome")
    return model


def test_governments_follow_their_publics_with_a_lag(tutorial):
    from hybridsim.model.politics import follow_publics

    world = HybridThreatModel(tutorial, rng=1).world
    assert abs(world.position - world.alignment).max() < 1e-12
    world.opinions[0] = np.clip(world.opinions[0] - 0.2, 0, 1)
    gap = world.alignment[0] - world.position[0]
    moved = follow_publics(world, 7)
    assert moved[0] == pytest.approx(world.rules.politics.follow_per_week * gap)
    assert abs(moved[1:]).max() < 1e-12


def test_coercion_bites_in_proportion_to_exposure(tutorial):
    from hybridsim.model.politics import coerced, pull_positions

    model = HybridThreatModel(tutorial, rng=1)
    world = model.world
    source = world.source_ids.index("russia_pipeline")
    ru, cn = world.adversary_ids.index("RU"), world.adversary_ids.index("CN")
    exposure = coerced(world, "energy", "source", source, ru)
    assert exposure[world.state_ids.index("PL")] == 0.0  # no Russian pipeline gas
    assert exposure[world.state_ids.index("IT")] > 0.0
    before = world.position.copy()
    share = world.rules.politics.coercion_bite
    moved = pull_positions(world, exposure, share)
    assert np.allclose(moved, -share * exposure * before)
    # Economic coercion of one state reaches that state only, by its trade exposure to the
    # coercer: China's trade reaches Germany, Russia's (none listed) does not.
    de = world.state_ids.index("DE")
    trade = coerced(world, "economic", "state", de, cn)
    assert trade[de] == world.exposure_to(cn)[de] == world.china_trade_exposure[de] > 0
    assert np.count_nonzero(trade) == 1
    assert not coerced(world, "economic", "state", de, ru).any()


def test_attributed_aggression_rallies_a_government_and_deniable_acts_do_not(tutorial):
    attributed = _forced_move(tutorial, "pipeline_sabotage", "DE-pipe-norway",
                              {"success": True, "detection": True, "attribution": True})
    deniable = _forced_move(tutorial, "pipeline_sabotage", "DE-pipe-norway",
                            {"success": True, "detection": False})
    de = attributed.world.state_ids.index("DE")

    def rallies(model):
        change = next((e for e in model.events if e.kind == "change" and e.actor == "DE"), None)
        return [] if change is None else [c for c in change.causes if c.label.startswith("rally")]

    assert rallies(attributed)
    assert not rallies(deniable)
    assert attributed.world.position[de] > deniable.world.position[de]


def test_votes_and_cohesion_read_the_governments_positions(tutorial):
    from hybridsim.model.dynamics import cohesion_target, vote_support

    model = HybridThreatModel(tutorial, rng=1)
    world = model.world
    support = vote_support(world, "resilience")
    target = cohesion_target(world)
    world.position = world.position.copy()
    world.position[0] -= 0.3  # one government breaks with the line; its public has not moved
    assert vote_support(world, "resilience")[0] < support[0]
    assert cohesion_target(world) < target


def test_each_governments_position_change_is_explained(baseline_game):
    model = baseline_game
    changes = [e for e in model.events if e.kind == "change" and e.action == "position"]
    assert {e.actor for e in changes} <= set(model.world.state_ids)
    assert any(c.label == "following its public" for e in changes for c in e.causes)
    for event in changes:
        before, after = (float(x) for x in event.effects[0].split(" -> "))
        total = sum(c.delta for c in event.causes)
        assert abs(total - (after - before)) < 0.0011
        assert all(c.label != UNEXPLAINED for c in event.causes)


def test_an_overt_act_is_known_by_its_nature_and_its_case_is_ready_at_once(tutorial):
    model = _forced_move(tutorial, "gas_supply_cut", "russia_pipeline", {"success": True})
    event = next(e for e in model.events if e.kind == "move")
    assert [r.what for r in event.rolls] == ["success"]
    assert event.detected
    assert event.attributed
    model.begin_turn()
    assert model.case_ready("RU")  # no investigation to wait for
    assert not model.case_ready("CN")


def test_the_top_of_the_ladder_brings_an_allied_decision_not_just_an_end(tutorial):
    escalation = tutorial.escalation.model_copy(update={"end_level": 2, "start": 1.9})
    scenario = tutorial.model_copy(update={"escalation": escalation})
    decided = set()
    for seed in range(8):
        model = HybridThreatModel(scenario, rng=seed, keep_history=False)
        model.run()
        if not (model.end_reason or "").startswith("escalation reached"):
            continue
        vote = next(e for e in model.turn_events(model.turn) if e.action == "consultations")
        assert "in favour, threshold" in vote.note
        agreed = vote.outcome == "adopted"
        assert model.end_reason.endswith("a collective response agreed" if agreed
                                         else "no consensus on a response")
        change = next(e for e in model.turn_events(model.turn)
                      if e.kind == "change" and e.action == "cohesion")
        assert any(c.label.startswith("consultations: ") for c in change.causes)
        decided.add(agreed)
    assert decided, "some runs reach the top of the ladder"


def test_a_proposal_without_consensus_is_deferred_unless_due_at_this_meeting(baseline_game):
    proposals = {p.id: p for p in baseline_game.scenario.alliance.proposals}
    votes = [e for e in baseline_game.events
             if e.kind == "vote" and e.actor == "alliance" and e.outcome != "adopted"]
    assert {e.outcome for e in votes} == {"deferred", "rejected"}
    loss = baseline_game.world.rules.politics.deferral_loss
    for vote in votes:
        due = proposals[vote.action].meeting is not None
        assert vote.outcome == ("rejected" if due else "deferred")
        if not due:
            change = next(e for e in baseline_game.turn_events(vote.turn)
                          if e.kind == "change" and e.action == "cohesion")
            cause = next(c for c in change.causes
                         if c.label == f"vote on {vote.action} deferred")
            assert cause.delta == pytest.approx(-loss)


def test_the_campaign_can_lower_cohesion_and_sharing_changes_what_happens_to_the_allies():
    """On paired seeds: cohesion ends lower with the adversaries' campaign than without it,
    and higher when they do not share their toolkit (sharing used to change nothing for the
    allies)."""
    from hybridsim.scenario import load_scenario
    from hybridsim.scenario.variants import without_adversaries, without_sharing

    baseline = load_scenario("baseline")
    variants = (baseline, without_adversaries(baseline), without_sharing(baseline))
    campaign, sharing = [], []
    for seed in range(3):
        ends = []
        for scenario in variants:
            model = HybridThreatModel(scenario, rng=seed, keep_history=False)
            model.run()
            ends.append(model.world.cohesion)
        campaign.append(ends[0] - ends[1])
        sharing.append(ends[0] - ends[2])
    assert sum(campaign) / 3 < 0
    assert sum(sharing) / 3 < 0


def test_each_allys_stance_on_each_open_proposal_is_reported_when_its_split_changes():
    """A proposal's split (for, against, who stands nearest the line) is reported on the turn
    it changes, and only then; the last report of each is the split at the end."""
    from hybridsim.model.stances import open_stances, split_text
    from hybridsim.transcript import transcript

    model = HybridThreatModel(load_scenario("baseline"), rng=2, turns=8, keep_history=False)
    start = {p: split_text(model.world, s).split(";")[0] for p, s in open_stances(
        model.world, model.scenario.alliance.proposals).items()}
    model.run()
    positions = [e for e in model.events if e.kind == "positions"]
    assert positions, "some split changes in eight turns of the baseline"
    assert all(e.note.startswith("for ") and "nearest the line: " in e.note for e in positions)
    assert "positions alliance " in transcript(model)
    seen = dict(start)
    for e in positions:  # reported only when it moved
        assert seen[e.action] != e.note.split(";")[0]
        seen[e.action] = e.note.split(";")[0]
    now = open_stances(model.world, model.scenario.alliance.proposals)
    for proposal, support in now.items():
        assert seen[proposal] == split_text(model.world, support).split(";")[0]


def test_the_holdout_indicator_is_one_at_the_line_and_zero_a_band_away(tutorial):
    from hybridsim.model.stances import nearness_to_line, open_stances

    model = HybridThreatModel(tutorial, rng=1)
    world = model.world
    yes_at, band = world.rules.votes.yes_at, world.rules.politics.holdout_band
    stances = {"a": np.array([yes_at, yes_at + band, yes_at - band / 2])}
    assert nearness_to_line(world, stances).tolist() == pytest.approx([1.0, 0.0, 0.5])
    everyone = np.arange(len(world.state_ids))
    stances_now = open_stances(world, tutorial.alliance.proposals)
    assert model.indicator_array("state", everyone, "holdout").tolist() == (
        nearness_to_line(world, stances_now).tolist())


def test_a_cut_rallies_a_dependent_government_only_if_its_public_expects_conflict():
    """Hungary's public (threat perception 0.25, at most one half) expects no conflict with
    Russia and blames others for a cut: neither its government nor its public rallies, however
    dependent; Germany's (0.6) does (docs/mechanics.md, the political layer)."""
    from hybridsim.model.politics import dependence_rally, source_dependence
    from hybridsim.verify.cases import case_scenario

    model = HybridThreatModel(case_scenario("gas_crisis_2022"), rng=1)
    world = model.world
    hu, de = world.state_ids.index("HU"), world.state_ids.index("DE")
    assert world.threat_perception[hu] <= 0.5 < world.threat_perception[de]
    russian = sum(source_dependence(world, world.source_ids.index(s))
                  for s in ("russia_pipeline", "turkstream"))
    assert russian[hu] > russian[de] > 0.0  # Hungary is the more dependent
    opinions = world.opinions.copy()
    moved = dependence_rally(world, russian, 0.3)
    assert moved[hu] == 0.0
    assert (world.opinions[hu] == opinions[hu]).all()
    assert moved[de] > 0.0
    assert (world.opinions[de] > opinions[de]).all()
