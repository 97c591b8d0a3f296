"""Quotes: unbalanced, mixed, misspaced and foreign quotation marks.

Every rule reads the same pairing (termcheck.quoting.analyse), computed once per document and
language; the conventions per language live in glossaries/quotes.toml.
"""

from __future__ import annotations

import unicodedata
from typing import Iterator

from termcheck.context import Context
from termcheck.document import Document
from termcheck.model import Applicability, Fix, Hit
from termcheck.quoting import (
    CLOSE,
    OPEN,
    QUOTE_CHARS,
    STRAIGHT,
    Convention,
    Conventions,
    Mark,
    QuoteAnalysis,
    QuotePair,
    analyse,
    conventions,
)
from termcheck.rules.registry import Option, rule

_HSPACE = " \t\u00a0\u2009\u202f\u2002\u2003\u2007\u2008\u200a"
_GLUE_BEFORE = ".,;:!?"
MQM = "Fluency/Punctuation"
# The trigger of every quote rule (see termcheck.rules.registry.rule): each finding is on a mark
# of the pairing, which is one of these characters (termcheck.quoting.marks_and_quotations).
QUOTE_TRIGGER = QUOTE_CHARS


def _applicability(pair: QuotePair) -> Applicability:
    return Applicability.SAFE if pair.safe else Applicability.DISPLAY


def _confirmed(analysis: QuoteAnalysis) -> Iterator[QuotePair]:
    """Pairs whose both roles are confirmed: spacing is judged only on those."""
    return (p for p in analysis.pairs if p.opener.certain and p.closer.certain)


def _language(analysis: QuoteAnalysis) -> str:
    return analysis.convention.name if analysis.convention else "this language"


# The options every quote rule reads (the pairing and the conventions are shared).
QUOTE_OPTIONS = {
    "quote-conventions": Option(str, None, "a quote conventions file of the project's own, "
                                "relative to the configuration (replaces the shipped one)"),
    "straight-quotes": Option(bool, None, "typewriter quotes accepted (true) or flagged (false) "
                              "in any language; unset: as the language's convention says"),
}


@rule("QT001", "unbalanced-quote", "quotes", MQM,
      options=QUOTE_OPTIONS, trigger=QUOTE_TRIGGER)
