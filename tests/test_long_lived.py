"""The objects alive when a process builds its first game are frozen out of the collector's
reach once (model/long_lived.py); later games are collected as before."""

from __future__ import annotations

import subprocess
import sys

SCRIPT = """
import gc
from hybridsim.model import HybridThreatModel
from hybridsim.scenario import load_scenario
scenario = load_scenario("tutorial")
assert gc.get_freeze_count() == 0
first = HybridThreatModel(scenario, rng=1, keep_history=False)
frozen = gc.get_freeze_count()
first.run()
del first
HybridThreatModel(scenario, rng=2, keep_history=False).run()
print(frozen, gc.get_freeze_count())
"""


def test_the_first_game_freezes_what_is_alive_and_later_games_freeze_nothing():
    out = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True,
                         check=True).stdout.split()
    frozen, after = int(out[0]), int(out[1])
    assert frozen > 10_000  # the imported libraries and the scenario
    assert after == frozen  # the first game and its garbage stay collectable
