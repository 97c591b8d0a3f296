"""Corpus statistics of name spellings: how often each surface form of each variant key occurs.

The statistics of two parts of a corpus merge by adding counts, so the merge is associative and
commutative and any partitioning of the corpus gives the same profile. Which spelling wins is
decided from the merged counts only (count, then a fixed order of the strings), never from
document order.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property
from typing import Iterable, Mapping

from termcheck.names.candidates import Candidate

# (key, surface, initial) -> occurrences
Counts = Mapping[tuple[str, str, bool], int]
SAFE_RATIO = 2  # the winner must occur at least twice as often as any other spelling ...
SAFE_MINIMUM = 3  # ... and at least this many times for a safe fix


@dataclass(frozen=True)
class Spelling:
    """One spelling of a key (case-insensitive) and how often it occurs."""

    text: str  # the most frequent capitalisation
    count: int


@dataclass(frozen=True)
class Verdict:
    """The spellings of one key, best first, and whether the first one clearly wins."""

    spellings: tuple[Spelling, ...]
    clear: bool

    @property
    def winner(self) -> Spelling:
        return self.spellings[0]

    def count_of(self, surface: str) -> int:
        folded = surface.casefold()
        return next((s.count for s in self.spellings if s.text.casefold() == folded), 0)


@dataclass(frozen=True)
class NameStats:
    """Occurrences of every candidate name by key, surface and sentence-initial position."""

    counts: Counts = field(default_factory=dict)

    @classmethod
    def of(cls, found: Iterable[Candidate]) -> NameStats:
        return cls(dict(Counter((c.key, c.surface, c.initial) for c in found)))

    def merge(self, other: NameStats) -> NameStats:
        merged = Counter(self.counts)
        merged.update(other.counts)
        return NameStats(dict(merged))

    @cached_property
    def by_key(self) -> dict[str, dict[str, int]]:
        """Counts per key and surface; sentence-initial ones only for keys also seen elsewhere.

        A capitalised word seen only at sentence starts is probably a common word.
        """
        anchored = {key for (key, _, initial) in self.counts if not initial}
        index: dict[str, dict[str, int]] = {}
        for (key, surface, _), count in self.counts.items():
            if key in anchored:
                forms = index.setdefault(key, {})
                forms[surface] = forms.get(surface, 0) + count
        return index

    def verdict(self, key: str, preferred: str | None = None) -> Verdict | None:
        """The spellings of ``key`` when the corpus has more than one.

        A ``preferred`` (glossary) spelling ranks first whatever the counts, and is then a clear
        winner; otherwise the most frequent spelling wins, clearly only by :data:`SAFE_RATIO`
        and :data:`SAFE_MINIMUM`.
        """
        forms = self.by_key.get(key, {})
        groups: dict[str, dict[str, int]] = {}
        for surface, count in forms.items():
            groups.setdefault(surface.casefold(), {})[surface] = count
        if len(groups) < 2:
            return None
        if preferred is not None:
            groups.setdefault(preferred.casefold(), {}).setdefault(preferred, 0)
        spellings = sorted((_spelling(cases) for cases in groups.values()),
                           key=lambda s: (-s.count, s.text))
        if preferred is not None:
            first = next(s for s in spellings if s.text.casefold() == preferred.casefold())
            spellings.remove(first)
            spellings.insert(0, Spelling(preferred, first.count))
            return Verdict(tuple(spellings), True)
        top, runner_up = spellings[0].count, spellings[1].count
        return Verdict(tuple(spellings), top >= SAFE_MINIMUM and top >= SAFE_RATIO * runner_up)


def _spelling(cases: dict[str, int]) -> Spelling:
    """The most frequent capitalisation (ties: the first in code-point order) and the total."""
    text = min(cases, key=lambda s: (-cases[s], s))
    return Spelling(text, sum(cases.values()))
