"""Hostile and broken input: each gives one clear line naming the file, never a traceback."""

from __future__ import annotations

import codecs
import json
import os
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from termcheck.cli import app
from termcheck.config import Config
from termcheck.data import read_table
from termcheck.document import Document
from termcheck.engine import check_document
from termcheck.errors import DataError, InputError, TermcheckError
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
    original = os.open  # documents are read through their file descriptor

    def deny(path: Any, *args: Any, **kwargs: Any) -> Any:
        if os.path.basename(path) == "secret.txt":
            raise PermissionError(13, "Permission denied", str(path))
        return original(path, *args, **kwargs)

    monkeypatch.setattr(os, "open", deny)
    result = lint("--jobs", "1", str(secret))
    assert result.exit_code == 2 and f"{secret}: TC-UNREADABLE permission denied" in result.output


def test_a_file_read_a_few_bytes_at_a_time_is_read_whole(tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    """Documents are read through their file descriptor, where a read may give fewer bytes
    than asked for (a pipe, a network file system): the binary sniff still sees its first
    bytes, and the document all of them."""
    from termcheck.corpus.sources import Source, read_document

    text = "".join(f"Line {n} of a long article, café.\n" for n in range(600))  # > 8 KB
    article = tmp_path / "long.txt"
    article.write_text(text, encoding="utf-8")
    binary = tmp_path / "data.txt"
    binary.write_bytes(b"x" * 5000 + b"\x00" * 100 + b"x" * 5000)  # NULs in its first 8 KB
    original = os.read
    monkeypatch.setattr(os, "read", lambda fd, size: original(fd, min(size, 1000)))
    assert read_document(Source(str(article), str(article), article)).text == text
    with pytest.raises(InputError, match="binary"):
        read_document(Source(str(binary), str(binary), binary))


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
    assert [(p.code, p.path) for p in result.problems] == [("TC-REGEX-TIMEOUT", "x.txt")]
    assert result.problems[0].message == (f"pattern '(a|aa)+$' ({user_list}:2) took longer "
                                          "than 0.5 s and was skipped")
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


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_nested_config_naming_a_missing_glossary_skips_its_files_and_checks_the_rest(
        tmp_path: Path, jobs: str) -> None:
    """Like a malformed nested config: a problem of each file under it, the rest is checked
    (lint and clean alike, in-process and with workers)."""
    (tmp_path / "a").mkdir()
    for number in range(30):  # enough inputs for the worker pool to start
        (tmp_path / "a" / f"{number:02}.txt").write_text("He said (hello.\n")
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "termcheck.toml").write_text('glossaries = ["missing.tsv"]\n')
    (tmp_path / "b" / "z.txt").write_text("Text (dpa.\n")
    problem = (f"{tmp_path / 'b' / 'z.txt'}: TC-CONFIG {tmp_path / 'b' / 'missing.tsv'}: "
               "cannot read data file")
    linted = runner.invoke(app, ["lint", "-j", jobs, str(tmp_path)])
    assert linted.exit_code == 1 and problem in linted.output
    assert linted.output.count(": BR001 ") == 30 and "Traceback" not in linted.output
    out = tmp_path.parent / f"{tmp_path.name}-clean"
    cleaned = runner.invoke(app, ["clean", "-j", jobs, "--out", str(out), str(tmp_path)])
    assert "TC-CONFIG" in cleaned.output and "Traceback" not in cleaned.output
    assert len(list((out / "a").glob("*.txt"))) == 30


def test_a_lone_surrogate_in_a_jsonl_record_is_a_problem_of_that_line(tmp_path: Path) -> None:
    corpus = tmp_path / "news.jsonl"
    corpus.write_text('{"text": "Fine (dpa"}\n{"text": "bad \\ud800 (x"}\n'
                      '{"text": "pair \\ud83d\\ude00 ok", "id": "\\udfff"}\n', encoding="utf-8")
    for fmt in ("text", "json", "jsonl"):
        result = lint("-f", fmt, str(corpus))
        assert result.exit_code == 1
        assert f"{corpus}:2" in result.output and "TC-DECODE" in result.output
        assert "lone surrogate" in result.output and "ud800" in result.output
        assert "news.jsonl#1" in result.output and "news.jsonl#3" not in result.output
    assert "lone surrogate \\udfff" in lint(str(corpus)).output
    out = tmp_path / "out"
    cleaned = runner.invoke(app, ["clean", "--isolated", "--out", str(out), str(corpus)])
    assert cleaned.exit_code == 1 and "Traceback" not in cleaned.output
    assert (out / "news.jsonl").read_text(encoding="utf-8").count("\n") == 1


def test_a_binary_file_named_jsonl_is_one_problem_not_one_per_line(tmp_path: Path) -> None:
    binary = tmp_path / "dump.jsonl"
    binary.write_bytes(b"\x7fELF\x02\x01\x00\x00\n" * 50)
    result = lint(str(binary))
    assert result.exit_code == 2
    assert result.output.count("TC-") == 1
    assert f"{binary}: TC-BINARY binary file (NUL bytes), skipped" in result.output


