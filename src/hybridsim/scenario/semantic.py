"""Checks beyond types: ids unique, references resolve, turns exist, effects name real fields.

Errors are what the model cannot run with; warnings are legal but surely not what the author
meant (a move nobody can afford, a condition that can never hold). Returns problems with a field
path; the loader turns paths into file and line.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from ..rules.votes import shipped_against
from .errors import Problem
from .fields import (
    STATE_INDICATORS,
    WINTER_MONTHS,
    field_names,
    field_spec,
    scope_kind,
)
from .focus import focus_problem
from .indicator_paths import (
    ADVERSARY_INDICATORS,
    AGGREGATES,
    ALLIANCE_INDICATORS,
    EVENT_OUTCOMES,
    PARTNER_INDICATORS,
    IndicatorPathError,
    parse,
    value_range,
)
from .institutions import check_eu
from .magnitude import check_magnitudes
from .plan_targets import check_plan_targets
from .schema import DEFAULT_DEPENDENCIES, Action, Condition, Effect, Move, PolicySpec, Scenario

SUGGEST_LIMIT = 500  # above this many candidates, a did-you-mean costs more than it helps


def _problem(path: str, message: str, suggestion: str = "", severity: str = "error") -> Problem:
    return Problem("", None, None, path, message, suggestion, severity)


def _warning(path: str, message: str, suggestion: str = "") -> Problem:
    return _problem(path, message, suggestion, "warning")


def _unknown(path: str, what: str, value: str, known: list[str], prefix: str = "") -> Problem:
    """An error for a name that is not among ``known``, with a did-you-mean."""
    return _problem(path, f"{prefix}unknown {what} '{value}'", did_you_mean(value, known))


def did_you_mean(value: str, known: Iterable[str]) -> str:
    """'did you mean X?' for a near miss, else the short list of what exists."""
    known = list(dict.fromkeys(known))
    if len(known) > SUGGEST_LIMIT:
        return ""
    close = difflib.get_close_matches(value, known, n=1, cutoff=0.5)
    if close:
        return f"did you mean '{close[0]}'?"
    if len(known) <= 12:
        return f"known: {', '.join(known)}" if known else "none are defined"
    return ""


_did_you_mean = did_you_mean


@dataclass
class _Index:
    """The ids of a scenario, looked up once (scenarios may be large)."""

    sc: Scenario
    states: list[str] = field(init=False)
    adversaries: list[str] = field(init=False)
    sources: list[str] = field(init=False)
    domains: list[str] = field(init=False)
    assets: list[str] = field(init=False)
    moves: list[str] = field(init=False)
    responses: list[str] = field(init=False)
    kinds: dict[str, str] = field(init=False)

    def __post_init__(self) -> None:
        sc = self.sc
        self.states = sc.state_ids()
        self.adversaries = sc.adversary_ids()
        self.sources = [s.id for s in sc.gas_sources]
        self.domains = sc.toolkit.domain_ids()
        self.assets = [a.id for a in sc.infrastructure.assets]
        self.moves = [m.id for m in sc.toolkit.moves]
        self.responses = [r.id for r in sc.toolkit.responses]
        self.kinds = {"alliance": "alliance"}
        if sc.partner:
            self.kinds[sc.partner.id] = "partner"
        for kind, ids in (
            ("asset", self.assets),
            ("source", self.sources),
            ("adversary", self.adversaries),
            ("state", self.states),
        ):
            for ident in ids:
                self.kinds[ident] = kind

    @property
    def owners(self) -> list[str]:
        return self.states + ([self.sc.partner.id] if self.sc.partner else [])

    @property
    def everything(self) -> list[str]:
        return [k for k in self.kinds if k != "alliance"]


def check_semantics(sc: Scenario) -> list[Problem]:
    """Every semantic problem in a scenario (errors and warnings)."""
    ix = _Index(sc)
    out: list[Problem] = []
    out += _check_ids(sc, ix)
    out += _check_gas(sc, ix)
    out += _check_actors(sc, ix)
    out += _check_infrastructure(sc, ix)
    for kind, actions, actor_ids in (
        ("moves", sc.toolkit.moves, ix.adversaries),
        ("responses", sc.toolkit.responses, ix.states),
    ):
        for i, action in enumerate(actions):
            out += _check_action(action, f"toolkit.{kind}[{i}]", actor_ids, ix)
    out += _check_alliance(sc, ix)
    out += check_eu(sc, did_you_mean)
    out += _check_injects(sc, ix)
    out += _check_escalation(sc)
    out += _check_vote_weights(sc, ix)
    out += check_plan_targets(sc, ix.kinds)
    out += check_magnitudes(sc)
    from .domains import check_domains  # it builds on this module's helpers

    out += check_domains(sc)
    return _blame_emptied_lists(sc, out)


# Where a reference points into a list (the reference's path, the list's path): when the list
# is empty (an extending file wrote 'adversaries: []'), the references are one mistake, and it
# is the empty list's, in the file that emptied it.
REFERS_TO = (
    (re.compile(r"toolkit\.moves\[\d+\]\.actors\["), "adversaries"),
    (re.compile(r"gas_sources\[\d+\]\.controlled_by$"), "adversaries"),
    (re.compile(r"toolkit\.responses\[\d+\]\.actors\["), "states"),
    (re.compile(r"adversaries\[\d+\]\.proficiency\."), "toolkit.moves"),
    (re.compile(r"adversaries\[\d+\]\.policy\.plan\[\d+\]\.move$"), "toolkit.moves"),
    (re.compile(r"states\[\d+\]\.policy\.plan\[\d+\]\.move$"), "toolkit.responses"),
    (re.compile(r"alliance\.proposals\[\d+\]\.response$"), "toolkit.responses"),
    (re.compile(r"(supply_bcm|carries_bcm)\."), "gas_sources"),
)
NONE_DEFINED = "none are defined"


def _list_at(sc: Scenario, dotted_path: str) -> list:
    value: object = sc
    for part in dotted_path.split("."):
        value = getattr(value, part)
    return value  # type: ignore[return-value]


def _blame_emptied_lists(sc: Scenario, problems: list[Problem]) -> list[Problem]:
    """Fold the references into an empty list into one error at that list."""
    dangling: dict[str, list[Problem]] = {}
    kept: list[Problem] = []
    for p in problems:
        target = None
        if p.suggestion == NONE_DEFINED:
            target = next((lst for rx, lst in REFERS_TO if rx.search(p.path)), None)
        if target is not None and not _list_at(sc, target):
            dangling.setdefault(target, []).append(p)
        else:
            kept.append(p)
    for target, refs in dangling.items():
        first = refs[0]
        named = (
            f"{len(refs)} fields name its items (the first, {first.path}: {first.message})"
            if len(refs) > 1
            else f"{first.path} names one of its items ({first.message})"
        )
        kept.append(
            _problem(
                target,
                f"the list is empty, but {named}",
                "keep at least the items that are named, or remove what names them",
            )
        )
    return kept


def _check_ids(sc: Scenario, ix: _Index) -> list[Problem]:
    out: list[Problem] = []
    for label, ids in (
        ("states", ix.states), ("adversaries", ix.adversaries), ("gas_sources", ix.sources),
        ("infrastructure.assets", ix.assets), ("toolkit.moves", ix.moves),
        ("toolkit.responses", ix.responses), ("injects", [i.id for i in sc.injects]),
        ("alliance.proposals", [p.id for p in sc.alliance.proposals]),
    ):  # fmt: skip
        first: dict[str, int] = {}
        for i, ident in enumerate(ids):
            if ident in first:
                out.append(
                    _problem(
                        f"{label}[{i}].id",
                        f"id '{ident}' is used twice in {label}",
                        f"ids must be unique; the first is {label}[{first[ident]}]",
                    )
                )
            first.setdefault(ident, i)
    # States, adversaries, sources, assets and the partner share one namespace (targets).
    owner_of: dict[str, str] = {}
    for label, ids in (
        ("states", ix.states), ("adversaries", ix.adversaries), ("gas_sources", ix.sources),
        ("infrastructure.assets", ix.assets),
        ("partner", [sc.partner.id] if sc.partner else []),
    ):  # fmt: skip
        for i, ident in enumerate(ids):
            path = f"{label}[{i}].id" if label != "partner" else "partner.id"
            if ident in owner_of and owner_of[ident] != label:
                out.append(
                    _problem(
                        path,
                        f"id '{ident}' is also used in {owner_of[ident]}",
                        "states, adversaries, gas sources, assets and the partner are targets; "
                        "their ids must all differ",
                    )
                )
            owner_of.setdefault(ident, label)
    return out


def _check_gas(sc: Scenario, ix: _Index) -> list[Problem]:
    out: list[Problem] = []
    for i, src in enumerate(sc.gas_sources):
        if src.controlled_by and src.controlled_by not in ix.adversaries:
            out.append(
                _unknown(
                    f"gas_sources[{i}].controlled_by",
                    "adversary",
                    src.controlled_by,
                    ix.adversaries,
                )
            )
    sources = set(ix.sources)
    for i, st in enumerate(sc.states):
        for src in st.gas.supply_bcm:
            if src not in sources:
                out.append(
                    _unknown(f"states[{i}].gas.supply_bcm.{src}", "gas source", src, ix.sources)
                )
        for adv in st.trade_exposure:
            if adv not in ix.adversaries:
                out.append(
                    _unknown(f"states[{i}].trade_exposure.{adv}", "adversary", adv, ix.adversaries)
                )
    return out


def _check_actors(sc: Scenario, ix: _Index) -> list[Problem]:
    out: list[Problem] = []
    turns = sc.calendar.turns
    moves = set(ix.moves)
    for i, st in enumerate(sc.states):
        if st.policy:
            out += _check_policy(st.policy, f"states[{i}].policy", ix.responses, turns, ix)
    for i, adv in enumerate(sc.adversaries):
        for move in adv.proficiency:
            if move not in moves:
                out.append(_unknown(f"adversaries[{i}].proficiency.{move}", "move", move, ix.moves))
        out += _check_policy(adv.policy, f"adversaries[{i}].policy", ix.moves, turns, ix)
        if adv.budget_per_turn == 0 and ix.moves:
            out.append(
                _warning(
                    f"adversaries[{i}].budget_per_turn",
                    f"{adv.id} has no budget, so it can play no move",
                    "give it a few points per turn, e.g. 'budget_per_turn: 4'",
                )
            )
    return out


def _check_policy(
    policy: PolicySpec, base: str, known: list[str], turns: int, ix: _Index
) -> list[Problem]:
    out: list[Problem] = []
    if policy.kind == "scripted" and not policy.plan:
        out.append(
            _warning(f"{base}.kind", "a scripted actor with no plan plays nothing", "add 'plan:'")
        )
    if policy.plan and policy.kind != "scripted":
        out.append(
            _warning(
                f"{base}.plan",
                f"the plan is ignored: this actor's policy is '{policy.kind}'",
                "set 'kind: scripted' to play the plan",
            )
        )
    known_set = set(known)
    for j, item in enumerate(policy.plan):
        if item.move not in known_set:
            out.append(_unknown(f"{base}.plan[{j}].move", "move", item.move, known))
        for t in item.turn if isinstance(item.turn, list) else [item.turn]:
            if not 1 <= t <= turns:
                out.append(
                    _problem(
                        f"{base}.plan[{j}].turn",
                        f"turn {t} does not exist",
                        f"the scenario has turns 1 to {turns}",
                    )
                )
        if item.target and item.target not in ix.kinds:
            out.append(_unknown(f"{base}.plan[{j}].target", "target", item.target, ix.everything))
    return out


def _check_infrastructure(sc: Scenario, ix: _Index) -> list[Problem]:
    out: list[Problem] = []
    owners = set(ix.owners)
    assets = set(ix.assets)
    sources = set(ix.sources)
    for i, asset in enumerate(sc.infrastructure.assets):
        base = f"infrastructure.assets[{i}]"
        if asset.owner not in owners:
            out.append(_unknown(f"{base}.owner", "owner", asset.owner, ix.owners))
        for j, link in enumerate(asset.links):
            if link not in assets:
                out.append(_unknown(f"{base}.links[{j}]", "asset", link, ix.assets))
            elif link == asset.id:
                out.append(_problem(f"{base}.links[{j}]", "an asset cannot link to itself"))
        for j, dep in enumerate(asset.depends_on or []):
            if dep not in assets:
                out.append(
                    _unknown(
                        f"{base}.depends_on[{j}]",
                        "asset",
                        dep,
                        ix.assets,
                        prefix="orphaned dependency: ",
                    )
                )
            elif dep == asset.id:
                out.append(_problem(f"{base}.depends_on[{j}]", "an asset cannot depend on itself"))
        for src in asset.carries_bcm:
            if src not in sources:
                out.append(_unknown(f"{base}.carries_bcm.{src}", "gas source", src, ix.sources))
    out += _check_dependency_orphans(sc)
    return out


def _check_action(action: Action, base: str, actor_ids: list[str], ix: _Index) -> list[Problem]:
    return [
        *_check_action_actors(action, base, actor_ids),
        *_check_action_target(action, base, ix.sc),
        *_check_preconditions(action, base, ix.sc),
        *_check_action_effects(action, base, ix),
        *_check_usable(action, base, ix.sc),
    ]


def _check_action_actors(action: Action, base: str, actor_ids: list[str]) -> list[Problem]:
    actor_set = set(actor_ids)
    out = [
        _unknown(f"{base}.actors[{j}]", "actor", actor, actor_ids)
        for j, actor in enumerate(action.actors or [])
        if actor not in actor_set
    ]
    if action.actors == []:
        out.append(
            _warning(
                f"{base}.actors",
                "nobody may use it (the list of actors is empty)",
                "leave 'actors' out to let everyone use it",
            )
        )
    return out


def _check_action_target(action: Action, base: str, sc: Scenario) -> list[Problem]:
    out: list[Problem] = []
    if action.target == "asset" and not action.asset_types:
        out.append(
            _problem(
                f"{base}.asset_types", "an asset move needs asset_types", "e.g. [grid, telecom]"
            )
        )
    if action.target == "partner" and sc.partner is None:
        out.append(
            _warning(
                f"{base}.target",
                "targets the partner but the scenario has none",
                "add a 'partner:' section",
            )
        )
    return out


def _check_preconditions(action: Action, base: str, sc: Scenario) -> list[Problem]:
    out: list[Problem] = []
    pre = action.preconditions
    if pre.max_escalation is not None and pre.min_escalation > pre.max_escalation:
        out.append(
            _problem(
                f"{base}.preconditions.max_escalation",
                f"max_escalation {pre.max_escalation} is below min_escalation "
                f"{pre.min_escalation}: never allowed",
            )
        )
    top = len(sc.escalation.ladder) - 1
    if pre.min_escalation > top >= 0:  # an empty ladder is reported once, at the ladder
        out.append(
            _warning(
                f"{base}.preconditions.min_escalation",
                f"level {pre.min_escalation} is above the top of the ladder ({top}): never allowed",
                f"use 0 to {top}",
            )
        )
    if pre.winter_only and not _has_winter_turn(sc):
        out.append(
            _warning(
                f"{base}.preconditions.winter_only",
                "winter-only, but no turn of the calendar falls in October to March",
            )
        )
    return out


def _check_action_effects(action: Action, base: str, ix: _Index) -> list[Problem]:
    out: list[Problem] = []
    if action.success == 0:
        out.append(_warning(f"{base}.success", "success is 0: it can never succeed"))
    is_move = isinstance(action, Move)
    for j, eff in enumerate(action.effects):
        if eff.on == "owner" and action.target != "asset":
            out.append(_problem(f"{base}.effects[{j}].on", "'owner' needs an asset target"))
            continue
        kind = scope_kind(eff.on, action.target, is_move)
        out += _check_effect(eff, kind, f"{base}.effects[{j}]", ix)
    return out


def _check_usable(action: Action, base: str, sc: Scenario) -> list[Problem]:
    """A move nobody can afford, or nobody is proficient enough to use, is surely a mistake."""
    out: list[Problem] = []
    is_move = isinstance(action, Move)
    budgets = (
        [a.budget_per_turn for a in sc.adversaries if not action.actors or a.id in action.actors]
        if is_move
        else [s.budget for s in sc.states if not action.actors or s.id in action.actors]
    )
    if budgets and action.cost > max(budgets):
        out.append(
            _warning(
                f"{base}.cost",
                f"costs {action.cost:g} but no actor has more than {max(budgets):g} per turn",
                "nobody can afford it; lower the cost or raise a budget",
            )
        )
    if is_move and sc.adversaries and not _anyone_can_use(action, sc):
        out.append(
            _warning(
                f"{base}.base_proficiency",
                f"no adversary starts with proficiency of at least {sc.sharing.unlock_at:g} "
                "(sharing.unlock_at), so it is never used",
                f"raise base_proficiency or give an adversary 'proficiency: {{{action.id}: 0.5}}'",
            )
        )
    return out


def _anyone_can_use(move: Action, sc: Scenario) -> bool:
    unlock = sc.sharing.unlock_at
    for adv in sc.adversaries:
        allowed = move.actors is None or adv.id in move.actors
        start = adv.proficiency.get(
            move.id, move.base_proficiency if allowed and isinstance(move, Move) else 0.0
        )
        if start >= unlock:
            return True
    return False


def _has_winter_turn(sc: Scenario) -> bool:
    cal = sc.calendar
    step = dt.timedelta(days=cal.turn_days)
    for turn in range(min(cal.turns, 60)):
        try:
            date = cal.start + step * turn
        except OverflowError:
            return True
        if date.month in WINTER_MONTHS:
            return True
    return cal.turns > 60


def _check_effect(eff: Effect, kind: str, base: str, ix: _Index) -> list[Problem]:
    spec = field_spec(kind, eff.field, ix.sources, ix.domains)
    if spec is None:
        names = field_names(kind, ix.sources, ix.domains)
        return [
            _problem(
                f"{base}.field",
                f"'{eff.field}' is not a field of a {kind}",
                did_you_mean(eff.field, names),
            )
        ]
    low, high = spec.low, spec.high
    span = f"{low:g} to {high:g}" if high is not None else f"at least {low:g}"
    if eff.set is not None and (eff.set < low or (high is not None and eff.set > high)):
        return [
            _problem(
                f"{base}.set",
                f"{eff.field} is kept within {span}; 'set: {eff.set:g}' is outside it",
                f"use a value from {span}",
            )
        ]
    if eff.add == 0 or eff.multiply == 1:
        return [_warning(base, "this effect changes nothing", "remove it, or change the value")]
    if eff.add is not None and high is not None and abs(eff.add) > high - low:
        return [
            _warning(
                f"{base}.add",
                f"adds {eff.add:g} to {eff.field}, which is kept within {span}",
                "the result is clipped; effects are usually small steps like 0.05",
            )
        ]
    return []


def _check_alliance(sc: Scenario, ix: _Index) -> list[Problem]:
    out = _check_proposals(sc, ix) + _check_meetings(sc)
    if sc.alliance.cohesion < sc.alliance.fracture_threshold:
        out.append(
            _warning(
                "alliance.cohesion",
                f"cohesion {sc.alliance.cohesion:g} starts below the fracture threshold "
                f"{sc.alliance.fracture_threshold:g}: the game ends at once",
                "raise cohesion or lower fracture_threshold",
            )
        )
    return out


def _check_proposals(sc: Scenario, ix: _Index) -> list[Problem]:
    out: list[Problem] = []
    responses = {r.id: r for r in sc.toolkit.responses}
    meeting_turns = [m.turn for m in sc.alliance.meetings]
    for i, prop in enumerate(sc.alliance.proposals):
        base = f"alliance.proposals[{i}]"
        response = responses.get(prop.response)
        if response is None:
            out.append(_unknown(f"{base}.response", "response", prop.response, ix.responses))
        elif not response.collective:
            out.append(
                _problem(
                    f"{base}.response",
                    f"response '{prop.response}' is not collective",
                    "set 'collective: true' on it, or choose a collective one",
                )
            )
        if (problem := focus_problem(prop.focus, f"{base}.focus", sc, did_you_mean)):
            out.append(problem)
        if prop.meeting is not None and prop.meeting not in meeting_turns:
            out.append(
                _problem(
                    f"{base}.meeting",
                    f"no meeting on turn {prop.meeting}",
                    f"meetings are on turns {', '.join(map(str, meeting_turns))}"
                    if meeting_turns
                    else "add a meeting under alliance.meetings",
                )
            )
    if sc.alliance.proposals and not sc.alliance.meetings:
        out.append(
            _warning(
                "alliance.proposals",
                "proposals but no meetings to vote on them",
                "add alliance.meetings",
            )
        )
    return out


def _check_meetings(sc: Scenario) -> list[Problem]:
    out: list[Problem] = []
    turns = sc.calendar.turns
    first_on: dict[int, int] = {}
    for i, meeting in enumerate(sc.alliance.meetings):
        if meeting.turn in first_on:
            out.append(
                _problem(
                    f"alliance.meetings[{i}].turn",
                    f"alliance.meetings[{first_on[meeting.turn]}] is also on turn {meeting.turn}; "
                    "the alliance meets at most once a turn",
                    "move one meeting to another turn, or remove it",
                )
            )
        first_on.setdefault(meeting.turn, i)
        if meeting.turn > turns:
            out.append(_after_last_turn(f"alliance.meetings[{i}].turn", meeting.turn, turns))
    return out


def _after_last_turn(path: str, turn: int, turns: int) -> Problem:
    return _problem(
        path,
        f"turn {turn} is after the last turn ({turns})",
        f"the scenario has turns 1 to {turns}",
    )


def _check_injects(sc: Scenario, ix: _Index) -> list[Problem]:
    out: list[Problem] = []
    turns = sc.calendar.turns
    for i, inject in enumerate(sc.injects):
        base = f"injects[{i}]"
        if inject.turn is not None and inject.turn > turns:
            out.append(_after_last_turn(f"{base}.turn", inject.turn, turns))
        kind = ix.kinds.get(inject.target) if inject.target else None
        if inject.target and kind is None:
            out.append(_unknown(f"{base}.target", "target", inject.target, ix.everything))
        for j, eff in enumerate(inject.effects):
            if eff.on == "target" and not inject.target:
                out.append(
                    _problem(
                        f"{base}.effects[{j}].on",
                        "effect on 'target' but the inject has no target",
                        "add 'target:' or use another 'on'",
                    )
                )
                continue
            if eff.on == "owner" and kind != "asset":
                out.append(_problem(f"{base}.effects[{j}].on", "'owner' needs an asset target"))
                continue
            ekind = kind if eff.on == "target" else scope_kind(eff.on, "state", False)
            if ekind:
                out += _check_effect(eff, ekind, f"{base}.effects[{j}]", ix)
        if inject.damage and kind != "asset":
            out.append(_problem(f"{base}.damage", "damage needs an asset target"))
        if inject.when:
            out += _check_condition(inject.when, f"{base}.when", sc, ix)
    return out


def _check_vote_weights(sc: Scenario, ix: _Index) -> list[Problem]:
    """Weights of measures against an adversary the scenario does not have would never be
    read (a misspelt id, most likely); the shipped weights for RU and CN are always there."""
    shipped = shipped_against()
    return [_unknown(f"rules.votes.against.{key}", "adversary", key, ix.adversaries)
            for key in sc.rules.votes.against if key not in ix.adversaries and key not in shipped]


def _check_escalation(sc: Scenario) -> list[Problem]:
    ladder = len(sc.escalation.ladder)
    if ladder == 0:
        return [
            _problem(
                "escalation.ladder",
                "the ladder is empty",
                "it needs at least two levels, e.g. [calm, tension, crisis]; "
                "leave 'ladder' out to keep the parent's",
            )
        ]
    out: list[Problem] = []
    if sc.escalation.end_level >= ladder:
        out.append(
            _problem(
                "escalation.end_level",
                f"level {sc.escalation.end_level} is not on the ladder",
                f"the ladder has levels 0 to {ladder - 1}; use 1 to {ladder - 1}"
                if ladder > 1
                else "the ladder needs at least two levels",
            )
        )
    if sc.escalation.collective_level >= ladder:
        out.append(
            _problem(
                "escalation.collective_level",
                f"level {sc.escalation.collective_level} is not on the ladder",
                f"use 0 to {ladder - 1}",
            )
        )
    return out


def _indicator_range(
    cond: Condition, sc: Scenario, ix: _Index
) -> tuple[float, float | None] | None:
    """The values an indicator can take (low, high or None), or None for an unknown one."""
    try:
        path = parse(cond.indicator)
    except IndicatorPathError:
        return None
    if path.entity and path.entity not in (ix.states if path.scope == "states" else ix.adversaries):
        return None
    if path.scope == "events" and path.name not in ix.moves and path.name != "any":
        return None
    if path.scope == "alliance" and path.name == "escalation_level":
        return 0.0, float(len(sc.escalation.ladder) - 1)
    return value_range(path)


def _check_condition(cond: Condition, base: str, sc: Scenario, ix: _Index) -> list[Problem]:
    span = _indicator_range(cond, sc, ix)
    if span is not None:
        return _check_satisfiable(cond, base, *span)
    close = difflib.get_close_matches(cond.indicator, _known_indicators(ix), n=1, cutoff=0.6)
    try:
        path = parse(cond.indicator)
    except IndicatorPathError as exc:
        hint = f"did you mean '{close[0]}'?" if close else exc.suggestion
        return [_problem(f"{base}.indicator", f"unknown indicator '{cond.indicator}'", hint)]
    names = {
        "states": STATE_INDICATORS,
        "adversaries": ADVERSARY_INDICATORS,
        "alliance": ALLIANCE_INDICATORS,
        "partner": PARTNER_INDICATORS,
    }.get(path.scope, ())
    ids = ix.states if path.scope == "states" else ix.adversaries
    if path.entity and path.name in names:
        hint = f"no {path.scope[:-1]} '{path.entity}'; ids: {', '.join(ids[:20])}"
    elif close:
        hint = f"did you mean '{close[0]}'?"
    elif path.scope == "events":
        hint = f"moves: {', '.join(ix.moves[:20])} (or any)"
    else:
        hint = f"{path.scope} indicators: {', '.join(names)}"
    return [_problem(f"{base}.indicator", f"unknown indicator '{cond.indicator}'", hint)]


def _known_indicators(ix: _Index) -> list[str]:
    """Every indicator a condition may name, for did-you-mean."""
    names = [f"alliance.{k}" for k in ALLIANCE_INDICATORS]
    names += ["escalation.level", "escalation.score"]
    names += [f"partner.{k}" for k in PARTNER_INDICATORS]
    names += [f"states.{agg}.{k}" for agg in AGGREGATES for k in STATE_INDICATORS]
    names += [f"adversaries.{agg}.{k}" for agg in AGGREGATES for k in ADVERSARY_INDICATORS]
    names += [f"adversaries.{a}.{k}" for a in ix.adversaries[:20] for k in ADVERSARY_INDICATORS]
    names += [f"events.{o}.any" for o in EVENT_OUTCOMES]
    names += [f"events.{o}.{m}" for o in EVENT_OUTCOMES for m in ix.moves[:100]]
    names += [f"{s}.{k}" for s in ix.states[:50] for k in STATE_INDICATORS]
    return names


def _check_satisfiable(cond: Condition, base: str, low: float, high: float | None) -> list[Problem]:
    v, op = cond.value, cond.op
    never = (
        (op == "<" and v <= low)
        or (op == "<=" and v < low)
        or (high is not None and op == ">" and v >= high)
        or (high is not None and op == ">=" and v > high)
        or (op == "==" and (v < low or (high is not None and v > high)))
    )
    always = (op == ">=" and v <= low) or (high is not None and op == "<=" and v >= high)
    span = f"between {low:g} and {high:g}" if high is not None else f"{low:g} or more"
    if never:
        return [
            _warning(
                f"{base}.value",
                f"{cond.indicator} is always {span}, so '{op} {v:g}' never holds",
                "the inject never fires",
            )
        ]
    if always:
        return [
            _warning(
                f"{base}.value",
                f"{cond.indicator} is always {span}, so '{op} {v:g}' always holds",
                "the inject fires on the first turn",
            )
        ]
    return []


def _check_dependency_orphans(sc: Scenario) -> list[Problem]:
    """Warn where a type rule leaves an asset with no provider at all in its country."""
    out: list[Problem] = []
    types_by_owner: dict[str, set[str]] = {}
    for asset in sc.infrastructure.assets:
        types_by_owner.setdefault(asset.owner, set()).add(asset.type)
    for i, asset in enumerate(sc.infrastructure.assets):
        if asset.depends_on is not None:
            continue
        needs = DEFAULT_DEPENDENCIES.get(asset.type, ())
        have = types_by_owner.get(asset.owner, set())
        if needs and not (set(needs) & have):
            out.append(
                _warning(
                    f"infrastructure.assets[{i}].type",
                    f"a {asset.type} needs one of {', '.join(needs)} in {asset.owner}, "
                    "which has none",
                    "the rule is skipped for it; add such an asset or set depends_on",
                )
            )
    return out
