"""Paired-seed outcome comparisons: what a rule change does to games, with 95% intervals.

Not a speed benchmark: the tool behind every "model changes are claims" table. The same seeds
are played twice — by two versions of hybridsim (whichever is first on ``PYTHONPATH``) or by two
variants of a scenario — so each seed is its own control (common random numbers) and the
interval is on the paired differences.

    python benchmarks/paired_outcomes.py collect baseline --seeds 40 --out before.csv
    python benchmarks/paired_outcomes.py collect baseline --seeds 40 --set sharing.rate=0 \
        --out no_sharing.csv
    python benchmarks/paired_outcomes.py collect baseline --seeds 40 --variant without_eu \
        --out without_eu.csv
    python benchmarks/paired_outcomes.py collect baseline --seeds 40 --positions HU SK DE \
        --out positions.csv
    python benchmarks/paired_outcomes.py compare before.csv no_sharing.csv [--markdown]
    python benchmarks/paired_outcomes.py fates wedge.csv

``fates`` summarises one file: how often the alliance fractured (with a Wilson 95% interval)
and how much its fate differs from seed to seed (sd of final cohesion, decisions taken).

``collect`` writes one row per seed: alliance, state means, energy, infrastructure and
adversary totals at the end of the game. ``compare`` prints, per outcome, the mean of A, the
mean of B and the mean paired difference B − A with its 95% t-interval.
"""

from __future__ import annotations

import argparse
import csv
import math
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import numpy as np
import yaml
from scipy import stats

STATE_MEANS = (
    "public_trust",
    "polarisation",
    "alignment",
    "threat_perception",
    "ukraine_support",
    "infrastructure",
)


def outcomes_of(model: Any) -> dict[str, float]:
    """One game's outcomes as flat numbers (totals over the game where a count is meant)."""
    log = model.indicator_log
    first, last = log[0], log[-1]
    row: dict[str, float] = {
        "turns_played": float(model.turn),
        "fractured": float("fractured" in (model.end_reason or "")),
        "cohesion_start": float(first.alliance["cohesion"]),
        "cohesion_end": float(last.alliance["cohesion"]),
        "cohesion_min": float(min(rec.alliance["cohesion"] for rec in log)),
        "escalation_level_max": float(max(rec.alliance["escalation_level"] for rec in log)),
        "escalation_score_end": float(last.alliance["escalation_score"]),
        "measures_adopted": float(last.alliance["measures"]),
        "storage_fill_end": float(last.alliance["storage_fill"]),
        "assets_working_end": float(last.alliance["assets_working"]),
        "shortfall_bcm_total": float(sum(rec.state["shortfall_bcm"].sum() for rec in log)),
    }
    for name in STATE_MEANS:
        if name in last.state:
            row[f"{name}_mean_end"] = float(np.mean(last.state[name]))
    if "availability" in last.partner:
        row["partner_availability_end"] = float(last.partner["availability"])
    for adversary in model.world.adversary_ids:
        mine = [e for e in model.events if e.kind == "move" and e.actor == adversary]
        row[f"{adversary}_moves"] = float(len(mine))
        row[f"{adversary}_successes"] = float(sum(e.outcome == "success" for e in mine))
        row[f"{adversary}_detected"] = float(sum(bool(e.detected) for e in mine))
        row[f"{adversary}_attributed"] = float(sum(bool(e.attributed) for e in mine))
    row["ally_responses"] = float(sum(e.kind == "response" for e in model.events))
    row["public_attributions"] = float(sum(
        e.kind == "response" and e.action == "public_attribution" for e in model.events))
    row["adversary_moves"] = float(sum(e.kind == "move" for e in model.events))
    row["learning_events"] = float(sum(e.kind == "learning" for e in model.events))
    row.update(_coercion_and_eu(model))
    return row


