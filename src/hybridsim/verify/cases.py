"""Calibration cases: the political layer against documented episodes.

Each case is a small shipped scenario (``scenarios/cases/``) whose documented outcome is known:
China's coercion of Lithuania (2021-22), the Balticconnector damage (2023), the Nord Stream
sabotage (2022), the 2022 gas cuts and NATO's language on China (Madrid 2022 to Washington
2024). A row plays the case over several seeds through the
game's own code and checks the direction and timing of the outcome within a stated band; where
the outcome is a difference the case makes, it is measured against the same scenario with the
adversary idle, on the same seeds (common random numbers). docs/calibration.md gives the
sources, the bands and why.

The rows can fail: tests/test_cases.py turns each mechanism off (investigation time, the rally,
the rally of governments dependent on a cut source, the hardening of a coerced target, the bite
of coercion, deniability) and shows its row failing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from ..model import HybridThreatModel
from ..model.dynamics import vote_support
from ..scenario import Scenario, load_scenario
from ..scenario.compose import shipped_dir
from ..scenario.variants import without_adversaries
from .table import Check, Comparison, Outcome, mean_outcome

CASES = shipped_dir() / "cases"
NAMING = "public_attribution"
MODEL = "cases"

# Bands (docs/calibration.md argues each).
HARDEN_BAND = 0.01  # Lithuania ends at least this far above where it would stand uncoerced
NAMING_DAYS = (7.0, 28.0)  # Balticconnector: the ship named after 9 days, its anchor after 16
RALLY_FLOOR = 0.002  # an attributed attack on an ally's soil moves its government up
DENIABLE_BAND = 0.005  # a deniable act moves the government by less than this either way
COHESION_HELD = -0.02  # the gas cuts may cost cohesion at most half a failed vote
SUPPORT_FLOOR = 0.002  # China's acts leave the allies more for a China focus than without them
STEP_FLOOR = 0.001  # ... and more at each summit than at the one before
HARDEN_FLOOR = 0.005  # a hardened government ends above the deniable band: a visible change


@lru_cache(maxsize=8)
def case_scenario(name: str) -> Scenario:
    """One shipped case, by file name without ``.yaml``."""
    return load_scenario(CASES / f"{name}.yaml")


def with_rule(scenario: Scenario, group: str, field: str, value: float) -> Scenario:
    """The scenario with one rule value changed (for mutations: the original is untouched)."""
    rules = scenario.rules
    changed = getattr(rules, group).model_copy(update={field: value})
    return scenario.model_copy(update={"rules": rules.model_copy(update={group: changed})})


@dataclass(frozen=True)
class Play:
    """What one seeded play of a case left behind: positions after each turn (turns x allies),
    the turns on which allies named an adversary, the turn of the first adversary move, and
    (when a focus is asked for) each ally's vote score on a proposal of that focus after each
    turn (turns x allies)."""

    positions: np.ndarray
    namings: tuple[int, ...]
    first_move: int | None
    cohesion: np.ndarray
    support: np.ndarray


def play(scenario: Scenario, seed: int, focus: str | None = None) -> Play:
    """Play a case to its end on one seed."""
    model = HybridThreatModel(scenario, rng=seed, keep_history=False)
    rows, cohesion, support = [], [], []
    while model.running:
        model.step()
        rows.append(model.world.position.copy())
        cohesion.append(model.world.cohesion)
        if focus is not None:
            support.append(vote_support(model.world, focus))
    namings = tuple(e.turn for e in model.events
                    if e.kind == "response" and getattr(e, "action", "") == NAMING)
    moves = [e.turn for e in model.events if e.kind == "move"]
    return Play(np.array(rows), namings, moves[0] if moves else None, np.array(cohesion),
                np.array(support))


def seeds_for(rng: np.random.Generator, runs: int) -> list[int]:
    return [int(s) for s in rng.integers(0, 2**31 - 1, size=runs)]


def paired(scenario: Scenario, seeds: list[int], what: str,
           focus: str | None = None) -> np.ndarray:
    """Per seed, one field of the case's play (``positions``, ``cohesion`` or ``support``)
    minus the same field with its adversaries idle, on the same seed."""
    idle = without_adversaries(scenario)
    return np.array([getattr(play(scenario, s, focus), what) - getattr(play(idle, s, focus), what)
                     for s in seeds])


def paired_change(scenario: Scenario, seeds: list[int], state: str) -> np.ndarray:
    """Per seed and turn, the ally's position in the case minus in the same case with its
    adversaries idle (same seed)."""
    index = [s.id for s in scenario.states].index(state)
    return paired(scenario, seeds, "positions")[:, :, index]


def paired_cohesion(scenario: Scenario, seeds: list[int]) -> np.ndarray:
    """Per seed and turn, the alliance's cohesion in the case minus with adversaries idle."""
    return paired(scenario, seeds, "cohesion")


