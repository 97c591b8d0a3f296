"""Renderers of lint reports: text, json, jsonl, sarif, github, html (see :data:`FORMATS`)."""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Callable

if TYPE_CHECKING:
    from termcheck.api import LintReport

Renderer = Callable[["LintReport", bool], str]

FORMATS = {
    "text": "termcheck.report.text",
    "json": "termcheck.report.json",
    "jsonl": "termcheck.report.jsonl",
    "sarif": "termcheck.report.sarif",
    "github": "termcheck.report.github",
    "html": "termcheck.report.html",
}


def render(report: LintReport, fmt: str, color: bool = False) -> str:
    """Render ``report`` in format ``fmt`` (one of :data:`FORMATS`)."""
    module = import_module(FORMATS[fmt])
    return module.render(report, color)  # type: ignore[no-any-return]
