"""Language identification of paragraphs: a cheap function-word test first, a model when in doubt.

Most paragraphs of a corpus are in the language they should be in, and their function words say
so: in an English paragraph "the", "of", "and" make up a large share of the words. The fast test
counts, for every language with a list in ``glossaries/lang/LANG.txt``, the share of a paragraph's
words that are on that list, and accepts a language when its share is high and clearly ahead of
every other language. Only the doubtful paragraphs go to the model (langdetect by default, seeded so
that results are deterministic; lingua optionally). Model results are cached per paragraph text.

Limits: below :data:`MIN_LETTERS` letters nothing is guessed. langdetect knows no Kazakh (it says
Russian or Ukrainian) and confuses close pairs on short text (es/pt/gl, ru/uk/bg, hr/sr/bs, no/da);
a target language the backend does not know is never reported as foreign.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Iterable

import regex

from termcheck.data import read_text, shipped
from termcheck.errors import ConfigError

if TYPE_CHECKING:

    from termcheck.document import Document

MIN_LETTERS = 40  # fewer letters than this: no guess (short lines are LG002's business)
FAST_MIN_SHARE = 0.18  # the leading language's function words must be this share of all words
FAST_MARGIN = 2.0  # ... and this many times the share of the runner-up
TARGET_SHARE = 0.1  # this share of target function words settles "in the target language"
BACKENDS = ("langdetect", "lingua")
# A word: letters with their combining marks (Devanagari vowel signs are marks, not letters).
_WORD = regex.compile(r"\p{L}[\p{L}\p{M}]*(?:['’]\p{L}[\p{L}\p{M}]*)?")

# Languages langdetect 1.0.9 ships profiles for (ISO 639-1; Chinese as zh).
LANGDETECT_LANGS = frozenset((
    "af", "ar", "bg", "bn", "ca", "cs", "cy", "da", "de", "el", "en", "es", "et", "fa", "fi",
    "fr", "gu", "he", "hi", "hr", "hu", "id", "it", "ja", "kn", "ko", "lt", "lv", "mk", "ml",
    "mr", "ne", "nl", "no", "pa", "pl", "pt", "ro", "ru", "sk", "sl", "so", "sq", "sv", "sw",
    "ta", "te", "th", "tl", "tr", "uk", "ur", "vi", "zh",
))


@dataclass(frozen=True)
class Verdict:
    """The language of a text: ISO code (``None``: too short to tell), probability, and how."""

    lang: str | None
    prob: float
    via: str  # "short", "fast" or the backend name

    def is_foreign(self, target: str, min_prob: float) -> bool:
        """Whether this verdict says confidently that the text is not in ``target``."""
        return self.lang is not None and self.lang != target and self.prob >= min_prob


LANGUAGE_NAMES = ("lang", "language-names.tsv")  # Babel's, written by tools/derived_tables.py


@lru_cache(maxsize=512)
def language_name(code: str) -> str:
    """The English name of a language code, from CLDR through Babel ("hi" → "Hindi"); the code
    itself for one CLDR does not know."""
    return language_names().get(code.replace("-", "_").split("_")[0], code)


@lru_cache(maxsize=1)
def language_names() -> dict[str, str]:
    """CLDR's English language names, as Babel gives them (``Locale("en").languages``), from
    ``glossaries/lang/language-names.tsv``: ~1 ms to read where Babel takes ~30 ms to import
    and load (a test compares the two)."""
    from termcheck.data import read_table

    return {row["code"]: row["name"] for _, row in read_table(
        shipped(*LANGUAGE_NAMES), ("code", "name"))}


@lru_cache(maxsize=1)
def stopword_lists() -> dict[str, frozenset[str]]:
    """Function words per language from `glossaries/lang/<code>.txt` (not LG003 markers)."""
    lists = {}
    for path in sorted(shipped("lang").glob("*.txt")):
        if path.stem.startswith("markers-"):
            continue
        words = (line.strip().lower() for line in read_text(path).splitlines())
        lists[path.stem] = frozenset(w for w in words if w and not w.startswith("#"))
    return lists


def words(text: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(text)]


def letter_count(text: str) -> int:
    return sum(1 for ch in text if ch.isalpha())


def function_word_shares(tokens: list[str]) -> dict[str, float]:
    """For each language with a list, the share of ``tokens`` that are its function words."""
    if not tokens:
        return {}
    return {lang: sum(t in listed for t in tokens) / len(tokens)
            for lang, listed in stopword_lists().items()}


def target_settles(tokens: list[str], target: str) -> bool:
    """Whether function words alone show ``tokens`` to be in ``target``.

    True when :data:`TARGET_SHARE` of the words are ``target`` function words and no other
    language's list covers as many of them.
    """
    shares = function_word_shares(tokens)
    mine = shares.pop(target, 0.0)
    return mine >= TARGET_SHARE and mine > max(shares.values(), default=0.0)


def fast_guess(tokens: list[str]) -> str | None:
    """The language whose function words clearly dominate ``tokens``, else ``None``."""
    if not tokens:
        return None
    shares = sorted(((share, lang) for lang, share in function_word_shares(tokens).items()),
                    reverse=True)
    (best, lang), (second, _) = shares[0], shares[1]
    if best >= FAST_MIN_SHARE and best >= FAST_MARGIN * second:
        return lang
    return None


def identify(text: str, target: str | None = None, backend: str = "langdetect",
             fast: bool = True) -> Verdict:
    """The language of ``text``; the fast test settles it when it agrees with ``target``.

    A text where :data:`TARGET_SHARE` of the words are function words of ``target`` is taken to
    be in ``target`` when no other language's list covers as many of its words (names and numbers
    fool the models, not the function words). With
    ``target=None`` a clear fast guess is accepted as is. A fast guess of another language than
    ``target`` still goes to the model, so that a finding always carries a probability.
    """
    if letter_count(text) < MIN_LETTERS:
        return Verdict(None, 0.0, "short")
    if fast:
        tokens = words(text)
        if target is not None and target_settles(tokens, target):
            return Verdict(target, 1.0, "fast")
        guess = fast_guess(tokens)
        if guess is not None and (target is None or guess == target):
            return Verdict(guess, 1.0, "fast")
    lang, prob = model_detect(backend, _normalise(text))
    return Verdict(lang, prob, backend)


def _normalise(text: str) -> str:
    return " ".join(text.split())


def is_latin1(text: str) -> bool:
    """Whether every character of ``text`` is below U+0100 (the encoder stops at the first one
    that is not: most texts hold a ’ or a “ early)."""
    if text.isascii():
        return True
    try:
        text.encode("latin-1")
    except UnicodeEncodeError:
        return False
    return True


@lru_cache(maxsize=65536)
def model_detect(backend: str, text: str) -> tuple[str | None, float]:
    """``(language, probability)`` from the model ``backend``; cached per text."""
    if backend == "lingua":
        return _lingua(text)
    if backend != "langdetect":
        raise ConfigError(f"unknown language identifier {backend!r}; use {' or '.join(BACKENDS)}")
    return _langdetect(text)


def _langdetect(text: str) -> tuple[str | None, float]:
    from langdetect import DetectorFactory, detect_langs
    from langdetect.lang_detect_exception import LangDetectException

    DetectorFactory.seed = 0
    try:
        best = detect_langs(text)[0]
    except LangDetectException:
        return None, 0.0
    return best.lang.split("-")[0], float(best.prob)


LINGUA_LANGS = ("en", "de", "fr", "es", "it", "pt", "nl", "ru", "uk", "pl", "tr", "sv", "kk",
                "bg", "cs", "ro", "da", "fi", "hu", "el", "ar", "zh", "ja", "ko")


@lru_cache(maxsize=1)
def _lingua_detector() -> object:
    """A lingua detector restricted to the languages a news corpus of ours can contain."""
    try:
        from lingua import IsoCode639_1, Language, LanguageDetectorBuilder
    except ImportError:
        raise ConfigError("the lingua backend needs 'pip install termcheck[lingua]'") from None
    languages = [Language.from_iso_code_639_1(getattr(IsoCode639_1, code.upper()))
                 for code in LINGUA_LANGS]
    return LanguageDetectorBuilder.from_languages(*languages).build()


def _lingua(text: str) -> tuple[str | None, float]:
    values = _lingua_detector().compute_language_confidence_values(text)  # type: ignore[attr-defined]
    if not values:
        return None, 0.0
    return values[0].language.iso_code_639_1.name.lower(), float(values[0].value)


def backend_knows(backend: str, lang: str) -> bool:
    """Whether ``backend`` can ever answer ``lang`` (else the language is never judged)."""
    return lang in (LINGUA_LANGS if backend == "lingua" else LANGDETECT_LANGS)


def dominant_language(texts: Iterable[str], backend: str = "langdetect",
                      default: str = "en") -> str:
    """The language with the most letters over ``texts`` (``default`` when nothing is known).

    The function words of all texts together decide first (no model is loaded for a document
    whose language they make clear); otherwise each text is identified and weighed by letters.
    """
    texts = list(texts)
    guess = fast_guess([token for text in texts for token in words(text)])
    if guess is not None:
        return guess
    letters: dict[str, int] = {}
    for text in texts:
        verdict = identify(text, None, backend)
        if verdict.lang is not None:
            letters[verdict.lang] = letters.get(verdict.lang, 0) + letter_count(text)
    return max(letters, key=lambda k: letters[k]) if letters else default


def resolve_lang(doc: Document, lang: str, backend: str = "langdetect") -> str:
    """``lang``, or for ``"auto"`` the dominant language of ``doc`` (stored in ``doc.lang``)."""
    if lang != "auto":
        return lang
    if doc.lang and doc.lang != "auto":
        return doc.lang
    doc.lang = dominant_language((p.text for p in doc.paragraphs), backend)
    return doc.lang


# --- scripts (LG002) -------------------------------------------------------------------------

_SCRIPT_PREFIXES = ("LATIN", "CYRILLIC", "GREEK", "ARABIC", "HEBREW", "HIRAGANA", "KATAKANA",
                    "HANGUL", "DEVANAGARI", "ARMENIAN", "GEORGIAN", "THAI")
# every value script_of returns
SCRIPTS = frozenset(("", "Han", "Other", *(prefix.capitalize() for prefix in _SCRIPT_PREFIXES)))


@lru_cache(maxsize=4096)
def script_of(char: str) -> str:
    """The script of a letter ("Latin", "Cyrillic", "Han" ...), "" for a non-letter."""
    if not char.isalpha():
        return ""
    name = unicodedata.name(char, "")
    if name.startswith("CJK"):
        return "Han"
    for prefix in _SCRIPT_PREFIXES:
        if name.startswith(prefix):
            return prefix.capitalize()
    return "Other"


@lru_cache(maxsize=1)
def target_scripts() -> dict[str, frozenset[str]]:
    """Scripts of each target language, from ``glossaries/lang/scripts.tsv``."""
    from termcheck.data import read_table

    return {row["lang"]: frozenset(row["script"].split())
            for _, row in read_table(shipped("lang", "scripts.tsv"), ("lang", "script"))}
