"""Plausibility: paragraphs that are not language at all (generated nonsense, key mashing)."""

from __future__ import annotations

import re
from typing import Iterator

from termcheck import frequency
from termcheck.context import Context
from termcheck.document import Document
from termcheck.langid import backend_knows, identify, language_name
from termcheck.lazyre import lazy
from termcheck.model import Hit
from termcheck.rules.registry import rule

MIN_WORDS = 8  # shorter paragraphs (headlines, name lists) are not judged
UNKNOWN_SHARE = 0.75  # this share of the words on no frequency list of the target: nonsense
DOUBTFUL_SHARE = 0.6  # ... or this share, when the language model doubts the target language
TARGET_PROB = 0.9  # a language model this sure of the target language clears a doubtful paragraph
_WORD = lazy(globals(), "_WORD", r"[^\W\d_]+(?:['’][^\W\d_]+)*")
_APOSTROPHE = re.compile(r"['’]")


def _known(word: str, lang: str) -> bool:
    """Whether ``word`` (each part of "l'homme") is on the frequency list of ``lang``."""
    parts = [p for p in _APOSTROPHE.split(word) if len(p) > 1]
    return all(frequency.zipf(p, lang) > 0 for p in parts)


def unknown_share(words: list[str], lang: str) -> float:
    """The share of ``words`` that the frequency list of ``lang`` does not hold."""
    return sum(not _known(w, lang) for w in words) / len(words) if words else 0.0


def _implausible(text: str, lang: str, backend: str) -> float | None:
    """The unknown-word share of a paragraph no model of ``lang`` finds plausible, else None."""
    words = _WORD.findall(text)
    if len(words) < MIN_WORDS:
        return None
    share = unknown_share(words, lang)
    if share < DOUBTFUL_SHARE:
        return None
    verdict = identify(text, lang, backend, fast=False)
    if verdict.is_foreign(lang, TARGET_PROB):
        return None  # a paragraph in another language: LG001's business
    if share >= UNKNOWN_SHARE:
        return share
    sure = verdict.lang == lang and verdict.prob >= TARGET_PROB
    return None if sure or not backend_knows(backend, lang) else share


@rule("LG005", "nonsense-paragraph", "language", "Fluency/Unintelligible", default=False)
def nonsense_paragraph(doc: Document, ctx: Context) -> Iterator[Hit]:
    """A paragraph that is not language at all: most of its words are words of no dictionary.

    ## What it does
    For a paragraph of eight words or more, counts the words that the frequency list of the
    target language (the `wordfreq` package: every word seen about once in 100 million words
    or more) does not hold. A paragraph is reported when 75 % or more of its words are unknown,
    or 60 % or more and the language model (langdetect, or lingua with `--lid lingua`) is not
    90 % sure it is in the target language: nonsense made of invented words that look like the
    language fools the model, not the word list. A paragraph the model finds, 90 % sure, to be
    in another language is LG001's business and not reported here. Targets without a frequency
    list, or written without spaces (Chinese, Japanese), are not judged.

    ## Why it matters
    Some systems emit nonsense for whole paragraphs: invented words, syllable salad, keyboard
    mashing, a decoder stuck in a loop of fragments. Such a paragraph is worse than an
    untranslated one and poisons any corpus built from it.

    ## Example
    ```text
    Vorbrattel sündemang kreffelig aus. Strommeln dorkanisch verpflumpt die Quarbel, sintelrat
    ouvendal kromsig prattel übersnell dromming.
    ```
    Reported in a German document: most words are on no German frequency list.

    ## Fix safety
    No fix: the paragraph must be translated again or deleted.

    ## Precision
    No finding on the system outputs of wmt21-news (en-de 6, ru-en 8), wmt21-news-ru-fr (en-ru
    9, de-fr 9) and wmt24-news-multi en-cs, en-es, en-uk, en-is, en-hi (8 each): the highest
    share of unknown words in a real paragraph of eight words or more there is 0.50
    (Icelandic, whose list lacks many compounds; a good Icelandic headline scores 0.44, and
    garbled Icelandic from one system 0.40–0.50, so the word list cannot separate them there),
    0.43 or less in the other languages. With no real nonsense found, the precision cannot be
    judged; default off until it can.
    """
    lang = ctx.lang
    if not frequency.has_list(lang):
        return
    for paragraph in doc.paragraphs:
        share = _implausible(paragraph.text, lang, ctx.config.lid)
        if share is None:
            continue
        start, end = paragraph.start, paragraph.end
        while end > start and doc.text[end - 1].isspace():
            end -= 1
        yield Hit(start, end, f"Paragraph is not plausible {language_name(lang)}: "
                              f"{share:.0%} of its words are on no {language_name(lang)} word list")
