"""Script: words whose letters come from two scripts (look-alike letters, stray characters)."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any, Iterator, NamedTuple

from termcheck.context import Context
from termcheck.data import from_code_points, read_table, shipped
from termcheck.document import Document
from termcheck.langid import script_of, target_scripts
from termcheck.lazyre import lazy
from termcheck.model import Applicability, Edit, Fix, Hit
from termcheck.rules.language import first_foreign_letter
from termcheck.rules.registry import BEYOND_ASCII, rule

# The alphabets whose letters look alike (Unicode confusables): a word mixing two of them is a
# homoglyph accident, never a spelling.
ALPHABETS = ("Latin", "Cyrillic", "Greek")
_ALPHABET_SET = frozenset(ALPHABETS)
# Scripts written without spaces between words: inside their text a word of letters may mix them
# with Latin ("用iPhone拍摄") and nothing can be said.
UNSPACED = frozenset(("Han", "Hiragana", "Katakana", "Hangul", "Thai"))
# Usual letters of each alphabet: a look-alike replacement must be one of them.
_USUAL = {
    "Latin": re.compile(r"[A-Za-zÀ-ÖØ-öø-ž]"),
    "Cyrillic": re.compile(r"[Ѐ-џ]"),
    "Greek": re.compile(r"[Ά-ώ]"),
}
_LAT, _CYR, _GRK = "A-Za-zÀ-ÖØ-öø-ɏ", "Ѐ-ԯ", "Ͱ-Ͽἀ-῾"
_UNIT_GREEK = frozenset("μΩ")
_OTHER = "一-鿿぀-ヿ가-힣"
_LETTERS = {"Latin": _LAT, "Cyrillic": _CYR, "Greek": _GRK}
# Two letters of different alphabets side by side: where a mixed word can be.
_ADJACENT = lazy(globals(), "_ADJACENT",
                 f"[{_LAT}][{_CYR}{_GRK}]|[{_CYR}][{_LAT}{_GRK}]|[{_GRK}][{_LAT}{_CYR}]")
# Letters of an unspaced script inside a word of an alphabet: "пред说ожил".
_INSERTED = lazy(globals(), "_INSERTED", f"[{_LAT}{_CYR}{_GRK}][{_OTHER}]+[{_LAT}{_CYR}{_GRK}]")

# The two patterns above are tried at every character. A scan that starts with a character
# class skips the characters outside it at C speed, so :func:`_rare_scan` starts with the letters
# that are rare in the text: those of the alphabets it is not mostly written in, and of the
# unspaced scripts. Every match of the patterns above holds such a letter, and only the lines
# where the scan matches are searched with them (no match of either spans a line break).
_ALPHABET_LETTERS: dict[str, Any] = {}  # each compiled at first use, in place
_ALPHABET_LETTERS.update((name, lazy(_ALPHABET_LETTERS, name, f"[{letters}]"))
                         for name, letters in _LETTERS.items())
_ANY_ALPHABET = lazy(globals(), "_ANY_ALPHABET", f"[{_LAT}{_CYR}{_GRK}]")
_PROBES = 3


@lru_cache(maxsize=8)
def _rare_scan(main: str, unspaced_letters: bool) -> re.Pattern[str]:
    """A letter of an alphabet but ``main`` next to a letter of another alphabet, or (with
    ``unspaced_letters``) a letter of an unspaced script after an alphabet's letter."""
    alphabets = _LAT + _CYR + _GRK
    rare = [name for name in ALPHABETS if name != main]
    conditions = []
    for name in rare:
        own = _LETTERS[name]
        others = "".join(letters for other, letters in _LETTERS.items() if other != name)
        conditions += [f"(?<=[{others}][{own}])", f"(?<=[{own}])(?=[{others}])"]
    rare_letters = "".join(_LETTERS[name] for name in rare)
    if unspaced_letters:
        # A letter of an unspaced script (not of a rare alphabet) after an alphabet's letter. The
        # large class of those scripts is written once: each copy costs ~4 ms to compile.
        conditions.append(f"(?<=[{alphabets}].)(?<![{rare_letters}])")
    first = rare_letters + (_OTHER if unspaced_letters else "")
    return re.compile(f"[{first}](?:{'|'.join(conditions)})")


