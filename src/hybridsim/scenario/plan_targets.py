"""Scripted orders whose target can never be legal for their move or response.

Why at validation: the game refuses such an order every turn it comes up and the only trace
is a line in the event log, so a student sees "RU 0 moves" and no reason. What can be decided
from the file alone is checked here (the kind of target, an asset's type, who owns it, who
controls a gas source, who may use a response); what depends on the state of play (escalation,
budgets, cyber posture) is left to the game.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from .errors import Problem
from .schema import Action, Move, PlanItem, Response, Scenario


@dataclass(frozen=True)
class PlanActor:
    """Who plays a plan: an adversary (moves) or an ally (responses)."""

    id: str
    base: str  # the plan's field path, e.g. "adversaries[0].policy"
    is_adversary: bool


def check_plan_targets(sc: Scenario, kinds: dict[str, str]) -> list[Problem]:
    """One error per plan order that the game would refuse whatever happens."""
    actions: dict[str, Action] = {a.id: a for a in (*sc.toolkit.moves, *sc.toolkit.responses)}
    scripted = "scripted"  # other policies ignore the plan (a warning says so)
    actors = [
        PlanActor(a.id, f"adversaries[{i}].policy", True)
        for i, a in enumerate(sc.adversaries)
        if a.policy.kind == scripted
    ]
    actors += [
        PlanActor(s.id, f"states[{i}].policy", False)
        for i, s in enumerate(sc.states)
        if s.policy and s.policy.kind == scripted
    ]
    plans = {a.id: a.policy.plan for a in sc.adversaries}
    plans.update({s.id: s.policy.plan for s in sc.states if s.policy})
    out: list[Problem] = []
    for actor in actors:
        for j, item in enumerate(plans[actor.id]):
            action = actions.get(item.move)
            if action is None or isinstance(action, Move) != actor.is_adversary:
                continue  # unknown ids are reported by the reference checks
            why = _refusal(sc, kinds, actor, action, item)
            if why:
                message, hint = why
                path = (
                    f"{actor.base}.plan[{j}].target" if item.target else f"{actor.base}.plan[{j}]"
                )
                out.append(Problem("", None, None, path, message, hint))
    return out


def _refusal(
    sc: Scenario, kinds: dict[str, str], actor: PlanActor, action: Action, item: PlanItem
) -> tuple[str, str] | None:
    if isinstance(action, Response) and action.actors is not None and actor.id not in action.actors:
        return (
            f"{actor.id} may not use '{action.id}' (its actors: {', '.join(action.actors)})",
            "choose another response, or add the state to its actors",
        )
    candidates = _candidates(sc, actor, action)
    if not candidates:
        return f"'{action.id}' has no legal target in this scenario", _known(candidates)
    if item.target is None:
        if len(candidates) > 1:
            return f"'{action.id}' needs a target", _known(candidates)
        return None
    if item.target in candidates:
        return None
    kind = kinds.get(item.target)
    if kind is None:
        return None  # an unknown id is reported by the reference checks
    return (
        f"'{item.target}' is not a legal target for '{action.id}': "
        + _mismatch(sc, actor, action, item.target, kind),
        _known(candidates),
    )


def _mismatch(sc: Scenario, actor: PlanActor, action: Action, target: str, kind: str) -> str:
    """Why a target of a known id is refused, in the student's words."""
    wanted = _KIND_WORDS.get(action.target, action.target)
    if kind == "asset" and action.target == "asset":
        asset = next(a for a in sc.infrastructure.assets if a.id == target)
        if asset.type not in action.asset_types:
            types = ", ".join(t.value for t in action.asset_types)
            return f"it is a {asset.type.value}, and '{action.id}' hits {types}"
        return f"it belongs to {asset.owner}, not {actor.id}"
    if kind == "source" and action.target == "source":
        return f"{actor.id} does not control it (the move requires source control)"
    if kind == "state" and action.target in ("self", "state") and not actor.is_adversary:
        return f"{actor.id} can play it on itself only"
    return f"it is {_KIND_WORDS.get(kind, kind)}, and '{action.id}' is played on {wanted}"


def _known(candidates: list[str]) -> str:
    if not candidates:
        return "nothing in this scenario is a legal target for it"
    shown = ", ".join(candidates[:8]) + (", ..." if len(candidates) > 8 else "")
    return f"legal targets: {shown}"


_KIND_WORDS = {
    "state": "a member state",
    "asset": "an asset",
    "source": "a gas source",
    "partner": "the partner",
    "alliance": "the alliance",
    "self": "the ally itself",
    "adversary": "an adversary",
}


def _move_candidates(sc: Scenario, actor: PlanActor, move: Action) -> list[str]:
    if move.target == "state":
        return sc.state_ids()
    if move.target == "asset":
        return [a.id for a in sc.infrastructure.assets if a.type in move.asset_types]
    if move.target == "source":
        needs_control = isinstance(move, Move) and move.preconditions.requires_source_control
        return [s.id for s in sc.gas_sources if not needs_control or s.controlled_by == actor.id]
    return _shared_candidates(sc, move.target)


def _response_candidates(sc: Scenario, actor: PlanActor, response: Action) -> list[str]:
    if response.target in ("self", "state"):
        return [actor.id]
    if response.target == "asset":
        return [
            a.id
            for a in sc.infrastructure.assets
            if a.owner == actor.id and a.type in response.asset_types
        ]
    if response.target == "adversary":
        return sc.adversary_ids()
    return _shared_candidates(sc, response.target)


def _shared_candidates(sc: Scenario, kind: str) -> list[str]:
    if kind == "partner":
        return [sc.partner.id] if sc.partner else []
    if kind == "alliance":
        return ["alliance"]
    return []


_CANDIDATES: dict[bool, Callable[[Scenario, PlanActor, Action], list[str]]] = {
    True: _move_candidates,
    False: _response_candidates,
}


def _candidates(sc: Scenario, actor: PlanActor, action: Action) -> list[str]:
    """The targets the game could accept for this actor's order, as far as the file tells."""
    return _CANDIDATES[actor.is_adversary](sc, actor, action)
