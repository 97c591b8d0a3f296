"""The fast scans that let QT, LG002, LG004, BR001 and EN001 skip clean text skip no finding."""

from __future__ import annotations

import json
import random
import re
from pathlib import Path

import pytest

from termcheck.context import Context
from termcheck.document import Document
from termcheck.langid import script_of, target_scripts
from termcheck.rules import script as script_rules
from termcheck.rules.brackets import _ANY_BRACKET, _is_emoticon, _is_enumerator
from termcheck.rules.encoding import _SUSPECT, _ftfy_config, _ftfy_may_change
from termcheck.rules.language import (
    _UNIFORM_BLOCKS,
    _WORD,
    _beyond,
    _maybe_foreign,
    _words_of,
    foreign_script_run,
)
from termcheck.rules.script import _ADJACENT, _INSERTED, _pattern_starts

SHARED = Path(__file__).resolve().parents[1].parent / "shared"

# The whole-text patterns BR001 used before it tested each bracket on its own.
ENUMERATOR = re.compile(r"(?:^|(?<=\s))(?:\d{1,3}|[a-zA-Z]|[ivxIVX]{1,4})\)(?=\s|$)", re.M)
EMOTICON = re.compile(r"(?:[:;=]|(?<![\w-])8)[-']?[()\[\]]")


def test_bracket_checks_agree_with_the_whole_text_patterns() -> None:
    alphabet = "()[]{}:;=8-' \n\tab1iIvxX23Z.é_"
    rng = random.Random(7)
    for _ in range(20000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 10)))
        ignored = {m.end() - 1 for p in (ENUMERATOR, EMOTICON) for m in p.finditer(text)}
        for match in _ANY_BRACKET.finditer(text):
            i = match.start()
            assert (i in ignored) == (_is_emoticon(text, i) or _is_enumerator(text, i)), text


@pytest.mark.parametrize("native", [{"Latin"}, {"Cyrillic"}, {"Han", "Hiragana", "Katakana"}])
def test_the_foreign_letter_scan_finds_every_letter_that_can_start_a_run(native: set[str]) -> None:
    """Letters of no script LG002 knows ("Other") make words that never join a run."""
    scan = _maybe_foreign(frozenset(native))
    for code in range(0x10000):
        char = chr(code)
        if char.isalpha() and script_of.__wrapped__(char) not in native | {"Other"}:
            assert scan.match(char), f"U+{code:04X}"


def test_the_uniform_blocks_are_letters_of_one_script() -> None:
    for low, high in _UNIFORM_BLOCKS:
        scripts = {script_of.__wrapped__(chr(code)) for code in range(low, high + 1)}
        assert len(scripts) == 1 and "" not in scripts, f"U+{low:04X}: {scripts}"


def test_the_shipped_script_ranges_are_those_of_unicodedata() -> None:
    """``lang/script-ranges.tsv`` (read instead of classifying ~6,500 code points at each
    start) lists, for the running Python's Unicode version, exactly the ranges script_of gives
    (``python3 tools/derived_tables.py`` writes the rows of a new version)."""
    from unicodedata import unidata_version

    from termcheck.data import read_table
    from termcheck.rules import language

    listed = {row["unicode"] for _, row in read_table(
        language.shipped(*language.SCRIPT_RANGES), ("unicode", "script", "ranges"))}
    if unidata_version not in listed:
        pytest.skip(f"no rows for Unicode {unidata_version}: the ranges are derived")
    language._script_ranges.cache_clear()
    try:
        assert language._script_ranges() == language.script_ranges()
    finally:
        language._script_ranges.cache_clear()


def test_a_unicode_version_the_script_table_lacks_derives_the_ranges(
        monkeypatch: pytest.MonkeyPatch) -> None:
    import unicodedata

    from termcheck.rules import language

    monkeypatch.setattr(unicodedata, "unidata_version", "0.0.0")
    monkeypatch.setattr(language, "script_ranges", lambda: {"Latin": [(65, 90)]})
    language._script_ranges.cache_clear()
    try:
        assert language._script_ranges() == {"Latin": [(65, 90)]}
    finally:
        language._script_ranges.cache_clear()


