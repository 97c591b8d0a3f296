"""Boilerplate: whole lines (or line prefixes) that the source site left in the article text.

The phrases live in ``glossaries/boilerplate/<lang>.tsv`` (plus ``common.tsv`` for every language
and any files listed under ``boilerplate`` in the configuration). Columns: ``kind``, ``pattern``,
``note``. Kinds:

- ``line``: the whole line equals the phrase (case, spacing, bullets and a trailing ``:``, ``…``
  or ``.`` ignored), e.g. ``You may also like``;
- ``regex``: the whole line matches the regular expression (case-insensitive);
- ``credit``: like ``regex``, for photo and agency credits, on lines of at most eight words;
- ``top``: like ``regex``, but only on non-blank lines 2 to 5, below the title (bylines);
- ``date``: like ``regex``, for date lines ("Published on 3 March 2021"): deleted safely only at
  the head or tail of the article; in the body the fix is only displayed;
- ``prefix``: a leftover that may stand alone on its line or be glued to the start of real text,
  e.g. ``source site-\\d+`` in ``source site-72A signal from Russia``.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable, Iterator, Sequence

from termcheck.context import Context
from termcheck.data import read_table, shipped
from termcheck.document import Document
from termcheck.errors import DataError
from termcheck.lazyre import LazyPattern, lazy
from termcheck.model import Applicability, Edit, Fix, Hit
from termcheck.rules.registry import rule
from termcheck.saferegex import compile_user_pattern

KINDS = ("line", "regex", "credit", "top", "prefix", "date")
TAIL_LINES = 3  # the last non-blank lines of an article: its tail
QUOTABLE_KINDS = ("date", "credit", "top")  # lines a quoted document has too (not prompts)
QUOTED_DOCUMENT_LINES = 5  # lines after one ending with a colon that may be what it introduces
MAX_LINE = 200  # longer lines are article text, never boilerplate
TOP_LINES = 5
CREDIT_WORDS = 8
_SPACES = "".join(filter(str.isspace, map(chr, range(0x3001))))  # what \s matches
_LEADING = _SPACES + "•·*>|.…-–—"  # bullets and dots stripped before a line's text
_TRAILING = _SPACES + ":.…!?|»>-–—"  # and punctuation stripped after it
# The only characters outside ASCII that re.IGNORECASE matches with ASCII letters (İ ı K ſ).
_CASE_SPECIAL = ("\u0130", "\u0131", "\u212a", "\u017f")
_BULLETS = "•·*>-–—"
_BULLET = re.compile(rf"^[{re.escape(_BULLETS)}]\s+")
_BLANK_LINE = lazy(globals(), "_BLANK_LINE", r"[ \t\u00a0\u3000]*(?:\r\n|\r|\n)")
_TRAILING_BREAKS = lazy(globals(), "_TRAILING_BREAKS",
                        r"(?:\r\n|\r|\n)(?:[ \t\u00a0\u3000]*(?:\r\n|\r|\n))*\Z")


def normalise(line: str) -> str:
    """The key of an exact-line entry: no bullets or trailing punctuation, one space, casefolded."""
    return " ".join(line.lstrip(_LEADING).rstrip(_TRAILING).split()).casefold()


@dataclass(frozen=True, eq=False, repr=False)
class Entry:
    """One boilerplate pattern and where it was defined."""

    kind: str
    pattern: str
    note: str
    where: str
    # an re.Pattern, a DeferredPattern, or a SafePattern for user files (same match methods)
    regex: Any = None

    @property
    def label(self) -> str:
        return self.note or self.pattern


@dataclass
class BoilerplateList:
    """Every entry for one language, indexed by kind."""

    lines: dict[str, Entry] = field(default_factory=dict)
    regexes: list[Entry] = field(default_factory=list)
    top: list[Entry] = field(default_factory=list)
    prefixes: list[Entry] = field(default_factory=list)
    _screens: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    def add(self, entry: Entry) -> None:
        self._screens.clear()
        if entry.kind == "line":
            self.lines.setdefault(normalise(entry.pattern), entry)
        elif entry.kind == "top":
            self.top.append(entry)
        elif entry.kind == "prefix":
            self.prefixes.append(entry)
        else:
            self.regexes.append(entry)

    def matcher(self) -> EntryMatcher | None:
        """The entries of kind ``regex``, ``date`` and ``credit`` that are not :meth:`floating`,
        joined to find the first one that fully matches a line (:class:`EntryMatcher`);
        ``None`` when one is a user's pattern (time-limited): then each is tried alone."""
        if "matcher" not in self._screens:
            floating = {id(e) for e, _ in self.floating()}
            chosen = [(position, e) for position, e in enumerate(self.regexes)
                      if id(e) not in floating]
            self._screens["matcher"] = EntryMatcher(
                _Alternation([(p, e) for p, e in chosen if e.kind != "credit"]),
                _Alternation([(p, e) for p, e in chosen if e.kind == "credit"])) \
                if all(isinstance(e.regex, (re.Pattern, DeferredPattern)) for _, e in chosen) \
                else None
        return self._screens["matcher"]  # type: ignore[no-any-return]

    def floating_candidates(self, present: tuple[int, ...]) -> list[tuple[int, Entry]]:
        """The floating entries of ``present`` (:meth:`present` of a text) with their
        positions in :attr:`regexes`, in order: the entries that :meth:`matcher` leaves out
        and a line of that text may match."""
        if not present:
            return []
        floating = self.floating()
        if "floating positions" not in self._screens:  # asked for every line of such a text
            at = {id(e): position for position, e in enumerate(self.regexes)}
            self._screens["floating positions"] = [at[id(e)] for e, _ in floating]
        positions = self._screens["floating positions"]
        return sorted((positions[i], floating[i][0]) for i in present)

    def floating(self) -> list[tuple[Entry, str]]:
        """Entries of kind ``regex`` that start anywhere (``.{0,80}…``, ``[\\w .'’-]{3,60} …``:
        see :func:`_starts_anywhere`), with a literal they need.

        Costly to try on every line, they are left out of the line gate unless the document
        holds their literal (:meth:`present`).
        """
        if "floating" not in self._screens:
            self._screens["floating"] = [
                (e, literal) for e in self.regexes
                if _matching_kind(e) == "regex" and _starts_anywhere(e.pattern)
                and _joinable(e)
                and (literal := required_literal(e.pattern))]
        return self._screens["floating"]  # type: ignore[no-any-return]

    def line_gate(self, text: str, present: tuple[int, ...] | None = None) -> LineGate | None:
        """One pattern that finds, at the line break before it (a text given with a "\\n"
        before it and no "\\r"), every line of ``text`` that some entry may match; ``None``
        when the entries cannot be joined or one may not match the same way in the whole text.

        A line is found when, after its spaces and a bullet, an entry of kind ``regex`` (the
        floating ones only if ``text`` has their literal), ``top`` or ``prefix`` matches from
        its start; when it has at most :data:`CREDIT_WORDS` words (a ``credit`` may match);
        or when it is short enough to be a ``line`` entry: its text between the characters
        :func:`normalise` strips has at most as many non-space characters as the longest key
        (casefolding never shortens a character). An entry that fully matches a line also
        matches from its start in the text, where the same characters stand: :func:`_local`
        patterns do not look beyond what they match, and a word boundary sees a space, a line
        break or an edge either way. Entries of kind ``top`` are in the pattern too, unless one
        is not local: then the gate says to try the first lines anyway. A line whose text is
        longer than :data:`MAX_LINE` is passed over before any entry is tried, and each entry
        is led by a test of the characters it may start with (:func:`_gate_shape`).
        """
        present = self.present(text) if present is None else present
        key = ("gate", present)
        if key not in self._screens:
            absent = {id(e) for i, (e, _) in enumerate(self.floating()) if i not in present}
            entries = [e for e in self.regexes
                       if id(e) not in absent and _matching_kind(e) == "regex"]
            credits = any(_matching_kind(e) == "credit" for e in self.regexes)
            self._screens[key] = _line_gate(entries + self.prefixes, self.top, credits,
                                            list(self.lines))
        return self._screens[key]

    def literal_finders(self, text: str, present: tuple[int, ...]) -> list[re.Pattern[str]] | None:
        """Patterns that find, in ``text`` (or it with its line breaks made "\\n"), the literal
        of each floating entry of ``present`` (:meth:`present` of ``text``) wherever it is:
        a line that such an entry matches holds its literal, so the line gate without the
        floating entries (one pattern for every text) and the lines these find give every
        line some entry may match. ``None`` when they would not find the literal exactly: a
        text with a :data:`_CASE_SPECIAL` character, or a literal with a line break."""
        if _has_case_special(text):
            return None
        floating = self.floating()
        if any("\n" in floating[i][1] or "\r" in floating[i][1] for i in present):
            return None
        if "finders" not in self._screens:
            self._screens["finders"] = [_literal_finders(literal) for _, literal in floating]
        return [finder for i in present for finder in self._screens["finders"][i]]

    def present(self, text: str) -> tuple[int, ...]:
        """Indexes in :meth:`floating` of the entries whose literal ``text`` holds."""
        if _has_case_special(text):
            return tuple(range(len(self.floating())))
        if "ascii literals" not in self._screens:
            self._screens["ascii literals"] = [literal for _, literal in self.floating()]
        # Outside _CASE_SPECIAL, no character has ASCII in its lower case (a test checks every
        # code point): a literal (ASCII) in the lower case of the text is made of its ASCII
        # characters, side by side, and is found in the lower case of those characters alone.
        # That test, at C speed, never misses; only the few texts it finds a literal in pay
        # the finders' exact searches (a dropped character may join two parts of a literal).
        # (as a str: `in` on bytes costs three times as much as on a str)
        ascii_lower = text.encode("ascii", "ignore").lower().decode("ascii")
        maybe = [i for i, literal in enumerate(self._screens["ascii literals"])
                 if literal in ascii_lower]
        if not maybe:
            return ()
        if "finders" not in self._screens:
            self._screens["finders"] = [_literal_finders(literal)
                                        for _, literal in self.floating()]
        finders = self._screens["finders"]
        return tuple(i for i in maybe if any(finder.search(text) for finder in finders[i]))


