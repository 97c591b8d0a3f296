"""Boilerplate classifier: scores every line from features that carry to unseen sites.

The phrase lists of :mod:`termcheck.rules.boilerplate` know the exact leftovers of the sites
they were written for; this family finds the kinds of leftover they do not know (calls to
action, credits, related headlines, bare URLs, timestamps, bios) from the shape of the line,
its position, short multilingual lexicons and its neighbours. The model is a linear (logistic)
model whose weights ship as data (``glossaries/boilerplate-model/weights.tsv``), learned by
``benchmarks/boilerplate_model/train.py``; scoring needs no library.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

from termcheck.context import Context
from termcheck.data import read_table, shipped
from termcheck.document import Document
from termcheck.errors import DataError
from termcheck.lazyre import lazy
from termcheck.model import Applicability, Fix, Hit
from termcheck.rules.boilerplate import boilerplate_for, find_boilerplate, line_deletion
from termcheck.rules.registry import Option, rule

MODEL_DIR = "boilerplate-model"
LEXICON_KINDS = ("cta", "credit", "agency", "related", "social", "stop", "stamp", "byline")
MAX_WORDS = 80  # longer lines are article text: not scored
SHORT = 8  # words of a short line
EXPLAIN = 3  # features named in a finding's message
LABEL_WORDS = 6  # a line this short that begins with a marker is a label
LABEL_CHARS = 30  # a colon or bar this early after a marker makes it a label
RUN = 6  # a run of short lines longer than this counts as this long
NEIGHBOURS = ((-1, "p_"), (1, "n_"), (-2, "pp_"), (2, "nn_"))  # lines whose features count too

_WORD = lazy(globals(), "_WORD", r"[^\W_]+(?:[-'’.][^\W_]+)*")
_URL = lazy(globals(), "_URL", r"(?:https?://|www\.)\S+|\b[\w-]+(?:\.[\w-]+)*\.(?:com|org|net|ru|de|fr|es|it|"
                  r"co\.uk|io|info|html?)(?:/\S*)?\b", re.IGNORECASE)
_EMAIL = re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")
_HANDLE = re.compile(r"(?<![\w@])@\w{2,}")
_MONTHS = (r"jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|januar|februar|märz|mai|juni|"
           r"juli|okt|dez|janv|févr|mars|avr|juin|juil|août|déc|ene|abr|ago|dic|янв|фев|мар|апр|"
           r"мая|май|июн|июл|авг|сен|окт|ноя|дек")
_DATE = lazy(globals(), "_DATE",
    r"\b\d{4}-\d{2}-\d{2}(?:[T ]\d{1,2}:\d{2}(?::\d{2})?(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})?)?"
    r"|\b\d{1,2}[./]\d{1,2}[./]\d{2,4}\b"
    r"|\b\d{1,2}:\d{2}(?::\d{2})?\s*(?:[ap]\.?m\.?)?"
    rf"|\b\d{{1,2}}\.?\s+(?:{_MONTHS})\w*\.?(?:\s+\d{{4}})?"
    rf"|\b(?:{_MONTHS})\w*\.?\s+\d{{1,2}}(?:,?\s+\d{{4}})?"
    r"|\b(?:19|20)\d{2}\b", re.IGNORECASE)
_ISO_STAMP = lazy(globals(), "_ISO_STAMP", r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?"
                        r"(?:Z|[+-]\d{2}:?\d{2})?|\d{4}-\d{2}-\d{2}")
_TERMINAL = ".!?…。！？;"
_CLOSERS = "\"'”’»)]›“ "
_QUOTES = "\"“”„«»‘’‚"
_BULLETS = "•·*-–—►▶>"


@dataclass(frozen=True, eq=False, repr=False)
class Lexicon:
    """Words (case-folded) and phrases (tuples of words) of each lexicon kind."""

    words: dict[str, frozenset[str]]
    phrases: dict[str, tuple[tuple[str, ...], ...]]
    stops_by_lang: dict[str, frozenset[str]] = field(default_factory=dict)  # lang column

    def has(self, kind: str, tokens: list[str]) -> bool:
        """Whether ``tokens`` hold a word or phrase of ``kind``."""
        if not self.words[kind].isdisjoint(tokens):
            return True
        return any(_contains(tokens, phrase) for phrase in self.phrases[kind])

    def starts(self, kind: str, tokens: list[str], within: int = 1) -> bool:
        """Whether a word of ``kind`` is among the first ``within`` tokens, or a phrase begins."""
        if not self.words[kind].isdisjoint(tokens[:within]):
            return True
        return any(tuple(tokens[:len(p)]) == p for p in self.phrases[kind])

    def with_words(self, kind: str, extra: tuple[str, ...]) -> Lexicon:
        """A copy with ``extra`` words (or phrases) added to ``kind``."""
        words, phrases = dict(self.words), dict(self.phrases)
        split = [tuple(_WORD.findall(w.casefold())) for w in extra]
        words[kind] = words[kind] | {p[0] for p in split if len(p) == 1}
        phrases[kind] = phrases[kind] + tuple(p for p in split if len(p) > 1)
        return Lexicon(words, phrases, self.stops_by_lang)


def _contains(tokens: list[str], phrase: tuple[str, ...]) -> bool:
    size = len(phrase)
    return any(tuple(tokens[i:i + size]) == phrase for i in range(len(tokens) - size + 1)
               if tokens[i] == phrase[0])


def load_lexicon(path: Path) -> Lexicon:
    """Read the lexicon TSV (``kind``, ``word``); a bad kind raises DataError with the line."""
    words: dict[str, set[str]] = {kind: set() for kind in LEXICON_KINDS}
    phrases: dict[str, list[tuple[str, ...]]] = {kind: [] for kind in LEXICON_KINDS}
    stops: dict[str, set[str]] = {}
    for number, row in read_table(path, ("kind", "word")):
        kind, word = row["kind"].strip().lower(), row["word"].strip().casefold()
        if kind not in LEXICON_KINDS:
            raise DataError(f"unknown kind {kind!r}; expected one of {', '.join(LEXICON_KINDS)}",
                            str(path), number)
        tokens = tuple(_WORD.findall(word)) or ((word,) if word else ())
        if not tokens:
            raise DataError("empty word", str(path), number)
        if len(tokens) == 1:
            words[kind].add(tokens[0])
        else:
            phrases[kind].append(tokens)
        if kind == "stop" and row.get("lang"):
            stops.setdefault(row["lang"].strip(), set()).update(tokens)
    return Lexicon({k: frozenset(v) for k, v in words.items()},
                   {k: tuple(v) for k, v in phrases.items()},
                   {k: frozenset(v) for k, v in sorted(stops.items())})


@dataclass(frozen=True, eq=False, repr=False)
class Model:
    """Weights of the linear model, the reporting threshold and the safe band's lower edge;
    with ``second`` weights, a second stage that reads the first stage's scores of the lines
    around each line (:func:`stack_features`) beside the line's own features."""

    weights: dict[str, float]
    threshold: float
    safe: float  # above 1: no score band was precise enough, every deletion is unsafe
    second: dict[str, float] = field(default_factory=dict)  # empty: one stage

    def score(self, features: dict[str, float]) -> float:
        """The first stage's score of a line."""
        return _logistic(self.weights, features)

    def final(self, features: dict[str, float]) -> float:
        """The reported score: the second stage's when there is one (``features`` then hold the
        second stage's ``s_`` features too)."""
        return _logistic(self.second or self.weights, features)

    @property
    def context(self) -> bool:
        """Whether the weights read the features of neighbouring lines (``p_``, ``n_``, …)."""
        prefixes = tuple(prefix for _, prefix in NEIGHBOURS)
        return any(name.startswith(prefixes) for name in self.weights)

    def reasons(self, features: dict[str, float]) -> list[str]:
        """The features that pushed the reported score up most, strongest first."""
        weights = self.second or self.weights
        pushes = sorted(((weights.get(n, 0.0) * v, n) for n, v in features.items()),
                        reverse=True)
        return [name for push, name in pushes[:EXPLAIN] if push > 0]


