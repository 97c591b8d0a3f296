"""The data files of EN003/NU002/BP020/DP010 load, and a bad line is named by file and line."""

from __future__ import annotations

from pathlib import Path

import pytest

from termcheck.data import shipped, shipped_dir
from termcheck.errors import DataError
from termcheck.numberformat import load_words, separators
from termcheck.rules.credits import load_markers
from termcheck.rules.repetition import load_word_list


def test_shipped_files_load() -> None:
    words = load_words(shipped("numbers", "format.toml"))
    assert "menschen" in words["de"]["count-after"] and "es" in words["*regional"][""]
    markers = load_markers(shipped("credits", "markers.tsv"))
    assert markers.credit.search("Foto: dpa") and markers.counter.search("Image 3 of 5")
    for path in sorted((shipped_dir() / "repetition").glob("*.txt")):
        load_word_list(path)
    assert "had" in load_word_list(shipped("repetition", "en.txt"))


def test_separators_come_from_cldr() -> None:
    german, french = separators("de"), separators("fr")
    assert (german.decimal, german.group) == (",", ".")
    assert (french.decimal, french.group) == (",", "\u202f")
    assert separators("es") is None and separators("es-MX").decimal == "."
    assert separators("xx-nonsense") is None


def test_a_bad_word_list_line_is_named(tmp_path: Path) -> None:
    bad = tmp_path / "xx.txt"
    bad.write_text("# doubles\nhad\nhad had\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"xx.txt:3: one word a line"):
        load_word_list(bad)


def test_a_bad_marker_row_is_named(tmp_path: Path) -> None:
    bad = tmp_path / "markers.tsv"
    bad.write_text("lang\tmarker\tkind\tconnector\nen\tPhoto:\tcredit\t\n"
                   "en\tImage\tcounter\t\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"markers.tsv:3: a counter needs its connector"):
        load_markers(bad)
    bad.write_text("lang\tmarker\tkind\tconnector\nen\tPhoto:\tcaption\t\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"markers.tsv:2: kind must be"):
        load_markers(bad)


def test_a_bad_format_table_is_named(tmp_path: Path) -> None:
    bad = tmp_path / "format.toml"
    bad.write_text('regional = []\n\n[de]\ncount-after = "Menschen"\n', encoding="utf-8")
    with pytest.raises(DataError, match=r"format.toml:3: \[de\] count-after must be a list"):
        load_words(bad)
    bad.write_text('[de]\ncounts = ["Menschen"]\n', encoding="utf-8")
    with pytest.raises(DataError, match=r"format.toml:1: \[de\]: unknown key"):
        load_words(bad)