def _has_case_special(text: str) -> bool:
    """Whether ``text`` holds a :data:`_CASE_SPECIAL` character (never an ASCII text: its test
    costs nothing, where four searches walk the text; nor a Latin-1 one, whose searches for
    these characters above U+00FF return at once: written out, as a generator over them cost
    six times as much)."""
    return not text.isascii() and (
        "\u0130" in text or "\u0131" in text or "\u212a" in text or "\u017f" in text)


def _literal_finders(literal: str) -> list[re.Pattern[str]]:
    """Patterns one of which is found where ``text.lower()`` holds ``literal`` (ASCII, lower
    case), in a text without :data:`_CASE_SPECIAL` characters (the only ones whose lower case
    is ASCII, or two characters long): ignoring case, an ASCII letter then matches its two
    cases only. Each starts with one case of the literal's rarest letter (what comes before
    it is checked behind), so that the search skips ahead as for a plain character."""
    letters = [i for i, char in enumerate(literal) if char.isascii() and char.isalpha()]
    if not letters:
        return [re.compile(re.escape(literal), re.IGNORECASE)]
    at = min(letters, key=lambda i: _LETTER_RANK.find(literal[i]))
    before = f"(?<=(?i:{re.escape(literal[:at + 1])}))" if at else ""
    return [re.compile(f"{case}{before}(?i:{re.escape(literal[at + 1:])})")
            for case in (literal[at].lower(), literal[at].upper())]


_LETTER_RANK = "zqxjkvbpygfwmucldrhsnioate"  # English letters, rarest first


def _first_letter_class(char: str) -> str:
    """A case-sensitive class of what ``char`` matches ignoring case (``char`` itself when it
    is not an ASCII letter): the only other characters are :data:`_CASE_SPECIAL`."""
    if not (char.isascii() and char.isalpha()):
        return re.escape(char)
    cases = [c for c in (char.lower(), char.upper(), *_CASE_SPECIAL)
             if re.fullmatch(re.escape(char), c, re.IGNORECASE)]
    return f"(?-i:[{''.join(cases)}])"


