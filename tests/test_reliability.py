"""Issue #18, reliability round two: one regression test per defect of the attack round.

Each test reproduced its defect on the main branch before the fix (the docstring says what
happened then). Texts are our own.
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from termcheck.cli import app

runner = CliRunner()


def run(*args: str):
    result = runner.invoke(app, list(args))
    assert "Traceback" not in result.output, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result


# --- 1. outputs never replace inputs ------------------------------------------------------------


def test_an_output_inside_a_walked_input_folder_or_the_out_tree_is_refused(tmp_path: Path) -> None:
    """Before: 'lint in -o in/a.txt' skipped a.txt, wrote the report over it and exited 0; clean
    --report o/ledger.jsonl replaced the ledger; glossary convert g.tsv g.tsv rewrote its input."""
    folder = tmp_path / "in"
    folder.mkdir()
    text = folder / "a.txt"
    text.write_text("He said (dpa\n")
    glossary = tmp_path / "g.tsv"
    glossary.write_text("# mine\nforbidden\tpreferred\textra\n")
    out = tmp_path / "o"
    cases = [
        ["lint", str(folder), "-o", str(text)],
        ["lint", str(folder), "-o", str(folder / "report.txt")],
        ["lint", str(folder), "--write-baseline", str(folder / "b.json")],
        ["clean", str(folder), "--out", str(out), "--report", str(folder / "r.json")],
        ["clean", str(folder), "--out", str(out), "--report-html", str(folder / "r.html")],
        ["clean", str(folder), "--out", str(out), "--report", str(out / "ledger.jsonl")],
        ["clean", str(folder), "--out", str(out), "--report", str(out / "a.txt")],
        ["clean", str(folder), "--out", str(out), "--report", str(tmp_path / "r"),
         "--report-html", str(tmp_path / "r")],
        ["glossary", "suggest", str(folder), "-o", str(folder / "draft.tsv")],
        ["glossary", "convert", str(glossary), str(glossary)],
    ]
    for args in cases:
        result = run(*args)
        assert result.exit_code == 2, (args, result.output)
        assert result.output.startswith("termcheck: error: ") and result.output.count("\n") == 1
    assert text.read_text() == "He said (dpa\n"
    assert glossary.read_text() == "# mine\nforbidden\tpreferred\textra\n"
    assert sorted(p.name for p in folder.iterdir()) == ["a.txt"]
    assert not out.exists()


# --- 11. deep trees ----------------------------------------------------------------------------


def test_hundreds_of_nested_folders_are_walked_without_recursion_in_linear_time(
        tmp_path: Path) -> None:
    """Before: 500 nested folders gave a RecursionError traceback in the configuration lookup,
    and the walk took a realpath per folder (O(depth²): 2,000 levels took 94 s)."""
    deep = tmp_path / "deep"
    path = deep
    for _ in range(600):
        path = path / "d"
    path.mkdir(parents=True)
    (path / "a.txt").write_text("He said hello.\n")
    (path.parent / "b.txt").write_text("He said hello.\n")
    started = time.perf_counter()
    result = run("lint", str(deep))
    assert result.exit_code == 0, result.output
    assert "2 file(s) checked" in result.output
    assert time.perf_counter() - started < 20
