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
from typing import Any, Mapping, TypeVar

from termcheck.names.candidates import (
    Candidate,
    Scan,
    folded_spelling,
    same_spelling,
)
from termcheck.names.runs import (
    KeptRuns,
    Patterns,
    RunTable,
    anchored_keys,
    count_pairs,
    count_runs_of,
    expand_runs,
    keys_spelled_apart,
    lowercase_among,
    run_counts,
    runs_with_keys,
)
from termcheck.names.translit import default_folder

# (key, surface, initial) -> occurrences
Counts = Mapping[tuple[str, str, bool], int]
T = TypeVar("T")
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

    @property
    def tied(self) -> bool:
        """Whether the first two spellings occur equally often: the corpus names no winner."""
        return len(self.spellings) > 1 and self.spellings[0].count == self.spellings[1].count

    def count_of(self, surface: str) -> int:
        spelling = same_spelling(surface)
        return next((s.count for s in self.spellings if same_spelling(s.text) == spelling), 0)


@dataclass(frozen=True, eq=False)
class NameStats:
    """Occurrences of candidate names, their neighbours, and which are also common words.

    ``counts``: (key, surface, sentence-initial) → occurrences; ``pairs``: (left key, right key,
    left spelling, right spelling) of neighbouring words → occurrences; ``common``: spelling →
    documents that also write the word in lower case ("Über" / "über": not a name).

    A document's statistics keep its raw runs as they are (``runs``: run → its occurrences and
    those that open a sentence, packed in one int: see :data:`~termcheck.names.runs.OPENING_SHIFT`):
    merging then adds one count per distinct run, and the merged profile cuts each distinct run
    of the corpus into counts once (:meth:`expand`).
    ``counted`` and ``paired`` hold counts given already cut (a scan, a saved profile).
    """

    counted: Counts = field(default_factory=dict)
    paired: Mapping[tuple[str, str, str, str], int] = field(default_factory=dict)
    common: Mapping[str, int] = field(default_factory=dict)
    runs: Mapping[str, int] = field(default_factory=dict)

    @classmethod
    def of(cls, found: Scan) -> NameStats:
        counts = Counter((c.key, c.surface, c.initial) for c in found.candidates())
        pairs = Counter((a.key, b.key, same_spelling(a.surface), same_spelling(b.surface))
                        for a, b in found.pairs)
        common = {same_spelling(w.surface): 1 for w in found.words
                  if w.surface.casefold() in found.lowercase}
        return cls(dict(counts), dict(pairs), common)

    @classmethod
    def of_runs(cls, text: str, runs: tuple[list[str], list[str]], table: RunTable,
                found: Patterns | None = None, analyse: bool = True) -> NameStats:
        """:meth:`of` the scan of ``text``, from its :func:`~termcheck.names.runs.raw_runs`
        (``found``: the word patterns of ``text``, when at hand; ``analyse``: whether runs new
        to ``table`` are analysed into it, see :meth:`RunTable.casefolds`)."""
        if not runs[0]:
            return cls()
        counted = run_counts(*runs)
        words = table.casefolds(list(counted), analyse)
        common = ({folded_spelling(folded): 1 for folded in lowercase_among(text, words, found)}
                  if words else {})
        return cls._of_parts({}, {}, common, counted)

    @classmethod
    def _of_parts(cls, counted: Counts, paired: Mapping[tuple[str, str, str, str], int],
                  common: Mapping[str, int], runs: Mapping[str, int]) -> NameStats:
        """``cls(counted, paired, common, runs)``, made the way the frozen dataclass's
        ``__init__`` makes it (its fields in the instance's ``__dict__``) without its four
        ``object.__setattr__`` calls: once per document collected."""
        stats = object.__new__(cls)
        stats.__dict__.update(counted=counted, paired=paired, common=common, runs=runs)
        return stats

    @cached_property
    def counts(self) -> Counts:
        return self.expand(RunTable(default_folder())).counts

    @cached_property
    def pairs(self) -> Mapping[tuple[str, str, str, str], int]:
        return self.expand(RunTable(default_folder())).pairs

    def expand(self, table: RunTable) -> NameStats:
        """Compute :attr:`counts` and :attr:`pairs` with ``table`` (the run's), unless done;
        call it only once every part is merged in."""
        if "counts" not in self.__dict__:
            counts, pairs = expand_runs(self.runs, table)
            _add_into(counts, self.counted)
            _add_into(pairs, self.paired)
            # a frozen dataclass: fill the cached properties the way functools does
            self.__dict__["counts"], self.__dict__["pairs"] = counts, pairs
            # the raw runs are now counted: keep the counts only (the same statistics, and the
            # distinct runs of a corpus, a string each, are freed for the check pass)
            for name, value in (("counted", counts), ("paired", pairs), ("runs", {})):
                object.__setattr__(self, name, value)
        return self

    def for_check(self, table: RunTable) -> NameStats:
        """What the check pass reads of these statistics (``table``: the run's, as for
        :meth:`expand`): the counts of the :attr:`varied` keys, the pairs with such a key and the
        common words among their spellings. Its :meth:`verdict`, :attr:`varied` and
        :meth:`bridged` answer as this profile's do, in memory that grows with the names spelled
        several ways, not with every name of the corpus; its :meth:`to_plain` is not this
        profile's (save the profile first).

        Raw runs are counted straight into the view, and left raw here: the neighbour pairs
        of the other keys and the index of every key (:attr:`by_key`) are never built, so the
        end of the profile pass, the peak of a run's memory, holds the counts of the corpus once.
        """
        # the runs with a key of ``apart`` (spelled apart in the raw counts): settle() may mark
        # every other run "not kept" because the view's keys (``varied``) are among ``apart``
        touched: list[str] | None = None
        if "counts" in self.__dict__ or not self.runs:
            counts, pairs, varied = self.counts, self.pairs, self.varied
        else:
            # the keys written two ways (common words left out) and seen inside a sentence
            # first, then the counts of those keys only: the counts of every name of the
            # corpus are never held at once
            apart = keys_spelled_apart(self.runs, table, self.counted, self.common)
            among = runs_with_keys(apart, self.runs, table)
            apart = anchored_keys(apart, among, self.runs, table, self.counted)
            paired: list[tuple[str, int]] = []
            touched = []
            counts = count_runs_of(apart, self.runs, table, paired, touched, among)
            del among
            _add_into(counts, {found: n for found, n in self.counted.items() if found[0] in apart})
            varied = varied_keys(counts, self.common)
            pairs = count_pairs(paired, table, varied)
            del paired
            _add_into(pairs, self.paired)
        counts = {found: n for found, n in counts.items() if found[0] in varied}
        pairs = {pair: n for pair, n in pairs.items() if pair[0] in varied or pair[1] in varied}
        spellings = {same_spelling(surface) for _, surface, _ in counts}
        common = {spelling: n for spelling, n in self.common.items() if spelling in spellings}
        view = NameStats(counts, pairs, common)
        if touched is not None:  # the corpus's runs decided now: the check only looks them up
            view.kept_runs(table).settle(self.runs, touched)
        return view

    def to_plain(self) -> tuple[dict, dict, dict]:
        return dict(self.counts), dict(self.pairs), dict(self.common)

    @classmethod
    def from_plain(cls, plain: tuple[dict, dict, dict]) -> NameStats:
        """The inverse of :meth:`to_plain`; ``ValueError`` for anything else (it is read from a
        user's profile file)."""
        try:
            counts, pairs, common = plain
            return cls(_plain_counts(counts, (str, str, bool)),
                       _plain_counts(pairs, (str, str, str, str)), _plain_counts(common, str))
        except (TypeError, ValueError) as exc:
            raise ValueError(f"bad NM002 statistics: {exc}") from None

    def merge(self, other: NameStats) -> NameStats:
        return NameStats(*(_add(mine, theirs) for mine, theirs in zip(self._parts(),
                                                                      other._parts())))

    def merge_into(self, other: NameStats) -> NameStats:
        """:meth:`merge`, adding ``other`` to this profile's counts in place (a fresh profile:
        ``counts`` and ``by_key`` not computed yet)."""
        for mine, theirs in zip(self._parts(), other._parts()):
            _add_into(mine, theirs)  # type: ignore[arg-type]
        return self

    def _parts(self) -> tuple[Mapping, ...]:
        return self.counted, self.paired, self.common, self.runs

    def __eq__(self, other: object) -> bool:
        """Equal statistics count the same, whether their runs are still raw or not."""
        if not isinstance(other, NameStats):
            return NotImplemented
        return self.to_plain() == other.to_plain()

    __hash__ = None  # type: ignore[assignment]  # mutable counts, as before

    def __getstate__(self) -> dict[str, Any]:
        """What a pickle of these statistics carries (a profile sent to a worker): not the
        check's decided runs (:meth:`kept_runs`), which hold this process's run table."""
        state = dict(self.__dict__)
        state.pop("_kept_runs", None)
        return state

    @cached_property
    def by_key(self) -> dict[str, dict[str, int]]:
        """Counts per key and surface, without common words; sentence-initial occurrences count
        only for keys also seen elsewhere (a word capitalised only there is a common word)."""
        anchored = {key for (key, _, initial) in self.counts if not initial}
        index: dict[str, dict[str, int]] = {}
        for (key, surface, _), count in self.counts.items():
            if key in anchored and same_spelling(surface) not in self.common:
                forms = index.setdefault(key, {})
                forms[surface] = forms.get(surface, 0) + count
        return index

    def kept_runs(self, table: RunTable) -> KeptRuns:
        """Which runs have a :attr:`varied` key (``table``: the run's, as for :meth:`expand`)."""
        kept = self.__dict__.get("_kept_runs")
        if kept is None or kept[0] is not table:  # one per table (one table per process today)
            kept = self.__dict__["_kept_runs"] = (table, KeptRuns(self.varied, table))
        return kept[1]  # type: ignore[no-any-return]

    @cached_property
    def varied(self) -> frozenset[str]:
        """Keys with two spellings or more: those :meth:`verdict` says something about."""
        return varied_keys(self.counts, self.common)

    def bridged(self, word: Candidate, spelling: str, left: Candidate | None,
                right: Candidate | None) -> bool:
        """True when ``spelling`` of ``word`` occurs next to the same neighbour somewhere.

        "Dmitri Peskov" against "Dmitry Peskov" is bridged by Peskov; "Nisan Ahmado" against
        the car maker "Nissan" is not.
        """
        wanted = same_spelling(spelling)
        if left and self.pairs.get((left.key, word.key, same_spelling(left.surface), wanted)):
            return True
        return bool(right and self.pairs.get((word.key, right.key, wanted,
                                              same_spelling(right.surface))))

    def verdict(self, key: str, preferred: str | None = None) -> Verdict | None:
        """The spellings of ``key`` when the corpus has more than one.

        A ``preferred`` (glossary) spelling ranks first whatever the counts, and is then a clear
        winner; otherwise the most frequent spelling wins, clearly only by :data:`SAFE_RATIO`
        and :data:`SAFE_MINIMUM`.
        """
        try:
            return self._verdicts[key, preferred]
        except KeyError:
            pass
        found = self._verdicts[key, preferred] = self._verdict(key, preferred)
        return found

    def winning_spelling(self, key: str, preferred: str | None = None) -> str | None:
        """:func:`same_spelling` of the winner of :meth:`verdict`, if there is one."""
        try:
            return self._winners[key, preferred]
        except KeyError:
            pass
        verdict = self.verdict(key, preferred)
        found = self._winners[key, preferred] = (None if verdict is None
                                                 else same_spelling(verdict.winner.text))
        return found

    @cached_property
    def _winners(self) -> dict[tuple[str, str | None], str | None]:
        return {}

    @cached_property
    def _verdicts(self) -> dict[tuple[str, str | None], Verdict | None]:
        return {}

    def _verdict(self, key: str, preferred: str | None) -> Verdict | None:
        forms = self.by_key.get(key, {})
        groups: dict[str, dict[str, int]] = {}
        for surface, count in forms.items():
            groups.setdefault(same_spelling(surface), {})[surface] = count
        if len(groups) < 2:
            return None
        if preferred is not None:
            groups.setdefault(same_spelling(preferred), {}).setdefault(preferred, 0)
        spellings = sorted((_spelling(cases) for cases in groups.values()),
                           key=lambda s: (-s.count, s.text))
        if preferred is not None:
            first = next(s for s in spellings if same_spelling(s.text) == same_spelling(preferred))
            spellings.remove(first)
            spellings.insert(0, Spelling(preferred, first.count))
            return Verdict(tuple(spellings), True)
        top, runner_up = spellings[0].count, spellings[1].count
        return Verdict(tuple(spellings), top >= SAFE_MINIMUM and top >= SAFE_RATIO * runner_up)