def _matching_kind(entry: Entry) -> str:
    """How an entry matches: a ``date`` entry matches like a ``regex`` one."""
    return "regex" if entry.kind == "date" else entry.kind


def required_literal(pattern: str) -> str | None:
    """The longest run of ASCII characters every match of ``pattern`` contains, lowercased.

    Only literal characters of the top level of the pattern count (not those in groups,
    alternatives or repeats); ``None`` when there is no such run of three characters or more.
    """
    try:
        from re import _parser  # type: ignore[attr-defined]  # private: a missing one costs speed
    except ImportError:
        return None
    try:
        items = list(_parsed(pattern))
    except re.error:
        return None
    runs, run = [], ""
    for op, value in items:
        if op is _parser.LITERAL and value < 0x80:
            run += chr(value)
        else:
            runs.append(run)
            run = ""
    best = max([*runs, run], key=len)
    return best.lower() if len(best) >= 3 else None


def _starts_anywhere(pattern: str) -> bool:
    """``pattern`` starts with "." or with a run of any character or of a class
    (``[\\w .'’-]{3,60}``): tried at each line, it walks along the line before it can fail,
    where a pattern led by a literal fails at the line's first character."""
    if pattern.startswith("."):
        return True
    if pattern[:1] not in ("[", "\\", "("):
        return False  # a literal character (maybe repeated), an anchor or an error: not parsed
    try:
        from re import _parser  # type: ignore[attr-defined]  # private: a missing one costs speed
        items = list(_parsed(pattern))
    except (ImportError, re.error):
        return False
    if not items or items[0][0] not in (_parser.MAX_REPEAT, _parser.MIN_REPEAT):
        return False
    _, most, repeated = items[0][1]
    return most > 1 and all(op in (_parser.ANY, _parser.IN, _parser.NOT_LITERAL)
                            for op, _ in repeated)


@lru_cache(maxsize=1024)
def _parsed(pattern: str) -> Any:
    """``pattern`` parsed ignoring case by sre's parser (read only): the gate asks several
    questions of each entry, and parsing is the costly part of building it."""
    from re import _parser  # type: ignore[attr-defined]  # private: callers handle its absence

    return _parser.parse(pattern, re.IGNORECASE.value)  # an int: flag tests on an enum are slower


def _joinable(entry: Entry) -> bool:
    """Whether ``entry``'s pattern may be an alternative of a joined pattern: a plain (shipped)
    pattern without groups (whose numbers the join would shift)."""
    if isinstance(entry.regex, DeferredPattern):
        try:
            return _parsed(entry.pattern).state.groups == 1  # type: ignore[no-any-return]
        except (ImportError, re.error):
            return not entry.regex.groups
    return isinstance(entry.regex, re.Pattern) and not entry.regex.groups


class _Alternation:
    """Entries, each with its position in the list, joined into one pattern, compiled at first
    use, whose alternatives each close an empty group of their own after the entry's pattern.
    ``fullmatch`` tries the alternatives in order, and the group closed last (``lastindex``) is
    the matching alternative's own: :meth:`first` is the first entry that fully matches, as
    trying each in turn finds. Entries that cannot be joined (a group of their own, whose
    number the join would shift) are tried in turn."""

    def __init__(self, entries: list[tuple[int, Entry]]) -> None:
        self.entries = tuple(entries)
        self._pattern: re.Pattern[str] | bool | None = None  # False: not joined

    def first(self, line: str) -> tuple[int, Entry] | None:
        """The first entry (with its position) that fully matches ``line``."""
        pattern = self._pattern if self._pattern is not None else self._compile()
        if pattern is False:
            return next((item for item in self.entries if item[1].regex.fullmatch(line)), None)
        found = pattern.fullmatch(line)  # type: ignore[union-attr]
        return None if found is None else self.entries[found.lastindex - 1]  # type: ignore[operator]

    def _compile(self) -> re.Pattern[str] | bool:
        # each alternative closes an empty group of its own when it matches (not a capturing
        # group around it): led by its pattern, an alternative whose first character is a
        # case-less literal or class can be skipped by sre's branch test
        joined = "|".join(f"(?:{_alternative_shape(e.pattern)})()" for _, e in self.entries)
        try:
            pattern = re.compile(joined or "(?!)", re.IGNORECASE)
        except re.error:
            pattern = None
        self._pattern = pattern if pattern and pattern.groups == len(self.entries) else False
        return self._pattern


def _alternative_shape(pattern: str) -> str:
    """``pattern`` as an alternative of a joined matcher: itself where it has first characters
    to test (:func:`_first_chars`), else led by a lookahead for the characters one of which
    every match holds (:func:`_required_chars`: "/" or "|" in a credit), so that a line without
    them fails at one C-speed scan instead of walking the pattern's leading run
    (``[^.!?/|]{2,60}``) back at each of its characters. The same matches (a lookahead that
    reads past the match only reads the line: the matcher's patterns match whole lines)."""
    try:
        required = None if _first_chars(pattern) is not None else _required_chars(pattern)
    except ImportError:  # no parser to ask: the pattern as it is
        return pattern
    if required is None:
        return pattern
    chars = "".join(map(re.escape, sorted(required)))
    return f"(?=[^{chars}]*+[{chars}])(?:{pattern})"


def _required_chars(pattern: str) -> frozenset[str] | None:
    """The smallest set of characters one of which every match of ``pattern`` holds: a
    literal or a class of literals at the top level of the pattern (not in a group, repeat or
    alternative), of characters that have no case (matched as written even ignoring case)
    and are not white space; ``None`` when there is none."""
    import _sre
    from re import _constants  # type: ignore[attr-defined]  # private: callers handle its absence

    try:
        items = list(_parsed(pattern))
    except re.error:
        return None
    sets = []
    for op, value in items:
        chars: set[str] | None = None
        if op is _constants.LITERAL:
            chars = {chr(value)}
        elif op is _constants.IN and all(kind is _constants.LITERAL for kind, _ in value):
            chars = {chr(item) for _, item in value}
        if chars and all(not _sre.unicode_iscased(ord(c)) and not c.isspace() for c in chars):
            sets.append(frozenset(chars))
    return min(sets, key=len, default=None)


