"""The world's own turn after the orders: malware and narratives spread, opinions settle,
failures cascade, gas flows, assets are repaired, the partner's grid recovers and threat
perception relaxes. Returns the events a facilitator sees of it."""

from __future__ import annotations

import numpy as np

from . import dynamics
from .event_text import Later
from .play import Draft, Play, draft

SHORTFALL_REPORTED_BCM = 1e-6  # smaller shortfalls are rounding, not rationing


def advance_world(play: Play, threat_baseline: np.ndarray) -> list[Draft]:
    """One turn of the world's dynamics (docs/mechanics.md), in their fixed order."""
    world = play.world
    scenario = play.scenario
    out: list[Draft] = []
    if world.infected.any():
        spread = dynamics.spread_malware(world, scenario, play.rng, world.malware_beta,
                                         world.malware_damage)
        if spread:
            out.append(draft("contagion", "white", note=f"malware spread to {spread} more assets",
                             effects=[f"{int(world.infected.sum())} assets infected"]))
    dynamics.spread_narratives(world, play.rng)
    dynamics.settle_opinions(world, scenario, play.rng)
    knocked, started = dynamics.cascade(world)
    if knocked.size:
        names = [world.asset_ids[i] for i in knocked[:dynamics.CASCADE_NAMES_SHOWN]]
        partner = scenario.partner.id if scenario.partner else "partner"
        out.append(draft("cascade", "white", effects=[f"{n} down (dependency)" for n in names],
                         note=Later(dynamics.cascade_note, world, knocked, started, partner)))
    dynamics.gas_turn(world, play.date, scenario.calendar.turn_days)
    short = np.flatnonzero(world.shortfall_bcm > SHORTFALL_REPORTED_BCM)
    if short.size:
        out.append(draft(
            "shortfall", "white",
            effects=[f"{world.state_ids[i]} short {world.shortfall_bcm[i]:.3g} bcm" for i in short],
            note="gas demand not met: rationing",
        ))
    dynamics.repair_assets(world, play.rates.repair)
    dynamics.partner_turn(world, world.partner_max_generation)
    dynamics.relax_threat(world, threat_baseline, scenario.calendar.turn_days)
    return out
