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


def test_an_id_is_a_string_or_a_number_null_is_no_id_and_anything_else_a_problem(
        tmp_path: Path) -> None:
    """``null`` names no record, as a missing id: the fallback ``FILE#LINE`` stands in (never
    "None"); a number keeps its JSON text; a boolean, an object or an array is the record's
    problem, one line, as a text field that is not a string is."""
    path = tmp_path / "c.jsonl"
    lines = ['{"id": null, "text": "A."}', '{"id": 7, "text": "B."}',
             '{"id": 1.50, "text": "C."}', '{"id": "x-1", "text": "D."}',
             '{"id": true, "text": "E."}', '{"id": {"n": 1}, "text": "F."}',
             '{"id": ["x"], "text": "G."}', '{"id": null, "body": "H."}']
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    items = list(iter_jsonl(path, "c.jsonl", default_id="c.jsonl"))
    assert [i.meta["id"] for i in items if isinstance(i, Document)] == [
        "c.jsonl#1", "7", "1.50", "x-1"]
    assert [str(i) for i in items if isinstance(i, FileProblem)] == [
        "c.jsonl:5: TC-JSONL field 'id' (--id-field) is a boolean: an id is a string or a number",
        "c.jsonl:6: TC-JSONL field 'id' (--id-field) is an object: an id is a string or a number",
        "c.jsonl:7: TC-JSONL field 'id' (--id-field) is an array: an id is a string or a number",
        "c.jsonl:8: TC-JSONL no string field 'text' (--text-field)"]
    kept = list(iter_jsonl(path, "c.jsonl", default_id="c.jsonl", keep_records=True))
    assert [d.meta["id"] for d in kept] == [  # type: ignore[union-attr]
        "c.jsonl#1", "7", "1.50", "x-1", "c.jsonl#5", "c.jsonl#6", "c.jsonl#7", "c.jsonl#8"]


def test_clean_writes_the_fallback_id_for_a_null_id(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "c.jsonl").write_text(
        '{"id": null, "text": "Two  spaces."}\n{"id": null, "body": "no text"}\n',
        encoding="utf-8")
    result = CliRunner().invoke(app, ["clean", "--isolated", str(tmp_path / "in"), "--out",
                                      str(tmp_path / "out")])
    records = [json.loads(line) for line in
               (tmp_path / "out" / "c.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [r["termcheck"]["id"] for r in records] == ["c.jsonl#1", "c.jsonl#2"], result.output
    assert [r["id"] for r in records] == [None, None]  # the record itself is kept as read


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
