"""`hybridsim report`: the after-action report of a saved game, as HTML or Markdown."""

from __future__ import annotations

from pathlib import Path

import click


def register(group: click.Group) -> None:
    """Add this module's commands to the group."""
    group.add_command(report)


@click.command()
@click.argument("game_file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--out",
    "out",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Where to write (default: next to the game file; '-' for standard output).",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["html", "md", "pdf"]),
    default=None,
    help="html (self-contained, charts inlined), md, or pdf (printed by the local Chromium); "
    "default from --out, else html.",
)
def report(game_file: Path, out: Path | None, fmt: str | None) -> None:
    """Write the after-action report of GAME_FILE (a game exported from the viewer)."""
    from ..gamefile import GameFileError, parse, rebuild
    from ..report import TakenBack, build_report, render_html, render_markdown

    if fmt is None:
        suffix = out.suffix.lower() if out is not None else ""
        fmt = {".md": "md", ".markdown": "md", ".pdf": "pdf"}.get(suffix, "html")
    try:
        doc = parse(game_file.read_bytes())
        model, meta = rebuild(doc)
    except GameFileError as exc:
        raise click.ClickException(f"{game_file}: {exc}") from None
    undone = tuple(TakenBack.from_dict(u) for u in doc.get("undone") or ())
    content = build_report(model, meta.title, meta.id, undone=undone, exercise=doc.get("exercise"))
    text = render_markdown(content) if fmt == "md" else render_html(content)
    if fmt == "pdf":
        from ..report.pdf import PdfError, html_to_pdf

        target = out or game_file.with_name(
            game_file.name.removesuffix(".json").removesuffix(".hybridsim") + "-report.pdf"
        )
        try:
            html_to_pdf(text, target)
        except PdfError as exc:
            raise click.ClickException(str(exc)) from None
        click.echo(f"wrote {target} ({target.stat().st_size // 1024} KB)")
        return
    if out is not None and str(out) == "-":
        click.echo(text, nl=False)
        return
    target = out or game_file.with_name(
        game_file.name.removesuffix(".json").removesuffix(".hybridsim") + f"-report.{fmt}"
    )
    target.write_text(text, encoding="utf-8")
    click.echo(
        f"wrote {target} ({len(text) // 1024} KB): {content.turns_played} turns, "
        f"{len(content.decisions)} player decisions, {len(content.overrides)} overrides"
    )
