"""Sentence boundaries that know each language's abbreviations and initials.

A full stop ends a sentence unless it ends an abbreviation of the language ("Rev.", "Jan.",
"z. B.", "т. е."; listed in ``glossaries/abbreviations/<lang>.txt``, one per line, as written),
an initial (one capital letter: "John F. Kennedy", "А. Иванов"), an acronym written with
full stops ("L.A.", "U.S."), or is followed by a lower-case
letter. "!", "?", "…" and runs of full stops always end one. Used by every rule that works on
sentences (DP001, DP002 and their fixes), so that "Neither Rev." or "on Jan." is never a
sentence of its own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterator

from termcheck.data import read_text, shipped
from termcheck.errors import DataError
from termcheck.lazyre import lazy

# A candidate boundary (with its spaces). "[.!?…][.!?…]*" is "[.!?…]+" written so that the
# pattern starts with a character set, which the regular expression engine looks for at C speed
# (twice as fast over a document).
SENTENCE_END = lazy(globals(), "SENTENCE_END", r"[.!?…][.!?…]*[\"'»”’“)\]]*\s+")
# SENTENCE_END in a text without "!", "?" or "…" (two news articles in three): starting with one
# literal character, it is looked for by a plain character loop, several times faster again.
FULL_STOP_END = re.compile(r"\.\.*[\"'»”’“)\]]*\s+")
OTHER_ENDS = "!?…"


def sentence_ends(text: str) -> re.Pattern[str]:
    """:data:`SENTENCE_END`, or the same matches' cheaper :data:`FULL_STOP_END` for ``text``."""
    return SENTENCE_END if any(char in text for char in OTHER_ENDS) else FULL_STOP_END
_ACRONYM = re.compile(r"(?:[^\W\d_]\.){2,}")  # L.A., U.S., e.g.: letters each with a full stop
_OPENERS = "([{\"'«„“‘‹"


@dataclass(frozen=True, eq=False, repr=False)
class Abbreviations:
    """The abbreviations of one language: one-word ones ("Rev.", "z.B.") and spaced ones
    ("z. B.", "т. е.")."""

    words: frozenset[str] = frozenset()
    spaced: tuple[str, ...] = ()


def load_abbreviations(path: Path) -> Abbreviations:
    """Read one abbreviation list; an entry without a final full stop raises DataError."""
    words, spaced = set(), []
    for number, raw in enumerate(read_text(path).splitlines(), 1):
        entry = raw.strip()
        if not entry or entry.startswith("#"):
            continue
        if not entry.endswith(".") or "\t" in entry or "  " in entry:
            raise DataError(f"abbreviation {entry!r} must end with a full stop (one entry a line, "
                            "single spaces)", str(path), number)
        if " " in entry:
            spaced.append(entry)
        else:
            words.add(entry)
    return Abbreviations(frozenset(words), tuple(sorted(spaced, key=len, reverse=True)))


@lru_cache(maxsize=32)
def abbreviations(lang: str) -> Abbreviations:
    """The shipped abbreviations of ``lang`` (``de-CH`` reads ``de``); none for other languages."""
    base = (lang or "en").replace("_", "-").split("-")[0].lower()
    path = shipped("abbreviations", f"{base}.txt")
    return load_abbreviations(path) if path.is_file() else Abbreviations()


def is_boundary(text: str, match: re.Match[str], known: Abbreviations) -> bool:
    """Whether the candidate ``match`` of :data:`SENTENCE_END` in ``text`` ends a sentence."""
    dot, end = match.span()
    if text[dot] != "." or not text[dot + 1].isspace():
        return True  # "!", "?", "…", "...", or a full stop before a closing quote or bracket
    if text[end:end + 1].islower():
        return False
    # The token ends at the full stop and starts after the last space, line break or no-break
    # space; the two rarer ones are looked for after the last space only (not back to the start).
    space = text.rfind(" ", 0, dot)
    token_start = max(space, text.rfind("\n", space + 1, dot),
                      text.rfind("\u00a0", space + 1, dot)) + 1
    token = text[token_start:dot + 1].lstrip(_OPENERS)
    if token in known.words or (len(token) == 2 and token[0].isupper()) \
            or (token.count(".") >= 2 and _ACRONYM.fullmatch(token)):
        return False
    return not (known.spaced and _in_spaced(text, dot, known))


def _in_spaced(text: str, dot: int, known: Abbreviations) -> bool:
    """The full stop at ``dot`` is one of a spaced abbreviation ("z. B.", "т. е.")."""
    for entry in known.spaced:
        first = entry[0]
        start = text.rfind(first, max(0, dot + 1 - len(entry)), dot + 1)
        while start != -1:
            if text.startswith(entry, start) and start <= dot < start + len(entry) and (
                    start == 0 or not text[start - 1].isalnum()):
                return True
            start = text.rfind(first, max(0, dot + 1 - len(entry)), start)
    return False


def boundaries(text: str, known: Abbreviations) -> Iterator[re.Match[str]]:
    """The matches of :data:`SENTENCE_END` in ``text`` that end a sentence."""
    for match in sentence_ends(text).finditer(text):
        if is_boundary(text, match, known):
            yield match


def split(text: str, lang: str = "en") -> list[tuple[int, int]]:
    """``(start, end)`` of each sentence of ``text``, without the spaces between sentences."""
    known = abbreviations(lang)
    spans, position = [], 0
    for match in [*boundaries(text, known), None]:
        end = match.start() + len(match.group().rstrip()) if match else len(text)
        chunk = text[position:end]
        if chunk.strip():
            start = position + len(chunk) - len(chunk.lstrip())
            spans.append((start, position + len(chunk.rstrip())))
        position = match.end() if match else len(text)
    return spans
