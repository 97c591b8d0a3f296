"""The ``termcheck`` command line: parse → choose apply and sink → run → render.

One module per command (:mod:`.lint`, :mod:`.fix`, :mod:`.clean`, :mod:`.bilingual`,
:mod:`.rules`, :mod:`.glossary`, :mod:`.names`, :mod:`.score`), the typer application in
:mod:`.app` and what the commands share in :mod:`.options`. Every module imports the app and the
options, never this package, so that there is no import circle; importing this package registers
every command on :data:`app`.
"""

from __future__ import annotations

from termcheck.cli import clean, glossary, lint, names, rules, score  # noqa: F401  (registered)
from termcheck.cli.app import app
from termcheck.cli.options import output_writer, use_color


def main() -> None:
    """Entry point of the ``termcheck`` script."""
    from termcheck.runtime import keep_file_name_bytes, tune_gc

    tune_gc()
    keep_file_name_bytes()
    app()

__all__ = ["app", "main", "output_writer", "use_color"]
