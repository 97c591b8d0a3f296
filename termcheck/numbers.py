"""Numbers in text, read the way the text's language writes them (used by NU001).

``find_numbers(text, lang)`` returns every number written with digits and what it may stand for:
"5.800" in German is 5800, in English 5.8; "3,5" in German is 3.5. Each number carries
``keys`` (its readings in its own language) and ``foreign`` (its reading in the other convention,
when the separators say it was written the other way round), so that a bilingual check can tell a
changed number from a number written with the source language's separators.

What is read, and what is not (precision first):

- grouped digits ("5.800", "5,800", "5 800", "1.234.567,5") when the groups are of three digits;
  anything else is split into separate numbers;
- a scale word after a number adds the scaled value ("5,8 Mio." is also 5800000);
- a clock time ("14:30", "14.30 Uhr", "2.30 pm") is compared on a 12-hour dial, and "14 Uhr"
  matches "2 p.m.";
- a two-digit decade ("90er", "90-х", "'90s") also stands for 1990 and 2090;
- the month of a numeric date ("23.11.2026") is *soft*: it is usually written as a word in a
  translation, so it is neither required nor blamed;
- digits glued to a letter ("G20", "MH17", "COVID-19", "Су-35") are codes: soft as well;
- signs, fractions and Roman numerals are ignored; number words ("three", "half") are read by
  :func:`word_values` from ``glossaries/numbers/words.tsv``.

Conventions per language are data: ``glossaries/numbers/locales.toml``, ``scales.tsv``.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import Hashable

import regex

from termcheck.data import read_table, read_toml, shipped

# Digits, possibly grouped or with a decimal mark; separators are single characters. A letter
# glued before the digits makes a code ("G20"), except a letter of a script written without
# spaces ("の2022年", "于2022年").
_UNSPACED = r"\p{Han}\p{Hiragana}\p{Katakana}\p{Thai}"
_TOKEN = regex.compile(rf"(?<!(?![{_UNSPACED}])\w)\d+(?:[.,/'\u00a0\u202f\u2009 ]\d+)*")
_SEPARATOR = re.compile(r"[.,/'\u00a0\u202f\u2009 ]")
# A clock time: "14:30", Armenian "14։30", French "14h30" / "14 h 30".
_CLOCK = re.compile(r"(?<![\w.,:])(\d{1,2})(?:[:։]|\s?h\s?)(\d{2})(?![\d:])")
# A time written with a dot ("15.00", "7.30"), in a language whose decimal mark is a comma.
_DOT_TIME = re.compile(r"(\d{1,2})\.(\d{2})")
# A Roman numeral of two letters or more: centuries and ordinals ("XVI века", "XXI siècle").
_ROMAN = re.compile(r"(?<![\w])[IVXLC]{2,7}(?![\w])")
_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
_YEAR_RANGE = re.compile(r"(\d{2})\d{2}\s?[-–—/]\s?$")
_RANGE_TAIL = re.compile(r"\s?[-–—]\s?\d+(?:[.,]\d+)?")
_WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")
_SPACES = " \u00a0\u202f"
_SPACE_PARTS = re.compile(r"[^ \u00a0\u202f\u2009]+")
_DECIMAL_MARKS = (".", ",")
DEFAULT_LANG = "en"

Key = Hashable  # a Decimal value, ("t", hour on a 12-hour dial, minute), ("h", hour), ("m", min)


@dataclass(frozen=True)
class Locale:
    """How one language writes numbers (see ``glossaries/numbers/locales.toml``)."""

    lang: str
    decimal: str
    group: frozenset[str]
    write_group: str
    time_after: tuple[str, ...] = ()
    decade_after: tuple[str, ...] = ()
    date: str = "d.m.y"
    convertible_after: tuple[str, ...] = ()
    word_suffixes: tuple[str, ...] = ()
    word_joiner: str = ""
    minute_after: tuple[str, ...] = ()
    regional: bool = False  # a bare language whose regions write numbers differently ("es")

    @property
    def date_separator(self) -> str:
        return self.date[1]

    @property
    def month_index(self) -> int:
        return self.date.split(self.date_separator).index("m")


@dataclass(frozen=True)
class NumberData:
    """Locales, number words and scale words, loaded once.

    ``extras`` holds what ``glossaries/numbers/locales.toml`` says of a language beyond CLDR;
    ``locales`` caches the :class:`Locale` of each tag asked for."""

    extras: dict[str, dict]
    words: dict[str, dict[str, frozenset[Decimal]]]
    scales: dict[str, dict[str, int]]
    locales: dict[str, Locale] = dataclasses.field(default_factory=dict)
    word_tables: dict[str, dict[str, frozenset[Decimal]]] = dataclasses.field(
        default_factory=dict)

    def locale(self, lang: str) -> Locale:
        """The conventions of ``lang`` ("de", "de-CH"): decimal and group marks and the order
        of numeric dates from CLDR (:func:`termcheck.numberformat.conventions`, the table NU002
        reads too), the rest from ``locales.toml`` by language; "en" when CLDR does not know
        the language."""
        tag = (lang or DEFAULT_LANG).replace("_", "-")
        if tag not in self.locales:
            self.locales[tag] = self._build(tag)
        return self.locales[tag]

    def words_of(self, lang: str) -> dict[str, frozenset[Decimal]]:
        """The number words of language ``lang``: cardinals and ordinals written by the
        num2words library, with the forms of ``words.tsv`` (inflections, "twice", "half")."""
        if lang not in self.word_tables:
            merged = {w: set(v) for w, v in library_words(lang).items()}
            for word, values in self.words.get(lang, {}).items():
                merged.setdefault(word, set()).update(values)
            self.word_tables[lang] = {w: frozenset(v) for w, v in merged.items()}
        return self.word_tables[lang]

    def _build(self, tag: str) -> Locale:
        from termcheck.numberformat import conventions

        marks = conventions(tag)
        if marks is None:
            return self.locale(DEFAULT_LANG) if tag != DEFAULT_LANG else _fallback_locale()
        table = self.extras.get(marks.language, {})
        group = set(table.get("also-group", ())) | {marks.group}
        if marks.group in _SPACE_GROUPS:
            group |= _SPACE_GROUPS
        return Locale(
            marks.language, marks.decimal, frozenset(group - {marks.decimal}), marks.group,
            tuple(table.get("time-after", ())), tuple(table.get("decade-after", ())),
            marks.date, tuple(table.get("convertible-after", ())),
            tuple(table.get("word-suffixes", ())), table.get("word-joiner", ""),
            tuple(table.get("minute-after", ())), marks.regional)


@dataclass(frozen=True)
class Number:
    """A number at ``text[start:end]`` and the values it may stand for."""

    start: int
    end: int
    text: str
    keys: frozenset[Key] = frozenset()
    foreign: frozenset[Key] = frozenset()
    soft: bool = False  # a date's month, a code or a convertible measure: never required
    int_digits: str = ""
    frac_digits: str = ""
    grouped: bool = False

    @property
    def accepted(self) -> frozenset[Key]:
        """What a source number may be rendered as: its readings, else the other convention's."""
        return self.keys or self.foreign


