"""`hybridsim sweep` runs a sweep spec; `sweep-export` turns its folder into CSV and plots."""

from __future__ import annotations

import sys
import warnings
from pathlib import Path

import click

MAX_REPLICATIONS = 1_000_000  # the spec's own bound (SweepSpec.replications)
# judgement: more local worker processes than this is a typing mistake, not a machine.
MAX_WORKERS = 1024


def register(group: click.Group) -> None:
    """Add this module's commands to the group."""
    group.add_command(sweep)
    group.add_command(sweep_export)


@click.command()
@click.argument("spec")
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Output folder (default: runs/<sweep name>).",
)
@click.option(
    "--reps",
    type=click.IntRange(min=1, max=MAX_REPLICATIONS),
    default=None,
    help=f"Replications per point, 1 to {MAX_REPLICATIONS:,} as in a spec.",
)
@click.option(
    "--workers",
    type=click.IntRange(min=1, max=MAX_WORKERS),
    default=None,
    help="Worker processes (default: CPUs).",
)
@click.option("--seed", type=click.IntRange(min=0, max=2**63 - 1), default=None, help="Root seed.")
@click.option(
    "--executor",
    type=click.Choice(["serial", "processes", "dask"]),
    default="processes",
    show_default=True,
    help="Where runs execute: this process, local processes, or Dask.",
)
@click.option(
    "--scheduler",
    metavar="ADDRESS",
    default=None,
    help="A running Dask scheduler, e.g. tcp://10.0.0.5:8786 (implies --executor dask).",
)
@click.option("--resume", is_flag=True, help="Continue an interrupted sweep in --out.")
@click.option(
    "--batch-size", type=click.IntRange(min=1), default=None, help="Runs per task (default: auto)."
)
@click.option("--csv", "csv", is_flag=True, help="Also write runs.csv, design.csv, indicators.csv.")
@click.option("--plots", is_flag=True, help="Also save PNG plots in OUT/plots.")
@click.option("--quiet", is_flag=True, help="No progress bar or summary.")
def sweep(
    spec: str,
    out_dir: Path | None,
    reps: int | None,
    workers: int | None,
    seed: int | None,
    executor: str,
    scheduler: str | None,
    resume: bool,
    batch_size: int | None,
    csv: bool,
    plots: bool,
    quiet: bool,
) -> None:
    """Run the sweep SPEC (a YAML file): every design point, every replication, in parallel.

    Flags override the spec. Results go to OUT as Parquet (runs.parquet, indicators/); an
    interrupted sweep continues with the same command plus --resume.
    """
    from ..sweep import sweep as run_sweep
    from ..sweep.noise import SweepWarning
    from ..sweep.store import SweepDirError

    try:
        with warnings.catch_warnings():  # the noise warnings are printed once, below
            warnings.simplefilter("ignore", SweepWarning)
            result = run_sweep(
                spec,
                out_dir,
                replications=reps,
                workers=workers,
                seed=seed,
                executor=executor,
                scheduler=scheduler,
                resume=resume,
                batch_size=batch_size,
                progress=not quiet,
                csv=csv,
                plots=plots,
            )
    except SweepDirError as exc:
        raise click.ClickException(str(exc)) from None
    if not quiet and result.complete:
        _print_noise_warnings(result.noise())
    if result.missing:
        sys.exit(3)


def _print_noise_warnings(checks) -> None:
    """Say so where replication noise dominates an outcome or it barely varies."""
    from ..sweep.noise import warning_messages

    for message in warning_messages(checks):
        click.echo(f"warning: {message}", err=True)


@click.command("sweep-export")
@click.argument("folder", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--csv/--no-csv", "csv", default=True, show_default=True, help="Write CSV files.")
@click.option("--plots", is_flag=True, help="Save PNG plots in FOLDER/plots.")
@click.option(
    "--summary",
    is_flag=True,
    help="Write summary.csv (mean, sd, 95% CI per point) and noise.csv (replication noise).",
)
def sweep_export(folder: Path, csv: bool, plots: bool, summary: bool) -> None:
    """Export a sweep FOLDER for spreadsheets: CSV tables, plots and a per-point summary."""
    from ..sweep import open_sweep

    try:
        result = open_sweep(folder)
    except FileNotFoundError as exc:
        raise click.ClickException(str(exc)) from None
    written: list[Path] = []
    if csv:
        written += result.export_csv()
    checks = result.noise()
    if summary:
        path = folder / "summary.csv"
        result.summarise().to_csv(path, index=False, lineterminator="\n")
        written.append(path)
        path = folder / "noise.csv"
        checks.to_csv(path, index=False, lineterminator="\n")
        written.append(path)
    if plots:
        with warnings.catch_warnings():  # printed once below, not once per plot
            warnings.simplefilter("ignore")
            written += result.plots()
    for path in written:
        click.echo(str(path))
    _print_noise_warnings(checks)
    if not result.complete:
        click.echo(f"note: the sweep is unfinished ({result.missing} runs missing)", err=True)