@pytest.mark.parametrize(("rows", "error"), [
    (["Latin\t0041-005A", "Greek\t0050-0060"], r"script-ranges.tsv:3: ranges overlap"),
    (["Latin\t0041-005A", "Latin\t0061-007A"], r"script-ranges.tsv:3: a second row for Latin"),
    (["Latn\t0041-005A"], r"script-ranges.tsv:2: unknown script 'Latn'"),
    (["Latin\t005A-0041"], r"script-ranges.tsv:2: bad ranges"),
])
def test_a_bad_row_of_the_script_table_names_its_line(
        rows: list[str], error: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from unicodedata import unidata_version

    from termcheck.errors import DataError
    from termcheck.rules import language

    bad = tmp_path / "script-ranges.tsv"
    bad.write_text("unicode\tscript\tranges\n"
                   + "".join(f"{unidata_version}\t{row}\n" for row in rows), encoding="utf-8")
    monkeypatch.setattr(language, "shipped", lambda *parts: bad)
    language._script_ranges.cache_clear()
    try:
        with pytest.raises(DataError, match=error):
            language._script_ranges()
    finally:
        language._script_ranges.cache_clear()


@pytest.mark.parametrize("script", ["Cyrillic", "Greek", "Han", "Arabic", "Hangul", "Latin"])
def test_one_script_lines_are_split_into_the_same_words(script: str) -> None:
    """Where _beyond finds nothing, every word character is a letter of ``script`` and the
    script's own word pattern splits the line as _WORD does."""
    letters = [chr(code) for code in range(0x10000)
               if chr(code).isalpha() and script_of.__wrapped__(chr(code)) == script]
    alphabet = letters[:40] + letters[-40:] + list(" -'’.,1²_\u00ad\u0301\n")
    rng = random.Random(script)
    for _ in range(3000):
        line = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 12)))
        if _beyond(script).search(line) is None:
            assert _words_of(script).findall(line) == _WORD.findall(line), repr(line)


def test_the_mixed_word_scan_finds_what_the_whole_text_patterns_find() -> None:
    """LG004 searches only the lines its rare-letter scan points at."""
    alphabet = "abXYаб" + "αβ" + "说カ" + "\u0387\u0482·-' \n\r1\u3001"
    rng = random.Random(4)
    for _ in range(20000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 14)))
        for unspaced in (False, True):
            patterns = [_ADJACENT] if unspaced else [_ADJACENT, _INSERTED]
            expected = sorted({m.start() for p in patterns for m in p.finditer(text)})
            assert _pattern_starts(Document(path="x", text=text), unspaced) == expected, text


def test_every_letter_of_an_unspaced_script_is_seen_by_its_lead_byte() -> None:
    """LG004 leaves the unspaced scripts' class out where _may_hold_unspaced says no."""
    other = re.compile(f"[{script_rules._OTHER}]")
    for code in range(0x110000):
        char = chr(code)
        if other.match(char):
            assert script_rules._may_hold_unspaced(f"аb{char}"), hex(code)
    assert script_rules._may_hold_unspaced("a\udc80")  # a lone surrogate is encoded all the same
    assert not script_rules._may_hold_unspaced("Ökonomie – «Москва» α\u2fff\ue000\U0001f600")


@pytest.mark.parametrize("lang", ["en", "ru", "el", "ja", "ko", "zh", "latin-and-cyrillic"])
def test_lg004_skips_only_texts_where_it_finds_nothing(lang: str, monkeypatch) -> None:
    """LG004 returns at once where LG002's scan finds no foreign letter (shared through the
    context's memo): it then finds nothing indeed, with or without LG002 run before it; a
    target written in two alphabets is never skipped."""
    scripts = dict(target_scripts(), **{"latin-and-cyrillic": frozenset(("Latin", "Cyrillic"))})
    monkeypatch.setattr(script_rules, "target_scripts", lambda: scripts)
    alphabet = "abXYé" + "аб" + "αβ" + "说カ가" + "\u0387\u0482\u0483\u037e・ա-' \n\r1"
    native = scripts[lang]
    unspaced = bool(native & script_rules.UNSPACED)
    rng = random.Random(5)
    for _ in range(4000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 10)))
        doc = Document(path="x", text=text)
        expected = [(m.start, m.end) for m in script_rules._mixed_words(doc, unspaced)]
        for lg002_first in (False, True):
            ctx = Context(lang=lang)
            if lg002_first and lang in target_scripts():
                list(foreign_script_run(doc, ctx))
            found = [(hit.start, hit.end) for hit in script_rules.mixed_script_word(doc, ctx)]
            assert found == expected, (text, lang)


def test_the_mojibake_prefilter_sees_every_line_ftfy_repairs() -> None:
    cases = SHARED / "corpora" / "ftfy-mojibake-cases"
    if not cases.is_dir():
        pytest.skip("../shared/corpora not available")
    from ftfy import fix_and_explain

    config = _ftfy_config()
    repaired = 0
    for name in ("in-the-wild.json", "negative.json"):
        for case in json.loads((cases / name).read_text(encoding="utf-8")):
            for line in case["original"].splitlines():
                if fix_and_explain(line, config).text != line:
                    repaired += 1
                    assert _SUSPECT.search(line), line
                    assert _ftfy_may_change(line), line
    assert repaired > 0
