"""`termcheck lint --fix / --unsafe-fixes / --diff` and the fix loop's guarantees."""

from __future__ import annotations

import os
from pathlib import Path

from typer.testing import CliRunner

from termcheck.cli import app
from termcheck.config import Config
from termcheck.document import Document
from termcheck.engine import allow_applicability, fix_document
from termcheck.model import Fix, Hit
from termcheck.rules.registry import Rule, RuleSelection

runner = CliRunner()
BROKEN = "Troops arrive\n\nKazakhstanâ€™s presi\u00addent asked for help.\n"
FIXED = "Troops arrive\n\nKazakhstan’s president asked for help.\n"


def lint(*args: str) -> object:
    return runner.invoke(app, ["lint", "--isolated", *args])


def test_fix_rewrites_changed_files_and_leaves_the_others_byte_identical(tmp_path: Path) -> None:
    broken = tmp_path / "broken.txt"
    broken.write_bytes(b"\xef\xbb\xbf" + BROKEN.replace("\n", "\r\n").encode("utf-8"))
    untouched = tmp_path / "fine.txt"
    untouched.write_bytes(b"Fine text\r\nwithout final newline")
    os.utime(untouched, (1_000_000, 1_000_000))
    result = lint("--fix", str(tmp_path))
    assert result.exit_code == 0, result.output
    assert "Fixed 2 span(s) in 1 file(s)." in result.output
    assert broken.read_bytes() == b"\xef\xbb\xbf" + FIXED.replace("\n", "\r\n").encode("utf-8")
    assert untouched.read_bytes() == b"Fine text\r\nwithout final newline"
    assert untouched.stat().st_mtime == 1_000_000  # not even rewritten


def test_fix_keeps_a_legacy_encoding(tmp_path: Path) -> None:
    path = tmp_path / "latin1.txt"
    path.write_bytes("Caf\u00e9 Almaty:\x07 open again.\n".encode("latin-1"))
    result = lint("--fix", "--encoding", "latin-1", str(path))
    assert result.exit_code == 0, result.output
    assert path.read_bytes() == "Caf\u00e9 Almaty: open again.\n".encode("latin-1")


def test_diff_prints_a_unified_diff_and_writes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(BROKEN, encoding="utf-8")
    result = lint("--diff", str(path))
    assert result.exit_code == 1
    assert f"--- {path}\n+++ {path}\n" in result.output
    assert "-Kazakhstanâ€™s presi\u00addent asked for help.\n" in result.output
    assert "+Kazakhstan’s president asked for help.\n" in result.output
    assert path.read_text(encoding="utf-8") == BROKEN


def test_quiet_fix_and_diff_print_the_findings_left_but_no_summary_lines(tmp_path: Path) -> None:
    for i in range(5):  # a line repeated on every page: BP100, whose removal is unsafe
        (tmp_path / f"{i}.txt").write_text(f"Title {i}\nBody {i}.\nLeave a Comment here\n")
    path = tmp_path / "a.txt"
    path.write_text(BROKEN, encoding="utf-8")
    diff = lint("--diff", "-q", str(tmp_path))
    assert "+Kazakhstan’s president asked for help.\n" in diff.output
    assert "Would fix" not in diff.output
    fixed = lint("--fix", "-q", str(tmp_path))
    assert "BP100" in fixed.output  # the findings left are still reported
    assert "Fixed" not in fixed.output and "Found" not in fixed.output
    assert path.read_text(encoding="utf-8") == FIXED


def test_unsafe_fixes_are_applied_only_when_asked(tmp_path: Path) -> None:
    for i in range(5):
        (tmp_path / f"{i}.txt").write_text(f"Title {i}\nBody {i}.\nLeave a Comment here\n")
    lint("--fix", str(tmp_path))
    assert (tmp_path / "0.txt").read_text() == "Title 0\nBody 0.\nLeave a Comment here\n"
    lint("--fix", "--unsafe-fixes", str(tmp_path))
    assert (tmp_path / "0.txt").read_text() == "Title 0\nBody 0.\n"


def toggle(doc: Document, ctx: object) -> list[Hit]:
    """A rule whose fix turns 'a' into 'b' and 'b' back into 'a'."""
    other = {"a": "b", "b": "a"}[doc.text]
    return [Hit(0, 1, "toggle", Fix.replace(0, 1, other, "toggle"))]


