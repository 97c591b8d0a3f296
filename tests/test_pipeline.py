"""The one pipeline: one walker for every command, one Run, streaming sinks."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Iterator

from termcheck.clean import FileFix, iter_fix
from termcheck.config import Config, ConfigResolver
from termcheck.corpus.sources import Source, read_document
from termcheck.document import Document
from termcheck.model import FileProblem
from termcheck.pipeline import JSONL_KEEP, Run, Walk, may_repeat, walk

TEXT = "He said  hello.\n"


def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    (folder / "a.txt").write_text(TEXT, encoding="utf-8")
    (folder / "sub" / "b.md").write_text(TEXT, encoding="utf-8")
    (folder / ".hidden.txt").write_text(TEXT, encoding="utf-8")
    (folder / "c.jsonl").write_text(json.dumps({"text": TEXT}) + "\n{oops\n", encoding="utf-8")
    return folder


def kinds(items: Iterator[Any]) -> list[tuple[str, str]]:
    return [(type(w.item).__name__, getattr(w.item, "display", None) or w.item.path)
            for w in items]


def test_one_walker_gives_files_records_and_problems_in_input_order(tmp_path: Path) -> None:
    folder = corpus(tmp_path)
    found = kinds(walk([folder, tmp_path / "missing.txt"]))
    assert found == [("Source", f"{folder}/a.txt"), ("Document", f"{folder}/c.jsonl#1"),
                     ("FileProblem", f"{folder}/c.jsonl:2"), ("Source", f"{folder}/sub/b.md"),
                     ("FileProblem", f"{tmp_path}/missing.txt")]


def test_a_walked_file_is_read_from_its_location_and_gives_the_same_path(tmp_path: Path) -> None:
    """A walk hands each file's location as a string (what ``os.open`` takes); its path
    object, made when asked for, is the one the folder and the name make."""
    folder = corpus(tmp_path)
    for given in (folder, Path(f"{folder}/"), Path(f"{folder}/./sub/..")):
        sources = [w.origin for w in walk([given]) if isinstance(w.item, Source)]
        assert [s.path for s in sources] == [given / "a.txt", given / "sub" / "b.md"]
        assert [Path(s.location) for s in sources] == [s.path for s in sources]
        assert [s.root for s in sources] == [given, given]
        assert [read_document(s).text for s in sources] == [TEXT, TEXT]


def test_a_walk_remembers_the_files_seen_only_where_one_may_come_twice(tmp_path: Path) -> None:
    """A folder without links, walked alone, reaches every file by one path (no set of the
    paths seen, which grows with the corpus); inputs that hold one another, or a link under a
    folder, may reach a file twice."""
    folder = corpus(tmp_path)
    other = tmp_path / "other"
    other.mkdir()
    assert not may_repeat([folder]) and not may_repeat([folder, other])
    assert not may_repeat([folder / "a.txt", folder / "sub" / "b.md"])
    assert may_repeat([folder, folder / "sub" / "b.md"]) and may_repeat([folder / "sub", folder])
    assert may_repeat([folder / "a.txt", folder / "a.txt"])
    beside = tmp_path / "in b"  # sorts between "in" and "in/sub" as text, not as components
    beside.mkdir()
    assert may_repeat([folder, beside, folder / "sub"])
    (folder / ".hidden-link.txt").symlink_to(folder / "a.txt")  # never walked
    assert not may_repeat([folder])
    (other / "link.txt").symlink_to(folder / "a.txt")
    assert may_repeat([other])
    found = kinds(walk([folder, other]))
    assert found == kinds(walk([folder]))  # the link leads to a.txt, already checked
    linked = tmp_path / "linked"
    linked.mkdir()
    (linked / "sub").symlink_to(folder / "sub")
    (linked / "z.txt").write_text(TEXT, encoding="utf-8")
    assert may_repeat([linked])
    assert kinds(walk([folder / "sub", linked])) == [("Source", f"{folder}/sub/b.md"),
                                                      ("Source", f"{linked}/z.txt")]

def test_what_a_jsonl_file_is_to_the_command(tmp_path: Path) -> None:
    folder = corpus(tmp_path)
    kept = [w.item for w in walk([folder / "c.jsonl"], Walk(jsonl=JSONL_KEEP))]
    assert isinstance(kept[0], Document) and kept[0].meta["record"] == {"text": TEXT}
    read = [w.item for w in walk([folder / "c.jsonl"])]  # lint, lint --fix: records to check
    assert [type(item).__name__ for item in read] == ["Document", "FileProblem"]


def test_the_same_skip_and_exclude_rules_for_every_command(tmp_path: Path) -> None:
    folder = corpus(tmp_path)
    twice = [folder / "a.txt", folder / "a.txt"]
    assert len(list(walk(twice))) == 1 and len(list(walk(twice, Walk(once=False)))) == 2
    skipped = kinds(walk([folder], Walk(skip_under=str((folder / "sub").resolve()))))
    assert ("Source", f"{folder}/sub/b.md") not in skipped
    from termcheck.corpus.sources import ReadOptions

    only_md = kinds(walk([folder], Walk(ReadOptions(extensions=(".md",)))))
    assert only_md == [("Source", f"{folder}/sub/b.md")]


def test_run_yields_each_item_with_its_outcome_and_watches_both_passes(tmp_path: Path) -> None:
    folder = corpus(tmp_path)
    seen: list[str] = []

    def watch(label: str, items: Iterator[Any]) -> Iterator[Any]:
        for item in items:
            seen.append(label)
            yield item

    run = Run(ConfigResolver(Config(), None), watch=watch)
    pairs = list(run.stream(lambda: walk([folder]), [folder]))
    assert [type(o).__name__ for _, o in pairs] == [
        "DocumentResult", "DocumentResult", "FileProblem", "DocumentResult"]
    assert all(isinstance(w.item, FileProblem) == isinstance(o, FileProblem) for w, o in pairs)
    assert seen == ["profile"] * 4 + ["check"] * 4  # BP100 and NM002 need the profile


def test_fix_streams_and_writes_each_file_before_it_is_yielded(tmp_path: Path) -> None:
    folder = corpus(tmp_path)
    outcomes = iter_fix([folder], Config(select=("SP001",)))
    assert not isinstance(outcomes, list)
    first = next(outcomes)
    assert isinstance(first, FileFix) and first.written
    assert (folder / "a.txt").read_text(encoding="utf-8") == "He said hello.\n"
    assert (folder / "sub" / "b.md").read_text(encoding="utf-8") == TEXT  # not reached yet
    rest = list(outcomes)
    assert [(type(o).__name__, getattr(o, "record", None)) for o in rest] == [
        ("FileFix", True), ("FileProblem", None), ("FileFix", False)]  # c.jsonl#1: not written


def test_a_file_named_inside_a_named_folder_is_cleaned_once_where_the_folder_puts_it(
        tmp_path: Path) -> None:
    """Before: ``clean in in/sub/b.md --out OUT`` wrote b.md twice, as OUT/sub/b.md and
    OUT/b.md; a file is now processed once, where it is first named."""
    from termcheck.clean import CleanOptions, clean_paths

    folder = corpus(tmp_path)
    out = tmp_path / "out"
    clean_paths([folder, folder / "sub" / "b.md"], CleanOptions(out))
    written = sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()
                     and not p.name.startswith("."))
    assert written == ["a.txt", "c.jsonl", "ledger.jsonl", "sub/b.md"]
