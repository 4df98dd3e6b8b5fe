"""What a running sweep tells its user: a progress bar while it runs, a summary at the end."""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.table import Table

if TYPE_CHECKING:
    from .runner import SweepResult


class SweepProgress:
    """A rich progress bar of runs done, failures and time left (silent when disabled)."""

    def __init__(self, name: str, total: int, done: int, enabled: bool, console: Console) -> None:
        self.enabled = enabled
        self._progress = Progress(
            TextColumn("[bold]{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("runs · [red]{task.fields[failed]} failed[/red] ·"),
            TimeElapsedColumn(),
            TextColumn("· left"),
            TimeRemainingColumn(),
            console=console,
            transient=False,
            disable=not enabled,
        )
        self._task = self._progress.add_task(name, total=total, completed=done, failed=0)
        self.failed = 0

    def __enter__(self) -> SweepProgress:
        self._progress.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._progress.stop()

    def advance(self, runs: int, failed: int) -> None:
        self.failed += failed
        self._progress.update(self._task, advance=runs, failed=self.failed)


def print_summary(result: SweepResult, console: Console) -> None:
    """Counts, speed, where the files are, and the commonest errors."""
    table = Table(show_header=False, box=None, pad_edge=False)
    table.add_row("sweep", f"{result.name}  ({result.out})")
    table.add_row(
        "runs",
        f"{result.total} in the design: {result.ran} run now ({result.failed} failed), "
        f"{result.skipped} done before, {result.missing} missing",
    )
    speed = result.ran / result.wall_time if result.wall_time > 0 else 0.0
    table.add_row(
        "time",
        f"{result.wall_time:.1f} s, {speed:.1f} runs/s on {result.workers} "
        f"worker{'s' if result.workers != 1 else ''} ({result.executor})",
    )
    if result.complete:
        table.add_row("results", "runs.parquet, indicators/ (per-turn), design.parquet")
    console.print(table)
    if result.errors:
        console.print("[red]commonest errors:[/red]")
        for message, count in Counter(result.errors).most_common(3):
            console.print(f"  {count} × {message}")
    if result.missing:
        console.print(
            f"[yellow]{result.missing} runs are missing ({result.lost_reason or 'interrupted'}); "
            "run the same command with --resume to finish them.[/yellow]"
        )
