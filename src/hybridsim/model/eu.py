"""The European Union as an actor: a blue institution whose Council decides four instruments by
its own rules over its members' positions (docs/mechanics.md, The EU).

The Council meets on a calendar (``rules.eu.council_weeks``). At each meeting it takes up what
the allies saw since the last one (detected incidents only: the Council knows what its members
know): attributed attacks on a member bring sanctions on their author (unanimity, Art. 31 TEU);
economic moves against members bring coordinated investment screening (qualified majority,
Regulation (EU) 2019/452); energy coercion or a gas shortfall brings storage and demand
coordination (qualified majority, Regulations (EU) 2022/1032 and 2022/1369); economic coercion
of a member brings the Anti-Coercion Instrument against the coercer (qualified majority,
Regulation (EU) 2023/2675). Each member votes by the support score alliance votes use
(``dynamics.vote_support``): a decision against an adversary is a measure against it (its
id as the focus, or the focus ``eu.focus`` gives it: RU-strikes weighed as RU). An
instrument adopted stays in force for the game (the EU's Russia sanctions have been renewed
every six months since 2014); one blocked is tabled again after new incidents.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from ..rules.eu import EuRules
from . import dynamics
from .events import Cause, Event
from .play import Draft, draft

if TYPE_CHECKING:
    from .play import Play

QMV = "qualified majority (Art. 16(4) TEU)"
UNANIMITY = "unanimity (Art. 31 TEU)"


@dataclass(frozen=True)
class Instrument:
    """One of the EU's instruments: what brings it to the Council, how the Council decides it,
    and what it does once adopted."""

    name: str
    title: str
    rule: str  # UNANIMITY or QMV
    domain: str
    per_adversary: bool  # one decision per adversary (sanctions, ACI) or one for all
    trigger: Callable[[Play, frozenset[str], Event], bool]  # (play, member ids, event)
    reason: tuple[str, str]  # what brought it to the table, one and many, for the note
    apply: Callable[[Play, np.ndarray, str], list[str]]


# ------------------------------------------------------------------ the Council's rules
def unanimous(yes: np.ndarray) -> bool:
    """Unanimity: one member against blocks (abstention aside, which the game does not model)."""
    return bool(yes.size) and bool(yes.all())


def qualified_majority(yes: np.ndarray, population: np.ndarray, rules: EuRules) -> bool:
    """Qualified majority: 55% of the members comprising 65% of their population; fewer
    members against than a blocking minority cannot block on population alone."""
    if not yes.size:
        return False
    states = float(yes.mean()) >= rules.qmv_states
    total = float(population.sum())
    people = total > 0 and float(population[yes].sum()) / total >= rules.qmv_population
    return states and (people or int((~yes).sum()) < rules.blocking_minority)


def council_interval(rules: EuRules, turn_days: int) -> int:
    """Turns between two Council meetings (at least one)."""
    return max(1, round(rules.council_weeks * 7 / max(turn_days, 1)))


def members_of(play: Play) -> np.ndarray:
    """State indices of the EU's members."""
    eu = play.scenario.eu
    index = {sid: i for i, sid in enumerate(play.world.state_ids)}
    return np.array([index[m] for m in eu.members] if eu else [], dtype=np.int64)


# ------------------------------------------------------------------ what instruments do
def _sanction(play: Play, members: np.ndarray, adversary: str) -> list[str]:
    world = play.world
    a = world.adversary_ids.index(adversary)
    before = float(world.adversary_budget[a])
    budget = world.adversary_budget.copy()
    budget[a] = before * (1.0 - world.rules.eu.sanctions_budget)
    world.adversary_budget = budget
    return [f"{adversary}.budget_per_turn {before:.3g} -> {budget[a]:.3g}"]


def _screen(play: Play, members: np.ndarray, adversary: str) -> list[str]:
    world = play.world
    before = float(world.investment_screening[members].mean())
    screening = world.investment_screening.copy()
    screening[members] = np.minimum(screening[members] + world.rules.eu.screening_gain, 1.0)
    world.investment_screening = screening
    return [f"investment screening of {members.size} EU members, mean {before:.3g} -> "
            f"{float(screening[members].mean()):.3g}"]


