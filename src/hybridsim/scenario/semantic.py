"""Checks beyond types: ids unique, references resolve, turns exist, effects name real fields.

Returns problems with a field path; the loader turns paths into file and line.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable

from .errors import Problem
from .fields import field_names, field_spec, scope_kind
from .schema import DEFAULT_DEPENDENCIES, Action, Condition, Effect, Move, Scenario

INDICATOR_ROOTS = ("alliance", "escalation", "partner", "states", "events")
EVENT_OUTCOMES = ("success", "failure", "detected", "attributed")
STATE_INDICATORS = (
    "public_trust", "polarisation", "cyber_posture", "threat_perception", "ukraine_support",
    "alignment", "storage_fill", "shortfall", "infrastructure", "russia_dependence",
    "china_trade_exposure", "budget", "demand_cut",
)  # fmt: skip


def _problem(path: str, message: str, suggestion: str = "", severity: str = "error") -> Problem:
    return Problem("", None, None, path, message, suggestion, severity)


def _did_you_mean(value: str, known: Iterable[str]) -> str:
    known = list(known)
    close = difflib.get_close_matches(value, known, n=1, cutoff=0.5)
    if close:
        return f"did you mean '{close[0]}'?"
    if len(known) <= 12:
        return f"known: {', '.join(known)}" if known else "none are defined"
    return ""


def check_semantics(sc: Scenario) -> list[Problem]:
    """Every semantic problem in a scenario (errors and warnings)."""
    out: list[Problem] = []
    states = sc.state_ids()
    adversaries = sc.adversary_ids()
    sources = [s.id for s in sc.gas_sources]
    assets = [a.id for a in sc.infrastructure.assets]
    moves = [m.id for m in sc.toolkit.moves]
    responses = [r.id for r in sc.toolkit.responses]
    owners = states + ([sc.partner.id] if sc.partner else [])
    turns = sc.calendar.turns

    for label, ids in (
        ("states", states), ("adversaries", adversaries), ("gas_sources", sources),
        ("infrastructure.assets", assets), ("toolkit.moves", moves),
        ("toolkit.responses", responses), ("injects", [i.id for i in sc.injects]),
        ("alliance.proposals", [p.id for p in sc.alliance.proposals]),
    ):  # fmt: skip
        seen: set[str] = set()
        for i, ident in enumerate(ids):
            if ident in seen:
                out.append(_problem(f"{label}[{i}].id", f"id '{ident}' is used twice"))
            seen.add(ident)
    everything = set(states) | set(adversaries) | set(sources) | set(assets)
    if sc.partner:
        everything.add(sc.partner.id)
    overlap = len(states) + len(adversaries) + len(sources) + len(assets) + bool(sc.partner)
    if overlap != len(everything):
        out.append(_problem("", "state, adversary, source, asset and partner ids must all differ"))

    for i, src in enumerate(sc.gas_sources):
        if src.controlled_by and src.controlled_by not in adversaries:
            out.append(
                _problem(
                    f"gas_sources[{i}].controlled_by",
                    f"unknown adversary '{src.controlled_by}'",
                    _did_you_mean(src.controlled_by, adversaries),
                )
            )
    for i, st in enumerate(sc.states):
        for src in st.gas.supply_bcm:
            if src not in sources:
                out.append(
                    _problem(
                        f"states[{i}].gas.supply_bcm.{src}",
                        f"unknown gas source '{src}'",
                        _did_you_mean(src, sources),
                    )
                )
        if st.policy:
            out += _check_plan(st.policy.plan, f"states[{i}].policy.plan", responses, turns, sc)

    for i, adv in enumerate(sc.adversaries):
        for move in adv.proficiency:
            if move not in moves:
                out.append(
                    _problem(
                        f"adversaries[{i}].proficiency.{move}",
                        f"unknown move '{move}'",
                        _did_you_mean(move, moves),
                    )
                )
        out += _check_plan(adv.policy.plan, f"adversaries[{i}].policy.plan", moves, turns, sc)

    for i, asset in enumerate(sc.infrastructure.assets):
        base = f"infrastructure.assets[{i}]"
        if asset.owner not in owners:
            out.append(
                _problem(
                    f"{base}.owner",
                    f"unknown owner '{asset.owner}'",
                    _did_you_mean(asset.owner, owners),
                )
            )
        for j, link in enumerate(asset.links):
            if link not in assets:
                out.append(
                    _problem(
                        f"{base}.links[{j}]", f"unknown asset '{link}'", _did_you_mean(link, assets)
                    )
                )
            elif link == asset.id:
                out.append(_problem(f"{base}.links[{j}]", "an asset cannot link to itself"))
        for j, dep in enumerate(asset.depends_on or []):
            if dep not in assets:
                out.append(
                    _problem(
                        f"{base}.depends_on[{j}]",
                        f"orphaned dependency: unknown asset '{dep}'",
                        _did_you_mean(dep, assets),
                    )
                )
        for src in asset.carries_bcm:
            if src not in sources:
                out.append(
                    _problem(
                        f"{base}.carries_bcm.{src}",
                        f"unknown gas source '{src}'",
                        _did_you_mean(src, sources),
                    )
                )
    out += _check_dependency_orphans(sc)

    for kind, actions, actor_ids in (
        ("moves", sc.toolkit.moves, adversaries),
        ("responses", sc.toolkit.responses, states),
    ):
        for i, action in enumerate(actions):
            out += _check_action(action, f"toolkit.{kind}[{i}]", actor_ids, sources, sc)

    for i, prop in enumerate(sc.alliance.proposals):
        base = f"alliance.proposals[{i}]"
        response = next((r for r in sc.toolkit.responses if r.id == prop.response), None)
        if response is None:
            out.append(
                _problem(
                    f"{base}.response",
                    f"unknown response '{prop.response}'",
                    _did_you_mean(prop.response, responses),
                )
            )
        elif not response.collective:
            out.append(
                _problem(
                    f"{base}.response",
                    f"response '{prop.response}' is not collective",
                    "set 'collective: true' on it, or choose a collective one",
                )
            )
        meeting_turns = [m.turn for m in sc.alliance.meetings]
        if prop.meeting is not None and prop.meeting not in meeting_turns:
            out.append(
                _problem(
                    f"{base}.meeting",
                    f"no meeting on turn {prop.meeting}",
                    f"meetings are on turns {meeting_turns}"
                    if meeting_turns
                    else "add a meeting under alliance.meetings",
                )
            )
    if sc.alliance.proposals and not sc.alliance.meetings:
        out.append(
            _problem(
                "alliance.proposals",
                "proposals but no meetings to vote on them",
                "add alliance.meetings",
                "warning",
            )
        )
    for i, meeting in enumerate(sc.alliance.meetings):
        if meeting.turn > turns:
            out.append(
                _problem(
                    f"alliance.meetings[{i}].turn",
                    f"turn {meeting.turn} is after the last turn ({turns})",
                    f"use 1..{turns}",
                )
            )

    for i, inject in enumerate(sc.injects):
        base = f"injects[{i}]"
        if inject.turn is not None and inject.turn > turns:
            out.append(
                _problem(
                    f"{base}.turn",
                    f"turn {inject.turn} is after the last turn ({turns})",
                    f"use 1..{turns}",
                )
            )
        kind = _target_kind(inject.target, sc) if inject.target else None
        if inject.target and kind is None:
            out.append(
                _problem(
                    f"{base}.target",
                    f"unknown target '{inject.target}'",
                    _did_you_mean(inject.target, everything),
                )
            )
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
            ekind = kind if eff.on == "target" else scope_kind(eff.on, "state", False)
            if eff.on == "owner" and kind != "asset":
                out.append(_problem(f"{base}.effects[{j}].on", "'owner' needs an asset target"))
                continue
            if ekind:
                out += _check_field(eff, ekind, f"{base}.effects[{j}]", sources)
        if inject.damage and kind != "asset":
            out.append(_problem(f"{base}.damage", "damage needs an asset target"))
        if inject.when:
            out += _check_condition(inject.when, f"{base}.when", sc)

    ladder = len(sc.escalation.ladder)
    if sc.escalation.end_level >= ladder:
        out.append(
            _problem(
                "escalation.end_level",
                f"level {sc.escalation.end_level} is not on the ladder",
                f"use 1..{ladder - 1}",
            )
        )
    if sc.escalation.collective_level >= ladder:
        out.append(
            _problem(
                "escalation.collective_level", "level is not on the ladder", f"use 0..{ladder - 1}"
            )
        )
    return out


def _target_kind(target: str, sc: Scenario) -> str | None:
    if target in sc.state_ids():
        return "state"
    if target in sc.adversary_ids():
        return "adversary"
    if any(s.id == target for s in sc.gas_sources):
        return "source"
    if any(a.id == target for a in sc.infrastructure.assets):
        return "asset"
    if sc.partner and target == sc.partner.id:
        return "partner"
    if target == "alliance":
        return "alliance"
    return None


def _check_action(
    action: Action, base: str, actor_ids: list[str], sources: list[str], sc: Scenario
) -> list[Problem]:
    out: list[Problem] = []
    is_move = isinstance(action, Move)
    for j, actor in enumerate(action.actors or []):
        if actor not in actor_ids:
            out.append(
                _problem(
                    f"{base}.actors[{j}]",
                    f"unknown actor '{actor}'",
                    _did_you_mean(actor, actor_ids),
                )
            )
    if action.target == "asset" and not action.asset_types:
        out.append(
            _problem(
                f"{base}.asset_types", "an asset move needs asset_types", "e.g. [grid, telecom]"
            )
        )
    if action.target == "partner" and sc.partner is None:
        out.append(
            _problem(
                f"{base}.target",
                "targets the partner but the scenario has none",
                "add a 'partner:' section",
                "warning",
            )
        )
    for j, eff in enumerate(action.effects):
        if eff.on == "owner" and action.target != "asset":
            out.append(_problem(f"{base}.effects[{j}].on", "'owner' needs an asset target"))
            continue
        kind = scope_kind(eff.on, action.target, is_move)
        out += _check_field(eff, kind, f"{base}.effects[{j}]", sources)
    # A move nobody can afford is legal but surely a mistake.
    budgets = (
        [a.budget_per_turn for a in sc.adversaries if not action.actors or a.id in action.actors]
        if is_move
        else [s.budget for s in sc.states if not action.actors or s.id in action.actors]
    )
    if budgets and action.cost > max(budgets):
        out.append(
            _problem(
                f"{base}.cost",
                f"costs {action.cost} but no actor has more than {max(budgets)} per turn",
                "nobody can afford it",
                "warning",
            )
        )
    return out


def _check_field(eff: Effect, kind: str, base: str, sources: list[str]) -> list[Problem]:
    if field_spec(kind, eff.field, sources) is not None:
        return []
    names = field_names(kind, sources)
    return [
        _problem(
            f"{base}.field",
            f"'{eff.field}' is not a field of a {kind}",
            _did_you_mean(eff.field, names),
        )
    ]


def _check_plan(plan, base: str, known: list[str], turns: int, sc: Scenario) -> list[Problem]:
    out: list[Problem] = []
    for j, item in enumerate(plan):
        if item.move not in known:
            out.append(
                _problem(
                    f"{base}[{j}].move",
                    f"unknown move '{item.move}'",
                    _did_you_mean(item.move, known),
                )
            )
        for t in item.turn if isinstance(item.turn, list) else [item.turn]:
            if not 1 <= t <= turns:
                out.append(
                    _problem(f"{base}[{j}].turn", f"turn {t} does not exist", f"use 1..{turns}")
                )
        if item.target and _target_kind(item.target, sc) is None:
            known_targets = sc.state_ids() + [a.id for a in sc.infrastructure.assets]
            out.append(
                _problem(
                    f"{base}[{j}].target",
                    f"unknown target '{item.target}'",
                    _did_you_mean(item.target, known_targets),
                )
            )
    return out


def _check_condition(cond: Condition, base: str, sc: Scenario) -> list[Problem]:
    parts = cond.indicator.split(".")
    root = parts[0]
    ok = False
    if root == "alliance":
        ok = len(parts) == 2 and parts[1] in ("cohesion", "measures")
    elif root == "escalation":
        ok = len(parts) == 2 and parts[1] in ("level", "score")
    elif root == "partner":
        ok = len(parts) == 2 and parts[1] in ("generation_gw", "availability", "air_defence")
    elif root == "states":
        ok = len(parts) == 3 and parts[1] in ("mean", "min", "max") and parts[2] in STATE_INDICATORS
    elif root == "events":
        ok = (
            len(parts) == 3
            and parts[1] in EVENT_OUTCOMES
            and (parts[2] in [m.id for m in sc.toolkit.moves] or parts[2] == "any")
        )
    elif root in sc.state_ids():
        ok = len(parts) == 2 and parts[1] in STATE_INDICATORS
    if ok:
        return []
    hint = (
        f"state indicators: {', '.join(STATE_INDICATORS)}"
        if root in sc.state_ids() or root == "states"
        else "e.g. alliance.cohesion, escalation.level, states.mean.public_trust, "
        "DE.storage_fill, events.success.<move id>"
    )
    return [
        _problem(
            f"{base}.indicator",
            f"unknown indicator '{cond.indicator}'",
            _did_you_mean(root, [*INDICATOR_ROOTS, *sc.state_ids()])
            if root not in (*INDICATOR_ROOTS, *sc.state_ids())
            else hint,
        )
    ]


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
                _problem(
                    f"infrastructure.assets[{i}].type",
                    f"a {asset.type} needs one of {', '.join(needs)} in {asset.owner}, "
                    "which has none",
                    "the rule is skipped for it; add such an asset or set depends_on",
                    "warning",
                )
            )
    return out