def _coercion_and_eu(model: Any) -> dict[str, float]:
    """Successful economic and coercive moves, gas shortfall, and the EU's decisions."""
    moves = model.catalogue.moves
    won = [e for e in model.events if e.kind == "move" and e.outcome == "success"]
    eu = getattr(model.scenario, "eu", None)
    decided = [e for e in model.events if eu is not None and e.kind == "vote"
               and e.actor == eu.id]
    return {
        "economic_successes": float(sum(e.domain == "economic" for e in won)),
        "coercion_successes": float(sum(
            "coercion" in getattr(moves.get(e.action), "tags", ()) for e in won)),
        "eu_decisions": float(len(decided)),
        "eu_adopted": float(sum(e.outcome == "adopted" for e in decided)),
    }


def scenario_with(name: str, settings: Iterable[str]) -> Any:
    """The scenario, with ``path=value`` settings applied and validated like a file."""
    from hybridsim.scenario import load_scenario
    from hybridsim.sweep import paths

    scenario = load_scenario(name)
    pairs = []
    for setting in settings:
        path, sep, text = setting.partition("=")
        if not sep:
            raise SystemExit(f"error: --set expects PATH=VALUE, got {setting!r}")
        ref = paths.resolve(scenario, path.strip())
        pairs.append((ref.data_path, ref.coerce(yaml.safe_load(text))))
    return paths.apply(scenario, pairs) if pairs else scenario


def _variant(name: str) -> Any:
    """A standard variant by name, from this repository's file (as benchmarks/ablations.py)."""
    import importlib.util

    path = Path(__file__).resolve().parents[1] / "src/hybridsim/scenario/variants.py"
    spec = importlib.util.spec_from_file_location("paired_variants", path)
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    if name not in module.VARIANTS:
        raise SystemExit(f"error: unknown variant {name!r}; known: {', '.join(module.VARIANTS)}")
    return module.VARIANTS[name]


def collect(args: argparse.Namespace) -> int:
    from hybridsim.model import HybridThreatModel

    scenario = scenario_with(args.scenario, args.set)
    if args.variant:
        scenario = _variant(args.variant)(scenario)
    rows = []
    seeds = range(args.first_seed, args.first_seed + args.seeds)
    for done, seed in enumerate(seeds, 1):
        model = HybridThreatModel(scenario, rng=seed, turns=args.turns, keep_history=False)
        model.run()
        rows.append({"seed": seed, **outcomes_of(model), **positions_of(model, args.positions)})
        print(f"\r{done}/{len(seeds)} games", end="", file=sys.stderr, flush=True)
    print(file=sys.stderr)
    columns = write(args.out, rows)
    print(f"wrote {args.out}: {len(rows)} seeds × {len(columns)} outcomes")
    return 0


def positions_of(model: Any, states: list[str]) -> dict[str, float]:
    """The named allies' governments' positions on the alliance line at the end."""
    ids = list(model.world.state_ids)
    unknown = [s for s in states if s not in ids]
    if unknown:
        raise SystemExit(f"error: --positions: no ally {', '.join(unknown)} in the scenario")
    return {f"position_{s}_end": float(model.world.position[ids.index(s)]) for s in states}


def write(path: Path, rows: list[dict[str, float]]) -> list[str]:
    """One row per seed, outcomes in sorted columns; returns the outcome columns."""
    columns = sorted({key for row in rows for key in row} - {"seed"})
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=["seed", *columns], restval="")
        writer.writeheader()
        writer.writerows(rows)
    return columns


def read(path: Path) -> dict[int, dict[str, float]]:
    with open(path, encoding="utf-8") as handle:
        return {
            int(row["seed"]): {k: float(v) for k, v in row.items() if k != "seed" and v != ""}
            for row in csv.DictReader(handle)
        }


def paired_interval(diff: np.ndarray, level: float = 0.95) -> tuple[float, float, float]:
    """Mean of the paired differences and its two-sided t-interval."""
    mean = float(diff.mean())
    if diff.size < 2:  # an interval needs two pairs
        return mean, math.nan, math.nan
    quantile = stats.t.ppf(0.5 + level / 2, diff.size - 1)
    half = float(quantile * diff.std(ddof=1) / math.sqrt(diff.size))
    return mean, mean - half, mean + half


