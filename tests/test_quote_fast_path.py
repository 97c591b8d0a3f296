"""The fast path of the quote pairing (simple paragraphs) gives what the stack pass gives.

``quoting._simple_paragraphs`` pairs the quotations of a paragraph without the stack pass when
its marks are all simple quotations or ’; these tests compare the analysis with and without it,
field by field, on texts built to sit on the edges of that shape and on random ones.
"""

from __future__ import annotations

import bisect
import random
from contextlib import nullcontext
from pathlib import Path
from unittest.mock import patch

import pytest

from termcheck.config import Config
from termcheck.context import Context, Resources
from termcheck.document import Document
from termcheck.quoting import (
    _MARK_OR_QUOTATION,
    _MAYBE_QUOTE,
    QUOTE_CHARS,
    Convention,
    Conventions,
    QuoteAnalysis,
    _analyse,
    _simple_paragraphs,
    _spaced_guillemets_pair,
    conventions,
    house_style,
    marks_and_quotations,
    pair_quotes,
)

LANGS = ("en", "de", "fr", "ja", "sv", "xx")
RESOURCES = Resources()  # the conventions, loaded once


def _both(text: str, lang: str, known: Conventions | None = None,
          ) -> tuple[QuoteAnalysis, QuoteAnalysis, int]:
    """The analysis without and with the fast path, and how many pairs it made (``known``:
    other conventions than the shipped ones)."""
    doc = Document(text)
    ctx = Context(config=Config(lang=lang), resources=RESOURCES)
    known = conventions(ctx) if known is None else known
    convention = house_style(known.get(lang), ctx)
    spaced = _spaced_guillemets_pair(known, convention)
    starts = [p.start for p in doc.paragraphs]
    offsets = [m.start() for m in _MAYBE_QUOTE.finditer(text)]
    quoted = sorted({bisect.bisect_right(starts, o) - 1 for o in offsets})
    slow = pair_quotes(doc.paragraphs, known, convention, quoted)
    marks, quotations = marks_and_quotations(text)  # as _analyse finds them
    where = [bisect.bisect_right(starts, o) - 1 for o in marks]
    assert sorted(set(where)) == quoted
    simple = _simple_paragraphs(text, marks, where, starts, quotations, spaced)
    fast = pair_quotes(doc.paragraphs, known, convention, sorted(set(where)), simple)
    assert simple == _simple_paragraphs(text, offsets, [bisect.bisect_right(starts, o) - 1
                                                        for o in offsets], starts, None, spaced)
    return slow, fast, sum(map(len, simple.values()))


def _mark(mark: object) -> tuple:
    return tuple(getattr(mark, name) for name in ("offset", "char", "role", "shape", "certain",
                                                   "depth"))


def _plain(analysis: QuoteAnalysis) -> tuple:
    return ([(_mark(p.opener), _mark(p.closer), p.safe, p.crosses) for p in analysis.pairs],
            [_mark(m) for m in analysis.unclosed], [_mark(m) for m in analysis.unopened])


def _same(text: str, lang: str, known: Conventions | None = None) -> int:
    """Check that the fast paths pair ``text`` as the stack pass does: per paragraph, and the
    whole analysis (under ``known`` when given), whose texts of simple quotations only skip
    the paragraphs; return how many pairs the fast path made."""
    slow, fast, simple = _both(text, lang, known)
    assert _plain(fast) == _plain(slow), (text, lang)
    ctx = Context(config=Config(lang=lang), resources=RESOURCES)
    with patch("termcheck.quoting.conventions", return_value=known) if known is not None \
            else nullcontext():  # other conventions: the whole-text path reads them too
        assert _plain(_analyse(Document(text), ctx)) == _plain(slow), (text, lang)
    return simple


@pytest.mark.parametrize("lang", LANGS)
def test_edges_of_the_simple_shape(lang: str) -> None:
    texts = [
        'He said "yes" and left.', 'He said “yes” and left.', 'Er sagte „ja“ und ging.',
        "Il a dit «oui» puis « non ».", 'A "b" "c" d', '"Start" of a line.\n"Next" one.',
        '("quoted") [“too”]', 'He said "it\'s ok," then “don’t” go.', 'in 27" and “27"',
        'a “b c” d ’ e', 'a ’ “b” ’ c', '“b’” c', '“’b” c', '"x""y"', '"x" "y" "',
        '“open only\n“reopened” here', '“carried over\nnext line ends.”\n“new” one', '«b»c',
        '»b« c', '”b” c', '„b„ c', '「日本」です', ' “a.” “b!” “c,” “d…” “e?”', '“a” .', '“a”:b',
        'word“a” b', '“a”b', '“ a” b', '“a ” b', "“a 'b' c” d", "“a ‘b’ c” d", "'a' “b”",
        '“안녕’라고” b', 'x ’라고 “a” b', "rock 'n' roll “a” b", '“a\u00a0b” c\u2028d',
        '\u00a0“a” b', '“a”\u00a0b', '“A” b “c', '“a” b ”', '“a”’ b', '’“a” b',
        "“a 'b’ c” d", "“a ‘b’ c” d", "“a 'b c” d",
    ]
    assert sum(_same(text, lang) for text in texts) > 10


