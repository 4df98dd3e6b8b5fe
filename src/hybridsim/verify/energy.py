"""The gas balance in real model runs, and the N-1 indicator of Regulation (EU) 2017/1938.

Mass balance: in every turn of a real game, summed over the states,
imports = consumption + change in storage, solidarity transfers included (they move gas between
states and cancel in the sum; per state, imports - consumption - change in storage equals what
the state gave minus what it received). Storage stays within [0, capacity]. The tolerance is
floating-point rounding only: 1e-9 of the total yearly demand. A stressed variant (LNG and
Norwegian supply cut by a scripted inject, a cold snap) makes states short, so the solidarity
transfers are exercised.

N-1 (Annex II): N-1 = (EP_m + P_m + S_m + LNG_m - I_m) / D_max x 100, and with demand-side
measures (D_max - D_eff) in the denominator; worked examples computed by hand.
"""

from __future__ import annotations

import numpy as np

from ..mechanics.energy import n_minus_1
from ..scenario import Scenario, load_scenario
from ..scenario.schema import Effect, Inject
from . import drawdown
from .table import Check, Outcome

REGULATION = "Regulation (EU) 2017/1938, Annex II"
ROUNDING = 1e-9


def stressed(scenario: Scenario) -> Scenario:
    """The scenario with LNG down to 30% and Norwegian gas to 50% from turn 3, and a cold
    snap on turns 4-6: enough to make states short and call on solidarity."""
    sources = {s.id for s in scenario.gas_sources}
    injects = list(scenario.injects)
    for source, level in (("lng", 0.3), ("norway", 0.5)):
        if source in sources:
            injects.append(
                Inject(
                    id=f"verify_cut_{source}",
                    name=f"{source} supply cut (verification stress)",
                    turn=3,
                    target=source,
                    effects=[Effect(field="availability", set=level)],
                )
            )
    injects.append(
        Inject(
            id="verify_cold_snap",
            name="Cold snap (verification stress)",
            turn=4,
            effects=[Effect(field="demand_shock", on="all_states", add=0.5, duration=3)],
        )
    )
    return scenario.model_copy(update={"injects": injects})


def balance_audit(scenario: Scenario, seeds: tuple[int, ...], turns: int) -> dict[str, float]:
    """Play real games and audit every turn's gas flows (the model's ``world.gas_flows``).

    Returns the largest total imbalance, the largest per-state imbalance once solidarity
    transfers are counted, the largest breach of [0, capacity], and how many turns had
    solidarity transfers and shortfalls.
    """
    from ..api import release
    from ..model import HybridThreatModel

    worst = {"total": 0.0, "per_state": 0.0, "bounds": 0.0, "solidarity": 0, "short": 0}
    worst["scale"] = sum(s.gas.annual_demand_bcm for s in scenario.states)
    worst["turns"] = 0
    for seed in seeds:
        model = HybridThreatModel(scenario, rng=seed, turns=turns, keep_history=False)
        while model.running:
            model.step()
            flows = model.world.gas_flows
            if flows is None:
                continue
            worst["turns"] += 1
            worst["total"] = max(worst["total"], flows.imbalance())
            change = flows.storage - flows.storage_before
            per_state = flows.imports - flows.consumption - change - (flows.given - flows.received)
            worst["per_state"] = max(worst["per_state"], float(np.abs(per_state).max()))
            capacity = model.world.storage_capacity
            breach = max(float((-flows.storage).max()), float((flows.storage - capacity).max()))
            worst["bounds"] = max(worst["bounds"], breach, 0.0)
            worst["solidarity"] += int(flows.received.sum() > 0)
            worst["short"] += int(flows.shortfall.sum() > 1e-12)
        release(model)
    return worst


_AUDITS: dict[tuple, dict[str, float]] = {}


def _audit(name: str, stress: bool, seeds: tuple[int, ...], turns: int) -> dict[str, float]:
    key = (name, stress, seeds, turns)
    if key not in _AUDITS:
        scenario = load_scenario(name)
        _AUDITS[key] = balance_audit(stressed(scenario) if stress else scenario, seeds, turns)
    return _AUDITS[key]


def _balance_run(name: str, stress: bool, seeds: tuple[int, ...], turns: int, what: str):
    def run(rng: np.random.Generator) -> Outcome:
        audit = _audit(name, stress, seeds, turns)
        tol = ROUNDING * audit["scale"]
        basis = (
            f"rounding (1e-9 x {audit['scale']:.4g} bcm/yr); {int(audit['turns'])} turns, "
            f"{int(audit['short'])} with shortfall, {int(audit['solidarity'])} with solidarity"
        )
        if what == "bounds":
            return Outcome(audit["bounds"], 0.0, "exact (storage is clipped to its range)")
        return Outcome(audit[what], tol, basis)

    return run


N1_EXAMPLES = (
    # (label, EP_m, P_m, S_m, LNG_m, I_m, D_max, D_eff, value computed by hand)
    ("compliant area", 300.0, 40.0, 120.0, 60.0, 150.0, 320.0, 0.0, 370.0 / 320.0 * 100.0),
    ("largest pipeline lost", 180.0, 10.0, 40.0, 0.0, 120.0, 150.0, 0.0, 110.0 / 150.0 * 100.0),
    ("same, demand-side D_eff=30", 180.0, 10.0, 40.0, 0.0, 120.0, 150.0, 30.0, 110.0 / 120.0 * 100),
)


def _n1_run(args: tuple[float, ...]):
    def run(rng: np.random.Generator) -> Outcome:
        return Outcome(n_minus_1(*args), 1e-9, "exact arithmetic (hand-computed example)")

    return run


def checks(quick: bool = False) -> list[Check]:
    """Mass balance in real runs (plain and stressed), storage bounds, N-1 worked examples."""
    runs = (
        (("tutorial", False, (1,), 52), ("baseline", True, (1,), 26))
        if quick
        else (
            ("tutorial", False, (1, 2, 3), 52),
            ("tutorial", True, (1, 2), 26),
            ("baseline", False, (1, 2), 52),
            ("baseline", True, (1,), 26),
        )
    )
    out: list[Check] = []
    for name, stress, seeds, turns in runs:
        label = f"{name}{' stressed' if stress else ''}, seeds {','.join(map(str, seeds))}"
        label += f", {turns} turns"
        for what, quantity in (
            ("total", "gas: max |imports - consumption - Δstorage| (sum of states)"),
            ("per_state", "gas: max per-state imbalance net of solidarity transfers"),
            ("bounds", "gas: max breach of 0 <= storage <= capacity"),
        ):
            out.append(
                Check(
                    "energy",
                    quantity,
                    label,
                    0.0,
                    _balance_run(name, stress, seeds, turns, what),
                    compare="at_most",
                    reference="mass conservation",
                )
            )
    for label, *args, value in N1_EXAMPLES:
        ep, p, s, lng, i, dmax, deff = args
        params = f"{label}: EP={ep:g} P={p:g} S={s:g} LNG={lng:g} I={i:g} Dmax={dmax:g}"
        if deff:
            params += f" Deff={deff:g}"
        out.append(
            Check(
                "energy",
                "N-1 indicator (%)",
                params + " mcm/d",
                value,
                _n1_run(tuple(args)),
                reference=REGULATION,
            )
        )
    return out + drawdown.checks()
