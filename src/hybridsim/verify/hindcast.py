"""Hindcast: does the model's gas balance reproduce EU storage in the winter of 2022-23?

The baseline scenario's EU member states keep their own gas settings (demand, seasonal profile,
storage capacity, supply by source) and get the 2022-23 situation as the documented overrides in
:data:`ASSUMPTIONS`; the gas balance then runs week by week through the model's own
``dynamics.gas_turn`` from 1 November 2022 to 31 March 2023, with no adversary moves. The
EU-wide storage level is compared with the public record (GIE AGSI): above 90% throughout
November 2022, about 55% at the end of March 2023, with a band of 10 percentage points.

The run is deterministic (the gas balance draws no random numbers), so the tolerance is the
acceptance band itself, not a sampling error.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ..scenario import Scenario, load_scenario
from .table import Check, Outcome

START = dt.date(2022, 11, 1)
END = dt.date(2023, 3, 31)
BAND = 0.10  # percentage points, as a share

# EU member states (2022-23). Those in the scenario are used; Austria, Ireland, Cyprus and
# Malta are in the EU but not in NATO, so the baseline does not have them (together about 9%
# of EU storage capacity).
EU_MEMBERS = frozenset(
    ("AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT",
     "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE")
)  # fmt: skip

# Demand: the baseline's annual demand is 2023-24 consumption, already after the crisis cut.
# Before the crisis the EU used about 155 / 0.40 = 387 bcm a year (2021: 155 bcm from Russia,
# about 40% of consumption; IEA), against about 330 bcm in 2023 (Eurostat nrg_cb_gas).
CONSUMPTION_2021_BCM = 155.0 / 0.40
CONSUMPTION_2023_BCM = 330.0
PRE_CRISIS_DEMAND = CONSUMPTION_2021_BCM / CONSUMPTION_2023_BCM
DEMAND_CUT = 0.15  # Council Regulation (EU) 2022/1369: voluntary 15% cut, Aug 2022 - Mar 2023
FILL_1_NOVEMBER_2022 = 0.95  # GIE AGSI: EU storage about 95% full on 1 November 2022
STORAGE_TARGET_2023 = 0.90  # Regulation (EU) 2022/1032: 90% by 1 November from 2023


@dataclass(frozen=True)
class Assumption:
    """One documented difference between the baseline and the winter of 2022-23."""

    what: str
    change: str
    source: str


ASSUMPTIONS: tuple[Assumption, ...] = (
    Assumption(
        "annual_demand_bcm",
        f"baseline x {PRE_CRISIS_DEMAND:.3f} (back to pre-crisis demand)",
        "2021 EU consumption ~387 bcm (155 bcm from Russia = ~40%, IEA) vs ~330 bcm in 2023 "
        "(Eurostat)",
    ),
    Assumption(
        "demand_cut",
        f"{DEMAND_CUT:g} for every EU state",
        "Council Regulation (EU) 2022/1369, voluntary 15% demand reduction",
    ),
    Assumption(
        "storage_fill",
        f"{FILL_1_NOVEMBER_2022:g} on 1 November 2022 (storage filled beyond the 80% target)",
        "GIE AGSI; Regulation (EU) 2022/1032 (80% by 1 November 2022)",
    ),
    Assumption(
        "storage_target",
        f"{STORAGE_TARGET_2023:g} (only matters after 1 April)",
        "Regulation (EU) 2022/1032",
    ),
    Assumption(
        "supply_bcm",
        "kept from the baseline: Russian pipeline gas already largely cut (only TurkStream and "
        "transit routes), LNG at the post-2022 level (~130 bcm/yr to these states)",
        "IEA: Russian pipeline supply ~140 bcm (2021) -> ~60 bcm (2022), nearly all of it "
        "before Nord Stream stopped in September 2022; EU LNG imports up by ~60% in 2022",
    ),
    Assumption(
        "adversaries, injects, infrastructure",
        "none: the hindcast is the gas balance alone, with every asset working",
        "-",
    ),
)


@dataclass(frozen=True)
class RecordPoint:
    """A point of the public record: the EU storage fill over a period."""

    label: str
    start: dt.date
    end: dt.date
    fill: float
    compare: str  # "at_least": stays above fill over the period; "close": about fill at end
    source: str = "GIE AGSI"


RECORD: tuple[RecordPoint, ...] = (
    RecordPoint("above 90% in November 2022", dt.date(2022, 11, 1), dt.date(2022, 11, 30), 0.90,
                "at_least"),
    RecordPoint("about 55% at the end of March 2023", END, END, 0.55, "close"),
)  # fmt: skip


def winter_2022_23(scenario: Scenario) -> Scenario:
    """The scenario's EU member states with the 2022-23 overrides applied (frozen records are
    copied with ``model_copy``; the scenario itself is untouched)."""
    states = []
    for state in scenario.states:
        if state.id not in EU_MEMBERS:
            continue
        gas = state.gas.model_copy(
            update={
                "annual_demand_bcm": state.gas.annual_demand_bcm * PRE_CRISIS_DEMAND,
                "demand_cut": DEMAND_CUT,
                "storage_fill": FILL_1_NOVEMBER_2022,
                "storage_target": STORAGE_TARGET_2023,
            }
        )
        states.append(state.model_copy(update={"gas": gas}))
    if not states:
        raise ValueError("the scenario has no EU member states to hindcast")
    calendar = scenario.calendar.model_copy(
        update={"start": START, "turn_days": 7, "turns": (END - START).days // 7 + 1}
    )
    return scenario.model_copy(
        update={
            "states": states,
            "calendar": calendar,
            "adversaries": [],
            "injects": [],
            "partner": None,
            "infrastructure": scenario.infrastructure.model_copy(update={"assets": []}),
        }
    )


@dataclass(frozen=True)
class Trajectory:
    """EU-wide storage fill by date, and what the states went short of."""

    dates: tuple[dt.date, ...]
    fill: np.ndarray
    shortfall_bcm: float
    states: tuple[str, ...]
    capacity_bcm: float

    def at(self, day: dt.date) -> float:
        """Fill on a day (linear between turn ends)."""
        x = np.array([d.toordinal() for d in self.dates], dtype=np.float64)
        return float(np.interp(day.toordinal(), x, self.fill))

    def lowest(self, start: dt.date, end: dt.date) -> float:
        """Lowest fill from start to end (turn ends inside, and both ends)."""
        inside = [f for d, f in zip(self.dates, self.fill, strict=True) if start <= d <= end]
        return float(min([*inside, self.at(start), self.at(end)]))


def run_hindcast(scenario: Scenario | str = "baseline") -> Trajectory:
    """Run the winter through ``dynamics.gas_turn``: weekly turns, the last one shortened so
    the run ends on 31 March 2023."""
    from ..model.dynamics import gas_turn
    from ..model.world import build_world

    base = load_scenario(scenario) if isinstance(scenario, str) else scenario
    winter = winter_2022_23(base)
    world = build_world(winter, np.random.default_rng(0))  # seeds only unused opinions
    capacity = float(world.storage_capacity.sum())
    day = START
    dates, fill = [day], [float(world.storage_bcm.sum()) / capacity]
    shortfall = 0.0
    while day < END:
        days = min(7, (END - day).days)
        gas_turn(world, day, days)
        shortfall += float(world.shortfall_bcm.sum())
        day += dt.timedelta(days=days)
        dates.append(day)
        fill.append(float(world.storage_bcm.sum()) / capacity)
    return Trajectory(tuple(dates), np.array(fill), shortfall, tuple(world.state_ids), capacity)


_CACHE: dict[str, Trajectory] = {}


def _trajectory() -> Trajectory:
    if "baseline" not in _CACHE:
        _CACHE["baseline"] = run_hindcast("baseline")
    return _CACHE["baseline"]


def _record_run(point: RecordPoint):
    def run(rng: np.random.Generator) -> Outcome:
        traj = _trajectory()
        if point.compare == "at_least":
            value = traj.lowest(point.start, point.end)
        else:
            value = traj.at(point.end)
        basis = (
            f"10 pp band; deterministic ({len(traj.states)} EU states, "
            f"{traj.capacity_bcm:.0f} bcm storage)"
        )
        return Outcome(value, BAND, basis)

    return run


def _shortfall_run(rng: np.random.Generator) -> Outcome:
    traj = _trajectory()
    return Outcome(traj.shortfall_bcm, 1e-6, "no rationing in the record; rounding only")


def checks(quick: bool = False) -> list[Check]:
    """The hindcast rows: November level, end-of-March level, no rationing (same when quick:
    the run takes a fraction of a second)."""
    params = "baseline EU states, 2022-23 overrides, weekly gas_turn"
    out = [
        Check(
            "hindcast",
            f"EU storage fill: {point.label}"
            + (" (lowest)" if point.compare == "at_least" else ""),
            params,
            point.fill,
            _record_run(point),
            compare="at_least" if point.compare == "at_least" else "close",
            reference=point.source,
            expected_text=f"> {point.fill:.2f}" if point.compare == "at_least" else None,
        )
        for point in RECORD
    ]
    out.append(
        Check(
            "hindcast",
            "EU gas shortfall over the winter (bcm)",
            params,
            0.0,
            _shortfall_run,
            compare="at_most",
            reference="no rationing in 2022-23",
        )
    )
    return out


def plot(path: str | Path, trajectory: Trajectory | None = None) -> Path:
    """Draw the simulated EU storage fill against the public record (PNG)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    traj = trajectory or run_hindcast("baseline")
    fig, ax = plt.subplots(figsize=(8, 4.2), dpi=120)
    ax.plot(traj.dates, traj.fill * 100, marker="o", ms=3, label="hybridsim (gas_turn, weekly)")
    nov = RECORD[0]
    ax.fill_between(
        [nov.start, nov.end], nov.fill * 100, 100, color="tab:green", alpha=0.15,
        label="record: above 90% in November 2022 (AGSI)",
    )  # fmt: skip
    mar = RECORD[1]
    ax.errorbar(
        [mar.end], [mar.fill * 100], yerr=[[BAND * 100], [BAND * 100]], fmt="s",
        color="tab:red", capsize=4, label="record: ~55% end of March 2023 (AGSI), ±10 pp",
    )  # fmt: skip
    ax.set_ylim(30, 100)
    ax.set_ylabel("EU gas storage fill (%)")
    ax.set_title(f"Hindcast, winter 2022-23: {len(traj.states)} EU states of the baseline")
    ax.grid(alpha=0.3)
    ax.legend(loc="lower left", fontsize=8)
    fig.autofmt_xdate()
    fig.tight_layout()
    out = Path(path)
    fig.savefig(out)
    plt.close(fig)
    return out
