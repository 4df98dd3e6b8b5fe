"""Draw docs/hindcast.png: the model's EU storage fill in winter 2022-23 against GIE AGSI.

    .venv/bin/python benchmarks/plot_hindcast.py [OUT.png]

Also prints the trajectory, the error table for docs/verification.md and the largest error
with each input shifted by 5 points, and writes the run to benchmarks/results/hindcast.json.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from hybridsim.verify.hindcast import ASSUMPTIONS, error_table, plot, run_hindcast, shifted

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "hindcast.png"
    traj = run_hindcast("baseline")
    for day, fill in zip(traj.dates, traj.fill, strict=True):
        print(f"{day.isoformat()}  {fill:6.1%}")
    print(error_table(traj))
    for label, worst in shifted().items():
        print(f"{label}: largest error {worst * 100:.1f} pp")
    plot(out, traj)
    print(f"wrote {out}")
    results = ROOT / "benchmarks" / "results"
    results.mkdir(parents=True, exist_ok=True)
    (results / "hindcast.json").write_text(
        json.dumps(
            {
                "states": list(traj.states),
                "storage_capacity_bcm": traj.capacity_bcm,
                "shortfall_bcm": traj.shortfall_bcm,
                "trajectory": [
                    {"date": d.isoformat(), "fill": float(f)}
                    for d, f in zip(traj.dates, traj.fill, strict=True)
                ],
                "assumptions": [a.__dict__ for a in ASSUMPTIONS],
            },
            indent=2,
        )
        + "\n",
        encoding="utf-8",
    )


if __name__ == "__main__":
    main()
