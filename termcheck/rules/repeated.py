"""Repeated lines: a line found in many documents of one corpus is the site's boilerplate.

This is the corpus-wide half of the boilerplate category (code prefix BP, numbers from 100):
the phrase lists of ``termcheck/rules/boilerplate.py`` need no corpus, this module needs one.
"""

from __future__ import annotations

import hashlib
import math
import re
from collections import Counter
from functools import partial
from itertools import repeat
from operator import methodcaller
from typing import Iterable, Iterator

from termcheck.context import Context
from termcheck.document import Document
from termcheck.model import Applicability, Fix, Hit
from termcheck.rules.boilerplate import line_deletion
from termcheck.rules.registry import CorpusHooks, rule

DEFAULT_MIN_DOCS = 5
MIN_SHARE = 0.01  # and at least 1 % of the documents
MIN_LETTERS = 3  # lines with fewer letters ("***", "–", "1.") are never counted
TABLE_LIMIT = 2_000_000  # distinct lines kept before lines seen once are dropped
_BLAKE2B_64 = partial(hashlib.blake2b, digest_size=8)
_DIGEST = methodcaller("digest")
_LETTERS = re.compile(rf"[^\W\d_](?:.*?[^\W\d_]){{{MIN_LETTERS - 1}}}", re.DOTALL)


def normalise(line: str) -> str:
    """Case-folded, whitespace-collapsed line (what counts as 'the same line')."""
    if line.isprintable() and "  " not in line and not line.startswith(" ") \
            and not line.endswith(" "):
        return line.casefold()  # no whitespace but single spaces between words (the usual case)
    return " ".join(line.split()).casefold()


def line_key(line: str) -> int:
    """A stable 64-bit hash of the normalised line (same in every process and run)."""
    return next(line_keys((line,)))


def line_keys(lines: Iterable[str]) -> Iterator[int]:
    """:func:`line_key` of each line, computed without a Python call per line."""
    lines = list(lines)
    joined = " ".join(lines)
    # No line needs more than casefold: no whitespace but single spaces inside lines.
    plain = joined.isprintable() and "  " not in joined and not joined.startswith(" ") \
        and not joined.endswith(" ")
    hashes = map(_BLAKE2B_64, map(str.encode, map(str.casefold if plain else normalise, lines)))
    return map(int.from_bytes, map(_DIGEST, hashes), repeat("big"))


def _eligible(line: str) -> bool:
    """At least :data:`MIN_LETTERS` letters in the first 200 characters."""
    return _LETTERS.search(line, 0, 200) is not None


def candidate_lines(doc: Document) -> Iterator[tuple[int, int]]:
    """``(start, end)`` of every line that may be boilerplate: not the title, not too short."""
    title_seen = False
    for start, end in doc.lines():
        line = doc.text[start:end]
        if not line.strip():
            continue
        if not title_seen:
            title_seen = True
            continue
        if _eligible(line):
            yield start, end


def candidate_texts(doc: Document) -> Iterator[str]:
    """The text of each line :func:`candidate_lines` yields, without the offsets."""
    lines = filter(str.strip, doc.text.replace("\r\n", "\n").replace("\r", "\n").split("\n"))
    next(lines, None)  # the title
    return filter(_eligible, lines)


class LineCounts:
    """Corpus profile: in how many documents each normalised line occurs."""

    def __init__(self, documents: int = 0, counts: Counter[int] | None = None) -> None:
        self.documents = documents
        self.counts: Counter[int] = counts if counts is not None else Counter()
        self._frequent: tuple[int, int, frozenset[int]] | None = None

    def frequent(self, needed: int) -> frozenset[int]:
        """The keys of lines seen in ``needed`` documents or more (cached until a merge)."""
        cached = self._frequent
        if cached is None or cached[:2] != (needed, self.documents):
            keys = frozenset(key for key, seen in self.counts.items() if seen >= needed)
            self._frequent = cached = (needed, self.documents, keys)
        return cached[2]

    def __eq__(self, other: object) -> bool:
        return isinstance(other, LineCounts) and (self.documents, self.counts) == (
            other.documents, other.counts)

    def __repr__(self) -> str:
        return f"LineCounts(documents={self.documents}, lines={len(self.counts)})"

    def to_plain(self) -> tuple[int, Counter[int]]:
        return self.documents, self.counts

    @classmethod
    def from_plain(cls, plain: tuple[int, Counter[int]]) -> LineCounts:
        documents, counts = plain
        return cls(int(documents), Counter(counts))


