"""Quotation marks: conventions per language and the per-paragraph pairing shared by the QT rules.

Each quote character of a paragraph gets a role (opening or closing) from three clues: what the
mark means in the known conventions (” only closes; “ opens in English and closes in German),
what surrounds it (a space before and a letter after look like an opening), and the marks still
open at that point. Marks are then paired like brackets. Apostrophes (don't, Higgins'), inch
marks (5") and guillemets used as separators (Home » News) are not quotes.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field, replace
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, TypeVar

from termcheck.context import Context
from termcheck.data import read_text, read_toml, shipped
from termcheck.document import Document, Paragraph
from termcheck.errors import DataError
from termcheck.lazyre import lazy

T = TypeVar("T")

DOUBLE = '"“”„«»「'
SINGLE = "'‘’‚‹›『"
# CJK corner brackets (Japanese, traditional Chinese) pair like quotes: 「 only opens, 」 closes.
DOUBLE += "」"
SINGLE += "』"
# Closing-shaped marks that some languages also open with (Swedish ”…”, Arabic ”…“): such a
# pair is correct in those languages only, and stays "mixed" (QT002) everywhere else.
_CLOSING_SHAPED = "”’"
STRAIGHT = "\"'"
APOSTROPHES = "'’"
QUOTE_CHARS = DOUBLE + SINGLE
GUILLEMETS = "«»‹›"
# The quote marks that may be quotes: an apostrophe-like mark (' ’ ‘) between two letters or
# digits (don't, Kazakhstan‘s) never is, so a paragraph holding only such marks pairs nothing;
# but one before a Hangul, kana or CJK letter closes a quote that a particle follows (’라고).
_PARTICLE_LETTERS = "\u1100-\u11ff\u3040-\u9fff\uac00-\ud7af\uf900-\ufaff"
_MAYBE_TAIL = f"(?<![^\\W_]['’‘])|(?![^\\W_])|(?=[{_PARTICLE_LETTERS}])"
_MAYBE_QUOTE = lazy(globals(), "_MAYBE_QUOTE", f"[{re.escape(QUOTE_CHARS)}](?:{_MAYBE_TAIL})")
# Full-width (CJK) punctuation and the Devanagari danda count like their ASCII kin: a quote
# before them closes (…。” / …”。), a quote after an opening bracket or a pause opens (说：“).
_FULL_WIDTH_PAUSES = "，。：；！？、"
_CLOSING_PUNCT = ".,;:!?)]}…" + _FULL_WIDTH_PAUSES + "）】》〉।॥"
_OPENING_BRACKETS = "([{（【《〈"
_DASHES = "–—-/"
OPEN, CLOSE = "open", "close"
_EDGE_SKIP = frozenset(QUOTE_CHARS + " \t\u00a0\u202f\u2009")
_NOT_NEIGHBOURS = frozenset(QUOTE_CHARS) - frozenset(APOSTROPHES)
_APOSTROPHE_LIKE = APOSTROPHES + "‘"


def weight(char: str) -> str:
    return "double" if char in DOUBLE else "single"


@dataclass(frozen=True, eq=False, repr=False)
class Convention:
    """How one language quotes: its pairs, spacing and whether typewriter quotes are fine."""

    lang: str
    name: str
    primary: tuple[str, str]
    secondary: tuple[str, str]
    accepted: tuple[tuple[str, str], ...] = ()
    straight: bool = False
    spaced: str = ""
    spaces: str = ""
    word_spaces: bool = True  # False: written without spaces between words (zh, ja)
    source: str = "termcheck"  # "CLDR", or "CLDR + termcheck" when overridden by hand

    @cached_property
    def pairs(self) -> tuple[tuple[str, str], ...]:
        """Every correct pair, the proposed ones first."""
        return (self.primary, self.secondary, *self.accepted)

    @cached_property
    def _roles(self) -> dict[str, str | None]:
        return {char: self._role(char) for char in QUOTE_CHARS}

    def accepts(self, opener: str, closer: str) -> bool:
        if opener in STRAIGHT and opener == closer:
            return self.straight
        return (opener, closer) in self.pairs

    def role(self, char: str) -> str | None:
        """The only role ``char`` has in this language, or None (both, or not used here)."""
        return self._roles.get(char)

    def _role(self, char: str) -> str | None:
        roles = {OPEN for o, _ in self.pairs if o == char} | {CLOSE for _, c in self.pairs
                                                              if c == char}
        return roles.pop() if len(roles) == 1 else None

    def expected(self, opener: str, closer: str, depth: int) -> tuple[str, str]:
        """The pair this language writes instead of ``opener … closer``."""
        if self.accepts(opener, closer):
            return opener, closer
        for pair in self.pairs:
            if pair[0] == opener and weight(pair[1]) == weight(opener):
                return pair
        for pair in self.pairs:
            if pair[1] == closer and weight(pair[0]) == weight(closer):
                return pair
        if weight(opener) == "single" or depth > 0:
            return self.secondary
        return self.primary


@dataclass(frozen=True, eq=False, repr=False)
class Conventions:
    """Every language's convention, and the pairs that are consistent in at least one."""

    by_lang: dict[str, Convention]
    consistent: frozenset[tuple[str, str]]
    openers: frozenset[str]
    closers: frozenset[str]

    def get(self, lang: str) -> Convention | None:
        """The convention of ``lang`` (``zh-Hant-TW`` falls back to ``zh-hant``, then ``zh``),
        or None."""
        tag = lang.strip().lower().replace("_", "-")
        while tag:
            found = self.by_lang.get(tag)
            if found is not None:
                return found
            tag = tag.rpartition("-")[0]
        return None

    @cached_property
    def _roles(self) -> dict[str, frozenset[str]]:
        return {char: self._roles_of(char) for char in QUOTE_CHARS}

    def roles(self, char: str) -> frozenset[str]:
        """Roles ``char`` plays in some convention."""
        roles = self._roles.get(char)
        return self._roles_of(char) if roles is None else roles

    def _roles_of(self, char: str) -> frozenset[str]:
        if char in STRAIGHT:
            return frozenset((OPEN, CLOSE))
        return frozenset(({OPEN} if char in self.openers else set())
                         | ({CLOSE} if char in self.closers else set()))

    def is_consistent(self, opener: str, closer: str) -> bool:
        """True when some language writes this pair (straight pairs included)."""
        return (opener in STRAIGHT and opener == closer) or (opener, closer) in self.consistent