def varied_keys(counts: Counts, common: Mapping[str, int]) -> frozenset[str]:
    """The keys of ``counts`` with two spellings or more, left out common words: those of
    :attr:`NameStats.by_key` (a key counts only when seen not opening a sentence), without
    building it."""
    anchored = {key for (key, _, initial) in counts if not initial}
    first: dict[str, str] = {}
    varied: set[str] = set()
    for key, surface, _ in counts:
        if key in anchored and key not in varied:
            spelling = same_spelling(surface)
            if spelling not in common and first.setdefault(key, spelling) != spelling:
                varied.add(key)
    return frozenset(varied)


def _add_into(total: dict[T, int], part: Mapping[T, int]) -> None:
    get = total.get
    for key, count in part.items():
        total[key] = get(key, 0) + count


def _plain_counts(plain: Mapping, key: type | tuple[type, ...]) -> dict:
    """``plain`` as counts: positive integers under keys of the shape ``key`` (a type, or a
    tuple of the types of a tuple key's items)."""
    def fits(found: object) -> bool:
        if isinstance(key, type):
            return isinstance(found, key)
        return isinstance(found, tuple) and len(found) == len(key) and \
            all(isinstance(item, kind) for item, kind in zip(found, key))

    counts = dict(plain)
    for found, count in counts.items():
        if not fits(found) or isinstance(count, bool) or not isinstance(count, int) or count < 1:
            raise ValueError(f"not a count: {found!r}: {count!r}")
    return counts


def _add(left: Mapping[T, int], right: Mapping[T, int]) -> dict[T, int]:
    merged = Counter(left)
    merged.update(right)
    return dict(merged)


def _spelling(cases: dict[str, int]) -> Spelling:
    """The most frequent capitalisation (ties: the first in code-point order) and the total."""
    text = min(cases, key=lambda s: (-cases[s], s))
    return Spelling(text, sum(cases.values()))
