"""Injects: scripted or conditional events the white cell brings into the situation brief."""

from __future__ import annotations

from collections.abc import Callable

from ..scenario.schema import Condition, Inject
from .event_text import LineParts, Lines
from .moves import apply_scoped, damage_asset
from .orders import resolve_target
from .play import Draft, Play, draft, state_id

_COMPARE: dict[str, Callable[[float, float], bool]] = {
    "<": lambda a, b: a < b,
    "<=": lambda a, b: a <= b,
    ">": lambda a, b: a > b,
    ">=": lambda a, b: a >= b,
    "==": lambda a, b: a == b,
}


def holds(cond: Condition, value: float) -> bool:
    return _COMPARE[cond.op](value, cond.value)


def inject_fires(play: Play, inject: Inject, read: Callable[[str], float]) -> bool:
    """Whether an inject fires this turn (``read``: an indicator path's value now)."""
    if inject.turn is not None and inject.turn != play.turn:
        return False
    if inject.when is None:
        return True
    if inject.once and inject.id in play.world.fired_injects:
        return False
    return holds(inject.when, read(inject.when.indicator))  # type: ignore[arg-type]


def fire_inject(play: Play, inject: Inject) -> Draft:
    """Play an inject: its damage and effects on its target."""
    world = play.world
    world.fired_injects.append(inject.id)
    target = resolve_target(world, play.scenario, inject.target)
    lines: LineParts = []
    with play.watch(f"inject: {inject.name or inject.id}"):
        if inject.damage and target is not None and target.kind == "asset":
            lines += damage_asset(world, target.index, inject.damage)
        for effect in inject.effects:
            lines += apply_scoped(world, effect, target, None, play.turn, inject.id)
    return draft("inject", "white", action=inject.id, target=inject.target or "",
                 target_state=state_id(world, target), effects=Lines(lines),
                 note=f"{inject.name}: {inject.description}".strip(": "))
