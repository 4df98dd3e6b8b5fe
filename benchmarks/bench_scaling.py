"""Cost per turn as a game grows: assets from real sizes (16) to 10^5, states, turns.

    .venv/bin/python benchmarks/bench_scaling.py                 # 3 seeds, 6 timed turns each
    .venv/bin/python benchmarks/bench_scaling.py --seeds 1 --turns 3 --largest 10000   # a look

Three families of synthetic games, each timed turn by turn:
- assets: the baseline's 32 states with N generated assets (synthetic.py), N from 16 (the
  tutorial's size) and 249 (the baseline's) up to 10^5; 1% of the IT assets start infected and
  2% of assets damaged, so malware, cascades and supply losses all run;
- states: the first S of the baseline's states (S = 4 ... 32) with 1,000 assets;
- turns: the shipped baseline (249 assets) played for T = 6 ... 52 turns, cost per turn.

Interleaved: every model of a seed is built first, then each timed turn steps every model once,
in turn, so a change in the machine's speed touches every size alike (the turns family plays its
four game lengths one after another in each seed); with several seeds, the median per size over
seeds and turns is reported. Two figures per size: a whole turn (policies,
adjudication, dynamics, indicators) and the world's dynamics alone (model/dynamics.py). Slopes
are log-log, overall and between neighbouring sizes: a fixed cost per turn flattens the
overall slope at small sizes, so the local slopes at the top say how the cost really grows.
The target is a slope of at most 1 (no worse than linear) at the largest sizes.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from typing import Any

import numpy as np

from benchutil import median, write
from hybridsim.api import release
from hybridsim.model import HybridThreatModel, dynamics
from hybridsim.model.world import IT_TYPES, TYPE_CODE
from hybridsim.scenario import Scenario, load_scenario
from synthetic import with_assets

ASSETS = (16, 64, 249, 1_000, 3_000, 10_000, 30_000, 100_000)
STATES = (4, 8, 16, 32)
STATE_FAMILY_ASSETS = 1_000
GAME_TURNS = (6, 13, 26, 52)
TARGET_SLOPE = 1.0


def _stress(model: HybridThreatModel, rng: np.random.Generator) -> None:
    world = model.world
    it = np.flatnonzero(np.isin(world.asset_type, [TYPE_CODE[t] for t in IT_TYPES]))
    if it.size:
        world.infected[rng.choice(it, max(1, it.size // 100), replace=False)] = True
    world.malware_beta, world.malware_damage = 0.3, 0.05
    hit = rng.choice(world.health.size, max(1, world.health.size // 50), replace=False)
    world.health[hit] = 0.2


def _dynamics_turn(model: HybridThreatModel) -> float:
    """The world's dynamics of one turn, as HybridThreatModel._dynamics runs them."""
    world, scenario, rng = model.world, model.scenario, model.rng
    start = time.perf_counter()
    dynamics.spread_malware(world, scenario, rng, world.malware_beta, world.malware_damage)
    dynamics.spread_narratives(world, rng)
    dynamics.settle_opinions(world, scenario, rng)
    dynamics.cascade(world)
    dynamics.gas_turn(world, model.date, scenario.calendar.turn_days)
    dynamics.repair_assets(world, scenario.infrastructure.repair_per_turn)
    return time.perf_counter() - start


def with_states(scenario: Scenario, count: int) -> Scenario:
    """The scenario with only its first ``count`` states (references to others are ignored)."""
    return scenario.model_copy(update={"states": scenario.states[:count]})


def _timed(step: Callable[[], Any]) -> float:
    start = time.perf_counter()
    step()
    return time.perf_counter() - start


