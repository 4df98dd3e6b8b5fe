"""The after-action report as PDF, printed by the Chromium already on the machine (headless).

No new dependency and no network: the HTML report is self-contained (inline PNG charts, no
scripts, no links), Chromium is started with its network features off and prints a local file.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

ENV_CHROMIUM = "HYBRIDSIM_CHROMIUM"
CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
FLAGS = (
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-extensions",
    "--no-pdf-header-footer",
)  # fmt: skip
TIMEOUT_S = 120


class PdfError(RuntimeError):
    """No Chromium, or it failed: said in words, without a traceback."""


def chromium() -> str:
    """The Chromium to print with: $HYBRIDSIM_CHROMIUM, else the first on PATH."""
    given = os.environ.get(ENV_CHROMIUM, "").strip()
    found = given or next((p for p in map(shutil.which, CANDIDATES) if p), None)
    if not found:
        raise PdfError(
            "the PDF report is printed by Chromium, which was not found: install it "
            "(Debian: apt-get install chromium) or set HYBRIDSIM_CHROMIUM to its path"
        )
    return found


def html_to_pdf(html: str, out: Path) -> Path:
    """Print an HTML document to ``out`` (A4, the report's own layout)."""
    with tempfile.TemporaryDirectory(prefix="hybridsim-pdf-") as tmp:
        page = Path(tmp) / "report.html"
        page.write_text(html, encoding="utf-8")
        cmd = [chromium(), *FLAGS, f"--user-data-dir={tmp}/profile",
               f"--print-to-pdf={out.resolve()}", page.as_uri()]  # fmt: skip
        try:
            result = subprocess.run(
                cmd, capture_output=True, text=True, timeout=TIMEOUT_S, check=False
            )
        except subprocess.TimeoutExpired:
            raise PdfError(f"Chromium did not print the report within {TIMEOUT_S} s") from None
        except OSError as exc:
            raise PdfError(f"cannot start Chromium ({cmd[0]}): {exc.strerror}") from None
    if result.returncode != 0 or not out.exists() or out.stat().st_size == 0:
        tail = (result.stderr or "").strip().splitlines()[-3:]
        raise PdfError(f"Chromium could not print the report: {' / '.join(tail)}")
    return out


def pdf_bytes(html: str) -> bytes:
    """The PDF of an HTML document, in memory (for a download)."""
    with tempfile.TemporaryDirectory(prefix="hybridsim-pdf-out-") as tmp:
        return html_to_pdf(html, Path(tmp) / "report.pdf").read_bytes()
