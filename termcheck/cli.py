"""The ``termcheck`` command line: parses arguments, calls the library, renders the result."""

from __future__ import annotations

import os
import sys
from contextlib import contextmanager
from functools import partial
from pathlib import Path
from typing import Any, Callable, Iterator, List

import typer
from typer.core import TyperCommand

from termcheck.errors import TermcheckError


class PlainUsage(TyperCommand):
    """A command whose usage line reads ``PATHS...``, not typer's ``{paths}...`` (the usage
    line is what a user sees first, at any terminal width)."""

    def collect_usage_pieces(self, ctx: Any) -> list[str]:
        return [piece.replace("{", "").replace("}", "").upper()
                for piece in super().collect_usage_pieces(ctx)]


app = typer.Typer(
    name="termcheck",
    help="Find and fix the artefacts of machine-translated, scraped news text.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,  # plain click help: wraps at the terminal's width, cuts nothing
)

FORMAT_HELP = "Output format: text or json."
LINT_FORMAT_HELP = "Output format: text, json, jsonl, sarif, github or html."


def _print_version(value: bool) -> None:
    if value:
        from termcheck import __version__

        typer.echo(f"termcheck {__version__}")
        raise typer.Exit(0)


@app.callback()
def main_options(
    version: bool = typer.Option(False, "--version", callback=_print_version, is_eager=True,
                                 help="Print the version and exit."),
) -> None:
    """Find and fix the artefacts of machine-translated, scraped news text."""


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
    from termcheck.api import iter_lint, lint_paths
    from termcheck.corpus.sources import ReadOptions
    from termcheck.report import FORMATS, STREAMING, render, render_findings, write_stream

    if fmt not in FORMATS:
        fail(f"unknown format {fmt!r}; choose from {', '.join(FORMATS)}")
    if statistics and (fix or diff or fmt != "text"):
        fail("--statistics prints counts as text: it does not go with --fix, --diff or --format")
    color = use_color(color_mode, output is None and fmt == "text")
    check_read_options(encoding, encoding_errors)
    refuse_overwriting_inputs([*paths, *([source] if source else [])], output=output,
                              write_baseline=write_baseline)
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
                                       "--write-baseline": write_baseline is not None})
            raise typer.Exit(lint_status(code, exit_zero))
        if source is not None or bilingual:
            if source_lang is not None:
                check_lang_option(source_lang, "--source-lang")
            if fix or diff:
                fail("--fix and --diff do not work with --source or --bilingual")
            refuse_options("--source and --bilingual", profile=profile,
                           text_field=None if text_field == "text" else text_field,
                           id_field=None if id_field == "id" else id_field,
                           statistics=True if statistics else None, extension=extension)
            from termcheck.cli_bilingual import run_bilingual

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
            from termcheck.cli_clean import run_fix

            with executor_for(jobs, engine, scheduler) as executor:
                code = run_fix(paths, base, overrides, read, unsafe_fixes, diff, fmt, output,
                               executor=executor, profile_file=profile)
            raise typer.Exit(lint_status(code, exit_zero))
        if statistics and baseline is None and write_baseline is None:
            from termcheck.report.text import statistics_table

            with executor_for(jobs, engine, scheduler) as executor:
                tally = tally_of(progress_of(iter_lint(paths, base, overrides, read,
                                                       executor=executor, profile_file=profile),
                                             paths, read, quiet))
            write_output(statistics_table(tally, color, quiet), output)
            warn_if_nothing_checked(tally.files_checked, paths, read)
            raise typer.Exit(lint_status(tally.exit_code, exit_zero))
        if fmt in STREAMING and baseline is None and write_baseline is None:
            render = partial(render_findings, fmt, color)  # in the workers
            with executor_for(jobs, engine, scheduler) as executor, output_writer(output) as out:
                results = iter_lint(paths, base, overrides, read, executor=executor,
                                    profile_file=profile, render=render)
                tally = write_stream(progress_of(results, paths, read, quiet), fmt, out, color,
                                     quiet=quiet)
            warn_if_nothing_checked(tally.files_checked, paths, read)
            raise typer.Exit(lint_status(tally.exit_code, exit_zero))
        with executor_for(jobs, engine, scheduler) as executor:
            report = lint_paths(paths, base, overrides, read, executor=executor,
                                profile_file=profile, keep_texts=fmt in ("html", "sarif"))
        apply_baseline(report, baseline, write_baseline)
        warn_if_nothing_checked(report.files_checked, paths, read)
        if statistics:
            from termcheck.report.text import statistics_table

            write_output(statistics_table(report.tally(), color, quiet), output)
        else:
            write_output(render(report, fmt, color, quiet=quiet), output)
    except TermcheckError as exc:
        fail(str(exc))
    raise typer.Exit(lint_status(lint_exit_code(report, write_baseline is not None), exit_zero))


STDIN = Path("-")


