"""How common a word is in a language: wordfreq's frequency lists (shipped with the package).

Used to tell a word of the source language left in a translation ("Department", "told") from a
word of the target language: the first is far more frequent in the source language's list. The
lists are loaded once per language (about 0.2 s each) and looked up in lower case.
"""

from __future__ import annotations

import math
from functools import lru_cache

# Languages wordfreq 3.x ships a list for that use the Latin script (the ones LG003 compares).
LATIN_LANGS = frozenset((
    "ca", "cs", "da", "de", "en", "es", "fi", "fil", "fr", "hu", "id", "is", "it", "lt", "lv",
    "ms", "nb", "nl", "pl", "pt", "ro", "sh", "sk", "sl", "sv", "tr", "vi",
))
# Languages with a list whose words are separated by spaces (Chinese and Japanese need a word
# segmenter first and are left out).
SPACED_LANGS = LATIN_LANGS | frozenset((
    "ar", "bg", "bn", "el", "fa", "he", "hi", "ko", "mk", "ru", "ta", "uk", "ur",
))
_ALIASES = {"no": "nb"}


def known(lang: str) -> bool:
    """Whether a Latin-script frequency list exists for ``lang``."""
    return _ALIASES.get(lang, lang) in LATIN_LANGS


def has_list(lang: str) -> bool:
    """Whether a frequency list of a language written with spaces exists for ``lang``."""
    return _ALIASES.get(lang, lang) in SPACED_LANGS


@lru_cache(maxsize=8)
def _frequencies(lang: str) -> dict[str, float]:
    from wordfreq import get_frequency_dict

    return get_frequency_dict(_ALIASES.get(lang, lang))


def zipf(word: str, lang: str) -> float:
    """The Zipf frequency of ``word`` in ``lang`` (log10 per billion words; 0 for unknown words).

    A Zipf value of 3 is a word seen once per million words; "the" is above 7.
    """
    frequency = _frequencies(lang).get(word.lower())
    return math.log10(frequency) + 9 if frequency else 0.0
