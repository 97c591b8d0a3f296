"""Language: paragraphs in another language than the target, and runs of a foreign script."""

from __future__ import annotations

import math
import re
from functools import lru_cache, partial
from itertools import accumulate, groupby, pairwise
from pathlib import Path
from typing import Callable, Iterator, NamedTuple

from termcheck import frequency
from termcheck.context import Context
from termcheck.data import read_table, read_text, shipped
from termcheck.document import Document
from termcheck.errors import DataError
from termcheck.langid import (
    SCRIPTS,
    backend_knows,
    identify,
    is_latin1,
    language_name,
    script_of,
    target_scripts,
)
from termcheck.lazyre import lazy
from termcheck.model import Hit
from termcheck.rules.registry import rule

MIN_PROB = 0.9  # LG001 reports only a model verdict at least this sure
MIN_PROSE_WORDS = 2  # LG002: Latin in a non-Latin text is prose from this many lower-case words
_WORD = re.compile(r"[^\W\d_]+(?:['’\-][^\W\d_]+)*")
# _WORD captured: its split alternates the text between words and the words, so one C-level
# pass gives both each word and (from the running total of the parts' lengths) its span.
_WORD_SPLIT = lazy(globals(), "_WORD_SPLIT", f"({_WORD.pattern})")
# URLs, e-mail addresses and domain names (стопкоронавирус.рф) are not prose. A domain name
# starts where a word does and its words are taken whole (no backtracking inside a word); the
# e-mail alternative is tried only on lines that hold an "@".
_URL = r"\b(?:https?://|www\.)\S+"
_EMAIL = r"\S+@\S+\.\w+"
_DOMAIN = r"(?<!\w)\w++(?:\.\w++)*\.[^\W\d_]{2,}\b"
_ENTITY = r"&#?\w+;"  # an HTML entity left by the scraper (&quot;) is no word either
_HANDLE = r"(?<!\w)[@#]\w+"  # nor a social-media account or hashtag (@olga_n_photo)
_MASKED = lazy(globals(), "_MASKED", f"{_URL}|{_EMAIL}|{_DOMAIN}|{_ENTITY}|{_HANDLE}")
_MASKED_NO_EMAIL = lazy(globals(), "_MASKED_NO_EMAIL", f"{_URL}|{_DOMAIN}|{_ENTITY}|{_HANDLE}")
_DOT_LETTER = re.compile(r"\.[^\W\d_]")
_LAST_LETTER = re.compile(r"(?s:.*)[^\W\d_]")  # its end is the end of a line's last _WORD
_BRACKET = lazy(globals(), "_BRACKET", r"[()\[\]（）]")
# Blocks whose letters all belong to one script (CJK ideographs, Hangul syllables).
_UNIFORM_BLOCKS = ((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xAC00, 0xD7A3))


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
    Default off all the same: the first doubtful paragraph loads langdetect's profiles (0.4–0.6
    s, beyond the start-up budget of a small run), and French, Spanish and Russian targets were
    measured on our own test set only.
    """
    target = ctx.lang
    backend = ctx.config.lid
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


class _Word(NamedTuple):
    start: int
    end: int
    script: str
    text: str


@lru_cache(maxsize=65536)
def _word_script(word: str) -> str:
    """The one script of a word's letters, or "Mixed" (two scripts, or no letter at all)."""
    scripts = {script_of(ch) for ch in word if ch.isalpha()}
    return scripts.pop() if len(scripts) == 1 else "Mixed"


def _may_mask(line: str) -> bool:
    """A necessary condition of any _MASKED match, in string scans: "@" (e-mail, handle), "#"
    (hashtag), "&" (entity), "://" or "www." (URL), or a dot before a letter (domain name).
    _MASKED itself is tried at every word of the line, which costs four times as much."""
    return ("@" in line or "#" in line or "&" in line or "://" in line or "www." in line
            or ("." in line and _DOT_LETTER.search(line) is not None))


