"""The verification table: checks defined in code, run with derived seeds, printed or written.

A :class:`Check` states what a published model predicts (``expected``) and how to measure it in
simulation (``run``); running it gives a :class:`Row` with the simulated value and a tolerance
derived from the sample (see :func:`standard_error_tolerance`). Every check draws from its own
generator, derived from the root seed and the check's key, so ``--only`` reproduces the numbers
of a full run.
"""

from __future__ import annotations

import math
import time
import zlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np

Comparison = Literal["close", "at_most", "at_least"]
MODELS = ("cascade", "contagion", "rumour", "opinion", "energy", "hindcast", "cases")
Z_SCORE = 4.0  # tolerances are 4 standard errors of the replicate mean, plus any allowance


@dataclass(frozen=True)
class Outcome:
    """What a check measured: the value, its tolerance and how the tolerance was derived."""

    simulated: float
    tolerance: float
    basis: str


@dataclass(frozen=True)
class Check:
    """One row of the table, before it runs.

    ``compare`` says how simulated and expected must relate: ``close`` within the tolerance,
    ``at_most`` no more than expected + tolerance, ``at_least`` no less than expected - tolerance.
    """

    model: str
    quantity: str
    parameters: str
    expected: float
    run: Callable[[np.random.Generator], Outcome]
    compare: Comparison = "close"
    reference: str = ""
    expected_text: str | None = None
    stream: str | None = None  # rows sharing a stream draw the same numbers (and can share work)

    @property
    def key(self) -> str:
        return f"{self.model} | {self.quantity} | {self.parameters}"

    @property
    def expected_label(self) -> str:
        if self.expected_text is not None:
            return self.expected_text
        return format_value(self.expected)


@dataclass(frozen=True)
class Row:
    """A check that has run."""

    check: Check
    outcome: Outcome
    seconds: float

    @property
    def passed(self) -> bool:
        sim, exp, tol = self.outcome.simulated, self.check.expected, self.outcome.tolerance
        if not math.isfinite(sim):
            return False
        if self.check.compare == "at_most":
            return sim <= exp + tol
        if self.check.compare == "at_least":
            return sim >= exp - tol
        return abs(sim - exp) <= tol

    def cells(self) -> list[str]:
        """The row as text cells, in the order of :data:`COLUMNS`."""
        sign = {"close": "±", "at_most": "≤ +", "at_least": "≥ −"}[self.check.compare]
        return [
            self.check.model,
            self.check.quantity,
            self.check.parameters,
            self.check.expected_label,
            format_value(self.outcome.simulated),
            f"{sign}{format_value(self.outcome.tolerance)}",
            "pass" if self.passed else "FAIL",
        ]


COLUMNS = ("model", "quantity", "parameters", "expected", "simulated", "tolerance", "result")


def format_value(value: float) -> str:
    """Four significant digits, plain notation where it reads well."""
    if not math.isfinite(value):
        return str(value)
    if value == 0:
        return "0"
    if 1e-3 <= abs(value) < 1e5:
        return f"{value:.4g}"
    return f"{value:.3g}"


def standard_error_tolerance(
    samples: Sequence[float] | np.ndarray,
    allowance: float = 0.0,
    z: float = Z_SCORE,
    label: str = "finite-size",
) -> tuple[float, str]:
    """``z`` standard errors of the mean of independent replicates, plus a fixed allowance
    (for finite-size effects where the published result is asymptotic). Returns the tolerance
    and a readable account of it."""
    values = np.asarray(samples, dtype=np.float64)
    se = float(values.std(ddof=1) / math.sqrt(values.size)) if values.size > 1 else 0.0
    basis = f"{z:g} SE ({format_value(se)}, {values.size} runs)"
    if allowance:
        basis += f" + {label} {format_value(allowance)}"
    return z * se + allowance, basis


