"""Language: paragraphs in another language than the target, and runs of a foreign script."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterator

from termcheck.context import Context
from termcheck.document import Document
from termcheck.langid import (
    backend_knows,
    identify,
    language_name,
    script_of,
    stopword_lists,
    target_scripts,
)
from termcheck.model import Hit
from termcheck.rules.registry import rule

MIN_PROB = 0.9  # LG001 reports only a model verdict at least this sure
_WORD = re.compile(r"[^\W\d_]+(?:['’\-][^\W\d_]+)*")
# URLs, e-mail addresses and domain names (стопкоронавирус.рф) are not prose.
_MASKED = re.compile(r"\b(?:https?://|www\.)\S+|\S+@\S+\.\w+|\w+(?:\.\w+)*\.[^\W\d_]{2,}\b")


def _backend(ctx: Context) -> str:
    return ctx.config.lid


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


@rule("LG001", "foreign-language-paragraph", "language", "Accuracy/Untranslated text",
      default=False)
def foreign_language_paragraph(doc: Document, ctx: Context) -> Iterator[Hit]:
    """A paragraph that is not in the target language.

    ## What it does
    Identifies the language of every paragraph of at least 40 letters and reports those that a
    language model says, with probability 0.9 or more, are in another language than the target
    (`--lang`; with `--lang auto`, the language of most of the document's letters). A cheap test
    runs first: when the target language's function words (`glossaries/lang/LANG.txt`) clearly
    dominate a paragraph, no model is asked. The doubtful rest goes to langdetect (seeded, so the
    result is deterministic) or, with `--lid lingua` / `lid = "lingua"`, to lingua. The message
    names the detected language and its probability. A paragraph where 10% or more of the words
    are function words of the target language is never reported: headlines made of names
    ("United, Chelsea in CL; Watford runter von EPL") fool the models, not the function words.

    Limits: paragraphs under 40 letters are not judged (a foreign dateline is LG002's business);
    langdetect knows no Kazakh (it labels it Russian or Ukrainian), so a target language the
    backend does not know is never judged; close pairs (es/pt, ru/uk/bg, no/da) are unreliable on
    short paragraphs; a paragraph that mixes two languages gets the majority's label.

    ## Why it matters
    Machine translation leaves sentences untranslated, and scrapers keep paragraphs of the
    original page (captions, comments, another edition of the article). A German paragraph in an
    English corpus is noise for every downstream use.

    ## Example
    ```text
    The talks ended without an agreement on Friday.
    Die Gespräche endeten am Freitag ohne eine Einigung über die künftige Zusammenarbeit.
    ```
    The second paragraph is reported as German (p=1.00) in an English document.

    ## Fix safety
    No fix: the paragraph needs translating or deleting, which only a person can decide.

    ## Precision
    No finding on the WMT21 newstest2021 references (en: ru-en A, B; de: en-de A, C, D; 5 × 1,002
    lines), on the 16 system outputs, on the en and ru sources, nor on the 108 error-free segments
    of mqm-generalmt2023-ende. On our test set (tests/data/langid, 12 languages) its decisions are
    96.2% right with langdetect, the same as asking langdetect about every paragraph.
    Default off all the same: the first doubtful paragraph loads langdetect's profiles (about
    0.6 s, beyond the start-up budget of a small run), and French, Spanish and Russian targets were
    measured on our own test set only.
    """
    target = ctx.lang
    backend = _backend(ctx)
    if not backend_knows(backend, target):
        return
    auto = ctx.config.lang == "auto"
    for paragraph in doc.paragraphs:
        verdict = identify(paragraph.text, target, backend)
        if not verdict.is_foreign(target, MIN_PROB):
            continue
        start, end = _trimmed(doc.text, paragraph.start, paragraph.end)
        where = f"document language {target} (detected)" if auto else f"target {target}"
        yield Hit(start, end,
                  f"Paragraph is in {language_name(verdict.lang or '')} "
                  f"({verdict.lang}, p={verdict.prob:.2f}), not in the {where}")


@dataclass(frozen=True)
class _Word:
    start: int
    end: int
    script: str
    text: str


def _words(line: str) -> list[_Word]:
    masked = _MASKED.sub(lambda m: " " * len(m.group()), line)
    result = []
    for match in _WORD.finditer(masked):
        scripts = {script_of(ch) for ch in match.group() if ch.isalpha()}
        script = scripts.pop() if len(scripts) == 1 else "Mixed"
        result.append(_Word(match.start(), match.end(), script, match.group()))
    return result


def _runs(words: list[_Word], native: frozenset[str]) -> Iterator[list[_Word]]:
    """Maximal runs of consecutive words in one foreign script (no native word in between)."""
    run: list[_Word] = []
    for word in words:
        foreign = word.script not in native and word.script not in ("Mixed", "Other")
        if foreign and (not run or run[-1].script == word.script):
            run.append(word)
            continue
        if run:
            yield run
        run = [word] if foreign else []
    if run:
        yield run


def _has_foreign_letter(line: str, native: frozenset[str]) -> bool:
    return any(script_of(ch) not in native for ch in set(line) if ch.isalpha())


def _has_function_word(run: list[_Word]) -> bool:
    lists = stopword_lists()
    return any(len(w.text) >= 2 and w.text.islower()
               and any(w.text in words for lang, words in lists.items() if lang not in ("ru", "uk"))
               for w in run)


def _reportable(run: list[_Word], line_words: list[_Word], latin_in_other: bool) -> bool:
    real = [w for w in run if len(w.text) >= 2]
    whole_line = len(run) == len([w for w in line_words if w.script != "Other"])
    letters = sum(len(w.text) for w in run)
    if latin_in_other:
        return (len(real) >= 3 and _has_function_word(run)) or (whole_line and len(real) >= 4)
    return len(real) >= 2 or (whole_line and letters >= 3)


@rule("LG002", "foreign-script-run", "language", "Accuracy/Untranslated text")
def foreign_script_run(doc: Document, ctx: Context) -> Iterator[Hit]:
    """Words in a script the target language does not use (Cyrillic in English, Latin in Russian).

    ## What it does
    Looks at the script of every word (Unicode character names; no model) and reports runs of
    words in a script foreign to the target language (`glossaries/lang/scripts.tsv`):

    - in a Latin-script language: a run of two or more words of another script (Cyrillic, Greek,
      Arabic, Han ...), or a whole line whose only words are in another script, such as the
      dateline `07 янв 2022, 11:44` left over from the Russian page;
    - Latin inside a non-Latin language (e.g. Russian) is common for brands and names
      ("Apple Watch", "The Washington Post"), so only a run of three or more Latin words
      containing a lower-case function word ("of", "the", "und", "de" ...), or a whole line of
      four or more Latin words, is reported.

    One-letter words (symbols such as α or β), URLs, domain names, e-mail addresses, numbers and
    units are ignored, and a word mixing two scripts (a homoglyph) is left to the encoding rules.

    ## Why it matters
    A run of Cyrillic in an English translation of Russian news is an untranslated fragment or
    a leftover of the source page (dateline, caption, menu).

    ## Example
    ```text
    07 янв 2022, 11:44
    The protests began in Zhanaozen over fuel prices.
    ```
    The first line is reported: Cyrillic in English text.

    ## Fix safety
    No fix: delete or translate by hand.

    ## Precision
    No finding on the WMT21 newstest2021 references (en: ru-en A and B; de: en-de A, C, D; 5 ×
    1,002 lines), on the 16 system outputs, on the en and ru sources (publication names such as
    "The Wall Street Journal" in Russian text stay quiet), nor on the 108 error-free segments of
    mqm-generalmt2023-ende. It finds none of that corpus's 203 "source language fragment" spans:
    they are English words in German text, the same script.
    """
    native = target_scripts().get(ctx.lang)
    if not native:
        return
    latin_in_other = "Latin" not in native
    for start, end in doc.lines():
        line = doc.text[start:end]
        if not _has_foreign_letter(line, native):
            continue
        line_words = _words(line)
        for run in _runs(line_words, native):
            latin = latin_in_other and run[0].script == "Latin"
            if _reportable(run, line_words, latin):
                span_start, span_end = start + run[0].start, start + run[-1].end
                yield Hit(span_start, span_end,
                          f"{run[0].script} script in {language_name(ctx.lang)} text "
                          f"({len(run)} word(s)): untranslated or left over from the source")