def load_conventions(path: Path | None = None) -> Conventions:
    """The conventions: CLDR's (``glossaries/cldr/conventions.toml``, generated by
    ``tools/cldr_conventions.py``) overridden by the hand-written ``glossaries/quotes.toml``;
    or only the file ``path`` when one is given. Errors name the file and line."""
    hand = _read_conventions(path or shipped("quotes.toml"))
    base = {} if path is not None else cldr_conventions()
    by_lang = dict(base)
    for lang, (table, where) in hand.items():
        by_lang[lang] = _convention(lang, _layered(lang, table, base), *where,
                                    from_cldr=_cldr_parent(lang, base) is not None)
    for lang in base:  # CLDR's regional locales take their language's hand-written changes
        parent = lang.split("-")[0]
        if lang not in hand and parent in hand:
            table, where = hand[parent]
            by_lang[lang] = _convention(lang, _layered(lang, table, base), *where,
                                        from_cldr=True)
    pairs = frozenset(p for c in by_lang.values() for p in c.pairs
                      if p[0] not in _CLOSING_SHAPED)
    return Conventions(by_lang, pairs, frozenset(o for o, _ in pairs),
                       frozenset(c for _, c in pairs))


def _read_conventions(path: Path) -> dict[str, tuple[dict[str, Any], tuple[Path, int]]]:
    data = read_toml(path)
    text = path.read_text(encoding="utf-8-sig")
    headers = _header_lines(text)
    tables = {}
    for lang, table in data.items():
        line = headers.get(lang, 1)
        if not isinstance(table, dict):
            raise DataError(f"[{lang}]: expected a table", str(path), line)
        tables[lang.lower()] = (table, (path, line))
    return tables


def _cldr_parent(lang: str, base: dict[str, Convention]) -> Convention | None:
    tag = lang
    while tag and tag not in base:
        tag = tag.rpartition("-")[0]
    return base.get(tag) if tag else None


def _layered(lang: str, table: dict[str, Any], base: dict[str, Convention]) -> dict[str, Any]:
    """CLDR's values for ``lang`` (or its language) under the hand-written ``table``."""
    cldr = _cldr_parent(lang, base)
    if cldr is None:
        return table
    return {"name": cldr.name, "primary": "".join(cldr.primary),
            "secondary": "".join(cldr.secondary)} | table


@lru_cache(maxsize=1)
def cldr_conventions() -> dict[str, Convention]:
    """The quotation marks of every CLDR locale whose marks termcheck can pair."""
    path = shipped("cldr", "conventions.toml")
    text = read_text(path)
    conventions = {}
    tables = _string_tables(text)
    for tag, row in (read_toml(path) if tables is None else tables).items():
        pairs = [p for p in (row.get("quotes"), row.get("alternate")) if _pairable(p)]
        if not isinstance(row, dict) or not pairs:
            if not isinstance(row, dict):
                raise DataError(f"[{tag}]: expected a table", str(path), _line_of(text, tag))
            continue
        primary, secondary = pairs[0], pairs[-1]
        # Not reviewed for news practice: typewriter quotes are not judged (QT006) until a
        # hand-written table of quotes.toml says the language's press does not use them.
        conventions[tag] = Convention(tag, str(row.get("name", tag)), (primary[0], primary[1]),
                                      (secondary[0], secondary[1]), straight=True,
                                      source="CLDR")
    return conventions


# The generated file's lines: a table header, or a key and a string with no escape but \uXXXX
# (and no control character, no quote); anything else goes to tomllib.
_TABLE_LINE = re.compile(r'\[("?)([A-Za-z0-9_-]+)\1\]')
_STRING_LINE = re.compile(r'([A-Za-z0-9_-]+) = "((?:[^"\\\x00-\x1f\x7f]|\\u[0-9A-Fa-f]{4})*)"')
_UNICODE_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})")


def _string_tables(text: str) -> dict[str, dict[str, str]] | None:
    """What ``tomllib.loads(text)`` gives for a TOML file made only of tables of one-line
    strings (the generated CLDR file), or None for any other file. Parsing that file with
    tomllib cost 0.01-0.02 s, most of the conventions' loading time; line by line, a third."""
    tables: dict[str, dict[str, str]] = {}
    table: dict[str, str] | None = None
    for line in text.split("\n"):
        line = line[:-1] if line.endswith("\r") else line
        if not line or line.startswith("#"):
            continue
        if header := _TABLE_LINE.fullmatch(line):
            if header[2] in tables:
                return None
            table = tables[header[2]] = {}
        elif table is not None and (pair := _STRING_LINE.fullmatch(line)) \
                and pair[1] not in table:
            value = pair[2]
            if "\\" in value:  # only an escape can make a surrogate (tomllib keeps a raw one)
                value = _UNICODE_ESCAPE.sub(lambda escape: chr(int(escape[1], 16)), value)
                if any("\ud800" <= char <= "\udfff" for char in value):
                    return None  # TOML has no escaped surrogate: tomllib's error, then
            table[pair[1]] = value
        else:
            return None
    return tables


def _pairable(value: Any) -> bool:
    """Two quote marks of one weight (CLDR also lists pairs such as “’, which are not)."""
    return isinstance(value, str) and len(value) == 2 and all(c in QUOTE_CHARS for c in value) \
        and weight(value[0]) == weight(value[1])


_HEADER = re.compile(r'^\["?([^"\]\n]*)"?\]', re.M)


def _header_lines(text: str) -> dict[str, int]:
    """The line of each table's first header (what :func:`_line_of` finds), found in one scan
    instead of one pattern compiled per language."""
    lines: dict[str, int] = {}
    for found in _HEADER.finditer(text):
        lines.setdefault(found[1], text.count("\n", 0, found.start()) + 1)
    return lines


def _line_of(text: str, lang: str) -> int:
    match = re.search(rf"^\[\"?{re.escape(lang)}\"?\]", text, re.M)
    return text.count("\n", 0, match.start()) + 1 if match else 1


