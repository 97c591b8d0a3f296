"""The ``termcheck`` command line: parses arguments, calls the library, renders the result."""

from __future__ import annotations

import os
import sys
from contextlib import contextmanager
from functools import partial
from pathlib import Path
from typing import Any, Callable, Iterator, List

import typer

from termcheck.errors import TermcheckError

app = typer.Typer(
    name="termcheck",
    help="Find and fix the artefacts of machine-translated, scraped news text.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

FORMAT_HELP = "Output format: text or json."
LINT_FORMAT_HELP = "Output format: text, json, jsonl, sarif, github or html."


def fail(message: str, code: int = 2) -> None:
    """Print a one-line error to stderr and exit (2: usage or input error)."""
    typer.echo(f"termcheck: error: {message}", err=True)
    raise typer.Exit(code)


def split_codes(values: List[str] | None) -> tuple[str, ...] | None:
    """Accept ``--select QT,BR`` as well as repeated ``--select`` flags."""
    if values is None:
        return None
    return tuple(part.strip() for value in values for part in value.split(",") if part.strip())


def config_overrides(lang: str | None, select: List[str] | None,
                     extend_select: List[str] | None, ignore: List[str] | None,
                     glossary: List[Path] | None, boilerplate: List[Path] | None,
                     lid: str | None = None) -> dict[str, Any]:
    """Command-line settings that override the configuration file."""
    from termcheck.rules.registry import unknown_selectors

    selects = [*(split_codes(select) or ()), *(split_codes(extend_select) or ()),
               *(split_codes(ignore) or ())]
    if select is not None and not split_codes(select):
        fail("--select needs at least one rule code or name (an empty --select checks nothing)")
    unknown = unknown_selectors(selects)
    if unknown:
        fail(f"unknown rule code or name: {', '.join(unknown)} (see 'termcheck rules')")
    if lid is not None and lid not in ("langdetect", "lingua"):
        fail(f"--lid must be langdetect or lingua, not {lid!r}")
    if lang is not None:
        check_lang_option(lang, "--lang")
    return {
        "lang": lang,
        "lid": lid,
        "select": split_codes(select),
        "extend_select": split_codes(extend_select),
        "ignore": split_codes(ignore),
        "glossaries": tuple(p.absolute() for p in glossary) if glossary else None,
        "boilerplate": tuple(p.absolute() for p in boilerplate) if boilerplate else None,
    }


def check_read_options(encoding: str | None, errors: str) -> None:
    """Usage errors for ``--encoding`` (a text codec Python knows) and ``--encoding-errors``."""
    if errors not in ("strict", "replace", "ignore"):
        fail("--encoding-errors must be strict, replace or ignore")
    if encoding is not None:
        try:
            b"x".decode(encoding, "replace")
        except LookupError:
            fail(f"--encoding: unknown encoding {encoding!r}; use a text codec such as latin-1, "
                 "cp1252 or utf-16")


def check_lang_option(value: str, option: str) -> None:
    """A usage error for a malformed language code; a warning for one without shipped data."""
    from termcheck.config import is_language_tag

    if not is_language_tag(value):
        fail(f"{option} must be a language code such as en or de (or auto), not {value!r}")
    known = languages_with_data()
    if value != "auto" and value.lower().replace("_", "-").split("-")[0] not in known:
        reviewed = languages_with_data(cldr=False)
        typer.echo(f"termcheck: warning: {option} {value}: no shipped data for this language "
                   f"(have {', '.join(sorted(reviewed))}, and the quotation marks of "
                   f"{len(known - reviewed)} more CLDR languages); language-specific rules will "
                   "find little", err=True)


def languages_with_data(cldr: bool = True) -> set[str]:
    """Languages some shipped list knows: function words, scripts or quote conventions (with
    ``cldr=False``, only those of the hand-written lists)."""
    from termcheck.langid import stopword_lists, target_scripts
    from termcheck.quoting import load_conventions

    quotes = load_conventions().by_lang if cldr else \
        [t for t, c in load_conventions().by_lang.items() if c.source != "CLDR"]
    tags = {*stopword_lists(), *target_scripts(), *quotes}
    return {tag.split("-")[0] for tag in tags}


def load_base_config(config: Path | None, isolated: bool) -> Any:
    """``--config FILE`` or ``--isolated`` settings (``None``: find the nearest file per input)."""
    from termcheck.config import Config, load_config_file

    if config is not None:
        if not config.is_file():
            fail(f"{config}: config file not found" if not config.exists() else
                 f"{config}: not a config file (a directory or a device)")
        return load_config_file(config)
    return Config() if isolated else None


def write_output(text: str, output: Path | None) -> None:
    with output_writer(output) as write:
        write(text)


@contextmanager
def output_writer(output: Path | None) -> Iterator[Callable[[str], object]]:
    """A ``write(str)`` to standard output, or to ``output`` (replaced when all went well)."""
    if output is None:
        yield _checked_stdout_write  # the block's own errors are not write errors
        with _stdout_errors():
            sys.stdout.flush()
        return
    from termcheck.fileio import atomic_writer

    with atomic_writer(output) as write_bytes:
        yield lambda text: write_bytes(encode_output(text))


def encode_output(text: str) -> bytes:
    """UTF-8; a file name's undecodable bytes (surrogate escapes) are written back as they were."""
    return text.encode("utf-8", "surrogateescape")


def _checked_stdout_write(text: str) -> object:
    with _stdout_errors():
        try:
            return sys.stdout.write(text)
        except UnicodeEncodeError:  # a strict stdout, and a file name that is not UTF-8
            sys.stdout.flush()
            return sys.stdout.buffer.write(encode_output(text))


@contextmanager
def _stdout_errors() -> Iterator[None]:
    """A failed write to standard output is a TC-OUTPUT error (a closed pipe is click's)."""
    try:
        yield
    except BrokenPipeError:
        raise
    except OSError as exc:
        raise TermcheckError(f"cannot write: {exc.strerror or exc}", "<stdout>",
                             code="TC-OUTPUT") from None


def executor_or_fail(factory: Any, jobs: int | None, engine: str, scheduler: str | None) -> Any:
    """The executor for ``--jobs/--engine/--scheduler``, or a usage error."""
    if scheduler is not None and engine != "dask":
        fail("--scheduler needs --engine dask")
    try:
        return factory(jobs, engine, scheduler)
    except (ValueError, ImportError) as exc:
        fail(str(exc))


# What to check and how to read it (lint and clean): shared option definitions.
SELECT_OPTION = typer.Option(None, help="Only these codes/prefixes/names.")
EXTEND_SELECT_OPTION = typer.Option(None, help="Add these to the selection.")
IGNORE_OPTION = typer.Option(None, help="Skip these codes/prefixes/names.")
GLOSSARY_OPTION = typer.Option(None, help="Extra glossary file(s).")
BOILERPLATE_OPTION = typer.Option(None, help="Extra boilerplate list(s).")
CONFIG_OPTION = typer.Option(None, help="Use this config file only.")
ISOLATED_OPTION = typer.Option(False, help="Ignore every configuration file.")
LANG_OPTION = typer.Option(None, "--lang", help="Target language (e.g. en, de), or auto.")
LID_OPTION = typer.Option(None, "--lid",
                          help="Language identifier: langdetect (default) or lingua.")
TEXT_FIELD_OPTION = typer.Option("text", help="JSONL input: field holding the text.")
ID_FIELD_OPTION = typer.Option("id", help="JSONL input: field holding the document id.")
ENCODING_OPTION = typer.Option(None, help="Decode inputs with this codec.")
ENCODING_ERRORS_OPTION = typer.Option("strict", help="strict, replace or ignore.")

# Where documents run (lint and clean): one definition of each option, shared by the commands.
JOBS_OPTION = typer.Option(None, "--jobs", "-j", min=1,
                           help="Worker processes (default: all cores; 1: serial).")
ENGINE_OPTION = typer.Option("local", help="local (processes) or dask.")
SCHEDULER_OPTION = typer.Option(None, help="Dask scheduler ADDRESS, or 'local'.")
PROFILE_OPTION = typer.Option(None, "--profile",
                              help="Corpus profile JSON: reused if it exists, else saved.")


@contextmanager
def executor_for(jobs: int | None, engine: str, scheduler: str | None) -> Iterator[Any]:
    """The executor of ``--jobs/--engine/--scheduler`` (or a usage error), closed afterwards."""
    from termcheck.corpus.executors import make_executor

    executor = executor_or_fail(make_executor, jobs, engine, scheduler)
    try:
        yield executor
    except BrokenPipeError:  # the reader went away (| head): click exits 1 quietly
        raise
    except OSError as exc:  # a Dask scheduler that cannot be reached, a worker that died
        if exc.filename is not None:  # a file the library did not expect to fail: name it
            fail(f"{exc.filename}: {exc.strerror or exc}")
        fail(f"the {engine} engine failed: {exc}")
    finally:
        getattr(executor, "close", lambda: None)()


@app.command()
def lint(
    paths: List[Path] = typer.Argument(
        ..., help="Files or directories (*.txt, *.md, *.jsonl inside)."),
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
        False, "--bilingual", help="Bilingual: PATHS are JSONL files with source/target fields."),
    source_lang: str | None = typer.Option(
        None, "--source-lang", help="Bilingual: source language (default: config, else detected)."),
) -> None:
    """Check files for machine-translation and scraping artefacts."""
    from termcheck.api import iter_lint, lint_paths
    from termcheck.corpus.sources import ReadOptions
    from termcheck.report import FORMATS, STREAMING, render, render_findings, write_stream

    if fmt not in FORMATS:
        fail(f"unknown format {fmt!r}; choose from {', '.join(FORMATS)}")
    check_read_options(encoding, encoding_errors)
    refuse_overwriting_inputs([*paths, *([source] if source else [])], output=output,
                              write_baseline=write_baseline)
    try:
        base = load_base_config(config, isolated)
        overrides = config_overrides(lang, select, extend_select, ignore, glossary, boilerplate,
                                     lid)
        read = ReadOptions(encoding, encoding_errors, text_field, id_field,
                           frozenset({os.path.abspath(output)}) if output else frozenset())
        if source is not None or bilingual:
            if source_lang is not None:
                check_lang_option(source_lang, "--source-lang")
            if fix or diff:
                fail("--fix and --diff do not work with --source or --bilingual")
            refuse_options("--source and --bilingual", profile=profile,
                           text_field=None if text_field == "text" else text_field,
                           id_field=None if id_field == "id" else id_field)
            from termcheck.cli_bilingual import run_bilingual

            with executor_for(jobs, engine, scheduler) as executor:
                code = run_bilingual(paths, source, source_lang, base, overrides, read, fmt,
                                     output, baseline, write_baseline, executor=executor)
            raise typer.Exit(code)
        if fix or diff:
            refuse_options("--fix and --diff", baseline=baseline, write_baseline=write_baseline,
                           format=fmt if fmt in ("html", "sarif") else None)
            from termcheck.cli_clean import run_fix

            with executor_for(jobs, engine, scheduler) as executor:
                code = run_fix(paths, base, overrides, read, unsafe_fixes, diff, fmt, output,
                               executor=executor, profile_file=profile)
            raise typer.Exit(code)
        color = output is None and fmt == "text" and sys.stdout.isatty()
        if fmt in STREAMING and baseline is None and write_baseline is None:
            render = partial(render_findings, fmt, color)  # in the workers
            with executor_for(jobs, engine, scheduler) as executor, output_writer(output) as out:
                tally = write_stream(iter_lint(paths, base, overrides, read, executor=executor,
                                               profile_file=profile, render=render),
                                     fmt, out, color)
            raise typer.Exit(tally.exit_code)
        with executor_for(jobs, engine, scheduler) as executor:
            report = lint_paths(paths, base, overrides, read, executor=executor,
                                profile_file=profile, keep_texts=fmt in ("html", "sarif"))
        apply_baseline(report, baseline, write_baseline)
        write_output(render(report, fmt, color), output)
    except TermcheckError as exc:
        fail(str(exc))
    raise typer.Exit(lint_exit_code(report, write_baseline is not None))


