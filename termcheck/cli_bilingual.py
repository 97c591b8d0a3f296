"""``lint --source SRC TARGET`` and ``lint --bilingual FILE.jsonl``: pair, check, render."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterator, List

from termcheck.cli import apply_baseline, fail, lint_exit_code, write_output

if TYPE_CHECKING:
    from termcheck.bilingual import Pair
    from termcheck.corpus.sources import ReadOptions


def run_bilingual(paths: List[Path], source: Path | None, source_lang: str | None, base: Any,
                  overrides: dict[str, Any], read_options: ReadOptions, fmt: str,
                  output: Path | None, baseline: Path | None = None,
                  write_baseline: Path | None = None) -> int:
    """Lint translations against their sources; the exit status of the run."""
    from termcheck.bilingual import lint_pairs
    from termcheck.report import render

    report = lint_pairs(iter_pairs(paths, source, read_options), base, overrides, source_lang,
                        keep_texts=fmt in ("html", "sarif"))
    apply_baseline(report, baseline, write_baseline)
    color = output is None and fmt == "text" and sys.stdout.isatty()
    write_output(render(report, fmt, color), output)
    return lint_exit_code(report, write_baseline is not None)


def iter_pairs(paths: List[Path], source: Path | None,
               read_options: ReadOptions) -> Iterator[Pair]:
    """``--source DIR TARGET_DIR`` (or one source file and one target file), else JSONL pairs."""
    from termcheck.bilingual import Pair, iter_jsonl_pairs, pair_directories
    from termcheck.corpus.sources import Source, read_document

    if source is None:
        for path in paths:
            yield from iter_jsonl_pairs(path)
        return
    if len(paths) != 1:
        fail("--source takes exactly one target directory (or file)")
    target = paths[0]
    if source.is_dir() and target.is_dir():
        yield from pair_directories(source, target, read_options)
    elif source.is_file() and target.is_file():
        yield Pair(read_document(Source(str(target), target, target), read_options),
                   read_document(Source(str(source), source, source), read_options))
    else:
        fail(f"--source {source} and {target} must be two directories or two files")