def _convention(lang: str, table: Any, path: Path, line: int,
                from_cldr: bool = False) -> Convention:
    def fail(message: str) -> DataError:
        return DataError(f"[{lang}]: {message}", str(path), line)

    if not isinstance(table, dict):
        raise fail("expected a table")
    unknown = set(table) - {"name", "primary", "secondary", "accepted", "straight", "spaced",
                            "spaces", "word-spaces"}
    if unknown:
        raise fail(f"unknown key(s) {', '.join(sorted(unknown))}")

    def pair(value: Any, key: str) -> tuple[str, str]:
        if not (isinstance(value, str) and len(value) == 2
                and all(ch in QUOTE_CHARS for ch in value)):
            raise fail(f"{key} must be two quote marks, opening then closing (got {value!r})")
        if weight(value[0]) != weight(value[1]):
            raise fail(f"{key} {value!r} mixes a single and a double mark")
        return value[0], value[1]

    for key in ("primary", "secondary"):
        if key not in table:
            raise fail(f"missing key {key!r}")
    accepted = table.get("accepted", [])
    if not isinstance(accepted, list):
        raise fail("accepted must be a list of pairs")
    spaced, spaces = table.get("spaced", ""), table.get("spaces", "")
    if not isinstance(spaced, str) or any(ch not in QUOTE_CHARS for ch in spaced):
        raise fail("spaced must be a string of quote marks")
    if not isinstance(spaces, str) or any(not ch.isspace() for ch in spaces) or \
            (spaced and not spaces):
        raise fail("spaces must be a non-empty string of space characters when spaced is set")
    straight, word_spaces = table.get("straight", False), table.get("word-spaces", True)
    if not isinstance(straight, bool) or not isinstance(word_spaces, bool):
        raise fail("straight and word-spaces must be true or false")
    return Convention(lang.lower(), str(table.get("name", lang)),
                      pair(table["primary"], "primary"), pair(table["secondary"], "secondary"),
                      tuple(pair(p, "accepted") for p in accepted), straight, spaced, spaces,
                      word_spaces, "CLDR + termcheck" if from_cldr else "termcheck")


def conventions(ctx: Context) -> Conventions:
    """The conventions, loaded once per run: the shipped file, or the file named by the
    ``quote-conventions`` option (relative to the configuration's directory)."""
    option = ctx.option("quote-conventions")
    if not option:
        return ctx.resources.get(("quotes", "conventions"), load_conventions)
    path = (ctx.config.root / str(option)).resolve()
    return ctx.resources.get(("quotes", "conventions", str(path)), lambda: load_conventions(path))


def house_style(convention: Convention | None, ctx: Context) -> Convention | None:
    """The convention with the configured house style: ``straight-quotes`` (true or false)
    overrides whether the language accepts typewriter quotes."""
    straight = ctx.option("straight-quotes")
    if convention is None or straight is None or straight == convention.straight:
        return convention
    return replace(convention, straight=bool(straight))


@dataclass(eq=False, slots=True)
class Mark:
    """One quote mark of the document and the role the pairing gave it."""

    offset: int
    char: str
    role: str = OPEN
    shape: str | None = None  # the role its neighbours suggest
    certain: bool = False  # role confirmed by the convention or the neighbours
    depth: int = 0

    @property
    def weight(self) -> str:
        return weight(self.char)


@dataclass(slots=True)
class QuotePair:
    """An opening and a closing mark that belong together."""

    opener: Mark
    closer: Mark
    safe: bool = False  # pairing unambiguous: fixes may be applied automatically
    crosses: bool = False  # opened in an earlier paragraph


@dataclass
class QuoteAnalysis:
    """The pairs and the marks left without a partner, for one document and language."""

    pairs: list[QuotePair] = field(default_factory=list)
    unclosed: list[Mark] = field(default_factory=list)
    unopened: list[Mark] = field(default_factory=list)
    convention: Convention | None = None


def analyse(doc: Document, ctx: Context) -> QuoteAnalysis:
    """The quote pairing of ``doc`` for the context's language, computed once per text."""
    return ctx.memo(("quotes", doc.text), lambda: _analyse(doc, ctx))


def _analyse(doc: Document, ctx: Context) -> QuoteAnalysis:
    known = conventions(ctx)
    convention = house_style(known.get(ctx.lang or ""), ctx)
    offsets, quotations = marks_and_quotations(doc.text)
    if not offsets:
        return QuoteAnalysis(convention=convention)
    spaced = "«" in doc.text and _spaced_guillemets_pair(known, convention)
    if _all_simple(doc.text, offsets, quotations, spaced):
        return QuoteAnalysis(_simple_document_pairs(doc, quotations, known, convention),
                             convention=convention)
    starts = [paragraph.start for paragraph in doc.paragraphs]
    where = [bisect.bisect_right(starts, offset) - 1 for offset in offsets]
    simple = _simple_paragraphs(doc.text, offsets, where, starts, quotations, spaced)
    return pair_quotes(doc.paragraphs, known, convention, sorted(set(where)), simple)


def _all_simple(text: str, offsets: list[int], quotations: list[tuple[int, int]],
                spaced: bool) -> bool:
    """Whether every mark of ``text`` is a mark of a simple quotation, kept as one by
    :func:`_simple_paragraphs`, or ’: then every paragraph holding a mark is simple, whatever
    the paragraphs are (a quotation holds no line break), and the pairing is the quotations'
    pairs in order (:func:`pair_quotes` carries nothing over any of them), known without
    finding the paragraph of each mark."""
    others = len(offsets) - 2 * len(quotations)  # the marks that are no quotation's
    if others and ("’" not in text
                   or sum(map("’".__eq__, map(text.__getitem__, offsets))) != others):
        return False
    return len(_kept_quotations(text, quotations, spaced)) == len(quotations)


def _simple_document_pairs(doc: Document, quotations: list[tuple[int, int]], known: Conventions,
                           convention: Convention | None) -> list[QuotePair]:
    """The pairs of a text whose marks are all in simple quotations (:func:`_all_simple`): the
    pairs :func:`_simple_pairs` makes in each paragraph."""
    pairs = _plain_pairs(doc.text, 0, quotations)
    if "«" in doc.text:
        starts = [paragraph.start for paragraph in doc.paragraphs]
        for k, (opener, closer) in enumerate(quotations):
            if _is_spaced(doc.text, opener):
                paragraph = doc.paragraphs[bisect.bisect_right(starts, opener) - 1]
                start = paragraph.start
                pairs[k] = _spaced_pair(paragraph.text, opener - start, closer - start, start,
                                        known, convention)
    return pairs


