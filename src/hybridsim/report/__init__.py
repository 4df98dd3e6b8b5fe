"""After-action report: the game's timeline, charts, decisions, rolls and overrides, for the hot
wash. Self-contained HTML (charts inlined as PNG) and Markdown, from a model or a game file."""

from .content import ReportContent, TakenBack, build_report, taken_back
from .render_html import render_html
from .render_markdown import render_markdown

__all__ = [
    "ReportContent",
    "TakenBack",
    "build_report",
    "render_html",
    "render_markdown",
    "taken_back",
]