def unbalanced_quote(doc: Document, ctx: Context) -> Iterator[Hit]:
    """A quotation mark without its partner in the same paragraph.

    ## What it does
    Pairs the quotation marks of each paragraph (see `glossaries/quotes.toml` for the marks of
    each language) and reports an opening mark never closed, or a closing mark never opened.
    Apostrophes (don't, Higgins'), inch marks (27") and guillemets used as separators
    (Home » News) are not quotes. A quotation running over several paragraphs is not reported:
    when a paragraph leaves a quote open and the next one starts with the same opening mark
    (journalistic style), or when the next paragraph closes it. A mark that ends its paragraph
    with nothing quoted after it (`calling the ruling «`) is excused only when the next
    paragraph continues the quotation (opens it again, or its first quote mark closes it);
    otherwise it dangles and is reported.

    ## Why it matters
    Translation engines drop one side of a quotation or move it into the next sentence; a reader
    cannot tell where the quoted words end.

    ## Example
    ```text
    “The regime will not change, said the expert.
    ```
    Use instead: `“The regime will not change,” said the expert.`

    ## Fix safety
    No fix: where the missing partner belongs is a matter of reading the text.

    ## Precision
    WMT23 en→de MQM (1,040 MT segments, `--lang de`): 33 findings, none on the 108 segments
    rated error-free, 15% (5) on text no rater marked. WMT21 human references (findings per
    1,000 lines): ru-en A 1, B 0; en-de A 5, C 7, D 3; read by hand, almost all are real (quotes
    closed too early or never) in the human text. WMT21 ru-en MT outputs: 4-49 per 1,000
    lines (dropped or misplaced straight quotes). Quotations over up to 12 sentence lines are
    paired, so sentence-per-line corpora do not fire on every multi-sentence quote.
    scrapinghub-aeb gold bodies: 0 (10 before the fixes below: a real "isn ‘t", 7 Korean ‘…’
    closed against a particle, 2 ‘ for an Arabic ayin before a name).

    Judged by hand on MT output not used for tuning (`benchmarks/judged/QT001.tsv`, sampled with
    `benchmarks/sample_findings.py`, figure by `benchmarks/judge.py QT001`): WMT21 en→ru and
    de→fr (9 systems each), en→de and ru→en systems not tuned on, scrapinghub-aeb dev half.
    Before: 34 of 46 real, 73.9% (`judged/before/QT001.tsv`): French quotations over several
    sentence lines whose spaced « was taken for a separator, Korean particles, ayins. After
    fixing those patterns (a spaced-convention « is always a quote and a » ending a line too; a
    ’ before a Hangul, kana or CJK letter closes a quote; a lone ‘ is not reported), fresh
    samples: 28 of 30 (93.3%) after the first fix, 29 of 30 (96.7%) after the second. The one
    pattern left (3 of 106 judged): a correct pair misread because a misspaced pair earlier on
    the line upset the pairing.
    WMT24 news MT output (wmt24-news-multi, 8 systems, judged samples in
    `benchmarks/judged/QT001.<lang>.tsv`): cs 18/19, es 9/10, hi 29/29, is 30/30, ja 9/9,
    uk 14/15, zh 26/28 (the false positives: a correct closing mark whose opening mark the
    translation misplaced). Lines ending in 。！？」 or the danda end a paragraph; a quotation
    continued in the next paragraph may reopen with another mark of the same weight, but a
    straight mark left open only with a straight one (a " reopened with « or „ was excused and
    then judged by no rule: 10 real findings restored, 10 of 10 judged real, WMT21 fr/ru/de and
    WMT24 cs/hi/is/uk, `benchmarks/judged/QT001.reopened.tsv`).
    """
    analysis = analyse(doc, ctx)
    for mark in analysis.unclosed:
        yield Hit(mark.offset, mark.offset + 1,
                  f"Opening quote '{mark.char}' is never closed in this paragraph")
    for mark in analysis.unopened:
        yield Hit(mark.offset, mark.offset + 1,
                  f"Closing quote '{mark.char}' has no opening quote in this paragraph")


Verdict = tuple[str, QuotePair, list[tuple[Mark, str]], tuple[str, str]]


def _verdicts(doc: Document, ctx: Context) -> list[Verdict]:
    """``(code, pair, [(mark, replacement)], expected pair)`` for each wrong pair of ``doc``
    (judged once per text: QT002-QT006 all read them)."""
    return ctx.memo(("quotes.verdicts", doc.text),
                    lambda: list(_judge(analyse(doc, ctx), conventions(ctx))))


def _judge(analysis: QuoteAnalysis, known: Conventions) -> Iterator[Verdict]:
    convention = analysis.convention
    judged: dict[tuple[str, str, bool], tuple[str, tuple[str, str]] | None] = {}
    for pair in analysis.pairs:
        opener, closer = pair.opener.char, pair.closer.char
        # The verdict depends on the two characters and on whether the pair is nested only:
        # judged once per kind of pair of the document.
        key = (opener, closer, pair.opener.depth > 0)
        if key in judged:
            verdict = judged[key]
        else:
            verdict = judged[key] = _judge_pair(opener, closer, pair.opener.depth, convention,
                                                known)
        if verdict is None:
            continue
        code, expected = verdict
        opener_wanted, closer_wanted = expected
        wrong = [(pair.opener, opener_wanted)] if opener != opener_wanted else []
        if closer != closer_wanted:
            wrong.append((pair.closer, closer_wanted))
        yield code, pair, wrong, expected


