"""After-action report: the game's timeline, charts, decisions, rolls and overrides, for the hot
wash. Self-contained HTML (charts inlined as PNG) and Markdown, from a model or a game file."""

from .content import ReportContent, build_report
from .render_html import render_html
from .render_markdown import render_markdown

__all__ = ["ReportContent", "build_report", "render_html", "render_markdown"]
