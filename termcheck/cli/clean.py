"""``termcheck clean``: parse, call :func:`termcheck.clean.clean_paths`, render the summary."""

# Annotations are objects here, not strings (no `from __future__ import annotations`): typer
# reads every command's annotations at each start, and a string costs it a compile.

from pathlib import Path
from typing import TYPE_CHECKING, List

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
    PROFILE_OPTION,
    SCHEDULER_OPTION,
    SELECT_OPTION,
    STDIN,
    TEXT_FIELD_OPTION,
    check_read_options,
    config_overrides,
    executor_for,
    fail,
    load_base_config,
    profile_to_write,
    progress_watch,
    refuse_overwriting_inputs,
    write_output,
)
from termcheck.errors import TermcheckError

if TYPE_CHECKING:
    from termcheck.clean import CleanReport


@app.command(cls=PlainUsage, short_help="Write cleaned copies into --out, with a ledger.")
def clean(
    paths: List[Path] = typer.Argument(..., help="Files or directories (*.txt, *.md, *.jsonl).",
                                       readable=False),
    out: Path = typer.Option(..., "--out", help="Directory to write the cleaned corpus to."),
    fmt: str = typer.Option("text", "--format", "-f",
                            help="text (mirrored tree + ledger.jsonl) or jsonl."),
    unsafe_fixes: bool = typer.Option(False, "--unsafe-fixes", help="Apply every unsafe fix."),
    report: Path | None = typer.Option(None, "--report", help="Write the summary as JSON here."),
    report_html: Path | None = typer.Option(
        None, "--report-html", help="Write a before/after HTML page of the changed documents."),
    text_field: str = TEXT_FIELD_OPTION,
    id_field: str = ID_FIELD_OPTION,
    skip_output_dir: bool = typer.Option(
        False, help="Allow --out inside an input directory and leave it out of the inputs."),
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
    jobs: int | None = JOBS_OPTION,
    engine: str = ENGINE_OPTION,
    scheduler: str | None = SCHEDULER_OPTION,
    profile: Path | None = PROFILE_OPTION,
) -> None:
    """Write a cleaned copy of every input into --out, with a ledger of every change.

    Applies safe fixes and the boilerplate deletions of default-on rules (--unsafe-fixes: all
    unsafe fixes too).
    Exit status 0: all written; 1: some inputs were skipped; 2: nothing could be read.
    """
    from termcheck.clean import CleanOptions, clean_paths
    from termcheck.corpus.sources import ReadOptions
    from termcheck.progress import ProgressBar

    if fmt not in ("text", "jsonl"):
        fail(f"unknown format {fmt!r}; choose text or jsonl")
    if STDIN in paths:
        fail("clean writes files into --out, it does not read standard input ('-'); "
             "'termcheck lint --fix -' writes one fixed text to standard output")
    check_read_options(encoding, encoding_errors)
    refuse_overwriting_inputs(paths, out, report=report, report_html=report_html,
                              profile=profile_to_write(profile))
    bar = ProgressBar("cleaning")
    try:
        base = load_base_config(config, isolated)
        overrides = config_overrides(lang, select, extend_select, ignore, glossary, boilerplate,
                                     lid)
        options = CleanOptions(out, fmt, unsafe_fixes, skip_output_dir)
        with executor_for(jobs, engine, scheduler) as executor:
            result = clean_paths(paths, options, base, overrides,
                                 ReadOptions(encoding, encoding_errors, text_field, id_field),
                                 progress=bar, executor=executor, profile_file=profile,
                                 keep_views=report_html is not None,
                                 watch=progress_watch(paths, ReadOptions(), False, ("profile",)))
    except TermcheckError as exc:
        bar.close()
        fail(str(exc))
        return
    bar.close()
    try:
        write_reports(result, report, report_html)
    except TermcheckError as exc:
        fail(str(exc))
    typer.echo(summary_table(result), err=True)
    if result.skipped:
        typer.echo(f"termcheck: {len(result.skipped)} input(s) skipped, see the problems above",
                   err=True)
    raise typer.Exit(result.exit_code)


def write_reports(result: "CleanReport", report: Path | None, report_html: Path | None) -> None:
    """``--report`` (JSON summary) and ``--report-html`` (before/after page), when asked for."""
    if report is not None:
        from termcheck.fileio import dumps_json

        write_output(dumps_json(result.to_dict(), indent=2) + "\n", report)
    if report_html is not None:
        from termcheck.report.html import render_clean_html

        write_output(render_clean_html(result.views), report_html)


def summary_table(result: "CleanReport") -> str:
    """The problems, then a short table: documents, characters, edits per rule."""
    from termcheck.rules.registry import get_rule

    lines = [str(problem) for problem in result.problems]
    rows = [("documents read", result.documents_read),
            ("documents changed", result.documents_changed),
            ("documents written", result.documents_written),
            ("inputs skipped", len(result.skipped)),
            ("characters removed", result.characters_removed),
            ("characters inserted", result.characters_inserted)]
    rows += [(f"{code} {getattr(get_rule(code), 'name', '')}".rstrip(), count)
             for code, count in sorted(result.edits_by_rule.items())]
    width = max(len(label) for label, _ in rows)
    lines += [f"{label.ljust(width)}  {count:>8}" for label, count in rows]
    return "\n".join(lines)