def _masked(line: str) -> str:
    """``line`` with URLs, addresses, entities and handles blanked out (offsets kept)."""
    if not _may_mask(line):
        return line
    masking = _MASKED if "@" in line else _MASKED_NO_EMAIL
    return masking.sub(lambda m: " " * len(m.group()), line)


def _runs(scripts: list[str], native: frozenset[str]) -> Iterator[tuple[int, int]]:
    """``(first, stop)`` word indices of the maximal runs of consecutive words in one foreign
    script (no native word in between), given each word's script."""
    first = 0
    for script, same in groupby(scripts):
        stop = first + sum(1 for _ in same)
        if script not in native and script not in ("Mixed", "Other"):
            yield first, stop
        first = stop


# Code points classified one by one (script_of) to build the exact patterns below: the blocks
# of the common scripts, punctuation and symbols. The uniform blocks are classified by their
# first letter; a code point outside all of these is left to the Python check of each match.
_CLASSIFIED = ((0x0000, 0x06FF), (0x0900, 0x097F), (0x0E00, 0x0E7F), (0x10A0, 0x11FF),
               (0x1E00, 0x2BFF), (0x3000, 0x30FF), (0xFF00, 0xFFEF))
_NO_RUN = frozenset(("", "Other"))  # non-letters, and letters of no script LG002 knows


SCRIPT_RANGES = ("lang", "script-ranges.tsv")  # shipped: derived by script_ranges()
_NON_LETTER = "(non-letter)"  # how the table names the script "" of script_of


def script_ranges() -> dict[str, list[tuple[int, int]]]:
    """Contiguous ranges of the classified code points, by script ("" for non-letters), in
    ascending order, derived from the running Python's ``unicodedata`` (~30M instructions:
    shipped instead, see :func:`_script_ranges`)."""
    name_script = script_of.__wrapped__  # uncached: most of these letters are never seen again
    ranges: dict[str, list[tuple[int, int]]] = {}
    for low, high in _CLASSIFIED:
        codes = range(low, high + 1)
        for script, run in groupby(codes, key=lambda code: name_script(chr(code))):
            run_codes = list(run)
            ranges.setdefault(script, []).append((run_codes[0], run_codes[-1]))
    for low, high in _UNIFORM_BLOCKS:
        ranges.setdefault(script_of(chr(low)), []).append((low, high))
    return {script: sorted(parts) for script, parts in ranges.items()}


@lru_cache(maxsize=1)
def _script_ranges() -> dict[str, list[tuple[int, int]]]:
    """:func:`script_ranges`, read from ``lang/script-ranges.tsv`` when it has rows for the
    running Python's ``unicodedata`` version (~3M instructions), else derived."""
    from unicodedata import unidata_version

    from termcheck.names.runs import read_ranges

    path = shipped(*SCRIPT_RANGES)
    ranges: dict[str, list[tuple[int, int]]] = {}
    claimed: list[tuple[int, int, int]] = []  # (first, last, line) of every row's ranges
    for line, row in read_table(path, ("unicode", "script", "ranges")):
        if row["unicode"] != unidata_version:
            continue
        script = "" if row["script"] == _NON_LETTER else row["script"]
        if script not in SCRIPTS:
            raise DataError(f"unknown script {row['script']!r}", str(path), line)
        if script in ranges:
            raise DataError(f"a second row for {row['script']}", str(path), line)
        try:
            ranges[script] = read_ranges(row["ranges"])
        except ValueError as exc:
            raise DataError(f"bad ranges: {exc}", str(path), line) from None
        claimed += ((first, last, line) for first, last in ranges[script])
    _check_apart(sorted(claimed), path)
    return ranges or script_ranges()


def _check_apart(claimed: list[tuple[int, int, int]], path: Path) -> None:
    """A :class:`DataError` at the later row when two rows' ranges share a code point."""
    for (_, last, _), (first, _, line) in pairwise(claimed):
        if first <= last:
            raise DataError(f"ranges overlap another row's at {first:04X}", str(path), line)


