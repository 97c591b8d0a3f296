"""Hostile and broken input: each gives one clear line naming the file, never a traceback."""

from __future__ import annotations

import codecs
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from termcheck.cli import app
from termcheck.config import Config
from termcheck.data import read_table
from termcheck.document import Document
from termcheck.engine import check_document
from termcheck.errors import DataError
from termcheck.saferegex import RegexTimeout, compile_user_pattern, finditer_all

runner = CliRunner()


def lint(*args: str):
    result = runner.invoke(app, ["lint", "--isolated", "--select", "ALL", *args])
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    return result


def test_binary_file_is_skipped_with_its_name(tmp_path: Path) -> None:
    binary = tmp_path / "photo.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    result = lint(str(binary))
    assert result.exit_code == 2
    assert f"{binary}: TC-BINARY binary file (NUL bytes), skipped" in result.output


def test_invalid_utf8_reports_the_byte_offset(tmp_path: Path) -> None:
    bad = tmp_path / "latin.txt"
    bad.write_bytes("Déjà vu (dpa\n".encode("latin-1"))
    result = lint(str(bad))
    assert result.exit_code == 2
    assert f"{bad}: TC-DECODE not valid utf-8 at byte 1 (0xe9)" in result.output
    assert "--encoding" in result.output


def test_encoding_escape_hatches(tmp_path: Path) -> None:
    bad = tmp_path / "latin.txt"
    bad.write_bytes("Déjà vu (dpa\n".encode("latin-1"))
    forced = lint("--encoding", "latin-1", "-f", "json", str(bad))
    assert forced.exit_code == 1 and '"matched": "("' in forced.output
    assert '"excerpt": "Déjà vu (dpa"' in forced.output
    replaced = lint("--encoding-errors", "replace", "-f", "json", str(bad))
    assert replaced.exit_code == 1 and "D\ufffdj\ufffd vu (dpa" in replaced.output
    unknown = lint("--encoding", "klingon", str(bad))
    assert unknown.exit_code == 2 and "unknown encoding 'klingon'" in unknown.output


def test_utf16_with_bom_is_read_and_offsets_are_characters(tmp_path: Path) -> None:
    text = "Первая строка.\r\nВторая (ТАСС\r\n"
    file = tmp_path / "utf16.txt"
    file.write_bytes(codecs.BOM_UTF16_LE + text.encode("utf-16-le"))
    result = lint(str(file))
    assert result.exit_code == 1
    assert f"{file}:2:8: BR001" in result.output
    doc = Document.from_bytes(file.read_bytes())
    assert doc.encoding == "utf-16-le" and doc.to_bytes() == file.read_bytes()