def extensions_option(values: List[str] | None) -> tuple[str, ...]:
    """``--extension txt,md`` → ``(".txt", ".md")`` (what directories are searched for)."""
    found = split_codes(values) or ()
    return tuple("." + value.lower().lstrip(".") for value in found if value.strip("."))


def warn_if_nothing_checked(files_checked: int, paths: List[Path], read: Any) -> None:
    """No file was checked: say what lint looks for, rather than let "All clear" mislead."""
    from termcheck.corpus.sources import CORPUS_SUFFIXES

    if files_checked:
        return
    kinds = ", ".join(f"*{s}" for s in (read.extensions or CORPUS_SUFFIXES))
    typer.echo(f"termcheck: warning: no file checked in {', '.join(map(str, paths))}: "
               f"directories are searched for {kinds} (choose others with --extension)",
               err=True)


def lint_stdin(paths: List[Path], name: str | None, base: Any, overrides: dict[str, Any],
               read: Any, fmt: str, output: Path | None, color: bool, *, fix: bool,
               unsafe_fixes: bool, quiet: bool, refused: dict[str, bool]) -> int:
    """``termcheck lint -``: one text from standard input; the exit status."""
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
    with _stdout_errors():
        sys.stdout.flush()
        sys.stdout.buffer.write(result.to_bytes() if result.changed else data)
        sys.stdout.flush()
    left = LintReport(findings=result.remaining, problems=result.problems, files_checked=1)
    if left.findings or left.problems:
        typer.echo(render(left, "text", False, quiet=quiet), err=True, nl=False)
    return int(left.exit_code)


def progress_of(results: Any, paths: List[Path], read: Any, quiet: bool) -> Any:
    """``results`` with a progress bar on stderr when it is a terminal (not with ``-q``)."""
    from termcheck.progress import with_progress

    if quiet or not sys.stderr.isatty():
        return results
    from termcheck.clean import count_sources
    from termcheck.corpus.sources import CORPUS_SUFFIXES

    total = count_sources(paths, read.extensions or CORPUS_SUFFIXES)
    return with_progress(results, total, "lint")


def use_color(mode: str, text_to_terminal: bool) -> bool:
    """``--color``: ``always``, ``never``, or ``auto`` (a terminal, unless NO_COLOR is set)."""
    if mode not in ("auto", "always", "never"):
        fail(f"--color must be auto, always or never, not {mode!r}")
    if mode != "auto":
        return mode == "always"
    return text_to_terminal and sys.stdout.isatty() and not os.environ.get("NO_COLOR")


def lint_status(code: int, exit_zero: bool) -> int:
    """``--exit-zero`` turns "something was found" (1) into success; errors (2) stay errors."""
    return 0 if exit_zero and code == 1 else code


def tally_of(results: Any) -> Any:
    """The counts of a stream of results (nothing is rendered)."""
    from termcheck.api import LintTally

    tally = LintTally()
    for result in results:
        tally.add(result)
    return tally


def lint_exit_code(report: Any, wrote_baseline: bool) -> int:
    """The report's exit status; writing a baseline accepts today's findings (not problems)."""
    if wrote_baseline and report.files_checked and not report.problems:
        return 0
    return int(report.exit_code)


def refuse_overwriting_inputs(paths: List[Path], out_dir: Path | None = None,
                              **outputs: Path | None) -> None:
    """A usage error, before anything is written, when an output file would replace an input or
    another output of the same run: it is a file named as an input, lies inside an input folder
    (which the run walks), inside ``out_dir`` (the run's own output tree), or is the same file as
    another output."""
    from termcheck.fileio import is_inside

    named = {_real(path) for path in paths if os.path.isfile(path)}
    folders = [(path, _real(path)) for path in paths if os.path.isdir(path)]
    taken: dict[str, str] = {}
    for option, output in outputs.items():
        if output is None or _is_stream(output):
            continue
        flag, real = f"--{option.replace('_', '-')}", _real(output)
        if real in named:
            fail(f"{flag} {output} is also an input; choose another file")
        for folder, folder_real in folders:
            if is_inside(real, folder_real):
                fail(f"{flag} {output} lies inside the input folder {folder}; choose a file "
                     "outside it")
        if out_dir is not None and is_inside(real, _real(out_dir)):
            fail(f"{flag} {output} lies inside --out {out_dir}, where this run writes; choose a "
                 "file outside it")
        if real in taken:
            fail(f"{flag} {output} is also {taken[real]}; choose another file")
        taken[real] = flag


def _is_stream(path: Path) -> bool:
    """A device or FIFO such as ``/dev/null`` or ``/dev/stdout``: written through, never an
    input's replacement."""
    try:
        return os.path.exists(path) and not os.path.isfile(path) and not os.path.isdir(path)
    except OSError:
        return False


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


@app.command("rules", cls=PlainUsage)
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


@app.command("rule", cls=PlainUsage)
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