def _spaced_guillemets_pair(known: Conventions, convention: Convention | None) -> bool:
    """Whether the stack pass pairs a spaced « … » (``_SPACED_TAIL``) whatever the shapes its
    blanks give the marks (OPEN or None for «, CLOSE or None for »), when the stack is empty
    before it and nothing but ’ stands inside: then « opens, being no closing-only mark
    (it opens where the pair is consistent) and no closing mark of the language (the one
    case where a « of no shape closes nothing and is reported), and » closes it, the pair
    being consistent. Neither is a separator: the other mark is in the paragraph."""
    return known.is_consistent("«", "»") and (convention is None
                                               or convention.role("«") != CLOSE)


# A quotation whose pairing needs no judgement (the fast path of :func:`_simple_paragraphs`),
# after its first mark: that mark is double, after a space, an opening bracket or the text's
# start and before a letter or a digit (so its shape is opening); then, on the same line, no
# quote mark but ’ (anywhere) and ' or ‘ inside a word (not even candidates, see _MAYBE_QUOTE);
# then a double mark after a letter, a digit or .!?,… and before a space, closing punctuation
# or the end (shape: closing). The runs are possessive (*+): each stops before a quote mark or a
# line break, where whatever follows must start, so giving back a character never helps, and an
# opening mark left unclosed no longer costs a backtrack over the rest of its line.
_QUOTED_RUN = (  # the text between the two marks: no quote mark but ’ and in-word ' or ‘
    f"[^{re.escape(QUOTE_CHARS)}\\r\\n]*+"
    f"(?:(?:’|(?<=[^\\W_])['‘](?=[^\\W_])(?![{_PARTICLE_LETTERS}]))"
    f"[^{re.escape(QUOTE_CHARS)}\\r\\n]*+)*+")
_SIMPLE_TAIL = (
    f"(?<=[{re.escape(DOUBLE)}])(?<![^\\s(\\[].)(?=[^\\W_])"
    f"{_QUOTED_RUN}"
    f"(?<=[^\\W_]|[.!?,…])[{re.escape(DOUBLE)}](?=[\\s.,;:!?)\\]…]|\\Z)")
# The other shape of the fast path, French guillemets spaced inside (« mot »): « after a space,
# an opening bracket or the text's start, then blanks and a letter or a digit; the same run of
# text; then » after a blank and before a space, closing punctuation or the end. Its marks'
# shapes are not decisive (a blank on both sides of «), so whether they pair as a simple
# quotation does depends on the conventions: see _spaced_guillemets_pair.
_SPACED_TAIL = (
    f"(?<=«)(?<![^\\s(\\[].)(?=[^\\S\\r\\n]+[^\\W_])"
    f"{_QUOTED_RUN}"
    f"(?<=\\s)»(?=[\\s.,;:!?)\\]…]|\\Z)")
_SIMPLE_QUOTATION = lazy(globals(), "_SIMPLE_QUOTATION",
                         f"[{re.escape(DOUBLE)}](?:{_SIMPLE_TAIL}|{_SPACED_TAIL})")
# One scan for both: a simple quotation where one starts, else a mark _MAYBE_QUOTE finds.
# Compiled at the first text holding a quote mark: its three large classes cost ~72M
# instructions to compile (sre visits every code point of a BMP range).
_MARK_OR_QUOTATION = lazy(
    globals(), "_MARK_OR_QUOTATION",
    f"[{re.escape(QUOTE_CHARS)}](?:{_SIMPLE_TAIL}|{_SPACED_TAIL}|{_MAYBE_TAIL})")


def marks_and_quotations(text: str) -> tuple[list[int], list[tuple[int, int]]]:
    """The offsets of the marks that may be quotes (``_MAYBE_QUOTE``, but those inside a simple
    quotation: ’ and apostrophes, which pair with nothing) and ``(opener, closer)`` of the
    simple quotations (``_SIMPLE_QUOTATION``), found by one scan: where a simple quotation
    starts, the scan for marks goes on after it, as the scan for quotations does.

    The scan is ``_MARK_OR_QUOTATION.finditer`` made cheaper: a match starts at a quote mark,
    and ``str.find`` reaches the next one at memchr speed where the pattern engine tests every
    character against the class; the pattern is then tried at each mark (its lookbehinds see
    the text before it), those inside the last match skipped as finditer skips them."""
    offsets: list[int] = []
    quotations: list[tuple[int, int]] = []
    starts = _quote_char_offsets(text)
    if not starts:
        return offsets, quotations
    match, after = _MARK_OR_QUOTATION.match, 0
    for start in starts:
        if start < after:
            continue
        found = match(text, start)
        if found is None:
            continue
        after = end = found.end()
        offsets.append(start)
        if end - start > 1:
            offsets.append(end - 1)
            quotations.append((start, end - 1))
    return offsets, quotations


_ASCII_QUOTE_CHARS = "".join(char for char in QUOTE_CHARS if char.isascii())  # " and '


def _quote_char_offsets(text: str) -> list[int]:
    """The offsets of every character of :data:`QUOTE_CHARS` in ``text``, in order (an ASCII
    text, one C-level test, is searched for the ASCII marks only: 2 scans instead of 16)."""
    found = []
    for char in _ASCII_QUOTE_CHARS if text.isascii() else QUOTE_CHARS:
        at = text.find(char)
        while at != -1:
            found.append(at)
            at = text.find(char, at + 1)
    found.sort()
    return found