def _char_class(scripts: set[str] | frozenset[str]) -> str:
    """The classified code points of ``scripts``, as the inside of a regex character class."""
    return "".join(f"\\u{low:04x}-\\u{high:04x}" for script in sorted(scripts)
                   for low, high in _script_ranges().get(script, []))


@lru_cache(maxsize=32)
def _maybe_foreign(native: frozenset[str]) -> re.Pattern[str]:
    """Any character but the classified ones that are no foreign letter (a superset of the
    letters whose script is neither ``native`` nor unknown to LG002)."""
    return re.compile(f"[^{_char_class(native | _NO_RUN)}]")


@lru_cache(maxsize=32)
def _ascii_may_be_foreign(native: frozenset[str]) -> bool:
    """Whether an ASCII character is in :func:`_maybe_foreign` (never for a Latin target).

    ASCII lies in the first classified block, so each of its characters is in that class
    when its own script is not excluded: 128 look-ups instead of the class's build (the
    ranges of some 15,000 code points and their compile, 7 ms), which an ASCII text does
    not otherwise need."""
    return _may_be_foreign_below(native, 128)


@lru_cache(maxsize=32)
def _latin1_may_be_foreign(native: frozenset[str]) -> bool:
    """Whether a Latin-1 character is in :func:`_maybe_foreign` (never for a Latin target):
    as :func:`_ascii_may_be_foreign`, for a text of Western European letters ("ÖVP", "à")."""
    return _may_be_foreign_below(native, 256)


def _may_be_foreign_below(native: frozenset[str], limit: int) -> bool:
    # the code points below 256 lie in the first classified block: each is in the class when
    # its own script is not excluded
    excluded = native | _NO_RUN
    name_script = script_of.__wrapped__  # uncached, as _script_ranges classifies them
    return any(name_script(chr(code)) not in excluded for code in range(limit))


@lru_cache(maxsize=32)
def _beyond(script: str) -> re.Pattern[str]:
    """A word character that is not a classified letter of ``script``: when a line holds none,
    all its words are in ``script``."""
    return re.compile(f"[^\\W\\d_{_char_class({script})}]")


@lru_cache(maxsize=32)
def _words_of(script: str) -> re.Pattern[str]:
    """:data:`_WORD` on a line whose only word characters are letters of ``script`` (see
    :func:`_beyond`): testing a character against a class of ranges is cheaper than against
    Unicode categories."""
    letters = _char_class({script})
    return re.compile(f"[{letters}]+(?:['’\\-][{letters}]+)*")


def _foreign_script(char: str, native: frozenset[str]) -> str:
    """The script of ``char`` if it is a letter that can start a run (of a script LG002 knows,
    not native), else "". A letter of no known script makes an "Other" word, which never
    joins a run."""
    script = script_of(char)  # "" for a non-letter
    return "" if script in native or script in _NO_RUN else script


def first_foreign_letter(doc: Document, ctx: Context, native: frozenset[str]) -> int:
    """The offset of the first letter of ``doc`` whose script is neither ``native`` nor one
    LG002 does not know (see :func:`_foreign_script`), or -1 when there is none.

    Found once per document (the context's memo): LG002 starts its line scan there, and LG004
    needs no scan of its own where there is none (see ``rules.script``)."""
    return ctx.memo(("LG002.first-foreign", doc.text, native),
                    lambda: _first_foreign(doc.text, native))


def _first_foreign(text: str, native: frozenset[str]) -> int:
    if text.isascii():
        if not _ascii_may_be_foreign(native):
            return -1  # one C-level test instead of a class scan of the text (or its build)
    elif is_latin1(text) and not _latin1_may_be_foreign(native):
        return -1
    return _next_foreign(text, 0, _maybe_foreign(native).search, native)


def _next_foreign(text: str, offset: int, search: Callable[[str, int], re.Match[str] | None],
                  native: frozenset[str]) -> int:
    """The offset of the first foreign letter (see :func:`first_foreign_letter`) from
    ``offset`` on, or -1; ``search``: the ``search`` of :func:`_maybe_foreign`'s pattern."""
    match = search(text, offset)
    while match is not None:
        offset = match.start()
        if _foreign_script(text[offset], native):
            return offset
        match = search(text, offset + 1)
    return -1


