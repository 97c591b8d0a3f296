"""What the commands share: option definitions, usage errors, output writers, the executor."""

from __future__ import annotations

import os
import sys
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Callable, Iterator, List

import typer

from termcheck.errors import TermcheckError

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
        except UnicodeError:  # idna: no error handler but strict
            if errors != "strict":
                fail(f"--encoding {encoding} does not take --encoding-errors {errors}; use strict")


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
        with stdout_errors():
            sys.stdout.flush()
        return
    from termcheck.fileio import atomic_writer

    with atomic_writer(output) as write_bytes:
        yield lambda text: write_bytes(encode_output(text))


def encode_output(text: str) -> bytes:
    """UTF-8; a file name's undecodable bytes (surrogate escapes) are written back as they were."""
    return text.encode("utf-8", "surrogateescape")


def _checked_stdout_write(text: str) -> object:
    with stdout_errors():
        try:
            return sys.stdout.write(text)
        except UnicodeEncodeError:  # a strict stdout, and a file name that is not UTF-8
            sys.stdout.flush()
            return sys.stdout.buffer.write(encode_output(text))


@contextmanager
def stdout_errors() -> Iterator[None]:
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
JOBS_OPTION = typer.Option(None, "--jobs", "-j", min=1, help="Worker processes (default: all "
                           "cores; 1: serial; at most 2 a core).")
ENGINE_OPTION = typer.Option("local", help="local (processes) or dask.")
SCHEDULER_OPTION = typer.Option(None, help="Dask scheduler ADDRESS, or 'local'.")
PROFILE_OPTION = typer.Option(None, "--profile",
                              help="Corpus profile JSON: reused if it exists, else saved.")


@contextmanager
def executor_for(jobs: int | None, engine: str, scheduler: str | None) -> Iterator[Any]:
    """The executor of ``--jobs/--engine/--scheduler`` (or a usage error), closed afterwards."""
    from termcheck.pipeline import make_executor

    executor = executor_or_fail(make_executor, jobs, engine, scheduler)
    if scheduler in (None, "local"):  # a remote Dask cluster has workers of its own
        note_jobs_capped(jobs)
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


def note_jobs_capped(jobs: int | None) -> None:
    """One line when ``--jobs`` asks for more worker processes than this machine will start."""
    from termcheck.corpus.executors import MAX_JOBS_PER_CORE, default_jobs, max_jobs

    if jobs is not None and jobs > max_jobs():
        typer.echo(f"termcheck: note: --jobs {jobs} capped at {max_jobs()} processes "
                   f"({MAX_JOBS_PER_CORE} per core, {default_jobs()} usable core(s))", err=True)


STDIN = Path("-")  # the path that reads standard input


def extensions_option(values: List[str] | None) -> tuple[str, ...]:
    """``--extension txt,md`` → ``(".txt", ".md")`` (what directories are searched for)."""
    found = split_codes(values) or ()
    return tuple("." + value.lower().lstrip(".") for value in found if value.strip("."))


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


def refuse_overwriting_inputs(paths: List[Path], out_dir: Path | None = None,
                              **outputs: Path | None) -> None:
    """A usage error, before anything is written, when an output file would replace an input or
    another output of the same run (:func:`termcheck.pipeline.output_conflict`)."""
    from termcheck.pipeline import output_conflict

    named = {f"--{option.replace('_', '-')}": output for option, output in outputs.items()}
    conflict = output_conflict(paths, out_dir, named)
    if conflict is not None:
        fail(conflict)


def profile_to_write(profile: Path | None) -> Path | None:
    """The ``--profile`` file when this run will write it (it does not exist yet): an output
    that must not land in an input folder or in ``--out``; an existing one is only read."""
    return profile if profile is not None and not profile.exists() else None


def refuse_options(mode: str, **given: Any) -> None:
    """A usage error for options that ``mode`` would otherwise silently ignore (``None``: not
    given)."""
    named = [f"--{name.replace('_', '-')}" for name, value in given.items() if value is not None]
    if named:
        fail(f"{mode} do not take {', '.join(named)}")


def filtered_by_baseline(findings: list[Any], baseline: Path | None,
                         write_baseline: Path | None) -> list[Any]:
    """The library's baseline step, saying what ``--write-baseline`` wrote."""
    from termcheck.baseline import apply_baseline

    kept = apply_baseline(findings, baseline, write_baseline)
    if write_baseline is not None:
        typer.echo(f"termcheck: wrote {len(findings)} finding(s) to {write_baseline}", err=True)
    return kept


def progress_watch(paths: List[Path], read: Any, quiet: bool, labels: tuple[str, ...] = (
        "profile", "check"), check_label: str = "lint") -> Any:
    """A progress bar on stderr for each pass of a run, when stderr is a terminal (not with
    ``-q``): ``None`` otherwise (see :class:`termcheck.pipeline.Run`)."""
    if quiet or not sys.stderr.isatty():
        return None
    from termcheck.pipeline import Walk, count_inputs
    from termcheck.progress import with_progress

    total = count_inputs(paths, Walk(read))

    def watch(label: str, items: Iterator[Any]) -> Iterator[Any]:
        if label not in labels:
            return items
        return with_progress(items, total, check_label if label == "check" else "profiling")

    return watch