def test_empty_file_is_checked_and_clear(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    result = lint(str(empty))
    assert result.exit_code == 0 and "All clear: 1 file(s) checked." in result.output


def test_one_very_long_line_is_checked(tmp_path: Path) -> None:
    """Linear time is shown by benchmarks/long_line.py; here: it simply works."""
    line = tmp_path / "line.txt"
    line.write_text("word (x) " * 200_000 + "dpa)")
    result = lint(str(line))
    assert result.exit_code == 1 and f"{line}:1:1800004: BR001" in result.output


def test_directory_symlink_loop_is_reported_once(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "doc.txt").write_text("fine\n")
    (tmp_path / "a" / "loop").symlink_to(tmp_path / "a", target_is_directory=True)
    result = lint(str(tmp_path))
    assert result.exit_code == 1
    assert "TC-SYMLINK-LOOP directory reached twice through symbolic links" in result.output
    assert os.path.join("a", "loop") in result.output
    assert "1 file(s)" in result.output or "in 1 file" in result.output


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode")
def test_unreadable_file_really_chmod_000(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("text\n")
    secret.chmod(0)
    result = lint(str(secret))
    assert result.exit_code == 2 and f"{secret}: TC-UNREADABLE permission denied" in result.output


def test_unreadable_file_simulated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("text\n")
    original = Path.read_bytes

    def deny(self: Path) -> bytes:
        if self.name == "secret.txt":
            raise PermissionError(13, "Permission denied", str(self))
        return original(self)

    monkeypatch.setattr(Path, "read_bytes", deny)
    result = lint("--jobs", "1", str(secret))
    assert result.exit_code == 2 and f"{secret}: TC-UNREADABLE permission denied" in result.output


def test_missing_path(tmp_path: Path) -> None:
    result = lint(str(tmp_path / "nope.txt"))
    assert result.exit_code == 2
    assert f"{tmp_path / 'nope.txt'}: TC-NOT-FOUND no such file or directory" in result.output


def test_malformed_config_names_file_and_line(tmp_path: Path) -> None:
    (tmp_path / "termcheck.toml").write_text('lang = "de"\n\nselect = "BR"\n')
    (tmp_path / "a.txt").write_text("text\n")
    result = runner.invoke(app, ["lint", str(tmp_path / "a.txt")])
    assert result.exit_code == 2
    assert result.output.strip() == (f"termcheck: error: {tmp_path / 'termcheck.toml'}:3: "
                                     "'select' must be a list, not str")


def test_malformed_data_file_names_file_and_line(tmp_path: Path) -> None:
    ignore = tmp_path / "ignore.tsv"
    ignore.write_text("# accepted\nBR001\t(dpa\nnot an entry\n")
    (tmp_path / "termcheck.toml").write_text(f'ignore-file = "{ignore.name}"\n')
    (tmp_path / "a.txt").write_text("text (dpa\n")
    result = runner.invoke(app, ["lint", str(tmp_path / "a.txt")])
    assert result.exit_code == 2
    assert f"{ignore}:3: expected 'CODE<TAB>matched text'" in result.output
    table = tmp_path / "glossary.tsv"
    table.write_text("variant\tcanonical\nA\tB\tC\n")
    with pytest.raises(DataError, match=r"glossary.tsv:2: 3 fields but the header has 2"):
        list(read_table(table, ("variant",)))


def test_catastrophic_user_regex_times_out_and_the_rest_goes_on() -> None:
    slow = compile_user_pattern(r"(a|aa)+$", "boiler.tsv", 7, timeout=0.05)
    fast = compile_user_pattern(r"dpa\)", "boiler.tsv", 8)
    text = "a" * 60 + "b dpa)"
    matches, timeouts = finditer_all([slow, fast], text, "article.txt")
    assert [m.group() for _, m in matches] == ["dpa)"]
    assert [str(t) for t in timeouts] == [
        "article.txt: pattern '(a|aa)+$' (boiler.tsv:7) took longer than 0.05 s and was skipped"]
    assert timeouts[0].code == "TC-REGEX-TIMEOUT"


def test_a_rule_whose_user_regex_times_out_becomes_a_problem_of_that_document() -> None:
    from termcheck.model import Severity
    from termcheck.rules.registry import Rule

    slow = compile_user_pattern(r"(a|aa)+$", "boiler.tsv", 7, timeout=0.05)

    def check(doc, ctx):
        return [m for m in slow.finditer(doc.text, doc.path)]

    rule = Rule("XX902", "slow", "boilerplate", "Fluency", Severity.WARNING, check, "")
    result = check_document(Document("a" * 60 + "b", "x.txt"), Config(), rules=[rule])
    assert [(p.code, p.path) for p in result.problems] == [("TC-REGEX-TIMEOUT", "x.txt")]


def test_invalid_user_regex_names_file_and_line() -> None:
    with pytest.raises(DataError, match=r"boiler.tsv:3: invalid regular expression '\(unclosed'"):
        compile_user_pattern("(unclosed", "boiler.tsv", 3)


def test_user_regex_match_fullmatch_and_search_have_the_time_limit_too() -> None:
    slow = compile_user_pattern(r"(a|aa)+$", "boiler.tsv", 7, flags=0, timeout=0.05)
    for method in (slow.match, slow.fullmatch, slow.search):
        with pytest.raises(RegexTimeout, match=r"boiler.tsv:7"):
            method("a" * 60 + "b", "article.txt")
    quick = compile_user_pattern(r"photo: .+", "boiler.tsv", 9)
    assert quick.fullmatch("photo: dpa") and quick.match("photo: x y") and \
        quick.search("a photo: b") and quick.fullmatch("no") is None


def test_a_catastrophic_pattern_in_a_user_boilerplate_list_is_a_problem_not_a_hang(
        tmp_path: Path) -> None:
    user_list = tmp_path / "site.tsv"
    user_list.write_text("kind\tpattern\tnote\nregex\t(a|aa)+$\tslow\n", encoding="utf-8")
    text = "Title\n\n" + "a" * 60 + "b\n\nThe agency said so. dpa)\n"
    result = check_document(Document(text, "x.txt"), Config(boilerplate=(user_list,)))
    assert result.problems, "the slow pattern must be reported"
    for problem in result.problems:  # once per boilerplate rule that ran the pattern
        assert (problem.code, problem.path) == ("TC-REGEX-TIMEOUT", "x.txt")
        assert "site.tsv:2" in problem.message
    assert [f.code for f in result.findings] == ["BR001"]  # the other rules still ran


def test_a_regex_timeout_reads_like_the_readme_with_the_document_named_once(
        tmp_path: Path) -> None:
    user_list = tmp_path / "site.tsv"
    user_list.write_text("kind\tpattern\tnote\nregex\t(a|aa)+$\tslow\n", encoding="utf-8")
    result = check_document(Document("a" * 60 + "b\n", "x.txt"), Config(boilerplate=(user_list,)))
    assert {p.message for p in result.problems} == {
        f"pattern '(a|aa)+$' ({user_list}:2) took longer than 0.5 s and was skipped"}


def test_a_malformed_nested_config_skips_its_files_and_checks_the_rest(tmp_path: Path) -> None:
    (tmp_path / "good").mkdir()
    (tmp_path / "good" / "a.txt").write_text("He said (hello.\n")
    (tmp_path / "bad").mkdir()
    (tmp_path / "bad" / "termcheck.toml").write_text("select = = 3\n")
    (tmp_path / "bad" / "b.txt").write_text("text\n")
    result = runner.invoke(app, ["lint", "--select", "BR", str(tmp_path)])
    assert result.exit_code == 1
    assert f"{tmp_path / 'bad' / 'b.txt'}: TC-CONFIG {tmp_path / 'bad' / 'termcheck.toml'}:1: " \
        "invalid TOML" in result.output
    assert "BR001" in result.output and "in 1 file" in result.output
