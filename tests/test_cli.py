"""The command line: exit statuses, output formats, problems instead of tracebacks."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from termcheck.cli import app

runner = CliRunner()


def write(path: Path, data: bytes | str) -> Path:
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return path


def test_exit_0_when_clean_and_1_with_findings(tmp_path: Path) -> None:
    clean = write(tmp_path / "clean.txt", "A balanced (sentence).\n")
    bad = write(tmp_path / "bad.txt", "An unbalanced one. dpa)\n")
    ok = runner.invoke(app, ["lint", "--isolated", "--select", "BR", str(clean)])
    assert ok.exit_code == 0, ok.output
    assert "All clear" in ok.output
    found = runner.invoke(app, ["lint", "--isolated", "--select", "BR", str(bad)])
    assert found.exit_code == 1
    assert f"{bad}:1:23: BR001" in found.output
    assert "Found 1 finding" in found.output


def test_json_output_has_findings_problems_and_summary(tmp_path: Path) -> None:
    bad = write(tmp_path / "bad.txt", "One. dpa)\n")
    binary = write(tmp_path / "img.txt", b"\x00\x01\x02")
    result = runner.invoke(app, ["lint", "--isolated", "--select", "BR", "--format", "json",
                                 str(bad), str(binary)])
    data = json.loads(result.stdout)
    assert result.exit_code == 1
    assert set(data) >= {"findings", "problems", "summary"}
    finding = data["findings"][0]
    assert (finding["code"], finding["start"], finding["end"], finding["line"],
            finding["column"]) == ("BR001", 8, 9, 1, 9)
    assert finding["fix"] == {"title": "Remove the lone ')'", "applicability": "display",
                              "edits": [{"start": 8, "end": 9, "replacement": ""}]}
    assert data["problems"] == [{"path": str(binary), "code": "TC-BINARY",
                                 "message": "binary file (NUL bytes), skipped"}]
    assert data["summary"]["files_checked"] == 1


def test_exit_2_when_nothing_could_be_read(tmp_path: Path) -> None:
    result = runner.invoke(app, ["lint", str(tmp_path / "missing.txt")])
    assert result.exit_code == 2
    assert "no such file or directory" in result.output
    assert "Traceback" not in result.output


def test_unknown_rule_and_format_are_usage_errors(tmp_path: Path) -> None:
    file = write(tmp_path / "a.txt", "text\n")
    unknown = runner.invoke(app, ["lint", "--select", "ZZ9", str(file)])
    assert unknown.exit_code == 2 and "unknown rule code" in unknown.output
    bad_format = runner.invoke(app, ["lint", "--format", "yaml", str(file)])
    assert bad_format.exit_code == 2 and "unknown format" in bad_format.output


def test_malformed_config_is_one_line_with_file_and_line(tmp_path: Path) -> None:
    (tmp_path / "termcheck.toml").write_text('lang = \n')
    file = write(tmp_path / "a.txt", "text\n")
    result = runner.invoke(app, ["lint", str(file)])
    assert result.exit_code == 2
    assert "termcheck.toml:1: invalid TOML" in result.output
    assert "Traceback" not in result.output


def test_rules_table_and_rule_doc() -> None:
    table = runner.invoke(app, ["rules"])
    assert table.exit_code == 0
    assert "BR001" in table.output and "unbalanced-bracket" in table.output
    doc = runner.invoke(app, ["rule", "BR001"])
    assert doc.exit_code == 0 and "## What it does" in doc.output
    missing = runner.invoke(app, ["rule", "XX000"])
    assert missing.exit_code == 2


def test_a_malformed_language_is_a_usage_error_and_an_unknown_one_a_warning(
        tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text("A calm article.\n", encoding="utf-8")
    bad = runner.invoke(app, ["lint", "--isolated", "--lang", "English", str(article)])
    assert bad.exit_code == 2 and "--lang must be a language code" in bad.output
    unknown = runner.invoke(app, ["lint", "--isolated", "--lang", "xx", str(article)])
    assert unknown.exit_code == 0
    assert "warning: --lang xx: no shipped data for this language (have ar, bg," in unknown.output
    for known in ("de-CH", "DE", "cs", "pt_BR", "zh-Hant"):
        result = runner.invoke(app, ["lint", "--isolated", "--lang", known, str(article)])
        assert result.exit_code == 0 and "warning" not in result.output, known


def test_clean_takes_the_language_identifier_like_lint(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text("A calm article.\n", encoding="utf-8")
    result = runner.invoke(app, ["clean", "--isolated", "--lid", "fasttext", str(article),
                                 "--out", str(tmp_path / "out")])
    assert result.exit_code == 2 and "--lid must be langdetect or lingua" in result.output


def test_a_reader_that_stops_early_ends_the_run_quietly(tmp_path: Path) -> None:
    """`termcheck lint corpus/ | head -1`: no traceback, no misleading engine error."""
    import subprocess
    import sys

    from tests.corpus_gen import write_corpus

    corpus = write_corpus(tmp_path / "corpus", 120)
    process = subprocess.Popen([sys.executable, "-m", "termcheck", "lint", "--isolated",
                                "--jobs", "2", str(corpus)], stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, cwd=Path(__file__).resolve().parents[1])
    assert process.stdout is not None and process.stdout.readline()
    process.stdout.close()  # the reader goes away while termcheck is still writing
    _, errors = process.communicate(timeout=120)
    assert process.returncode == 1
    assert b"Traceback" not in errors and b"engine failed" not in errors
