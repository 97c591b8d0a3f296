"""``termcheck lint --fix`` and ``--diff``: the fix loop's sink (files rewritten in place, or a
diff), streamed: one file's outcome at a time, whatever the size of the corpus."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable, Iterator, List

import typer

from termcheck.cli.options import output_writer

if TYPE_CHECKING:
    from termcheck.clean import FileFix
    from termcheck.corpus.executors import Executor
    from termcheck.corpus.sources import ReadOptions
    from termcheck.engine import DocumentResult
    from termcheck.model import FileProblem
    from termcheck.pipeline import Watch


def run_fix(paths: List[Path], base: Any, overrides: dict[str, Any], read_options: ReadOptions,
            unsafe: bool, diff: bool, fmt: str, output: Path | None, *,
            executor: Executor | None = None, profile_file: Path | None = None,
            watch: Watch | None = None, quiet: bool = False) -> int:
    """``lint --fix`` / ``--diff``: the exit status (``--diff``: 1 when something would change).
    ``quiet`` (``-q``) leaves out the summary lines: the report's and the count of fixes."""
    from termcheck.clean import iter_fix

    outcomes = iter_fix(paths, base, overrides, read_options, unsafe=unsafe, write=not diff,
                        executor=executor, profile_file=profile_file, watch=watch)
    if diff:
        return write_diffs(outcomes, quiet)
    return write_fixes(outcomes, fmt, output, quiet, applied=("safe", "unsafe") if unsafe
                       else ("safe",))


def write_diffs(outcomes: Iterable[FileFix | FileProblem], quiet: bool = False) -> int:
    """Each changed file's diff on stdout as it comes, then the problems and a count."""
    from termcheck.model import FileProblem

    problems: list[FileProblem] = []
    files = spans = 0
    jsonl = JsonlFiles()
    for item in outcomes:
        if isinstance(item, FileProblem):
            problems.append(item)
            continue
        problems.extend(item.result.problems)
        if jsonl.counted(item):
            continue
        if item.result.changed:
            sys.stdout.write(item.diff())
            files += 1
            spans += len(item.result.ledger)
    for problem in problems:
        typer.echo(str(problem), err=True)
    if not quiet:
        typer.echo(f"Would fix {spans} span(s) in {files} file(s).", err=True)
    jsonl.note("no diff shown for them")
    return 1 if files or problems else 0


def write_fixes(outcomes: Iterable[FileFix | FileProblem], fmt: str, output: Path | None,
                quiet: bool = False, applied: tuple[str, ...] = ("safe",)) -> int:
    """The findings left after the fixes, reported as they come, then the count of fixes.
    The summary offers no fix of the kinds ``applied``: those left are in files not rewritten."""
    from termcheck.report import write_stream

    written = [0, 0, 0]  # files, spans, changed files not rewritten (each one a problem line)
    jsonl = JsonlFiles()

    def results() -> Iterator[DocumentResult]:
        from termcheck.engine import DocumentResult
        from termcheck.model import FileProblem

        for item in outcomes:
            if isinstance(item, FileProblem):
                yield DocumentResult(item.path, problems=[item], checked=False)
                continue
            if jsonl.counted(item):
                pass
            elif item.written:
                written[0] += 1
                written[1] += len(item.result.ledger)
            elif item.result.changed:
                written[2] += 1
            yield DocumentResult(item.display, item.left, item.result.problems)

    color = output is None and fmt == "text" and sys.stdout.isatty()
    with output_writer(output) as out:
        tally = write_stream(results(), fmt, out, color, quiet=quiet, applied=applied)
    if not quiet:
        typer.echo(f"Fixed {written[1]} span(s) in {written[0]} file(s)."
                   f"{not_rewritten(written[2])}", err=True)
    jsonl.note()
    return tally.exit_code


def not_rewritten(files: int) -> str:
    """The end of the fix count when some files needed fixes but could not be rewritten."""
    if not files:
        return ""
    return (f" {files} file(s) not rewritten (TC-NOT-WRITTEN above): their findings are "
            "reported unfixed.")


class JsonlFiles:
    """The JSONL files of a ``--fix`` or ``--diff`` run: their records are checked like any
    text, never rewritten in place (a JSONL file is one line per record, with fields of its own);
    one note at the end says how many there were and how to get them cleaned."""

    def __init__(self) -> None:
        self.files = 0
        self.last: Path | None = None

    def counted(self, item: FileFix) -> bool:
        """Whether ``item`` is a JSONL record (counted here, once per file)."""
        if not item.record:
            return False
        if item.source.path != self.last:  # the records of a file come together, in order
            self.files += 1
            self.last = item.source.path
        return True

    def note(self, what: str = "their findings are reported unfixed") -> None:
        if self.files:
            typer.echo(f"termcheck: note: {self.files} JSONL file(s) checked, not fixed in place "
                       f"({what}); 'termcheck clean INPUT... --out DIR' writes them cleaned, "
                       "as JSONL", err=True)