def _fallback_locale() -> Locale:
    return Locale(DEFAULT_LANG, ".", frozenset({","}), ",", date="m/d/y")


@lru_cache(maxsize=1)
def number_data() -> NumberData:
    """The shipped number conventions (``glossaries/numbers/``) over CLDR's (Babel)."""
    return load_number_data(shipped("numbers", "locales.toml"), shipped("numbers", "words.tsv"),
                            shipped("numbers", "scales.tsv"))


_SPACE_GROUPS = frozenset(" \u00a0\u202f\u2009")  # a space-like group mark: any of them is met
_LOCALE_KEYS = {"also-group": list, "time-after": list, "decade-after": list,
                "convertible-after": list, "word-suffixes": list, "word-joiner": str,
                "minute-after": list}


def load_number_data(locales_path: Path, words_path: Path, scales_path: Path) -> NumberData:
    """Read the three number data files; errors name the file and line."""
    from termcheck.errors import DataError

    extras: dict[str, dict] = {}
    for lang, table in read_toml(locales_path).items():
        if not isinstance(table, dict):
            raise DataError(f"[{lang}] must be a table", str(locales_path))
        for key, value in table.items():
            kind = _LOCALE_KEYS.get(key)
            if kind is None:
                raise DataError(f"[{lang}] {key}: unknown key", str(locales_path))
            if not isinstance(value, kind):
                raise DataError(f"[{lang}] {key} must be a {kind.__name__}", str(locales_path))
        extras[lang] = table
    words: dict[str, dict[str, set[Decimal]]] = {}
    for line, row in read_table(words_path, ("lang", "word", "value")):
        words.setdefault(row["lang"], {}).setdefault(row["word"].casefold(), set()).add(
            _decimal(row["value"], words_path, line))
    scales: dict[str, dict[str, int]] = {}
    for line, row in read_table(scales_path, ("lang", "word", "multiplier")):
        scales.setdefault(row["lang"], {})[row["word"].casefold()] = int(
            _decimal(row["multiplier"], scales_path, line))
    return NumberData(extras,
                      {lang: {w: frozenset(v) for w, v in table.items()}
                       for lang, table in words.items()},
                      scales)


