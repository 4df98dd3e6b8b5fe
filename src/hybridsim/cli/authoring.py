"""Commands for writing scenarios: `new`, `show`, `diff` and `docs`.

They serve the student's loop (copy a scenario, change a few lines, see the merged result and
what differs) and keep the generated reference docs in step with the schema.
"""

from __future__ import annotations

import datetime as dt
import re
import sys
from pathlib import Path
from typing import Any

import click
import yaml

from ..scenario import ScenarioError, diff_scenarios, load, resolve_file
from ..scenario.errors import Problem
from ..scenario.jsonschema import SCHEMA_FILE, TOOLKIT_SCHEMA_FILE, schema_text, toolkit_schema_text
from ..scenario.loader import resolve_path
from ..scenario.reference import docs_dir, stale_docs, write_docs

SCHEMA_LINE = re.compile(r"^# yaml-language-server: \$schema=(\S+)\s*$")


def register(group: click.Group) -> None:
    """Add this module's commands to the group."""
    for command in (new, show, diff, docs):
        group.add_command(command)


def _dump(data: Any) -> str:
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)


@click.command()
@click.argument("scenario")
@click.option("--raw", is_flag=True, help="Merged files as written, before checks and defaults.")
@click.option(
    "--defaults/--no-defaults",
    default=True,
    show_default=True,
    help="Include fields left at their default values.",
)
def show(scenario: str, raw: bool, defaults: bool) -> None:
    """Print SCENARIO fully resolved: toolkit and `extends` parents merged in (YAML)."""
    if raw:
        data, _ = resolve_file(scenario)
        click.echo(f"# {scenario}, merged with the files it reads (not checked)")
        click.echo(_dump(data), nl=False)
        return
    loaded = load(scenario)
    for warning in loaded.warnings:
        click.echo(warning.format(), err=True)
    data = loaded.scenario.model_dump(mode="json", exclude_defaults=not defaults)
    if "calendar" in data and "start" in data["calendar"]:
        data["calendar"]["start"] = dt.date.fromisoformat(data["calendar"]["start"])
    read = ", ".join(str(p.name) for p in loaded.sources)
    click.echo(f"# {scenario}, fully resolved" + (f" (with {read})" if read else ""))
    click.echo(_dump(data), nl=False)


@click.command()
@click.argument("before")
@click.argument("after")
@click.option("--exit-code", is_flag=True, help="Exit 1 when the scenarios differ.")
def diff(before: str, after: str, exit_code: bool) -> None:
    """Show what differs from scenario BEFORE to AFTER, items matched by id."""
    changes = diff_scenarios(load(before).scenario, load(after).scenario)
    if not changes:
        click.echo("no differences")
        return
    for change in changes:
        click.echo(change.format())
    if exit_code:
        sys.exit(1)


@click.command()
@click.option(
    "--out-dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Folder to write to (default: the repository's docs/).",
)
@click.option("--check", is_flag=True, help="Only check that the files are up to date.")
def docs(out_dir: Path | None, check: bool) -> None:
    """Write the scenario reference (Markdown) and JSON Schemas generated from the schema."""
    folder = out_dir or docs_dir()
    if check:
        stale = stale_docs(folder)
        if stale:
            click.echo(
                f"out of date in {folder}: {', '.join(stale)} (run `hybridsim docs`)", err=True
            )
            sys.exit(1)
        click.echo(f"{folder}: up to date")
        return
    for path in write_docs(folder):
        click.echo(f"wrote {path}")


@click.command()
@click.argument("source")
@click.argument("dest", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--force", is_flag=True, help="Overwrite files that exist.")
def new(source: str, dest: Path, force: bool) -> None:
    """Copy scenario SOURCE (a shipped name or a file) to DEST, ready to edit.

    The files it reads (its toolkit, the scenarios it extends) are copied next to it, its
    name becomes DEST's, and a JSON Schema is written beside it for the editor.
    """
    loaded = load(source)
    origin = resolve_path(source).resolve()
    folder = dest.parent
    plan: list[tuple[Path, Path]] = [(origin, dest)]
    for extra in loaded.sources:
        relative = extra.resolve().relative_to(origin.parent)
        plan.append((extra, folder / relative))
    existing = [str(target) for _, target in plan if target.exists()]
    if existing and not force:
        raise ScenarioError(
            [
                Problem(
                    existing[0],
                    None,
                    None,
                    "",
                    "file exists; not overwritten",
                    "choose another name, or add --force",
                )
            ]
        )
    for src, target in plan:
        target.parent.mkdir(parents=True, exist_ok=True)
        text = src.read_text(encoding="utf-8")
        text = _point_at_local_schema(text, target, folder)
        if src == origin:
            text = _rename(text, dest.stem)
        target.write_text(text, encoding="utf-8")
        click.echo(f"wrote {target}")
    (folder / SCHEMA_FILE).write_text(schema_text(), encoding="utf-8")
    (folder / TOOLKIT_SCHEMA_FILE).write_text(toolkit_schema_text(), encoding="utf-8")
    click.echo(f"wrote {folder / SCHEMA_FILE} and {TOOLKIT_SCHEMA_FILE} (for your editor)")


def _point_at_local_schema(text: str, target: Path, folder: Path) -> str:
    lines = text.split("\n", 1)
    match = SCHEMA_LINE.match(lines[0])
    if not match:
        return text
    name = TOOLKIT_SCHEMA_FILE if match.group(1).endswith(TOOLKIT_SCHEMA_FILE) else SCHEMA_FILE
    depth = len(target.relative_to(folder).parts) - 1 if target.is_relative_to(folder) else 0
    relative = "../" * depth + name
    return "\n".join([f"# yaml-language-server: $schema={relative}", *lines[1:]])


def _rename(text: str, stem: str) -> str:
    ident = re.sub(r"[^A-Za-z0-9_\-]", "_", stem)
    if not ident or not ident[0].isalpha():
        ident = f"s_{ident}"
    return re.sub(r"(?m)^name:[ \t]*\S.*$", f"name: {ident}", text, count=1)