def test_a_file_name_that_is_not_utf8_reaches_every_report(tmp_path: Path) -> None:
    name = os.fsdecode(b"caf\xe9.txt")
    (tmp_path / name).write_text("He said (dpa\n", encoding="utf-8")
    for fmt in ("text", "json", "sarif", "html"):
        report = tmp_path / f"report.{fmt}"
        result = runner.invoke(app, ["lint", "--isolated", "-f", fmt, "-o", str(report),
                                     str(tmp_path / name)])
        assert result.exit_code == 1, result.output
        written = report.read_bytes()  # raw in text and HTML, escaped in JSON, %E9 in SARIF
        assert b"caf\xe9.txt" in written or b"caf\\udce9.txt" in written or \
            b"caf%E9.txt" in written
    sarif = (tmp_path / "report.sarif").read_text(encoding="utf-8", errors="replace")
    assert "caf%E9.txt" in sarif


def test_a_file_name_that_is_not_utf8_on_a_strict_stdout(tmp_path: Path) -> None:
    import subprocess
    import sys

    name = os.fsencode(tmp_path) + b"/caf\xe9.txt"
    Path(os.fsdecode(name)).write_text("He said (dpa\n", encoding="utf-8")
    env = {**os.environ, "PYTHONIOENCODING": "utf-8:strict", "PYTHONUTF8": "0"}
    for fmt in ("text", "jsonl"):
        done = subprocess.run([sys.executable, "-m", "termcheck", "lint", "--isolated", "-f", fmt,
                               os.fsdecode(name)], capture_output=True, env=env,
                              cwd=Path(__file__).resolve().parents[1])
        assert done.returncode == 1 and b"Traceback" not in done.stderr
        assert (b"caf\\udce9.txt" if fmt == "jsonl" else b"caf\xe9.txt") in done.stdout


def score(*args: str):
    result = runner.invoke(app, ["score", *args])
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    return result


def test_score_refuses_what_it_cannot_score_in_one_line(tmp_path: Path) -> None:
    empty, hyp = tmp_path / "empty.txt", tmp_path / "hyp.txt"
    empty.write_text("")
    hyp.write_text("one line\nanother line\n")
    utf16 = tmp_path / "utf16.txt"
    utf16.write_bytes("one line\n".encode("utf-16-le"))
    surrogate = tmp_path / "hyp.jsonl"
    surrogate.write_text('"fine"\n"bad \\ud800"\n')
    cases = [
        (["--hyp", str(empty), "--ref", str(empty)], "no segments to score"),
        (["--hyp", str(hyp), "--ref", str(hyp), "--tokenize", "klingon"],
         "unknown BLEU tokenizer 'klingon'; choose from none, zh, 13a"),
        (["--hyp", str(hyp), "--lang", "x y"], "--lang must be a language code"),
        (["--hyp", str(hyp), "--ref", str(hyp), "--metrics", ","], "--metrics names no metric"),
        (["--hyp", str(utf16)], f"{utf16}:1: binary file (NUL bytes)"),
        (["--hyp", str(tmp_path)], f"{tmp_path}: is a directory, not a file"),
        (["--hyp", str(surrogate)], f"{surrogate}: line 2: lone surrogate \\ud800"),
        (["--hyp", str(hyp), "-o", str(tmp_path)], f"{tmp_path}: is a directory"),
    ]
    for args, message in cases:
        result = score(*args)
        assert result.exit_code == 2, (args, result.output)
        assert f"termcheck: error: {message}" in result.output


