"""Whether two spellings of one variant key are two spellings of one name, and how safe a change is.

The folding of :mod:`termcheck.names.translit` puts words with the same transliteration key
together; that is not yet evidence that they are one name. In a language that capitalises every
noun (German) a capital letter says nothing, and in a language that writes compounds
(German, Dutch, the Nordic languages) "Lufthansa-Flüge", "Lufthansa Flüge" and "Lufthansaflüge"
are spellings of a word of the language, not of a name; "Strasse"/"Straße" and a plural or case
ending are not name variants either. These are never reported.

A change of spelling loses something a careful editor would keep when it removes a diacritic or
combining mark, changes the hyphens between letters, or lowers a capital letter: such a change is
never made without a person, whatever says it is right.
"""

from __future__ import annotations

import re
import unicodedata

# Languages that write compounds closed or hyphenated ("Lufthansa-Flüge", "Lufthansaflüge").
COMPOUNDING = frozenset({"de", "nl", "sv", "da", "no", "nb", "nn", "fi", "is", "lb", "af", "fy",
                         "et", "hu"})
# Languages that capitalise every noun: a capital letter is no evidence of a name.
NOUN_CAPITALISING = frozenset({"de", "lb"})
# Plural and case endings of nouns in those languages (Flughafen/Flughafens, Partei/Parteien).
INFLECTIONS = ("s", "es", "n", "en", "e", "er", "ern", "ns", "ens", "nen")
_JOINERS = re.compile(r"[\s\-‐‑]+")
_SPACES = re.compile(r"\s+")
_SHARP_S = re.compile(r"ß|s+")
_INNER_HYPHEN = re.compile(r"(?<=[^\W\d_])[-‐‑](?=[^\W\d_])")


def base_lang(lang: str) -> str:
    """The language subtag of ``lang`` ("de-CH" → "de")."""
    return lang.replace("_", "-").split("-", 1)[0].casefold()


def compounds(lang: str) -> bool:
    return base_lang(lang) in COMPOUNDING


def capitalises_nouns(lang: str) -> bool:
    return base_lang(lang) in NOUN_CAPITALISING


def joined(text: str) -> str:
    """``text`` without hyphens and spaces ("Lufthansa-Flüge" = "Lufthansaflüge")."""
    return _JOINERS.sub("", text.casefold())


def sharp_s(text: str) -> str:
    """``text`` with ß, ss and s made one: "Straße" = "Strasse" = "Strase"."""
    return _SHARP_S.sub("s", text.casefold())


def inflected(one: str, other: str) -> bool:
    """Whether the spellings differ only by noun or adjective endings, word by word
    (Flughafen/Flughafens, Deutsche Bahn/Deutschen Bahn)."""
    words, others = _JOINERS.split(one.casefold()), _JOINERS.split(other.casefold())
    return len(words) == len(others) and all(map(_same_or_ending, words, others))


def _same_or_ending(one: str, other: str) -> bool:
    short, long = sorted((one, other), key=len)
    return long.startswith(short) and (long == short or long[len(short):] in INFLECTIONS)


def name_variants(surface: str, winner: str, lang: str) -> bool:
    """Whether ``surface`` and ``winner`` may be two spellings of one name in ``lang``.

    False for spellings of a word of the language: hyphen, space or closed compound in a
    compounding language, ß/ss/s, and (where every noun has a capital) a plural or case ending.
    """
    if compounds(lang) and joined(surface) == joined(winner):
        return False
    if ("ß" in surface + winner or capitalises_nouns(lang)) and sharp_s(surface) == sharp_s(winner):
        return False
    return not (capitalises_nouns(lang) and inflected(surface, winner))


def marks(text: str) -> int:
    """Letters carrying a diacritic or combining mark."""
    if text.isascii():  # most names: no character to decompose
        return 0
    return sum(1 for c in text if not c.isascii() and _has_mark(c))


def _has_mark(char: str) -> bool:
    return any(unicodedata.combining(c) for c in unicodedata.normalize("NFD", char))


def inner_hyphens(text: str) -> list[int]:
    """Offsets of the hyphens between two letters."""
    return [m.start() for m in _INNER_HYPHEN.finditer(text)]


def case_pattern(text: str) -> tuple[str, ...]:
    """The case of each word: all capitals, a capital first letter, lower case or mixed
    ("McDonald", "DeSantis")."""
    return tuple("upper" if w.isupper() else "title" if w.istitle() else
                 "lower" if w.islower() else "mixed"
                 for w in _JOINERS.split(text) if any(c.isalpha() for c in w))


def loses_something(removed: str, inserted: str) -> bool:
    """Whether replacing ``removed`` by ``inserted`` loses a diacritic or a capital, or changes
    the hyphens between letters (a hyphen removed, added or moved; a compound joined or split)."""
    return (marks(inserted) < marks(removed)
            or len(inner_hyphens(inserted)) != len(inner_hyphens(removed))
            or len(_SPACES.findall(inserted)) != len(_SPACES.findall(removed))
            or _case_lost(case_pattern(removed), case_pattern(inserted)))


def _case_lost(before: tuple[str, ...], after: tuple[str, ...]) -> bool:
    """Whether a word's capitals are lost: all capitals or a mixed pattern ("McDonald") not
    kept, or a capital first letter lowered; a lower-case word may gain a capital."""
    if len(before) != len(after):
        return any(p != "lower" for p in before)
    return any(b != a and b != "lower" and not (b == "mixed" and a == "upper")
               for b, a in zip(before, after))