def _logistic(weights: dict[str, float], features: dict[str, float]) -> float:
    total = weights.get("bias", 0.0)
    for name, value in features.items():
        total += weights.get(name, 0.0) * value
    return 1.0 / (1.0 + math.exp(-max(-50.0, min(50.0, total))))


def load_model(path: Path) -> Model:
    """Read ``weights.tsv`` (``kind``, ``name``, ``value``: kind ``weight``, ``weight2`` (the
    second stage's) or ``param``)."""
    weights: dict[str, float] = {}
    second: dict[str, float] = {}
    params: dict[str, float] = {}
    for number, row in read_table(path, ("kind", "name", "value")):
        kind, name = row["kind"].strip(), row["name"].strip()
        try:
            value = float(row["value"])
        except ValueError:
            raise DataError(f"not a number: {row['value']!r}", str(path), number) from None
        if kind == "weight":
            weights[name] = value
        elif kind == "weight2":
            second[name] = value
        elif kind == "param":
            params[name] = value
        else:
            raise DataError(f"unknown kind {kind!r}; expected weight, weight2 or param", str(path),
                            number)
    missing = [p for p in ("threshold", "safe") if p not in params]
    if missing:
        raise DataError(f"missing param(s) {', '.join(missing)}", str(path))
    return Model(weights, params["threshold"], params["safe"], second)


def shipped_lexicon() -> Path:
    return shipped(MODEL_DIR, "lexicon.tsv")


def shipped_model() -> Path:
    return shipped(MODEL_DIR, "weights.tsv")


@dataclass
class Line:
    """One non-blank line of a document: its stripped text, offsets and words."""

    text: str
    start: int
    end: int
    tokens: list[str]
    row: int = 0  # where the line starts, before its leading spaces
    listed: bool = False  # matched by the phrase lists (BP001)

    @property
    def short(self) -> bool:
        return len(self.tokens) <= SHORT and not _terminal(self.text)


def document_lines(doc: Document) -> list[Line]:
    """The non-blank lines of ``doc`` with their offsets (stripped of outer spaces)."""
    result = []
    for start, end in doc.lines():
        raw = doc.text[start:end]
        stripped = raw.strip()
        if stripped:
            offset = start + len(raw) - len(raw.lstrip())
            result.append(Line(stripped, offset, offset + len(stripped),
                               _WORD.findall(stripped.casefold()), start))
    return result


def _terminal(text: str) -> bool:
    stripped = text.rstrip(_CLOSERS)
    return bool(stripped) and stripped[-1] in _TERMINAL and not stripped.endswith(("...", "…"))


@dataclass(frozen=True, eq=False, repr=False)
class Outline:
    """What the features of every line need to know of the whole document, computed once."""

    first_body: int  # index of the first body-like line after the title (-1: none)
    last_body: int
    keys: dict[str, int]  # how often each line (its words) occurs

    @classmethod
    def of(cls, lines: list[Line]) -> Outline:
        body = [j for j, line in enumerate(lines) if j and _body_like(line)]
        keys: dict[str, int] = {}
        for line in lines:
            key = " ".join(line.tokens)
            keys[key] = keys.get(key, 0) + 1
        return cls(body[0] if body else -1, body[-1] if body else -1, keys)


def line_features(lines: list[Line], i: int, lex: Lexicon,
                  outline: Outline | None = None) -> dict[str, float]:
    """The features of ``lines[i]`` (a dict of the non-zero ones); ``outline``: of ``lines``."""
    outline = outline or Outline.of(lines)
    line = lines[i]
    text, tokens = line.text, line.tokens
    f: dict[str, float] = {}
    _shape(text, tokens, f)
    _lexical(text, tokens, lex, f)
    _position(lines, i, lex, f)
    _context(lines, i, outline, f)
    return {k: v for k, v in f.items() if v}