def _judge_pair(opener: str, closer: str, depth: int, convention: Convention | None,
                known: Conventions) -> tuple[str, tuple[str, str]] | None:
    """The rule code and the expected pair of a wrong pair ``opener … closer`` (opened at
    ``depth``), or None when the pair is right."""
    consistent = known.is_consistent(opener, closer)
    if convention is None:
        if consistent:
            return None
        expected = next(((o, c) for o, c in sorted(known.consistent)
                         if o == opener), (opener, opener))
    elif convention.accepts(opener, closer):
        return None
    else:
        expected = convention.expected(opener, closer, depth)
    if not consistent:
        return "QT002", expected
    if opener in STRAIGHT:
        return "QT006", expected
    return "QT005", expected


def _replace_hits(doc: Document, ctx: Context, code: str, message: str) -> Iterator[Hit]:
    """One hit per wrong mark of a wrong pair (raters mark each), each fixing its own mark."""
    analysis = analyse(doc, ctx)
    if not analysis.pairs:
        return
    known = analysis.convention is not None
    # The message and fix title of each kind of wrong mark, made once per document: a text
    # quoting with another language's marks has the same few kinds hundreds of times.
    texts: dict[tuple[str, ...], tuple[str, str]] = {}
    for found, pair, wrong, expected in _verdicts(doc, ctx):
        if found != code:
            continue
        for mark, wanted in wrong:
            key = (pair.opener.char, pair.closer.char, *expected, mark.role, mark.char, wanted)
            words = texts.get(key)
            if words is None:
                words = texts[key] = (_message(message, analysis, pair, mark, wanted, expected),
                                      f"Replace {mark.char} by {wanted}")
            yield Hit(mark.offset, mark.offset + 1, words[0],
                      Fix.replace(mark.offset, mark.offset + 1, wanted, words[1],
                                  _applicability(pair) if known else Applicability.DISPLAY))


def _message(message: str, analysis: QuoteAnalysis, pair: QuotePair, mark: Mark, wanted: str,
             expected: tuple[str, str]) -> str:
    text = message.format(opener=pair.opener.char, closer=pair.closer.char,
                          expected="…".join(expected), language=_language(analysis),
                          side="closing" if mark.role == CLOSE else "opening",
                          mark=mark.char, wanted=wanted)
    if analysis.convention is None:  # no data for this language: its convention is unknown
        text = text.split(":", 1)[0] + (": this language's convention is unknown, so "
                                        f"{''.join(expected)} is only a guess")
    return text


@rule("QT002", "mixed-quote-pair", "quotes", MQM, fixable="sometimes",
      options=QUOTE_OPTIONS, trigger=QUOTE_TRIGGER)
def mixed_quote_pair(doc: Document, ctx: Context) -> Iterator[Hit]:
    """A quotation opened with the mark of one convention and closed with another's.

    ## What it does
    Reports a pair whose two marks belong to no single convention: « closed by “, „ closed by a
    straight ", a straight " closed by “. Each mark that differs from the pair the target
    language writes is reported, with that language's mark as the fix.

    ## Why it matters
    Engines and copy-paste mix the quotes of the source and the target language; the result
    looks broken in every language.

    ## Example
    ```text
    «And the Russians are supposed to save the regime. “
    ```
    Use instead (English): `“And the Russians are supposed to save the regime.”`

    ## Fix safety
    Safe when the pairing is unambiguous: the paragraph is balanced and the role of each mark
    is confirmed by its convention or by its neighbours (a space before and a letter after an
    opening mark). Otherwise the replacement is shown only: in a paragraph with an
    unbalanced-quote finding (QT001), and for a mixed pair whose closing mark stands apart from
    a quoted word (`«… SEC ".`), where the mark may as well open a quotation the translation
    dropped: repairing it would make a truncated quotation look closed. In a language without
    quote data (`--lang xx`), the pair is still reported but its fix is display only, and the
    message says the convention is a guess: no other language's convention is assumed.

    ## Precision
    WMT23 en→de MQM: 1 finding (on a rated span), none on error-free segments. WMT21 human
    references per 1,000 lines: en-de A 1, C 6, D 0, ru-en 0; each one a real „…" or "…“ pair.
    WMT21 en-de MT outputs: 0-21 per 1,000 lines (0 for two of the six systems; `töten„, sagte`,
    `“gerahmt„`). scrapinghub-aeb gold bodies: 7, each a real “…" or ‘…‘ pair of the published
    page. The seeds: both «…“ quotations, nothing else.

    Judged by hand on unseen MT output (`benchmarks/judged/QT002.tsv`; WMT21 en→ru, de→fr,
    en→de and ru→en systems not tuned on, scrapinghub-aeb dev half; 10 per set): 38 of 39 real,
    97.4% (mostly quotations opened with one convention's mark and closed lines later with
    another's). The false one: a consistent “…” pair whose spacing, not its marks, is wrong.
    WMT24 news MT output (judged samples in
    `benchmarks/judged/QT002.<lang>.tsv`): cs 30/30, is 30/30, hi 2/2, ja 1/1, uk 2/2, zh 3/3.
    A pair opened with a closing-shaped mark (Swedish ”…”, Arabic ”…“) is correct only in the
    languages that write it and stays mixed everywhere else.
    """
    yield from _replace_hits(
        doc, ctx, "QT002",
        "Quotation opened with {opener} and closed with {closer} (two conventions): "
        "{language} writes {expected}, so the {side} mark should be {wanted}")