def _decimal(value: str, path: Path, line: int) -> Decimal:
    from decimal import InvalidOperation

    from termcheck.errors import DataError

    try:
        return Decimal(value)
    except InvalidOperation:
        raise DataError(f"not a number: {value!r}", str(path), line) from None


def find_numbers(text: str, lang: str, data: NumberData | None = None,
                 source: bool = False) -> list[Number]:
    """Every number written with digits in ``text``, read as language ``lang`` writes them.

    With ``source``, measures a translation may convert ("80 feet") are soft (not required).
    """
    data = data or number_data()
    locale = data.locale(lang)
    found: list[Number] = []
    masked = list(text)
    for match in _CLOCK.finditer(text):
        hour, minute = int(match.group(1)), int(match.group(2))
        if hour <= 24 and minute <= 59:
            found.append(Number(match.start(), match.end(), match.group(),
                                _clock_keys(hour, minute, source)))
            masked[match.start():match.end()] = "#" * (match.end() - match.start())
    for match in _TOKEN.finditer("".join(masked)):
        found.extend(_read_token(text, match.start(), match.group(), locale, data, source))
    if not source and locale.decimal != ".":
        found = [_as_dot_time(n) for n in found]
    return sorted(found, key=lambda n: n.start)


def _as_dot_time(number: Number) -> Number:
    """A target's "15.00" in a language with a decimal comma may be the time 15:00 as well."""
    match = _DOT_TIME.fullmatch(number.text)
    if match is None or int(match.group(1)) > 24 or int(match.group(2)) > 59:
        return number
    keys = number.keys | _clock_keys(int(match.group(1)), int(match.group(2)), False)
    return dataclasses.replace(number, keys=keys)


def roman_values(text: str) -> set[Key]:
    """The values of the Roman numerals of ``text`` ("XVI" → 16): a target may write a
    century or an ordinal so ("16th century" → "XVI века")."""
    values: set[Key] = set()
    for match in _ROMAN.finditer(text):
        digits = [_ROMAN_VALUES[c] for c in match.group()]
        value = sum(-d if i + 1 < len(digits) and d < digits[i + 1] else d
                    for i, d in enumerate(digits))
        if 0 < value <= 100:
            values.add(Decimal(value))
    return values