def _shape(text: str, tokens: list[str], f: dict[str, float]) -> None:
    n = len(tokens)
    f["words_0_1"] = n <= 1
    f["words_2_3"] = 2 <= n <= 3
    f["words_4_6"] = 4 <= n <= 6
    f["words_7_12"] = 7 <= n <= 12
    f["words_13_25"] = 13 <= n <= 25
    terminal = _terminal(text)
    f["terminal"] = terminal
    f["short_open"] = n <= 12 and not terminal
    stripped = text.rstrip(_CLOSERS)
    f["ends_colon"] = stripped.endswith(":")
    f["ends_ellipsis"] = stripped.endswith(("...", "…"))
    f["question"] = stripped.endswith("?")
    f["exclaim"] = stripped.endswith("!")
    f["pipe"] = "|" in text
    words = [w for w in text.split() if any(c.isalpha() for c in w)]
    if len(words) >= 2:
        f["title_case"] = sum(w.lstrip(_QUOTES + "([")[:1].isupper() for w in words) / len(words)
    letters = [c for c in text if c.isalpha()]
    cased = [c for c in letters if c.isupper() or c.islower()]
    f["all_caps"] = len(cased) >= 4 and all(c.isupper() for c in cased)
    f["no_letters"] = not letters
    visible = [c for c in text if not c.isspace()]
    f["digits"] = sum(c.isdigit() for c in visible) / len(visible) if visible else 0.0
    f["quote"] = any(c in _QUOTES for c in text)
    f["comma"] = min(text.count(","), 3) / 3
    f["paren"] = text[:1] in "([" and text[-1:] in ")]"
    f["bullet"] = text[:1] in _BULLETS
    f["slash_short"] = n <= 8 and "/" in text and not _URL.search(text)
    title_case = f.get("title_case", 0.0)
    f["title_short"] = title_case >= 0.6 and n <= 14 and not terminal
    f["caps_short"] = f["all_caps"] and n <= 14


def _lexical(text: str, tokens: list[str], lex: Lexicon, f: dict[str, float]) -> None:
    n = len(tokens)
    rest = _URL.sub(" ", _EMAIL.sub(" ", _HANDLE.sub(" ", text)))
    rest_words = _WORD.findall(rest.casefold())
    f["url"] = _URL.search(text) is not None
    f["email"] = _EMAIL.search(text) is not None
    f["handle"] = _HANDLE.search(text) is not None
    f["link_only"] = (f["url"] or f["email"] or f["handle"]) and len(rest_words) <= 1
    undated = _DATE.sub(" ", text)
    f["date"] = undated != text
    left = [w for w in _WORD.findall(undated.casefold())
            if w not in lex.words["stamp"] and not w.isdigit()]
    f["date_only"] = f["date"] and len(left) <= 2
    f["iso_stamp"] = _ISO_STAMP.fullmatch(text.strip(_CLOSERS + "()[]")) is not None
    stops = sum(t in lex.words["stop"] for t in tokens)
    f["stop_density"] = stops / n if n else 0.0
    f["no_stops"] = n >= 4 and stops == 0
    f["cta_start"] = lex.starts("cta", tokens, 2)
    f["cta_any"] = lex.has("cta", tokens)
    f["credit_any"] = lex.has("agency", tokens) or "©" in text or "copyright" in tokens
    f["credit_start"] = _labels(text, tokens, lex, "credit") or text.startswith("©")
    f["credit_short"] = (f["credit_any"] or f["credit_start"]) and n <= 10
    f["related_start"] = _labels(text, tokens, lex, "related")
    f["social"] = n <= SHORT and lex.has("social", tokens)
    f["stamp"] = lex.starts("stamp", tokens, 2)
    f["byline_start"] = n <= 8 and lex.starts("byline", tokens)


def _labels(text: str, tokens: list[str], lex: Lexicon, kind: str) -> bool:
    """A marker of ``kind`` begins the line as a label: followed by a colon or a bar early in
    the line, or the line is short ("Photo: …", "Read more | …", "Image copyright Getty").
    A headline that merely begins with such a word ("More than 15 million …") is not one."""
    if not lex.starts(kind, tokens):
        return False
    return len(tokens) <= LABEL_WORDS or any(c in text[:LABEL_CHARS] for c in ":|")


def _position(lines: list[Line], i: int, lex: Lexicon, f: dict[str, float]) -> None:
    count = len(lines)
    f["top"] = 1 <= i <= 3
    f["bottom"] = i >= count - 3
    f["rel_pos"] = i / (count - 1) if count > 1 else 0.0
    before = lines[i - 1] if i > 0 else None
    after = lines[i + 1] if i + 1 < count else None
    f["prev_short"] = before is not None and before.short
    f["next_short"] = after is not None and after.short
    f["both_short"] = f["prev_short"] and f["next_short"]
    f["prev_listed"] = before is not None and before.listed
    f["next_listed"] = after is not None and after.listed
    f["no_next"] = after is None
    title = {t for t in lines[0].tokens if t not in lex.words["stop"]}
    own = {t for t in lines[i].tokens if t not in lex.words["stop"]}
    if i and title and own:
        f["title_sim"] = len(title & own) / len(title | own)


def _context(lines: list[Line], i: int, outline: Outline, f: dict[str, float]) -> None:
    """Where the line stands among the article's paragraphs and runs of short lines."""
    run_start = run_end = i
    if lines[i].short:
        while run_start > max(1, i - RUN) and lines[run_start - 1].short:
            run_start -= 1
        while run_end + 1 < min(len(lines), i + RUN + 1) and lines[run_end + 1].short:
            run_end += 1
        run = run_end - run_start + 1
        f["short_run"] = min(run, RUN) / RUN
        f["short_run_3"] = run >= 3
    found = outline.first_body >= 0
    f["after_body"] = found and i > outline.last_body
    f["before_body"] = found and i < outline.first_body
    f["no_body"] = not found
    f["between_body"] = (i > 1 and _body_like(lines[i - 1]) and i + 1 < len(lines)
                         and _body_like(lines[i + 1]))
    key = " ".join(lines[i].tokens)
    f["repeat_in_doc"] = bool(key) and outline.keys.get(key, 0) > 1