def mean_outcome(
    samples: Sequence[float] | np.ndarray, allowance: float = 0.0, label: str = "finite-size"
) -> Outcome:
    """The usual outcome: replicate mean, tolerance from its standard error plus allowance."""
    tol, basis = standard_error_tolerance(samples, allowance, label=label)
    return Outcome(float(np.mean(samples)), tol, basis)


def check_rng(seed: int, check: Check) -> np.random.Generator:
    """The generator of one check: root seed plus a stable hash of the check's key."""
    key = zlib.crc32((check.stream or check.key).encode("utf-8"))
    return np.random.default_rng(np.random.SeedSequence(seed, spawn_key=(key,)))


def all_checks(quick: bool = False, only: Iterable[str] | None = None) -> list[Check]:
    """Every check the table defines (``quick``: the fast subset), optionally for some models."""
    from . import cascade, cases, contagion, energy, hindcast, opinion, rumour

    modules = {
        "cascade": cascade,
        "contagion": contagion,
        "rumour": rumour,
        "opinion": opinion,
        "energy": energy,
        "hindcast": hindcast,
        "cases": cases,
    }
    wanted = list(only) if only else list(MODELS)
    unknown = [m for m in wanted if m not in modules]
    if unknown:
        raise ValueError(f"unknown model(s) {', '.join(unknown)}; choose from {', '.join(MODELS)}")
    out: list[Check] = []
    for name in MODELS:
        if name in wanted:
            out += modules[name].checks(quick)
    return out


def run_checks(
    checks: Sequence[Check],
    seed: int = 0,
    progress: Callable[[int, Check], None] | None = None,
) -> list[Row]:
    """Run checks in order; ``progress(i, check)`` is called before each one."""
    rows = []
    for i, check in enumerate(checks):
        if progress is not None:
            progress(i, check)
        start = time.perf_counter()
        outcome = check.run(check_rng(seed, check))
        rows.append(Row(check, outcome, time.perf_counter() - start))
    return rows


def markdown_table(rows: Sequence[Row], basis: bool = True) -> str:
    """The table in GitHub Markdown (with the tolerance basis as a last column)."""
    header = list(COLUMNS) + (["tolerance basis"] if basis else [])
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for row in rows:
        cells = row.cells() + ([row.outcome.basis] if basis else [])
        lines.append("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
    return "\n".join(lines) + "\n"


TABLE_START = "<!-- verify-table:start -->"
TABLE_END = "<!-- verify-table:end -->"


def write_markdown(path, rows: Sequence[Row], seed: int, quick: bool) -> None:
    """Write the table into ``path``: between the table markers when the file has them (so the
    page's prose stays), else as a new page."""
    from pathlib import Path

    path = Path(path)
    shown = path.name if path.is_absolute() else path.as_posix()  # no machine paths in docs
    passed = sum(r.passed for r in rows)
    block = (
        f"{TABLE_START}\n"
        f"Generated by `hybridsim verify{' --quick' if quick else ''} --seed {seed} "
        f"--markdown {shown}`: {passed} of {len(rows)} checks pass.\n\n"
        f"{markdown_table(rows)}{TABLE_END}"
    )
    if path.exists():
        text = path.read_text(encoding="utf-8")
        if TABLE_START in text and TABLE_END in text:
            head, rest = text.split(TABLE_START, 1)
            tail = rest.split(TABLE_END, 1)[1]
            path.write_text(head + block + tail, encoding="utf-8")
            return
    path.write_text(f"# Verification\n\n{block}\n", encoding="utf-8")


def parse_markdown_rows(text: str) -> list[tuple[str, str, str, str]]:
    """(model, quantity, parameters, expected) of each row of the generated table in a page."""
    if TABLE_START not in text:
        return []
    body = text.split(TABLE_START, 1)[1].split(TABLE_END, 1)[0]
    out = []
    for line in body.splitlines():
        if not line.startswith("| ") or line.startswith("| model |"):
            continue
        cells = [c.strip().replace("\\|", "|") for c in line.strip()[2:-2].split(" | ")]
        out.append((cells[0], cells[1], cells[2], cells[3]))
    return out