@rule("QT005", "foreign-quote-marks", "quotes", "Locale convention", fixable="sometimes",
      options=QUOTE_OPTIONS, trigger=QUOTE_TRIGGER)
def foreign_quote_marks(doc: Document, ctx: Context) -> Iterator[Hit]:
    """Typographic quotation marks of another language's convention.

    ## What it does
    Reports a consistent pair of typographic quotes that the target language does not use:
    English “…” in German (which writes „…“), guillemets «…» in English, „…“ in French.
    Inactive for languages without a convention.

    Where the data comes from: the primary and secondary pair of every CLDR locale
    (`glossaries/cldr/conventions.toml`, generated by `tools/cldr_conventions.py` from ICU's
    CLDR data through PyICU; regional and script locales fall back to their language:
    `zh-Hant-TW` → `zh-hant` → `zh`), overridden by hand in `glossaries/quotes.toml` where news
    practice differs from CLDR, each override with its reason (German also takes »…« and Swiss
    «…»; Spanish «…» first, then “…”; Japanese also “…”; Chinese also 「…」). A project may use
    its own file instead, `quote-conventions = "path/quotes.toml"`: then only that file counts.

    ## Why it matters
    This is the largest category of human-marked errors in published evaluations of MT output
    into German: the engine copies the source's marks instead of using the target's.

    ## Example
    ```text
    Die Regierung sprach von einem “Signal an andere Staaten”.
    ```
    Use instead: `Die Regierung sprach von einem „Signal an andere Staaten“.`

    ## Fix safety
    Safe when the pairing is unambiguous (balanced paragraph, each role confirmed by the mark's
    convention or its neighbours); otherwise shown only. Nested quotes get the secondary pair.

    ## Precision
    WMT23 en→de MQM: no findings (those outputs use „…“ or straight quotes, never “…”), and in
    particular none on correct „…“, which one rater marked 127 times. WMT21 human references:
    0 per 1,000 lines (de and en). scrapinghub-aeb gold bodies: 0 with `--lang auto` (30 when
    its Russian «…» and German „…“ articles are read as English). Clean prose in en, de, fr, es,
    ru, it, pt, nl, pl with the correct marks gives no finding (tests/test_quotes.py).
    Unseen MT output (the judging sets of `benchmarks/sample_findings.py`: WMT21 en→ru, de→fr,
    en→de, ru→en systems not tuned on, scrapinghub-aeb dev half): 0 findings, so no precision
    could be judged there.
    WMT24 news MT output into cs, es, hi, is, ja, uk, zh (wmt24-news-multi, 9,536 lines): 0.
    """
    yield from _replace_hits(
        doc, ctx, "QT005",
        "{opener}…{closer} are not {language} quotation marks: {language} writes {expected}, "
        "so the {side} mark should be {wanted}")


