"""Numbers written with the other convention's separators, in one language's text (NU002).

The decimal and group marks of a language come from CLDR through Babel. A language whose
decimal mark is "," (German, French, Russian, Spanish ...) is checked for numbers written the
English way, a language whose decimal mark is "." (English, Hindi, Japanese ...) for numbers
written the German way. Only readings that cannot be right in the text's language are reported:

- two group separators or more ("1,234,567" where "," is the decimal mark);
- a group separator and then a decimal mark of the other convention ("1,234.5");
- one group of three digits before a counted noun ("2,450 Menschen": 2.45 people is no count)
  or ending in "000" before a word ("75,000 Euro": nobody writes 75 euros to three decimals);
- a decimal mark of the other convention with one or two decimals before a percentage or a
  scale word ("3.5 Prozent", "1.5 Millionen").

Words that make a number a count, a percentage or a scale are data:
``glossaries/numbers/format.toml``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterator

from termcheck.data import from_code_points, read_table, read_text, read_toml, shipped
from termcheck.errors import DataError
from termcheck.lazyre import lazy

# A whole number with at least one "." or "," inside (a number without one is always readable).
_NUMBER = re.compile(r"(?<![0-9A-Za-z.,'/+\-‑_])[0-9]+(?:[.,][0-9]+)+(?![0-9]|[.,][0-9])")
# Every _NUMBER holds a "." or "," between two digits. These patterns start with the mark, a
# literal, so their search skips from mark to mark at C speed; _NUMBER is tried at every digit.
_DIGIT_DOT_DIGIT = re.compile(r"\.(?<=[0-9]\.)(?=[0-9])")
_DIGIT_COMMA_DIGIT = re.compile(r",(?<=[0-9],)(?=[0-9])")
_NUMBER_CHARS = "0123456789.,"
_NUMBER_RUN = re.compile(r"[0-9.,]*")
_MARK = re.compile(r"[.,]")
_WORD_AFTER = lazy(globals(), "_WORD_AFTER",
                   r"[\u00a0\u202f ]?(%|[€$£¥₽₴]|[^\W\d_][\w.'’-]*(?: [^\W\d_]+)?)")
_KEYS = ("count-after", "percent-after", "scale-after")
REGIONAL = "*regional"


@dataclass(frozen=True)
class Separators:
    """Decimal and group marks of a locale (CLDR), and the words that disambiguate."""

    lang: str
    decimal: str
    group: str
    counts: frozenset[str] = frozenset()
    percents: frozenset[str] = frozenset({"%"})
    scales: frozenset[str] = frozenset()

    @property
    def foreign_decimal(self) -> str:
        return "." if self.decimal == "," else ","


@dataclass(frozen=True)
class Misformat:
    """A number at ``start:end`` that the text's language cannot read as written."""

    start: int
    end: int
    text: str
    written: str  # the same value in the text's language
    why: str


def load_words(path: Path) -> dict[str, dict[str, frozenset[str]]]:
    """``{lang: {key: words}}`` from ``format.toml``; a bad entry is a :class:`DataError` naming
    the line of its table."""
    data = dict(read_toml(path))
    lines = read_text(path).splitlines()

    def line_of(lang: str) -> int | None:
        return next((n for n, line in enumerate(lines, 1) if line.strip() == f"[{lang}]"), None)

    regional = data.pop("regional", [])
    if not isinstance(regional, list) or not all(isinstance(v, str) for v in regional):
        raise DataError("regional must be a list of language codes", str(path),
                        next((n for n, line in enumerate(lines, 1)
                              if line.startswith("regional")), None))
    table: dict[str, dict[str, frozenset[str]]] = {REGIONAL: {"": frozenset(regional)}}
    for lang, entry in data.items():
        if not isinstance(entry, dict):
            raise DataError(f"{lang} must be a table of words", str(path))
        unknown = set(entry) - set(_KEYS)
        if unknown:
            raise DataError(f"[{lang}]: unknown key(s) {sorted(unknown)}", str(path),
                            line_of(lang))
        words: dict[str, frozenset[str]] = {}
        for key in _KEYS:
            values = entry.get(key, [])
            if not isinstance(values, list) or not all(isinstance(v, str) and v.strip()
                                                       for v in values):
                raise DataError(f"[{lang}] {key} must be a list of words", str(path),
                                line_of(lang))
            words[key] = frozenset(v.casefold() for v in values)
        table[lang] = words
    return table


