"""`termcheck glossary suggest` drafts glossary rows from the spellings that vary in a corpus."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from termcheck.cli import app


def write(folder: Path, name: str, text: str) -> None:
    (folder / name).write_text(text, encoding="utf-8")


def test_suggest_drafts_majority_as_preferred_with_counts_and_context(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for number in range(3):
        write(corpus, f"a{number}.txt", f"Then minister Sergey Volkov spoke ({number}).\n")
    write(corpus, "b.txt", "Then minister Sergei Volkov left.\n")
    draft = tmp_path / "draft.tsv"
    result = CliRunner().invoke(app, ["glossary", "suggest", str(corpus), "-o", str(draft)])
    assert result.exit_code == 0, result.output
    rows = [line.split("\t") for line in draft.read_text(encoding="utf-8").splitlines()
            if not line.startswith("#")]
    assert rows[0] == ["concept", "lang", "term", "status", "note", "case", "domain", "example"]
    terms = {(row[2], row[3]) for row in rows[1:]}
    assert ("Sergey", "preferred") in terms
    assert ("Sergei", "forbidden") in terms  # 3× against 1×: a clear winner
    assert ("Sergey Volkov", "preferred") in terms
    sergei = next(row for row in rows if row[2] == "Sergei")
    assert sergei[4].startswith("1× in 1 document; e.g. “Then minister Sergei Volkov left.”")


def test_suggest_without_readable_input_fails_with_one_line(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["glossary", "suggest", str(tmp_path / "missing")])
    assert result.exit_code == 2
    assert "no readable input" in result.output


def test_suggest_leaves_out_names_the_glossary_already_decides(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    write(corpus, "a.txt", "Then the mayor of Kyiv met the mayor of Kharkiv.\n")
    write(corpus, "b.txt", "Then the mayor of Kiev left; Sergey Volkov and Sergei Volkov spoke.\n")
    result = CliRunner().invoke(app, ["glossary", "suggest", str(corpus)])
    assert result.exit_code == 0, result.output
    terms = [line.split("\t")[2] for line in result.output.splitlines()[2:]]
    assert "Kiev" not in terms and "Kyiv" not in terms
    assert "Sergei Volkov" in terms
