"""Cost per turn against the number of assets, 10^3 to 10^5 (synthetic baseline scenarios).

    .venv/bin/python benchmarks/bench_scaling.py

Each size is the baseline's 32 states with N generated assets (synthetic.py); 1% of the IT
assets start infected and 2% of assets damaged, so malware, cascades and supply losses all run.
Two figures per size: a whole turn (policies, adjudication, dynamics, indicators: what a game
costs) and the world's dynamics alone (model/dynamics.py: what this benchmark is about). The
target is a log-log slope of at most 1 (no worse than linear).
"""

from __future__ import annotations

import time

import numpy as np

from benchutil import median, write
from hybridsim.api import release
from hybridsim.model import HybridThreatModel, dynamics
from hybridsim.model.world import IT_TYPES, TYPE_CODE
from hybridsim.scenario import load_scenario
from synthetic import with_assets

SIZES = (1_000, 3_000, 10_000, 30_000, 100_000)
TURNS = 6
TARGET_SLOPE = 1.0


def _stress(model: HybridThreatModel, rng: np.random.Generator) -> None:
    world = model.world
    it = np.flatnonzero(np.isin(world.asset_type, [TYPE_CODE[t] for t in IT_TYPES]))
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


def main() -> None:
    base = load_scenario("baseline")
    rows = []
    for n in SIZES:
        rng = np.random.default_rng(n)
        scenario = with_assets(base, n, rng)
        model = HybridThreatModel(scenario, rng=1, turns=2 * TURNS + 2, keep_history=False)
        _stress(model, rng)
        model.step()  # warm-up
        turn_times, dyn_times = [], []
        for _ in range(TURNS):
            start = time.perf_counter()
            model.step()
            turn_times.append(time.perf_counter() - start)
        for _ in range(TURNS):
            dyn_times.append(_dynamics_turn(model))
        infected = int(model.world.infected.sum())
        release(model)
        rows.append(
            {
                "assets": n,
                "turn_s": turn_times,
                "dynamics_s": dyn_times,
                "median_turn_s": median(turn_times),
                "median_dynamics_s": median(dyn_times),
                "infected_at_end": infected,
            }
        )
        print(
            f"{n:>7} assets: turn {median(turn_times) * 1e3:7.1f} ms, "
            f"dynamics {median(dyn_times) * 1e3:6.2f} ms ({infected} infected)"
        )
    logn = np.log([r["assets"] for r in rows])
    out = {"sizes": list(SIZES), "rows": rows, "target_slope": TARGET_SLOPE}
    for key in ("turn", "dynamics"):
        logt = np.log([r[f"median_{key}_s"] for r in rows])
        slope = float(np.polyfit(logn, logt, 1)[0])
        top = float((logt[-1] - logt[-2]) / (logn[-1] - logn[-2]))
        out[f"{key}_slope"] = slope
        out[f"{key}_slope_top_decade"] = top
        print(f"{key}: log-log slope {slope:.2f} over 10^3..10^5, {top:.2f} from 3x10^4 to 10^5")
    ok = out["turn_slope_top_decade"] <= TARGET_SLOPE + 0.1 and out["dynamics_slope"] <= 1.1
    out["pass"] = bool(ok)
    print("PASS" if ok else "FAIL", f"(target: slope <= {TARGET_SLOPE:g}, 0.1 measurement slack)")
    write("scaling", out)


if __name__ == "__main__":
    main()
