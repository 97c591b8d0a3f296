"""Numbers across languages (issue #19): one table of marks, number words from num2words,
units, currencies and numeric dates. Texts written for these tests."""

from __future__ import annotations

from decimal import Decimal

import pytest

from termcheck.errors import DataError
from termcheck.measures import (
    converts,
    currency_words,
    find_currencies,
    find_measures,
    unit_words,
)
from termcheck.numberformat import conventions, separators
from termcheck.numbers import (
    date_orders,
    date_readings,
    find_dates,
    find_numbers,
    library_words,
    load_number_data,
    number_data,
    word_values,
    write_date,
)


@pytest.mark.parametrize("lang", ["en", "de", "fr", "ru", "es", "ja", "cs", "uk", "is", "hi",
                                  "de-CH", "pt-BR"])
def test_nu001_and_nu002_read_the_same_marks(lang: str) -> None:
    marks = conventions(lang)
    locale = number_data().locale(lang)
    assert marks is not None
    assert (locale.decimal, locale.write_group) == (marks.decimal, marks.group)
    found = separators(lang)
    if found is not None:  # NU002 refuses a bare language whose regions differ ("es")
        assert (found.decimal, found.group) == (marks.decimal, marks.group)


def test_the_date_order_comes_from_cldr() -> None:
    assert [conventions(t).date for t in ("en", "de", "fr", "ja")] == [
        "m/d/y", "d.m.y", "d/m/y", "y/m/d"]
    assert date_orders("en") == {"dm", "md"} and date_orders("en-GB") == {"dm"}
    assert date_orders("de") == {"dm"}


def test_locales_toml_rejects_an_unknown_key(tmp_path) -> None:
    locales = tmp_path / "locales.toml"
    locales.write_text('[de]\ndecimal = ","\n', encoding="utf-8")
    words = tmp_path / "words.tsv"
    words.write_text("lang\tword\tvalue\n", encoding="utf-8")
    scales = tmp_path / "scales.tsv"
    scales.write_text("lang\tword\tmultiplier\n", encoding="utf-8")
    with pytest.raises(DataError, match="unknown key"):
        load_number_data(locales, words, scales)


@pytest.mark.parametrize(("text", "lang", "value"), [
    ("zwei Schiffe", "de", 2), ("deux navires", "fr", 2), ("два корабля", "ru", 2),
    ("dos barcos", "es", 2), ("二隻の船", "ja", 2), ("vingt et un navires", "fr", 21),
    ("dvacet lodí", "cs", 20), ("the twenty-first ship", "en", 21),
    ("трёхлетних детей", "ru", 3),
])
def test_number_words_of_many_languages(text: str, lang: str, value: int) -> None:
    assert Decimal(value) in word_values(text, lang)


def test_number_words_come_from_num2words_and_words_tsv_holds_the_rest() -> None:
    assert Decimal(2) in library_words("de")["zwei"]
    assert library_words("xx") == {}
    from termcheck.data import read_table, shipped

    for _, row in read_table(shipped("numbers", "words.tsv"), ("lang", "word", "value")):
        assert Decimal(row["value"]) not in library_words(row["lang"]).get(
            row["word"].casefold(), ()), row


def test_digits_glued_to_ideographs_are_read() -> None:
    numbers = find_numbers("2023年に1万2500箱", "ja")
    assert [n.text for n in numbers] == ["2023", "1", "2500"]
    assert Decimal(12500) in numbers[1].keys
    assert find_numbers("G20", "en") == []


def _measure(text: str, lang: str):
    (measure,) = find_measures(text, lang, find_numbers(text, lang))
    return measure


@pytest.mark.parametrize(("source", "target", "lang", "expected"), [
    ("5 miles", "8 km", "de", True), ("5 miles", "5 km", "de", False),
    ("80 feet", "25 Meter", "de", True), ("100 degrees Fahrenheit", "38 °C", "fr", True),
    ("a 10-mile walk", "16 километров", "ru", True), ("200 pounds", "91 kg", "es", True),
    ("5 miles", "5 Meilen", "de", False),
])
def test_conversions(source: str, target: str, lang: str, expected: bool) -> None:
    assert converts(_measure(source, "en"), _measure(target, lang)) is expected


def test_unit_and_currency_words_come_from_cldr() -> None:
    assert {"miles", "mi"} <= {w for w, _ in unit_words("en")}
    assert {"meilen", "km"} <= {w for w, _ in unit_words("de")}
    assert unit_words("xx-nonsense") == ()
    table = dict(currency_words("ru"))
    assert "USD" in table["долларов"] and "EUR" in table["€"]


@pytest.mark.parametrize(("text", "lang", "code"), [
    ("$5", "en", "USD"), ("5 $", "fr", "USD"), ("5 dollars", "en", "USD"),
    ("USD 5", "en", "USD"), ("5 Millionen Euro", "de", "EUR"), ("5 млн рублей", "ru", "RUB"),
    ("£3million", "en", "GBP"),
])
def test_currencies_next_to_a_number(text: str, lang: str, code: str) -> None:
    numbers = find_numbers(text, lang)
    scales = frozenset(number_data().scales.get(lang, {}))
    found = find_currencies(text, lang, numbers, scales)
    assert code in found[numbers[0].start]


def test_numeric_dates_are_read_in_each_languages_order() -> None:
    (date,) = find_dates("on 3/4/2021")
    assert date_readings(date, "en-US") == {(4, 3, 21)}
    assert date_readings(date, "en") == {(4, 3, 21), (3, 4, 21)}
    assert write_date(date, 4, 3, "de") == "4/3/2021"
    (iso,) = find_dates("2021-03-04")
    assert date_readings(iso, "de") == {(4, 3, 21)}
    assert find_dates("version 1.2.3.4") == []