@dataclass(frozen=True, eq=False, repr=False)
class EntryMatcher:
    """:meth:`BoilerplateList.matcher`: the entries of kind ``credit`` apart, as a line of more
    than :data:`CREDIT_WORDS` words never needs them (a run of long lines never compiles
    them)."""

    others: _Alternation
    credits: _Alternation

    def first(self, line: str, floating: Sequence[tuple[int, Entry]] = ()) -> Entry | None:
        """The first entry of the list that fully matches ``line``, as trying each in turn
        finds (a credit only on a line of at most :data:`CREDIT_WORDS` words), among these
        and ``floating`` (:meth:`BoilerplateList.floating_candidates`, tried alone)."""
        found = self.others.first(line)
        if self.credits.entries and len(line.split()) <= CREDIT_WORDS:
            credit = self.credits.first(line)
            if credit is not None and (found is None or credit[0] < found[0]):
                found = credit
        position, entry = (None, None) if found is None else found
        for before, candidate in floating:
            if position is not None and before > position:
                break
            if candidate.regex.fullmatch(line):
                return candidate
        return entry


def _local(pattern: str) -> bool:
    """Whether ``pattern`` decides a match by the characters it consumes only (and the word
    boundaries beside them): no anchors, lookarounds or group references, and no possessive
    repeat or atomic group (without backtracking, what follows the line could change the
    match)."""
    try:
        from re import _constants, _parser  # type: ignore[attr-defined]  # private: no gate
    except ImportError:
        return False
    boundaries = (_constants.AT_BOUNDARY, _constants.AT_NON_BOUNDARY)
    barred = (_constants.ASSERT, _constants.ASSERT_NOT, _constants.GROUPREF,
              _constants.GROUPREF_EXISTS, _constants.POSSESSIVE_REPEAT,
              _constants.ATOMIC_GROUP)

    def local(items: Any) -> bool:
        for op, value in items:
            if op in barred or (op is _constants.AT and value not in boundaries):
                return False
            for part in value if isinstance(value, (tuple, list)) else ():
                if isinstance(part, _parser.SubPattern) and not local(part):
                    return False
                if isinstance(part, list) and any(  # a BRANCH's alternatives
                        isinstance(p, _parser.SubPattern) and not local(p) for p in part):
                    return False
        return True

    try:
        return local(_parsed(pattern))
    except re.error:
        return False


def _dispatched(pattern: str) -> str:
    """``pattern``, starting with a case-sensitive class of its first letter when it starts
    with one: an alternative so written is skipped by one character test (sre's check of a
    branch), not entered, on the many lines that start otherwise."""
    from re import _parser  # type: ignore[attr-defined]  # checked by _local already

    first, rest = pattern[:1], pattern[1:]
    if not (first.isascii() and first.isalpha()):
        return pattern
    try:
        whole, tail = _parsed(pattern), _parsed(rest)
    except re.error:
        return pattern
    # the first item is that letter and the rest parses alone as the rest ("ab|ac", which the
    # parser reads as a(?:b|c), or "ab*" does not)
    if _plain(whole) != [(_parser.LITERAL, ord(first)), *_plain(tail)]:
        return pattern
    return _first_letter_class(first) + f"(?:{rest})"


def _gate_shape(pattern: str) -> str:
    """``pattern`` as an alternative of the line gate: :func:`_dispatched`, or else led by a
    lookahead on the characters it may start with (:func:`_first_chars`), when they are few:
    one character test instead of entering its own alternatives (a date's weekdays and
    months, "read also|see also|...") on every line."""
    dispatched = _dispatched(pattern)
    if dispatched != pattern or _uncased_literal_first(pattern):
        return dispatched  # sre's check of a branch tests a plain literal already
    first = _first_chars(pattern)
    if first is None or len(first) > _MAX_FIRST_CHARS:
        return pattern
    return f"(?=[{''.join(map(re.escape, sorted(first)))}])(?:{pattern})"


_MAX_FIRST_CHARS = 32


def _uncased_literal_first(pattern: str) -> bool:
    """Whether ``pattern`` starts with a literal character that has no case ("(", "["): it
    compiles to a plain literal even ignoring case."""
    from re import _constants  # type: ignore[attr-defined]  # checked by _local

    try:
        items = _parsed(pattern)
    except re.error:
        return False
    if not len(items):
        return False
    op, value = items[0]
    return op is _constants.LITERAL and chr(value).lower() == chr(value).upper()


def _first_chars(pattern: str) -> frozenset[str] | None:
    """The characters a match of ``pattern`` may start with (as written: the gate's own
    IGNORECASE folds their cases), or ``None`` when the pattern does not say (a class of a
    category, any character, a lookaround, a flag change, an empty match)."""
    from re import _constants  # type: ignore[attr-defined]  # checked by _local

    repeats = (_constants.MAX_REPEAT, _constants.MIN_REPEAT, _constants.POSSESSIVE_REPEAT)

    def first(items: Any) -> tuple[set[str], bool] | None:
        """(first characters, whether ``items`` may match the empty string)."""
        chars: set[str] = set()
        for op, value in items:
            if op is _constants.AT:
                continue  # zero width: the next item decides
            if op is _constants.LITERAL:
                return chars | {chr(value)}, False
            if op is _constants.IN:
                found = set()
                for kind, item in value:
                    if kind is _constants.LITERAL:
                        found.add(chr(item))
                    elif kind is _constants.RANGE and item[1] - item[0] < _MAX_FIRST_CHARS:
                        found.update(map(chr, range(item[0], item[1] + 1)))
                    else:
                        return None
                return chars | found, False
            if op is _constants.SUBPATTERN and not value[1] and not value[2]:
                inner = first(value[3])
            elif op is _constants.BRANCH:
                branches = [first(branch) for branch in value[1]]
                if any(branch is None for branch in branches):
                    return None
                inner = (set().union(*(b[0] for b in branches)),  # type: ignore[index]
                         any(b[1] for b in branches))  # type: ignore[index]
            elif op in repeats:
                inner = first(value[2])
                inner = None if inner is None else (inner[0], inner[1] or value[0] == 0)
            else:
                return None
            if inner is None:
                return None
            chars |= inner[0]
            if not inner[1]:
                return chars, False
        return chars, True

    try:
        found = first(_parsed(pattern))
    except re.error:
        return None
    return None if found is None or found[1] else frozenset(found[0])