def summits(scenario: Scenario) -> tuple[str, list[int]]:
    """The focus of the case's last proposal and, in order, the meetings at which its
    proposals of that focus are due (the China case: Madrid, Vilnius, Washington)."""
    focus = scenario.alliance.proposals[-1].focus
    turns = sorted(p.meeting for p in scenario.alliance.proposals
                   if p.focus == focus and p.meeting is not None)
    return focus, turns


def paired_support(scenario: Scenario, seeds: list[int]) -> np.ndarray:
    """Per seed and summit (seeds x summits), the allies' mean vote score on a proposal of
    the summits' focus in the week of each summit, in the case minus with its adversaries
    idle (same seed)."""
    focus, turns = summits(scenario)
    weeks = np.array(turns) - 1
    return paired(scenario, seeds, "support", focus).mean(axis=2)[:, weeks]


# ------------------------------------------------------------------ measures
def lowest_cohesion_change(scenario: Scenario) -> Callable[..., Outcome]:
    """The lowest, over the case's turns, of cohesion against no adversary acts."""
    def run(rng: np.random.Generator, runs: int) -> Outcome:
        return mean_outcome(paired_cohesion(scenario, seeds_for(rng, runs)).min(axis=1))
    return run


def change_after(scenario: Scenario, state: str, turn: int) -> Callable[..., Outcome]:
    """The ally's position against no incident, ``turn`` turns into the case."""
    def run(rng: np.random.Generator, runs: int) -> Outcome:
        change = paired_change(scenario, seeds_for(rng, runs), state)
        return mean_outcome(change[:, min(turn, change.shape[1]) - 1])
    return run


def naming_delay(scenario: Scenario) -> Callable[..., Outcome]:
    """Days from the incident to the first public naming (infinite when none came)."""
    low, high = NAMING_DAYS

    def run(rng: np.random.Generator, runs: int) -> Outcome:
        days = []
        for seed in seeds_for(rng, runs):
            result = play(scenario, seed)
            if not result.namings or result.first_move is None:
                days.append(float("inf"))
                continue
            days.append((result.namings[0] - result.first_move) * scenario.calendar.turn_days)
        mean = float(np.mean(days))
        spread = float(np.ptp(days)) if np.all(np.isfinite(days)) else float("inf")
        basis = (f"band {low:g}-{high:g} days, {runs} runs (range across runs "
                 f"{spread:g} days)")
        return Outcome(mean, (high - low) / 2, basis)
    return run


def naming_share(scenario: Scenario) -> Callable[..., Outcome]:
    """Share of runs in which any ally names an adversary before the case ends."""
    def run(rng: np.random.Generator, runs: int) -> Outcome:
        named = [bool(play(scenario, s).namings) for s in seeds_for(rng, runs)]
        return Outcome(float(np.mean(named)), 0.0, f"none allowed, {runs} runs")
    return run


def support_at_last_summit(scenario: Scenario) -> Callable[..., Outcome]:
    """The allies' mean vote score on the summits' focus against no adversary acts, at the
    last summit."""
    def run(rng: np.random.Generator, runs: int) -> Outcome:
        return mean_outcome(paired_support(scenario, seeds_for(rng, runs))[:, -1])
    return run


def smallest_rise_between_summits(scenario: Scenario) -> Callable[..., Outcome]:
    """Per seed the smallest rise, from one summit to the next, of that score against no
    adversary acts (positive when it rose at every summit)."""
    def run(rng: np.random.Generator, runs: int) -> Outcome:
        change = paired_support(scenario, seeds_for(rng, runs))
        return mean_outcome(np.diff(change, axis=1).min(axis=1))
    return run


# ------------------------------------------------------------------ the rows
def _check(quantity: str, parameters: str, expected: float, measure: Callable[..., Outcome],
           runs: int, compare: Comparison, reference: str, expected_text: str) -> Check:
    return Check(MODEL, quantity, parameters, expected, lambda rng: measure(rng, runs),
                 compare=compare, reference=reference, expected_text=expected_text)


def lithuania_check(scenario: Scenario | None = None, runs: int = 40) -> Check:
    scenario = scenario or case_scenario("lithuania_2021")
    return _check(
        "LT position vs no coercion, at the end", "lithuania_2021, 16 weeks",
        HARDEN_BAND, change_after(scenario, "LT", scenario.calendar.turns), runs, "at_least",
        "Drezner 1999; the office stayed open through 2022", f"≥ {HARDEN_BAND:g} (hardens)")


