"""Verification: each mechanic against its published result (``hybridsim verify``).

One module per model defines its rows (``checks(quick)``): :mod:`.cascade`, :mod:`.contagion`,
:mod:`.rumour`, :mod:`.opinion`, :mod:`.energy`, and the winter 2022-23 :mod:`.hindcast`;
:mod:`.table` runs them and prints or writes the table; :mod:`.graphs` builds seeded test
graphs. See docs/verification.md for the table, the tolerances and the references.
"""

from .table import Check, Outcome, Row, all_checks, markdown_table, run_checks, write_markdown

__all__ = [
    "Check",
    "Outcome",
    "Row",
    "all_checks",
    "markdown_table",
    "run_checks",
    "write_markdown",
]