def _plain(items: Any) -> Any:
    """A parsed pattern as nested lists and tuples, comparable with ``==``."""
    from re import _parser  # type: ignore[attr-defined]

    if isinstance(items, _parser.SubPattern):
        return [_plain(item) for item in items.data]
    if isinstance(items, (list, tuple)):
        return type(items)(_plain(item) for item in items)
    return items


# The rest of the line holds at most MAX_LINE characters and then spaces only: what a line must
# be to be matched (its text, stripped and without its bullet, is at most MAX_LINE long). The
# count of a repeated character class runs at C speed; a long line then skips the alternatives.
_AT_MOST_MAX_LINE = f"(?=[^\\n]{{0,{MAX_LINE}}}+[^\\S\\n]*+(?:\\n|\\Z))"
_GATE_LEADING = re.escape(_LEADING.replace("\n", "").replace("\r", ""))
_GATE_TRAILING = re.escape(_TRAILING.replace("\n", "").replace("\r", ""))


@dataclass(frozen=True, eq=False, repr=False)
class LineGate:
    """:meth:`BoilerplateList.line_gate`: the pattern, and whether the first lines must be
    tried whatever it finds (an entry of kind ``top`` is not in it)."""

    pattern: re.Pattern[str]
    top_lines: bool


def _line_gate(entries: list[Entry], top: list[Entry], credits: bool,
               keys: list[str]) -> LineGate | None:
    """See :meth:`BoilerplateList.line_gate`; ``keys``: those of the ``line`` entries."""
    def gated(entry: Entry) -> bool:
        return _joinable(entry) and _local(entry.pattern)

    if not all(map(gated, entries)):
        return None
    top_lines = not all(map(gated, top))
    entries = entries + ([] if top_lines else top)
    longest = max((len(key.replace(" ", "")) for key in keys), default=-1)
    shapes = [f"(?:{_gate_shape(e.pattern)})" for e in entries]
    if credits:  # a credit is a line of at most CREDIT_WORDS words (trying the credits here
        # would let their [^.!?]{2,60} run on over the next lines: costly)
        shapes.append(f"(?:\\S++[^\\S\\n]*+){{1,{CREDIT_WORDS}}}+(?=\\n|\\Z)")
    if longest >= 0:  # possessive: each part takes what normalise strips or keeps, no more
        least = 0 if "" in keys else 1
        shapes.append(f"[{_GATE_LEADING}]*+(?:\\S[^\\S\\n]*+){{{least},{longest}}}+"
                      f"[{_GATE_TRAILING}]*+(?=\\n|\\Z)")
    try:
        return LineGate(re.compile(f"\\n(?=[^\\S\\n]*+(?:[{re.escape(_BULLETS)}][^\\S\\n]+)?"
                                   f"{_AT_MOST_MAX_LINE}(?:{'|'.join(shapes) or '(?!)'}))",
                                   re.IGNORECASE),
                        top_lines)
    except re.error:
        return None


def load_entries(path: Path, trusted: bool = True, deferred: bool = False) -> Iterator[Entry]:
    """Read one boilerplate TSV; a bad kind, pattern or regex raises DataError with the line.

    Patterns of an untrusted (user-configured) file run with a time limit
    (:mod:`termcheck.saferegex`): one that backtracks catastrophically becomes a problem of the
    document being checked instead of hanging the run. ``deferred`` (trusted files only): the
    patterns of kind ``regex``, ``date`` and ``credit`` are :class:`DeferredPattern` (the
    caller checks them: :func:`load_list`).
    """
    for number, row in read_table(path, ("kind", "pattern")):
        kind, pattern, note = row["kind"].lower(), row["pattern"], row.get("note", "")
        if kind not in KINDS:
            raise DataError(f"unknown kind {kind!r}; expected one of {', '.join(KINDS)}",
                            str(path), number)
        if not pattern:
            raise DataError("empty pattern", str(path), number)
        if kind == "line":
            compiled = None
        elif deferred and trusted and kind in ("regex", "date", "credit"):
            compiled = DeferredPattern(pattern, path, number)
        else:
            compiled = compile_pattern(pattern, path, number, trusted)
        yield Entry(kind, pattern, note, f"{path.name}:{number}", compiled)


def compile_pattern(pattern: str, path: Path, number: int, trusted: bool) -> Any:
    """A case-insensitive pattern: plain ``re`` for shipped data, time-limited for user files."""
    if not trusted:
        return compile_user_pattern(pattern, str(path), number, re.IGNORECASE)
    try:
        return re.compile(pattern, re.IGNORECASE)
    except re.error as exc:
        raise DataError(f"invalid regular expression {pattern!r}: {exc}", str(path),
                        number) from None


class DeferredPattern(LazyPattern):
    """The pattern of an entry of a shipped list, compiled alone only when used alone: the
    list's :class:`EntryMatcher` compiles it with the others (compiling is most of what
    loading a list costs). A bad pattern raises the DataError :func:`compile_pattern` does."""

    __slots__ = ("_number", "_path")

    def __init__(self, pattern: str, path: Path, number: int) -> None:
        super().__init__({}, "", pattern, re.IGNORECASE)
        self._path = path
        self._number = number
        _check_syntax(pattern, path, number)

    def compiled(self) -> re.Pattern[str]:
        if self._compiled is None:
            self._compiled = compile_pattern(self._pattern, self._path, self._number, True)
        return self._compiled