def _main_alphabet(text: str) -> str:
    """The alphabet of most of three letters of ``text`` (the first ones from its start, a third
    and two thirds in): a guess at the one it is mostly written in, which only decides which
    letters the scan starts from."""
    votes: list[str] = []
    for probe in range(_PROBES):
        letter = _ANY_ALPHABET.search(text, len(text) * probe // _PROBES)
        if letter is not None:
            votes.append(next(name for name, letters in _ALPHABET_LETTERS.items()
                              if letters.match(letter[0])))
    return max(votes, key=votes.count) if votes else "Latin"


def _may_hold_unspaced(text: str) -> bool:
    """False only when ``text`` holds no letter of :data:`_OTHER`: all of them (U+3040 to
    U+D7A3) start in UTF-8 with a byte from E3 to ED. Eleven byte searches of the encoded text
    (memchr speed) spare the run the compile of that class (~30M instructions in each pattern
    that holds it, three in a run of Latin and Cyrillic texts), where no letter of it is found."""
    encoded = text.encode("utf-8", "surrogatepass")
    return any(lead in encoded for lead in _UNSPACED_LEADS)


_UNSPACED_LEADS = tuple(bytes((lead,)) for lead in range(0xE3, 0xEE))


def _pattern_starts(doc: Document, unspaced_target: bool) -> list[int]:
    """Where :data:`_ADJACENT` (and, outside unspaced targets, in a text that may hold a letter
    of theirs, :data:`_INSERTED`) match."""
    text = doc.text
    if text.isascii():
        return []  # each match holds a Cyrillic or Greek letter or one of an unspaced script
    # Without a letter of an unspaced script, _INSERTED and the scan's search for such letters
    # find nothing: they are left out (and their patterns never compiled).
    unspaced_letters = not unspaced_target and _may_hold_unspaced(text)
    scan = _rare_scan(_main_alphabet(text), unspaced_letters)
    lines = sorted({doc.line_span(m.start()) for m in scan.finditer(text)})
    patterns = [_ADJACENT, _INSERTED] if unspaced_letters else [_ADJACENT]
    return sorted({m.start() for start, end in lines for pattern in patterns
                   for m in pattern.finditer(text, start, end)})


class _Mixed(NamedTuple):
    start: int
    end: int
    word: str
    scripts: tuple[str, ...]  # in order of first appearance


def _word_around(text: str, start: int, end: int) -> tuple[int, int]:
    while start > 0 and text[start - 1].isalpha():
        start -= 1
    while end < len(text) and text[end].isalpha():
        end += 1
    return start, end


def _segments(word: str) -> list[str]:
    """The script of each maximal same-script stretch of ``word``'s letters."""
    scripts: list[str] = []
    for char in word:
        script = script_of(char)
        if script and (not scripts or scripts[-1] != script):
            scripts.append(script)
    return scripts


def _is_unit(word: str) -> bool:
    """A unit symbol with a Greek micro prefix or ohm sign: "μg", "μmol", "kΩ"."""
    return len(word) <= 5 and set(word) & _UNIT_GREEK != set() and all(
        c in _UNIT_GREEK or c.isascii() for c in word)


def _is_mixed(word: str, unspaced_target: bool) -> bool:
    if _is_unit(word):
        return False
    segments = _segments(word)
    alphabets = {s for s in segments if s in ALPHABETS}
    if len(alphabets) >= 2:
        return True
    if unspaced_target or len(alphabets) != 1:
        return False
    # Letters of an unspaced script with the same alphabet on both sides.
    return any(before in ALPHABETS and before == after and middle in UNSPACED
               for before, middle, after in zip(segments, segments[1:], segments[2:]))


def _mixed_words(doc: Document, unspaced_target: bool) -> Iterator[_Mixed]:
    text = doc.text
    seen: set[int] = set()
    for offset in _pattern_starts(doc, unspaced_target):
        start, end = _word_around(text, offset, offset + 1)
        if start in seen:
            continue
        seen.add(start)
        word = text[start:end]
        if _is_mixed(word, unspaced_target):
            yield _Mixed(start, end, word, tuple(dict.fromkeys(_segments(word))))


LOOKALIKES = ("lang", "lookalikes.tsv")  # shipped: derived by lookalike_rows()


def look_alike(char: str, script: str) -> str | None:
    """The one usual letter of ``script`` that looks like ``char`` (Unicode confusables), if
    exactly one does."""
    return _lookalikes().get((char, script))


@lru_cache(maxsize=1)
def _lookalikes() -> dict[tuple[str, str], str]:
    """:func:`look_alike` of every character that has one, from the shipped table: reading it
    costs ~2 ms, where loading the package's confusables (900 kB of JSON) costs ~45 ms."""
    return {(from_code_points(row["char"]), row["script"]): from_code_points(row["lookalike"])
            for _, row in read_table(shipped(*LOOKALIKES), ("char", "script", "lookalike"))}


def lookalike_rows() -> Iterator[tuple[str, str, str]]:
    """``(char, script, look-alike)`` for each character of the ``confusable-homoglyphs``
    package's data and each alphabet in which exactly one usual letter looks like it: the rows
    of :data:`LOOKALIKES` (``tests/test_misc_gates.py`` compares them; ``tools/derived_tables.py``
    writes them again)."""
    from confusable_homoglyphs import confusables

    for char, homoglyphs in sorted(confusables.confusables_data.items()):
        if len(char) != 1:
            continue  # a sequence: never asked about (look_alike takes one character)
        for script in ALPHABETS:
            candidates = {glyph["c"] for glyph in homoglyphs
                          if len(glyph["c"]) == 1 and script_of(glyph["c"]) == script
                          and _USUAL[script].fullmatch(glyph["c"])
                          and glyph["c"].isupper() == char.isupper()}
            if len(candidates) == 1:
                yield char, script, candidates.pop()


def _majority(word: str) -> str | None:
    """The alphabet of more than half of ``word``'s letters, if any."""
    letters = [script_of(c) for c in word if c.isalpha()]
    for script in ALPHABETS:
        if letters.count(script) * 2 > len(letters):
            return script
    return None


def _repair(mixed: _Mixed, doc_text: str) -> Fix | None:
    """Replace each minority letter by its one look-alike in the majority alphabet, when every
    such letter has one and that letter is used elsewhere in the text; else no fix."""
    majority = _majority(mixed.word)
    if majority is None:
        return None
    edits = []
    for index, char in enumerate(mixed.word):
        if not char.isalpha() or script_of(char) == majority:
            continue
        replacement = look_alike(char, majority)
        if replacement is None or replacement not in doc_text:
            return None
        edits.append(Edit(mixed.start + index, mixed.start + index + 1, replacement))
    return Fix(f"Write the word in {majority} letters only", tuple(edits), Applicability.SAFE)


@rule("LG004", "mixed-script-word", "language", "Fluency/Spelling", fixable="sometimes",
      trigger=BEYOND_ASCII)  # every match of _pattern_starts holds a letter beyond ASCII
def mixed_script_word(doc: Document, ctx: Context) -> Iterator[Hit]:
    """A word whose letters come from two scripts ("Jоhnсон", "Cоmpany", "пред说ожил").

    ## What it does
    Reports every word (a run of letters) that mixes letters of two of the look-alike alphabets
    (Latin, Cyrillic, Greek): a Cyrillic "о" inside an English word, a Latin "c" inside a
    Russian one, half-Latin half-Cyrillic names. It also reports letters of a script written
    without spaces (Chinese, Japanese, Korean) inside a word of one alphabet ("пред说ожил"),
    except in Chinese, Japanese and Korean text, where "用iPhone拍摄" is how words are written.
    A hyphen, an apostrophe or a digit ends a word, so "SMS-сообщение" and "COVID-19" are two
    words each. The scripts of letters come from their Unicode names; no model.

    ## Why it matters
    Look-alike letters come from OCR, from keyboards switched mid-word and from MT systems that
    copy characters; the word looks right but no search, spell checker, glossary or name index
    finds it. A Chinese character inside a Russian word is a decoding or generation accident.

    ## Example
    ```text
    The cоmpany said on Monday it would cut 300 jobs.
    ```
    Reported: `cоmpany` mixes Latin and Cyrillic letters (the "о" is Cyrillic).

    ## Fix safety
    Safe when unambiguous: each letter of the minority script is replaced by its one look-alike
    among the usual letters of the word's majority alphabet (Unicode confusables data, from the
    `confusable-homoglyphs` package, kept in `glossaries/lang/lookalikes.tsv`), and only when
    more than half of the word's letters are in that alphabet, every minority letter has
    exactly one look-alike, and that look-alike is used elsewhere in the text (so a Serbian
    "ј" is never put into a Russian word). Otherwise no fix: "Jоhnсон" (three Latin and four
    Cyrillic letters, with no Cyrillic look-alike for "n") needs
    a person. The first repair of a run reads the look-alike table (about 2 ms; loading the
    package's own data, which it is derived from, takes about 45 ms).

    ## Precision
    30 of 30 findings right on unseen MT output (`benchmarks/judged/LG004.tsv`: every finding
    on wmt21-news-ru-fr en-ru, 9 systems, and wmt24-news-multi en-cs/es/hi/is/ja/uk/zh, 8
    systems each): Latin "i" in Ukrainian words, "ЕТF", "Сánchez", half-translated words
    ("найbezpechnishymi"), Chinese characters inside Ukrainian and Icelandic words. No finding
    on the WMT21 newstest2021 references and sources (en, de, ru, fr).
    Per language (`judged/LG004.LANG.tsv`, every finding with each system folder linted on its
    own): is 3/3, uk 26/26.
    """
    native = target_scripts().get(ctx.lang, frozenset())
    if native and len(native & _ALPHABET_SET) <= 1 and first_foreign_letter(doc, ctx, native) < 0:
        # Every letter's script is native or one LG002 does not know (its scan, shared): a
        # reported word holds letters of two alphabets, or of an alphabet and an unspaced script
        # (in no unspaced target), so of two native scripts, of which one at most is an alphabet.
        return
    unspaced_target = bool(native & UNSPACED)
    for mixed in _mixed_words(doc, unspaced_target):
        names = " and ".join(mixed.scripts)
        yield Hit(mixed.start, mixed.end,
                  f"Word mixes {names} letters: look-alike or stray characters",
                  _repair(mixed, doc.text))