@dataclass(frozen=True)
class Conventions:
    """How a locale writes numbers and numeric dates, from CLDR through Babel: the one table of
    decimal and group marks that NU001 (number-mismatch) and NU002 (number-format) share."""

    language: str
    regional: bool  # a language without a region whose regions write numbers differently
    decimal: str
    group: str
    date: str  # order and separator of a short numeric date: "d.m.y", "m/d/y", "y/m/d"


_DATE_FIELDS = {"d": "d", "M": "m", "L": "m", "y": "y"}


@lru_cache(maxsize=128)
def conventions(lang: str) -> Conventions | None:
    """CLDR's number marks and date order of ``lang`` ("de", "de-CH", "pt_BR"): from the shipped
    table for the common languages, else from Babel; ``None`` when CLDR does not know the
    language or its marks are not "." and ","."""
    key = lang.replace("-", "_")
    row = _shipped_cldr().get(key)
    if row is None:
        row = cldr_row(key)
    if row is None:
        return None
    language, territory, decimal, group, date = row
    if decimal not in ".," or group == decimal:
        return None
    regional = not territory and language in _shipped_words()[REGIONAL][""]
    return Conventions(language, regional, decimal, group, date)


CLDR = ("numbers", "cldr.tsv")  # Babel's answers for the languages of lang/scripts.tsv


def cldr_row(locale_id: str) -> tuple[str, bool, str, str, str] | None:
    """``(language, has a territory, decimal mark, group mark, date order)`` of a locale, from
    Babel (``None`` when it does not know it): what :func:`conventions` reads."""
    from babel import Locale, UnknownLocaleError
    from babel.dates import get_date_format
    from babel.numbers import get_decimal_symbol, get_group_symbol

    try:
        locale = Locale.parse(locale_id)
    except (ValueError, TypeError, UnknownLocaleError):
        return None
    return (locale.language, locale.territory is not None, get_decimal_symbol(locale),
            get_group_symbol(locale), _date_order(get_date_format("short", locale).pattern))


@lru_cache(maxsize=1)
def _shipped_cldr() -> dict[str, tuple[str, bool, str, str, str]]:
    """:func:`cldr_row` of the common languages, from ``glossaries/numbers/cldr.tsv``: reading
    it costs ~1 ms, where importing Babel and loading its data for one language costs ~30 ms
    (a test compares it with Babel; ``tools/derived_tables.py`` writes it again)."""
    return {row["locale"]: (row["language"], row["territory"] == "yes",
                            from_code_points(row["decimal"]), from_code_points(row["group"]),
                            row["date"])
            for _, row in read_table(shipped(*CLDR), ("locale", "language", "territory",
                                                      "decimal", "group", "date"))}


def _date_order(pattern: str) -> str:
    """"dd.MM.yy" → "d.m.y", "M/d/yy" → "m/d/y", "y/MM/dd" → "y/m/d" (else "d.m.y")."""
    fields = [_DATE_FIELDS[c] for c in dict.fromkeys(re.sub(r"[^dMLy]", "", pattern))]
    separator = next((c for c in pattern if c in "./-"), ".")
    return separator.join(fields) if sorted(fields) == ["d", "m", "y"] else "d.m.y"


@lru_cache(maxsize=64)
def separators(lang: str) -> Separators | None:
    """The marks of ``lang`` ("de", "de-CH", "pt_BR") from Babel; ``None`` when unknown, and for
    a language whose regions differ given without a region ("es")."""
    marks = conventions(lang)
    if marks is None or marks.regional:
        return None  # "es" alone: Spain and the Americas write numbers differently
    decimal, group = marks.decimal, marks.group
    words = _shipped_words().get(marks.language, {})
    return Separators(lang, decimal, group, words.get("count-after", frozenset()),
                      words.get("percent-after", frozenset()) | {"%"},
                      words.get("scale-after", frozenset()))