@rule("QT006", "straight-quotes", "quotes", "Locale convention", fixable="sometimes",
      options=QUOTE_OPTIONS, trigger=QUOTE_TRIGGER)
def straight_quotes(doc: Document, ctx: Context) -> Iterator[Hit]:
    """Typewriter quotes ("…", '…') where the target language expects typographic ones.

    ## What it does
    Reports each paired straight quote in a language whose convention does not accept them.
    Apostrophes, inch marks and unpaired single quotes are left alone, and so are two
    apostrophes around one lower-case letter between two words (Rock 'n' Roll: an
    elided word, not a quotation).

    Per language (`glossaries/quotes.toml`): an error in German, French, Russian, Ukrainian,
    Czech, Icelandic, Polish, Italian, Portuguese, Dutch, Japanese (「…」) and Chinese (“…”),
    whose press sets typographic quotes; a house style, accepted by default, in English,
    Spanish (news sites use «…», “…” and "…" alike), Hindi, Arabic and Hebrew; and not judged
    in languages known from CLDR only (not reviewed). The option `straight-quotes = false`
    (or `true`) under `[tool.termcheck.options]` sets the house style for any language.

    ## Why it matters
    Straight quotes in German output are the most frequent single error human raters mark in
    MT evaluations; published German uses „…“.

    ## Example
    ```text
    Er nannte die Kampagne "einen dummen Fehler".
    ```
    Use instead: `Er nannte die Kampagne „einen dummen Fehler“.`

    ## Fix safety
    Safe when both marks' roles are clear from their neighbours and the paragraph is balanced;
    otherwise shown only (straight marks pair by order, which one unbalanced mark upsets).

    ## Precision
    WMT23 en→de MQM (1,040 MT segments, `--lang de`): 1,388 findings, quote-mark recall 92.3%,
    none on the 108 segments rated error-free; 15% overlap no rated span, nearly all closing
    marks of a pair whose opening mark the raters marked. With all QT rules: punctuation recall
    75.2% and quote-mark recall 94.7% (reference rule flagging every straight quote: 73.0% and
    92.0%), 15.1% of findings on unrated text (reference 15.1%), 0 findings on error-free
    segments. The 136 quote ratings missed are correct „ marks (127) and stray apostrophes.
    WMT21 German human references per 1,000 lines: A 20, C 6, D 355 (translator D types
    straight quotes throughout: ignore QT006 for such corpora).
    Judged by hand on unseen MT output (`benchmarks/judged/QT006.tsv`; WMT21 en→ru 4,526
    findings, de→fr 2,214, en→de systems not tuned on 12, scrapinghub-aeb dev half 2; 10 per
    set): 32 of 32 real, 100% (straight double and single quotes in ru, fr, de text).
    WMT24 news MT output (judged
    samples in `benchmarks/judged/QT006.<lang>.tsv`): cs, is, ja, uk, zh 30/30 each; per 1,000
    lines cs 396, is 315, ja 44, uk 545, zh 196; es and hi 0 (accepted house style).
    """
    yield from _replace_hits(
        doc, ctx, "QT006",
        "Straight quotes in {language} text: {language} writes {expected}, "
        "so the {side} mark should be {wanted}")


def _space_run(text: str, start: int, step: int) -> int:
    """The index just past the run of horizontal spaces from ``start`` going by ``step``."""
    i = start
    while 0 <= i < len(text) and text[i] in _HSPACE:
        i += step
    return i


def _inner_side(doc: Document, mark: Mark) -> tuple[int, int]:
    """``(start, end)`` of the spaces on the inner side of a mark (empty span when none)."""
    if mark.role == CLOSE:
        start = _space_run(doc.text, mark.offset - 1, -1) + 1
        return start, mark.offset
    return mark.offset + 1, _space_run(doc.text, mark.offset + 1, 1)


