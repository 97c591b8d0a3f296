"""Baselines: today's findings are hidden after unrelated edits; a new finding still shows."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from termcheck.api import lint_text
from termcheck.baseline import baseline_dict, load_baseline, new_findings
from termcheck.cli import app
from termcheck.config import Config
from termcheck.errors import TermcheckError

runner = CliRunner()
BR = Config(select=("BR",))
TODAY = "Intro line.\n\nThe alliance (CSTO met.\n\nMore news later. dpa)\n"


def lint(*args: str) -> tuple[int, list[dict[str, object]]]:
    result = runner.invoke(app, ["lint", "--isolated", "--select", "BR", "-f", "json", *args])
    return result.exit_code, json.loads(result.stdout)["findings"]


def test_baseline_hides_old_findings_after_unrelated_edits_and_shows_new_ones(
        tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text(TODAY, encoding="utf-8")
    baseline = tmp_path / "termcheck-baseline.json"
    written = runner.invoke(app, ["lint", "--isolated", "--select", "BR",
                                  "--write-baseline", str(baseline), str(article)])
    assert written.exit_code == 0, written.output
    assert len(json.loads(baseline.read_text())["entries"]) == 2

    article.write_text("A new first paragraph pushes every line down.\n\n" + TODAY,
                       encoding="utf-8")
    code, findings = lint("--baseline", str(baseline), str(article))
    assert (code, findings) == (0, [])

    article.write_text(TODAY + "\nA fresh [slip in the last line.\n", encoding="utf-8")
    code, findings = lint("--baseline", str(baseline), str(article))
    assert code == 1
    assert [f["matched"] for f in findings] == ["["]


def test_counts_handle_duplicates(tmp_path: Path) -> None:
    once = lint_text("One (open.\n", BR, path="a.txt")
    twice = lint_text("One (open.\n\nTwo (open.\n", BR, path="a.txt")
    data = baseline_dict(once)
    assert data["entries"] == [{"path": "a.txt", "code": "BR001", "matched": "(", "count": 1}]
    path = tmp_path / "b.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    assert len(new_findings(twice, load_baseline(path))) == 1


def test_a_bad_baseline_is_a_one_line_error(tmp_path: Path) -> None:
    bad = tmp_path / "b.json"
    bad.write_text("{not json", encoding="utf-8")
    with pytest.raises(TermcheckError, match=r"b\.json"):
        load_baseline(bad)
    article = tmp_path / "a.txt"
    article.write_text("Fine.\n", encoding="utf-8")
    result = runner.invoke(app, ["lint", "--isolated", "--baseline", str(bad), str(article)])
    assert result.exit_code == 2
    assert "b.json" in result.output and "Traceback" not in result.output


def test_writing_a_baseline_with_skipped_inputs_exits_1(tmp_path: Path) -> None:
    """The skipped file is not in the baseline, so the run is not a clean start."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text(TODAY, encoding="utf-8")
    (corpus / "b.txt").write_bytes(b"\x00binary\x00")
    baseline = tmp_path / "termcheck-baseline.json"
    written = runner.invoke(app, ["lint", "--isolated", "--select", "BR",
                                  "--write-baseline", str(baseline), str(corpus)])
    assert written.exit_code == 1
    assert "TC-BINARY" in written.output
    assert len(json.loads(baseline.read_text())["entries"]) == 2
