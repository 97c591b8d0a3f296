"""``termcheck lint``: parse → choose apply and sink → run → render."""

# Annotations are objects here, not strings (no `from __future__ import annotations`): typer
# reads every command's annotations at each start, and a string costs it a compile.

import sys
from functools import partial
from pathlib import Path
from typing import Any, Callable, Iterator, List

import typer

from termcheck.cli.app import PlainUsage, app
from termcheck.cli.options import (
    BOILERPLATE_OPTION,
    CONFIG_OPTION,
    ENCODING_ERRORS_OPTION,
    ENCODING_OPTION,
    ENGINE_OPTION,
    EXTEND_SELECT_OPTION,
    GLOSSARY_OPTION,
    ID_FIELD_OPTION,
    IGNORE_OPTION,
    ISOLATED_OPTION,
    JOBS_OPTION,
    LANG_OPTION,
    LID_OPTION,
    LINT_FORMAT_HELP,
    PROFILE_OPTION,
    SCHEDULER_OPTION,
    SELECT_OPTION,
    STDIN,
    TEXT_FIELD_OPTION,
    check_lang_option,
    check_read_options,
    config_overrides,
    executor_for,
    extensions_option,
    fail,
    filtered_by_baseline,
    lint_status,
    load_base_config,
    output_writer,
    profile_to_write,
    progress_watch,
    refuse_options,
    refuse_overwriting_inputs,
    stdout_errors,
    use_color,
    write_output,
)
from termcheck.errors import TermcheckError


