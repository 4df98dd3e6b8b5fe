"""Scenario text from the browser (an upload or the editor) -> a Scenario, or problems with lines.

Wraps ``hybridsim.scenario.validate_text`` with a size limit and a safe file name. Files the
text refers to (``toolkit: toolkit.yaml``) are looked up among the shipped scenarios, so an
uploaded copy of a shipped scenario works as it is; nothing outside that folder can be read.
"""

from __future__ import annotations

from pathlib import Path

from ..scenario import Problem, Scenario, shipped_dir
from ..scenario import validate_text as scenario_validate_text
from ..scenario.yamlsafe import MAX_BYTES

SAFE_NAME_CHARS = "-_."


def safe_name(name: str) -> str:
    """A bare file name for messages and includes (no folders, nothing odd)."""
    base = Path(name or "scenario.yaml").name
    base = "".join(ch for ch in base if ch.isalnum() or ch in SAFE_NAME_CHARS) or "scenario.yaml"
    return base if base.endswith((".yaml", ".yml")) else base + ".yaml"


def validate_text(text: str, name: str = "scenario.yaml") -> tuple[Scenario | None, list[Problem]]:
    """The scenario (None if it has errors) and every problem found (errors and warnings)."""
    name = safe_name(name)
    if len(text.encode("utf-8")) > MAX_BYTES:
        return None, [Problem(name, None, None, "", f"the text is larger than {MAX_BYTES} bytes")]
    return scenario_validate_text(text, name, shipped_dir())


def error_lines(problems: list[Problem]) -> list[int]:
    """Line numbers of the errors, for the editor's highlighted lines."""
    return sorted({p.line for p in problems if p.severity == "error" and p.line is not None})
