"""Regenerate the golden playthroughs: one seeded transcript per shipped scenario.

    python tests/golden/regenerate.py          # rewrite every transcript
    python tests/golden/regenerate.py tutorial # only some

Review the diff before committing: a changed transcript is a changed game.
"""

from __future__ import annotations

import sys
from pathlib import Path

from hybridsim.model import HybridThreatModel
from hybridsim.scenario import load_scenario, shipped_scenarios
from hybridsim.transcript import transcript

HERE = Path(__file__).resolve().parent
GOLDEN_TURNS = 8


def golden_text(name: str) -> str:
    """The transcript of the scenario's own seed, for its first GOLDEN_TURNS turns."""
    scenario = load_scenario(name)
    model = HybridThreatModel(scenario, turns=min(GOLDEN_TURNS, scenario.calendar.turns),
                              keep_history=False)
    model.run()
    return transcript(model)


def golden_path(name: str) -> Path:
    return HERE / f"{name}.txt"


def main(names: list[str]) -> None:
    for name in names or shipped_scenarios():
        golden_path(name).write_text(golden_text(name), encoding="utf-8")
        print(f"wrote {golden_path(name).name}")


if __name__ == "__main__":
    main(sys.argv[1:])
