"""Units and currencies after (or before) a number, for NU001 (number-mismatch) in bilingual mode.

A translation may convert a measure ("5 miles" → "8 km") and may write a currency its own way
("$5" → "5 Dollar", "5 USD", "5 $"). This module reads both in any language CLDR knows:

- the words of a unit (names, plurals, abbreviations: "miles", "Meilen", "миль", "mi") come
  from CLDR through Babel (``babel.units.format_unit``); which units, their dimension and their
  size are data (``glossaries/numbers/units.toml``);
- the symbols, codes and names of a currency ("$", "US$", "USD", "dollars", "Dollar",
  "долларов") come from CLDR through Babel as well (``babel.numbers``).

:func:`find_measures` and :func:`find_currencies` take the numbers :func:`termcheck.numbers.
find_numbers` found in a text; :func:`converts` tells whether one measure is a rounded
conversion of another.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from typing import TYPE_CHECKING

import regex

from termcheck.data import read_toml, shipped

if TYPE_CHECKING:
    from termcheck.numbers import Number

_COUNTS = (1, 2, 5, 21, Decimal("1.5"))
_LENGTHS = ("long", "short", "narrow")
_GAP = regex.compile(r"[ \u00a0\u202f\u2009-]?")
_RELATIVE_TOLERANCE = 0.12  # "5 miles" is "8 km" (8.05), "80 feet" "25 Meter" (24.4)
_ABSOLUTE_TOLERANCE = 0.6  # "1 mile" may be "2 km" as well as "1.6 km"
_TEMPERATURE_TOLERANCE = 1.5  # degrees: "100 °F" is "38 °C" (37.8)
# Currencies whose words and symbols are read: the ones CLDR gives a symbol of their own in
# English, and the codes of the world's most traded ones.
_MAJOR_CURRENCIES = ("USD", "EUR", "GBP", "JPY", "CNY", "RUB", "UAH", "CHF", "CAD", "AUD",
                     "INR", "TRY", "PLN", "CZK", "SEK", "NOK", "DKK", "KZT", "BYN", "BRL",
                     "MXN", "KRW", "HKD", "ILS", "ISK", "HUF", "RON", "BGN", "GEL", "AMD",
                     "AZN", "ZAR", "NZD", "SGD")


@dataclass(frozen=True)
class Unit:
    """A unit of ``units.toml``: its CLDR id, dimension and size in the dimension's base."""

    id: str
    dimension: str
    factor: float
    offset: float = 0.0

    def to_base(self, value: float) -> float:
        return value * self.factor + self.offset


@dataclass(frozen=True)
class Measure:
    """A number at ``number`` followed by a unit ending at ``end``."""

    number: Number
    unit: Unit
    end: int

    @property
    def values(self) -> frozenset[Decimal]:
        return frozenset(k for k in self.number.accepted if isinstance(k, Decimal))


@lru_cache(maxsize=1)
def units() -> dict[str, Unit]:
    """The units of ``glossaries/numbers/units.toml``; a bad entry names the file."""
    from termcheck.errors import DataError

    path = shipped("numbers", "units.toml")
    found = {}
    for unit_id, table in read_toml(path).items():
        try:
            found[unit_id] = Unit(unit_id, str(table["dimension"]), float(table["factor"]),
                                  float(table.get("offset", 0.0)))
        except (KeyError, TypeError, ValueError, AttributeError):
            raise DataError(f"[{unit_id}] needs a dimension and a numeric factor",
                            str(path)) from None
    return found


def _babel_tag(lang: str) -> str | None:
    """``lang`` as Babel spells it ("en-US" → "en_US"); ``None`` when Babel does not know it."""
    from babel import Locale, UnknownLocaleError

    tag = lang.replace("-", "_")
    try:
        Locale.parse(tag)
    except (UnknownLocaleError, ValueError, TypeError):
        return None
    return tag


@lru_cache(maxsize=64)
def unit_words(lang: str) -> tuple[tuple[str, Unit], ...]:
    """``(word, unit)`` pairs of ``lang`` from CLDR, case-folded, longest first: the text that
    follows a number in "5 miles", "5 mi", "5 Meilen", "5 миль"."""
    from babel import UnknownLocaleError
    from babel.numbers import format_decimal
    from babel.units import UnknownUnitError, format_unit

    lang = _babel_tag(lang)
    if lang is None:
        return ()
    words: dict[str, Unit] = {}
    for unit in units().values():
        for count in _COUNTS:
            for length in _LENGTHS:
                try:
                    written = format_unit(count, unit.id, length=length, locale=lang)
                    number = format_decimal(count, locale=lang)
                except (UnknownLocaleError, UnknownUnitError, ValueError, KeyError, TypeError):
                    continue
                if not written.startswith(number):
                    continue  # "華氏 5 度": the unit is not after the number
                word = written[len(number):].strip(" \u00a0\u202f\u2009").casefold()
                if any(c.isalpha() for c in word):
                    words.setdefault(word, unit)
    return tuple(sorted(words.items(), key=lambda item: -len(item[0])))


