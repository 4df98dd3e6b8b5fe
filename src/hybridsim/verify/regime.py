"""Where each shipped scenario runs its mechanics, relative to their critical points.

- Malware (SIS on the IT network): beta lambda_max / delta, the threshold being 1 (Wang et al.
  2003). beta is the strongest malware move of the scenario's toolkit; delta the mean cure of
  the IT assets at the states' starting cyber posture.
- Opinions (Deffuant): eps against the consensus threshold of about 0.27 (Deffuant et al.
  2000); below it a public settles into about floor(1 / (2 eps)) camps, above it into one.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

CONSENSUS_EPS = 0.27  # Deffuant et al. (2000), mu = 0.5, uniform start


@dataclass(frozen=True)
class Regime:
    """One scenario's mechanics against their critical points."""

    scenario: str
    it_assets: int
    lambda_max: float
    beta: float
    delta: float
    eps: float

    @property
    def tau(self) -> float:
        """beta lambda_max / delta: above 1 malware persists, below it dies out."""
        return self.beta * self.lambda_max / self.delta if self.delta > 0 else math.inf

    @property
    def opinion_regime(self) -> str:
        if self.eps >= CONSENSUS_EPS:
            return "consensus (one camp)"
        return f"about {math.floor(1 / (2 * self.eps))} camps"


def scenario_regime(name: str) -> Regime:
    """The regime of one shipped scenario (its world as built, before any move)."""
    from ..model.dynamics import malware_cure_per_turn
    from ..model.turn_rates import share
    from ..model.world import build_world
    from ..scenario import load_scenario
    from .graphs import largest_eigenvalue

    scenario = load_scenario(name)
    world = build_world(scenario, np.random.default_rng(0))
    it = np.flatnonzero(np.diff(world.it_network.indptr) > 0)
    sub = world.it_network[it][:, it]
    lam = largest_eigenvalue(sub) if it.size > 1 else 0.0
    days = scenario.calendar.turn_days  # per-turn rates, as dynamics.spread_malware applies them
    betas = [share(m.malware.beta, days) for m in scenario.toolkit.moves if m.malware is not None]
    # The cure dynamics.spread_malware applies, at the starting cyber posture.
    cure = malware_cure_per_turn(world, scenario)[it]
    return Regime(
        scenario=name,
        it_assets=int(it.size),
        lambda_max=float(lam),
        beta=max(betas, default=0.0),
        delta=float(cure.mean()) if cure.size else 0.0,
        eps=scenario.mechanics.confidence,
    )


def regimes() -> list[Regime]:
    from ..scenario import shipped_scenarios

    return [scenario_regime(name) for name in shipped_scenarios()]


def regime_markdown(rows: list[Regime] | None = None) -> list[str]:
    """The table for the scenario reference and `hybridsim verify`."""
    rows = rows if rows is not None else regimes()
    out = [
        "| scenario | IT assets | λ_max | malware β | mean cure δ | λ_max β/δ (threshold 1) "
        f"| Deffuant ε (consensus from ~{CONSENSUS_EPS:g}) | opinions settle into |",
        "| --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for r in rows:
        out.append(
            f"| {r.scenario} | {r.it_assets} | {r.lambda_max:.2f} | {r.beta:g} | {r.delta:.3f} "
            f"| {r.tau:.2f} | {r.eps:g} | {r.opinion_regime} |"
        )
    return out