def collect(doc: Document, ctx: Context) -> LineCounts:
    """Each eligible line of one document, counted once."""
    keys = set(line_keys(candidate_texts(doc)))
    return LineCounts(1, Counter(keys))


def merge(left: LineCounts, right: LineCounts) -> LineCounts:
    """Sum of two profiles; past :data:`TABLE_LIMIT` lines, lines seen once are dropped."""
    counts = left.counts + right.counts
    if len(counts) > TABLE_LIMIT:
        counts = Counter({key: n for key, n in counts.items() if n > 1})
    return LineCounts(left.documents + right.documents, counts)


def merge_into(total: LineCounts, part: LineCounts) -> LineCounts:
    """:func:`merge`, adding ``part`` to ``total`` in place."""
    total.counts.update(part.counts)
    total.documents += part.documents
    total._frequent = None
    if len(total.counts) > TABLE_LIMIT:
        total.counts = Counter({key: n for key, n in total.counts.items() if n > 1})
    return total


def threshold(ctx: Context, documents: int) -> int:
    """Documents a line must appear in: ``repeated-line-min-docs`` and 1 % of the corpus."""
    min_docs = int(ctx.config.option("repeated-line-min-docs", DEFAULT_MIN_DOCS))
    return max(min_docs, math.ceil(MIN_SHARE * documents))


@rule("BP100", "repeated-line", "boilerplate", "Design and markup", fixable="always",
      corpus=CorpusHooks(collect, merge, LineCounts, LineCounts.to_plain, LineCounts.from_plain,
                         merge_into))
def repeated_line(doc: Document, ctx: Context) -> Iterator[Hit]:
    """A line that appears in many documents of the corpus (a site's footer, teaser or menu).

    ## What it does
    Counts, across the whole corpus, in how many documents each line occurs (a line counts once
    per document; case and runs of spaces are ignored). A line found in at least
    `repeated-line-min-docs` documents (option, default 5) and in at least 1 % of them is
    reported. The first non-blank line of a document (its title) and lines with fewer than three
    letters ("***", "1.") are never reported. Checking a single text never reports anything.

    Memory stays bounded: the profile keeps an 8-byte hash per distinct line, not the line, and
    when it holds more than two million distinct lines the lines seen in one document only are
    dropped (so a line first seen after that point needs one more document to be counted).

    ## Why it matters
    Extractors leave the site's chrome in every article: "You may also like", "Leave a Comment",
    a newsletter teaser. Repeated in hundreds of documents, it skews any model trained on them.

    ## Example
    ```text
    (the same line at the end of 40 of 500 articles)
    Subscribe to our newsletter for the latest news
    ```
    Use instead: delete the line.

    ## Fix safety
    Unsafe: a line repeated across a corpus is almost always chrome, but a recurring sentence of
    real content (a standard disclaimer that belongs to the article, a repeated quote) is
    possible. `termcheck clean` applies it anyway, as it applies every boilerplate deletion; the
    ledger records each deleted line.

    ## Precision
    Only fires on corpora of at least `repeated-line-min-docs` documents. On
    ../shared/corpora/scrapinghub-aeb (264 extractor outputs of 88 pages from many sites, so few
    lines repeat): line precision 0.667, recall 0.013 (tp=10, fp=5, 775 boilerplate lines); the
    flagged lines are "VIDEO" captions, a magazine's subscription teaser and a blog's "leave your
    questions below" line, which that data set's gold body keeps. Quiet on the five WMT21 news
    reference and source files (one document each). Recall grows with the corpus: it is built for
    thousands of articles from a few sites, where chrome repeats.
    """
    stats: LineCounts | None = ctx.corpus_stats("BP100")
    if stats is None or stats.documents < 2:
        return
    needed = threshold(ctx, stats.documents)
    frequent = stats.frequent(needed)
    if not frequent or frequent.isdisjoint(line_keys(candidate_texts(doc))):
        return
    for start, end in candidate_lines(doc):
        seen = stats.counts.get(line_key(doc.text[start:end]), 0)
        if seen < needed:
            continue
        deletion = line_deletion(doc, start)
        yield Hit(start, end,
                  f"Line repeated in {seen} of {stats.documents} documents (boilerplate)",
                  Fix.replace(deletion.start, deletion.end, "", "Delete the repeated line",
                              Applicability.UNSAFE))
