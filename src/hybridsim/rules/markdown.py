"""The rules' tables in docs/mechanics.md, generated from the record so they cannot go stale.

The page's prose is written by hand; each ``<!-- rules: GROUP -->`` ... ``<!-- /rules -->``
block in it is replaced by the table of that group (``defence`` gives the defence table).
``hybridsim docs`` rewrites the blocks and ``hybridsim docs --check`` fails when they differ.
"""

from __future__ import annotations

import re

from . import Rules, rule_catalogue
from .declare import RuleInfo
from .defence import DefenceRow

BLOCK = re.compile(r"(<!-- rules: (?P<group>[a-z_]+) -->\n)(?P<body>.*?)(<!-- /rules -->)", re.S)
TABLE_HEAD = ["| Rule | Default | Unit | Meaning | Source |", "| --- | --- | --- | --- | --- |"]


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _number(value: float) -> str:
    return f"{value:g}"


def group_table(group: str) -> list[str]:
    """One group's coefficients as a Markdown table."""
    rows: list[RuleInfo] = [r for r in rule_catalogue() if r.path.split(".")[1] == group]
    if not rows:
        raise ValueError(f"docs/mechanics.md names rules group '{group}', which does not exist")
    lines = list(TABLE_HEAD)
    for r in rows:
        cells = [f"`{r.path}`", _number(r.default), r.unit, r.meaning, r.source]
        lines.append("| " + " | ".join(_cell(c) for c in cells) + " |")
    return lines


def formula(row: DefenceRow) -> str:
    """A defence row as readable arithmetic, e.g. 0.7 × (0.6 × owner_cyber_posture + 0.4 ×
    hardening)."""

    def weighted(weight: float, term: str) -> str:
        return term if weight == 1.0 else f"{_number(weight)} × {term}"

    if row.scale == 0.0:
        return "0"
    parts = [_number(row.base)] if row.base or not row.terms else []
    parts += [weighted(w, term) for term, w in row.terms.items()]
    inner = parts[0] if len(parts) == 1 else f"({' + '.join(parts)})"
    text = inner if row.scale == 1.0 else f"{_number(row.scale)} × {inner}"
    for term, w in row.damped_by.items():
        text += f" × (1 − {weighted(w, term)})"
    return text


def defence_table() -> list[str]:
    """The shipped defence table: one line per target kind and domain."""
    lines = ["| Target | Domain | Defence | Source |", "| --- | --- | --- | --- |"]
    for kind, rows in Rules().defence.items():
        for domain, row in rows.items():
            cells = [f"`{kind}`", domain, formula(row), row.source]
            lines.append("| " + " | ".join(_cell(c) for c in cells) + " |")
    return lines


def fill_rules_blocks(page: str) -> str:
    """The page with every rules block replaced by its generated table."""

    def table(match: re.Match[str]) -> str:
        group = match["group"]
        body = defence_table() if group == "defence" else group_table(group)
        return match[1] + "\n".join(body) + "\n" + match[4]

    return BLOCK.sub(table, page)


def groups_in(page: str) -> list[str]:
    """The rules groups a page shows, in order."""
    return [m["group"] for m in BLOCK.finditer(page)]
