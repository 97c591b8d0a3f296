"""Suppression without markers in the text: [sic], ignore files, per-file ignores."""

from __future__ import annotations

from pathlib import Path

import pytest

from termcheck.api import lint_paths, lint_text
from termcheck.config import Config
from termcheck.engine import one_finding_per_mark
from termcheck.errors import DataError
from termcheck.model import Finding, Severity
from termcheck.suppression import IgnoreList, followed_by_sic, may_hold_sic

LONE = "The agency reported it. dpa)"


def test_sic_right_after_a_match_suppresses_it() -> None:
    assert lint_text(LONE, Config(select=("BR001",)))
    assert lint_text(LONE + " [sic]", Config(select=("BR001",))) == []


@pytest.mark.parametrize("text", ["", "no mark", "(a) [b] (si) [sic", "sic]", "\u017fic)",
                                  "[sic]", "x (SIC) y", "[Sic)", "((sic]", "(\u017fic]",
                                  "\u0131 (s\u0131c) \u0130", "\U0001f600[sIC]"])
def test_may_hold_sic_is_whether_a_sic_mark_follows_any_offset(text: str) -> None:
    # its False must mean: no offset of the text has one after it (the per-finding skip)
    assert may_hold_sic(text) == any(followed_by_sic(text, end) for end in range(len(text) + 1))


def test_sic_after_one_finding_of_several() -> None:
    text = "Then dpa) [sic] and another ) here."
    found = [(f.code, f.start) for f in lint_text(text, Config(select=("BR001",)))]
    assert found == [("BR001", text.rindex(")"))]


def test_ignore_file_is_keyed_by_code_and_matched_text(tmp_path: Path) -> None:
    ignore = tmp_path / ".termcheck-ignore"
    ignore.write_text("# reviewed\nBR\t)\n")
    config = Config(select=("BR001",), ignore_file=ignore)
    assert lint_text(LONE, config) == []
    assert lint_text("An opener ( stays reported.", config)


def test_malformed_ignore_file_names_file_and_line(tmp_path: Path) -> None:
    ignore = tmp_path / ".termcheck-ignore"
    ignore.write_text("BR001\t)\nno tab here\n")
    with pytest.raises(DataError, match=r"\.termcheck-ignore:2: expected"):
        IgnoreList.load(ignore)


def test_per_file_ignores(tmp_path: Path) -> None:
    (tmp_path / "termcheck.toml").write_text('[per-file-ignores]\n"old/*" = ["BR001"]\n')
    (tmp_path / "old").mkdir()
    (tmp_path / "old" / "a.txt").write_text(LONE)
    (tmp_path / "b.txt").write_text(LONE)
    report = lint_paths([tmp_path])
    assert [Path(f.path).name for f in report.findings if f.code == "BR001"] == ["b.txt"]


def test_ignore_file_patterns_match_jsonl_records_as_their_file(tmp_path: Path) -> None:
    from termcheck.suppression import _path_matches

    assert _path_matches(None, "corpus/r.jsonl#12", "*.jsonl")
    assert _path_matches(tmp_path, str(tmp_path / "dir" / "r.jsonl#3"), "dir/*.jsonl")
    assert not _path_matches(None, "corpus/r.jsonl#12", "*.txt")


def test_a_pattern_costs_one_resolution_per_file_not_per_finding(tmp_path: Path) -> None:
    from termcheck.suppression import _path_matches

    _path_matches.cache_clear()
    path = str(tmp_path / "a.txt")
    for _ in range(1_000):
        _path_matches(tmp_path, path, "dir/*.txt")
    assert _path_matches.cache_info().misses == 1


def _quote_finding(code: str, start: int, end: int) -> Finding:
    return Finding("a.txt", code, "rule", "quotes", Severity.WARNING, "", start, end, 1, 1, 1, 1,
                   "", "")


def test_one_finding_per_mark_silences_only_across_codes() -> None:
    same = [_quote_finding("QT005", 3, 4), _quote_finding("QT005", 4, 5),
            _quote_finding("QT005", 4, 5)]
    assert one_finding_per_mark(same) is same  # one code: nothing to silence
    mixed = [_quote_finding("QT003", 4, 5), _quote_finding("QT005", 3, 4),
             _quote_finding("QT001", 4, 5), _quote_finding("QT003", 20, 21)]
    assert [(f.code, f.start) for f in one_finding_per_mark(mixed)] == [
        ("QT001", 4), ("QT003", 20)]
