"""`hybridsim run`, `validate` and `schema`: play a scenario, check files, print the schema."""

from __future__ import annotations

import platform
import sys
import time
from pathlib import Path

import click

from .. import __version__
from ..scenario import ScenarioError, load
from ..scenario.schema import Calendar, Scenario
from ..scenario.semantic import did_you_mean

MAX_TURNS: int = next(m.le for m in Calendar.model_fields["turns"].metadata if hasattr(m, "le"))
PLAYABLE_KINDS = ("heuristic", "scripted", "random")  # "human" needs the viewer


def register(group: click.Group) -> None:
    group.add_command(run)
    group.add_command(validate)
    group.add_command(schema)


@click.command()
@click.argument("scenario")
@click.option(
    "--seed", type=click.IntRange(min=0), default=None, help="Root seed (default: the scenario's)."
)
@click.option(
    "--turns",
    type=click.IntRange(min=1, max=MAX_TURNS),
    default=None,
    help=f"Number of turns, 1 to {MAX_TURNS} as in a scenario (default: the scenario's).",
)
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Write summary.json, indicators (CSV, Parquet), events.jsonl, meta.json here.",
)
@click.option(
    "--policy",
    "policies",
    multiple=True,
    metavar="ACTOR=KIND",
    help="Who plays an actor: heuristic, scripted, random (repeatable).",
)
@click.option("--quiet", is_flag=True, help="Print nothing but errors.")
def run(
    scenario: str,
    seed: int | None,
    turns: int | None,
    out_dir: Path | None,
    policies: tuple[str, ...],
    quiet: bool,
) -> None:
    """Play SCENARIO (a file, or the name of a shipped scenario) to its end."""
    from ..model import HybridThreatModel  # the model (Mesa, numpy) loads only for a run
    from ..results import summary, write_outputs
    from .summary_view import print_summary

    loaded = load(scenario)
    for warning in loaded.warnings:
        click.echo(warning.format(), err=True)
    chosen = _parse_policies(policies, loaded.scenario)
    start = time.perf_counter()
    model = HybridThreatModel(
        loaded.scenario, rng=seed, turns=turns, policies=chosen, keep_history=False
    )
    model.run()
    wall = time.perf_counter() - start
    paths = []
    if out_dir is not None:  # files first: a closed pipe on the summary must not lose them
        meta = {
            "hybridsim": __version__,
            "python": platform.python_version(),
            "versions": _versions(),
            "scenario_file": str(loaded.path),
            "seed": model.seed,
            "turns": model.turn,
            "wall_time_s": round(wall, 4),
            "command": " ".join(["hybridsim", *sys.argv[1:]]),
            "created": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        }
        paths = write_outputs(model, out_dir, meta)
    if not quiet:
        print_summary(summary(model), model)
        if paths:
            click.echo(f"\nWrote {', '.join(p.name for p in paths)} to {out_dir}")


def _parse_policies(pairs: tuple[str, ...], scenario: Scenario) -> dict[str, str]:
    """ACTOR=KIND pairs checked against the scenario's actors, as a scenario file would be."""
    actors = [*scenario.adversary_ids(), *scenario.state_ids()]
    out = {}
    for pair in pairs:
        actor, sep, kind = pair.partition("=")
        if not sep:
            raise click.BadParameter(f"expected ACTOR=KIND, got {pair!r}", param_hint="--policy")
        if kind == "human":
            raise click.BadParameter(
                "'human' needs the viewer (hybridsim play)", param_hint="--policy"
            )
        if kind not in PLAYABLE_KINDS:
            raise click.BadParameter(
                f"unknown policy {kind!r} in {pair!r} ({did_you_mean(kind, PLAYABLE_KINDS)})",
                param_hint="--policy",
            )
        if actor not in actors:
            close = did_you_mean(actor, actors)
            raise click.BadParameter(
                f"unknown actor {actor!r}"
                + (f" ({close})" if close.startswith("did") else "")
                + f"; the actors of {scenario.name} are {', '.join(actors)}",
                param_hint="--policy",
            )
        out[actor] = kind
    return out


def _versions() -> dict[str, str]:
    from importlib.metadata import PackageNotFoundError, version

    out = {}
    for name in ("mesa", "numpy", "scipy", "pandas", "pyarrow", "pydantic"):
        try:
            out[name] = version(name)
        except PackageNotFoundError:
            out[name] = "missing"
    return out


@click.command()
@click.argument("files", nargs=-1, required=True)
@click.option("--strict", is_flag=True, help="Treat warnings as errors.")
def validate(files: tuple[str, ...], strict: bool) -> None:
    """Check scenario FILES; exit 0 when all are valid, 1 otherwise."""
    failed = 0
    for name in files:
        try:
            loaded = load(name)
        except ScenarioError as exc:
            failed += 1
            click.echo(str(exc), err=True)
            click.echo(
                f"{name}: invalid ({len(exc.problems)} problem"
                f"{'s' if len(exc.problems) != 1 else ''})",
                err=True,
            )
            continue
        for warning in loaded.warnings:
            click.echo(warning.format(), err=True)
        if strict and loaded.warnings:
            failed += 1
            click.echo(f"{name}: invalid (warnings with --strict)", err=True)
        else:
            click.echo(f"{name}: ok")
    if failed:
        sys.exit(1)


@click.command()
@click.option(
    "--out",
    "out_file",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Write the schema to this file instead of printing it.",
)
def schema(out_file: Path | None) -> None:
    """Print the JSON Schema of the scenario format (for editors' completion and checks)."""
    from ..scenario.jsonschema import schema_text

    text = schema_text()
    if out_file is None:
        click.echo(text, nl=False)
    else:
        out_file.write_text(text)
        click.echo(f"wrote {out_file}")
