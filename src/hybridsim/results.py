"""A run's outputs as tables and files: indicators, events, summary.

Everything here is a pure function of the model's logs, so the same seed gives the same bytes.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from .model import HybridThreatModel

INDICATOR_COLUMNS = ["turn", "date", "scope", "entity", "indicator", "value"]


def indicator_columns(
    model: HybridThreatModel, names: set[str] | None = None
) -> dict[str, list[Any]]:
    """The tidy per-turn indicators as plain columns (those of ``INDICATOR_COLUMNS``), only
    the indicators in ``names`` when given; values rounded to 10 decimals as in the files.

    Sweeps read a few indicators of thousands of runs: this skips building a DataFrame."""
    turns, dates, scopes, entities, indicators, values = [], [], [], [], [], []
    world = model.world
    for rec in model.indicator_log:
        for scope, ids, table in (
            ("state", world.state_ids, rec.state),
            ("adversary", world.adversary_ids, rec.adversary),
        ):
            for name, arr in table.items():
                if names is not None and name not in names:
                    continue
                n = len(ids)
                turns += [rec.turn] * n
                dates += [rec.date] * n
                scopes += [scope] * n
                entities += ids
                indicators += [name] * n
                values += np.asarray(arr, dtype=np.float64).tolist()
        for scope, entity, table in (
            ("alliance", model.scenario.alliance.name, rec.alliance),
            ("partner", model.scenario.partner.id if model.scenario.partner else "", rec.partner),
        ):
            for name, value in table.items():
                if names is not None and name not in names:
                    continue
                turns.append(rec.turn)
                dates.append(rec.date)
                scopes.append(scope)
                entities.append(entity)
                indicators.append(name)
                values.append(float(value))
    return {
        "turn": turns,
        "date": dates,
        "scope": scopes,
        "entity": entities,
        "indicator": indicators,
        "value": np.round(np.asarray(values, dtype=np.float64), 10).tolist(),
    }


def indicator_frame(model: HybridThreatModel) -> pd.DataFrame:
    """Tidy per-turn indicators: one row per (turn, entity, indicator)."""
    columns = indicator_columns(model)
    columns["value"] = np.asarray(columns["value"], dtype=np.float64)
    return pd.DataFrame(columns, columns=INDICATOR_COLUMNS)


def events_frame(model: HybridThreatModel) -> pd.DataFrame:
    rows = [e.to_dict() for e in model.events]
    frame = pd.DataFrame(rows)
    if not frame.empty:
        frame["rolls"] = frame["rolls"].map(len)
        frame["effects"] = frame["effects"].map("; ".join)
        frame["causes"] = frame["causes"].map(
            lambda causes: "; ".join(f"{c['cause']} {c['delta']:+.4f}" for c in causes))
    return frame


def summary(model: HybridThreatModel) -> dict[str, Any]:
    """What happened, in numbers a facilitator or researcher reads first."""
    world = model.world
    first, last = model.indicator_log[0], model.indicator_log[-1]
    moves = [e for e in model.events if e.kind == "move"]
    by_actor: dict[str, dict[str, int]] = {}
    for adv in world.adversary_ids:
        mine = [e for e in moves if e.actor == adv]
        by_actor[adv] = {
            "moves": len(mine),
            "successes": sum(e.outcome == "success" for e in mine),
            "detected": sum(bool(e.detected) for e in mine),
            "attributed": sum(bool(e.attributed) for e in mine),
        }
    learnt = Counter(e.actor for e in model.events if e.kind == "learning")
    prof0 = first.adversary["mean_proficiency"]
    prof1 = last.adversary["mean_proficiency"]
    cohesion = [rec.alliance["cohesion"] for rec in model.indicator_log]
    levels = [rec.alliance["escalation_level"] for rec in model.indicator_log]
    top_moves = Counter(e.action for e in moves if e.outcome == "success").most_common(5)
    shortfall = {
        sid: round(float(sum(rec.state["shortfall_bcm"][i] for rec in model.indicator_log)), 4)
        for i, sid in enumerate(world.state_ids)
    }
    return {
        "scenario": model.scenario.name,
        "seed": model.seed,
        "turns_played": model.turn,
        "start": model.scenario.calendar.start.isoformat(),
        "end": last.date,
        "end_reason": model.end_reason or "still running",
        "alliance": {
            "cohesion_start": round(cohesion[0], 4),
            "cohesion_end": round(cohesion[-1], 4),
            "cohesion_min": round(min(cohesion), 4),
            "measures_adopted": list(world.measures),
            "escalation_level_max": int(max(levels)),
            "escalation_end": model.scenario.escalation.ladder[model.escalation_level],
            "storage_fill_end": round(last.alliance["storage_fill"], 4),
        },
        "adversaries": {
            adv: {
                **by_actor[adv],
                "lessons_learnt": learnt.get(adv, 0),
                "mean_proficiency_start": round(float(prof0[i]), 4),
                "mean_proficiency_end": round(float(prof1[i]), 4),
            }
            for i, adv in enumerate(world.adversary_ids)
        },
        "top_successful_moves": [{"move": m, "count": c} for m, c in top_moves],
        "states_with_shortfall_bcm": {k: v for k, v in shortfall.items() if v > 0},
        "partner": dict(last.partner),
        "lowest_trust": _extreme(model, "public_trust", np.argmin),
        "highest_polarisation": _extreme(model, "polarisation", np.argmax),
        "events": dict(Counter(e.kind for e in model.events)),
    }


def _extreme(model: HybridThreatModel, name: str, pick) -> dict[str, Any]:
    values = model.indicator_log[-1].state[name]
    i = int(pick(values))
    return {"state": model.world.state_ids[i], "value": round(float(values[i]), 4)}


def write_outputs(model: HybridThreatModel, out: Path, meta: dict[str, Any]) -> list[Path]:
    """summary.json, indicators.csv/.parquet, events.jsonl (deterministic) and meta.json."""
    out.mkdir(parents=True, exist_ok=True)
    frame = indicator_frame(model)
    paths = [
        out / "summary.json",
        out / "indicators.csv",
        out / "indicators.parquet",
        out / "events.jsonl",
        out / "meta.json",
    ]
    paths[0].write_text(json.dumps(summary(model), indent=2, sort_keys=True) + "\n")
    frame.to_csv(paths[1], index=False, lineterminator="\n")
    frame.to_parquet(paths[2], index=False, compression="zstd")
    with paths[3].open("w", encoding="utf-8", newline="\n") as fh:
        for event in model.events:
            fh.write(json.dumps(event.to_dict(), sort_keys=True) + "\n")
    paths[4].write_text(json.dumps(meta, indent=2, sort_keys=True) + "\n")
    return paths