def _expected_chars(doc: Document, ctx: Context) -> dict[int, str]:
    return {mark.offset: wanted for _, _, wrong, _ in _verdicts(doc, ctx)
            for mark, wanted in wrong}


@rule("QT003", "space-inside-quotes", "quotes", MQM, fixable="sometimes",
      options=QUOTE_OPTIONS, trigger=QUOTE_TRIGGER)
def space_inside_quotes(doc: Document, ctx: Context) -> Iterator[Hit]:
    """A space just inside a quotation mark, or a missing one where the language wants it.

    ## What it does
    For each pair of quotes, reports a space right after the opening mark (`“ signal`) or right
    before the closing mark (`states ”`). Where the convention puts a space inside (French
    « … »), reports a missing one instead; a no-break, narrow no-break or plain space is
    accepted there, and the fix inserts a no-break space.

    ## Why it matters
    Engines that tokenise quotes as words put them back with the wrong spacing; the quote then
    floats between words and may be wrapped onto the next line alone.

    ## Example
    ```text
    The deployment is also a “signal to other authoritarian states ”.
    ```
    Use instead: `… a “signal to other authoritarian states”.`

    ## One mark, one finding
    Where another quote rule reports the same mark (a straight quote QT006 replaces, a mark
    QT004 finds glued), QT003 stays silent: the engine keeps the most specific finding of the
    quote rules on one mark (QT001, QT002, QT005, QT006, QT004, then QT003), and the fix loop
    repairs the spacing in its next round, on the right mark.

    ## Fix safety
    Safe when the pairing is unambiguous (balanced paragraph, roles confirmed, not a mixed pair
    whose closer stands apart from a quoted word, see QT002); otherwise the deletion is shown
    only, because a misread pair would glue the quote to the wrong word, or make a truncated
    quotation look closed.

    ## Precision
    WMT23 en→de MQM: 5 findings, all on rated spans, none on error-free segments; since one
    mark gets one finding (below), all 5 are left to QT006 or QT004 on the same mark. WMT21 human
    references per 1,000 lines: en-de C 1 (a real `„ Face the Nation“`), others 0. Judged only
    on pairs whose roles are confirmed, so an odd straight quote upsetting the pairing does not
    produce spacing findings. scrapinghub-aeb gold bodies: 22, spaces inside quotes in the
    published pages (`“ Wild Rose ”`, `delays ”.`). The seeds: all 9 misspaced marks, nothing
    else.
    Judged by hand on unseen MT output (`benchmarks/judged/QT003.tsv`; WMT21 en→ru, de→fr,
    ru→en systems not tuned on, scrapinghub-aeb dev half; 10 per set): 39 of 39 real, 100%. In
    French, 1,889 of the 1,892 findings of the nine de→fr systems are the missing space inside
    a straight pair that QT006 also reports (the pair becomes « … » with no-break spaces): real,
    but the same marks counted twice.
    WMT24 news MT output (judged samples in `benchmarks/judged/QT003.<lang>.tsv`): is 3/3,
    ja 3/3 (`「  私たちは`), zh 2/2. A spaced mark that may open, ending a line before a line
    that opens a quote (`calling it "⏎"Based…`), is a sentence cut by the segmentation and is
    not reported.
    """
    analysis = analyse(doc, ctx)
    if not analysis.pairs:
        return
    convention = analysis.convention
    # Most marks have no space inside and, in a language that wants none (spaced ""), need
    # nothing more: the characters wanted and the spaces' span are looked at only otherwise.
    wants = convention.spaced if convention is not None else ""
    expected = _expected_chars(doc, ctx) if wants else {}
    text = doc.text
    size = len(text)
    for pair in _confirmed(analysis):
        for mark in (pair.opener, pair.closer):
            if not wants:
                inner = mark.offset - 1 if mark.role == CLOSE else mark.offset + 1
                if not (0 <= inner < size and text[inner] in _HSPACE):
                    continue  # what _inner_side would find: an empty span
            start, end = _inner_side(doc, mark)
            spaced = expected.get(mark.offset, mark.char) in wants if wants else False
            if spaced and start == end and not _at_line_break(doc, mark):
                yield _missing_space(mark, convention, pair)  # type: ignore[arg-type]
            elif not spaced and start < end and _inside_paragraph(doc, start, end) \
                    and not _dangling_before_quote(doc, mark, conventions(ctx)):
                yield _extra_space(mark, start, end, pair)