def test_random_texts_agree() -> None:
    rng = random.Random(16)
    alphabet = [*QUOTE_CHARS, *"’’“”\"\"", " ", " ", " ", "a", "b", "Z", "7", ".", ",", "!",
                "(", ")", "[", "\n", "\n", "\u00a0", "-", ":", "하", "'"]
    simple = 0
    for _ in range(4000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 40)))
        simple += _same(text, rng.choice(LANGS))
    assert simple > 5  # the fast path was taken, not only skipped


def test_words_and_quotes_agree() -> None:
    rng = random.Random(61)
    pieces = ['"', "“", "”", "„", "«", "»", "’", "'", "word", "it’s", "l'a", "7", " ", " ", " ",
              ".", ",", "!", "\n", "(", "]", "\n\n", ":", ' "word', 'word"', " “word", "word”",
              " «word", "word»", " „word", "word“", "word.”", 'word."', " ", " ", "word"]
    simple = 0
    for _ in range(3000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 30)))
        simple += _same(text, rng.choice(LANGS))
    assert simple > 100


def test_shipped_texts_agree() -> None:
    root = Path(__file__).resolve().parents[1]
    paths = sorted((root / "samples").rglob("*.txt")) + sorted((root / "tests" / "fuzz" / "seeds")
                                                               .glob("*"))
    for path in paths[:400]:
        if path.is_file():
            text = path.read_text(encoding="utf-8", errors="replace")
            for lang in ("en", "de", "fr"):
                _same(text, lang)


def _quotation(rng: random.Random) -> str:
    opener, closer = rng.choice([*map(tuple, ["“”", '""', "„“", "«»", "»«", "”“", "“\"", "「」",
                                              "”„"]),
                                 # spaced guillemets (« mot »), and near misses of that shape
                                 ("« ", " »"), ("«\u00a0", "\u00a0»"), ("«\u202f ", "\u202f»"),
                                 ("« ", " ”"), ("„ ", " »"), ("« ", "»"), ("«", " »")])
    words = " ".join(rng.choice(["word", "it’s", "l'a", "7", "x’", "2020", "Ünü", "하다",
                                    "'word’", "‘w’", "’w'"])
                     for _ in range(rng.randint(1, 3)))
    return opener + words + rng.choice(["", "", ".", ",", "!", "…"]) + closer


def _mutated(rng: random.Random, text: str) -> str:
    for _ in range(rng.randint(0, 2)):
        i = rng.randint(0, len(text))
        if rng.random() < 0.3:
            text = text[:i] + text[i + 1:]
        else:
            text = text[:i] + rng.choice([*QUOTE_CHARS, " ", "\n", ".", "(", "a", "1"]) + text[i:]
    return text


def test_near_simple_paragraphs_agree() -> None:
    rng = random.Random(1616)
    simple = 0
    for _ in range(3000):
        parts = [rng.choice(["He said", "and", "(", "[", "’", "then", "\n", "\n\n", ".", ";"])
                 if rng.random() < 0.6 else _quotation(rng) for _ in range(rng.randint(1, 8))]
        text = _mutated(rng, rng.choice([" ", "", " "]).join(parts))
        simple += _same(text, rng.choice(LANGS))
    assert simple > 300


def _scanned_by_finditer(text: str) -> tuple[list[int], list[tuple[int, int]]]:
    """marks_and_quotations as first written: one finditer of the combined pattern."""
    offsets, quotations = [], []
    for found in _MARK_OR_QUOTATION.finditer(text):
        start, end = found.span()
        offsets.append(start)
        if end - start > 1:
            offsets.append(end - 1)
            quotations.append((start, end - 1))
    return offsets, quotations


def test_the_scan_from_mark_to_mark_finds_what_finditer_finds() -> None:
    rng = random.Random(1717)
    texts = []
    for _ in range(3000):
        parts = [rng.choice(["He said", "and", "(", "[", "’", "it's", "\n", ".", "하", "7"])
                 if rng.random() < 0.5 else _quotation(rng) for _ in range(rng.randint(1, 8))]
        texts.append(_mutated(rng, rng.choice([" ", "", " "]).join(parts)))
    alphabet = [*QUOTE_CHARS, " ", "a", "Z", "7", ".", "\n", "\u00a0", "(", "하", "_"]
    texts += ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 30)))
              for _ in range(3000)]
    for text in texts:
        assert marks_and_quotations(text) == _scanned_by_finditer(text), repr(text)


