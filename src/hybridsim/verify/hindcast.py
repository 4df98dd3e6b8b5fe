"""Hindcast: does the model's gas balance reproduce EU storage in the winter of 2022-23?

The record is GIE AGSI+'s EU storage fill on dated gas days from 2 November 2022 to 18 March
2023 (``data/agsi_eu_2022_23.csv``, with who reported each figure). The baseline scenario's EU
member states keep their own gas settings (storage capacity, supply by source) and get the
2022-23 situation from the sourced inputs in :data:`ASSUMPTIONS`; the run starts from the
observed fill on the first day and the model's own ``dynamics.gas_turn`` runs week by week,
with no adversary moves. Every record day must be matched within 5 percentage points.

No input is fitted to the series: each comes from a published figure (Eurostat, IEA, AGSI's
first day). The run is deterministic (the gas balance draws no random numbers), so the
tolerance is the band itself; ``shifted`` re-runs it with any input moved by 5 points, which
takes it out of the band (tests/test_verify.py), so the check can fail.
"""

from __future__ import annotations

import csv
import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ..scenario import Scenario, load_scenario
from .table import Check, Outcome

DATA = Path(__file__).resolve().parent / "data" / "agsi_eu_2022_23.csv"
BAND = 0.05  # percentage points, as a share


@dataclass(frozen=True)
class RecordPoint:
    """One day of the public record: the EU storage fill on that gas day."""

    day: dt.date
    fill: float
    reported_by: str


def read_record(path: Path = DATA) -> tuple[RecordPoint, ...]:
    """The AGSI series shipped with hybridsim (comment lines start with #)."""
    with path.open(encoding="utf-8") as handle:
        rows = csv.DictReader(line for line in handle if not line.startswith("#"))
        return tuple(
            RecordPoint(dt.date.fromisoformat(r["date"]), float(r["fill_pct"]) / 100.0,
                        r["reported_by"])
            for r in rows
        )  # fmt: skip


RECORD = read_record()
START, END = RECORD[0].day, RECORD[-1].day

# EU member states (2022-23). Those in the scenario are used; Austria, Ireland, Cyprus and
# Malta are in the EU but not in NATO, so the baseline does not have them (together about 9%
# of EU storage capacity).
EU_MEMBERS = frozenset(
    ("AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT",
     "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE")
)  # fmt: skip