def _foreign_lines(doc: Document, ctx: Context,
                   native: frozenset[str]) -> Iterator[tuple[int, int, str]]:
    """``(start, end, script)`` of each line holding a foreign letter, and that letter's script."""
    offset = first_foreign_letter(doc, ctx, native)
    if offset < 0:
        return
    text = doc.text
    search = _maybe_foreign(native).search
    line_span = doc.line_span if "\r" in text else partial(_line_span, text)
    while offset >= 0:
        start, end = line_span(offset)
        yield start, end, _foreign_script(text[offset], native)
        offset = _next_foreign(text, end, search, native)


def _line_span(text: str, offset: int) -> tuple[int, int]:
    """:meth:`Document.line_span` of a text without "\\r": two C-level searches, no bisection."""
    end = text.find("\n", offset)
    return text.rfind("\n", 0, offset) + 1, len(text) if end < 0 else end


@lru_cache(maxsize=1)
def _title_lowercase() -> frozenset[str]:
    """Words that names and titles keep in lower case (glossaries/lang/names/)."""
    lines = read_text(shipped("lang", "names", "title-lowercase.txt")).splitlines()
    return frozenset(w.strip() for w in lines if w.strip() and not w.startswith("#"))


def _lowercase_content_words(run: list[_Word]) -> int:
    """Lower-case words of 3+ letters in ``run`` that are no listed function word: prose.

    Names, titles and brands capitalise their content words ("Press Trust of India",
    "Face the Nation"); an untranslated sentence does not ("told the BBC she had booked").
    """
    lowercase = _title_lowercase()
    return sum(1 for w in run if len(w.text) >= 3 and w.text.islower()
               and w.text not in lowercase)


def _in_brackets(line: str, run: list[_Word]) -> bool:
    """Whether ``run`` lies inside one pair of round or square brackets (a gloss)."""
    opening = [m.group() for m in _BRACKET.finditer(line, 0, run[0].start)]
    closing = _BRACKET.search(line, run[-1].end)
    return bool(opening) and opening[-1] in "([（" and closing is not None \
        and closing.group() in ")]）"


def _bracket_parts(line: str, run: list[_Word]) -> Iterator[list[_Word]]:
    """``run`` cut where a bracket stands between two of its words."""
    part = [run[0]]
    for word in run[1:]:
        if _BRACKET.search(line, part[-1].end, word.start):
            yield part
            part = []
        part.append(word)
    yield part


def _reportable_latin(run: list[_Word], line: str) -> bool:
    """Whether a Latin run in a non-Latin text reads as prose, outside brackets."""
    return _lowercase_content_words(run) >= MIN_PROSE_WORDS and not _in_brackets(line, run)


def _reportable(words: list[str], whole_line: bool) -> bool:
    """Whether a run of ``words`` in another foreign script is reported: two words of 2+
    characters, or a whole line of 3 characters or more."""
    long_words = 0
    for word in words:
        long_words += len(word) >= 2
        if long_words == 2:
            return True
    return whole_line and sum(map(len, words)) >= 3