def _check_syntax(pattern: str, path: Path, number: int) -> None:
    """Raise the DataError :func:`compile_pattern` would for a pattern that does not parse, at
    load as before: joined with others, a pattern invalid alone ("(?(1)a|b)", "a)(?:b") may
    compile and match what it should not. (Parsed, not compiled: the line gate reads the parse.
    An error only the compiler finds, such as a look-behind of varying width, still surfaces
    when the pattern is first used; the tests compile every shipped entry.)"""
    try:
        _parsed(pattern)
    except ImportError:  # no parser to ask: compile it (what loading did before)
        compile_pattern(pattern, path, number, True)
    except re.error as exc:
        raise DataError(f"invalid regular expression {pattern!r}: {exc}", str(path),
                        number) from None


def load_list(paths: tuple[Path, ...]) -> BoilerplateList:
    """The entries of ``paths``, in order; the patterns of the shipped lists (checked by the
    tests) are compiled when first used, joined (:meth:`BoilerplateList.matcher`) or alone."""
    result = BoilerplateList()
    shipped_root = shipped("boilerplate")
    for path in paths:
        for entry in load_entries(path, trusted=path.parent == shipped_root, deferred=True):
            result.add(entry)
    return result


def boilerplate_paths(ctx: Context) -> tuple[Path, ...]:
    """Shipped ``common.tsv``, the shipped list of the target language, then configured files."""
    lang = (ctx.lang or "en").replace("_", "-").split("-")[0].lower()
    shipped_paths = [shipped("boilerplate", "common.tsv"), shipped("boilerplate", f"{lang}.tsv")]
    return tuple(p for p in shipped_paths if p.is_file()) + tuple(ctx.config.boilerplate)


def boilerplate_for(ctx: Context) -> BoilerplateList:
    """The list of ``ctx``'s language and configuration: one look-up by those (asked twice a
    document), the list itself shared by every language code naming the same files."""
    return ctx.resources.get(("boilerplate", ctx.lang, ctx.config.boilerplate),
                             lambda: _list_of_paths(ctx))


def _list_of_paths(ctx: Context) -> BoilerplateList:
    paths = boilerplate_paths(ctx)
    return ctx.resources.get(("boilerplate", paths), lambda: load_list(paths))


@dataclass(frozen=True, eq=False, repr=False)
class Match:
    """A boilerplate span found on one line; ``whole`` when it is the entire line."""

    start: int
    end: int
    entry: Entry
    whole: bool


def match_line(line: str, index: int, table: BoilerplateList, screened: bool = True,
               present: tuple[int, ...] | None = None) -> tuple[Entry, int] | None:
    """The entry matching stripped ``line`` and the length it covers; ``index``: line rank.

    ``screened=False`` tries every entry alone instead of the list's
    :meth:`~BoilerplateList.matcher` (same answer; what the tests compare it with).
    ``present``: :meth:`BoilerplateList.present` of the document (or of any text holding the
    line), if known.
    """
    if len(line) > MAX_LINE:
        return None
    entry = table.lines.get(normalise(line))
    if entry is not None:
        return entry, len(line)
    matcher = table.matcher() if screened else None
    if matcher is not None:
        if present is None:
            present = table.present(line)
        entry = matcher.first(line, table.floating_candidates(present))
        if entry is not None:
            return entry, len(line)
    else:
        for candidate in table.regexes:
            if candidate.kind == "credit" and len(line.split()) > CREDIT_WORDS:
                continue
            if candidate.regex and candidate.regex.fullmatch(line):
                return candidate, len(line)
    if 0 < index < TOP_LINES:
        for candidate in table.top:
            if candidate.regex and candidate.regex.fullmatch(line):
                return candidate, len(line)
    return _match_prefix(line, table)


def _match_prefix(line: str, table: BoilerplateList) -> tuple[Entry, int] | None:
    """A prefix leftover: the whole line, or glued to text that starts with a capital or space."""
    for candidate in table.prefixes:
        found = candidate.regex.match(line) if candidate.regex else None
        if not found or not found.end():
            continue
        rest = line[found.end():]
        if not rest:
            return candidate, len(line)
        if rest[0].isupper() or (rest[0] == " " and rest.lstrip()[:1].isupper()):
            return candidate, found.end() + len(rest) - len(rest.lstrip())
    return None


def find_boilerplate(doc: Document, table: BoilerplateList,
                     ctx: Context | None = None) -> list[Match]:
    """Every boilerplate line or prefix of ``doc`` (with ``ctx``, whose list ``table`` is:
    found once per text for BP001 and BP002)."""
    if ctx is None:
        return list(_find_boilerplate(doc, table))
    return ctx.memo(("boilerplate", doc.text), lambda: list(_find_boilerplate(doc, table)))


_SCANNED = [0]  # characters this process matched line by line, without the line gate
# The line gate (~5 ms to compile and analyse its entries) repays itself after about 20,000
# characters: the lines it passes over cost the matcher ~5 µs each (real and generated
# corpora, one-line files alike); a few small files never build it.
SCREEN_AFTER = 20_000
# Before this many characters, each entry is tried alone (each compiled alone). The list's
# matcher, compiled with the list, judges the lines of any run: zero but in tests.
MATCH_SCREENS_AFTER = 0


def _find_boilerplate(doc: Document, table: BoilerplateList) -> Iterator[Match]:
    text = doc.text
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")  # as doc.lines()
    if _SCANNED[0] < SCREEN_AFTER:  # every non-blank line is tried: same matches, slower
        screened = _SCANNED[0] >= MATCH_SCREENS_AFTER
        _SCANNED[0] += len(doc.text)
        lines = text.split("\n")
        present = table.present(doc.text) if screened else ()
        yield from _matches(doc, lines, _ranked_lines(lines), table, screened, present)
        return
    present = table.present(doc.text)  # the floating entries' literals, looked for once
    finders = table.literal_finders(doc.text, present) if present else []
    gate = table.line_gate(doc.text, present if finders is None else ())
    starts = [] if gate is None else _gate_starts(text, gate, finders or ())
    if gate is not None and not starts and not gate.top_lines:
        return  # most texts: no line to try (and none split)
    lines = text.split("\n")
    ranked = _ranked_lines(lines) if gate is None else _gated_lines(text, lines, gate, starts)
    yield from _matches(doc, lines, ranked, table, True, present)


