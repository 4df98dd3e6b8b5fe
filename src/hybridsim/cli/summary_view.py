"""A readable account of a finished run, for the terminal."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.console import Console
from rich.table import Table

if TYPE_CHECKING:
    from ..model import HybridThreatModel

KEY_EVENT_KINDS = ("inject", "vote", "cascade", "shortfall", "end")


def print_summary(
    data: dict[str, Any], model: HybridThreatModel, console: Console | None = None
) -> None:
    """The run's outcome, its adversaries, extremes and key events, printed to ``console``."""
    console = console or Console(highlight=False, soft_wrap=True)
    _print_headline(console, data, model)
    console.print(_adversary_table(data))
    _print_extremes(console, data, model)
    _print_key_events(console, model)


def _print_headline(console: Console, data: dict[str, Any], model: HybridThreatModel) -> None:
    scenario = model.scenario
    al = data["alliance"]
    console.print(
        f"[bold]{scenario.title}[/bold]  (scenario '{scenario.name}', seed {data['seed']})"
    )
    console.print(
        f"{data['turns_played']} turns of {scenario.calendar.turn_days} days, "
        f"{data['start']} to {data['end']}. Ended: {data['end_reason']}."
    )
    console.print(
        f"Alliance cohesion {al['cohesion_start']:.2f} -> {al['cohesion_end']:.2f} "
        f"(lowest {al['cohesion_min']:.2f}); escalation now '{al['escalation_end']}'; "
        f"gas storage {al['storage_fill_end']:.0%} full."
    )
    measures = ", ".join(al["measures_adopted"]) or "none"
    console.print(f"Measures adopted (milestones): {measures}")


def _adversary_table(data: dict[str, Any]) -> Table:
    table = Table(title="Adversaries", title_justify="left")
    for col in (
        "actor",
        "moves",
        "succeeded",
        "detected",
        "attributed",
        "learnt from ally",
        "proficiency",
    ):
        table.add_column(col, justify="right" if col != "actor" else "left")
    for actor, row in data["adversaries"].items():
        table.add_row(
            actor,
            str(row["moves"]),
            str(row["successes"]),
            str(row["detected"]),
            str(row["attributed"]),
            str(row["lessons_learnt"]),
            f"{row['mean_proficiency_start']:.2f} -> {row['mean_proficiency_end']:.2f}",
        )
    return table


def _print_extremes(console: Console, data: dict[str, Any], model: HybridThreatModel) -> None:
    if data["top_successful_moves"]:
        console.print(
            "Most successful moves: "
            + ", ".join(f"{m['move']} x{m['count']}" for m in data["top_successful_moves"])
        )
    lt, hp = data["lowest_trust"], data["highest_polarisation"]
    console.print(
        f"Lowest public trust: {lt['state']} {lt['value']:.2f}; "
        f"highest polarisation: {hp['state']} {hp['value']:.2f}"
    )
    if data["states_with_shortfall_bcm"]:
        console.print(
            "Gas shortfall (bcm): "
            + ", ".join(f"{k} {v:.2f}" for k, v in data["states_with_shortfall_bcm"].items())
        )
    if data["partner"]:
        p = data["partner"]
        partner = model.scenario.partner
        console.print(
            f"{partner.name if partner else 'Partner'} power: "
            f"{p['generation_gw']:.1f} GW working ({p['availability']:.0%} of peak "
            f"demand), air defence {p['air_defence']:.2f}"
        )


def _print_key_events(console: Console, model: HybridThreatModel) -> None:
    key = [
        e
        for e in model.events
        if e.kind in KEY_EVENT_KINDS
        or (e.kind == "move" and e.attributed and e.outcome == "success")
    ]
    if key:
        console.print("\n[bold]Key events[/bold]")
        for e in key[:25]:
            console.print(f"  turn {e.turn:>2} {e.date}  {_describe(e)}")
        if len(key) > 25:
            console.print(f"  ... and {len(key) - 25} more (see events.jsonl with --out)")


def _describe(e) -> str:
    if e.kind == "move":
        return f"{e.actor} {e.action} on {e.target} succeeded and was attributed"
    if e.kind == "vote":
        return f"vote on {e.action}: {e.outcome} ({e.note})"
    if e.kind == "inject":
        return f"inject: {e.note}"
    return e.note