@rule("LG002", "foreign-script-run", "language", "Accuracy/Untranslated text")
def foreign_script_run(doc: Document, ctx: Context) -> Iterator[Hit]:
    """Words in a script the target language does not use (Cyrillic in English, Latin in Russian).

    ## What it does
    Looks at the script of every word (Unicode character names; no model) and reports runs of
    words in a script foreign to the target language (`glossaries/lang/scripts.tsv`):

    - in a Latin-script language: a run of two or more words of another script (Cyrillic, Greek,
      Arabic, Han ...), or a whole line whose only words are in another script, such as the
      dateline `07 янв 2022, 11:44` left over from the Russian page;
    - Latin inside a non-Latin language (Russian, Ukrainian, Chinese, Japanese ...) is normal
      for names of companies, galleries, associations, publications and programmes ("Press
      Trust of India", "Face the Nation"), brands and acronyms, and for glosses in brackets. So
      a Latin run is reported only when it reads as prose: it holds two or more lower-case words
      of three letters or more that names and titles do not keep in lower case (articles,
      conjunctions and short prepositions of `glossaries/lang/names/title-lowercase.txt` do not
      count): "told the BBC she had booked", "hull losses". A run is cut at brackets, and a
      part inside round or square brackets (a gloss) is never reported.

    One-letter words (symbols such as α or β), URLs, domain names, e-mail addresses, account
    names and hashtags (`@olga_photo`), HTML entities (`&quot;`), numbers and units are
    ignored, and a word mixing two scripts is LG004's.

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
    Latin in non-Latin targets (redesigned for issues #13 and #20, where about 20 % of the
    Russian findings were right): every finding on wmt21-news-ru-fr en-ru (9 systems, the set of
    issue #13, so not unseen) is right, 5 of 5 (`benchmarks/judged/LG002.ru.tsv`: untranslated
    English sentences and terms); on wmt24-news-multi (cs, es, is, ja, uk, zh, 8 systems each),
    wmt21-news-ru-fr de-fr and the wmt21-news en-de and ru-en outputs it finds 4, all right
    (`benchmarks/judged/LG002.tsv`: English terms and clauses in Chinese and Japanese). The
    names, titles and glosses of the old findings are gone; some short untranslated phrases
    with one lower-case word ("a Tory backbencher") are missed. On human-written Russian (the
    wmt21 ru-en source, 1,002 lines) it reports one motor-racing term that Russian sports
    journalists keep in English ("drive through"), and in the Russian gold article of
    scrapinghub-aeb one kept culinary term ("slow food"): two-word English terms that Russian
    writers keep are its known false alarms.
    Other scripts in Latin targets: no finding on the WMT21 newstest2021 references (en: ru-en
    A and B; de: en-de A, C, D; 5 × 1,002 lines), on the 16 system outputs, on the en source,
    nor on the 108 error-free segments of mqm-generalmt2023-ende. scrapinghub-aeb gold
    bodies (80 English articles and 8 in de, id, it, ko, pt, ru) with `--lang auto`: 1 (the
    "slow food" above); all read as English: 283 (260 before account names were masked: a
    Russian "Аккаунт: @name" line is now Cyrillic only), the whole Russian and Korean articles
    and an Arabic verse in an Indonesian one, which is what it should say when the language
    setting is wrong.
    Per language on wmt24-news-multi (each system folder on its own, `judged/LG002.LANG.tsv`,
    every finding): ja 1/1, zh 3/3 (English phrases left inside the sentence).
    """
    native = target_scripts().get(ctx.lang)
    if not native:
        return
    latin_in_other = "Latin" not in native
    maskable: bool | None = None  # whether the text has anything to mask: asked once, if needed
    language = ""  # the target's name, for the messages: looked up at the first line
    for start, end, script in _foreign_lines(doc, ctx, native):
        if maskable is None:
            maskable = _may_mask(doc.text)
            language = language_name(ctx.lang)
        line = doc.text[start:end]
        masked = _masked(line) if maskable else line
        if not (latin_in_other and script == "Latin") and _beyond(script).search(masked) is None:
            # All the line's words are in that one foreign script: one run, the whole line.
            words = _words_of(script).findall(masked)
            if _reportable(words, whole_line=True):
                first = _WORD.search(masked)
                yield _hit(language, start + first.start(),
                           start + _LAST_LETTER.match(masked).end(), script, len(words))
            continue
        parts = _WORD_SPLIT.split(masked)  # between, word, between, word, ..., between
        words = parts[1::2]
        scripts = list(map(_word_script, words))
        bounds = list(accumulate(map(len, parts), initial=0))  # word k: bounds[2k + 1:2k + 3]
        scripted = len(words) - scripts.count("Other")  # the words a whole-line run holds
        for first, stop in _runs(scripts, native):
            run_script = scripts[first]
            if latin_in_other and run_script == "Latin":
                whole = [_Word(bounds[2 * k + 1], bounds[2 * k + 2], run_script, words[k])
                         for k in range(first, stop)]
                for run in _bracket_parts(line, whole):
                    if _reportable_latin(run, line):
                        yield _hit(language, start + run[0].start, start + run[-1].end,
                                   run_script, len(run))
            elif _reportable(words[first:stop], whole_line=stop - first == scripted):
                yield _hit(language, start + bounds[2 * first + 1], start + bounds[2 * stop],
                           run_script, stop - first)


