"""The public library API; the CLI is a thin layer over these calls."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterable, Iterator

from termcheck.config import Config, ConfigResolver
from termcheck.corpus.sources import DEFAULT_READ, ReadOptions, path_list
from termcheck.document import Document
from termcheck.engine import (
    DocumentResult,
    FixResult,
    allow_applicability,
    check_document,
    fix_document,
)
from termcheck.model import FileProblem, Finding
from termcheck.tally import LintTally

if TYPE_CHECKING:
    from termcheck.corpus.executors import Executor
    from termcheck.pipeline import Watch


@dataclass
class LintReport:
    """Everything a lint run found."""

    findings: list[Finding] = field(default_factory=list)
    problems: list[FileProblem] = field(default_factory=list)
    files_checked: int = 0
    texts: dict[str, str] = field(default_factory=dict)  # path -> text, with ``keep_texts``
    fixes_offered: bool = True  # False where --fix does not apply (bilingual runs)

    @classmethod
    def collect(cls, results: Iterable[DocumentResult]) -> LintReport:
        """The report of a stream of results (texts kept when the results carry them).

        Results rendered where they were checked (``iter_lint(render=...)``) carry counts, not
        findings: a ``ValueError``, rather than a report that silently lacks them.
        """
        report = cls()
        for result in results:
            if result.rendered is not None:
                raise ValueError("results rendered where checked carry no findings to collect; "
                                 "write them with termcheck.report.write_stream")
            report.files_checked += result.checked
            if result.text is not None:
                report.texts[result.path] = result.text
            report.findings.extend(result.findings)
            report.problems.extend(result.problems)
        return report

    def tally(self) -> LintTally:
        """The counts of this report (as :func:`termcheck.report.write_stream` keeps them)."""
        tally = LintTally(self.files_checked, problems=list(self.problems),
                          fixes_offered=self.fixes_offered)
        tally.add_findings(self.findings)
        return tally

    @property
    def fixable(self) -> int:
        """Findings that ``--fix`` fixes (safe fixes; display-only suggestions are no fixes)."""
        return self.tally().fixable

    @property
    def unsafe_fixable(self) -> int:
        """Findings that only ``--fix --unsafe-fixes`` fixes."""
        return self.tally().unsafe_fixable

    def summary(self) -> dict[str, Any]:
        """Counts for reports: files, findings by code and category, problems."""
        return self.tally().summary()

    @property
    def exit_code(self) -> int:
        """0 when nothing was found, 1 for findings or skipped inputs, 2 when nothing was read."""
        return self.tally().exit_code

    def status(self, wrote_baseline: bool = False) -> int:
        """The exit status; writing a baseline accepts today's findings (not problems)."""
        if wrote_baseline and self.files_checked and not self.problems:
            return 0
        return int(self.exit_code)


def lint_text(text: str, config: Config | None = None, path: str = "<text>") -> list[Finding]:
    """Lint one text; corpus-wide rules see this text as the whole corpus."""
    _check_text(text, "lint_text")
    doc = Document(text=text, path=path)
    return check_document(doc, config or Config()).findings


def lint_paths(paths: Iterable[str | Path], config: Config | None = None,
               overrides: dict[str, Any] | None = None,
               read_options: ReadOptions = DEFAULT_READ, *,
               executor: Executor | None = None,
               profile: dict[str, Any] | None = None,
               profile_file: Path | None = None,
               keep_texts: bool = False) -> LintReport:
    """Lint files and directories (``*.txt`` and ``*.md`` inside directories).

    ``config=None`` finds the nearest configuration file for each input; ``overrides`` (as from
    command-line flags) apply on top. Unreadable inputs become problems; the rest is checked.
    The keyword arguments are those of :func:`iter_lint`; ``keep_texts`` keeps every checked
    text in ``report.texts`` (for the HTML and SARIF reports).
    """
    return LintReport.collect(iter_lint(paths, config, overrides, read_options,
                                        executor=executor, profile=profile,
                                        profile_file=profile_file, keep_texts=keep_texts))