# Conventions where the spaced guillemets do not pair alone in one language: « … » is
# consistent (French), but « closes in "xx" (as in Danish »…«).
_FRENCH_AND_DANISH = Conventions(
    {"fr": Convention("fr", "French", ("«", "»"), ("“", "”")),
     "xx": Convention("xx", "Danish-like", ("»", "«"), ("›", "‹"))},
    frozenset({("«", "»"), ("“", "”"), ("»", "«"), ("›", "‹")}), frozenset("«“»›"),
    frozenset("»”«‹"))


@pytest.mark.parametrize(("lang", "known"), [(lang, None) for lang in ("en", "fr", "sv", "xx")]
                         + [("xx", _FRENCH_AND_DANISH), ("fr", _FRENCH_AND_DANISH)])
def test_spaced_guillemets_pair_as_the_stack_pass_pairs_them(lang: str,
                                                             known: Conventions | None) -> None:
    """The spaced shape (« mot ») is taken without the stack pass only where it pairs alone
    (_spaced_guillemets_pair); every mark sequence of up to four characters from the shape's
    edges (blanks of three kinds, brackets, punctuation, ’ and apostrophes, line breaks, other
    quotes) holding « and », alone or inside longer lines, and random longer ones, pair as the
    stack pass pairs them."""
    import itertools

    alphabet = "« »\u00a0\u202fa’'(.\n“”"
    texts = ["".join(chars) for size in range(2, 5)
             for chars in itertools.product(alphabet, repeat=size)
             if "«" in chars and "»" in chars]
    rng = random.Random(1724)
    texts += ["".join(rng.choice(alphabet + "bc  ") for _ in range(rng.randint(5, 16)))
              for _ in range(1500)]
    simple = 0
    for text in texts:
        for framed in (text, f"Il a dit {text} puis « non ». « B » ’ c"):
            simple += _same(framed, lang, known)
    if known is None:
        known = conventions(Context(config=Config(lang=lang), resources=RESOURCES))
    assert simple > (500 if _spaced_guillemets_pair(known, known.get(lang)) else 30), simple


def _space_inside_as_first_written(doc: Document, ctx: Context) -> list:
    """QT003 before its early skip: every mark's inner side and wanted character looked at."""
    from termcheck.quoting import analyse
    from termcheck.rules.quotes import (
        _at_line_break,
        _confirmed,
        _dangling_before_quote,
        _expected_chars,
        _extra_space,
        _inner_side,
        _inside_paragraph,
        _missing_space,
    )

    analysis = analyse(doc, ctx)
    known, expected = conventions(ctx), _expected_chars(doc, ctx)
    convention, hits = analysis.convention, []
    for pair in _confirmed(analysis):
        for mark in (pair.opener, pair.closer):
            final = expected.get(mark.offset, mark.char)
            start, end = _inner_side(doc, mark)
            spaced = convention is not None and final in convention.spaced
            if spaced and start == end and not _at_line_break(doc, mark):
                hits.append(_missing_space(mark, convention, pair))
            elif not spaced and start < end and _inside_paragraph(doc, start, end) \
                    and not _dangling_before_quote(doc, mark, known):
                hits.append(_extra_space(mark, start, end, pair))
    return hits


def test_space_inside_quotes_skips_only_marks_it_would_not_report() -> None:
    """QT003 skips a mark with no horizontal space inside where the language wants none
    (spaced ""), and QT004 makes its table of wanted characters at its first finding: both
    report what they reported when every mark was looked at, at the text's edges, beside line
    breaks, every kind of blank, and in languages that space their quotes (fr) or not."""
    from termcheck.rules.quotes import _expected_chars, quote_glued_to_word, space_inside_quotes

    rng = random.Random(1818)
    alphabet = [*QUOTE_CHARS, " ", "\t", "\u00a0", "\u202f", "\u2009", "\u2003", "\n", "\r\n",
                "a", "Z", "7", ".", ",", "(", "’", "하", "\U0001d400", "e\u0301", "_"]
    texts = ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 14)))
             for _ in range(6000)]
    texts += [f"{rng.choice(['', 'He said', 'a'])}{rng.choice(alphabet)}{_quotation(rng)}"
              f"{rng.choice(alphabet)}" for _ in range(2000)]
    reported = 0
    for lang in ("en", "fr", "de", "ja", "xx"):
        for text in texts:
            doc = Document(text)
            ctx = Context(config=Config(lang=lang), resources=RESOURCES)
            hits = list(space_inside_quotes(doc, ctx))
            assert hits == _space_inside_as_first_written(doc, ctx), (lang, repr(text))
            reported += len(hits)
            glued = list(quote_glued_to_word(doc, ctx))
            with patch("termcheck.rules.quotes._final_char",
                       lambda doc, ctx, mark: _expected_chars(doc, ctx).get(mark.offset,
                                                                            mark.char)):
                assert glued == list(quote_glued_to_word(doc, ctx)), (lang, repr(text))
    assert reported > 1000, reported