def _coordinate_gas(play: Play, members: np.ndarray, adversary: str) -> list[str]:
    world = play.world
    rules = world.rules.eu
    target, cut = world.storage_target.copy(), world.demand_cut.copy()
    target[members] = np.maximum(target[members], rules.storage_target)
    cut[members] = np.maximum(cut[members], rules.demand_cut)
    world.storage_target, world.demand_cut = target, cut
    return [f"EU members store {rules.storage_target:.0%} by 1 November and cut gas demand by "
            f"at least {rules.demand_cut:.0%} ({members.size} members)"]


def _deter_coercion(play: Play, members: np.ndarray, adversary: str) -> list[str]:
    """Members' exposure to the coercer is offset in part: what the game's coercion and votes
    read as their exposure to it (``World.exposure_to``)."""
    world = play.world
    keep = 1.0 - world.rules.eu.aci_shield
    world.offset_exposure(world.adversary_ids.index(adversary), members, keep)
    return [f"EU members' exposure to {adversary} offset by {1.0 - keep:.0%} "
            "(response measures ready)"]


def _against_member(event: Event, members: frozenset[str]) -> bool:
    return event.kind == "move" and bool(event.detected) and event.target_state in members


def _succeeded(event: Event, domain: str) -> bool:
    return (event.kind == "move" and event.outcome == "success" and bool(event.detected)
            and event.domain == domain)


def _member_short(event: Event, members: frozenset[str]) -> bool:
    """A shortfall event with a member among those short ("DE short 0.2 bcm")."""
    return event.kind == "shortfall" and any(
        line.split(" ", 1)[0] in members for line in event.effects)


def _coercive(play: Play, event: Event) -> bool:
    move = play.catalogue.moves.get(event.action)
    return move is not None and "coercion" in move.tags


INSTRUMENTS: dict[str, Instrument] = {
    inst.name: inst
    for inst in (
        Instrument("sanctions", "EU sanctions", UNANIMITY, "economic", True,
                   lambda p, ms, e: _against_member(e, ms) and bool(e.attributed),
                   ("attack on members attributed to it", "attacks on members attributed to it"),
                   _sanction),
        Instrument("screening", "EU investment screening coordination", QMV, "economic", False,
                   lambda p, ms, e: _against_member(e, ms) and _succeeded(e, "economic"),
                   ("economic move against members", "economic moves against members"), _screen),
        Instrument("gas", "EU gas storage and demand coordination", QMV, "energy", False,
                   lambda p, ms, e: _succeeded(e, "energy") or _member_short(e, ms),
                   ("energy coercion or gas shortfall", "energy coercions or gas shortfalls"),
                   _coordinate_gas),
        Instrument("aci", "EU Anti-Coercion Instrument", QMV, "economic", True,
                   lambda p, ms, e: (_against_member(e, ms) and _succeeded(e, "economic")
                                       and _coercive(p, e)),
                   ("economic coercion of members", "economic coercions of members"),
                   _deter_coercion),
    )
}
"""The EU's instruments, in the order the Council takes them up (a new one is an entry)."""




# ------------------------------------------------------------------ the Council
def council(play: Play, body: str, turn_events: Callable[[int], list[Event]],
            forced: dict[str, dict[str, bool]]) -> list[Draft]:
    """If the Council of ``body`` (the institution's id) meets this turn, decide every
    instrument something brought to it; ``turn_events`` gives the events of a past turn."""
    world = play.world
    every = council_interval(world.rules.eu, play.scenario.calendar.turn_days)
    if play.turn % every:
        return []
    seen = [e for t in range(play.turn - every + 1, play.turn + 1) for e in turn_events(t)]
    members = members_of(play)
    member_ids = frozenset(world.state_ids[i] for i in members.tolist())
    decided = (_decide(play, body, inst, subject, count, members, forced)
               for inst, subject, count in _agenda(play, seen, member_ids))
    return [d for d in decided if d is not None]


def _agenda(play: Play, seen: list[Event],
            member_ids: frozenset[str]) -> Iterator[tuple[Instrument, str, int]]:
    """(instrument, adversary or "", incidents) for each decision due, not yet in force."""
    in_force = play.world.eu_in_force
    for inst in INSTRUMENTS.values():
        counts: dict[str, int] = {}
        for event in seen:
            if inst.trigger(play, member_ids, event):
                who = event.actor if event.kind == "move" else ""
                counts[who if inst.per_adversary else ""] = counts.get(
                    who if inst.per_adversary else "", 0) + 1
        for subject, count in counts.items():
            if _key(inst, subject) not in in_force:
                yield inst, subject, count


def _key(inst: Instrument, subject: str) -> str:
    return f"{inst.name}:{subject}" if subject else inst.name


