"""The tutorial runs: the notebook is executed, and the Markdown's steps are replayed.

docs/tutorial.md marks its steps with HTML comments that readers do not see:
``<!-- file: PATH -->`` / ``<!-- append: PATH -->`` before a ```yaml block write that block to
PATH; ``<!-- patch: PATH -->`` before a ```diff block applies it (context and ``-`` lines must
match exactly once); ``<!-- exit: N -->`` before a ```console block is the exit code its
commands must give (default 0). In ```console blocks, ``$ `` lines are commands and the lines
under them are output that must appear, in that order (``...`` stands for lines left out).
Every other ```yaml block must at least be valid YAML.
"""

from __future__ import annotations

import re
import shlex
from dataclasses import dataclass
from pathlib import Path

import nbformat
import pytest
from click.testing import CliRunner
from nbclient import NotebookClient

from hybridsim.cli import main
from hybridsim.scenario.yamlsafe import parse_yaml

ROOT = Path(__file__).resolve().parents[1]
TUTORIAL = ROOT / "docs" / "tutorial.md"
NOTEBOOK = ROOT / "notebooks" / "tutorial.ipynb"

pytestmark = pytest.mark.slow


@dataclass
class Block:
    lang: str
    body: str
    marker: tuple[str, str] | None
    line: int


def blocks(text: str) -> list[Block]:
    """Fenced blocks with the marker comment just before each (if any)."""
    out: list[Block] = []
    lines = text.splitlines()
    marker: tuple[str, str] | None = None
    i = 0
    while i < len(lines):
        line = lines[i]
        found = re.fullmatch(r"<!-- (file|append|patch|exit): (.+?) -->", line.strip())
        if found:
            marker = (found.group(1), found.group(2))
        elif line.startswith("```"):
            lang = line[3:].strip()
            start = i + 1
            i += 1
            while not lines[i].startswith("```"):
                i += 1
            out.append(Block(lang, "\n".join(lines[start:i]) + "\n", marker, start))
            marker = None
        elif line.strip():
            marker = None
        i += 1
    return out


def apply_patch(path: Path, diff: str) -> None:
    old, new = [], []
    for line in diff.splitlines():
        tag, rest = line[:1], line[1:]
        if tag in (" ", ""):
            old.append(rest)
            new.append(rest)
        elif tag == "-":
            old.append(rest)
        elif tag == "+":
            new.append(rest)
    text = path.read_text()
    before, after = "\n".join(old) + "\n", "\n".join(new) + "\n"
    assert text.count(before) == 1, f"patch context not found once in {path}:\n{before}"
    path.write_text(text.replace(before, after))


def run_console(block: Block) -> None:
    """Run a console block's commands in-process (the current folder is the tutorial's)."""
    expected_exit = int(block.marker[1]) if block.marker and block.marker[0] == "exit" else 0
    commands: list[tuple[str, list[str]]] = []
    for line in block.body.splitlines():
        if line.startswith("$ "):
            commands.append((line[2:], []))
        elif commands:
            commands[-1][1].append(line)
    assert commands, f"console block at line {block.line} has no commands"
    runner = CliRunner()
    for command, expected in commands:
        argv = shlex.split(command)
        assert argv[0] == "hybridsim", f"tutorial commands are hybridsim commands: {command}"
        result = runner.invoke(main, argv[1:], catch_exceptions=False)
        output = result.output.splitlines()
        assert result.exit_code == expected_exit, (command, result.output)
        assert "Traceback" not in result.output
        wanted = [w for w in expected if w.strip() and w.strip() != "..."]
        position = 0
        for want in wanted:
            try:
                position = output.index(want, position) + 1
            except ValueError:
                shown = "\n".join(output)
                pytest.fail(f"`{command}` did not print {want!r}; it printed:\n{shown}")


def test_markdown_tutorial_steps_run(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    text = TUTORIAL.read_text(encoding="utf-8")
    steps = blocks(text)
    kinds = {b.marker[0] for b in steps if b.marker}
    assert {"file", "append", "patch", "exit"} <= kinds
    for block in steps:
        if block.lang == "yaml":
            target = block.marker and block.marker[0] in ("file", "append")
            if not target:
                parse_yaml(block.body, f"tutorial.md:{block.line}")  # must at least be YAML
                continue
            path = tmp_path / block.marker[1]
            path.parent.mkdir(parents=True, exist_ok=True)
            mode = "a" if block.marker[0] == "append" else "w"
            with path.open(mode, encoding="utf-8") as handle:
                handle.write(block.body)
        elif block.lang == "diff":
            assert block.marker, f"diff at line {block.line} needs a patch marker"
            assert block.marker[0] == "patch"
            apply_patch(tmp_path / block.marker[1], block.body)
        elif block.lang == "console":
            run_console(block)
    # The walk-through covers what it promises.
    assert "remove: true" in text
    assert "extends: tutorial.yaml" in text
    for word in ("hybridsim new", "hybridsim run", "hybridsim diff", "hybridsim show"):
        assert word in text
    assert (tmp_path / "runs" / "winter" / "summary.json").exists()


def test_notebook_tutorial_runs():
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    assert all(not c.get("outputs") for c in notebook.cells if c.cell_type == "code"), (
        "keep the notebook without outputs; this test runs it"
    )
    NotebookClient(notebook, timeout=600, kernel_name="python3").execute()
    printed = "\n".join(
        str(o.get("text", "")) + str(o.get("data", {}).get("text/plain", ""))
        for c in notebook.cells
        if c.cell_type == "code"
        for o in c.outputs
    )
    assert "states.DE.public_trust: 0.55 → 0.45" in printed
    assert "added state FR" in printed
    assert "added inject dunkirk_outage" in printed
    assert "expected a number from 0 to 1 (got 1.4)" in printed
    assert "did you mean 'lng_terminal'?" in printed
    assert "difference" in printed