def _simple_paragraphs(text: str, offsets: list[int], where: list[int], starts: list[int],
                       quotations: list[tuple[int, int]] | None = None,
                       spaced: bool = False) -> dict[int, list[tuple[int, int]]]:
    """The paragraphs whose quote marks (``offsets``, in paragraphs ``where``) are all simple
    quotations (``_SIMPLE_QUOTATION``; ``quotations``, if found already) or ’, each with its
    quotations' ``(opener, closer)``.

    Their pairing is known without the stack pass: each opening mark has the shape of one and
    finds the stack empty, so it opens whatever its role in the conventions; the next candidate
    mark is its closing one, whose shape closes, so it pairs with it; both roles are confirmed
    by their shape (certain), the pair is safe, nothing is carried in or out; and a ’ never
    finds a single mark open (none opens here), so it is neither quote nor reported. The
    pairs are the ones :class:`_Pairer` would make (tests/test_quote_fast_path.py compares).
    Spaced guillemets (« mot », ``_SPACED_TAIL``) count as simple quotations only when
    ``spaced`` (:func:`_spaced_guillemets_pair` of the run's conventions): their roles are
    then the same, but whether they are certain, hence safe, is judged as the stack pass does.
    """
    if quotations is None:
        quotations = [(found.start(), found.end() - 1)
                      for found in _SIMPLE_QUOTATION.finditer(text)]
    quotations = _kept_quotations(text, quotations, spaced)
    covered = {offset for quotation in quotations for offset in quotation}
    paragraphs = set(where).difference(
        index for offset, index in zip(offsets, where)
        if offset not in covered and text[offset] != "’")
    simple: dict[int, list[tuple[int, int]]] = {index: [] for index in paragraphs}
    for opener, closer in quotations:
        found = simple.get(bisect.bisect_right(starts, opener) - 1)
        if found is not None:
            found.append((opener, closer))
    return simple


def _kept_quotations(text: str, quotations: list[tuple[int, int]],
                     spaced: bool) -> list[tuple[int, int]]:
    """The simple quotations that pair without the stack pass: not one closed by an inch mark
    (27" closes nothing unless a straight quote is open: left to the pass), nor a spaced one
    unless ``spaced`` (see :func:`_simple_paragraphs`)."""
    if not spaced and "«" in text:
        quotations = [quotation for quotation in quotations if not _is_spaced(text, quotation[0])]
    return [(opener, closer) for opener, closer in quotations
            if not (text[closer] == '"' != text[opener] and text[closer - 1].isdigit())]


MAX_CARRY = 12  # paragraphs a quotation may run over (text with one sentence per line)
MAX_OPEN = 64  # quotations open at once in a paragraph; more and the oldest is unclosed


def pair_quotes(paragraphs: list[Paragraph], known: Conventions, convention: Convention | None,
                quoted: Iterable[int] | None = None,
                simple: dict[int, list[tuple[int, int]]] | None = None) -> QuoteAnalysis:
    """Pair the quote marks of every paragraph (see the module docstring).

    A quotation left open may close in one of the next few paragraphs (text with one sentence
    per line), and is excused when the next paragraph opens it again (journalistic style).
    ``quoted``: the indices, in order, of the paragraphs that may hold a quote (default: found
    here); the others are visited only while a quotation is carried over. ``simple``: the
    paragraphs of :func:`_simple_paragraphs`, whose pairs are made without the stack pass.
    """
    analysis = QuoteAnalysis(convention=convention)
    simple = simple or {}
    carried: list[tuple[Mark, int]] = []
    order = list(_quoted_paragraphs(paragraphs) if quoted is None else quoted)
    holding, upcoming = set(order), iter(order)
    index = next(upcoming, len(paragraphs))
    while index < len(paragraphs):
        if index in simple:  # a carried quotation stays open over it, as over text
            analysis.pairs.extend(_simple_pairs(paragraphs[index], simple[index], known,
                                                convention))
            if not carried:  # nothing to carry on (what _carry would find): the next one
                index = next(upcoming, len(paragraphs))  # (upcoming is just past this one)
                continue
            still, open_now, unopened = carried, [], False
        elif index in holding:
            pairer = _Pairer(paragraphs[index], known, convention, [m for m, _ in carried])
            pairer.run()
            analysis.pairs.extend(pairer.pairs)
            analysis.unopened.extend(pairer.unopened)
            analysis.unclosed.extend(pairer.unclosed)
            still = [(m, i) for m, i in carried if m in pairer.leftover_carried]
            open_now = [(m, index) for m in pairer.stack if _reportable(m)]
            unopened = bool(pairer.unopened)
            _mark_safety(pairer, bool(pairer.unopened or pairer.unclosed or open_now))
        else:  # no quote mark here: the quotations carried over stay open
            still, open_now, unopened = carried, [], False
        carried = _carry(analysis, paragraphs, index, still + open_now, unopened, known)
        index = index + 1 if carried else next((i for i in upcoming if i > index),
                                               len(paragraphs))
    return analysis


def _simple_pairs(paragraph: Paragraph, quotations: list[tuple[int, int]], known: Conventions,
                  convention: Convention | None) -> list[QuotePair]:
    """The pairs of a simple paragraph (see :func:`_simple_paragraphs`)."""
    text, start = paragraph.text, paragraph.start
    pairs = _plain_pairs(text, start, quotations)
    if "«" in text:
        for k, (opener, closer) in enumerate(quotations):
            if _is_spaced(text, opener - start):
                pairs[k] = _spaced_pair(text, opener - start, closer - start, start, known,
                                        convention)
    return pairs


def _plain_pairs(text: str, start: int, quotations: list[tuple[int, int]]) -> list[QuotePair]:
    """The pairs of simple quotations whose marks' shapes are their roles (all but the spaced
    ones), at ``quotations`` of ``text`` (which starts at offset ``start``): certain and safe."""
    return [QuotePair(Mark(opener, text[opener - start], OPEN, OPEN, True),
                      Mark(closer, text[closer - start], CLOSE, CLOSE, True), safe=True)
            for opener, closer in quotations]


def _is_spaced(text: str, opener: int) -> bool:
    """Whether the quotation opened at ``text[opener]`` is a spaced one (``_SPACED_TAIL``):
    a simple quotation's opening mark is followed by a letter or a digit."""
    return text[opener + 1].isspace()


def _spaced_pair(text: str, opener: int, closer: int, start: int, known: Conventions,
                 convention: Convention | None) -> QuotePair:
    """The pair the stack pass makes of a spaced « … » at ``text[opener]`` and
    ``text[closer]`` (paragraph offsets; ``start``: the paragraph's), in a simple paragraph:
    the roles are known, the shapes are the marks' own."""
    marks = []
    for i, role in ((opener, OPEN), (closer, CLOSE)):
        shape = _shape(text, i, _neighbour(text, i, -1), _neighbour(text, i, 1))
        mark = Mark(start + i, text[i], role, shape)
        mark.certain = _certain(mark, known, convention)
        marks.append(mark)
    return QuotePair(marks[0], marks[1], safe=marks[0].certain and marks[1].certain)