def test_oscillating_fixes_are_reported_not_looped(monkeypatch) -> None:
    rule = Rule("XX001", "toggle", "spacing", "warning", "Fluency/Other", toggle, "doc")
    monkeypatch.setattr("termcheck.engine.rules_for",
                        lambda config, path=None: RuleSelection((rule,)))
    result = fix_document(Document("a"), Config(), allow_applicability())
    assert not result.converged
    assert [p.code for p in result.problems] == ["TC-FIX-OSCILLATION"]
    assert result.rounds == 2


def test_mojibake_is_repaired_before_other_rules_judge_the_text() -> None:
    # "â€“" holds a "“": read as a quote, QT003 would delete the space after the dash.
    broken = "The alliance â€“ led by Moscow â€“ sent troops.\n"
    result = fix_document(Document(broken), Config(lang="en"), allow_applicability())
    assert result.text == "The alliance – led by Moscow – sent troops.\n"
    assert {code for change in result.ledger for code in change.codes} == {"EN001"}


def test_a_rule_whose_corpus_collect_fails_does_not_stop_the_run(monkeypatch) -> None:
    from termcheck.engine import check_document
    from termcheck.rules.registry import CorpusHooks

    def broken(doc: Document, ctx: object) -> None:
        raise IndexError("boom")

    hooks = CorpusHooks(broken, lambda a, b: a, dict)
    rule = Rule("XX002", "corpus", "names", "warning", "Fluency/Other", toggle, "doc",
                corpus=hooks)
    monkeypatch.setattr("termcheck.engine.rules_for",
                        lambda config, path=None: RuleSelection((rule,)))
    result = check_document(Document("a"), Config())
    assert [f.code for f in result.findings] == ["XX002"]


def test_jsonl_is_checked_not_fixed_in_place_and_a_note_says_how_to_clean_it(
        tmp_path: Path) -> None:
    """Named or found in a folder, a JSONL file's records are checked as ``lint`` checks them,
    their findings reported unfixed, the file left as it is; one note names the command that
    writes cleaned JSONL."""
    (tmp_path / "c.jsonl").write_text('{"text": "Toka\\u00adyev"}\n{"text": "Toka\\u00adyev"}\n')
    (tmp_path / "d.ndjson").write_text('{"text": "Toka\\u00adyev"}\n')
    (tmp_path / "a.txt").write_text(BROKEN, encoding="utf-8")
    before = {path: path.read_bytes() for path in tmp_path.glob("*json*")}
    for args in ([str(tmp_path)], [str(tmp_path / "c.jsonl"), str(tmp_path / "d.ndjson")]):
        result = lint("--fix", "--select", "EN", *args)
        assert result.exit_code == 1, result.output
        assert f"{tmp_path / 'c.jsonl'}#2:1:5: EN002" in result.output
        assert f"{tmp_path / 'd.ndjson'}#1:1:5: EN002" in result.output
        assert result.output.count("termcheck: note: 2 JSONL file(s) checked, not fixed in "
                                   "place") == 1
        assert "'termcheck clean INPUT... --out DIR' writes them cleaned" in result.output
        assert {path: path.read_bytes() for path in before} == before
    assert (tmp_path / "a.txt").read_text(encoding="utf-8") == FIXED
    diff = lint("--diff", "--select", "EN", str(tmp_path))
    assert "JSONL file(s) checked, not fixed in place (no diff shown for them)" in diff.output


def test_a_file_reached_twice_is_fixed_once_with_or_without_workers(tmp_path: Path) -> None:
    """Named twice and linked: workers would otherwise fix both copies from the same text."""
    from termcheck.clean import fix_paths
    from termcheck.corpus.executors import ProcessExecutor

    for jobs in (1, 2):
        work = tmp_path / f"jobs{jobs}"
        (work / "a").mkdir(parents=True)
        article = work / "a" / "f.txt"
        article.write_text(BROKEN, encoding="utf-8")
        (work / "b").mkdir()
        (work / "b" / "link.txt").symlink_to(article)
        executor = ProcessExecutor(jobs, min_parallel=1) if jobs > 1 else None
        run = fix_paths([work / "a", work / "b", article], Config(select=("EN",)),
                        executor=executor)
        assert article.read_text(encoding="utf-8") == FIXED, jobs
        assert (run.files_checked, run.problems) == (1, []), jobs
        assert (work / "b" / "link.txt").is_symlink()


