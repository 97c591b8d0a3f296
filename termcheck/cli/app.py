"""The ``termcheck`` application: the typer app every command module registers on."""

from __future__ import annotations

from typing import Any

import typer
from typer.core import TyperCommand


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