def test_clean_reports_that_cannot_be_written_are_one_line_errors(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("He said (dpa\n")
    for option in ("--report", "--report-html"):
        result = runner.invoke(app, ["clean", "--isolated", "--out", str(tmp_path / "out"),
                                     option, str(tmp_path), str(tmp_path / "a.txt")])
        assert result.exit_code == 2 and "Traceback" not in result.output
        assert f"termcheck: error: {tmp_path}: is a directory, not a file to write" \
            in result.output


@pytest.mark.parametrize(("name", "content", "message"), [
    ("termcheck.toml", 'glossaries = ["ok.tsv", 1]\n',
     ":1: 'glossaries' must be a list of file names (strings)"),
    ("termcheck.toml", 'boilerplate = [{x = 1}]\n',
     ":1: 'boilerplate' must be a list of file names (strings)"),
    ("termcheck.toml", 'lang = "en"\n[options]\nbogus = 1\n',
     ":3: unknown option 'bogus'; known: boilerplate-cta-words, boilerplate-threshold, "
     "french-spacing, quote-conventions, repeated-line-min-docs, straight-quotes"),
    ("termcheck.toml", '[options]\nrepeated-line-min-docs = "five"\n',
     ":2: option 'repeated-line-min-docs' must be a positive integer, not 'five'"),
    ("termcheck.toml", 'per-file-ignores = {"*.txt" = "BR"}\n',
     ":1: per-file-ignores '*.txt' must be a list of rule codes or names"),
    ("pyproject.toml", '[tool]\ntermcheck = 5\n', ":2: [tool.termcheck] must be a table, not int"),
    ("pyproject.toml", '[tool.termcheck]\nlang = "en"\nlnag = "de"\n',
     ":3: unknown setting [tool.termcheck] 'lnag'; known: boilerplate, extend-select, "
     "glossaries, ignore, ignore-file, lang, lid, options, per-file-ignores, select, "
     "source-lang, target-lang"),
])
def test_malformed_config_values_name_file_and_line(tmp_path: Path, name: str, content: str,
                                                    message: str) -> None:
    (tmp_path / name).write_text(content)
    (tmp_path / "a.txt").write_text("text\n")
    result = runner.invoke(app, ["lint", "--config", str(tmp_path / name), str(tmp_path / "a.txt")])
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert result.output.strip() == f"termcheck: error: {tmp_path / name}{message}"


def test_a_pyproject_whose_tool_is_not_a_table_is_no_configuration(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('tool = 5\n')
    (tmp_path / "a.txt").write_text("text\n")
    result = runner.invoke(app, ["lint", "--config", str(tmp_path / "pyproject.toml"),
                                 str(tmp_path / "a.txt")])
    assert result.exit_code == 0 and "All clear" in result.output


def test_a_missing_or_malformed_glossary_stops_the_run_with_one_line(tmp_path: Path) -> None:
    """Every document would fail alike: one error naming the file (and line), exit status 2."""
    (tmp_path / "a.txt").write_text("He said (dpa\n")
    (tmp_path / "b.txt").write_text("Another text.\n")
    header = tmp_path / "terms.tsv"
    header.write_text("concept\tlang\nx\ten\n")
    xxe = tmp_path / "terms.tbx"
    xxe.write_text('<?xml version="1.0"?>\n<!DOCTYPE tbx [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
                   '\n<tbx>&x;</tbx>\n')
    for data, message in [
            (tmp_path / "nope.tsv", f"{tmp_path / 'nope.tsv'}: cannot read data file"),
            (header, f"{header}:1: missing column(s) term, status, note"),
            (xxe, f"{xxe}:2: unsafe XML refused")]:
        for command in (["lint"], ["lint", "--fix"], ["clean", "--out", str(tmp_path / "out")]):
            result = runner.invoke(app, [*command, "--isolated", "--glossary", str(data),
                                         str(tmp_path / "a.txt"), str(tmp_path / "b.txt")])
            assert result.exit_code == 2, (command, result.output)
            assert result.output.startswith(f"termcheck: error: {message}")
            assert result.output.count("\n") == 1
    assert (tmp_path / "a.txt").read_text() == "He said (dpa\n"


def test_the_api_raises_data_errors_instead_of_dropping_them(tmp_path: Path) -> None:
    from termcheck.api import fix_text, lint_text

    with pytest.raises(DataError, match=r"nope.tsv: cannot read data file"):
        lint_text("He said (dpa", Config(glossaries=(tmp_path / "nope.tsv",)))
    with pytest.raises(TypeError, match="lint_text takes a str, not bytes; decode bytes with"):
        lint_text(b"He said (dpa")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="fix_text takes a str, not NoneType"):
        fix_text(None)  # type: ignore[arg-type]


def test_usage_errors_are_caught_before_anything_is_read(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    cases = [
        (["lint", "--encoding", "klingon", str(empty)], "--encoding: unknown encoding 'klingon'"),
        (["lint", "--encoding", "base64", str(empty)], "--encoding: unknown encoding 'base64'"),
        (["clean", "--out", str(tmp_path / "o"), "--encoding", "rot13", str(empty)],
         "--encoding: unknown encoding 'rot13'"),
        (["lint", "--scheduler", "tcp://x:1", str(empty)], "--scheduler needs --engine dask"),
        (["lint", "--source", str(tmp_path / "nope"), str(tmp_path)],
         f"{tmp_path / 'nope'}: no such file or directory"),
        (["rules", "--format", "xml"], "unknown format 'xml'; choose from text, json"),
        (["lint", "--select", "", str(empty)], "--select needs at least one rule code or name"),
    ]
    for args, message in cases:
        result = runner.invoke(app, args)
        assert result.exit_code == 2, (args, result.output)
        assert result.output.startswith(f"termcheck: error: {message}"), result.output
    with pytest.raises(InputError, match="unknown encoding 'klingon'"):
        Document.from_bytes(b"", "x.txt", encoding="klingon")
    with pytest.raises(InputError, match="unknown decoding error handler 'bogus'"):
        Document.from_bytes(b"caf\xe9", "x.txt", errors="bogus")


def test_utf16_without_bom_is_skipped_with_a_hint(tmp_path: Path) -> None:
    for codec in ("utf-16-le", "utf-16-be"):
        file = tmp_path / f"{codec}.txt"
        file.write_bytes("Hallo (Welt\n".encode(codec))
        result = lint(str(file))
        assert result.exit_code == 2
        assert f"{file}: TC-BINARY binary file (NUL bytes), skipped; it looks like {codec} " \
            f"without a BOM: use --encoding {codec}" in result.output
        assert lint("--encoding", codec, str(file)).exit_code == 1


def test_glossary_suggest_says_when_inputs_were_skipped(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Alexei Navalny spoke. Alexey Navalny left.\n")
    (tmp_path / "b.txt").write_bytes(b"\x00\x01binary")
    result = runner.invoke(app, ["glossary", "suggest", str(tmp_path)])
    assert result.exit_code == 1
    assert "TC-BINARY" in result.output and "1 input(s) skipped" in result.output


def test_paths_that_cannot_be_looked_up_are_unreadable_inputs(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """As /proc/1/cwd is in a container: even stat() is denied, for the path or a dir entry."""
    import termcheck.corpus.sources as sources

    (tmp_path / "ok.txt").write_text("He said (dpa\n")
    (tmp_path / "locked.txt").write_text("text\n")
    original_stat, original_scandir = Path.stat, os.scandir

    def stat(self: Path, **kwargs: object) -> os.stat_result:
        if self.name.startswith("locked"):
            raise PermissionError(13, "Permission denied", str(self))
        return original_stat(self, **kwargs)

    class Denied:
        def __init__(self, entry: os.DirEntry) -> None:
            self.name, self.path, self._entry = entry.name, entry.path, entry

        def is_dir(self) -> bool:
            self._deny()
            return self._entry.is_dir()

        def is_file(self) -> bool:
            self._deny()
            return self._entry.is_file()

        def is_symlink(self) -> bool:
            self._deny()
            return self._entry.is_symlink()

        def _deny(self) -> None:
            if self.name.startswith("locked"):
                raise PermissionError(13, "Permission denied", self.path)

    monkeypatch.setattr(Path, "stat", stat)
    monkeypatch.setattr(sources.os, "scandir",
                        lambda path: [Denied(e) for e in original_scandir(path)])
    result = lint(str(tmp_path / "locked.txt"))
    assert result.exit_code == 2
    assert f"{tmp_path / 'locked.txt'}: TC-UNREADABLE permission denied" in result.output
    walked = runner.invoke(app, ["lint", "--select", "BR", str(tmp_path)])
    assert walked.exit_code == 1 and "<stdout>" not in walked.output
    assert f"{tmp_path / 'locked.txt'}: TC-UNREADABLE permission denied" in walked.output
    assert "ok.txt:1:9: BR001" in walked.output


def test_an_error_while_streaming_is_not_called_a_stdout_error() -> None:
    from termcheck.cli import output_writer

    with pytest.raises(PermissionError), output_writer(None) as write:
        write("first line\n")
        raise PermissionError(13, "Permission denied", "/corpus/x.txt")


@pytest.mark.parametrize(("settings", "message"), [
    ({"select": "BR"}, "Config.select must be a tuple of rule codes or names, not 'BR'"),
    ({"ignore": ("QT01",)}, "Config.ignore: unknown rule code or name: QT01"),
    ({"lang": "english"}, "Config.lang must be a language code such as en or de"),
    ({"lid": "fasttext"}, "Config.lid must be langdetect or lingua, not 'fasttext'"),
])
def test_a_config_built_in_code_is_checked_like_a_file(settings: dict, message: str) -> None:
    """A typo would otherwise check nothing (or the wrong thing) without a word."""
    from termcheck.errors import ConfigError

    with pytest.raises(ConfigError, match=message):
        Config(**settings)


def test_a_list_of_codes_in_code_is_taken_as_a_tuple() -> None:
    from termcheck.api import lint_text

    config = Config(ignore=["QT001"])  # type: ignore[arg-type]
    assert config.ignore == ("QT001",)
    assert [f.code for f in lint_text("He said (dpa", config)] == ["BR001"]


def test_one_path_given_alone_is_one_input_not_its_characters(tmp_path: Path) -> None:
    from termcheck.api import lint_paths
    from termcheck.clean import fix_paths

    file = tmp_path / "a.txt"
    file.write_text("He said (dpa\n")
    for given in (str(file), file):
        report = lint_paths(given, Config(select=("BR",)))
        assert report.files_checked == 1 and [f.path for f in report.findings] == [str(file)]
        assert fix_paths(given, Config(select=("BR",)), write=False).files_checked == 1


def test_tbx_with_a_duplicate_concept_id_names_both_lines(tmp_path: Path) -> None:
    from termcheck.glossary import load_glossary

    tbx = tmp_path / "terms.tbx"
    entry = ('<conceptEntry id="c1"><langSec xml:lang="en"><termSec><term>{}</term></termSec>'
             '</langSec></conceptEntry>\n')
    tbx.write_text("<tbx><text><body>\n" + entry.format("Kyiv") + entry.format("Kiev") +
                   "</body></text></tbx>\n")
    with pytest.raises(DataError, match=r"terms.tbx:3: duplicate concept id 'c1' \(first at "
                                        r"line 2\)"):
        load_glossary(tbx)


def test_a_term_xml_cannot_carry_is_refused_before_writing_tbx(tmp_path: Path) -> None:
    table = tmp_path / "terms.tsv"
    table.write_text("concept\tlang\tterm\tstatus\tnote\nc1\ten\tKyiv\x01\tpreferred\t\n")
    result = runner.invoke(app, ["glossary", "convert", str(table), str(tmp_path / "t.tbx")])
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert "U+0001 cannot be written in XML" in result.output
    assert not (tmp_path / "t.tbx").exists()


@pytest.mark.parametrize(("content", "message"), [
    ('{"version": 1, "entries": 5}', "'entries' must be a list, not int"),
    ('{"version": 1, "entries": [5]}',
     "1: entry 1 must be an object with path, code and matched"),
    ('{"version": 1, "entries": [{"path": "a", "code": "BR001", "matched": "(", '
     '"count": 1e400}]}', "1: entry 1 needs a positive integer 'count', not Infinity"),
    ('{"version": 1,\n "entries": [\n  {"path": "a", "code": "BR001", "matched": "("},\n'
     '  {"path": "a", "code": "BR001", "matched": "(", "count": -1}\n ]\n}',
     "4: entry 2 needs a positive integer 'count', not -1"),
    ('{"version": 1, "entries": [{"path": "a", "code": "BR001", "matched": "(", '
     '"count": true}]}', "1: entry 1 needs a positive integer 'count', not true"),
    ('{"version": 1, "entries": [{"path": "a", "code": "BR001", "matched": "(", '
     '"count": 1.5}]}', "1: entry 1 needs a positive integer 'count', not 1.5"),
    ('{"version": 1, "entries": [\n\n{"path": 7, "code": "BR001", "matched": "("}]}',
     "3: entry 1 needs a string 'path', not 7"),
    ('{"version": 1, "entries": [{"path": "a", "matched": "("}]}',
     "1: entry 1 needs a string 'code', not null"),
    ('{"version": 1,\n"entries": [', "2: not a JSON baseline (Expecting value)"),
])
def test_a_malformed_baseline_is_one_line(tmp_path: Path, content: str, message: str) -> None:
    (tmp_path / "a.txt").write_text("He said (dpa\n")
    baseline = tmp_path / "baseline.json"
    baseline.write_text(content)
    result = lint("--baseline", str(baseline), str(tmp_path / "a.txt"))
    assert result.exit_code == 2
    separator = ":" if message[0].isdigit() else ": "  # file:line: where there is a line
    assert result.output == f"termcheck: error: {baseline}{separator}{message}\n"


def test_a_csv_glossary_with_a_broken_quote_names_the_line(tmp_path: Path) -> None:
    from termcheck.glossary import load_glossary

    table = tmp_path / "terms.csv"
    table.write_text('concept,lang,term,status,note\nc1,en,Kyiv,preferred,\n"c2,en,Kiev\n')
    with pytest.raises(DataError, match=r"terms.csv:3: invalid CSV: unexpected end of data"):
        load_glossary(table)


def test_fix_goes_on_past_a_file_it_cannot_write(tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """A read-only directory (chattr +i, a read-only mount): that file is a problem, not the run."""
    import termcheck.clean as clean_module

    for name in ("locked", "open"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "a.txt").write_text("He said  hello.\n")
    original = clean_module.atomic_write_bytes

    def write(path: Path, data: bytes) -> None:
        if path.parent.name == "locked":
            raise TermcheckError("cannot write: Operation not permitted", str(path),
                                 code="TC-OUTPUT")
        original(path, data)

    monkeypatch.setattr(clean_module, "atomic_write_bytes", write)
    locked, unlocked = tmp_path / "locked" / "a.txt", tmp_path / "open" / "a.txt"
    result = runner.invoke(app, ["lint", "--isolated", "--fix", str(locked), str(unlocked)])
    assert result.exit_code == 1
    assert f"{locked}: TC-NOT-WRITTEN cannot write: Operation not permitted: not rewritten" \
        in result.output
    assert "Fixed 1 span(s) in 1 file(s)." in result.output
    assert unlocked.read_text() == "He said hello.\n" and locked.read_text() == "He said  hello.\n"


def test_an_output_that_would_replace_an_input_is_refused(tmp_path: Path) -> None:
    """Before: the input was left out ("All clear: 0 file(s)", exit 0) and overwritten."""
    text = tmp_path / "a.txt"
    text.write_text("He said (dpa\n")
    link = tmp_path / "link.txt"
    link.symlink_to(text)
    cases = [
        (["lint", str(text), "-o", str(text)], f"--output {text}"),
        (["lint", str(link), "-o", str(text)], f"--output {text}"),
        (["lint", str(text), "--write-baseline", str(text)], f"--write-baseline {text}"),
        (["clean", "--out", str(tmp_path / "out"), str(text), "--report", str(text)],
         f"--report {text}"),
        (["score", "--hyp", str(text), "-o", str(text)], f"--output {text}"),
        (["glossary", "suggest", str(text), "-o", str(text)], f"--output {text}"),
    ]
    for args, option in cases:
        result = runner.invoke(app, args)
        assert result.exit_code == 2, (args, result.output)
        assert result.output == f"termcheck: error: {option} is also an input; choose another " \
            "file\n"
    assert text.read_text() == "He said (dpa\n"


def test_a_glossary_draft_stays_a_valid_table_whatever_the_file_names(tmp_path: Path) -> None:
    from termcheck.glossary import load_glossary

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for number in range(3):
        (corpus / f"a{number}.txt").write_text(f"Then minister Sergey Volkov spoke ({number}).\n")
    (corpus / "tab\there.txt").write_text("Then minister Sergei Volkov left.\n")
    draft = tmp_path / "draft.tsv"
    result = runner.invoke(app, ["glossary", "suggest", str(corpus), "--domain", "per\tson",
                                 "-o", str(draft)])
    assert result.exit_code == 0, result.output
    assert {term.text for term in load_glossary(draft).terms("en")} >= {"Sergey", "Sergei"}
    bad_lang = runner.invoke(app, ["glossary", "suggest", str(corpus), "--lang", "x y"])
    assert bad_lang.exit_code == 2 and "--lang must be a language code" in bad_lang.output


def test_runs_of_quote_marks_are_skipped_in_one_step_with_the_same_answers() -> None:
    """A paragraph of 200,000 quote marks used to take hours (each mark scanned the run again);
    the run helpers must agree with that scan (time: benchmarks/long_line.py --unit '"')."""
    import random

    from termcheck import quoting

    def scan_neighbour(text: str, i: int, step: int) -> str:
        j = i + step
        while 0 <= j < len(text) and text[j] in quoting._NOT_NEIGHBOURS:
            j += step
        return text[j] if 0 <= j < len(text) else ""

    def scan_edge(text: str, i: int, step: int) -> bool:
        j = i + step
        while 0 <= j < len(text) and text[j] in quoting._EDGE_SKIP:
            j += step
        return not 0 <= j < len(text)

    alphabet = [*quoting.QUOTE_CHARS, " ", "\u00a0", "a", ".", "\n"]
    generator = random.Random(7)
    for _ in range(3000):
        text = "".join(generator.choice(alphabet) for _ in range(generator.randint(1, 12)))
        for i in range(len(text)):
            for step in (-1, 1):
                assert quoting._neighbour(text, i, step) == scan_neighbour(text, i, step)
                assert quoting._at_edge(text, i, step) == scan_edge(text, i, step)


def test_a_paragraph_of_opening_marks_keeps_a_bounded_stack() -> None:
    """„„„„… (100,000 of them) made every mark scan every open one: hours. Past MAX_OPEN open
    quotations the oldest is reported unclosed, so the work per mark stays bounded."""
    from termcheck.quoting import MAX_OPEN

    text = "„" * (MAX_OPEN + 5) + " Er sagte „ja“."
    findings = check_document(Document(text, "x.txt"), Config(select=("QT001",), lang="de"))
    assert [f.code for f in findings.findings] == ["QT001"] * (MAX_OPEN + 5)
    assert not findings.problems


def test_a_jsonl_output_that_cannot_be_created_names_itself(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import tempfile

    (tmp_path / "a.txt").write_text("He said (dpa\n")

    def denied(*args: object, **kwargs: object) -> tuple[int, str]:
        raise PermissionError(1, "Operation not permitted")

    monkeypatch.setattr(tempfile, "mkstemp", denied)
    out = tmp_path / "out"
    result = runner.invoke(app, ["clean", "--isolated", "-f", "jsonl", "--out", str(out),
                                 str(tmp_path / "a.txt")])
    assert result.exit_code == 2
    assert f"termcheck: error: {out / 'documents.jsonl'}: cannot write: Operation not " \
        "permitted" in result.output


def test_a_glossary_behind_a_broken_link_is_named_as_given(tmp_path: Path) -> None:
    link = tmp_path / "terms.tsv"
    link.symlink_to(tmp_path / "gone.tsv")
    (tmp_path / "a.txt").write_text("text\n")
    result = lint("--glossary", str(link), str(tmp_path / "a.txt"))
    assert result.exit_code == 2
    assert result.output == f"termcheck: error: {link}: cannot read data file: broken symbolic " \
        "link\n"


def test_public_functions_take_str_paths_too(tmp_path: Path) -> None:
    from termcheck import CleanOptions, clean_paths, load_config_file

    (tmp_path / "termcheck.toml").write_text('lang = "de"\n')
    (tmp_path / "a.txt").write_text("Text.\n")
    assert load_config_file(str(tmp_path / "termcheck.toml")).lang == "de"
    report = clean_paths([str(tmp_path / "a.txt")], CleanOptions(str(tmp_path / "out")))
    assert report.documents_written == 1 and (tmp_path / "out" / "a.txt").is_file()


def test_deeply_nested_json_is_a_clear_problem_not_a_recursion_error(tmp_path: Path) -> None:
    def nested(depth: int) -> str:
        return "[" * depth + "]" * depth

    (tmp_path / "a.txt").write_text("He said (dpa\n")
    corpus = tmp_path / "news.jsonl"
    corpus.write_text(f'{{"text": "a", "x": {nested(100_000)}}}\n'
                      f'{{"text": "b", "x": {nested(150)}}}\n'
                      f'{{"text": "c (d", "x": {nested(20)}}}\n')
    result = lint(str(corpus))
    assert result.exit_code == 1
    assert f"{corpus}:1: TC-JSONL invalid JSON: nested too deeply" in result.output
    assert f"{corpus}:2: TC-JSONL nested more than 100 levels deep" in result.output
    assert "news.jsonl#3:1:3: BR001" in result.output
    profile = tmp_path / "profile.json"
    profile.write_text(f'{{"format": "termcheck-profile", "version": 1, "rules": '
                       f'{nested(100_000)}}}')
    baseline = tmp_path / "baseline.json"
    baseline.write_text(f'{{"version": 1, "entries": {nested(100_000)}}}')
    for args, message in [
            (["--select", "ALL", "--profile", str(profile)], "invalid profile JSON: nested too"),
            (["--baseline", str(baseline)], "not a JSON baseline")]:
        failed = lint(*args, str(tmp_path / "a.txt"))
        assert failed.exit_code == 2 and message in failed.output
    scored = score("--hyp", str(corpus))
    assert scored.exit_code == 2 and "line 1: not JSON (nested too deeply)" in scored.output


def test_deeply_nested_toml_is_a_clear_error(tmp_path: Path) -> None:
    config = tmp_path / "termcheck.toml"
    config.write_text("select = " + "[" * 5000 + "]" * 5000 + "\n")
    (tmp_path / "a.txt").write_text("text\n")
    result = runner.invoke(app, ["lint", str(tmp_path / "a.txt")])
    assert result.exit_code == 2
    assert result.output == f"termcheck: error: {config}: invalid TOML: nested too deeply\n"


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero")
def test_a_device_as_a_data_file_is_refused_not_read_for_ever(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("text\n")
    for option in ("--glossary", "--boilerplate", "--baseline"):
        result = lint(option, "/dev/zero", str(tmp_path / "a.txt"))
        assert result.exit_code == 2
        assert result.output == "termcheck: error: /dev/zero: a device, not a data file\n"


def test_a_codec_that_cannot_read_files_is_one_line_not_a_traceback(tmp_path: Path) -> None:
    """idna and punycode are text codecs, but not for articles: idna takes no error handler
    but strict, punycode raises a bare UnicodeError on ordinary text."""
    article = tmp_path / "a.txt"
    article.write_text("The agency said so.\n")
    refused = lint("--encoding", "idna", "--encoding-errors", "replace", str(article))
    assert refused.exit_code == 2
    assert refused.output == ("termcheck: error: --encoding idna does not take "
                              "--encoding-errors replace; use strict\n")
    skipped = lint("--encoding", "punycode", str(article))
    assert skipped.exit_code == 2
    assert f"{article}: TC-DECODE not valid punycode: " in skipped.output
    with pytest.raises(InputError, match="not valid punycode"):
        Document.from_bytes(b"The agency said so.", "a.txt", encoding="punycode")


def test_a_profile_with_malformed_name_statistics_is_one_line(tmp_path: Path) -> None:
    """NM002's statistics in a saved profile are read back like the other rules': a value of
    the wrong shape is an error naming the profile, not a traceback in the check."""
    article = tmp_path / "a.txt"
    article.write_text("Alexei Navalny spoke. Alexey Navalny left.\n")
    profile = tmp_path / "profile.json"
    assert lint("--select", "NM002", "--profile", str(profile), str(article)).exit_code in (0, 1)
    saved = profile.read_text()
    for broken in ('{"__dict__": [[5, 1]]}',  # a count whose key is not (key, spelling, initial)
                   '{"__dict__": [[{"__tuple__": ["k", "K"]}, 1]]}',
                   '{"__dict__": [[{"__tuple__": ["k", "K", false]}, "one"]]}'):
        data = json.loads(saved)
        data["rules"]["NM002"]["__tuple__"][0] = json.loads(broken)
        profile.write_text(json.dumps(data))
        result = lint("--select", "NM002", "--profile", str(profile), str(article))
        assert result.exit_code == 2, broken
        assert result.output.startswith(f"termcheck: error: {profile}: profile does not fit "
                                        "the rules of this version: bad NM002 statistics")


def test_a_broken_link_found_in_a_folder_is_reported_as_when_named(tmp_path: Path) -> None:
    """Before: a dangling `*.txt` link in a walked folder was left out without a word."""
    (tmp_path / "a.txt").write_text("He said (dpa\n")
    (tmp_path / "gone.txt").symlink_to(tmp_path / "moved-away.txt")
    (tmp_path / "gone.png").symlink_to(tmp_path / "moved-away.png")  # not an article: silent
    result = lint(str(tmp_path))
    assert result.exit_code == 1
    assert f"{tmp_path / 'gone.txt'}: TC-NOT-FOUND broken symbolic link" in result.output
    assert "gone.png" not in result.output and "a.txt:1:9: BR001" in result.output


def test_a_skipped_input_is_not_told_to_choose_other_extensions(tmp_path: Path) -> None:
    """Before: `lint photo.txt` (binary) printed its problem, then a warning that directories
    are searched for *.txt ... as if the file had not been found."""
    binary = tmp_path / "photo.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    for options in ([], ["-f", "json"], ["--statistics"], ["--write-baseline",
                                                          str(tmp_path / "b.json")]):
        result = lint(*options, str(binary))
        assert "TC-BINARY" in result.output and "--extension" not in result.output, options
    empty = tmp_path / "empty"
    empty.mkdir()
    assert "choose others with --extension" in lint(str(empty)).output


def test_clean_refuses_standard_input_in_one_line_and_creates_nothing(tmp_path: Path) -> None:
    """Before: `clean - --out o` reported '-: TC-NOT-FOUND no such file or directory' and left
    an empty output folder behind."""
    result = runner.invoke(app, ["clean", "-", "--out", str(tmp_path / "o")],
                           input="He said (dpa\n")
    assert result.exit_code == 2
    assert result.output == ("termcheck: error: clean writes files into --out, it does not read "
                             "standard input ('-'); 'termcheck lint --fix -' writes one fixed "
                             "text to standard output\n")
    assert not (tmp_path / "o").exists()


def test_a_source_that_is_the_target_itself_is_refused(tmp_path: Path) -> None:
    """Before: `lint --source out out` checked every file against itself and reported each
    segment as untranslated (BL003)."""
    (tmp_path / "a.txt").write_text("The minister spoke on Monday about the budget.\n")
    (tmp_path / "sub").mkdir()
    for source, target in ((tmp_path, tmp_path), (tmp_path / "a.txt", tmp_path / "a.txt"),
                           (tmp_path / "sub" / "..", tmp_path)):
        result = runner.invoke(app, ["lint", "--source", str(source), str(target)])
        assert result.exit_code == 2
        assert result.output.startswith(f"termcheck: error: --source {source} is the target "
                                        f"{target} itself"), result.output


def test_a_glossary_term_in_no_language_names_its_line(tmp_path: Path) -> None:
    """Before: a typo in the lang column (`eng.`, `english`) loaded without a word, and the
    term never matched anything; `glossary check` said 0 problems."""
    table = tmp_path / "terms.tsv"
    table.write_text("concept\tlang\tterm\tstatus\tnote\n"
                     "kyiv\ten\tKyiv\tpreferred\t\n"
                     "kyiv\tenglish!\tKiev\tforbidden\t\n"
                     "kyiv\t*\tKyiv\tadmitted\t\n")
    checked = runner.invoke(app, ["glossary", "check", str(table)])
    assert checked.exit_code == 1
    assert (f"{table}:3: lang must be a language code such as en or de (or *), not 'english!'"
            in checked.output)
    (tmp_path / "a.txt").write_text("He spoke in Kiev.\n")
    linted = lint("--glossary", str(table), str(tmp_path / "a.txt"))
    assert linted.exit_code == 2 and linted.output.startswith(f"termcheck: error: {table}:3: ")
    tbx = tmp_path / "terms.tbx"
    tbx.write_text('<?xml version="1.0"?>\n<tbx type="TBX-Basic" style="dca" xml:lang="en" '
                   'xmlns="urn:iso:std:iso:30042:ed-2"><text><body>\n'
                   '<conceptEntry id="kyiv">\n<langSec xml:lang="en gb">\n'
                   '<termSec><term>Kyiv</term></termSec></langSec></conceptEntry>\n'
                   '</body></text></tbx>\n')
    with pytest.raises(DataError, match=r"terms.tbx:4: lang must be a language code"):
        from termcheck.glossary import load_glossary

        load_glossary(tbx)