def _hit(language: str, start: int, end: int, script: str, words: int) -> Hit:
    return Hit(start, end, f"{script} script in {language} text "
                           f"({words} word(s)): untranslated or left over from the source")


AUTO_SOURCES = ("en", "fr", "de", "es", "it")  # source-lang = "auto": the common ones
SOURCE_MIN_ZIPF = 3.0  # a source-language word is at least this common in the source language
SOURCE_MARGIN = 1.5  # ... and this much more common there than in the target (30x)
BRIDGE_MARGIN = 0.5  # a word at most this much more common in the target joins a run
_FRAGMENT_WORD = lazy(globals(), "_FRAGMENT_WORD", r"[A-Za-zÀ-ÖØ-öø-ÿ]+(?:['’][A-Za-z]+)?")
_FRAGMENT_GAP = re.compile(r"[ \-]*")


class _Scored(NamedTuple):
    start: int
    end: int
    margin: float  # how much more common (Zipf) in the most likely source language
    source: str
    name_like: bool  # capitalised and rare in every list compared: a proper name


def _fragment_sources(ctx: Context) -> tuple[str, ...]:
    """The source languages LG003 compares the target with (none when it cannot)."""
    native = target_scripts().get(ctx.lang, frozenset())
    if "Latin" not in native or not frequency.known(ctx.lang):
        return ()
    configured = ctx.config.source_lang or "en"
    candidates = AUTO_SOURCES if configured == "auto" else (configured,)
    return tuple(lang for lang in candidates if lang != ctx.lang and frequency.known(lang))


def _score(word: str, sources: tuple[str, ...], target: str) -> tuple[float, str, bool]:
    """How much more common (Zipf) ``word`` is in its likeliest source language than in
    ``target`` (``-inf`` when it is rare in every source), that language, and whether the word
    looks like a proper name (capitalised and rare in every list compared)."""
    best, lang = max((frequency.zipf(word, lang), lang) for lang in sources)
    in_target = frequency.zipf(word, target)
    name_like = word[0].isupper() and max(best, in_target) < SOURCE_MIN_ZIPF
    if best < SOURCE_MIN_ZIPF:
        return -math.inf, lang, name_like
    return best - in_target, lang, name_like


def _scored_words(line: str, sources: tuple[str, ...], target: str) -> list[_Scored]:
    masked = _masked(line)
    return [_Scored(m.start(), m.end(), *_score(m.group(), sources, target))
            for m in _FRAGMENT_WORD.finditer(masked) if len(m.group()) >= 2]


def _next_to_name(line: str, run: list[_Scored], scored: list[_Scored]) -> bool:
    """Whether a proper-name-like word touches ``run`` (only a space or hyphen between)."""
    for word in scored:
        if not word.name_like:
            continue
        if word.end <= run[0].start and _FRAGMENT_GAP.fullmatch(line, word.end, run[0].start):
            return True
        if word.start >= run[-1].end and _FRAGMENT_GAP.fullmatch(line, run[-1].end, word.start):
            return True
    return False