def lint_exit_code(report: Any, wrote_baseline: bool) -> int:
    """The report's exit status; writing a baseline accepts today's findings (not problems)."""
    if wrote_baseline and report.files_checked and not report.problems:
        return 0
    return int(report.exit_code)


def refuse_overwriting_inputs(paths: List[Path], **outputs: Path | None) -> None:
    """A usage error when an output file would replace a file named as an input."""
    named = {_real(path) for path in paths if os.path.isfile(path)}
    for option, output in outputs.items():
        if output is not None and _real(output) in named:
            fail(f"--{option.replace('_', '-')} {output} is also an input; choose another file")


def _real(path: Path) -> str:
    try:
        return os.path.realpath(path)
    except OSError:  # a link that cannot be read: compare the path as written
        return os.path.abspath(path)


def refuse_options(mode: str, **given: Any) -> None:
    """A usage error for options that ``mode`` would otherwise silently ignore (``None``: not
    given)."""
    named = [f"--{name.replace('_', '-')}" for name, value in given.items() if value is not None]
    if named:
        fail(f"{mode} do not take {', '.join(named)}")


def apply_baseline(report: Any, baseline: Path | None, write_baseline: Path | None) -> None:
    """``--write-baseline`` records the findings; ``--baseline`` keeps only the new ones."""
    from termcheck import baseline as baselines

    if write_baseline is not None:
        baselines.write_baseline(write_baseline, report.findings)
        typer.echo(f"termcheck: wrote {len(report.findings)} finding(s) to {write_baseline}",
                   err=True)
    if baseline is not None:
        report.findings = baselines.new_findings(report.findings, baselines.load_baseline(baseline))