def grow(base: Scenario, seed: int, turns: int, largest: int) -> dict[str, dict[str, list]]:
    """One seed of the assets and states families, interleaved turn by turn."""
    rng = np.random.default_rng(seed)
    games: dict[str, HybridThreatModel] = {}
    for n in (a for a in ASSETS if a <= largest):
        games[f"assets={n}"] = HybridThreatModel(
            with_assets(base, n, rng), rng=seed, turns=2 * turns + 2, keep_history=False
        )
    for s in STATES:
        games[f"states={s}"] = HybridThreatModel(
            with_assets(with_states(base, s), STATE_FAMILY_ASSETS, rng),
            rng=seed, turns=2 * turns + 2, keep_history=False,
        )  # fmt: skip
    for model in games.values():
        _stress(model, rng)
        model.step()  # warm-up
    times: dict[str, dict[str, list]] = {k: {"turn_s": [], "dynamics_s": []} for k in games}
    for _ in range(turns):
        for key, model in games.items():
            times[key]["turn_s"].append(_timed(model.step))
    for _ in range(turns):
        for key, model in games.items():
            times[key]["dynamics_s"].append(_dynamics_turn(model))
    for model in games.values():
        release(model)
    return times


def lengths(base: Scenario, seed: int) -> dict[str, list[float]]:
    """One seed of the turns family: cost per turn of whole baseline games, interleaved."""
    out: dict[str, list[float]] = {}
    for t in GAME_TURNS:
        model = HybridThreatModel(base, rng=seed, turns=t, keep_history=False)
        out[f"turns={t}"] = [_timed(model.run) / t]
        release(model)
    return out


def slopes(sizes: list[int], seconds: list[float]) -> dict[str, Any]:
    logn, logt = np.log(sizes), np.log(seconds)
    local = np.diff(logt) / np.diff(logn)
    return {
        "overall": round(float(np.polyfit(logn, logt, 1)[0]), 3),
        "local": {
            f"{a}->{b}": round(float(v), 3)
            for a, b, v in zip(sizes[:-1], sizes[1:], local, strict=True)
        },
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=3)
    parser.add_argument("--turns", type=int, default=6, help="timed turns per model and seed")
    parser.add_argument("--largest", type=int, default=ASSETS[-1])
    args = parser.parse_args()
    base = load_scenario("baseline")
    pooled: dict[str, dict[str, list[float]]] = {}
    for seed in range(1, args.seeds + 1):
        for key, values in grow(base, seed, args.turns, args.largest).items():
            for what, seconds in values.items():
                pooled.setdefault(key, {}).setdefault(what, []).extend(seconds)
        for key, per_turn in lengths(base, seed).items():
            pooled.setdefault(key, {}).setdefault("turn_s", []).extend(per_turn)
    rows = {
        key: {f"median_{what}": median(v) for what, v in values.items()}
        for key, values in pooled.items()
    }
    for key, row in rows.items():
        shown = "  ".join(f"{w[len('median_') :]} {v * 1e3:8.2f} ms" for w, v in row.items())
        print(f"{key:>14}: {shown}")
    out: dict[str, Any] = {
        "seeds": args.seeds,
        "timed_turns": args.turns,
        "rows": rows,
        "samples": pooled,
        "target_slope": TARGET_SLOPE,
    }
    for family, values in (("assets", ASSETS), ("states", STATES)):
        sizes = [v for v in values if f"{family}={v}" in rows]
        for what in ("turn_s", "dynamics_s"):
            found = slopes(sizes, [rows[f"{family}={v}"][f"median_{what}"] for v in sizes])
            out[f"{family}_{what.removesuffix('_s')}_slope"] = found
            print(f"{family} / {what.removesuffix('_s')}: log-log slope {found['overall']:.2f}; "
                  f"between sizes {found['local']}")  # fmt: skip
    per_turn = [rows[f"turns={t}"]["median_turn_s"] for t in GAME_TURNS]
    out["turns_per_turn_cost"] = slopes(list(GAME_TURNS), per_turn)
    print(f"baseline, cost per turn over {GAME_TURNS} turns: "
          + ", ".join(f"{v * 1e3:.1f} ms" for v in per_turn))  # fmt: skip
    top = list(out["assets_turn_slope"]["local"].values())[-1]
    out["pass"] = bool(top <= TARGET_SLOPE + 0.1)
    print("PASS" if out["pass"] else "FAIL", f"(largest step's slope {top:.2f}; target <= 1)")
    write("scaling", out)


if __name__ == "__main__":
    main()