def _source_runs(line: str, scored: list[_Scored]) -> Iterator[list[_Scored]]:
    """Runs of source-language words joined only by spaces or hyphens. A word at most
    :data:`BRIDGE_MARGIN` more common in the target (a word both languages use, "will", "in")
    joins the run when a source word follows it; capitalised ones also end a name
    ("Department of Homeland Security")."""
    run: list[_Scored] = []
    pending: list[_Scored] = []
    for word in [*scored, None]:
        last = (pending or run)[-1] if run else None
        adjacent = word is not None and last is not None and _FRAGMENT_GAP.fullmatch(
            line, last.end, word.start) is not None
        if word is not None and adjacent and word.margin >= SOURCE_MARGIN \
                and word.source == run[0].source:
            run.extend(pending)
            run.append(word)
            pending = []
        elif word is not None and adjacent and word.margin >= -BRIDGE_MARGIN:
            pending.append(word)
        else:
            if run:
                yield [*run, *_name_tail(line, pending)]
            run = [word] if word is not None and word.margin >= SOURCE_MARGIN else []
            pending = []


def _name_tail(line: str, pending: list[_Scored]) -> list[_Scored]:
    """The capitalised words at the start of ``pending``: the rest of a name."""
    tail = []
    for word in pending:
        if not line[word.start].isupper():
            break
        tail.append(word)
    return tail


@rule("LG003", "source-language-fragment", "language", "Accuracy/Source language fragment",
      default=False)
def source_language_fragment(doc: Document, ctx: Context) -> Iterator[Hit]:
    """Words of the source language left in a translation into another Latin-script language.

    ## What it does
    Compares, for every word of a Latin-script text, how common it is in the source language
    (`source-lang` in the config, English by default; `auto` tries en, fr, de, es and it) and in
    the target language, with the frequency lists of the `wordfreq` package (no model, no
    network). A word that is common in the source language (Zipf 3 or more: once per million
    words) and 30 times (1.5 Zipf) more common there than in the target is a source-language
    word: "Department", "told", "Council" in German. Runs of such words, joined by spaces or
    hyphens, are reported as one finding; a word only 3 times more common in the source joins a
    run when another source word follows ("Department of Homeland Security").

    Limits: names written the same in both languages are invisible ("Türkiye"); English words
    German has borrowed ("Job", "Shirt") are not source words; an English name that translators
    keep ("Labour", "North Carolina") is reported all the same, which is why the rule is off by
    default.

    ## Why it matters
    Translation engines leave names of institutions, titles and whole phrases untranslated;
    human MQM raters mark them "Accuracy/Source language fragment", the most common accuracy
    error after mistranslation. Same-script fragments are invisible to LG002 and too short for
    LG001.

    ## Example
    ```text
    Die Kommission erklärte, we will not accept this decision, und verließ den Saal.
    ```
    Reported: `we will not accept this decision` (English words in German text).

    ## Fix safety
    No fix: the right translation (or keeping the name) is an editorial choice.

    ## Precision
    Recall on mqm-generalmt2023-ende (en→de, each system linted on its own): 87 of the 203
    human-marked "source language fragment" spans (42.9 %), with 3 findings on the 108
    error-free segments (0.028 per segment); 59.6 % of its 354 findings overlap no rated span
    (`TC_ARGS="--select LG003" python3 ../shared/tools/eval/eval_mqm.py termcheck
    ../shared/corpora/mqm-generalmt2023-ende`). Precision on unseen MT output is 7.5 %: 3 right
    of 40 findings drawn at random (seed 14) from the 758 on the six wmt21-news en-de system
    outputs (`benchmarks/judged/LG003.de.tsv`). Most findings are English names that human
    translators keep too ("Associated Press", "South Carolina", "Five Eyes", "Mail on
    Sunday"): the human reference en-de A gets 97 findings in 1,002 lines. Default off: a
    frequency list cannot tell a kept name from an untranslated one.
    """
    sources = _fragment_sources(ctx)
    if not sources:
        return
    for start, end in doc.lines():
        line = doc.text[start:end]
        scored = _scored_words(line, sources, ctx.lang)
        for run in _source_runs(line, scored):
            if _next_to_name(line, run, scored):
                continue
            yield Hit(start + run[0].start, start + run[-1].end,
                      f"{language_name(run[0].source)} words in {language_name(ctx.lang)} "
                      f"text: untranslated fragment?")