def _dangling_before_quote(doc: Document, mark: Mark, known: Conventions) -> bool:
    """A spaced mark that may open, ending its line before a line that opens a quote
    after a word (`calling it "⏎"Based`): a sentence cut in two by the segmentation, not a
    closing mark with a space inside (`again. "⏎«…` and ” , which never opens, are reported)."""
    if mark.role != CLOSE or OPEN not in known.roles(mark.char):
        return False
    before = doc.text[_space_run(doc.text, mark.offset - 1, -1)]
    if not (before.isalnum() or unicodedata.category(before).startswith("M")):
        # `… again. "` ends a sentence: a closing mark (a vowel sign ends a Hindi word)
        return False
    line_end = doc.line_span(mark.offset)[1]
    if doc.text[mark.offset + 1:line_end].strip():
        return False
    following = doc.text[line_end:].lstrip()[:1]
    return following != "" and following in QUOTE_CHARS


def _at_line_break(doc: Document, mark: Mark) -> bool:
    """The inner side of the mark is a line break (a paragraph wrapped there)."""
    i = mark.offset - 1 if mark.role == CLOSE else mark.offset + 1
    return not 0 <= i < len(doc.text) or doc.text[i] in "\r\n"


def _inside_paragraph(doc: Document, start: int, end: int) -> bool:
    """The spaces are followed/preceded by text of the same line (not trailing spaces)."""
    return start > 0 and end < len(doc.text) and doc.text[start - 1] not in "\r\n" \
        and doc.text[end] not in "\r\n"


def _missing_space(mark: Mark, convention: Convention, pair: QuotePair) -> Hit:
    where = mark.offset if mark.role == CLOSE else mark.offset + 1
    side = "before the closing" if mark.role == CLOSE else "after the opening"
    return Hit(mark.offset, mark.offset + 1,
               f"No space {side} quote '{mark.char}': {convention.name} puts one inside",
               Fix.replace(where, where, convention.spaces[0], "Insert a space inside the quote",
                           _applicability(pair)))


def _extra_space(mark: Mark, start: int, end: int, pair: QuotePair) -> Hit:
    side = "before the closing" if mark.role == CLOSE else "after the opening"
    span = (start, mark.offset + 1) if mark.role == CLOSE else (mark.offset, end)
    return Hit(*span, f"Space {side} quote '{mark.char}'",
               Fix.replace(start, end, "", "Remove the space", _applicability(pair)))


@rule("QT004", "quote-glued-to-word", "quotes", MQM, fixable="sometimes",
      options=QUOTE_OPTIONS, trigger=QUOTE_TRIGGER)
