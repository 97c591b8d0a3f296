"""``termcheck glossary check|convert``: validate glossaries and convert TSV/CSV ↔ TBX."""

# Annotations are objects here, not strings (no `from __future__ import annotations`): typer
# reads every command's annotations at each start, and a string costs it a compile.

from pathlib import Path
from typing import List

import typer

from termcheck.cli.app import PlainUsage, app
from termcheck.cli.options import fail
from termcheck.errors import TermcheckError

glossary_app = typer.Typer(help="Check and convert glossaries (TSV, CSV, TBX).",
                           no_args_is_help=True)
app.add_typer(glossary_app, name="glossary")


@glossary_app.command("check", cls=PlainUsage,
                       short_help="Report duplicates, conflicts, chains, load errors.")
def check(files: List[Path] = typer.Argument(..., help="Glossary files.",
                                             readable=False)) -> None:
    """Report duplicates, conflicts, chains and load errors, each with file and line."""
    from termcheck.glossary import load_glossary
    from termcheck.glossary.validate import check_glossary, overlapping_terms

    problems = warnings = 0
    for path in files:
        try:
            glossary = load_glossary(path)
        except TermcheckError as exc:
            typer.echo(str(exc))
            problems += 1
            continue
        issues = check_glossary(glossary)
        for issue in issues:
            typer.echo(str(issue))
        problems += len(issues)
        overlaps = overlapping_terms(glossary)
        for overlap in overlaps:
            typer.echo(f"{overlap.path}:{overlap.line}: warning: {overlap.message}")
        warnings += len(overlaps)
    counted = f", {warnings} warning(s)" if warnings else ""
    typer.echo(f"{problems} problem(s){counted} in {len(files)} file(s).", err=True)
    raise typer.Exit(1 if problems else 0)


@glossary_app.command("convert", cls=PlainUsage,
                       short_help="Convert a glossary between TSV, CSV and TBX.")
def convert(source: Path = typer.Argument(
                ..., help="Glossary to read (TSV, CSV or TBX).", readable=False),
            target: Path = typer.Argument(..., help="File to write: .tbx, .tsv or .csv.")) -> None:
    """Convert a glossary; the output format follows the output file's suffix."""
    from termcheck.glossary import load_glossary
    from termcheck.glossary.tables import write_table
    from termcheck.glossary.tbx import write_tbx
    from termcheck.pipeline import real_path

    suffix = target.suffix.lower()
    if target.exists() and real_path(target) == real_path(source):
        fail(f"{target} is the glossary being converted; write the conversion to another file")
    if suffix not in (".tbx", ".xml", ".tsv", ".csv"):
        fail(f"{target}: unknown output format {suffix!r}; use .tbx, .tsv or .csv")
    try:
        glossary = load_glossary(source)
        if suffix in (".tbx", ".xml"):
            write_tbx(glossary, target)
        else:
            write_table(glossary, target)
    except TermcheckError as exc:
        fail(str(exc))
    typer.echo(f"{source} → {target}: {len(glossary)} concept(s).", err=True)