def _word_after(text: str, end: int, words: tuple[tuple[str, object], ...]
                ) -> tuple[str, object, int] | None:
    """The first of ``words`` after ``text[:end]`` (after one space or hyphen at most), ending
    at a word boundary: ``(word, what it stands for, end)``."""
    gap = _GAP.match(text, end)
    position = gap.end() if gap else end
    rest = text[position:position + 40].casefold()
    for word, meaning in words:
        if rest.startswith(word):
            after = rest[len(word):len(word) + 1]
            if not (after.isalnum() and word[-1].isalnum()):
                return word, meaning, position + len(word)
    return None


def find_measures(text: str, lang: str, numbers: list[Number]) -> list[Measure]:
    """The numbers of ``text`` followed by a unit of ``units.toml`` ("5 miles", "8-km")."""
    words = unit_words(lang)
    if not words:
        return []
    found = []
    for number in numbers:
        hit = _word_after(text, number.end, words)
        if hit is not None and any(isinstance(k, Decimal) for k in number.accepted):
            found.append(Measure(number, hit[1], hit[2]))  # type: ignore[arg-type]
    return found


def converts(source: Measure, target: Measure) -> bool:
    """Whether ``target`` is ``source`` in another unit of its dimension, rounded as a
    journalist rounds ("5 miles" → "8 km", "100 °F" → "38 °C")."""
    if source.unit.dimension != target.unit.dimension or source.unit == target.unit:
        return False
    for value in source.values:
        expected = (source.unit.to_base(float(value)) - target.unit.offset) / target.unit.factor
        for written in target.values:
            difference = abs(float(written) - expected)
            if source.unit.dimension == "temperature":
                if difference <= _TEMPERATURE_TOLERANCE:
                    return True
            elif difference <= max(_RELATIVE_TOLERANCE * abs(expected), _ABSOLUTE_TOLERANCE):
                return True
    return False


def converted_value(source: Measure, unit: Unit) -> Decimal | None:
    """``source`` in ``unit``, rounded to two significant figures (for a message)."""
    values = sorted(source.values)
    if not values:
        return None
    expected = (source.unit.to_base(float(values[0])) - unit.offset) / unit.factor
    return Decimal(f"{expected:.2g}") if abs(expected) < 100 else Decimal(round(expected))


@lru_cache(maxsize=64)
def currency_words(lang: str) -> tuple[tuple[str, frozenset[str]], ...]:
    """``(word, currency codes)`` of ``lang`` from CLDR, case-folded, longest first: symbols
    ("$", "US$", "€"), ISO codes and the words of the currencies' names ("dollars", "Dollar",
    "долларов", "euros")."""
    from babel.numbers import get_currency_name, get_currency_symbol

    lang = _babel_tag(lang)
    if lang is None:
        return ()
    words: dict[str, set[str]] = {}
    for code in _MAJOR_CURRENCIES:
        forms = {code, get_currency_symbol(code, locale=lang), get_currency_symbol(code, "en")}
        for count in (None, 1, 2, 5, 21):
            name = get_currency_name(code, count=count, locale=lang)
            forms |= {w for w in regex.split(r"[\s\-]+", name) if len(w) >= 3}
            forms.add(name)
        for form in forms:
            if form and form != "¤":
                words.setdefault(form.casefold(), set()).add(code)
    return tuple(sorted(((w, frozenset(c)) for w, c in words.items()), key=lambda i: -len(i[0])))


_SYMBOL_BEFORE = regex.compile(r"([^\s\d\w]{1,3}|[A-Z]{1,3}[^\s\d\w]{1,2}|[A-Z]{3})\s?$")


def find_currencies(text: str, lang: str, numbers: list[Number],
                    scale_words: frozenset[str] = frozenset()) -> dict[int, frozenset[str]]:
    """The currencies written next to each number of ``text`` (keyed by the number's start):
    a symbol or code before it ("$5", "US$ 5", "USD 5") or after it, possibly after a scale
    word ("5 €", "5 dollars", "5 Millionen Dollar", "5 млн долларов")."""
    words = currency_words(lang)
    if not words:
        return {}
    table = dict(words)
    found: dict[int, frozenset[str]] = {}
    for number in numbers:
        codes: set[str] = set()
        before = _SYMBOL_BEFORE.search(text, max(0, number.start - 5), number.start)
        if before is not None:
            codes |= table.get(before.group(1).casefold(), frozenset())
        end = number.end
        scale = regex.match(r"[ \u00a0\u202f]?([^\W\d_]+\.?)", text[end:end + 24])
        if scale and scale.group(1).casefold().rstrip(".") in scale_words:
            end += scale.end()
        hit = _word_after(text, end, words)
        if hit is not None:
            codes |= hit[1]  # type: ignore[operator]
        if codes:
            found[number.start] = frozenset(codes)
    return found