def quote_glued_to_word(doc: Document, ctx: Context) -> Iterator[Hit]:
    """An opening quote glued to the word before it, or a closing quote to the word after.

    ## What it does
    For each pair of quotes, reports an opening mark preceded directly by a letter, digit or
    sentence punctuation (`a“ signal`, `sagte:„Wir`) and a closing mark followed directly by a
    letter or digit (`deployment.”In`). Hyphenated compounds (`„Gift“-Kollektion`) and
    brackets are fine. Off in languages written without spaces between words (Chinese,
    Japanese: `…的看法，”Gensler 说` is correct), and next to their characters anywhere.

    ## Why it matters
    The quote then belongs to the wrong word: readers and tokenisers see `a“` and `”In`. It
    usually comes with a space moved inside the quotation (QT003).

    ## Example
    ```text
    … of this rapid deployment. ”In addition, the deployment is also a“ signal ”.
    ```
    Use instead: `… of this rapid deployment.” In addition, the deployment is also a “signal”.`

    ## Fix safety
    Inserts a space on the outer side. Safe when the pairing is unambiguous (balanced
    paragraph, roles confirmed); otherwise shown only.

    ## Precision
    WMT23 en→de MQM: 1 finding (rated), none on error-free segments. WMT21 human references
    and the 16 WMT21 system outputs (en-de, ru-en): 0. The seeds: all 4 glued marks, nothing
    else. The pattern is typical of one engine's output rather than rare everywhere.
    Judged by hand on unseen MT output (`benchmarks/judged/QT004.tsv`): the WMT21 en→ru,
    de→fr and judging en→de, ru→en systems and the scrapinghub-aeb dev half give 2 findings,
    both real (« glued to a colon and to a comma): 2 of 2, too few for a percentage.
    WMT24 news
    MT output (judged in `benchmarks/judged/QT004.<lang>.tsv`): cs 5/5, uk 1/1, all a quote
    glued inside a word (`nej„odpovědnější`: a real defect, though the inserted space is not
    the right repair); zh and ja 0 (7 before it knew Chinese has no word spaces).
    """
    analysis = analyse(doc, ctx)
    if not analysis.pairs or not _words_spaced(analysis):
        return
    spaced = analysis.convention.spaced if analysis.convention else ""
    text = doc.text
    for pair in _confirmed(analysis):
        opener, closer = pair.opener, pair.closer
        before = text[opener.offset - 1] if opener.offset > 0 else ""
        if before and (before.isalnum() or before in _GLUE_BEFORE) and not _unspaced(before):
            keep = _final_char(doc, ctx, opener) in spaced
            yield Hit(opener.offset, opener.offset + 1,
                      f"Opening quote '{opener.char}' is glued to the text before it",
                      _space_outside(doc, opener, pair, keep))
        after = text[closer.offset + 1] if closer.offset + 1 < len(text) else ""
        if after and after.isalnum() and not _unspaced(after):
            keep = _final_char(doc, ctx, closer) in spaced
            yield Hit(closer.offset, closer.offset + 1,
                      f"Closing quote '{closer.char}' is glued to the word after it",
                      _space_outside(doc, closer, pair, keep))


def _final_char(doc: Document, ctx: Context, mark: Mark) -> str:
    """The character the quote rules make of ``mark`` (its own when none replaces it); the
    table is made at the first glued mark of a document (most have none)."""
    expected = ctx.memo(("quotes.expected", doc.text), lambda: _expected_chars(doc, ctx))
    return expected.get(mark.offset, mark.char)


def _words_spaced(analysis: QuoteAnalysis) -> bool:
    """Whether the language puts spaces between words (not Chinese, Japanese: `，”Gensler说`)."""
    return analysis.convention is None or analysis.convention.word_spaces


def _unspaced(char: str) -> bool:
    """A character of a script written without spaces between words (Chinese, Japanese, Korean,
    Thai): its particles attach to the quote (`“…”라고`)."""
    code = ord(char)
    return 0x0E00 <= code <= 0x0E7F or 0x1100 <= code <= 0x11FF or 0x3040 <= code <= 0x9FFF \
        or 0xAC00 <= code <= 0xD7AF or 0xF900 <= code <= 0xFAFF or 0xFF00 <= code <= 0xFFEF


def _space_outside(doc: Document, mark: Mark, pair: QuotePair, keep_inside: bool) -> Fix:
    """Put a space outside the mark, moving the one found inside it (`a“ signal` → `a “signal`)."""
    start, end = _inner_side(doc, mark)
    if keep_inside or start == end or not _inside_paragraph(doc, start, end):
        where = mark.offset + 1 if mark.role == CLOSE else mark.offset
        return Fix.replace(where, where, " ", "Insert a space", _applicability(pair))
    if mark.role == CLOSE:
        end, replacement = mark.offset + 1, mark.char + " "
    else:
        start, replacement = mark.offset, " " + mark.char
    return Fix.replace(start, end, replacement, "Move the space outside the quote",
                       _applicability(pair))
