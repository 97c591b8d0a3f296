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
    ru→en system outputs it finds 52 (58 before fractions such as "1/8 финала" were understood;
    NiuTrans' 11 read by hand: all real, clock times broken as "13: 50", "1 000 000" shrunk to
    "1 000"). On the six en→de system outputs, 5: a year
    followed by a number ("bis 2023 11,85 Milliarden", "im Jahr 2018 37,7 Millionen") is read as
    two numbers since the fix of issue #14, which removed 4 false findings there
    (`benchmarks/precision.py --sets wmt21-pairs`).

    Judged on unseen MT output (the 34 WMT21 en→ru, de→fr, en→de and ru→en system outputs, one
    pair per segment; 40 of the findings sampled with seed 19): 37 of 40 real (92.5 %,
    `benchmarks/judged/NU001.tsv`): figures dropped or garbled ("6003" for "600,3"), clock
    times broken ("18: 30"), separators copied ("1.9" in French). The false ones: an ordinal
    or an approximate number written in words ("двенадцатым", "la soixantaine") and "0123
    hours". Before fractions ("1/8 финала" = "round of 16"), French and Russian clock forms
    ("7h30", "15.00"), Roman numerals ("XVI века") and a decimal glued after a hyphen were
    understood: 31 of 40 (77.5 %, `benchmarks/judged/before/NU001.tsv`).
    """
    alignment = alignment_of(doc)
    if alignment is None:
        return
    data = _data(ctx)
    for segment in alignment.segments_for(doc):
        yield from _segment_hits(segment, alignment.source_lang, ctx.lang, data)


def _segment_hits(segment: Segment, source_lang: str, target_lang: str,
                  data: NumberData) -> Iterator[Hit]:
    from termcheck.numbers import find_numbers, format_number, roman_values, word_values

    required = [n for n in find_numbers(segment.source.text, source_lang, data, source=True)
                if not n.soft and n.accepted]
    if not required:
        return
    found = find_numbers(segment.target.text, target_lang, data)
    native = set(word_values(segment.target.text, target_lang, data))
    native |= roman_values(segment.target.text)
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
        written = format_number(source, locale) if slip is not None else ""
        if slip is None or not written:  # no reading of the source to write in its place
            remaining.append(source)
            continue
        free.remove(slip)
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
        sentences = {segment.target_sentence(n.start, source_lang, target_lang) for n in lost}
        where = sentences.pop() if len(sentences) == 1 else segment.target
        yield Hit(where.start, where.end,
                  f"The source's {listed} {'is' if len(lost) == 1 else 'are'} missing from "
                  f"this {'segment' if where == segment.target else 'sentence'}")


@rule("NU002", "number-format", "numbers", "Locale convention/Number format", fixable="always")
def number_format(doc: Document, ctx: Context) -> Iterator[Hit]:
    """A number written with another language's separators ("2,450 Menschen", "2.450 people").

    ## What it does
    Without any source, reads each number with the decimal and group marks of the text's
    language, taken from CLDR through Babel, and reports the ones that language cannot read as
    written: two group marks of the other convention ("1,234,567" in German, "1.234.567" in
    English), a group mark followed by the other convention's decimal mark ("1,234.5" in
    French), one group of three digits before a counted noun ("2,450 Menschen", "2.450 people")
    or ending in "000" before a word ("75,000 Euro"), and a decimal written with the other mark
    before a percentage or a scale word ("3.5 Prozent", "3,5 percent", "1.5 млн"). The words
    are data (`glossaries/numbers/format.toml`); "%" counts in every language.

    Ambiguous numbers are left alone: "2,450" alone is a correct German decimal, "2.450 million"
    a correct English one. In bilingual mode (`lint --source`) NU001 reads numbers against
    the source instead and this rule is silent. Years, clock times ("14.30 Uhr"), dates,
    scores, versions, IP addresses, codes glued to letters and phone numbers never have the
    shapes above. A regional variant may be given as the language ("de-CH" writes "3.5 Prozent"
    and "2'450").

    ## Why it matters
    Engines copy the source's separators: "2,450 Menschen" reads as two and a half people to a
    German reader, "2.450 people" as two to an English one. A wrong figure is the worst error
    a news text can carry.

    ## Example
    ```text
    Rund 2,450 Menschen protestierten; die Preise stiegen um 3.5 Prozent.
    ```
    Use instead: `Rund 2.450 Menschen protestierten; die Preise stiegen um 3,5 Prozent.`

    ## Fix safety
    Unsafe: the fix rewrites the separators with the language's marks (CLDR: "." in German,
    a narrow no-break space in French, a no-break space in Russian), which keeps the value;
    whether a house style groups four-digit numbers, or a region writes the other way, needs
    a human.

    ## Precision
    The rule fires rarely, so every finding was judged, before any tuning, on real MT output:
    the WMT21 system outputs (en-de, ru-en, en-ru, de-fr), the WMT24 outputs of 56 systems in
    seven languages, the WMT23 MQM en-de outputs and the WMT21 terminology en-fr output
    (`benchmarks/judged/NU002*.tsv`, `python3 benchmarks/judge.py NU002`): 16 of 16 (100 %) in
    French, English, German, Icelandic and Ukrainian; too few to be sure of the figure, but
    every shape it reports is one the language cannot read as written. The 20 Spanish
    findings (lang `es`) were all judged false: the systems write the American convention,
    which the RAE accepts, so Spanish is checked only with a region (`es-ES`, `es-MX`). On the
    WMT21 human references (8,018 lines): 6 findings,
    0.75 per 1,000 lines, each English grouping left by the translator in Russian ("600,000
    человек"); none on the sources.
    Per language on wmt24-news-multi (each system folder on its own, `judged/NU002.LANG.tsv`):
    is 1/1, uk 1/1.
    """
    from termcheck.numberformat import find_misformats

    if alignment_of(doc) is not None:
        return  # bilingual mode: NU001 reads each number against the source
    for found in find_misformats(doc.text, ctx.lang or "en"):
        yield Hit(found.start, found.end,
                  f"'{found.text}' is written with another language's separators "
                  f"({found.why}); in '{ctx.lang or 'en'}' write '{found.written}'",
                  Fix.replace(found.start, found.end, found.written, f"Write '{found.written}'",
                              Applicability.UNSAFE))