@app.command("rules")
def list_rules(
    fmt: str = typer.Option("text", "--format", "-f", help=FORMAT_HELP),
) -> None:
    """List every rule: code, name, category, default on/off, fixable."""
    import json

    from termcheck.rules.registry import all_rules

    if fmt not in ("text", "json"):
        fail(f"unknown format {fmt!r}; choose from text, json")
    rules = all_rules()
    if fmt == "json":
        typer.echo(json.dumps([r.to_dict() for r in rules], ensure_ascii=False, indent=2))
        return
    rows = [("CODE", "NAME", "CATEGORY", "DEFAULT", "FIXABLE", "SUMMARY")]
    rows += [(r.code, r.name, r.category, "on" if r.default else "off", r.fixable, r.summary)
             for r in rules]
    widths = [max(len(row[i]) for row in rows) for i in range(5)]
    for row in rows:
        typer.echo("  ".join(cell.ljust(w) for cell, w in zip(row, widths)) + "  " + row[5])


@app.command("rule")
def show_rule(code: str = typer.Argument(..., help="A rule code or name, e.g. QT001.")) -> None:
    """Print one rule's documentation."""
    from termcheck.rules.registry import get_rule

    found = get_rule(code)
    if found is None:
        fail(f"no rule {code!r} (see 'termcheck rules')")
        return
    typer.echo(f"# {found.code} {found.name}\n")
    typer.echo(f"Category: {found.category} · Severity: {found.severity.value} · "
               f"MQM: {found.mqm} · Fixable: {found.fixable} · "
               f"Default: {'on' if found.default else 'off'}\n")
    typer.echo(found.doc)


def main() -> None:
    """Entry point of the ``termcheck`` script."""
    from termcheck.runtime import keep_file_name_bytes, tune_gc

    tune_gc()
    keep_file_name_bytes()
    app()


# Importing the sub-command modules registers their commands on ``app``.
from termcheck import cli_clean, cli_glossary, cli_names, cli_score  # noqa: E402,F401
