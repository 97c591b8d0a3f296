"""`termcheck clean`: a cleaned copy of a corpus, its ledger and report, and safe output paths."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from termcheck.clean import CleanError, CleanOptions, clean_paths
from termcheck.cli import app
from termcheck.config import Config
from termcheck.edits import Change, restore

runner = CliRunner()
MOJIBAKE = "Troops arrive\n\nKazakhstanâ€™s president asked for help.\n"
REPAIRED = "Troops arrive\n\nKazakhstan’s president asked for help.\n"
FOOTER = "Subscribe to our newsletter today"


def write(path: Path, data: bytes | str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return path


def clean_cli(*args: str) -> object:
    return runner.invoke(app, ["clean", "--isolated", *args])


def test_bad_inputs_are_reported_and_skipped_and_the_rest_written(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    write(corpus / "good.txt", MOJIBAKE)
    write(corpus / "sub" / "fine.txt", "Nothing to do here.\n")
    write(corpus / "image.txt", b"GIF89a\x00\x01\x02")
    write(corpus / "latin1.txt", "Café\n".encode("latin-1"))
    write(corpus / "empty.txt", b"")
    result = clean_cli(str(corpus), "--out", str(tmp_path / "out"))
    assert result.exit_code == 1, result.output
    assert "3 input(s) skipped" in result.output
    for name, code in (("image.txt", "TC-BINARY"), ("latin1.txt", "TC-DECODE"),
                       ("empty.txt", "TC-EMPTY")):
        assert f"{corpus / name}: {code}" in result.output
        assert not (tmp_path / "out" / name).exists()
    assert (tmp_path / "out" / "good.txt").read_text(encoding="utf-8") == REPAIRED
    assert (tmp_path / "out" / "sub" / "fine.txt").read_bytes() == b"Nothing to do here.\n"


def test_output_keeps_encoding_bom_newlines_and_the_ledger_restores_the_input(
        tmp_path: Path) -> None:
    source = write(tmp_path / "in" / "crlf.txt",
                   b"\xef\xbb\xbf" + MOJIBAKE.replace("\n", "\r\n").encode("utf-8"))
    report = clean_paths([tmp_path / "in"], CleanOptions(tmp_path / "out"), Config())
    assert report.exit_code == 0 and report.documents_changed == 1
    data = (tmp_path / "out" / "crlf.txt").read_bytes()
    assert data == b"\xef\xbb\xbf" + REPAIRED.replace("\n", "\r\n").encode("utf-8")
    (entry,) = [json.loads(line) for line in
                (tmp_path / "out" / "ledger.jsonl").read_text(encoding="utf-8").splitlines()]
    assert entry["output"] == "crlf.txt"
    ledger = [Change.from_dict(c) for c in entry["changes"]]
    assert restore(data[3:].decode("utf-8"), ledger) == source.read_bytes()[3:].decode("utf-8")


def test_jsonl_output_records_every_change_with_original_offsets(tmp_path: Path) -> None:
    write(tmp_path / "in" / "a.txt", MOJIBAKE)
    write(tmp_path / "in" / "b.txt", "Nothing to do.\n")
    result = clean_cli(str(tmp_path / "in"), "--out", str(tmp_path / "out"),
                       "--format", "jsonl", "--lang", "en")
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in (tmp_path / "out" / "documents.jsonl").open()]
    assert [r["id"] for r in records] == ["a.txt", "b.txt"]
    first = records[0]
    assert set(first) == {"id", "path", "text", "lang", "changes"}
    assert first["text"] == REPAIRED and first["lang"] == "en"
    assert first["changes"] == [{"start": 25, "end": 28, "removed": "â€™", "replacement": "’",
                                 "codes": ["EN001"],
                                 "reasons": ["Repair mojibake 'â€™' → '’'"]}]
    assert records[1]["changes"] == []


def test_jsonl_corpus_flows_to_jsonl_keeping_other_fields(tmp_path: Path) -> None:
    lines = [json.dumps({"id": "n1", "url": "https://example.org/1", "body": MOJIBAKE}),
             "{not json",
             json.dumps({"id": "n2", "body": "Calm again.\n"}),
             json.dumps({"id": "n3", "text": "no body field"})]
    write(tmp_path / "in" / "part-1.jsonl", "\n".join(lines) + "\n")
    result = clean_cli(str(tmp_path / "in"), "--out", str(tmp_path / "out"),
                       "--text-field", "body")
    assert result.exit_code == 1
    assert f"{tmp_path / 'in' / 'part-1.jsonl'}:2: TC-JSONL invalid JSON" in result.output
    assert f"{tmp_path / 'in' / 'part-1.jsonl'}:4: TC-JSONL no string field 'body'" \
        in result.output
    records = [json.loads(line) for line in (tmp_path / "out" / "part-1.jsonl").open()]
    assert [r["id"] for r in records] == ["n1", "n2", "n3"]  # n3 kept, with its problem
    assert records[2]["termcheck"]["problems"][0]["code"] == "TC-JSONL"
    assert records[0]["url"] == "https://example.org/1" and records[0]["body"] == REPAIRED
    assert list(records[0]) == ["id", "url", "body", "termcheck"]  # the text field holds the
    assert records[0]["termcheck"]["id"] == "n1"  # cleaned text; termcheck's additions: one key


def test_boilerplate_deletions_apply_even_when_unsafe(tmp_path: Path) -> None:
    for i in range(6):
        write(tmp_path / "in" / f"{i}.txt", f"Title {i}\n\nStory number {i} here.\n\n{FOOTER}\n")
    report = clean_paths([tmp_path / "in"], CleanOptions(tmp_path / "out"), Config())
    assert report.edits_by_rule == {"BP100": 6}
    assert report.characters_removed == 6 * (len(FOOTER) + 2)  # the line and the blank before
    assert (tmp_path / "out" / "3.txt").read_text() == "Title 3\n\nStory number 3 here.\n"


def test_report_json_counts_documents_edits_and_characters(tmp_path: Path) -> None:
    write(tmp_path / "in" / "a.txt", MOJIBAKE)
    write(tmp_path / "in" / "empty.txt", "")
    clean_cli(str(tmp_path / "in"), "--out", str(tmp_path / "out"),
              "--report", str(tmp_path / "report.json"))
    report = json.loads((tmp_path / "report.json").read_text())
    assert report["documents_read"] == 1 and report["documents_changed"] == 1
    assert report["documents_skipped"] == 1 and report["edits_by_rule"] == {"EN001": 1}
    assert report["characters_removed"] == 3 and report["characters_inserted"] == 1
    assert report["problems"][0]["code"] == "TC-EMPTY"


def test_output_directory_inside_an_input_tree_is_refused_unless_skipped(tmp_path: Path) -> None:
    write(tmp_path / "in" / "a.txt", MOJIBAKE)
    refused = clean_cli(str(tmp_path / "in"), "--out", str(tmp_path / "in" / "out"))
    assert refused.exit_code == 2 and "inside the input" in refused.output
    assert not (tmp_path / "in" / "out").exists()
    for _ in range(2):  # the second run must not read its own earlier output
        done = clean_cli(str(tmp_path / "in"), "--out", str(tmp_path / "in" / "out"),
                         "--skip-output-dir")
        assert done.exit_code == 0, done.output
    assert sorted(p.name for p in (tmp_path / "in" / "out").iterdir()
                  if not p.name.startswith(".")) == ["a.txt",
                                                                          "ledger.jsonl"]
    with pytest.raises(CleanError, match="inside the output directory"):
        clean_paths([tmp_path / "in" / "a.txt"], CleanOptions(tmp_path / "in"), Config())


def test_never_writes_outside_the_output_directory(tmp_path: Path, monkeypatch) -> None:
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    write(tmp_path / "x.txt", MOJIBAKE)
    write(tmp_path / "in" / "sub" / "y.txt", MOJIBAKE)
    write(tmp_path / "in" / "sub" / "deeper" / "z.txt", MOJIBAKE)
    out = tmp_path / "work" / "out"
    out.mkdir(parents=True)
    (out / ".termcheck-outputs").write_bytes(b"")  # a previous output (else refused as not ours)
    os.symlink(outside, out / "sub")  # a planted link must not lead the output elsewhere
    monkeypatch.chdir(tmp_path / "work")
    report = clean_paths(["../x.txt", "../in"], CleanOptions(Path("out")), Config())
    assert (out / "x.txt").read_text(encoding="utf-8") == REPAIRED
    assert list(outside.iterdir()) == []
    assert [p.code for p in report.problems] == ["TC-OUTPUT", "TC-OUTPUT"]
    assert (tmp_path / "x.txt").read_text(encoding="utf-8") == MOJIBAKE  # input untouched


def test_symlinked_inputs_are_copied_as_files(tmp_path: Path) -> None:
    target = write(tmp_path / "real" / "a.txt", MOJIBAKE)
    (tmp_path / "in").mkdir()
    os.symlink(target, tmp_path / "in" / "link.txt")
    clean_paths([tmp_path / "in"], CleanOptions(tmp_path / "out"), Config())
    written = tmp_path / "out" / "link.txt"
    assert not written.is_symlink() and written.read_text(encoding="utf-8") == REPAIRED
    assert target.read_text(encoding="utf-8") == MOJIBAKE


def test_nothing_readable_exits_2(tmp_path: Path) -> None:
    write(tmp_path / "in" / "empty.txt", "")
    result = clean_cli(str(tmp_path / "in"), "--out", str(tmp_path / "out"))
    assert result.exit_code == 2


def test_two_files_with_the_same_name_are_mirrored_below_their_common_folder(
        tmp_path: Path) -> None:
    first = write(tmp_path / "a" / "same.txt", "First.\n")
    second = write(tmp_path / "b" / "same.txt", "Second.\n")
    report = clean_paths([first, second], CleanOptions(tmp_path / "out"), Config())
    assert report.exit_code == 0 and report.problems == []
    assert (tmp_path / "out" / "a" / "same.txt").read_text() == "First.\n"
    assert (tmp_path / "out" / "b" / "same.txt").read_text() == "Second.\n"


def test_two_folders_holding_the_same_file_do_not_overwrite_each_other(tmp_path: Path) -> None:
    write(tmp_path / "a" / "same.txt", "First.\n")
    write(tmp_path / "b" / "same.txt", "Second.\n")
    report = clean_paths([tmp_path / "a", tmp_path / "b"], CleanOptions(tmp_path / "out"),
                         Config())
    assert report.exit_code == 1
    assert [p.code for p in report.problems] == ["TC-OUTPUT"]
    assert (tmp_path / "out" / "same.txt").read_text() == "First.\n"


def test_an_output_path_that_is_a_file_is_a_clear_error(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from termcheck.cli import app

    taken = tmp_path / "taken"
    taken.write_text("x")
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text("Hello world.\n")
    result = CliRunner().invoke(app, ["clean", str(tmp_path / "in"), "--out", str(taken)])
    assert result.exit_code == 2
    assert "cannot create the output directory" in result.output
