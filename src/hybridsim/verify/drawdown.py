"""Energy with a known answer: a winter's storage drawdown under cosine demand.

One state, constant supply s (bcm/yr) below demand all winter, storage S0 on 1 November, no
injection in winter (the storage goal is 0 from November to March). The game's own
``dynamics.gas_turn`` runs it week by week. Demand is D(t) = D (1 + A cos(2 pi (t - 15) /
365.25)) with A = pi (winter_share - 0.5) (``seasonal_factor``), so the storage left after T
days is exactly

    S(T) = S0 - [(D - s) T + D A (365.25 / 2 pi) (sin(phi(T)) - sin(phi(0)))] / 365,

phi(t) = 2 pi (t0 + t - 15) / 365.25, t0 = 305 (1 November). When S(T) would go negative the
gas runs out and the rest is shortfall: shortfall(T) = max(0, -S(T)).

The turn applies the day-of-year demand of its first day to all its days (a left Riemann sum),
so the tolerance is that rule's error bound, fixed in advance (Euler–Maclaurin): h/2 times the
change of the demand rate between the ends, plus max|D''| h^3 / 12 per turn, plus the
day-of-year's reset on 1 January (a quarter-day phase slip), all over 365.
"""

from __future__ import annotations

import datetime as dt
import math

import numpy as np

from ..scenario.schema import Calendar, Gas, GasSource, MemberState, Scenario
from .table import Check, Outcome

START = dt.date(2024, 11, 1)
DAYS = 150  # 1 November to 31 March
YEAR = 365.25


def analytic_storage(s0: float, demand: float, supply: float, winter_share: float, days: float):
    """(storage, shortfall) after ``days`` from 1 November, by the formula above."""
    amplitude = math.pi * (winter_share - 0.5)
    t0 = START.timetuple().tm_yday

    def phase(t: float) -> float:
        return 2.0 * math.pi * (t0 + t - 15.0) / YEAR

    used = (demand - supply) * days + demand * amplitude * YEAR / (2.0 * math.pi) * (
        math.sin(phase(days)) - math.sin(phase(0.0))
    )
    left = s0 - used / 365.0
    return max(left, 0.0), max(-left, 0.0)


def riemann_bound(demand: float, winter_share: float, days: int, step: int = 7) -> float:
    """Error bound of the weekly left Riemann sum over ``days`` (Euler–Maclaurin): the end
    correction h/2 |D(T) - D(0)|, plus turns x max|D''| h^3 / 12, plus the New Year reset."""
    amplitude = demand * math.pi * (winter_share - 0.5)  # bcm/yr
    omega = 2.0 * math.pi / YEAR
    t0 = START.timetuple().tm_yday

    def rate(t: float) -> float:
        return amplitude * math.cos(omega * (t0 + t - 15.0))

    turns = math.ceil(days / step)
    ends = step / 2.0 * abs(rate(days) - rate(0.0))
    curvature = turns * amplitude * omega**2 * step**3 / 12.0
    reset = amplitude * omega * 0.25 * days
    return (ends + curvature + reset) / 365.0


def one_state(s0_share: float, capacity: float, demand: float, supply: float, winter_share: float):
    """A one-state scenario, built in code, for the game's own gas turn."""
    gas = Gas(
        annual_demand_bcm=demand,
        winter_share=winter_share,
        storage_capacity_bcm=capacity,
        storage_fill=s0_share,
        storage_target=0.9,
        supply_bcm={"pipe": supply},
    )
    return Scenario(
        name="drawdown",
        title="analytic drawdown",
        calendar=Calendar(start=START, turn_days=7, turns=DAYS // 7 + 1),
        gas_sources=[GasSource(id="pipe")],
        states=[MemberState(id="XX", name="X", population_m=1.0, gas=gas)],
    )


def run_drawdown(scenario: Scenario) -> tuple[float, float]:
    """Storage left and total shortfall after DAYS, through ``dynamics.gas_turn``."""
    from ..model.dynamics import gas_turn
    from ..model.world import build_world

    world = build_world(scenario, np.random.default_rng(0))
    day, end, short = START, START + dt.timedelta(days=DAYS), 0.0
    while day < end:
        days = min(7, (end - day).days)
        gas_turn(world, day, days)
        short += float(world.shortfall_bcm.sum())
        day += dt.timedelta(days=days)
    return float(world.storage_bcm.sum()), short


# (label, storage fill on 1 Nov, capacity, demand, supply, winter share): the first keeps gas
# to spare, the second runs dry in February. Withdrawal never reaches the deliverability cap.
CASES = (
    ("ample storage", 0.9, 40.0, 60.0, 30.0, 0.62),
    ("runs dry", 0.5, 40.0, 80.0, 30.0, 0.7),
)


def _run(case: tuple, what: str):
    _, fill, capacity, demand, supply, share = case

    def run(rng: np.random.Generator) -> Outcome:
        storage, short = run_drawdown(one_state(fill, capacity, demand, supply, share))
        bound = riemann_bound(demand, share, DAYS)
        value = storage if what == "storage" else short
        return Outcome(value, bound, f"weekly left Riemann sum bound {bound:.3g} (theory)")

    return run


def checks() -> list[Check]:
    out = []
    for case in CASES:
        label, fill, capacity, demand, supply, share = case
        storage, short = analytic_storage(fill * capacity, demand, supply, share, DAYS)
        params = (
            f"{label}: S0={fill * capacity:g} bcm, D={demand:g}, s={supply:g} bcm/yr, "
            f"winter share {share:g}, 1 Nov + {DAYS} d"
        )
        out.append(
            Check("energy", "winter drawdown: storage left (bcm), analytic", params, storage,
                  _run(case, "storage"), reference="closed-form integral of seasonal_factor")
        )  # fmt: skip
        out.append(
            Check("energy", "winter drawdown: shortfall (bcm), analytic", params, short,
                  _run(case, "short"), reference="closed-form integral of seasonal_factor")
        )  # fmt: skip
    return out
