"""`hybridsim verify`: run every mechanic against its published result and print the table."""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

import click

from .lazy import LazyChoice

if TYPE_CHECKING:
    from rich.table import Table

    from ..verify.table import Check, Row


def register(group: click.Group) -> None:
    """Add this module's commands to the group."""
    group.add_command(verify)


@click.command()
@click.option("--quick", is_flag=True, help="Only the fast subset (what the test suite runs).")
@click.option("--seed", type=click.IntRange(min=0), default=0, show_default=True, help="Root seed.")
@click.option(
    "--only",
    "only",
    multiple=True,
    type=LazyChoice("hybridsim.verify.table", "MODELS"),
    help="Only this model's rows (repeatable).",
)
@click.option(
    "--markdown",
    "markdown",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Also write the table to this Markdown file (between its table markers, if any).",
)
@click.option("--list", "list_only", is_flag=True, help="List the checks without running them.")
@click.option(
    "--mutations",
    is_flag=True,
    help="Instead: perturb each key parameter by +-10% and show which rows notice.",
)
def verify(
    quick: bool,
    seed: int,
    only: tuple[str, ...],
    markdown: Path | None,
    list_only: bool,
    mutations: bool,
) -> None:
    """Check each mechanic against its published result; exit 1 if any row fails.

    Tolerances are fixed from theory (binomial or analytic spreads, stated allowances where the
    published result holds only in a limit), see docs/verification.md. With --mutations, exit 1
    if a 10% error in any key parameter passes every row of its model.
    """
    from rich.console import Console

    from ..verify.table import all_checks, write_markdown

    if mutations:
        _mutations(seed)
        return
    checks = all_checks(quick=quick, only=only or None)
    # A wide table when piped to a file (rich would fold it to 80 columns).
    console = Console(highlight=False, width=None if sys.stdout.isatty() else 220)
    if list_only:
        for check in checks:
            console.print(f"{check.model:10} {check.quantity} [{check.parameters}]")
        return
    start = time.perf_counter()
    rows = _run(checks, seed, start)
    console.print(_results_table(rows, seed, quick))
    _print_regimes(console)
    failed = [r for r in rows if not r.passed]
    elapsed = time.perf_counter() - start
    console.print(f"{len(rows) - len(failed)} of {len(rows)} checks pass ({elapsed:.1f} s).")
    if markdown is not None:
        write_markdown(markdown, rows, seed=seed, quick=quick)
        console.print(f"wrote {markdown}")
    if failed:
        _explain(failed, console)
        sys.exit(1)


def _run(checks: list[Check], seed: int, start: float) -> list[Row]:
    """Run the checks, showing progress on standard error: a bar on a terminal, else a line each."""
    from rich.console import Console
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    from ..verify.table import run_checks

    err = Console(stderr=True, highlight=False)
    if not err.is_terminal:  # a log file: one line per check

        def report_line(i: int, check: Check) -> None:
            elapsed = time.perf_counter() - start
            err.print(f"[{i + 1}/{len(checks)} {elapsed:5.0f}s] {check.key}")

        return run_checks(checks, seed=seed, progress=report_line)
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        TextColumn("{task.completed}/{task.total}"),
        TimeElapsedColumn(),
        console=err,
        transient=True,
    ) as progress:
        task = progress.add_task("verify", total=len(checks))

        def report_bar(i: int, check: Check) -> None:
            progress.update(task, completed=i, description=f"{check.model}: {check.quantity[:48]}")

        rows = run_checks(checks, seed=seed, progress=report_bar)
        progress.update(task, completed=len(checks))
    return rows


def _results_table(rows: list[Row], seed: int, quick: bool) -> Table:
    from rich.table import Table

    from ..verify.table import COLUMNS

    table = Table(title=f"hybridsim verify (seed {seed}{', quick' if quick else ''})")
    for col in COLUMNS:
        table.add_column(col, overflow="fold")
    for row in rows:
        cells = row.cells()
        cells[-1] = "[green]pass[/green]" if row.passed else "[bold red]FAIL[/bold red]"
        table.add_row(*cells)
    return table


def _explain(failed: list[Row], console) -> None:
    for row in failed:
        console.print(
            f"[red]FAIL[/red] {row.check.key}: simulated {row.outcome.simulated:.6g}, "
            f"expected {row.check.expected_label}, tolerance {row.outcome.basis}"
        )


def _mutations(seed: int) -> None:
    from ..verify.perturb import mutation_table

    unnoticed = []
    print("parameter  perturbation  rows failed")
    for by in (1.1, 0.9):
        for name, label, failed, total in mutation_table(by, seed):
            print(f"{name:10} {label:13} {failed} of {total}")
            if not failed:
                unnoticed.append(f"{name} {label}")
    if unnoticed:
        print(f"unnoticed: {', '.join(unnoticed)}")
        sys.exit(1)


def _print_regimes(console) -> None:
    """Where the shipped scenarios run their mechanics (malware and opinion thresholds)."""
    from ..verify.regime import regime_markdown

    console.print("\nMechanics' regimes in the shipped scenarios:")
    for line in regime_markdown():
        console.print(line, markup=False)
