"""The public library API; the CLI is a thin layer over these calls."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterable, Iterator

from termcheck.config import Config, ConfigResolver
from termcheck.corpus.sources import DEFAULT_READ, ReadOptions, iter_items, path_list
from termcheck.document import Document
from termcheck.engine import (
    DocumentResult,
    FixResult,
    allow_applicability,
    check_document,
    fix_document,
    load_configured_data,
)
from termcheck.model import Applicability, FileProblem, Finding

if TYPE_CHECKING:
    from termcheck.corpus.executors import Executor, Task


@dataclass
class LintTally:
    """The counts of a lint run (and its problems), kept while findings stream past."""

    files_checked: int = 0
    findings: int = 0
    fixable: int = 0  # findings whose fix --fix applies (safe)
    unsafe_fixable: int = 0  # findings whose fix only --fix --unsafe-fixes applies
    by_code: Counter[str] = field(default_factory=Counter)
    by_category: Counter[str] = field(default_factory=Counter)
    fixable_by_code: Counter[str] = field(default_factory=Counter)  # safe fixes, per rule
    problems: list[FileProblem] = field(default_factory=list)

    def add(self, result: DocumentResult) -> None:
        """Count one document's result (its ``counted`` findings, when they were left behind)."""
        self.files_checked += result.checked
        if result.counted is not None:
            self.add_counts(result.counted)
        else:
            self.add_findings(result.findings)
        self.problems.extend(result.problems)

    def add_counts(self, other: LintTally) -> None:
        """Add the finding counts of ``other`` (not its files or problems)."""
        self.findings += other.findings
        self.fixable += other.fixable
        self.unsafe_fixable += other.unsafe_fixable
        self.by_code.update(other.by_code)
        self.by_category.update(other.by_category)
        self.fixable_by_code.update(other.fixable_by_code)

    def add_findings(self, findings: list[Finding]) -> None:
        self.findings += len(findings)
        applicable = Counter(f.fix.applicability for f in findings if f.fix is not None)
        self.fixable += applicable[Applicability.SAFE]
        self.unsafe_fixable += applicable[Applicability.UNSAFE]  # display-only: no fix at all
        self.by_code.update(f.code for f in findings)
        self.by_category.update(f.category for f in findings)
        self.fixable_by_code.update(f.code for f in findings if f.fix is not None
                                    and f.fix.applicability is Applicability.SAFE)

    def summary(self) -> dict[str, Any]:
        """Counts for reports: files, findings by code and category, problems."""
        return {
            "files_checked": self.files_checked,
            "files_with_problems": len({p.path for p in self.problems}),
            "findings": self.findings,
            "fixable": self.fixable,
            "unsafe_fixable": self.unsafe_fixable,
            "by_code": dict(sorted(self.by_code.items())),
            "by_category": dict(sorted(self.by_category.items())),
            "problems": len(self.problems),
        }

    @property
    def exit_code(self) -> int:
        """0 when nothing was found, 1 for findings or skipped inputs, 2 when nothing was read."""
        if self.problems and self.files_checked == 0:
            return 2
        return 1 if self.findings or self.problems else 0


@dataclass
class LintReport:
    """Everything a lint run found."""

    findings: list[Finding] = field(default_factory=list)
    problems: list[FileProblem] = field(default_factory=list)
    files_checked: int = 0
    texts: dict[str, str] = field(default_factory=dict)  # path -> text, with ``keep_texts``

    @classmethod
    def collect(cls, results: Iterable[DocumentResult]) -> LintReport:
        """The report of a stream of results (texts kept when the results carry them).

        Results rendered where they were checked (``iter_lint(render=...)``) carry counts, not
        findings: a ``ValueError``, rather than a report that silently lacks them.
        """
        report = cls()
        for result in results:
            if result.counted is not None:
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
        tally = LintTally(self.files_checked, problems=list(self.problems))
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
              render: Callable[[list[Finding]], str] | None = None) -> Iterator[DocumentResult]:
    """Lint inputs one document at a time: a result per input, in input order.

    Inputs are walked lazily and only a bounded number of documents is in memory at once.
    ``executor`` decides where documents are checked (default: in this process; see
    :func:`termcheck.corpus.executors.make_executor`). Corpus-wide rules need a first pass over
    every input: ``profile`` skips it, and ``profile_file`` reuses the profile saved in that file
    (or saves the one computed, when the file does not exist yet). With ``keep_texts`` every
    result carries the checked text in ``result.text``. ``render`` (picklable, e.g.
    ``partial(termcheck.report.render_findings, "text", False)``) renders each document's
    findings where it is checked: the result then carries that text (``result.rendered``) and
    their counts (``result.counted``) instead of the findings, so worker processes share the
    work of the report and send back less (:func:`termcheck.report.write_stream` writes it).
    """
    from termcheck.corpus.executors import (
        SerialExecutor,
        Task,
        keeping_text,
        lint_apply,
        rendering,
    )

    paths = path_list(paths)
    executor = executor or SerialExecutor()
    apply = partial(keeping_text, lint_apply) if keep_texts else lint_apply
    if render is not None:
        apply = partial(rendering, render, apply)
    task = Task(ConfigResolver(config, overrides), read_options, apply=apply)
    if profile is None:  # now, not at the first result: its errors come before any output
        profile = corpus_profile(paths, task, executor, profile_file)
    return results_of(executor.map(iter_items(paths, task.read), task.with_profile(profile)))


def results_of(outcomes: Iterable[DocumentResult | FileProblem]) -> Iterator[DocumentResult]:
    """An executor's outcomes as results: an input that could not be read is a result too."""
    for outcome in outcomes:
        if isinstance(outcome, FileProblem):
            yield DocumentResult(outcome.path, problems=[outcome], checked=False)
        else:
            yield outcome


def corpus_profile(paths: list[str | Path], task: Task, executor: Executor,
                   profile_file: Path | None = None,
                   items: Iterable[Any] | None = None) -> dict[str, Any] | None:
    """The merged corpus profile (``None`` when no corpus-wide rule is on), cached in a file.

    ``items`` replaces the work items of ``paths`` (``clean`` walks its own).
    """
    from termcheck.corpus import profile as stored

    for config in {id(c): c for c in map(task.resolver.for_path, paths)}.values():
        load_configured_data(config)  # a bad data file of a named path: an error of the run
    wanted = corpus_rule_codes(paths, task)
    if profile_file is not None and profile_file.is_file():
        return stored.load(profile_file, wanted)
    profile = executor.profile(iter_items(paths, task.read) if items is None else items, task)
    if profile_file is not None:
        stored.save(profile or {}, profile_file, wanted)
    return profile


def corpus_rule_codes(paths: list[str | Path], task: Task) -> set[str]:
    """Codes of the corpus-wide rules enabled for any of ``paths`` (as named). A malformed
    configuration of a named path is an error of the run; one found deeper, while walking, is a
    TC-CONFIG problem of each input under it (:func:`termcheck.corpus.executors.run_one`)."""
    from termcheck.engine import rules_for

    return {r.code for path in paths for r in rules_for(task.resolver.for_path(path), str(path))
            if r.corpus is not None}


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
