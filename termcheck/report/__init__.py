"""Renderers of lint reports: text, json, jsonl, sarif, github, html (see :data:`FORMATS`).

The formats in :data:`STREAMING` are written while the run goes on (:func:`write_stream`): a
head, a chunk per finding, and a tail made from the run's counts and problems, so a corpus of
any size is reported in constant memory. Their modules share one protocol: ``head()``,
``finding(finding, index, color)`` and ``tail(tally, color)``, each returning text (``color``
matters to ``text`` only). SARIF and HTML need the whole report (and the texts).
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Callable, Iterable

if TYPE_CHECKING:
    from termcheck.api import LintReport, LintTally
    from termcheck.engine import DocumentResult

FORMATS = {
    "text": "termcheck.report.text",
    "json": "termcheck.report.json",
    "jsonl": "termcheck.report.jsonl",
    "sarif": "termcheck.report.sarif",
    "github": "termcheck.report.github",
    "html": "termcheck.report.html",
}
STREAMING = frozenset({"text", "json", "jsonl", "github"})


def render(report: LintReport, fmt: str, color: bool = False) -> str:
    """Render ``report`` in format ``fmt`` (one of :data:`FORMATS`)."""
    module = import_module(FORMATS[fmt])
    if fmt not in STREAMING:
        return module.render(report, color)  # type: ignore[no-any-return]
    chunks = [module.head()]
    chunks += [module.finding(f, index, color) for index, f in enumerate(report.findings)]
    chunks.append(module.tail(report.tally(), color))
    return "".join(chunks)


def write_stream(results: Iterable[DocumentResult], fmt: str, write: Callable[[str], object],
                 color: bool = False) -> LintTally:
    """Write the report of ``results`` in ``fmt`` (one of :data:`STREAMING`) as they come.

    The output is the same as :func:`render` of the collected report; only counts and problems
    are kept. Returns the counts (for the exit code).
    """
    from termcheck.api import LintTally

    module = import_module(FORMATS[fmt])
    tally = LintTally()
    write(module.head())
    for result in results:
        first = tally.findings
        tally.add(result)
        if result.findings:
            write("".join(module.finding(f, first + n, color)
                          for n, f in enumerate(result.findings)))
    write(module.tail(tally, color))
    return tally