@app.command(cls=PlainUsage)
def lint(
    paths: List[Path] = typer.Argument(
        ..., metavar="PATHS...", help="Files or directories (*.txt, *.md, *.jsonl inside).",
        readable=False),
    fmt: str = typer.Option("text", "--format", "-f", help=LINT_FORMAT_HELP),
    output: Path | None = typer.Option(None, "--output", "-o", help="Write the report here."),
    lang: str | None = LANG_OPTION,
    lid: str | None = LID_OPTION,
    select: List[str] | None = SELECT_OPTION,
    extend_select: List[str] | None = EXTEND_SELECT_OPTION,
    ignore: List[str] | None = IGNORE_OPTION,
    glossary: List[Path] | None = GLOSSARY_OPTION,
    boilerplate: List[Path] | None = BOILERPLATE_OPTION,
    config: Path | None = CONFIG_OPTION,
    isolated: bool = ISOLATED_OPTION,
    encoding: str | None = ENCODING_OPTION,
    encoding_errors: str = ENCODING_ERRORS_OPTION,
    text_field: str = TEXT_FIELD_OPTION,
    id_field: str = ID_FIELD_OPTION,
    fix: bool = typer.Option(False, "--fix", help="Apply safe fixes in place."),
    unsafe_fixes: bool = typer.Option(False, "--unsafe-fixes",
                                      help="With --fix or --diff, apply unsafe fixes too."),
    diff: bool = typer.Option(False, "--diff",
                              help="Print the fixes as a unified diff; write nothing."),
    baseline: Path | None = typer.Option(None, help="Report only findings not in this baseline."),
    write_baseline: Path | None = typer.Option(None, help="Record today's findings here."),
    jobs: int | None = JOBS_OPTION,
    engine: str = ENGINE_OPTION,
    scheduler: str | None = SCHEDULER_OPTION,
    profile: Path | None = PROFILE_OPTION,
    source: Path | None = typer.Option(
        None, "--source", help="Bilingual: the source directory (or file) of the target in PATHS."),
    bilingual: bool = typer.Option(
        False, "--bilingual",
        help="Bilingual: PATHS are JSONL (source/target fields), TMX or XLIFF files."),
    source_lang: str | None = typer.Option(
        None, "--source-lang", help="Bilingual: source language (default: config, else detected)."),
    align: bool = typer.Option(
        False, "--align",
        help="Bilingual: align paragraphs by length (Gale-Church) when their counts differ."),
    quiet: bool = typer.Option(False, "--quiet", "-q",
                               help="Findings and problems only: no summary line."),
    statistics: bool = typer.Option(False, "--statistics",
                                    help="Print the count of findings per rule instead."),
    exit_zero: bool = typer.Option(False, "--exit-zero",
                                   help="Exit 0 even when something was found."),
    color_mode: str = typer.Option("auto", "--color",
                                   help="auto (a terminal, unless NO_COLOR), always or never."),
    stdin_filename: str | None = typer.Option(
        None, "--stdin-filename",
        help="With '-': the name of the text read from stdin (config and messages)."),
    extension: List[str] | None = typer.Option(
        None, "--extension",
        help="File kinds to check in directories, e.g. txt,md (default: txt, md, jsonl, ndjson)."),
) -> None:
    """Check files for machine-translation and scraping artefacts.

    PATHS '-' reads one text from standard input; with --fix the fixed text goes to standard
    output and the findings left to standard error.
    """
    from termcheck.api import iter_lint
    from termcheck.corpus.sources import ReadOptions
    from termcheck.report import FORMATS

    if fmt not in FORMATS:
        fail(f"unknown format {fmt!r}; choose from {', '.join(FORMATS)}")
    if statistics and (fix or diff or fmt != "text"):
        fail("--statistics prints counts as text: it does not go with --fix, --diff or --format")
    color = use_color(color_mode, output is None and fmt == "text")
    check_read_options(encoding, encoding_errors)
    refuse_overwriting_inputs([*paths, *([source] if source else [])], output=output,
                              write_baseline=write_baseline, profile=profile_to_write(profile))
    try:
        base = load_base_config(config, isolated)
        overrides = config_overrides(lang, select, extend_select, ignore, glossary, boilerplate,
                                     lid)
        read = ReadOptions(encoding, encoding_errors, text_field, id_field,
                           extensions=extensions_option(extension))
        if STDIN in paths or stdin_filename is not None:
            code = lint_stdin(paths, stdin_filename, base, overrides, read, fmt, output, color,
                              fix=fix, unsafe_fixes=unsafe_fixes, quiet=quiet,
                              refused={"--diff": diff, "--source": source is not None,
                                       "--bilingual": bilingual, "--statistics": statistics,
                                       "--baseline": baseline is not None,
                                       "--write-baseline": write_baseline is not None,
                                       "--profile": profile is not None,
                                       "--jobs": jobs is not None,
                                       "--engine": engine != "local",
                                       "--scheduler": scheduler is not None,
                                       "--align": align,
                                       "--extension": extension is not None})
            raise typer.Exit(lint_status(code, exit_zero))
        if source is not None or bilingual:
            if source_lang is not None:
                check_lang_option(source_lang, "--source-lang")
            if fix or diff:
                fail("--fix and --diff do not work with --source or --bilingual")
            refuse_options("--source and --bilingual", profile=profile,
                           id_field=None if id_field == "id" or source is None else id_field,
                           text_field=None if text_field == "text" else text_field,
                           statistics=True if statistics else None, extension=extension)
            from termcheck.cli.bilingual import run_bilingual

            with executor_for(jobs, engine, scheduler) as executor:
                code = run_bilingual(paths, source, source_lang, base, overrides, read, fmt,
                                     output, baseline, write_baseline, executor=executor,
                                     align=align, color=color, quiet=quiet)
            raise typer.Exit(lint_status(code, exit_zero))
        if align:
            fail("--align aligns a source with its translation: use it with --source or "
                 "--bilingual")
        if fix or diff:
            refuse_options("--fix and --diff", baseline=baseline, write_baseline=write_baseline,
                           format=fmt if fmt in ("html", "sarif") else None)
            from termcheck.cli.fix import run_fix

            with executor_for(jobs, engine, scheduler) as executor:
                code = run_fix(paths, base, overrides, read, unsafe_fixes, diff, fmt, output,
                               executor=executor, profile_file=profile,
                               watch=progress_watch(paths, read, quiet), quiet=quiet)
            raise typer.Exit(lint_status(code, exit_zero))
        with executor_for(jobs, engine, scheduler) as executor:
            results = partial(iter_lint, paths, base, overrides, read, executor=executor,
                              profile_file=profile, watch=progress_watch(paths, read, quiet))
            code, inputs_found = render_results(results, fmt, output, color, quiet, statistics,
                                                 baseline, write_baseline)
        warn_if_nothing_found(inputs_found, paths, read)
    except TermcheckError as exc:
        fail(str(exc))
    raise typer.Exit(lint_status(code, exit_zero))


