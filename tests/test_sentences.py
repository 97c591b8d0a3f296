"""The shared sentence splitter: abbreviations per language (data files) and initials."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from termcheck import sentences as sentences_module
from termcheck.data import shipped
from termcheck.errors import DataError
from termcheck.sentences import Abbreviations, load_abbreviations, split


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


def plain_is_boundary(text: str, match: re.Match[str], known: Abbreviations) -> bool:
    """The boundary test as first written (before the shortcuts of is_boundary)."""
    punct = match.group().rstrip()
    if punct != ".":
        return True
    dot = match.start()
    if text[match.end():match.end() + 1].islower():
        return False
    token_start = max(text.rfind(" ", 0, dot), text.rfind("\n", 0, dot),
                      text.rfind("\u00a0", 0, dot)) + 1
    token = text[token_start:dot + 1].lstrip(sentences_module._OPENERS)
    if token in known.words or (len(token) == 2 and token[0].isupper()) \
            or sentences_module._ACRONYM.fullmatch(token):
        return False
    return not sentences_module._in_spaced(text, dot, known)


@pytest.mark.parametrize("lang", ["en", "de", "fr", "ru", "es", "fi"])
def test_is_boundary_decides_as_the_plain_definition(lang: str) -> None:
    known = sentences_module.abbreviations(lang)
    pieces = [" ", "  ", "\n", "\u00a0", "\u2003", ".", "!", "?", "…", "...", "»", "”", ")", "(",
              "«", "a", "b", "Jan", "Rev", "z", "B", "d", "h", "т", "е", "п", "и", "EE", "UU",
              "U.S", "L.A", "e", "ex", "p", "Haus", "x", "İ", "ß", "1"]
    rng = random.Random(lang)
    checked = 0
    for _ in range(4000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randrange(2, 30)))
        for match in sentences_module.SENTENCE_END.finditer(text):
            checked += 1
            expected = plain_is_boundary(text, match, known)
            assert sentences_module.is_boundary(text, match, known) == expected, (text, match)
    assert checked > 800


def test_sentence_end_matches_as_its_plain_pattern() -> None:
    plain = re.compile(r"[.!?…]+[\"'»”’“)\]]*\s+")
    rng = random.Random(3)
    alphabet = list(".!?…\"'»”’“)] \t\n\u00a0\u2003ab.")
    for _ in range(20000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randrange(20)))
        assert [m.span() for m in sentences_module.SENTENCE_END.finditer(text)] == \
            [m.span() for m in plain.finditer(text)], repr(text)


def test_the_full_stop_pattern_matches_as_sentence_end_without_other_ends() -> None:
    rng = random.Random(4)
    alphabet = list(".\"'»”’“)] \t\n\u00a0\u2003ab.(")
    for _ in range(20000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randrange(20)))
        assert sentences_module.sentence_ends(text) is sentences_module.FULL_STOP_END
        assert [m.span() for m in sentences_module.FULL_STOP_END.finditer(text)] == \
            [m.span() for m in sentences_module.SENTENCE_END.finditer(text)], repr(text)
    for char in sentences_module.OTHER_ENDS:
        assert sentences_module.sentence_ends(f"a{char} b") is sentences_module.SENTENCE_END
