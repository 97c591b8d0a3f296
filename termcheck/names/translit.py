"""Fold transliteration variants of a name (Kassym/Kasym, Dmitry/Dmitri) to one key.

The rules live in ``glossaries/translit/fold.tsv``; this module only applies them. Each
hyphen-separated part of a name is folded on its own, so "Kim Jong-un" and "Kim Jong-il" keep
their difference, and a rule applies only to parts long enough for it (its ``min_length``).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import filterfalse
from pathlib import Path
from re import _constants, _parser  # type: ignore[attr-defined]
from typing import Callable, Mapping

from termcheck.data import read_table, shipped
from termcheck.errors import DataError

_SPACES = re.compile(r"[\s\u00a0]+")
_BACKREFERENCE = re.compile(r"\\[1-9]|\(\?P=|\\g<")
# folded name parts, and keys of names, kept per folder (each memo): about 110 bytes a distinct
# word for both, so 2 MB at most; a corpus's frequent names come early and are kept (a 3 MB real
# corpus folds 6,300 distinct parts), a later rare one is folded again when met again
MEMO_SIZE = 20_000
# a stage of a folder: the search of a pattern that matches where one of its rules does, and
# its rules in order as (min_length, needs, pattern.sub, replace)
_StageRule = tuple[int, "str | None", Callable[..., str], str]
_Stage = tuple[Callable[[str], "re.Match[str] | None"], tuple[_StageRule, ...]]


@dataclass(frozen=True, eq=False, repr=False)
class FoldRule:
    """One rewrite: ``pattern`` → ``replace`` on parts of at least ``min_length`` letters."""

    pattern: re.Pattern[str]
    replace: str
    min_length: int
    raw: bool = False  # applied before diacritics are stripped
    # text that every match contains: a text without it is left as it is, without a regex call
    needs: str | None = field(default=None, compare=False)

    def __post_init__(self) -> None:
        if self.needs is None:
            object.__setattr__(self, "needs", required_text(self.pattern))


@dataclass(frozen=True, eq=False, repr=False)
class Folder:
    """An ordered list of fold rules; :meth:`key` maps a name to its variant key."""

    rules: tuple[FoldRule, ...]
    _memo: dict[str, str] = field(default_factory=dict, compare=False, repr=False)
    _keys: dict[str, str] = field(default_factory=dict, compare=False, repr=False)
    _stages: dict[bool, _Stage] = field(default_factory=dict, compare=False, repr=False)

    def part(self, text: str) -> str:
        """Fold one hyphen-free part of a name (remembered: names repeat)."""
        folded = self._memo.get(text)  # get, not try: most look-ups of a first pass miss
        if folded is not None:
            return folded
        folded = self._fold(text)
        if len(self._memo) < MEMO_SIZE:
            self._memo[text] = folded
        return folded

    def _fold(self, text: str) -> str:
        stages = self._stages
        raw_stage = stages.get(True) or self._stage(True)
        plain_stage = stages.get(False) or self._stage(False)
        folded = text.casefold()
        if folded.isascii():  # NFC and diacritics leave ASCII as it is
            length = len(folded)
            raw = _apply(folded, length, raw_stage)
            if raw.isascii():  # a raw rule could write a diacritic: then the full path
                return _apply(raw, length, plain_stage)
        folded = unicodedata.normalize("NFC", folded)
        length = len(strip_diacritics(folded))
        folded = _apply(folded, length, raw_stage)
        return _apply(strip_diacritics(folded), length, plain_stage)

    def _stage(self, raw: bool) -> _Stage:
        """The rules of a stage (raw or plain), in order, and the search of a pattern that
        matches wherever one of them matches."""
        rules = [fold for fold in self.rules if fold.raw == raw]
        stage = [fold.pattern.pattern for fold in rules]
        try:
            if any(_BACKREFERENCE.search(p) for p in stage):
                raise re.error("group numbers would change")
            pattern = re.compile("|".join(f"(?:{p})" for p in stage) or "(?!)")
        except re.error:
            pattern = re.compile("")  # matches everywhere: every rule is tried
        # each rule as the plain values its test and rewrite read (no attribute look-ups per
        # rule and part, and no test of its stage: a part that some rule matches goes through
        # every rule of the stage)
        found = self._stages[raw] = (pattern.search, tuple(
            (fold.min_length, fold.needs, fold.pattern.sub, fold.replace) for fold in rules))
        return found

    def words_key(self, name: str) -> str:
        """:meth:`key` of a name without hyphens: its words (split at white space) folded one by
        one, without remembering the whole name (a run of words is seldom met twice)."""
        return " ".join(map(self.part, name.split()))

    @property
    def known_keys(self) -> Mapping[str, str]:
        """The keys :meth:`key` remembers, by name: a caller that keys many names looks them up
        here first (a dictionary look-up, no call of :meth:`key`); only :meth:`key` adds."""
        return self._keys

    def key(self, name: str) -> str:
        """The key of a (possibly multi-word, hyphenated) name; hyphens and spaces are kept."""
        key = self._keys.get(name)
        if key is not None:
            return key
        if name.isalpha() or ("-" not in name and _SPACES.search(name) is None):
            key = self.part(name)
        else:
            part = self.part
            key = " ".join([part(word) if "-" not in word else "-".join(map(part, word.split("-")))
                            for word in _SPACES.split(name.strip())])
        if len(self._keys) < MEMO_SIZE:
            self._keys[name] = key
        return key


def _apply(text: str, length: int, stage: _Stage) -> str:
    """The rules of ``stage`` (:meth:`Folder._stage`) applied in order to ``text``, a part of
    ``length`` letters."""
    search, rules = stage
    if search(text) is None:
        return text  # no rule matches, so none changes the text for the next one
    for min_length, needs, sub, replace in rules:
        if length >= min_length and (needs is None or needs in text):
            text = sub(replace, text)
    return text


def required_text(pattern: re.Pattern[str]) -> str | None:
    """The longest run of plain characters that every match of ``pattern`` contains (its
    top-level literals, side by side), or ``None`` when there is none to tell."""
    if pattern.flags & (re.IGNORECASE | re.VERBOSE):
        return None
    try:
        items = list(_parser.parse(pattern.pattern))
    except re.error:  # pragma: no cover - the pattern compiled
        return None
    best, current = "", ""
    for op, value in items:
        if op is _constants.LITERAL:
            current += chr(value)
            best = max(best, current, key=len)
        elif op in (_constants.AT, _constants.ASSERT, _constants.ASSERT_NOT):
            continue  # matches no characters: the literals on each side stay side by side
        else:
            current = ""
    return best or None


def strip_diacritics(text: str) -> str:
    """Remove combining marks after canonical decomposition (é → e, й → и)."""
    if text.isascii():
        return text
    # filterfalse calls the C function for each character: no Python frame per character
    return "".join(filterfalse(unicodedata.combining, unicodedata.normalize("NFKD", text)))


def load_folder(path: Path) -> Folder:
    """Read a fold table (pattern, replace, min_length, stage); errors name file and line."""
    rules = []
    for line, row in read_table(path, ("pattern", "replace", "min_length")):
        try:
            pattern = re.compile(row["pattern"])
        except re.error as exc:
            raise DataError(f"bad pattern {row['pattern']!r}: {exc}", str(path), line) from None
        if not row["pattern"]:
            raise DataError("empty pattern", str(path), line)
        try:
            min_length = int(row["min_length"] or "0")
            pattern.sub(row["replace"], "")
        except ValueError:
            raise DataError(f"min_length must be an integer, not {row['min_length']!r}",
                            str(path), line) from None
        except re.error as exc:
            raise DataError(f"bad replacement {row['replace']!r}: {exc}", str(path),
                            line) from None
        if row.get("stage", "") not in ("", "raw", "plain"):
            raise DataError(f"stage must be raw or plain, not {row['stage']!r}", str(path), line)
        rules.append(FoldRule(pattern, row["replace"], min_length, row.get("stage") == "raw"))
    return Folder(tuple(rules))


@lru_cache(maxsize=1)
def default_folder() -> Folder:
    """The shipped fold rules (``glossaries/translit/fold.tsv``), read once."""
    return load_folder(shipped("translit", "fold.tsv"))


def fold(name: str) -> str:
    """The variant key of ``name`` under the shipped rules."""
    return default_folder().key(name)