def balticconnector_timing_check(scenario: Scenario | None = None, runs: int = 40) -> Check:
    scenario = scenario or case_scenario("balticconnector_2023")
    low, high = NAMING_DAYS
    return _check(
        "days from damage to public naming", "balticconnector_2023, 3-day turns",
        (low + high) / 2, naming_delay(scenario), runs, "close",
        "Finnish police: ship named 17 Oct, anchor confirmed 24 Oct 2023",
        f"{low:g} to {high:g}")


def balticconnector_rally_check(scenario: Scenario | None = None, runs: int = 40) -> Check:
    scenario = scenario or case_scenario("balticconnector_2023")
    return _check(
        "FI position vs no incident, 2 weeks on", "balticconnector_2023 (attributed)",
        RALLY_FLOOR, change_after(scenario, "FI", 5), runs, "at_least",
        "Mueller 1970; Baker & Oneal 2001", f"≥ {RALLY_FLOOR:g} (rallies)")


def nord_stream_naming_check(scenario: Scenario | None = None, runs: int = 40) -> Check:
    scenario = scenario or case_scenario("nord_stream_2022")
    return _check(
        "share of runs with a public naming", "nord_stream_2022, 26 weeks",
        0.0, naming_share(scenario), runs, "at_most",
        "no government attribution (Swedish and Danish cases closed 2024)", "0 (never)")


def nord_stream_deniable_check(scenario: Scenario | None = None, runs: int = 40) -> Check:
    scenario = scenario or case_scenario("nord_stream_2022")
    return _check(
        "DE position vs no sabotage, 4 weeks on", "nord_stream_2022 (deniable)",
        0.0, _within(change_after(scenario, "DE", 4)), runs, "close",
        "JRC/Hybrid CoE 2021: deniable acts do not rally", f"0 ± {DENIABLE_BAND:g}")


def _within(measure: Callable[..., Outcome]) -> Callable[..., Outcome]:
    """A measure read against the fixed band :data:`DENIABLE_BAND` instead of its SE."""
    def run(rng: np.random.Generator, runs: int) -> Outcome:
        outcome = measure(rng, runs)
        return Outcome(outcome.simulated, DENIABLE_BAND, f"band ±{DENIABLE_BAND:g}, "
                       f"{outcome.basis}")
    return run


def gas_crisis_check(scenario: Scenario | None = None, runs: int = 40) -> Check:
    scenario = scenario or case_scenario("gas_crisis_2022")
    return _check(
        "cohesion vs no gas cuts, lowest over the case", "gas_crisis_2022, 30 weeks",
        COHESION_HELD, lowest_cohesion_change(scenario), runs, "at_least",
        "no ally broke ranks on gas; Reg. 2022/1369 adopted", f"≥ {COHESION_HELD:g} (held)")


def nato_china_support_check(scenario: Scenario | None = None, runs: int = 40) -> Check:
    scenario = scenario or case_scenario("nato_china_2022")
    return _check(
        "allies' China-focus vote score vs China idle, at Washington",
        "nato_china_2022, 128 weeks", SUPPORT_FLOOR, support_at_last_summit(scenario), runs,
        "at_least", "Washington Summit Declaration, 10 Jul 2024",
        f"≥ {SUPPORT_FLOOR:g} (rises)")


def nato_china_timing_check(scenario: Scenario | None = None, runs: int = 40) -> Check:
    scenario = scenario or case_scenario("nato_china_2022")
    return _check(
        "smallest rise of that score from one summit to the next",
        "nato_china_2022: Madrid, Vilnius, Washington", STEP_FLOOR,
        smallest_rise_between_summits(scenario), runs, "at_least",
        "Strategic Concept 2022; Vilnius 2023; Washington 2024",
        f"≥ {STEP_FLOOR:g} (each summit above the last)")


def gas_crisis_germany_check(scenario: Scenario | None = None, runs: int = 40) -> Check:
    scenario = scenario or case_scenario("gas_crisis_2022")
    return _check(
        "DE position vs no gas cuts, at the end", "gas_crisis_2022, 30 weeks",
        HARDEN_FLOOR, change_after(scenario, "DE", scenario.calendar.turns), runs, "at_least",
        "Germany ended Russian imports, built LNG terminals (REPowerEU)",
        f"≥ {HARDEN_FLOOR:g} (hardens)")


def checks(quick: bool = False) -> list[Check]:
    """The calibration rows: 40 paired seeds each (10 in the quick subset)."""
    runs = 10 if quick else 40
    return [
        lithuania_check(runs=runs),
        balticconnector_timing_check(runs=runs),
        balticconnector_rally_check(runs=runs),
        nord_stream_naming_check(runs=runs),
        nord_stream_deniable_check(runs=runs),
        gas_crisis_check(runs=runs),
        gas_crisis_germany_check(runs=runs),
        nato_china_support_check(runs=runs),
        nato_china_timing_check(runs=runs),
    ]
