"""Renderers of lint reports: text, json, jsonl, sarif, github, html (see :data:`FORMATS`).

The formats in :data:`STREAMING` are written while the run goes on (:func:`write_stream`): a
head, a chunk per finding, and a tail made from the run's counts and problems, so a corpus of
any size is reported in constant memory. Their modules share one protocol: ``head()``,
``finding(finding, color)`` and ``tail(tally, color)``, each returning text (``color`` matters
to ``text`` only), and ``SEPARATOR``, written between two findings; a module may also define
``findings(findings, color)``, the same text as their ``finding`` texts joined by ``SEPARATOR``
(made at once, for less work per finding). The findings of a document
can be rendered where it was checked (:func:`render_findings`, in a worker process), so that
the process writing the report only writes. SARIF and HTML need the whole report (and texts).
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any, Callable, Iterable

if TYPE_CHECKING:
    from termcheck.api import LintReport, LintTally
    from termcheck.engine import DocumentResult
    from termcheck.model import Finding

FORMATS = {
    "text": "termcheck.report.text",
    "json": "termcheck.report.json",
    "jsonl": "termcheck.report.jsonl",
    "sarif": "termcheck.report.sarif",
    "github": "termcheck.report.github",
    "html": "termcheck.report.html",
}
STREAMING = frozenset({"text", "json", "jsonl", "github"})


def render(report: LintReport, fmt: str, color: bool = False, quiet: bool = False) -> str:
    """Render ``report`` in format ``fmt`` (one of :data:`FORMATS`); ``quiet`` leaves out the
    text format's summary line."""
    module = import_module(FORMATS[fmt])
    if fmt not in STREAMING:
        return module.render(report, color)  # type: ignore[no-any-return]
    return (module.head() + render_findings(fmt, color, report.findings)
            + _tail(module, report.tally(), color, quiet))


def _tail(module: Any, tally: LintTally, color: bool, quiet: bool) -> str:
    return module.tail(tally, color, quiet=True) if quiet and module.__name__.endswith(
        ".text") else module.tail(tally, color)  # type: ignore[no-any-return]


def render_findings(fmt: str, color: bool, findings: list[Finding]) -> str:
    """The findings in format ``fmt`` (one of :data:`STREAMING`), separated as in a report."""
    if not findings:  # most documents: nothing to render, no module to look up
        return ""
    module = import_module(FORMATS[fmt])
    render_all = getattr(module, "findings", None)  # a format's own way of writing several
    if render_all is not None:
        return render_all(findings, color)  # type: ignore[no-any-return]
    return module.SEPARATOR.join(module.finding(f, color) for f in findings)  # type: ignore[no-any-return]


def write_stream(results: Iterable[DocumentResult], fmt: str, write: Callable[[str], object],
                 color: bool = False, quiet: bool = False, fixes_offered: bool = True,
                 applied: tuple[str, ...] = ()) -> LintTally:
    """Write the report of ``results`` in ``fmt`` (one of :data:`STREAMING`) as they come.

    The output is the same as :func:`render` of the collected report; only counts and problems
    are kept. A result's ``rendered`` text (see :func:`render_findings`) is written as it is,
    its ``counted`` findings counted.
    ``quiet`` leaves out the text format's summary line; ``fixes_offered=False`` (where ``--fix``
    does not apply) leaves out what it would fix, and ``applied`` the kinds of fix the run has
    just applied (``lint --fix``). Returns the counts (for the exit code).
    """
    from termcheck.api import LintTally

    module = import_module(FORMATS[fmt])
    tally = LintTally(fixes_offered=fixes_offered, applied=applied)
    write(module.head())
    for result in results:
        first = tally.findings == 0
        tally.add(result)
        text = result.rendered if result.rendered is not None else render_findings(
            fmt, color, result.findings)
        if text:
            write(text if first else module.SEPARATOR + text)
    write(_tail(module, tally, color, quiet))
    return tally
