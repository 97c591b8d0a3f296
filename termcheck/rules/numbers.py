"""Numbers: figures of the source that a translation drops or changes (bilingual mode)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterator

from termcheck.bilingual import Segment, alignment_of
from termcheck.context import Context
from termcheck.document import Document
from termcheck.model import Applicability, Fix, Hit
from termcheck.rules.registry import rule

if TYPE_CHECKING:
    from termcheck.numbers import NumberData


def _data(ctx: Context) -> NumberData:
    from termcheck.numbers import number_data

    return ctx.resources.get(("numbers",), number_data)


@rule("NU001", "number-mismatch", "numbers", "Accuracy/Mistranslation", fixable="sometimes")
def number_mismatch(doc: Document, ctx: Context) -> Iterator[Hit]:
    """A number of the source segment that the translation drops, changes or misformats.

    ## What it does
    In bilingual mode (`lint --source`), reads the numbers of each source segment the way the
    source language writes them and looks for the same values in the aligned target segment, read
    the way the target language writes them: German "5.800" is English "5,800", "3,5" is "3.5",
    "164" must stay "164"; "5,8 Mio." matches "5.8 million" and "5,800,000"; "14.30 Uhr" matches
    "2:30 p.m."; a number word of the target ("three", "half", "twice") counts. It reports:
    a target number written with the source's separators ("5.800" in English, which reads 5.8);
    a target number that replaces a source number (changed); and, on the whole segment, source
    numbers found nowhere in it (missing). Monolingual runs find nothing.

    Ignored (precision first): numbers only the target has (conversions, added dates), the month
    of a numeric date ("23.11.2026" → "November 23, 2026"), codes glued to letters ("G20",
    "COVID-19"), signs, fractions, Roman numerals and number words of the source.

    ## Why it matters
    A dropped or changed figure is the most damaging error of a news translation, and engines
    copy separators verbatim: "5.800 Menschen" becomes "5.800 people", which an English reader
    takes for five.

    ## Example
    ```text
    source (de): Rund 5.800 Menschen wurden evakuiert, 164 sind verletzt.
    target (en): Around 5.800 people were evacuated, 146 are injured.
    ```
    Use instead: `Around 5,800 people were evacuated, 164 are injured.`

    ## Fix safety
    A number written with the source's separators gets an unsafe fix to the target's ("5.800" →
    "5,800"): the digits are the source's, only the separators change. A changed number gets the
    source's figure as a display-only suggestion: which side is right needs a human.

    ## Precision
    Source → human reference on WMT21 newstest2021 (../shared/corpora/wmt21-news), where a
    human translation should keep every figure: 18 findings in 5,006 segments (3.6 per 1,000).
    ru→en (2,000 segments): ref A 7, ref B 4, all real discrepancies read by hand (a range
    "4-6%" turned into "4.6%", "24 апреля" into "April 14", "350000" into "35000", figures and
    dates left out, and a typo of the source, "1,5" for 1,500); en→de (3,006 segments): refs A 2,
    C 2, D 3, of which 6 false positives (idioms and rewordings: "Catch 22", "a 911 caller",
    "14 days" as "zwei Wochen"), so 2.0 per 1,000 there and 1.2 per 1,000 overall. On the ten
    ru→en system outputs it finds 58 (NiuTrans' 11 read by hand: all real, clock times broken as
    "13: 50", "1 000 000" shrunk to "1 000").
    """
    alignment = alignment_of(doc)
    if alignment is None:
        return
    data = _data(ctx)
    for segment in alignment.segments_for(doc):
        yield from _segment_hits(segment, alignment.source_lang, ctx.lang, data)


def _segment_hits(segment: Segment, source_lang: str, target_lang: str,
                  data: NumberData) -> Iterator[Hit]:
    from termcheck.numbers import find_numbers, format_number, word_values

    required = [n for n in find_numbers(segment.source.text, source_lang, data, source=True)
                if not n.soft and n.accepted]
    if not required:
        return
    found = find_numbers(segment.target.text, target_lang, data)
    native = set(word_values(segment.target.text, target_lang, data))
    for number in found:
        native |= number.keys
    missing = [n for n in required if not n.accepted & native]
    if not missing:
        return
    every_source = frozenset().union(*(n.accepted for n in required))
    locale = data.locale(target_lang)
    offset = segment.target.start
    free = [n for n in found if not n.soft and not n.keys & every_source]
    remaining = []
    for source in missing:
        slip = next((n for n in free if n.foreign & source.accepted), None)
        if slip is None:
            remaining.append(source)
            continue
        free.remove(slip)
        written = format_number(source, locale)
        fix = (Fix.replace(offset + slip.start, offset + slip.end, written,
                           f"Write '{written}'", Applicability.UNSAFE)
               if written and written != slip.text else None)
        yield Hit(offset + slip.start, offset + slip.end,
                  f"'{slip.text}' is written with the source's separators ('{source.text}'); "
                  f"in '{target_lang}' write '{written}'", fix)
    blamed = [n for n in free if not n.foreign & every_source]
    for source, changed in zip(remaining, blamed):
        written = format_number(source, locale)
        fix = (Fix.replace(offset + changed.start, offset + changed.end, written,
                           f"Use the source's '{written}'", Applicability.DISPLAY)
               if written else None)
        yield Hit(offset + changed.start, offset + changed.end,
                  f"'{changed.text}' does not match the source's '{source.text}'", fix)
    lost = remaining[len(blamed):]
    if lost:
        listed = ", ".join(f"'{n.text}'" for n in lost)
        yield Hit(segment.target.start, segment.target.end,
                  f"The source's {listed} {'is' if len(lost) == 1 else 'are'} missing from "
                  f"this segment")
