"""Photo credits and gallery counters glued to the end of a body line ("… Foto: dpa").

Whole credit lines are BP001's (``boilerplate.py``); this family finds the credit that a
scraper left at the end of a line of real text, and removes only the credit.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterator

from termcheck.context import Context
from termcheck.data import read_table, shipped
from termcheck.document import Document
from termcheck.errors import DataError
from termcheck.lazyre import lazy
from termcheck.model import Applicability, Fix, Hit
from termcheck.rules.registry import rule

MAX_CREDIT_WORDS = 8
_SENTENCE_CLOSERS = "\"'»”“’)]"  # what may stand between a sentence's stop and a credit
_SENTENCE_END = lazy(globals(), "_SENTENCE_END", rf"[.!?…][{re.escape(_SENTENCE_CLOSERS)}]*\s*$")
# The trigger (see termcheck.rules.registry.rule): a credit starts where CreditMarkers.after_stop
# matches, at a marker's first word (never blank) after a stop or an opening bracket.
AFTER_A_STOP = re.compile(rf"[.!?…(][{re.escape(_SENTENCE_CLOSERS)}]*\s*\S")
_SENTENCE_BREAK = re.compile(r"[^\W\d_]{2,}[.!?]\s")  # "said. The": a sentence inside the credit


@dataclass(frozen=True, eq=False, repr=False)
class CreditMarkers:
    """The compiled credit and counter patterns of ``glossaries/credits/markers.tsv``."""

    credit: re.Pattern[str]
    counter: re.Pattern[str]
    heads: re.Pattern[str]  # the first word of every marker
    # Where a credit may start: a marker's first word after a sentence's stop (closing quotes
    # and spaces between) or an opening bracket, as _is_trailing_credit requires. The stop
    # comes first, so that the search skips to the next stop (a C-level class scan) instead
    # of testing every position of the text; the match ends where the marker starts.
    after_stop: re.Pattern[str]


def _marker_pattern(marker: str) -> tuple[str, bool]:
    """Regex of one marker, and whether it ends in a colon ("Photo:") or a word ("Photo by")."""
    text = marker.strip()
    if text.endswith(":"):
        words = text[:-1].split()
        return r"\s+".join(map(re.escape, words)) + r"\s*:", True
    return r"\s+".join(map(re.escape, text.split())), False


def load_markers(path: Path) -> CreditMarkers:
    """Read the marker table (``lang``, ``marker``, ``kind``, ``connector``)."""
    colon, by, counters, heads = set(), set(), set(), set()
    for line, row in read_table(path, ("lang", "marker", "kind", "connector")):
        marker, kind, connector = row["marker"], row["kind"], row.get("connector", "").strip()
        if not marker.strip():
            raise DataError("empty marker", str(path), line)
        heads.add(re.escape(marker.split()[0].rstrip(":")))
        if kind == "credit":
            pattern, has_colon = _marker_pattern(marker)
            (colon if has_colon else by).add(pattern)
        elif kind == "counter":
            if not connector:
                raise DataError("a counter needs its connector ('of', 'von')", str(path), line)
            counters.add(rf"{_marker_pattern(marker)[0]}\s+\d{{1,3}}\s+{re.escape(connector)}"
                         r"\s+\d{1,3}")
        else:
            raise DataError(f"kind must be 'credit' or 'counter', not {kind!r}", str(path), line)
    if not (colon or by) or not counters:
        raise DataError("needs credit and counter markers", str(path))

    def alternation(patterns: set[str]) -> str:
        return "|".join(sorted(patterns, key=len, reverse=True)) or "(?!)"

    credit = re.compile(
        rf"(?P<open>\(\s*)?(?<!\w)(?:(?P<colon>{alternation(colon)})|(?P<by>{alternation(by)})\s)"
        r"\s*(?P<body>[^\n()]{1,80}?)(?(open)\s*\))\s*$", re.IGNORECASE)
    counter = re.compile(
        rf"(?P<open>\(\s*)?(?<!\w)(?:{alternation(counters)})(?(open)\s*\))\.?\s*$",
        re.IGNORECASE)
    # the lookahead on the heads' first letters is the cheap test made at every position (or
    # after every stop: one class test, instead of entering each head's alternative)
    first = "".join(sorted({re.escape(head.replace("\\", "")[0]) for head in heads}))
    return CreditMarkers(credit, counter, re.compile(
        rf"(?=[{first}])(?<!\w)(?:{alternation(heads)})", re.IGNORECASE), re.compile(
        rf"[.!?…(][{re.escape(_SENTENCE_CLOSERS)}]*\s*(?=(?i:[{first}]))"
        rf"(?=(?i:{alternation(heads)}))"))


def _markers(ctx: Context) -> CreditMarkers:
    return ctx.resources.get(("credits", "markers"),
                             lambda: load_markers(shipped("credits", "markers.tsv")))


def _looks_like_credit(body: str, by_name: bool) -> bool:
    """A short name or agency: no sentence inside, at most eight words, a name after "by"."""
    body = body.strip().rstrip(".")
    words = body.split()
    if not words or len(words) > MAX_CREDIT_WORDS or any(c in body for c in "!?;:\"«»“”"):
        return False
    if _SENTENCE_BREAK.search(body):
        return False
    if not any(ch.isalpha() for ch in body):
        return False
    capitalised = words[0][:1].isupper() or words[0][:1] in "©@"
    if by_name:
        return capitalised
    return capitalised or "/" in body or len(words) == 1


def find_credit(line: str, markers: CreditMarkers) -> tuple[int, int] | None:
    """``(start, end)`` of a credit or counter that ends ``line`` after real text, or ``None``."""
    for pattern, is_counter in ((markers.counter, True), (markers.credit, False)):
        position = 0
        while (match := pattern.search(line, position)) is not None:
            position = match.start() + 1
            if _is_trailing_credit(line, match, is_counter):
                return match.start(), len(line.rstrip())
    return None


def _is_trailing_credit(line: str, match: re.Match[str], is_counter: bool) -> bool:
    before = line[:match.start()]
    if not before.strip():
        return False  # the whole line is a credit: BP001's
    if not match.group("open") and not _SENTENCE_END.search(before):
        return False
    return is_counter or _looks_like_credit(match.group("body"), match.group("by") is not None)


@rule("BP020", "trailing-credit", "boilerplate", "Design and markup", fixable="always",
      trigger=AFTER_A_STOP)
def trailing_credit(doc: Document, ctx: Context) -> Iterator[Hit]:
    """A photo credit or gallery counter at the end of a line of text ("… Foto: dpa").

    ## What it does
    Reports a credit that a scraper glued to the end of a body line, after a finished sentence
    or in brackets: a marker ("Foto:", "Photo:", "Фото:", "Credit:", "Bild:", "Photo by",
    "Mynd af" ...) followed by a short name or agency ("Hans Becker/AFP", "РИА Новости",
    "Getty Images"), a bracketed credit ("(Bild: dpa)") or a gallery counter ("Image 3 of 5").
    The markers, in many languages, are data (`glossaries/credits/markers.tsv`); credits keep
    the language of the page, so every marker is looked for in every text. A credit is at most
    eight words, holds no sentence, and after "Photo by" starts with a capital. A line that is
    nothing but a credit is BP001's (boilerplate-line). The finding covers the credit only.

    ## Why it matters
    The credit belongs to a picture the text no longer shows; left in, it is read as part of
    the last sentence, and in a corpus it teaches a model to end paragraphs with agency names.

    ## Example
    ```text
    Die Feuerwehr war mit 40 Kräften im Einsatz. Foto: Hans Becker/AFP
    ```
    Use instead: `Die Feuerwehr war mit 40 Kräften im Einsatz.`

    ## Fix safety
    Deleting a picture's credit ("Foto: …", "Photo by …", "(Bild: dpa)") is unsafe, and `clean`
    applies it as it applies boilerplate deletions; so is a "Credit:" that names a photo or news
    agency ("Credit: Getty Images"). Any other bare "Credit: …" may be the article's own words
    ("Credit: Moody's cut the outlook"), so its deletion is display only. The fix
    deletes the credit and the blanks before it, and the line stays.

    ## Precision
    Every finding was judged, before any tuning, on real MT output: the WMT21 system outputs
    (en-de, ru-en, en-ru, de-fr), the WMT24 outputs of 56 systems in seven languages and the
    WMT23 MQM en-de outputs: 51 of 51 (100 %; `benchmarks/judged/BP020.tsv`,
    `python3 benchmarks/judge.py BP020`), in Czech, Spanish, Icelandic, Ukrainian and German.
    They come from five credits of four source articles, each translated by many systems, so
    the figure says more about the shapes ("Foto: X/Getty Images", "(Imagen: Adobe)", "Mynd af
    X", "(Bild: Getty)") than about variety. Silent on the WMT21 human references (8,018
    lines), the sources (4,008 lines) and the scrapinghub-aeb gold bodies.
    Per language on wmt24-news-multi (each system folder on its own, `judged/BP020.LANG.tsv`,
    every finding): cs 8/8, es 16/16, is 12/12, uk 7/7.
    """
    text = doc.text
    markers = _markers(ctx)
    line_starts = sorted({doc.line_span(m.end())[0] for m in markers.after_stop.finditer(text)})
    for line_start in line_starts:
        line_end = doc.line_span(line_start)[1]
        found = find_credit(text[line_start:line_end], markers)
        if found is None:
            continue
        start, end = line_start + found[0], line_start + found[1]
        cut = start
        while cut > line_start and text[cut - 1] in " \t\u00a0":
            cut -= 1
        credit = text[start:end]
        yield Hit(start, end, f"Photo credit left at the end of the line: {credit!r}",
                  Fix.replace(cut, end, "", "Delete the credit", _deletion(credit)))


# A marker that names a picture ("Foto:", "Photo by", "(Bild: dpa)") says credit; a bare
# "Credit:" may be article text ("… Credit: Moody's cut the outlook"), so clean leaves it.
_PICTURE = lazy(globals(), "_PICTURE",
                r"foto|photo|фото|image|imagen|bild|picture|mynd|illustra|иллюстра", re.I)


def _deletion(credit: str) -> Applicability:
    """Unsafe (``clean`` applies it) for a picture's credit, a credit in brackets or one that
    names a photo or news agency (the boilerplate lexicon's ``agency`` words); display only for
    another bare "Credit:" line end, which may be the article's own words."""
    if credit.startswith(("(", "[")) or _PICTURE.search(credit.split(":")[0].split(" by ")[0]):
        return Applicability.UNSAFE
    agencies = _agencies()
    words = re.findall(r"[^\W_]+", credit.casefold())
    return Applicability.UNSAFE if any(w in agencies for w in words) else Applicability.DISPLAY


@lru_cache(maxsize=1)
def _agencies() -> frozenset[str]:
    from termcheck.rules.boilerplate_model import load_lexicon, shipped_lexicon

    return load_lexicon(shipped_lexicon()).words["agency"]