def _carry(analysis: QuoteAnalysis, paragraphs: list[Paragraph], index: int,
           pending: list[tuple[Mark, int]], unopened: bool,
           known: Conventions) -> list[tuple[Mark, int]]:
    """The quotations still open after paragraph ``index`` that the next ones may close.

    A mark that ends its paragraph, with nothing quoted after it (`calling the ruling «`), is
    carried only when the next paragraph continues the quotation: it opens it again, or its
    first quote mark closes it. Otherwise it dangles and is reported.
    """
    if not pending:
        return []
    following = paragraphs[index + 1] if index + 1 < len(paragraphs) else None
    if following is not None and _continues([m for m, _ in pending], following):
        return []
    dangling = [(m, i) for m, i in pending
                if i == index and _dangles(m, paragraphs[index])
                and not (following is not None and _closed_next(m, following, known))]
    analysis.unclosed.extend(m for m, _ in dangling)
    pending = [item for item in pending if item not in dangling]
    if following is not None and not unopened:
        analysis.unclosed.extend(m for m, i in pending if index - i >= MAX_CARRY)
        return [(m, i) for m, i in pending if index - i < MAX_CARRY]
    analysis.unclosed.extend(m for m, _ in pending)
    return []


def _dangles(mark: Mark, paragraph: Paragraph) -> bool:
    """Only quote marks and spaces after ``mark`` in its paragraph: nothing of it is quoted."""
    return not paragraph.text[mark.offset - paragraph.start + 1:].strip(_EDGE_SKIP_CHARS)


def _closed_next(mark: Mark, following: Paragraph, known: Conventions) -> bool:
    """The first quote mark of the next paragraph can close ``mark`` (the quotation went on
    in that paragraph)."""
    found = _MAYBE_QUOTE.search(following.text)
    if found is None:
        return False
    char = found.group()
    return (char != mark.char and known.is_consistent(mark.char, char)) or (
        char == mark.char and char in STRAIGHT and found.start() > 0)


def _quoted_paragraphs(paragraphs: list[Paragraph]) -> Iterator[int]:
    """Indices of the paragraphs holding a quote mark, in order (the others pair nothing)."""
    for index, paragraph in enumerate(paragraphs):
        if _MAYBE_QUOTE.search(paragraph.text):
            yield index


def _reportable(mark: Mark) -> bool:
    """Whether an unclosed mark is surely a quote: a lone ' ’ or ‘ may be an apostrophe typed
    with the wrong mark, an ayin (‘Ali) or an ʻokina as well."""
    return mark.char not in "'’‘"


def _continues(open_now: list[Mark], following: Paragraph) -> bool:
    """The next paragraph starts by opening the quotation again (with a mark of the same weight:
    a translation may reopen a “ quotation with " or 「, which QT002/QT005/QT006 judge in their
    pair). A straight mark left open is continued by a straight one only: reopened with « or “,
    nothing would ever judge the straight mark, which no pair holds."""
    first = following.text.lstrip()[:1]
    if not open_now or first == "":
        return False
    last = open_now[-1].char
    return first == last or (first in _REOPENING and weight(first) == weight(last)
                             and last not in STRAIGHT)


_REOPENING = "\"“„«»「"  # marks that open a paragraph continuing a quotation


def _mark_safety(pairer: _Pairer, unbalanced: bool) -> None:
    """Fixes are safe only for pairs of a balanced paragraph whose roles are confirmed, and
    never where two repairs would make a truncated quotation look closed."""
    for pair in pairer.pairs:
        pair.safe = (not unbalanced and not pair.crosses and pair.opener.certain
                     and pair.closer.certain and not _maybe_truncated(pairer, pair))


def _maybe_truncated(pairer: _Pairer, pair: QuotePair) -> bool:
    """A mixed pair whose closing mark stands apart from a quoted word (`SEC ".`, where a
    complete quotation would end `SEC."` or `. “`): the mark may open a quotation the
    translation dropped as well as close this one."""
    text, start = pairer.paragraph.text, pairer.paragraph.start
    i = pair.closer.offset - start
    inside = text[pair.opener.offset - start + 1:i]
    return not pairer.known.is_consistent(pair.opener.char, pair.closer.char) \
        and inside[-1:].isspace() and inside.rstrip()[-1:].isalnum()


