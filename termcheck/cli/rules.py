"""``termcheck rules`` and ``termcheck rule CODE``: the rules and their documentation."""

# Annotations are objects here, not strings (no `from __future__ import annotations`): typer
# reads every command's annotations at each start, and a string costs it a compile.

import typer

from termcheck.cli.app import PlainUsage, app
from termcheck.cli.options import FORMAT_HELP, fail


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
    if found.trigger is not None:
        typer.echo(found.trigger.describe() + "\n")
    typer.echo(found.doc)
    if found.options:
        typer.echo("\n" + found.options_doc())