def _clock_keys(hour: int, minute: int, source: bool) -> frozenset[Key]:
    """A clock time matches the same time on a 12-hour dial; a target's also matches its hour
    and its minutes written apart ("17 часов 47 минут" → "5:47 PM")."""
    keys: set[Key] = {("t", hour % 12, minute)}
    if minute == 0:
        keys |= {Decimal(hour), Decimal(hour % 12 or 12)}
    if not source:
        keys |= {("h", hour % 12), ("m", minute)}
    return frozenset(keys)


# What num2words writes for a language: every cardinal to 100, the hundreds, a thousand, and
# the ordinals of a month's days and of the tens. Larger numbers are composed by word_values.
_CARDINALS = (*range(101), *range(200, 1000, 100), 1000)
_ORDINALS = (*range(1, 32), *range(40, 101, 10))
_HAN = regex.compile(r"\p{Han}")
_HAN_REST = regex.compile(r"\p{Han}(\d{1,4})(?![\d.,])")


@lru_cache(maxsize=64)
def library_words(lang: str) -> dict[str, frozenset[Decimal]]:
    """Cardinal and ordinal number words of ``lang`` written by num2words ("two", "zwei",
    "deux", "два", "二"); empty for a language num2words does not know."""
    try:
        from num2words import num2words
    except ImportError:  # pragma: no cover - a declared dependency
        return {}
    words: dict[str, set[Decimal]] = {}
    for kind, values in (("cardinal", _CARDINALS), ("ordinal", _ORDINALS)):
        for value in values:
            try:
                written = num2words(value, lang=lang, to=kind)
            except (NotImplementedError, KeyError, ValueError, TypeError, OverflowError,
                    AttributeError, IndexError):
                break
            words.setdefault(written.casefold().strip(), set()).add(Decimal(value))
    return {w: frozenset(v) for w, v in words.items() if w}


@lru_cache(maxsize=64)
def _han_numerals(words: frozenset[str]) -> regex.Pattern[str] | None:
    """Runs of the ideographs that the number words of a language are written with."""
    characters = sorted({c for w in words for c in w if _HAN.fullmatch(c)})
    return regex.compile(f"[{''.join(characters)}]+") if characters else None


@lru_cache(maxsize=64)
def _phrases(words: frozenset[str]) -> regex.Pattern[str] | None:
    """Number words of several words ("vingt et un", "one hundred"), longest first."""
    phrases = sorted((w for w in words if " " in w), key=len, reverse=True)
    if not phrases:
        return None
    return regex.compile(r"(?<!\w)(?:" + "|".join(regex.escape(p) for p in phrases) + r")(?!\w)")


def word_values(text: str, lang: str, data: NumberData | None = None) -> set[Key]:
    """The values of the number words of ``text``: "three" → 3, "half" → 0.5 and 50,
    "forty-six" and "сорок шесть" → 46, "sechsundvierzig" → 46, "zwölfte" → 12,
    "vingt et un" → 21, "五" → 5 (words of a language from num2words and ``words.tsv``)."""
    data = data or number_data()
    locale = data.locale(lang)
    table = data.words_of(locale.lang)
    values: set[Key] = set()
    if not table:
        return values
    folded = text.casefold()
    phrases = _phrases(frozenset(table))
    if phrases is not None:
        for match in phrases.finditer(folded):
            values |= table[match.group()]
    numerals = _han_numerals(frozenset(table))
    if numerals is not None:  # a script without spaces: each run of numerals ("五人" → 5)
        for match in numerals.finditer(text):
            values |= table.get(match.group(), frozenset())
    previous: set[Decimal] = set()
    previous_end = -2
    for match in _WORD.finditer(text):
        current: set[Decimal] = set()
        word = match.group().casefold()
        parts = re.split(r"[-'’]", word)
        for part in (word, *parts):
            current |= _word_value(part, table, locale)
        if len(parts) == 2:
            current |= _compound(_word_value(parts[0], table, locale),
                                 _word_value(parts[1], table, locale))
        if match.start() - previous_end <= 1:
            current |= _compound(previous, current)
        values |= current
        previous, previous_end = current, match.end()
    return values