class _Pairer:
    """The stack pass over one paragraph."""

    def __init__(self, paragraph: Paragraph, known: Conventions, convention: Convention | None,
                 carried: list[Mark]) -> None:
        self.paragraph = paragraph
        self.text = paragraph.text
        self.known = known
        self.convention = convention
        self.stack: list[Mark] = []
        self.carried = list(carried)
        self.pairs: list[QuotePair] = []
        self.unopened: list[Mark] = []
        self.unclosed: list[Mark] = []  # openers skipped over by a closer further out
        self.leftover_carried: list[Mark] = []

    def run(self) -> None:
        for offset, before, after in self._candidates():
            self._place(offset, before, after)
        self.leftover_carried = self.carried

    def _candidates(self) -> Iterator[tuple[int, str, str]]:
        """``(offset, character before, character after)`` of each mark that may be a quote."""
        text = self.text
        guillemets = {ch for ch in GUILLEMETS if ch in text}
        for match in _MAYBE_QUOTE.finditer(text):
            i = match.start()
            char = text[i]
            before, after = _neighbour(text, i, -1), _neighbour(text, i, 1)
            if char in _APOSTROPHE_LIKE and before.isalnum() and after.isalnum() \
                    and not _particle_script(after):
                continue  # don't, Q'orianka, Kazakhstan‘s
            if char in "'‘’" and after.isdigit():
                continue  # the '90s
            if char in APOSTROPHES and (_elision(text, i) or i in _elided_pair_marks(text)):
                continue  # wie geht 's, rock 'n' roll
            if char in GUILLEMETS and _is_separator(char, before, after, guillemets) \
                    and not self._spaced_quote(i, char):
                continue
            if char == '"' and before.isdigit() and not self._open_straight():
                continue  # 27" monitor
            yield i, before, after

    def _spaced_quote(self, i: int, char: str) -> bool:
        """In a language that spaces its guillemets (French « … »), the opening one and a
        closing one that ends the paragraph are quotes whose partner may be lines away, not
        separators (a separator points forward: Accueil » Actualités)."""
        convention = self.convention
        if convention is None or char not in convention.spaced:
            return False
        role = convention.role(char)
        return role == OPEN or (role == CLOSE and _at_edge(self.text, i, 1))

    def _straight_after(self, i: int) -> bool:
        """Another straight double quote follows in this paragraph."""
        return self.text.find('"', i + 1) >= 0

    def _open_straight(self) -> bool:
        return any(m.char == '"' for m in self.stack)

    def _place(self, i: int, before: str, after: str) -> None:
        char = self.text[i]
        mark = Mark(self.paragraph.start + i, char, shape=_shape(self.text, i, before, after))
        roles = self.known.roles(char)
        if char in APOSTROPHES:
            self._place_apostrophe_like(mark)
        elif roles == {CLOSE}:
            self._close(mark, mixed_ok=True)
        elif roles == {OPEN}:
            self._place_opening_only(mark)
        elif not self._try_close_both(mark):
            self._open(mark)

    def _place_opening_only(self, mark: Mark) -> None:
        """„ ‚ open, unless used as a closing mark: glued to the word before, free after."""
        top = self._top(mark.weight)
        before = _neighbour(self.text, mark.offset - self.paragraph.start, -1)
        if mark.shape != CLOSE or before.isspace():
            self._open(mark)
        elif top is not None:
            self._pair(top, mark)
        elif not self._close_carried(mark):
            self._open(mark)

    def _place_apostrophe_like(self, mark: Mark) -> None:
        """' and ’ close a pending single quote; ' may open one; otherwise apostrophes."""
        opener = self._top(mark.weight)
        if mark.shape == CLOSE and opener is not None:
            self._close(mark, mixed_ok=True)
        elif mark.char == "'" and mark.shape == OPEN:
            self._open(mark)

    def _try_close_both(self, mark: Mark) -> bool:
        """Close with a mark that may open or close (" “ ‘ « » ‹ ›); False: it opens."""
        top = self._top(mark.weight)
        target = self.convention.role(mark.char) if self.convention else None
        if top is None:
            if self._close_carried(mark):
                return True
            closing = mark.shape == CLOSE and (target != OPEN or mark.weight == "single")
            if closing or (mark.shape is None and target == CLOSE):
                self._unopened(mark)
                return True
            return False
        if top.char == '"' and mark.char == '"':
            i = mark.offset - self.paragraph.start
            if mark.shape == OPEN and _strict_open(self.text, i) and self._straight_after(i):
                return False  # a quotation inside a straight quotation: "A "B" C"
            self._pair(top, mark)
            return True
        if self.known.is_consistent(top.char, mark.char) and mark.shape != OPEN:
            self._pair(top, mark)
            return True
        deeper = self._legal_partner(mark)
        if deeper is not None and mark.shape == CLOSE:
            self._pair(deeper, mark)
            return True
        if mark.shape == CLOSE or (mark.shape is None and target == CLOSE):
            self._pair(top, mark)
            return True
        return False

    def _close_carried(self, mark: Mark) -> bool:
        """A closing mark may end a quotation left open by an earlier paragraph."""
        if not self.carried or mark.shape != CLOSE:
            return False
        opener = self.carried[-1]
        if opener.weight != mark.weight:
            return False
        self.carried.pop()
        self._pair(opener, mark)
        return True

    def _close(self, mark: Mark, mixed_ok: bool) -> None:
        partner = self._legal_partner(mark) or (self._top(mark.weight) if mixed_ok else None)
        if partner is None:
            if mark.shape == OPEN and mark.weight == "double":
                self._open(mark)  # ”Hello,” : a closing mark used to open
            elif not self._close_carried(mark):
                self._unopened(mark)
            return
        self._pair(partner, mark)

    def _unopened(self, mark: Mark) -> None:
        """A closing mark with no opening one (single marks then count as apostrophes)."""
        mark.role = CLOSE
        if mark.weight == "double":
            self.unopened.append(mark)

    def _open(self, mark: Mark) -> None:
        if len(self.stack) >= MAX_OPEN:  # not prose: a run of marks; keep the work linear
            oldest = self.stack.pop(0)
            if _reportable(oldest):
                self.unclosed.append(oldest)
        mark.role = OPEN
        mark.depth = sum(1 for m in self.stack if m.weight == "double")
        self.stack.append(mark)

    def _top(self, kind: str) -> Mark | None:
        """The innermost open mark of this weight (singles never reach past a double)."""
        for mark in reversed(self.stack):
            if mark.weight == kind:
                return mark
            if kind == "single":
                return None
        return None

    def _legal_partner(self, mark: Mark) -> Mark | None:
        for opener in reversed(self.stack):
            if opener.weight == mark.weight and self.known.is_consistent(opener.char, mark.char):
                return opener
            if mark.weight == "single" and opener.weight == "double":
                return None
        return None

    def _pair(self, opener: Mark, closer: Mark) -> None:
        closer.role = CLOSE
        crosses = opener not in self.stack
        if not crosses:
            index = self.stack.index(opener)
            self.stack, dropped = self.stack[:index], self.stack[index + 1:]
            self.unclosed.extend(m for m in dropped if _reportable(m))
        closer.depth = opener.depth
        opener.certain = _certain(opener, self.known, self.convention)
        closer.certain = _certain(closer, self.known, self.convention)
        self.pairs.append(QuotePair(opener, closer, crosses=crosses))


def _certain(mark: Mark, known: Conventions, convention: Convention | None) -> bool:
    """Whether the role given to ``mark`` is confirmed: by the conventions (the only role its
    character plays), by its neighbours (its shape) or by the language's convention."""
    if known.roles(mark.char) == {mark.role} or mark.shape == mark.role:
        return True
    return bool(convention and convention.role(mark.char) == mark.role
                and mark.char not in STRAIGHT)


def _neighbour(text: str, i: int, step: int) -> str:
    """The nearest character beside ``text[i]`` that is not a quote mark ("" at either end)."""
    j, end = i + step, len(text)
    if 0 <= j < end and text[j] in _NOT_NEIGHBOURS:  # skip the run of marks in one step
        starts, ends = _runs(text)
        run = bisect.bisect_right(starts, j) - 1
        j = ends[run] if step > 0 else starts[run] - 1
    return text[j] if 0 <= j < end else ""


