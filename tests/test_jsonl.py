"""JSONL corpora: read record by record, bad lines reported by file and line."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from termcheck.api import lint_paths
from termcheck.cli import app
from termcheck.config import Config
from termcheck.corpus.jsonl import iter_jsonl
from termcheck.document import Document
from termcheck.model import FileProblem


def test_records_become_documents_and_bad_lines_problems(tmp_path: Path) -> None:
    path = tmp_path / "c.jsonl"
    path.write_bytes(b'{"id": 7, "text": "One.", "lang": "de", "url": "u"}\n\n'
                     b'[1, 2]\n{"text": 5}\n\xff\xfe\n{"text": "Two."}\n')
    items = list(iter_jsonl(path, "c.jsonl", default_id="c.jsonl"))
    documents = [i for i in items if isinstance(i, Document)]
    problems = [str(i) for i in items if isinstance(i, FileProblem)]
    assert [(d.text, d.lang, d.meta["id"], d.path) for d in documents] == [
        ("One.", "de", "7", "c.jsonl#1"), ("Two.", None, "c.jsonl#6", "c.jsonl#6")]
    assert documents[0].meta["record"] == {"id": 7, "text": "One.", "lang": "de", "url": "u"}
    assert problems == [
        "c.jsonl:3: TC-JSONL a record must be a JSON object",
        "c.jsonl:4: TC-JSONL no string field 'text' (--text-field)",
        "c.jsonl:5: TC-DECODE not valid UTF-8 at byte 0 of the line",
    ]


def test_lint_reads_a_jsonl_file_named_on_the_command_line(tmp_path: Path) -> None:
    path = tmp_path / "c.jsonl"
    path.write_text(json.dumps({"text": "Kazakhstanâ€™s capital"}) + "\n", encoding="utf-8")
    report = lint_paths([path], Config(select=("EN",)))
    assert [(f.path, f.code, f.matched) for f in report.findings] == [
        (f"{path}#1", "EN001", "â€™")]


def test_lint_of_a_directory_reads_its_jsonl_files_with_the_text_field_given(
        tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Kazakhstanâ€™s capital\n", encoding="utf-8")
    (corpus / "b.ndjson").write_text(json.dumps({"body": "Almatyâ€™s mayor"}) + "\n",
                                     encoding="utf-8")
    result = CliRunner().invoke(app, ["lint", "--isolated", "--select", "EN", "-f", "jsonl",
                                      "--text-field", "body", str(corpus)])
    rows = [json.loads(line) for line in result.output.splitlines()]
    assert result.exit_code == 1
    assert [(Path(r["path"]).name, r["matched"]) for r in rows] == [
        ("a.txt", "â€™"), ("b.ndjson#1", "â€™")]


def test_lint_never_reads_its_own_report(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Kazakhstanâ€™s capital\n", encoding="utf-8")
    inside = corpus / "report.jsonl"  # would be read by the next run: refused (issue #18)
    refused = CliRunner().invoke(app, ["lint", "--isolated", "-f", "jsonl", "-o", str(inside),
                                       str(corpus)])
    assert refused.exit_code == 2 and not inside.exists()
    report = tmp_path / "report.jsonl"
    for _ in range(2):
        result = CliRunner().invoke(app, ["lint", "--isolated", "--select", "EN", "-f", "jsonl",
                                          "-o", str(report), str(corpus)])
        assert result.exit_code == 1
        rows = [json.loads(line) for line in report.read_text(encoding="utf-8").splitlines()]
        assert [r["type"] for r in rows] == ["finding"]