def _word_value(word: str, table: dict[str, frozenset[Decimal]], locale: Locale) -> set[Decimal]:
    found = set(table.get(word, ()))
    if not found:
        for suffix in locale.word_suffixes:
            if word.endswith(suffix) and word[:-len(suffix)] in table:
                found |= table[word[:-len(suffix)]]
                break
    joiner = locale.word_joiner
    if not found and joiner and joiner in word[1:-1]:
        units, _, tens = word.partition(joiner)
        found |= _compound(_word_value(tens, table, locale), table.get(units, frozenset()))
    return found


def _compound(tens: set[Decimal] | frozenset[Decimal],
              units: set[Decimal] | frozenset[Decimal]) -> set[Decimal]:
    """Tens and units side by side: "forty" "six" → 46."""
    return {t + u for t in tens for u in units
            if 20 <= t <= 90 and t % 10 == 0 and 1 <= u <= 9 and u == int(u)}


def _read_token(text: str, start: int, token: str, locale: Locale, data: NumberData,
                source: bool) -> list[Number]:
    groups = _SEPARATOR.split(token)
    seps = _SEPARATOR.findall(token)
    end = start + len(token)
    if _is_code(text, start) or "/" in seps:  # COVID-19, Су-35; fractions 1/8, dates 9/11
        return [Number(start, end, token, _plain_keys(token), soft=True)]
    time = _marked_time(text, end, groups, seps, locale)
    if time is not None:
        return [Number(start, end, token, time)]
    date = _date_parts(text, start, end, groups, seps, locale)
    if date is not None:
        return date
    reading = _reading(groups, seps, locale)
    if reading is None:
        return _split(text, start, token, locale, data, source)
    keys, foreign, int_digits, frac_digits, grouped = reading
    keys, foreign = _with_context(text, start, end, groups, keys, foreign, locale, data)
    soft = source and _convertible(text, end, locale)
    return [Number(start, end, token, keys, foreign, soft, int_digits, frac_digits, grouped)]


def _is_code(text: str, start: int) -> bool:
    """Digits glued to a letter before them, or to "letter-" ("COVID-19", "Су-35")."""
    return start >= 2 and text[start - 1] in "-‑" and text[start - 2].isalpha()


def _plain_keys(token: str) -> frozenset[Key]:
    """Each group's value, and a decimal's ("cases-49.2%" still reads 49.2)."""
    groups, seps = _SEPARATOR.split(token), _SEPARATOR.findall(token)
    keys: set[Key] = {Decimal(g) for g in groups}
    if len(seps) == 1 and seps[0] in _DECIMAL_MARKS:
        keys.add(Decimal(f"{groups[0]}.{groups[1]}"))
    return frozenset(keys)


def _reading(groups: list[str], seps: list[str], locale: Locale
             ) -> tuple[frozenset[Key], frozenset[Key], str, str, bool] | None:
    """Native and foreign readings of a grouped number; ``None`` when it is several numbers."""
    if not seps:
        return frozenset({Decimal(groups[0])}), frozenset(), groups[0], "", False
    whole, last = groups[:-1], groups[-1]
    if _grouped(groups, seps, locale):
        value = Decimal("".join(groups))
        foreign = (frozenset({Decimal(f"{groups[0]}.{last}")})
                   if len(seps) == 1 and seps[0] in _DECIMAL_MARKS and last.strip("0")
                   else frozenset())
        return frozenset({value}), foreign, "".join(groups), "", True
    if seps[-1] == locale.decimal and (len(seps) == 1 or _grouped(whole, seps[:-1], locale)):
        value = Decimal(f"{''.join(whole)}.{last}")
        foreign = frozenset()
        if len(seps) == 1 and len(last) == 3 and len(groups[0]) <= 3:  # "5,800" in German
            foreign = frozenset({Decimal("".join(groups))})
        return frozenset({value}), foreign, "".join(whole), last, len(seps) > 1
    if len(seps) == 1 and seps[0] in _DECIMAL_MARKS and len(last) != 3:
        return frozenset(), frozenset({Decimal(f"{groups[0]}.{last}")}), groups[0], last, False
    return None


