"""Problems found in a scenario, each pointing at a file, a line and a field."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Problem:
    """One problem: where it is, which field, what was expected, and a suggestion."""

    file: str
    line: int | None
    column: int | None
    path: str
    message: str
    suggestion: str = ""
    severity: str = "error"

    def format(self) -> str:
        where = self.file
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        text = f"{where}: {self.severity}: "
        if self.path:
            text += f"{self.path}: "
        text += self.message
        if self.suggestion:
            text += f" ({self.suggestion})"
        return text


@dataclass
class ScenarioError(Exception):
    """Raised when a scenario cannot be loaded; carries every problem found, not just the first."""

    problems: list[Problem] = field(default_factory=list)

    def __str__(self) -> str:
        return "\n".join(p.format() for p in self.problems)
