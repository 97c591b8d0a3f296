"""``lint --source SRC TARGET`` and ``lint --bilingual FILE.jsonl``: pair, check, render."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterator, List

from termcheck.cli.options import fail, filtered_by_baseline, output_writer, write_output
from termcheck.model import FileProblem

if TYPE_CHECKING:
    from termcheck.bilingual import Pair
    from termcheck.corpus.executors import Executor
    from termcheck.corpus.sources import ReadOptions


def run_bilingual(paths: List[Path], source: Path | None, source_lang: str | None, base: Any,
                  overrides: dict[str, Any], read_options: ReadOptions, fmt: str,
                  output: Path | None, baseline: Path | None = None,
                  write_baseline: Path | None = None, *, executor: Executor | None = None,
                  align: bool = False, color: bool = False, quiet: bool = False) -> int:
    """Lint translations against their sources; the exit status of the run."""
    from termcheck.api import LintReport
    from termcheck.bilingual import iter_lint_pairs
    from termcheck.report import STREAMING, render, write_stream

    def pairs() -> Iterator[Pair]:
        return iter_pairs(paths, source, read_options)

    check_pair_inputs(paths, source)
    named = [*paths, *([source] if source else [])]
    if fmt in STREAMING and baseline is None and write_baseline is None:
        with output_writer(output) as out:
            return write_stream(iter_lint_pairs(pairs, base, overrides, source_lang,
                                                executor=executor, align=align, named=named),
                                fmt, out, color, quiet=quiet, fixes_offered=False).exit_code
    report = LintReport.collect(iter_lint_pairs(pairs, base, overrides, source_lang,
                                                keep_texts=fmt in ("html", "sarif"),
                                                executor=executor, align=align,
                                                named=named))
    report.findings = filtered_by_baseline(report.findings, baseline, write_baseline)
    report.fixes_offered = False  # --fix is refused with --source and --bilingual
    write_output(render(report, fmt, color, quiet=quiet), output)
    return report.status(write_baseline is not None)


def check_pair_inputs(paths: List[Path], source: Path | None) -> None:
    """Usage errors of ``--source`` before anything is read or written."""
    if source is None:
        return
    if len(paths) != 1:
        fail("--source takes exactly one target directory (or file)")
    target = paths[0]
    for path in (source, target):
        if not path.exists():
            fail(f"{path}: no such file or directory")
    if not ((source.is_dir() and target.is_dir()) or (source.is_file() and target.is_file())):
        fail(f"--source {source} and {target} must be two directories or two files")
    if source.resolve() == target.resolve():
        fail(f"--source {source} is the target {target} itself: every segment would be its own "
             "source; name the folder (or file) of the originals")


def iter_pairs(paths: List[Path], source: Path | None,
               read_options: ReadOptions) -> Iterator[Pair]:
    """``--source DIR TARGET_DIR`` (or one source file and one target file), else the pairs of
    JSONL, TMX or XLIFF files.

    The inputs must have passed :func:`check_pair_inputs`.
    """
    from termcheck.bilingual import Pair, iter_file_pairs, pair_directories, read_or_problem
    from termcheck.corpus.sources import Source

    if source is None:
        for path in paths:
            yield from iter_file_pairs(path, read_options.id_field)
        return
    target = paths[0]
    if source.is_dir():
        yield from pair_directories(source, target, read_options)
    else:
        read = [read_or_problem(Source(str(path), str(path), path), read_options)
                for path in (target, source)]
        documents = [None if isinstance(r, FileProblem) else r for r in read]
        yield Pair(documents[0], documents[1],
                   problems=[r for r in read if isinstance(r, FileProblem)])
