"""The ablation table: what each part of the game does to the allies, on paired seeds.

Plays the same seeds of a scenario in its standard variants (baseline, no adversaries, no
sharing, no proposals, without the EU, covert-only and overt-only campaigns, the null game:
src/hybridsim/scenario/variants.py; ``--only`` plays some of them) with whichever
hybridsim is first on PYTHONPATH, and writes one CSV per variant in the format of
paired_outcomes.py (one row of outcomes per seed, plus public attributions and adversary
moves). ``table`` then prints, per version, each variant's paired difference from the baseline
with its 95% interval, and, given two versions, each variant's change between them.

    PYTHONPATH=OLD/src python benchmarks/ablations.py collect --out before
    PYTHONPATH=src     python benchmarks/ablations.py collect --out after
    python benchmarks/ablations.py table before after

The variants are loaded from this repository's file by path, so an older hybridsim plays
exactly the same variants (except the campaign variants: a version without
``adversaries[].campaign`` plays them as the baseline).
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from paired_outcomes import outcomes_of, paired_interval, read, write

VARIANTS_FILE = Path(__file__).resolve().parents[1] / "src/hybridsim/scenario/variants.py"
SHOWN = ("cohesion_end", "cohesion_min", "fractured", "measures_adopted", "public_trust_mean_end",
         "threat_perception_mean_end", "polarisation_mean_end", "ukraine_support_mean_end",
         "escalation_level_max", "public_attributions", "adversary_moves", "storage_fill_end",
         "shortfall_bcm_total", "coercion_successes", "economic_successes")


def _variants() -> dict:
    spec = importlib.util.spec_from_file_location("ablation_variants", VARIANTS_FILE)
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module.VARIANTS


def collect(args: argparse.Namespace) -> int:
    from hybridsim.model import HybridThreatModel
    from hybridsim.scenario import load_scenario

    base = load_scenario(args.scenario)
    args.out.mkdir(parents=True, exist_ok=True)
    for name, make in _variants().items():
        if args.only and name not in args.only:
            continue
        scenario = make(base)
        rows = []
        for seed in range(args.first_seed, args.first_seed + args.seeds):
            model = HybridThreatModel(scenario, rng=seed, keep_history=False)
            model.run()
            rows.append({"seed": seed, **outcomes_of(model)})
        write(args.out / f"{name}.csv", rows)
        print(f"{name}: {len(rows)} seeds", file=sys.stderr)
    return 0


def _cell(a: dict, b: dict, name: str) -> str:
    seeds = sorted(set(a) & set(b))
    xa = np.array([a[s].get(name, np.nan) for s in seeds])
    xb = np.array([b[s].get(name, np.nan) for s in seeds])
    mean, low, high = paired_interval(xb - xa)
    if np.isnan(mean):
        return "–"
    return f"{mean:+.3g} [{low:+.3g}, {high:+.3g}]"


def table(args: argparse.Namespace) -> int:
    versions = {d.name: {p.stem: read(p) for p in sorted(d.glob("*.csv"))} for d in args.dirs}
    for version, runs in versions.items():
        base = runs["baseline"]
        others = [v for v in runs if v != "baseline"]
        print(f"\n### {version}: variant − baseline, {len(base)} paired seeds, 95% intervals\n")
        print("| outcome | baseline mean | " + " | ".join(others) + " |")
        print("|---|---|" + "---|" * len(others))
        for name in SHOWN:
            mean = np.mean([row.get(name, np.nan) for row in base.values()])
            cells = [_cell(base, runs[v], name) for v in others]
            print(f"| {name} | {mean:.3g} | " + " | ".join(cells) + " |")
    if len(versions) == 2:
        (a_name, a), (b_name, b) = versions.items()
        variants = [v for v in a if v in b]
        print(f"\n### {b_name} − {a_name}, each variant on its own paired seeds\n")
        print("| outcome | " + " | ".join(variants) + " |")
        print("|---|" + "---|" * len(variants))
        for name in SHOWN:
            print(f"| {name} | " + " | ".join(_cell(a[v], b[v], name) for v in variants) + " |")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    c = sub.add_parser("collect", help="play every variant on the same seeds")
    c.add_argument("--scenario", default="baseline")
    c.add_argument("--seeds", type=int, default=40)
    c.add_argument("--first-seed", type=int, default=1)
    c.add_argument("--out", type=Path, required=True)
    c.add_argument("--only", nargs="+", default=[], metavar="VARIANT",
                   help="play only these variants (e.g. baseline without_eu)")
    c.set_defaults(run=collect)
    t = sub.add_parser("table", help="paired differences with 95%% intervals")
    t.add_argument("dirs", type=Path, nargs="+")
    t.set_defaults(run=table)
    args = parser.parse_args(argv)
    return args.run(args)


if __name__ == "__main__":
    raise SystemExit(main())
