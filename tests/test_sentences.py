"""The shared sentence splitter: abbreviations per language (data files) and initials."""

from __future__ import annotations

from pathlib import Path

import pytest

from termcheck.data import shipped
from termcheck.errors import DataError
from termcheck.sentences import load_abbreviations, split


def sentences(text: str, lang: str) -> list[str]:
    return [text[start:end] for start, end in split(text, lang)]


@pytest.mark.parametrize(("lang", "text", "expected"), [
    ("en", "Neither Rev. Al Green nor Gov. Lowe came. On Jan. 6 they met in Lansing, Mich. too.",
     ["Neither Rev. Al Green nor Gov. Lowe came.", "On Jan. 6 they met in Lansing, Mich. too."]),
    ("en", "John F. Kennedy spoke. Then he left!", ["John F. Kennedy spoke.", "Then he left!"]),
    ("de", "Es gibt z. B. Äpfel. Haus Nr. 5 steht leer.", ["Es gibt z. B. Äpfel.",
                                                         "Haus Nr. 5 steht leer."]),
    ("ru", "В 2020 г. было плохо, т. е. очень. А. Иванов пришёл.",
     ["В 2020 г. было плохо, т. е. очень.", "А. Иванов пришёл."]),
    ("en", "He said “it is over.” Then he left.", ["He said “it is over.”", "Then he left."]),
    ("fi", "Ei lyhenteitä. Toinen lause.", ["Ei lyhenteitä.", "Toinen lause."]),
])
def test_split_knows_abbreviations_and_initials(lang: str, text: str,
                                                 expected: list[str]) -> None:
    assert sentences(text, lang) == expected


def test_offsets_are_exact_code_points() -> None:
    text = "  Ünïcödé sentence one.  Second, with café. "
    assert [text[s:e] for s, e in split(text, "en")] == ["Ünïcödé sentence one.",
                                                          "Second, with café."]


@pytest.mark.parametrize("path", sorted(shipped("abbreviations").glob("*.txt")),
                         ids=lambda p: p.name)
def test_shipped_lists_load_without_repeats(path: Path) -> None:
    entries = [line for line in path.read_text(encoding="utf-8").splitlines()
               if line and not line.startswith("#")]
    assert len(entries) == len(set(entries))
    known = load_abbreviations(path)
    assert len(known.words) + len(known.spaced) == len(entries)


def test_a_bad_entry_names_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "xx.txt"
    path.write_text("# comment\nRev.\nGov\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"xx.txt:3: abbreviation 'Gov' must end"):
        load_abbreviations(path)