def _matches(doc: Document, lines: list[str], ranked: Iterable[tuple[int, int]],
             table: BoilerplateList, screened: bool,
             present: tuple[int, ...]) -> Iterator[Match]:
    """The matches of the ``ranked`` lines (numbers in ``lines``, the lines of ``doc``) by
    :func:`match_line` (``screened``, ``present``: as it takes them)."""
    for number, index in ranked:
        stripped = lines[number].strip()
        if not stripped or (len(stripped) > MAX_LINE and stripped[0] not in _BULLETS):
            continue  # blank, or too long for any entry
        offset = len(lines[number]) - len(lines[number].lstrip())  # in the line
        bullet = _BULLET.match(stripped)
        if bullet:
            stripped, offset = stripped[bullet.end():], offset + bullet.end()
        found = match_line(stripped, index, table, screened, present)
        if found is None:
            continue
        offset += doc.line_starts[number]
        entry, length = found
        whole = length == len(stripped)
        yield Match(offset, offset + (len(stripped) if whole else length), entry, whole)


def _ranked_lines(lines: list[str]) -> Iterator[tuple[int, int]]:
    """``(line number, rank among the non-blank lines)`` of every non-blank line."""
    rank = 0
    for number, line in enumerate(lines):
        if line.strip():
            yield number, rank
            rank += 1


def _gate_starts(text: str, gate: LineGate,
                 finders: Sequence[re.Pattern[str]] = ()) -> list[int]:
    """Where, in ``text``, each line that ``gate`` finds by one scan starts (a "\\n" is put
    before the text: the offset of that line's break), and where one of ``finders`` finds
    something (:meth:`BoilerplateList.literal_finders`), in order."""
    starts = [match.start() for match in gate.pattern.finditer("\n" + text)]
    for finder in finders:
        starts += [match.start() for match in finder.finditer(text)]
    if finders:
        starts.sort()
    return starts


def _gated_lines(text: str, lines: list[str], gate: LineGate,
                 starts: list[int]) -> Iterator[tuple[int, int]]:
    """``(line number, rank)`` of the lines of ``text`` (split into ``lines``) where one of
    ``starts`` (:func:`_gate_starts`) is, and of the first :data:`TOP_LINES` non-blank lines
    if the gate says so; a rank past the top lines is given as :data:`TOP_LINES`."""
    head = {}
    for number, rank in _ranked_lines(lines):
        if rank >= TOP_LINES:
            break
        head[number] = rank
    found, number, previous = set(head) if gate.top_lines else set(), 0, 0
    for start in starts:
        number += text.count("\n", previous, start)
        previous = start
        found.add(number)
    return ((number, head.get(number, TOP_LINES)) for number in sorted(found))


def line_deletion(doc: Document, start: int) -> Edit:
    """Delete the line at ``start`` with its break, without merging the paragraphs around it.

    A line between blank lines takes the blank lines after it along; the last non-blank line
    takes the line breaks before it, so the text keeps its final newline (or lack of one).
    """
    text = doc.text
    line_start, line_end = doc.line_span(start)
    _, after = doc.line_with_break(line_start)
    if not text[after:].strip():
        if not text[:line_start].strip():
            return Edit(0, len(text))
        trailing = _TRAILING_BREAKS.search(text, 0, line_start)
        return Edit(trailing.start() if trailing else line_start, line_end)
    if line_start == 0 or not text[doc.line_span(line_start - 1)[0]:line_start].strip():
        while (blank := _BLANK_LINE.match(text, after)) and blank.end() > after:
            after = blank.end()
    return Edit(line_start, after)


@rule("BP001", "boilerplate-line", "boilerplate", "Other/Non-translation", fixable="always")
def boilerplate_line(doc: Document, ctx: Context) -> Iterator[Hit]:
    """A whole line that the source site left behind: a prompt, a label, a credit or a byline.

    ## What it does
    Compares every line of at most 200 characters with the boilerplate list of the target
    language (`glossaries/boilerplate/<lang>.tsv`), the language-neutral `common.tsv` and the
    files named by `boilerplate` in the configuration: exact phrases ("You may also like",
    "Leave a Comment", "contents", "Legend:"), full-line patterns ("Read also: …",
    "Photo: …"), lone photo-agency credits ("Keystone", "Reuters/…") and, on lines 2 to 5
    (below the title), bylines of the site ("by time news").

    ## Why it matters
    Extractors keep navigation, prompts and captions of the page. Translated and published, they
    read as nonsense in the middle of an article and pollute training corpora.

    ## Example
    ```text
    The president declared a state of emergency on Wednesday.

    Keystone

    This is how the sending of troops is justified: …
    ```
    Use instead: the same text without the "Keystone" line.

    ## Fix safety
    Safe only where position and shape say boilerplate: the whole line matches a shipped (or
    configured) entry, and, for a date line (entries of kind `date`), it is at the head (lines 2
    to 5) or tail (last three lines, or only boilerplate after it) of the article; a date line
    in the body is displayed only ("delete it if it is not part of the article"), so `clean`
    keeps it. A date line, credit or byline inside a quotation (a quote opened before it is
    still open) or within five lines after a line ending with a colon (a quoted bill, letter or
    hymn, whose date lines and credits belong to it) is not reported at all; prompts and labels
    ("Like this:", "Filed under: …") are the page's wherever they are. Bylines (kind `top`)
    only match on lines 2 to 5. The deletion takes the line break and, between blank lines, the
    blank lines after it, so the paragraphs around it stay separate and are never merged. Add a
    phrase to a boilerplate list (one TSV line) rather than fixing by hand.

    ## Precision
    scrapinghub-aeb (88 articles × 3 extractors, 775 boilerplate and 4,576 gold lines, line
    level, `eval_boilerplate.py`, BP001 and BP002 together): P 0.974, R 0.196 (tp 152, fp 4);
    the trivial baseline scores P 0.82, R 0.065. The 4 false positives are agency credits that
    the gold keeps ("© Reuters", "(Reporting by …; Editing by …)"); with BP100 on too (the
    default rules), P 0.944, R 0.196 (fp 9). The 88 gold bodies themselves: 14, eleven
    shopping prompts ("See it now: <shop>") and three credits that the gold keeps. WMT21
    newstest references and sources (7,008 lines, en/de/ru) and the WMT23 MQM German MT output
    (1,040 segments): 0. Judged sample (`benchmarks/judged/BP001.tsv`, `python3
    benchmarks/judge.py BP001`): 36 of the 156 findings on the three extractors' outputs drawn
    at random, 36 true (100 %; five are agency or contributor credits that the gold keeps but
    that are not article text). The WMT21 en-ru and de-fr system outputs: 0 findings.
    """
    table = boilerplate_for(ctx)
    matches = find_boilerplate(doc, table, ctx)
    whole = [match for match in matches if match.whole]
    if not whole:
        return
    starts = nonblank_line_starts(doc)
    matched = {doc.line_span(match.start)[0] for match in whole}
    for match in whole:
        line_start = doc.line_span(match.start)[0]
        if match.entry.kind in QUOTABLE_KINDS and (
                in_quotation(doc, ctx, line_start)
                or introduced_by_colon(doc, line_start, starts, matched)):
            continue  # part of the quoted text (a bill's date, a hymn's author), not the page's
        applicability = deletion_applicability(match, line_start, starts, matched)
        yield Hit(match.start, match.end,
                  f"Boilerplate line ({match.entry.label}): delete it"
                  + ("" if applicability == Applicability.SAFE else
                     " if it is not part of the article"),
                  Fix("Delete the boilerplate line", (line_deletion(doc, match.start),),
                      applicability))