@lru_cache(maxsize=1)
def _shipped_words() -> dict[str, dict[str, frozenset[str]]]:
    return load_words(shipped("numbers", "format.toml"))


def _word_after(text: str, end: int) -> tuple[str, str]:
    """The word (and the two-word phrase) right after a number, case-folded ("" when none)."""
    match = _WORD_AFTER.match(text, end, end + 40)
    if not match:
        return "", ""
    phrase = match.group(1).casefold()
    return phrase.split(" ")[0], phrase


def _in(words: frozenset[str], word: str, phrase: str) -> str:
    """The listed one of ``phrase`` and ``word``, with or without the full stop that follows
    it ("" when neither is listed)."""
    for candidate in (phrase, phrase.rstrip("."), word, word.rstrip(".")):
        if candidate and candidate in words:
            return candidate
    return ""


def _is_ip_address(groups: list[str]) -> bool:
    return len(groups) == 4 and all(int(g) <= 255 for g in groups)


def _rewrite(int_groups: list[str], decimals: str, marks: Separators) -> str:
    whole = marks.group.join(int_groups)
    return f"{whole}{marks.decimal}{decimals}" if decimals else whole


def _misread(text: str, number: str, end: int, marks: Separators) -> tuple[str, str] | None:
    """``(written, why)`` when ``number`` uses the other convention unambiguously."""
    other_group, other_decimal = marks.decimal, marks.foreign_decimal
    seps = _MARK.findall(number)
    groups = _MARK.split(number)
    if not seps:
        return None
    word, phrase = _word_after(text, end)
    if set(seps) == {other_group} and 1 <= len(groups[0]) <= 3 \
            and all(len(g) == 3 for g in groups[1:]):
        if len(seps) >= 2 and not _is_ip_address(groups):
            return _rewrite(groups, "", marks), "two group separators"
        if len(seps) == 1 and groups[0] != "0":
            if counted := _in(marks.counts, word, phrase):
                return _rewrite(groups, "", marks), f"a count of '{counted}'"
            if groups[1] == "000" and word and not _in(marks.scales | marks.percents, word,
                                                       phrase):
                return _rewrite(groups, "", marks), "three zero decimals"
        return None
    if len(seps) >= 2 and seps[-1] == other_decimal and set(seps[:-1]) == {other_group} \
            and 1 <= len(groups[0]) <= 3 and all(len(g) == 3 for g in groups[1:-1]):
        return _rewrite(groups[:-1], groups[-1], marks), "group and decimal marks swapped"
    unit = _in(marks.percents | marks.scales, word, phrase)
    if seps == [other_decimal] and 1 <= len(groups[1]) <= 2 and unit:
        return _rewrite([groups[0]], groups[1], marks), f"a decimal before '{unit}'"
    return None


def _numbers(text: str) -> Iterator[re.Match[str]]:
    """The matches of :data:`_NUMBER` in ``text``, in order. A match can only start where a run
    of digits and marks starts (inside one, the lookbehind fails), and each run holds at most
    one; so each run around a mark between two digits is tried once, at its start."""
    marks = sorted([m.start() for m in _DIGIT_DOT_DIGIT.finditer(text)]
                   + [m.start() for m in _DIGIT_COMMA_DIGIT.finditer(text)])
    done = 0
    for mark in marks:
        if mark < done:
            continue  # in the run already tried
        start = mark
        while start > 0 and text[start - 1] in _NUMBER_CHARS:
            start -= 1
        done = _NUMBER_RUN.match(text, mark).end()
        match = _NUMBER.match(text, start)
        if match is not None:
            yield match


def find_misformats(text: str, lang: str) -> list[Misformat]:
    """Numbers of ``text`` that language ``lang`` cannot read as written."""
    numbers = list(_numbers(text))
    marks = separators(lang) if numbers else None  # Babel's data is loaded only when needed
    if marks is None:
        return []
    found = []
    for match in numbers:
        number = match.group()
        result = _misread(text, number, match.end(), marks)
        if result is not None:
            written, why = result
            found.append(Misformat(match.start(), match.end(), number, written, why))
    return found