def _decide(play: Play, body: str, inst: Instrument, subject: str,
            count: int, members: np.ndarray, forced: dict[str, dict[str, bool]]) -> Draft | None:
    """One Council decision: members vote by their support scores, the instrument's rule
    decides (the white cell may force it), and the event itemises the margins."""
    world = play.world
    eu = play.scenario.eu
    focus = eu.focus.get(subject, subject) if eu and subject else "resilience"
    scores = dynamics.vote_support(world, focus)[members]
    yes = scores >= world.rules.votes.yes_at
    population = world.population[members]
    rules = world.rules.eu
    key = f"vote:{body}:{_key(inst, subject)}"
    forced_here = forced.get(key, {})
    if not yes.size or (yes.mean() < rules.table_share and "adopted" not in forced_here):
        return None  # not tabled: most members oppose it
    passed = (unanimous(yes) if inst.rule == UNANIMITY
              else qualified_majority(yes, population, rules))
    overridden = "adopted" in forced_here and bool(forced_here["adopted"]) != passed
    passed = bool(forced_here.get("adopted", passed))
    against = [world.state_ids[i] for i in members[~yes]]
    names = _names(play)
    what = inst.title + (f" on {names.get(subject, subject)}" if subject else "")
    label = f"{what} " + ("adopted" if passed else "blocked" + (
        f" ({', '.join(against)})" if against else ""))
    lines: list[str] = []
    with play.watch(label):
        if passed:
            world.eu_in_force[_key(inst, subject)] = play.turn
            lines = inst.apply(play, members, subject)
        step = rules.decision_cohesion if passed else -rules.decision_cohesion
        world.cohesion = float(np.clip(world.cohesion + step, 0.0, 1.0))
    return draft(
        "vote", body, key=key, action=f"eu_{inst.name}", domain=inst.domain,
        target=subject, probability=float(yes.mean()) if yes.size else 0.0,
        outcome="adopted" if passed else "rejected", effects=lines,
        causes=_margins(inst, yes, scores, population, members, play),
        note=_note(inst, yes, population, against, names, count, subject, rules)
        + ("; outcome forced by the white cell" if overridden else ""), side="blue",
    )


def _margins(inst: Instrument, yes: np.ndarray, scores: np.ndarray, population: np.ndarray,
             members: np.ndarray, play: Play) -> list[Cause]:
    """Why the Council decided as it did: each margin against its rule (positive: enough)."""
    world = play.world
    if inst.rule == UNANIMITY:
        at = world.rules.votes.yes_at
        holdouts = [Cause(f"{world.state_ids[i]} against (support {s:.3f}, needs {at:.3f})",
                          float(s - at)) for i, s in zip(members, scores, strict=True) if s < at]
        return holdouts or [Cause("every member in favour (lowest support margin)",
                                  float(scores.min() - at))]
    rules = world.rules.eu
    people = float(population[yes].sum() / population.sum()) if population.sum() else 0.0
    return [Cause(f"members in favour {int(yes.sum())}/{yes.size} "
                  f"(needs {rules.qmv_states:.0%})", float(yes.mean()) - rules.qmv_states),
            Cause(f"population in favour {people:.0%} (needs {rules.qmv_population:.0%})",
                  people - rules.qmv_population)]


def _note(inst: Instrument, yes: np.ndarray, population: np.ndarray, against: list[str],
          names: dict[str, str], count: int, subject: str, rules: EuRules) -> str:
    """ "on Russia: Council by unanimity (Art. 31 TEU): 26 of 27 members in favour; against:
    Hungary; after 3 attacks on members attributed to it since the last Council"."""
    text = f"on {names.get(subject, subject)}: " if subject else ""
    text += f"Council by {inst.rule}: {int(yes.sum())} of {yes.size} members in favour"
    if inst.rule == QMV and population.sum():
        share = float(population[yes].sum() / population.sum())
        text += (f" ({yes.mean():.0%} of members, {rules.qmv_states:.0%} needed; "
                 f"{share:.0%} of their population, {rules.qmv_population:.0%} needed)")
    if against:
        text += "; against: " + ", ".join(names.get(s, s) for s in against)
    return text + f"; after {count} {inst.reason[count != 1]} since the last Council"


def _names(play: Play) -> dict[str, str]:
    scenario = play.scenario
    return ({s.id: s.name for s in scenario.states}
            | {a.id: a.name for a in scenario.adversaries})
