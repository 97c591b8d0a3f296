"""``termcheck glossary suggest``: mine a corpus for name variants and draft a glossary."""

# Annotations are objects here, not strings (no `from __future__ import annotations`): typer
# reads every command's annotations at each start, and a string costs it a compile.

from pathlib import Path
from typing import List

import typer

from termcheck.cli.app import PlainUsage
from termcheck.cli.glossary import glossary_app
from termcheck.cli.options import check_lang_option, fail, refuse_overwriting_inputs
from termcheck.errors import TermcheckError


@glossary_app.command("suggest", cls=PlainUsage,
                       short_help="Draft a name glossary from spellings that vary.")
def suggest(
    paths: List[Path] = typer.Argument(..., help="Corpus files or directories.",
                                       readable=False),
    output: Path | None = typer.Option(None, "--output", "-o", help="Write the draft TSV here."),
    lang: str = typer.Option("en", "--lang", help="Language column of the draft rows."),
    min_count: int = typer.Option(2, min=1, help="Skip names seen fewer times in all."),
    domain: str = typer.Option("person", help="Domain column of the draft rows (person, place)."),
    glossary: List[Path] | None = typer.Option(
        None, help="Glossaries whose names to leave out (the shipped ones always are)."),
) -> None:
    """Draft a name glossary from the spellings that vary across a corpus."""
    from termcheck.glossary import load_glossaries, shipped_glossary_files
    from termcheck.model import FileProblem
    from termcheck.names.profile import same_spelling
    from termcheck.names.suggest import clusters, draft_rows, mine, write_draft
    from termcheck.pipeline import documents as iter_documents

    refuse_overwriting_inputs(paths, output=output)
    check_lang_option(lang, "--lang")
    documents = []
    skipped = 0
    try:
        for item in iter_documents(paths):
            if isinstance(item, FileProblem):
                typer.echo(f"termcheck: {item}", err=True)
                skipped += 1
            else:
                documents.append(item)
        if not documents:
            fail("no readable input")
        known = {same_spelling(term.stem) for term in load_glossaries(
            [*shipped_glossary_files(), *(glossary or ())]).terms(lang)}
        mined = mine(documents)
        rows = draft_rows(mined, clusters(mined, min_count, known), lang, domain)
        text = write_draft(rows, output)
    except TermcheckError as exc:
        fail(str(exc))
        return
    if output is None:
        typer.echo(text, nl=False)
    else:
        concepts = len({row["concept"] for row in rows})
        typer.echo(f"{output}: {concepts} names with variants, {len(rows)} rows", err=True)
    if skipped:
        typer.echo(f"termcheck: {skipped} input(s) skipped, see the problems above", err=True)
        raise typer.Exit(1)