def _grouped(groups: list[str], seps: list[str], locale: Locale) -> bool:
    """Digits in groups of three after a first group of one to three, one separator throughout
    (or the Indian 2,06,737)."""
    if not seps or len(set(seps)) != 1 or seps[0] not in locale.group or seps[0] == locale.decimal:
        return False
    if 1 <= len(groups[0]) <= 3 and all(len(g) == 3 for g in groups[1:]):
        return True
    return (len(groups) > 2 and 1 <= len(groups[0]) <= 2
            and all(len(g) == 2 for g in groups[1:-1]) and len(groups[-1]) == 3)


def _marked_time(text: str, end: int, groups: list[str], seps: list[str],
                 locale: Locale) -> frozenset[Key] | None:
    """Keys of "14.30 Uhr", "14 Uhr", "2 pm", "0200GMT" or "17 часов"; ``None`` otherwise."""
    if _followed_by(text, end, locale.time_after) is None:
        return None
    if len(groups) == 1 and int(groups[0]) <= 24:
        hour = int(groups[0])
        return frozenset({Decimal(hour), Decimal(hour % 12 or 12), Decimal(hour % 12 + 12),
                          ("t", hour % 12, 0), ("h", hour % 12)})
    if len(groups) == 1 and len(groups[0]) == 4:
        groups, seps = [groups[0][:2], groups[0][2:]], ["."]
    if len(groups) != 2 or len(groups[1]) != 2 or seps[0] != ".":
        return None
    hour, minute = int(groups[0]), int(groups[1])
    if hour > 24 or minute > 59:
        return None
    return _clock_keys(hour, minute, True) | {Decimal(int("".join(groups)))}


def _date_parts(text: str, start: int, end: int, groups: list[str], seps: list[str],
                locale: Locale) -> list[Number] | None:
    """Day and year of "23.11.2026", "23.11." or "9/11" (the month is soft); else ``None``."""
    if not seps or set(seps) != {locale.date_separator}:
        return None
    dated = len(groups) == 3 and len(groups[2]) in (2, 4)
    dated_short = len(groups) == 2 and (text[end:end + 1] == "." or locale.date_separator == "/")
    if not (dated or dated_short) or len(groups[0]) > 2 or len(groups[1]) > 2:
        return None
    month = locale.month_index
    day = 1 - month if month < 2 else 0
    if not (1 <= int(groups[day]) <= 31 and 1 <= int(groups[month]) <= 12):
        return None
    parts = []
    position = start
    for index, group in enumerate(groups):
        keys: set[Key] = {Decimal(group)}
        if index == 2 and len(group) == 2:
            keys |= {Decimal(1900 + int(group)), Decimal(2000 + int(group))}
        parts.append(Number(position, position + len(group), group, frozenset(keys),
                            soft=index == month, int_digits=group))
        position += len(group) + 1
    return parts


def _reads_as_one(token: str, locale: Locale) -> bool:
    return _reading(_SEPARATOR.split(token), _SEPARATOR.findall(token), locale) is not None