def render_results(results: Callable[..., Iterator[Any]], fmt: str, output: Path | None,
                   color: bool, quiet: bool, statistics: bool = False,
                   baseline: Path | None = None, write_baseline: Path | None = None
                   ) -> tuple[int, int]:
    """The sink of lint: stream the report (rendered in the workers) when no step needs every
    finding, else collect, filter by the baseline and render. ``results(**options)`` runs the
    check. Returns the exit status and the number of inputs found (checked, or skipped with a
    problem)."""
    from termcheck.api import LintReport
    from termcheck.report import STREAMING, render, render_findings, write_stream
    from termcheck.report.text import statistics_table
    from termcheck.tally import LintTally

    whole = baseline is not None or write_baseline is not None
    if statistics and not whole:
        tally = LintTally.of(results())
        write_output(statistics_table(tally, color, quiet), output)
        return tally.exit_code, tally.files_checked + len(tally.problems)
    if fmt in STREAMING and not whole:
        with output_writer(output) as out:
            tally = write_stream(results(render=partial(render_findings, fmt, color)), fmt, out,
                                 color, quiet=quiet)
        return tally.exit_code, tally.files_checked + len(tally.problems)
    report = LintReport.collect(results(keep_texts=fmt in ("html", "sarif")))
    report.findings = filtered_by_baseline(report.findings, baseline, write_baseline)
    if statistics:
        write_output(statistics_table(report.tally(), color, quiet), output)
    else:
        write_output(render(report, fmt, color, quiet=quiet), output)
    return (report.status(write_baseline is not None),
            report.files_checked + len(report.problems))


def warn_if_nothing_found(inputs_found: int, paths: List[Path], read: Any) -> None:
    """No input was found (none checked, none skipped with a problem): say what lint looks
    for, rather than let "All clear" mislead."""
    from termcheck.corpus.sources import CORPUS_SUFFIXES

    if inputs_found:
        return
    kinds = ", ".join(f"*{s}" for s in (read.extensions or CORPUS_SUFFIXES))
    typer.echo(f"termcheck: warning: no file checked in {', '.join(map(str, paths))}: "
               f"directories are searched for {kinds} (choose others with --extension)",
               err=True)


def lint_stdin(paths: List[Path], name: str | None, base: Any, overrides: dict[str, Any],
               read: Any, fmt: str, output: Path | None, color: bool, *, fix: bool,
               unsafe_fixes: bool, quiet: bool, refused: dict[str, bool]) -> int:
    """``termcheck lint -``: one text from standard input; the exit status. Options that only
    mean something for a corpus of files (``--profile``, ``--jobs``, ``--align``...) are refused
    with one line rather than ignored."""
    from termcheck.api import LintReport, fix_bytes, lint_bytes
    from termcheck.model import FileProblem
    from termcheck.report import render

    if paths != [STDIN]:
        fail("'-' reads standard input: give it alone, without other paths"
             if STDIN in paths else "--stdin-filename names the text read from '-'")
    given = [option for option, used in refused.items() if used]
    if given:
        fail(f"reading standard input ('-') does not go with {', '.join(given)}")
    path = name or "-"
    data = sys.stdin.buffer.read()
    if not fix:
        report = lint_bytes(data, path, base, overrides, read)
        write_output(render(report, fmt, color, quiet=quiet), output)
        return int(report.exit_code)
    result = fix_bytes(data, path, base, overrides, read, unsafe=unsafe_fixes)
    if isinstance(result, FileProblem):
        fail(f"{result.path}: {result.code} {result.message}")
        return 2
    with stdout_errors():
        sys.stdout.flush()
        sys.stdout.buffer.write(result.to_bytes() if result.changed else data)
        sys.stdout.flush()
    left = LintReport(findings=result.remaining, problems=result.problems, files_checked=1)
    if left.findings or left.problems:
        typer.echo(render(left, "text", False, quiet=quiet), err=True, nl=False)
    return int(left.exit_code)