def _body_like(line: Line) -> bool:
    """A paragraph of article text: a dozen words or more ending a sentence."""
    return len(line.tokens) >= 12 and _terminal(line.text)


STACK_PREFIX = "s_"  # features of a second stage: the first stage's scores of the lines around
GAP = 3  # lines that are not prose a body block holds between two paragraphs (subheads, captions)
HIGH = 0.5  # a first-stage score from which a line counts as boilerplate for the second stage
STACK_RUN = 3  # runs of high-scoring lines longer than this count as this long
FAR = 10  # distances in lines longer than this count as this long


@dataclass(frozen=True, eq=False, repr=False)
class Layout:
    """The article's main body block (the block of paragraphs with the most words, paragraphs
    at most GAP lines apart) and its language (whose stop words it uses most)."""

    main_start: int  # index of the block's first paragraph (-1: no paragraph)
    main_end: int
    stops: frozenset[str]  # stop words of the document's language (all of them if unknown)
    lead: frozenset[str]  # content words of the block's first paragraph

    @classmethod
    def of(cls, lines: list[Line], lex: Lexicon) -> Layout:
        body = [j for j, line in enumerate(lines) if j and _body_like(line)]
        blocks: list[list[int]] = []
        for j in body:
            if blocks and j - blocks[-1][-1] - 1 <= GAP:
                blocks[-1].append(j)
            else:
                blocks.append([j])
        main = max(blocks, key=lambda b: sum(len(lines[j].tokens) for j in b), default=[])
        stops = _document_stops(lines, lex)
        lead = frozenset(t for t in lines[main[0]].tokens if t not in stops) if main else None
        return cls(main[0] if main else -1, main[-1] if main else -1, stops,
                   lead or frozenset())


def _document_stops(lines: list[Line], lex: Lexicon) -> frozenset[str]:
    """The stop words of the language whose stop words the document uses most."""
    counts = {lang: sum(t in stops for line in lines for t in line.tokens)
              for lang, stops in lex.stops_by_lang.items()}
    best = max(counts, key=lambda lang: counts[lang], default="")
    return lex.stops_by_lang[best] if best and counts[best] else lex.words["stop"]


def layout_features(lines: list[Line], i: int, layout: Layout) -> dict[str, float]:
    """Where ``lines[i]`` stands against the main body block: inside it, above or below it
    (and how far), a paragraph outside it (comments, teasers), the run of paragraphs it is in,
    lines to the end; its stop-word density in the document's language; its likeness to the
    block's first paragraph."""
    line, count = lines[i], len(lines)
    f: dict[str, float] = {}
    found = layout.main_start >= 0
    inside = found and layout.main_start <= i <= layout.main_end
    f["doc_in_main"] = inside
    f["doc_gap_in_main"] = inside and not _body_like(line)
    f["doc_above_main"] = found and i < layout.main_start
    f["doc_below_main"] = found and i > layout.main_end
    if found and i > layout.main_end:
        f["doc_below_far"] = min(i - layout.main_end, FAR) / FAR
    if found and i < layout.main_start:
        f["doc_above_far"] = min(layout.main_start - i, FAR) / FAR
    f["doc_prose_outside"] = found and not inside and _body_like(line)
    if _body_like(line):
        start = end = i
        while start > 1 and _body_like(lines[start - 1]):
            start -= 1
        while end + 1 < count and _body_like(lines[end + 1]):
            end += 1
        f["doc_prose_run"] = min(end - start + 1, 4) / 4
    to_end = count - 1 - i
    f["doc_end_1"] = to_end == 0
    f["doc_end_2_5"] = 1 <= to_end <= 4
    f["doc_end_6_10"] = 5 <= to_end <= 9
    n = len(line.tokens)
    stops = sum(t in layout.stops for t in line.tokens)
    f["doc_stop_lang"] = stops / n if n else 0.0
    f["doc_no_stop_lang"] = n >= 3 and stops == 0
    own = frozenset(t for t in line.tokens if t not in layout.stops)
    if i != layout.main_start and own and layout.lead:
        f["doc_lead_sim"] = len(own & layout.lead) / len(own | layout.lead)
    return {k: v for k, v in f.items() if v}


def stack_features(first: list[float | None]) -> list[dict[str, float]]:
    """The second stage's view of every line from the first stage's scores of every line of
    the document (``None`` for the title, 1 for a phrase-list line, 0 for a line too long to
    score): the scores of the lines before and after and the larger of the two, the runs of
    high-scoring lines just above and just below, the share of high-scoring lines below it and
    its distance to the end. The line's own score is not among them: its own features stand
    beside these, so a lone call to action between paragraphs still scores on what it says."""
    count = len(first)
    values = [0.0 if score is None else score for score in first]
    high_below = [0] * (count + 1)  # high-scoring lines from index j to the end
    for j in range(count - 1, -1, -1):
        high_below[j] = high_below[j + 1] + (values[j] >= HIGH)
    result = []
    for i in range(count):
        after = values[i + 1] if i + 1 < count else 0.0
        f = {"s_prev": values[i - 1] if i else 0.0, "s_next": after,
             "s_nb_max": max(values[i - 1] if i else 0.0, after),
             "s_run_before": _high_run(values, i, -1) / STACK_RUN,
             "s_run_after": _high_run(values, i, 1) / STACK_RUN,
             "s_tail_high": high_below[i + 1] / (count - 1 - i) if i + 1 < count else 0.0,
             "s_from_end": min(count - 1 - i, FAR) / FAR}
        result.append({k: v for k, v in f.items() if v})
    return result