def iter_lint(paths: Iterable[str | Path], config: Config | None = None,
              overrides: dict[str, Any] | None = None,
              read_options: ReadOptions = DEFAULT_READ, *,
              executor: Executor | None = None,
              profile: dict[str, Any] | None = None,
              profile_file: Path | None = None,
              keep_texts: bool = False,
              render: Callable[[list[Finding]], str] | None = None,
              watch: Watch | None = None) -> Iterator[DocumentResult]:
    """Lint inputs one document at a time: a result per input, in input order.

    Inputs are walked lazily and only a bounded number of documents is in memory at once.
    ``executor`` decides where documents are checked (default: in this process; see
    :func:`termcheck.pipeline.make_executor`). Corpus-wide rules need a first pass over
    every input: ``profile`` skips it, and ``profile_file`` reuses the profile saved in that file
    (or saves the one computed, when the file does not exist yet). With ``keep_texts`` every
    result carries the checked text in ``result.text``. ``render`` (picklable, e.g.
    ``partial(termcheck.report.render_findings, "text", False)``) renders each document's
    findings where it is checked: the result then carries that text (``result.rendered``) and
    their counts by kind (``result.counted``, see :func:`termcheck.tally.kinds_of`; ``None``
    for a document without findings, whose ``rendered`` is empty) instead of the findings, so
    worker processes share the work of the report and send back less
    (:func:`termcheck.report.write_stream` writes it).
    ``watch`` sees the items of each pass go by (see :class:`termcheck.pipeline.Run`).
    """
    from termcheck.corpus.executors import SerialExecutor
    from termcheck.pipeline import Run, Walk, keeping_text, lint_apply, rendering, walk

    paths = path_list(paths)
    apply = partial(keeping_text, lint_apply) if keep_texts else lint_apply
    if render is not None:
        apply = partial(rendering, render, apply)
    run = Run(ConfigResolver(config, overrides), apply, executor or SerialExecutor(),
              read_options, profile, profile_file, watch)
    how = Walk(read_options)
    return results_of(outcome for _, outcome in run.stream(lambda: walk(paths, how), paths))


def results_of(outcomes: Iterable[DocumentResult | FileProblem]) -> Iterator[DocumentResult]:
    """An executor's outcomes as results: an input that could not be read is a result too."""
    for outcome in outcomes:
        if isinstance(outcome, FileProblem):
            yield DocumentResult(outcome.path, problems=[outcome], checked=False)
        else:
            yield outcome


def lint_bytes(data: bytes, path: str = "-", config: Config | None = None,
               overrides: dict[str, Any] | None = None,
               read_options: ReadOptions = DEFAULT_READ) -> LintReport:
    """Lint the bytes of one document read from a stream (``termcheck lint -``).

    ``path`` names the document in findings and chooses its configuration (the nearest
    configuration file, as for a file of that name, when ``config`` is ``None``); bytes that
    cannot be decoded are a problem of the report, as for a file.
    """
    doc = _decoded(data, path, read_options)
    if isinstance(doc, FileProblem):
        return LintReport(problems=[doc])
    result = check_document(doc, ConfigResolver(config, overrides).for_path(path))
    return LintReport.collect([result])


def fix_bytes(data: bytes, path: str = "-", config: Config | None = None,
              overrides: dict[str, Any] | None = None,
              read_options: ReadOptions = DEFAULT_READ, unsafe: bool = False
              ) -> FixResult | FileProblem:
    """Fix the bytes of one document read from a stream (``termcheck lint --fix -``): the fix
    loop's result (``to_bytes()`` keeps the encoding and BOM), or the problem of undecodable
    bytes."""
    doc = _decoded(data, path, read_options)
    if isinstance(doc, FileProblem):
        return doc
    config = ConfigResolver(config, overrides).for_path(path)
    return fix_document(doc, config, allow_applicability(unsafe))


def _decoded(data: bytes, path: str, read_options: ReadOptions) -> Document | FileProblem:
    from termcheck.errors import InputError

    try:
        return Document.from_bytes(data, path, read_options.encoding, read_options.errors)
    except InputError as exc:
        return FileProblem(path, exc.code, exc.message)


def fix_text(text: str, config: Config | None = None, unsafe: bool = False) -> FixResult:
    """Apply safe (and with ``unsafe`` also unsafe) fixes until the text is stable."""
    _check_text(text, "fix_text")
    return fix_document(Document(text=text), config or Config(), allow_applicability(unsafe))


def _check_text(text: object, function: str) -> None:
    """A ``TypeError`` for bytes or ``None`` (nothing would be checked, without a word)."""
    if not isinstance(text, str):
        hint = "; decode bytes with termcheck.Document.from_bytes" if isinstance(
            text, (bytes, bytearray)) else ""
        raise TypeError(f"{function} takes a str, not {type(text).__name__}{hint}")