_NOT_NEIGHBOUR_RUN = lazy(globals(), "_NOT_NEIGHBOUR_RUN",
                          f"[{re.escape(''.join(sorted(_NOT_NEIGHBOURS)))}]+")


def _once_per_text(compute: Callable[[str], T]) -> Callable[[str], T]:
    """``compute`` remembered for the last text it was given (compared by identity): the pairing
    asks the same question of one paragraph for every quote mark in it."""
    last: list[tuple[str | None, Any]] = [(None, None)]

    def remembered(text: str) -> T:
        seen, value = last[0]  # one tuple read: safe with threads
        if seen is not text:
            value = compute(text)
            last[0] = (text, value)
        return value  # type: ignore[no-any-return]

    return remembered


@_once_per_text
def _runs(text: str) -> tuple[list[int], list[int]]:
    """Starts and ends of the runs of quote marks (but apostrophes) in ``text``, found once per
    text, so that a paragraph of 100,000 quote marks is not scanned 100,000 times."""
    found = list(_NOT_NEIGHBOUR_RUN.finditer(text))
    return [m.start() for m in found], [m.end() for m in found]


def _elision(text: str, i: int) -> bool:
    """An apostrophe standing for dropped letters before a one-letter word: 's, 'n."""
    return i + 2 <= len(text) and text[i + 1: i + 2].isalpha() and (
        i + 2 == len(text) or not (text[i + 2].isalpha() or text[i + 2] in QUOTE_CHARS)) and (
        i == 0 or not text[i - 1].isalnum())


# Two apostrophes around one lower-case letter between two words stand for elided
# letters on both sides of a short word (rock 'n' roll, fish ’n’ chips), not for a quotation;
# a capital letter so marked is named, hence quoted (an inverted 'T' shape).
_ELIDED_PAIR = re.compile(r"(?<=[^\W\d_] )['’][^\W\d_]['’](?= [^\W\d_])")


@_once_per_text
def _elided_pair_marks(text: str) -> frozenset[int]:
    """Offsets of the apostrophes of elided pairs in ``text`` (see ``_ELIDED_PAIR``)."""
    return frozenset(i for m in _ELIDED_PAIR.finditer(text) if m.group()[1:-1].islower()
                     for i in (m.start(), m.end() - 1))


def _strict_open(text: str, i: int) -> bool:
    """A space right before and a letter right after: the look of an opening mark."""
    return i > 0 and text[i - 1].isspace() and i + 1 < len(text) and text[i + 1].isalpha()


def _kind(char: str) -> str:
    if char == "" or char in "\r\n":
        return "edge"
    if char.isspace():
        return "space"
    if char.isalnum():
        return "word"
    return "punct"


def _shape(text: str, i: int, before: str, after: str) -> str | None:
    """The role the neighbours of ``text[i]`` suggest: OPEN, CLOSE or None when unclear;
    ``before`` and ``after`` are its neighbours (see :func:`_neighbour`)."""
    if _at_edge(text, i, -1):
        return None if _at_edge(text, i, 1) else OPEN
    if _at_edge(text, i, 1):
        return CLOSE
    left, right = _kind(before), _kind(after)
    if left == right == "word" and _HANGUL.fullmatch(after):
        return CLOSE  # ‘…’라고: a Korean particle glued to the closing mark (Korean spaces its
        # words, so an opening mark follows a space); between two Chinese or Japanese letters
        # a mark may open or close, and the pairing decides
    left = "space" if left == "edge" else left
    right = "space" if right == "edge" else right
    return _SHAPES.get((left, right), _punct_shape)(before, after)  # type: ignore[operator]


_PARTICLE_LETTER = lazy(globals(), "_PARTICLE_LETTER", f"[{_PARTICLE_LETTERS}]")
_HANGUL = lazy(globals(), "_HANGUL", "[\u1100-\u11ff\u3130-\u318f\uac00-\ud7af]")


def _particle_script(char: str) -> bool:
    """A letter of a script without apostrophes whose particles attach to a closing quote:
    Hangul, kana, CJK ideographs."""
    return _PARTICLE_LETTER.fullmatch(char) is not None


def _at_edge(text: str, i: int, step: int) -> bool:
    """Only quote marks and spaces between ``text[i]`` and the paragraph's start or end."""
    j = i + step
    if 0 <= j < len(text) and text[j] not in _EDGE_SKIP:
        return False
    first, last = _inner(text)
    return first >= i if step < 0 else last <= i


_EDGE_SKIP_CHARS = "".join(sorted(_EDGE_SKIP))


@_once_per_text
def _inner(text: str) -> tuple[int, int]:
    """Index of the first and of the last character that is not a quote mark or a space
    (``len(text)`` and -1 when there is none), found once per text."""
    return (len(text) - len(text.lstrip(_EDGE_SKIP_CHARS)),
            len(text.rstrip(_EDGE_SKIP_CHARS)) - 1)


def _punct_shape(before: str, after: str) -> str | None:
    """The shape beside punctuation: word". and word“-Kollektion close, („… and — “… open."""
    if after in _CLOSING_PUNCT and before not in _OPENING_BRACKETS:
        return CLOSE
    if before in _OPENING_BRACKETS or before.isspace() or before == "" \
            or before in _FULL_WIDTH_PAUSES:
        return OPEN
    if after.isspace() or after == "":
        return None if before in _DASHES else CLOSE
    if before.isalnum():
        return CLOSE
    if before in _DASHES and after.isalnum():
        return OPEN
    return None


def _constant(value: str | None) -> Any:
    return lambda before, after: value


_SHAPES = {
    ("space", "space"): _constant(None),
    ("space", "word"): _constant(OPEN),
    ("word", "space"): _constant(CLOSE),
    ("word", "word"): _constant(None),
}


def _is_separator(char: str, before: str, after: str, present: set[str]) -> bool:
    """A guillemet between spaces with no mark of the other direction: Home » News.

    An opening guillemet that ends the paragraph separates nothing: it dangles."""
    opposite = {"«": "»", "»": "«", "‹": "›", "›": "‹"}[char]
    spaced = before.isspace() or before == ""
    ends = after == "" and char in "«‹"
    return spaced and (after.isspace() or after == "") and not ends and opposite not in present