def _split(text: str, start: int, token: str, locale: Locale, data: NumberData,
           source: bool) -> list[Number]:
    """A token that is no single number: each part between spaces read as a token of its own
    ("2023 3.692" is a year and a grouped number), else each run of digits on its own."""
    parts = [(m.start(), m.end()) for m in _SPACE_PARTS.finditer(token)]
    if len(parts) > 1:
        numbers = []
        while parts:
            end = next(j for j in range(len(parts) - 1, -1, -1)
                       if j == 0 or _reads_as_one(token[parts[0][0]:parts[j][1]], locale))
            piece = token[parts[0][0]:parts[end][1]]
            numbers.extend(_read_token(text, start + parts[0][0], piece, locale, data, source))
            parts = parts[end + 1:]
        return numbers
    numbers = []
    for match in re.finditer(r"\d+", token):
        begin, finish = start + match.start(), start + match.end()
        keys, foreign = _with_context(text, begin, finish, [match.group()],
                                      frozenset({Decimal(match.group())}), frozenset(), locale,
                                      data)
        numbers.append(Number(begin, finish, match.group(), keys, foreign,
                              source and _convertible(text, finish, locale),
                              int_digits=match.group()))
    return numbers


def _with_context(text: str, start: int, end: int, groups: list[str], keys: frozenset[Key],
                  foreign: frozenset[Key], locale: Locale,
                  data: NumberData) -> tuple[frozenset[Key], frozenset[Key]]:
    """Add scaled values ("5,8 Mio."), decades ("90er", "1990s"), years of a range ("2021–22")
    and minutes ("47 минут")."""
    scale = _scale_after(text, end, locale, data)
    extra: set[Key] = set()
    if scale:
        extra |= {k * scale for k in keys if isinstance(k, Decimal)}
        foreign = foreign | {k * scale for k in foreign if isinstance(k, Decimal)}
        rest = _HAN_REST.match(text, end)  # "1万2500" is 12500
        if rest:
            extra |= {k * scale + Decimal(rest.group(1)) for k in keys if isinstance(k, Decimal)}
    digits = "".join(groups)
    decade = (_followed_by(text, end, locale.decade_after, glued=True) is not None
              or text[start - 1:start] in ("'", "’"))
    if len(digits) == 2:
        century = _YEAR_RANGE.search(text[max(0, start - 8):start])
        if century:
            extra.add(Decimal(int(century.group(1)) * 100 + int(digits)))
        if decade:
            extra |= {Decimal(1900 + int(digits)), Decimal(2000 + int(digits))}
    elif len(digits) == 4 and decade:
        extra.add(Decimal(int(digits) % 100))
    if len(groups) == 1 and _followed_by(text, end, locale.minute_after) is not None:
        extra.add(("m", int(digits)))
    return keys | extra, foreign


def _convertible(text: str, end: int, locale: Locale) -> bool:
    """A measure a translation may convert: "80 feet", "550-acre", "5-10 acres"."""
    if not locale.convertible_after:
        return False
    tail = _RANGE_TAIL.match(text, end)
    position = tail.end() if tail else end
    if text[position:position + 1] == "-":
        position += 1
    return _followed_by(text, position, locale.convertible_after) is not None


def _scale_after(text: str, end: int, locale: Locale, data: NumberData) -> int:
    """The multiplier of a scale word right after a number ("Mio.", "million"), else 0."""
    table = data.scales.get(locale.lang, {})
    match = re.match(r"[ \u00a0\u202f]?([^\W\d_]+\.?)", text[end:end + 24])
    if not match or not table:
        return 0
    word = match.group(1).casefold()
    found = table.get(word) or table.get(word.rstrip(".")) or 0
    if not found and _HAN.match(word):  # "5万人": a script without spaces glues the noun on
        found = table.get(word[:1], 0)
    return found


def _followed_by(text: str, end: int, words: tuple[str, ...], glued: bool = False) -> str | None:
    """The first of ``words`` right after ``end`` (after one optional space unless ``glued``),
    ending at a word boundary."""
    rest = text[end:end + 32]
    candidates = [rest]
    if not glued and rest[:1] in _SPACES and rest:
        candidates.append(rest[1:])
    for candidate in candidates:
        for word in words:
            if candidate[:len(word)].casefold() == word.casefold():
                after = candidate[len(word):len(word) + 1]
                if not (after.isalnum() and word[-1:].isalnum()):
                    return word
    return None