def compare(args: argparse.Namespace) -> int:
    a, b = read(args.a), read(args.b)
    seeds = sorted(set(a) & set(b))
    if not seeds:
        raise SystemExit("error: the two files share no seed")
    names = [n for n in a[seeds[0]] if all(n in a[s] and n in b[s] for s in seeds)]
    rows = []
    for name in names:
        xa = np.array([a[s][name] for s in seeds])
        xb = np.array([b[s][name] for s in seeds])
        mean, low, high = paired_interval(xb - xa)
        rows.append((name, xa.mean(), xb.mean(), mean, low, high))
    head = ("outcome", f"A {args.a.name}", f"B {args.b.name}", "B − A", "95% interval")
    print(f"{len(seeds)} paired seeds")
    if args.markdown:
        print("| " + " | ".join(head) + " |")
        print("|" + "---|" * len(head))
        for name, ma, mb, d, lo, hi in rows:
            print(f"| {name} | {ma:.4g} | {mb:.4g} | {d:+.4g} | [{lo:+.4g}, {hi:+.4g}] |")
    else:
        print(f"{head[0]:<32}{'A':>11}{'B':>11}{'B − A':>11}  95% interval")
        for name, ma, mb, d, lo, hi in rows:
            print(f"{name:<32}{ma:>11.4g}{mb:>11.4g}{d:>+11.4g}  [{lo:+.4g}, {hi:+.4g}]")
    return 0


def wilson_interval(hits: int, n: int, z: float = 1.96) -> tuple[float, float]:
    """Wilson score interval of a proportion: sound near 0 and 1, unlike the normal one."""
    if n == 0:
        return math.nan, math.nan
    p = hits / n
    centre = p + z * z / (2 * n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    return max((centre - half) / (1 + z * z / n), 0.0), min((centre + half) / (1 + z * z / n), 1.0)


def fates(args: argparse.Namespace) -> int:
    rows = list(read(args.file).values())
    if not rows:
        raise SystemExit(f"error: {args.file} has no rows")
    fractured = int(sum(r["fractured"] for r in rows))
    low, high = wilson_interval(fractured, len(rows))
    print(f"{len(rows)} seeds; fractured {fractured} ({fractured / len(rows):.1%}, "
          f"Wilson 95% [{low:.1%}, {high:.1%}])")
    for name in ("cohesion_end", "cohesion_min", "measures_adopted", "turns_played"):
        x = np.array([r[name] for r in rows])
        print(f"{name:<20} mean {x.mean():.4g}  sd {x.std(ddof=1):.4g}  "
              f"range {x.min():.4g} to {x.max():.4g}")
    counts = np.bincount(np.array([int(r["measures_adopted"]) for r in rows]))
    print("decisions taken (measures adopted): "
          + ", ".join(f"{k} in {c} seeds" for k, c in enumerate(counts.tolist()) if c))
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    c = sub.add_parser("collect", help="play seeds of a scenario; one row of outcomes per seed")
    c.add_argument("scenario", help="a shipped scenario's name or a path")
    c.add_argument("--seeds", type=int, default=40, help="how many seeds (default 40)")
    c.add_argument("--first-seed", type=int, default=1)
    c.add_argument("--turns", type=int, default=None, help="stop after this many turns")
    c.add_argument("--set", action="append", default=[], metavar="PATH=VALUE",
                   help="change a scenario value by its sweep path (repeatable)")
    c.add_argument("--variant", default="", help="a standard variant of the scenario "
                   "(src/hybridsim/scenario/variants.py), e.g. without_eu")
    c.add_argument("--positions", nargs="+", default=[], metavar="ALLY",
                   help="also record these allies' positions at the end (e.g. HU SK DE)")
    c.add_argument("--out", type=Path, required=True)
    c.set_defaults(run=collect)
    d = sub.add_parser("compare", help="paired differences B − A with 95%% intervals")
    d.add_argument("a", type=Path)
    d.add_argument("b", type=Path)
    d.add_argument("--markdown", action="store_true", help="print a Markdown table")
    d.set_defaults(run=compare)
    f = sub.add_parser("fates", help="fracture rate (Wilson 95%%) and spread of one file")
    f.add_argument("file", type=Path)
    f.set_defaults(run=fates)
    args = parser.parse_args(argv)
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main())