def _high_run(values: list[float], i: int, step: int) -> int:
    """How many lines in a row from ``i + step`` in direction ``step`` score HIGH or more
    (at most STACK_RUN)."""
    run, j = 0, i + step
    while run < STACK_RUN and 0 <= j < len(values) and values[j] >= HIGH:
        run += 1
        j += step
    return run


STACK_NAMES = ("s_prev", "s_next", "s_nb_max", "s_run_before", "s_run_after", "s_tail_high",
               "s_from_end")


def mark_listed(doc: Document, lines: list[Line], ctx: Context) -> None:
    """Mark the lines that the phrase lists (BP001) report as a whole."""
    listed = {doc.line_span(m.start)[0] for m in find_boilerplate(doc, boilerplate_for(ctx))
              if m.whole}
    for line in lines:
        line.listed = line.row in listed


def scored_lines(doc: Document, ctx: Context, lex: Lexicon, context: bool = False,
                 layout: bool = False) -> Iterator[tuple[Line, dict[str, float]]]:
    """Every line the classifier scores (not the title, not a listed line, not too long) and
    its features; with ``context``, also those of the lines around it
    (:func:`with_neighbours`); with ``layout``, also :func:`layout_features`."""
    lines = document_lines(doc)
    if len(lines) < 2:
        return
    mark_listed(doc, lines, ctx)
    outline = Outline.of(lines)
    if not context:
        plan = Layout.of(lines, lex) if layout else None
        for i in range(1, len(lines)):
            line = lines[i]
            if not line.listed and len(line.tokens) <= MAX_WORDS:
                features = line_features(lines, i, lex, outline)
                if plan is not None:
                    features.update(layout_features(lines, i, plan))
                yield line, features
        return
    own = [line_features(lines, i, lex, outline) for i in range(len(lines))]
    for i in range(1, len(lines)):
        line = lines[i]
        if not line.listed and len(line.tokens) <= MAX_WORDS:
            yield line, with_neighbours(own, lines, i)


def scored_with(doc: Document, ctx: Context, lex: Lexicon,
                model: Model) -> Iterator[tuple[Line, dict[str, float], float]]:
    """Every scored line, the features its reported score reads and that score: the first
    stage's, or with a second stage, the second's over the line's own features and the
    :func:`stack_features` of the first stage's scores of the whole document."""
    if not model.second:
        for line, features in scored_lines(doc, ctx, lex, model.context):
            yield line, features, model.score(features)
        return
    scored = list(scored_lines(doc, ctx, lex, model.context))
    if not scored:
        return
    lines = document_lines(doc)
    mark_listed(doc, lines, ctx)
    index = {line.start: i for i, line in enumerate(lines)}
    first: list[float | None] = [None] + [1.0 if line.listed else 0.0 for line in lines[1:]]
    for line, features in scored:
        first[index[line.start]] = model.score(features)
    stack = stack_features(first)
    for line, features in scored:
        both = {**features, **stack[index[line.start]]}
        yield line, both, model.final(both)


def with_neighbours(own: list[dict[str, float]], lines: list[Line], i: int) -> dict[str, float]:
    """The features of ``lines[i]`` and, under a prefix, those of the two lines before and after
    it (``p_``, ``pp_``: the previous and the one before; ``n_``, ``nn_``: the next ones), with
    whether each is a phrase-list line (``listed``), the title (``first``) or absent (``none``).
    Boilerplate comes in blocks: a credit under a caption, a run of related headlines."""
    features = dict(own[i])
    for offset, prefix in NEIGHBOURS:
        j = i + offset
        if 0 <= j < len(lines):
            features.update({prefix + name: value for name, value in own[j].items()})
            features[prefix + "listed"] = float(lines[j].listed)
            features[prefix + "first"] = float(j == 0)
        else:
            features[prefix + "none"] = 1.0
    return {name: value for name, value in features.items() if value}


def _settings(ctx: Context) -> tuple[Lexicon, Model, float]:
    extra = tuple(ctx.option("boilerplate-cta-words"))
    lex = ctx.resources.get(("bp-model-lexicon", extra),
                            lambda: load_lexicon(shipped_lexicon()).with_words("cta", extra))
    model = ctx.resources.get("bp-model-weights", lambda: load_model(shipped_model()))
    threshold = float(ctx.option("boilerplate-threshold") or model.threshold)
    return lex, model, threshold


@rule("BP003", "boilerplate-classifier", "boilerplate", "Other/Non-translation",
      fixable="always", default=False,
      options={"boilerplate-threshold": Option(
                   float, None, "score from which a line is reported, 0 to 1 (unset: the "
                   "shipped model's threshold)"),
               "boilerplate-cta-words": Option(
                   list, [], "more call-to-action words or phrases")})