def format_number(number: Number, locale: Locale) -> str:
    """``number`` as ``locale`` writes it: "5.800" (de) → "5,800" (en); "3,5" → "3.5"."""
    digits = number.int_digits
    if not digits:
        return ""
    if number.grouped or len(digits) >= 5:
        head = len(digits) % 3 or 3
        parts = [digits[:head]] + [digits[i:i + 3] for i in range(head, len(digits), 3)]
        digits = locale.write_group.join(parts)
    return f"{digits}{locale.decimal}{number.frac_digits}" if number.frac_digits else digits


# A numeric date of three parts: "3/4/2021", "4.3.2021", "2021-03-04", "04.03.21".
_NUMERIC_DATE = re.compile(
    r"(?<![\w.,/:-])(\d{1,4})([./-])(\d{1,2})\2(\d{2}|\d{4})(?![\w]|[.,/:-]\d)")


@dataclass(frozen=True)
class NumericDate:
    """A numeric date at ``text[start:end]``: its three parts as written, in their order."""

    start: int
    end: int
    text: str
    parts: tuple[int, int, int]
    separator: str

    @property
    def year_first(self) -> bool:
        return len(self.text.split(self.separator)[0]) == 4


def find_dates(text: str) -> list[NumericDate]:
    """The numeric dates of ``text`` (whatever the order: :func:`date_readings` reads them)."""
    found = []
    for match in _NUMERIC_DATE.finditer(text):
        first, separator, second, third = match.groups()
        if len(first) == 3 or (len(first) == 4 and len(third) == 4):
            continue
        if len(first) == 4 and len(third) > 2:
            continue
        found.append(NumericDate(match.start(), match.end(), match.group(),
                                 (int(first), int(second), int(third)), separator))
    return found


@lru_cache(maxsize=64)
def date_orders(lang: str) -> frozenset[str]:
    """Whether ``lang`` writes the day or the month first in a numeric date ("dm", "md"),
    from CLDR: one order for a tag with a region ("en-GB"), every order of its regions for a
    bare language ("en" is both: the United States write the month first, Britain the day)."""
    from babel.localedata import locale_identifiers

    from termcheck.numberformat import conventions

    tag = lang.replace("_", "-")
    if "-" in tag:
        tags = [tag]
    else:
        tags = [i for i in locale_identifiers() if i == tag or i.startswith(f"{tag}_")]
    orders = set()
    for candidate in tags:
        marks = conventions(candidate)
        if marks is not None and not marks.date.startswith("y"):
            fields = marks.date.replace(marks.date[1], "")
            orders.add("dm" if fields.index("d") < fields.index("m") else "md")
    return frozenset(orders)


def date_readings(date: NumericDate, lang: str) -> set[tuple[int, int, int]]:
    """The (day, month, year) ``date`` may stand for in ``lang`` (years by their last two
    digits); a year-first date is year-month-day everywhere."""
    first, second, third = date.parts
    if date.year_first:
        candidates = [(third, second, first % 100)]
    else:
        candidates = [(first, second, third % 100) if order == "dm" else
                      (second, first, third % 100) for order in sorted(date_orders(lang))]
    return {c for c in candidates if 1 <= c[0] <= 31 and 1 <= c[1] <= 12}


def write_date(date: NumericDate, day: int, month: int, lang: str) -> str | None:
    """``date`` with ``day`` and ``month`` in the order of ``lang`` (``None`` when the
    language's regions disagree on it); the year and the separator as written."""
    orders = date_orders(lang)
    if len(orders) != 1 or date.year_first:
        return None
    width = [len(p) for p in date.text.split(date.separator)]
    day_text, month_text = str(day).zfill(width[0]), str(month).zfill(width[1])
    head = (day_text, month_text) if "dm" in orders else (month_text, day_text)
    return date.separator.join((*head, date.text.split(date.separator)[2]))