def nonblank_line_starts(doc: Document) -> list[int]:
    """Where each non-blank line of ``doc`` starts, in order."""
    return [start for start, end in doc.lines() if doc.text[start:end].strip()]


def deletion_applicability(match: Match, line_start: int, starts: list[int],
                           matched: set[int]) -> Applicability:
    """Safe where position and shape say boilerplate: a date line is the page's own only at
    the head or tail of the article; in the body it may be the article's (a dateline)."""
    if match.entry.kind == "date" and not at_edge(line_start, starts, matched):
        return Applicability.DISPLAY
    return Applicability.SAFE


def in_quotation(doc: Document, ctx: Context, line_start: int) -> bool:
    """Whether a quotation opened before the line is still open on it."""
    from termcheck.quoting import MAX_CARRY, OPEN, analyse

    analysis = analyse(doc, ctx)
    if any(pair.opener.offset < line_start < pair.closer.offset for pair in analysis.pairs):
        return True
    starts = [paragraph.start for paragraph in doc.paragraphs]
    here = bisect.bisect_right(starts, line_start)
    return any(mark.role == OPEN and mark.offset < line_start
               and here - bisect.bisect_right(starts, mark.offset) <= MAX_CARRY
               for mark in analysis.unclosed)


def introduced_by_colon(doc: Document, line_start: int, starts: list[int],
                        matched: set[int]) -> bool:
    """One of the few lines before (not boilerplate itself) ends with a colon: it introduces a
    quoted document (a bill, a letter, a hymn) that the line may belong to."""
    index = bisect.bisect_left(starts, line_start)
    for before in starts[max(0, index - QUOTED_DOCUMENT_LINES):index]:
        text = doc.text[slice(*doc.line_span(before))].rstrip()
        if before not in matched and text.endswith(":"):
            return True
    return False


def at_edge(line_start: int, starts: list[int], matched: set[int]) -> bool:
    """Head (the first lines below the title) or tail (the last lines, or only boilerplate
    after it) of the article."""
    index = bisect.bisect_left(starts, line_start)
    if index < TOP_LINES or index >= len(starts) - TAIL_LINES:
        return True
    return all(start in matched for start in starts[index + 1:])


@rule("BP002", "boilerplate-prefix", "boilerplate", "Other/Non-translation", fixable="always")
def boilerplate_prefix(doc: Document, ctx: Context) -> Iterator[Hit]:
    """A site leftover glued to the start of real text on the same line.

    ## What it does
    Reports entries of kind `prefix` (such as the scraper marker "source site-72") that begin a
    line and run straight into text starting with a capital letter, e.g.
    "source site-72A signal from Russia to other authoritarian states". The span is the leftover
    only; the text after it is not reported.

    ## Why it matters
    When a page is split badly, a leftover and the next heading end up on one line; the heading
    is real content and must survive while the leftover goes.

    ## Example
    ```text
    source site-72A signal from Russia to other authoritarian states
    ```
    Use instead: `A signal from Russia to other authoritarian states`.

    ## Fix safety
    Unsafe: the fix deletes the leftover and any spaces after it, keeping the rest of the line.
    Where the leftover ends is inferred (digits followed by a capital letter): "site-72A" could
    in principle be a site named "72A", so the fix needs `--unsafe-fixes` (or `clean`).

    ## Precision
    Only entries of kind `prefix` are used, and only before a capital letter: 0 findings on
    scrapinghub-aeb (264 extractor outputs), on the WMT21 references and sources, and on the
    unseen WMT21 en-ru, de-fr, en-de and ru-en system outputs, so there is nothing to judge
    (no `benchmarks/judged/BP002.tsv`); the seed's "source site-72A" is its only known case.
    """
    table = boilerplate_for(ctx)
    for match in find_boilerplate(doc, table, ctx):
        if match.whole:
            continue
        yield Hit(match.start, match.end,
                  f"Leftover {doc.text[match.start:match.end].strip()!r} glued to the text "
                  f"({match.entry.label})",
                  Fix.replace(match.start, match.end, "", "Delete the leftover prefix",
                              Applicability.UNSAFE))