def boilerplate_classifier(doc: Document, ctx: Context) -> Iterator[Hit]:
    """A line that looks like site chrome to a classifier that knows its kinds, not its words.

    ## What it does
    Scores every non-blank line but the first (the title) with a small logistic model over
    features that carry to unseen sites and languages, and reports lines scoring at least the
    threshold (option `boilerplate-threshold`, default in `weights.tsv`). Lines the phrase
    lists already report (BP001) are left to them. The features:

    - shape: length in words (buckets), terminal punctuation, an open short line, a trailing
      colon or ellipsis, share of title-case words, all capitals, share of digits, a table
      pipe, quote marks, commas, a line wrapped in brackets, a bullet, a short line with a
      slash ("Name/Agency");
    - links and stamps: URL, e-mail address, social handle, nothing but those; a date, time or
      ISO timestamp, nothing but that (with "Published"/"Updated" words);
    - lexicons (`glossaries/boilerplate-model/lexicon.tsv`, en, de, fr, es, it, pt, ru and
      more): calls to action at the start or anywhere (subscribe, follow, sign up, click,
      download, share, watch, comment, newsletter, …; option `boilerplate-cta-words` adds
      more), credit markers (Photo, Foto, Фото, Image, Bild, ©, agencies), teaser markers
      (Related, Read more, Lire aussi, Читайте также, …), social platforms, a byline word on
      a short line, the stop-word density (function words of ten languages);
    - position: among the first lines after the title or the last three, relative position,
      short open lines or phrase-list lines around it, the last line, similarity to the title,
      the same line twice in the document.

    The finding names the three features that pushed the score most, so a removal can be
    audited in the `clean` ledger. The names are those of `weights.tsv`: `cta_start` (a call
    to action among the first two words), `cta_any`, `credit_start` (a credit label such as
    "Photo:"), `credit_short` (a credit or agency on a short line), `related_start`,
    `iso_stamp`, `date_only`, `link_only`, `handle`, `social`, `pipe` (a table cell),
    `title_case`, `all_caps`, `short_open` (short, no final punctuation), `short_run_3` (among
    three or more such lines), `prev_listed`/`next_listed` (next to a BP001 line), `no_next`
    (the last line), `before_body`/`after_body` (above the first or below the last paragraph).

    ## Why it matters
    Phrase lists know the sites they were written for. On pages of other sites most leftovers
    are of the same kinds with other words: a call to subscribe to a channel, a photographer's
    credit, a related headline, a bare timestamp. Left in, they are translated and published
    as article text.

    ## Example
    ```text
    The council approved the budget on Tuesday after a long debate.

    Get our app for the latest local news

    Photo: M. Keller / Northwind Agency

    Opposition members said they would appeal.
    ```
    Use instead: the same text without the app prompt and the photo credit.

    ## Fix safety
    The fix deletes the line as BP001 does (paragraphs around it are never merged). It is
    `safe` only when the score is in a band whose precision, measured on held-out sites, is at
    least 0.98 (the `safe` parameter of `weights.tsv`). No band reaches it today (the held-out
    precision stays near 0.8 at every score, see below), so every deletion is `unsafe`:
    `lint --fix` leaves it, and `termcheck clean` applies it only with `--unsafe-fixes` (clean
    applies unsafe boilerplate deletions of default-on rules only); its ledger entry gives the
    score and the features that fired ("Delete the boilerplate line (classifier 0.87:
    cta_start, cta_any, no_next)").

    ## Precision
    Off by default: below the issue's targets (pooled P 0.9, R 0.6 for lists + classifier on
    held-out sites) with every design measured. Data: ../shared/corpora/scrapinghub-aeb, 88
    articles × 3 extractors, 5,351 lines of which 578 are boilerplate by the labels of
    `REFINED=1 eval_boilerplate.py`. Five folds grouped by article (the three outputs of a page
    always together, so every site is unseen when scored). Figures count a line as flagged when
    the phrase lists (BP001/BP002, alone P 0.833 R 0.225) or the classifier report it.

    The shipped weights (`python3 benchmarks/boilerplate_model/train.py --check` regenerates
    them exactly, in about 10 s) use the threshold 0.57, the lowest at which the classifier's
    own findings reach 0.82 held-out precision on the five folds (its curve tops out there).
    At that threshold, per held-out fold:

    | fold | articles | lists + classifier | classifier alone |
    | --- | --- | --- | --- |
    | 1 | 18 | P 0.865 R 0.577 | P 0.562 (9 tp, 7 fp) |
    | 2 | 18 | P 1.000 R 0.248 | P 1.000 (8 tp, 0 fp) |
    | 3 | 18 | P 0.984 R 0.594 | P 0.978 (45 tp, 1 fp) |
    | 4 | 17 | P 0.893 R 0.710 | P 0.902 (101 tp, 11 fp) |
    | 5 | 17 | P 0.473 R 0.376 | P 0.261 (6 tp, 17 fp) |
    | pooled | 88 | P 0.828 R 0.517 (tp 299, fp 62) | P 0.824 (169 tp, 36 fp) |

    That threshold is chosen on the same held-out scores, so the figure is optimistic. The
    nested figures below choose each fold's threshold by an inner grouped cross-validation on
    the other four folds only (the lowest threshold at which lists + classifier reach 0.9
    there, else the most precise one), the held-out fold serving only its figures. Eight
    designs, each `train.py --design NAME` (the trees need scikit-learn, the training-only
    `train` extra; nothing but the shipped linear weights is ever read at run time):

    `linear-line` (shipped): the logistic model on the line's own 58 features;
    `linear-context`: the same with the features of the two lines before and after (290);
    `trees-line`, `trees-context`: gradient-boosted trees (200 trees of 15 leaves) on those;
    `linear-layout`, `trees-layout`: the line's features plus 14 of its place in the article
    (inside, above or below the main body block, the block of paragraphs at most three lines
    apart with the most words; a paragraph outside it; the run of paragraphs it is in; lines to
    the end; stop-word density in the document's own language; likeness to the block's first
    paragraph);
    `linear-stacked`, `trees-stacked`: two stages, the line-only logistic model, then a second
    model on the line's own features plus 7 read from the first stage's scores of the lines
    around it (before, after, the larger, runs of high scores above and below, the share of
    high scores below, lines to the end), learned from first-stage scores held out inside the
    training folds.

    | design | nested pooled | best P on the curve | at 0.80 |
    | --- | --- | --- | --- |
    | `linear-line` | P 0.745 R 0.253 | 0.827 (R 0.514) | P 0.810 R 0.317 |
    | `linear-context` | P 0.870 R 0.427 | 0.848 (R 0.455) | P 0.830 R 0.481 |
    | `trees-line` | P 0.830 R 0.253 | 0.829 (R 0.260) | P 0.825 R 0.294 |
    | `trees-context` | P 0.853 R 0.332 | 0.879 (R 0.377) | P 0.870 R 0.486 |
    | `linear-layout` | P 0.708 R 0.239 | 0.811 (R 0.438) | P 0.795 R 0.296 |
    | `trees-layout` | P 0.825 R 0.237 | 0.816 (R 0.344) | P 0.816 R 0.344 |
    | `linear-stacked` | P 0.767 R 0.279 | 0.863 (R 0.467) | P 0.863 R 0.467 |
    | `trees-stacked` | P 0.835 R 0.246 | 0.843 (R 0.242) | P 0.820 R 0.275 |

    ("best P on the curve", "at 0.80": lists + classifier at fixed thresholds on the 5-fold
    held-out scores, 0.30 to 0.90 in steps of 0.10.)

    The features of neighbouring lines help (boilerplate comes in blocks: related headlines, a
    caption and its credit), and the trees use them best (the classifier's own findings at 0.9:
    P 0.957, 88 tp, 4 fp). The context designs do not ship: they learn this corpus's layout,
    where a short line between two paragraphs is nearly always body, and so miss the lone call
    to action or credit between paragraphs that the case files hold in five languages (the
    shipped design finds them all). The layout features add nothing: added one at a time to the
    line-only model, the best (a paragraph outside the main block) gains one true line on the
    nested figures and some lower them (above the main block: P 0.673 R 0.239); together they
    lower the curve's precision at every threshold. Stacking keeps a lone line's own evidence
    and beats the line-only model on the nested figures and at high thresholds (its own findings
    at 0.80: P 0.892, 140 tp, 17 fp), and it is quieter (0 findings on the WMT21 references);
    but at the operating point of the shipped rule (own held-out precision 0.82, reached at
    0.64) it finds the same 169 lines with one more false one, and three lone photo credits of
    the case files (de, fr, ru) score 0.59 to 0.60, under that threshold: it does not ship. None
    comes near the targets.

    Grouped by site and with a learned lexicon (measured 2026-12-05). The corpus names no
    site, and a model that learns words could read a site's chrome in training and find it
    again in a held-out fold of another page of that site. `train.py --grouping site` groups
    the folds by a site proxy (`benchmarks/boilerplate_model/sites.py`): two articles are
    joined when they share a non-trivial line (3 words and 15 letters or more, digits read as
    0) outside their gold bodies, a non-trivial line of their gold bodies, or a URL domain;
    the connected components are the groups. The 88 articles form 80 groups: one of 5 (a
    twitter.com embed), four of 2 (a cookie notice, a magazine's subscription prompt, a
    "Published … EST" stamp, a Portuguese site's chrome kept in gold), 75 single articles.
    The corpus is nearly one site per article, so the two groupings deal 4 articles to
    other folds. `--repeats N` deals the groups to the folds N ways (name order, then orders of
    a CRC-32 of the repeat and the article name) and gives the spread of the nested pooled
    figure, which one split hides: for the shipped design it runs from P 0.727 to 0.831 over
    ten splits by article.

    The learned lexicon (`--design lexicon-*`): the line's own 58 features plus its words and
    word pairs (`words`) or character 3- to 5-grams (`chars`, each line's vector of unit
    length), case-folded with digits read as 0, hashed by CRC-32 into 4,096 (or 1,024)
    buckets `h_N`; the same logistic model, fitted by Newton's method with conjugate gradients
    and step halving, the buckets pulled towards 0 with L2 1 or 10. Nested pooled figures
    (lists + classifier), site-grouped unless "article"; "split 1" is the name-order
    split, "mean" the mean over 10 splits (`linear-*`) or 5 (`lexicon-*`, a minute each; 3 for
    `lexicon-context`, the lexicon beside the context features of `linear-context`),
    "P" and "R" the smallest and largest over those splits; `lexicon-words`: word pairs,
    4,096 buckets, L2 1; `-l2-10`: L2 10; `-1k`: 1,024 buckets; `lexicon-chars`: character
    n-grams, 4,096 buckets:

    | design | split 1 P/R | mean P/R | P range | R range | at 0.80 P/R |
    | --- | --- | --- | --- | --- | --- |
    | `linear-line`, article | 0.745/0.253 | 0.793/0.251 | 0.727–0.831 | 0.230–0.330 | 0.810/0.317 |
    | `linear-line` | 0.854/0.396 | 0.804/0.263 | 0.780–0.854 | 0.230–0.396 | 0.828/0.343 |
    | `linear-context` | 0.855/0.450 | 0.855/0.427 | 0.824–0.873 | 0.394–0.452 | 0.821/0.484 |
    | `linear-stacked` | 0.841/0.356 | 0.829/0.316 | 0.778–0.867 | 0.234–0.436 | 0.842/0.405 |
    | `lexicon-words` | 0.863/0.478 | 0.836/0.358 | 0.793–0.863 | 0.225–0.478 | 0.868/0.490 |
    | `lexicon-words`, article | 0.745/0.298 | – | – | – | 0.833/0.379 |
    | `lexicon-words-l2-10` | 0.837/0.408 | 0.811/0.286 | 0.791–0.837 | 0.228–0.408 | 0.860/0.426 |
    | `lexicon-words-1k` | 0.840/0.374 | 0.799/0.270 | 0.761–0.840 | 0.232–0.374 | 0.815/0.441 |
    | `lexicon-chars` | 0.856/0.389 | 0.803/0.271 | 0.761–0.856 | 0.232–0.389 | 0.848/0.356 |
    | `lexicon-chars-l2-10` | 0.857/0.394 | 0.812/0.268 | 0.778–0.857 | 0.230–0.394 | 0.838/0.348 |
    | `lexicon-context` | 0.836/0.458 | 0.859/0.461 | 0.836–0.884 | 0.413–0.512 | 0.840/0.517 |

    Per held-out fold (split 1, site-grouped), `linear-line` then `lexicon-words`: fold 1 (16
    articles) P 0.967 R 0.492, P 0.892 R 0.559; fold 2 (18) P 1.000 R 0.232, P 1.000 R 0.224;
    fold 3 (19) P 1.000 R 0.174, P 1.000 R 0.349; fold 4 (17) P 0.833 R 0.484, P 0.824
    R 0.452; fold 5 (18) P 0.792 R 0.547, P 0.814 R 0.668.

    Grouping by site does not lower the shipped design: its split-1 figure moves from P 0.745
    R 0.253 to P 0.854 R 0.396, but that is the noise of dealing 4 articles to other folds
    (the thresholds chosen on the inner folds swing from 0.58 to 0.99), not a difference of
    grouping: the means over ten splits are P 0.793 R 0.251 by article and P 0.804 R 0.263 by
    site, and the held-out curves at the shipped threshold 0.57 are P 0.828 R 0.517 and
    P 0.827 R 0.522. Nor does it lower the lexicon: `lexicon-words` grouped by article scores
    P 0.745 R 0.298 on split 1 (by site: P 0.863 R 0.478), so the proxy shows no leak that the
    article grouping let through (it joins few sites). Word pairs into 4,096 buckets are the
    best lexicon: above the line-only model (mean R 0.358 against 0.263 at P 0.836 against
    0.804; its own findings at 0.80: P 0.900, 153 tp, 17 fp), but below `linear-context` in
    both mean figures; beside the context features (`lexicon-context`) it has the
    highest mean measured, P 0.859 R 0.461, with the context designs' blindness to a lone line
    between paragraphs. No split of any design reaches P 0.9 with R 0.6. More
    regularisation, fewer buckets or character n-grams are no better than the line-only
    model. The lexicon does not ship: it is far from the targets and adds 4,096 weights that
    the case files and the WMT21 references have not been checked
    against; the shipped weights are unchanged.

    Stacking over the lexicon and structured decoding (measured 2026-12-05, report-only; `train.py
    --grouping site --repeats 3 --designs NAME …`, the same three site-grouped splits for every
    design, mean P/R of the nested pooled figure, then the range over the splits):
    `linear-line` (shipped) 0.818/0.293 (P 0.781–0.854, R 0.240–0.396); `linear-context`
    0.858/0.432 (0.853–0.866, 0.410–0.450); `lexicon-context` 0.859/0.461 (0.836–0.884,
    0.413–0.512); `linear-stacked` 0.850/0.378 (0.841–0.867, 0.356–0.394); `lexicon-stacked`
    (second stage over `lexicon-context`'s held-out scores of the lines around) 0.848/0.473
    (0.821–0.870, 0.443–0.522); `lexicon-stacked-linear` 0.860/0.437 (0.846–0.880,
    0.420–0.446); `crf-line` (two-state linear-chain CRF, emissions the first stage's held-out
    log-odds, transitions learned on the training folds, score the posterior) 0.776/0.301
    (0.735–0.848, 0.239–0.396); `crf-context` 0.870/0.462 (0.863–0.875, 0.436–0.490);
    `crf-lexicon` 0.869/0.511 (0.864–0.873, 0.507–0.516), the best measured and the steadiest;
    `span-line` (best contiguous body span) 0.801/0.243; `span-line-strict` 0.822/0.225;
    `span-context` 0.845/0.468 (0.816–0.866, 0.434–0.509); `span-lexicon` 0.859/0.457
    (0.850–0.869, 0.412–0.514); `span-lexicon-strict` 0.850/0.435. Decoding helps over a
    context or lexicon first stage and hurts over the line-only one (its held-out curve is below
    the line model's at every threshold from 0.5). None reaches P 0.9 with R 0.6; `crf-lexicon`
    beats the shipped design on both means but needs the 4,096-bucket lexicon and a
    forward-backward pass at run time, unchecked against the case files: nothing ships.

    Why the targets are out of reach on this corpus (held-out errors of the shipped design
    at 0.57, by kind; the labels are used as they are):

    - the lists' 26 false positives cap the pooled precision: a gift guide's 22 "See it now:
      shop" prompts and two Reuters credit lines are kept in its gold body. To reach R 0.6 the
      classifier must add 217 true lines (the lists find 130) with at most 12 false ones, a
      precision of 0.95 at a recall no design gets near;
    - of the classifier's 36 false positives, 22 are lists inside bodies (a deals page's
      "Product for $N" lines, a roster's per-player stat lines), then 4 "(Graphic: … here)"
      links, 3 sign-up offers of a deals article, 2 date ranges, 2 numbered references, an
      embedded tweet's signature, an all-caps recipe heading and an image credit; 27 of the 62
      (the shop prompts, agency credits, the image credit) are lines a cleaner might well
      delete but the gold body keeps;
    - of its 279 misses, 60 are the first line (the title or a line above it: the classifier
      never scores the title, an editor keeps it) and 7 are longer than 80 words; most of the
      rest are related-article headlines that look like subheadings, captions written as
      sentences, reader comments (whole sentences under a comments header) and a series of
      bracketed outlet names.

    With the shipped weights (fitted on every article, so not a held-out figure)
    `REFINED=1 TC_ARGS="--extend-select BP003" eval_boilerplate.py` gives P 0.869, R 0.562
    (BP100 on too).

    Quiet on article bodies: 1 finding in the 5,006 lines of the WMT21 newstest human
    references (a headline with a date), 2 in the 16,012 lines of the 16 WMT21 system outputs,
    0 in the sources, the clean samples and the seed articles of ../shared/seeds (whose
    boilerplate BP001 finds).
    """
    lex, model, threshold = _settings(ctx)
    for line, features, score in scored_with(doc, ctx, lex, model):
        if score < threshold:
            continue
        reasons = ", ".join(model.reasons(features)) or "score"
        safe = score >= model.safe
        yield Hit(line.start, line.end,
                  f"Boilerplate line by the classifier (score {score:.2f}: {reasons}): "
                  "delete it",
                  Fix(f"Delete the boilerplate line (classifier {score:.2f}: {reasons})",
                      (line_deletion(doc, line.start),),
                      Applicability.SAFE if safe else Applicability.UNSAFE))