def test_a_file_edited_while_being_fixed_is_not_overwritten(tmp_path: Path) -> None:
    from termcheck.clean import fix_paths
    from termcheck.corpus.executors import SerialExecutor

    article = tmp_path / "a.txt"
    article.write_text(BROKEN, encoding="utf-8")

    class EditsMeanwhile(SerialExecutor):
        def map(self, items, task):  # type: ignore[no-untyped-def]
            for result in super().map(items, task):
                article.write_text("Someone else's edit.\n", encoding="utf-8")
                yield result

    run = fix_paths([article], Config(select=("EN",)), executor=EditsMeanwhile())
    assert [p.code for p in run.problems] == ["TC-NOT-WRITTEN"]
    assert "changed on disk while it was being fixed" in run.problems[0].message
    assert article.read_text(encoding="utf-8") == "Someone else's edit.\n"


def test_fix_with_a_bom_codec_named_keeps_one_bom(tmp_path: Path) -> None:
    """--encoding utf-8-sig / utf-16 must not add a second BOM when the file is rewritten."""
    for encoding, bom, codec in (("utf-8-sig", b"\xef\xbb\xbf", "utf-8"),
                                 ("utf-16", b"\xff\xfe", "utf-16-le")):
        path = tmp_path / f"{codec}.txt"
        path.write_bytes(bom + BROKEN.encode(codec))
        result = lint("--fix", "--select", "EN", "--encoding", encoding, str(path))
        assert result.exit_code == 0, result.output
        assert path.read_bytes() == bom + FIXED.encode(codec), encoding


def test_a_file_that_cannot_be_rewritten_keeps_its_findings_and_fails_the_run(
        tmp_path: Path, monkeypatch) -> None:
    """Its folder refuses new files (read-only, for a user who is not root): one problem line
    names it, its findings are reported unfixed, the other files are fixed, the exit is 1."""
    import termcheck.clean
    from termcheck.errors import TermcheckError

    locked, free = tmp_path / "locked", tmp_path / "free"
    locked.mkdir()
    free.mkdir()
    (locked / "a.txt").write_text(BROKEN, encoding="utf-8")
    (free / "b.txt").write_text(BROKEN, encoding="utf-8")
    real_write = termcheck.clean.atomic_write_bytes

    def refuse_in_locked(path: Path, data: bytes) -> None:
        if Path(path).parent == locked:
            raise TermcheckError(f"cannot write (no new file can be made in {locked}): "
                                 "Permission denied", str(path), code="TC-OUTPUT")
        real_write(path, data)

    monkeypatch.setattr("termcheck.clean.atomic_write_bytes", refuse_in_locked)
    result = lint("--fix", "--select", "EN", str(locked), str(free))
    assert result.exit_code == 1, result.output
    assert result.output.count(": TC-NOT-WRITTEN") == 1
    assert f"{locked / 'a.txt'}: TC-NOT-WRITTEN cannot write" in result.output
    assert f"{locked / 'a.txt'}:3:" in result.output  # its findings, unfixed
    assert "Found 2 findings in 2 files; 1 problem(s) in 1 input(s).\n" in result.output
    assert "fixable with --fix" not in result.output  # it was given: offering it again misleads
    assert "Fixed 2 span(s) in 1 file(s). 1 file(s) not rewritten" in result.output
    assert (locked / "a.txt").read_text(encoding="utf-8") == BROKEN
    assert (free / "b.txt").read_text(encoding="utf-8") == FIXED


def test_a_link_out_of_its_folder_is_not_rewritten_and_its_findings_stay(tmp_path: Path) -> None:
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "a.txt").write_text(BROKEN, encoding="utf-8")
    (tmp_path / "tree").mkdir()
    (tmp_path / "tree" / "a.txt").symlink_to(tmp_path / "elsewhere" / "a.txt")
    result = lint("--fix", "--select", "EN", str(tmp_path / "tree"))
    assert result.exit_code == 1, result.output
    assert "outside the input folder" in result.output
    assert "Found 2 findings in 1 file; 1 problem(s) in 1 input(s)." in result.output
    assert (tmp_path / "elsewhere" / "a.txt").read_text(encoding="utf-8") == BROKEN