# Demand level: the baseline's annual demand is 2023-24 consumption, after the crisis. Before
# it the EU used about 155 / 0.40 = 387 bcm a year (2021: 155 bcm from Russia, about 40% of
# consumption; IEA), against about 330 bcm in 2023 (Eurostat nrg_cb_gas).
CONSUMPTION_2021_BCM = 155.0 / 0.40
CONSUMPTION_2023_BCM = 330.0
PRE_CRISIS_DEMAND = CONSUMPTION_2021_BCM / CONSUMPTION_2023_BCM
# Eurostat (nrg_cb_gasm; news releases of 20 Dec 2022, 21 Feb 2023 and 19 Apr 2023): EU
# consumption in each month against the 2017-2022 average of that month.
MONTHLY_CUT = {11: 0.250, 12: 0.123, 1: 0.190, 2: 0.147, 3: 0.171}
# Seasonal profile: Eurostat's EU consumption of January 2022 (1,938 PJ) and July 2022 (785 PJ)
# give peak/trough = (1 + A) / (1 - A) = 2.47, A = 0.42, winter share 0.5 + A / pi = 0.634.
JAN_2022_PJ, JUL_2022_PJ = 1938.0, 785.0
_AMPLITUDE = (JAN_2022_PJ / JUL_2022_PJ - 1.0) / (JAN_2022_PJ / JUL_2022_PJ + 1.0)
WINTER_SHARE = round(0.5 + _AMPLITUDE / np.pi, 3)
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
        f"baseline x {PRE_CRISIS_DEMAND:.3f} (the pre-crisis level the cuts are measured from)",
        "2021 EU consumption ~387 bcm (155 bcm from Russia = ~40%, IEA) vs ~330 bcm in 2023 "
        "(Eurostat)",
    ),
    Assumption(
        "demand_cut",
        "by month: Nov 25.0%, Dec 12.3%, Jan 19.0%, Feb 14.7%, Mar 17.1%",
        "Eurostat nrg_cb_gasm: EU consumption against the 2017-2022 average of each month",
    ),
    Assumption(
        "winter_share",
        f"{WINTER_SHARE:g} for every EU state (seasonal amplitude of EU consumption)",
        "Eurostat: EU consumption 1,938 PJ in January 2022, 785 PJ in July 2022",
    ),
    Assumption(
        "storage_fill",
        f"{RECORD[0].fill:g} on {START:%d %B %Y}, the first day of the record",
        "GIE AGSI+ (data/agsi_eu_2022_23.csv)",
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
class Inputs:
    """The hindcast's inputs; ``shifted`` moves one of them."""

    fill: float = RECORD[0].fill
    demand: float = PRE_CRISIS_DEMAND
    supply: float = 1.0
    cut_shift: float = 0.0


def winter_2022_23(scenario: Scenario, inputs: Inputs = Inputs()) -> Scenario:
    """The scenario's EU member states with the 2022-23 inputs applied (frozen records are
    copied with ``model_copy``; the scenario itself is untouched). The monthly demand cut is
    applied turn by turn in :func:`run_hindcast`."""
    states = []
    for state in scenario.states:
        if state.id not in EU_MEMBERS:
            continue
        gas = state.gas.model_copy(
            update={
                "annual_demand_bcm": state.gas.annual_demand_bcm * inputs.demand,
                "demand_cut": 0.0,
                "winter_share": WINTER_SHARE,
                "storage_fill": inputs.fill,
                "storage_target": STORAGE_TARGET_2023,
                "supply_bcm": {k: v * inputs.supply for k, v in state.gas.supply_bcm.items()},
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


def run_hindcast(scenario: Scenario | str = "baseline", inputs: Inputs = Inputs()) -> Trajectory:
    """Run the winter through ``dynamics.gas_turn``: weekly turns, the month's demand cut set
    before each, the last turn shortened so the run ends on the record's last day."""
    from ..model.dynamics import gas_turn
    from ..model.world import build_world

    base = load_scenario(scenario) if isinstance(scenario, str) else scenario
    winter = winter_2022_23(base, inputs)
    world = build_world(winter, np.random.default_rng(0))  # seeds only unused opinions
    capacity = float(world.storage_capacity.sum())
    day = START
    dates, fill = [day], [float(world.storage_bcm.sum()) / capacity]
    shortfall = 0.0
    while day < END:
        days = min(7, (END - day).days)
        world.demand_cut = np.full(len(world.state_ids), MONTHLY_CUT[day.month] + inputs.cut_shift)
        gas_turn(world, day, days)
        shortfall += float(world.shortfall_bcm.sum())
        day += dt.timedelta(days=days)
        dates.append(day)
        fill.append(float(world.storage_bcm.sum()) / capacity)
    return Trajectory(tuple(dates), np.array(fill), shortfall, tuple(world.state_ids), capacity)


def errors(traj: Trajectory) -> list[tuple[RecordPoint, float, float]]:
    """(record point, simulated fill, simulated - record) for every record day."""
    return [(p, traj.at(p.day), traj.at(p.day) - p.fill) for p in RECORD]


SHIFTS = {
    "storage fill on the first day -5 pp": Inputs(fill=RECORD[0].fill - 0.05),
    "storage fill on the first day +5 pp": Inputs(fill=min(RECORD[0].fill + 0.05, 1.0)),
    "demand level -5%": Inputs(demand=PRE_CRISIS_DEMAND * 0.95),
    "demand level +5%": Inputs(demand=PRE_CRISIS_DEMAND * 1.05),
    "supply -5%": Inputs(supply=0.95),
    "supply +5%": Inputs(supply=1.05),
    "monthly demand cut -5 pp": Inputs(cut_shift=-0.05),
    "monthly demand cut +5 pp": Inputs(cut_shift=0.05),
}


def shifted() -> dict[str, float]:
    """Largest |simulated - record| with each input moved by 5 points (what must leave the
    band for the check to mean anything)."""
    return {
        label: max(abs(e) for *_, e in errors(run_hindcast("baseline", inputs)))
        for label, inputs in SHIFTS.items()
    }


_CACHE: dict[str, Trajectory] = {}


def _trajectory() -> Trajectory:
    if "baseline" not in _CACHE:
        _CACHE["baseline"] = run_hindcast("baseline")
    return _CACHE["baseline"]


def _record_run(point: RecordPoint):
    def run(rng: np.random.Generator) -> Outcome:
        traj = _trajectory()
        basis = (
            f"5 pp band; deterministic ({len(traj.states)} EU states, "
            f"{traj.capacity_bcm:.0f} bcm storage)"
        )
        return Outcome(traj.at(point.day), BAND, basis)

    return run


def _shortfall_run(rng: np.random.Generator) -> Outcome:
    traj = _trajectory()
    return Outcome(traj.shortfall_bcm, 1e-6, "no rationing in the record; rounding only")


def checks(quick: bool = False) -> list[Check]:
    """One row per record day after the first (the start), and no rationing (same when quick:
    the run takes a fraction of a second)."""
    params = "baseline EU states, sourced 2022-23 inputs, weekly gas_turn"
    out = [
        Check(
            "hindcast",
            f"EU storage fill on {point.day.isoformat()}",
            params,
            point.fill,
            _record_run(point),
            reference=f"GIE AGSI+ ({point.reported_by.split(':')[0]})",
        )
        for point in RECORD[1:]
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


def error_table(traj: Trajectory | None = None) -> str:
    """The monthly error table (Markdown) for docs/verification.md."""
    traj = traj or _trajectory()
    lines = ["| gas day | AGSI+ (%) | hybridsim (%) | error (pp) |", "|---|---|---|---|"]
    for point, sim, err in errors(traj):
        lines.append(
            f"| {point.day.isoformat()} | {point.fill * 100:.2f} | {sim * 100:.2f} | "
            f"{err * 100:+.2f} |"
        )
    return "\n".join(lines)


def plot(path: str | Path, trajectory: Trajectory | None = None) -> Path:
    """Draw the simulated EU storage fill against the AGSI record (PNG)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    traj = trajectory or run_hindcast("baseline")
    fig, ax = plt.subplots(figsize=(8, 4.2), dpi=120)
    ax.plot(traj.dates, traj.fill * 100, marker="o", ms=3, label="hybridsim (gas_turn, weekly)")
    ax.errorbar(
        [p.day for p in RECORD], [p.fill * 100 for p in RECORD], yerr=BAND * 100, fmt="s",
        color="tab:red", capsize=4, label="GIE AGSI+ EU fill, ±5 pp band",
    )  # fmt: skip
    ax.set_ylim(40, 100)
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
