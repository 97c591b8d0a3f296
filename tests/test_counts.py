"""KeyCounts: exact counts while small, a count-min sketch past the limit, merged in any order."""

from __future__ import annotations

import json
import pickle
import random
from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from termcheck.corpus.counts import MAX_COUNT, KeyCounts

KEYS = st.integers(min_value=0, max_value=2**64 - 1)
DOCUMENTS = st.lists(st.frozensets(st.sampled_from(range(40)) | KEYS, max_size=8), max_size=30)


def counted(documents: list[frozenset[int]], limit: int) -> KeyCounts:
    counts = KeyCounts(limit=limit)
    for keys in documents:
        counts.add(keys)
    return counts


def test_counts_are_exact_below_the_limit() -> None:
    counts = counted([frozenset({1, 2}), frozenset({2}), frozenset({2, 3})], limit=10)
    assert counts.is_exact and len(counts) == 3
    assert [counts.count(k) for k in (1, 2, 3, 4)] == [1, 3, 1, 0]
    assert counts.at_least(2) == {2}


def test_past_the_limit_counts_are_estimated_and_never_under() -> None:
    rng = random.Random(7)
    documents = [frozenset({1, 2} | {rng.getrandbits(64) for _ in range(5)}) for _ in range(300)]
    counts = counted(documents, limit=100)
    assert not counts.is_exact and counts.at_least(2) is None
    assert counts.count(1) == counts.count(2) == 300  # heavy keys: no collision in every row
    truth: dict[int, int] = {}
    for keys in documents:
        for key in keys:
            truth[key] = truth.get(key, 0) + 1
    assert all(counts.count(key) >= seen for key, seen in truth.items())
    assert sum(counts.count(key) > seen for key, seen in truth.items()) <= 2


@settings(max_examples=60, deadline=None)
@given(DOCUMENTS, st.data())
def test_merging_partitions_in_any_grouping_gives_the_same_counts(
        documents: list[frozenset[int]], data: st.DataObject) -> None:
    """The decision table must not depend on how the corpus was split (issue: Dask folds)."""
    for limit in (5, 1000):  # sketch and exact regimes
        whole = counted(documents, limit)
        cuts = sorted(data.draw(st.lists(st.integers(0, len(documents)), max_size=4)))
        parts = [documents[a:b] for a, b in zip([0, *cuts], [*cuts, len(documents)])]
        partials = [counted(part, limit) for part in parts]
        order = data.draw(st.permutations(range(len(partials))))
        total = KeyCounts(limit=limit)
        for index in order:
            total = total.copy().merge_into(partials[index])
        assert total == whole


@pytest.mark.parametrize("limit", [3, 1000])
def test_counts_survive_a_json_round_trip(limit: int) -> None:
    counts = counted([frozenset({1, 2**63, 5}), frozenset({5, 9})], limit)
    again = KeyCounts.from_plain(json.loads(json.dumps(counts.to_plain())))
    assert again == counts and again.count(5) == 2


@pytest.mark.parametrize("plain", [
    {"sketch": "AAAA", "rows": 4, "width_bits": 18},  # too short
    {"sketch": "AAAA", "rows": 3, "width_bits": 18},
    {"rows": 4, "width_bits": 18},
    {"exact": [[1, 0]]}, {"exact": [[1, -3]]}, {"exact": [[1, 2**32]]}, {"exact": [[1, 1.5]]},
    {"exact": [[-1, 1]]}, {"exact": [[2**64, 1]]}, {"exact": [[1, 1], [1, 2]]},
    {"exact": [[1, True]]}, {"exact": [1]}, {"exact": "x"}, [], "sketch",
])
def test_malformed_counts_from_a_profile_file_are_refused(plain: object) -> None:
    """A --profile file is user input: anything but what to_plain writes is a ValueError."""
    with pytest.raises(ValueError):
        KeyCounts.from_plain(plain)


def test_a_sketch_cell_saturates_instead_of_overflowing() -> None:
    full = KeyCounts(Counter({5: MAX_COUNT, 6: 1}), limit=1)  # over the limit: a sketch
    assert not full.is_exact
    full.merge_into(full.copy())
    full.add([5])
    assert full.count(5) == MAX_COUNT


@pytest.mark.parametrize("pending", [1, 3, 1000])
def test_counts_folded_into_sorted_arrays_are_those_of_a_dict(monkeypatch, pending: int) -> None:
    """The exact counts sit in sorted arrays and a small dict folded into them: whatever the
    dict's size, parts added, merged (also after pickling, as workers send them) and read back
    give a dict's counts."""
    monkeypatch.setattr("termcheck.corpus.counts.PENDING_LIMIT", pending)
    rng = random.Random(pending)
    pool = [rng.getrandbits(64) for _ in range(50)]
    documents = [frozenset(rng.sample(pool, rng.randint(0, 6))) for _ in range(80)]
    truth = Counter(key for keys in documents for key in keys)
    parts = [counted(documents[start:start + 20], limit=1000) for start in range(0, 80, 20)]
    total = KeyCounts(limit=1000)
    for part in parts:
        total.merge_into(pickle.loads(pickle.dumps(part)))
    assert total.is_exact and len(total) == len(truth)
    assert all(total.count(key) == seen for key, seen in truth.items())
    assert total.at_least(3) == {key for key, seen in truth.items() if seen >= 3}
    assert total.to_plain() == {"exact": sorted(truth.items())}
    assert dict(total.keeping(2).items()) == {key: seen for key, seen in truth.items() if seen >= 2}


def test_the_table_turns_into_a_sketch_exactly_past_the_limit(monkeypatch) -> None:
    """Pending counts of keys already stored do not count as new keys."""
    monkeypatch.setattr("termcheck.corpus.counts.PENDING_LIMIT", 2)
    counts = counted([frozenset({1, 2, 3}), frozenset({1, 2, 3}), frozenset({3, 4})], limit=4)
    assert counts.is_exact and counts.count(3) == 3
    counts.add([5])
    assert not counts.is_exact and counts.count(3) >= 3


def test_moving_to_the_sketch_holds_no_list_of_the_counts() -> None:
    """The move past the limit reads the exact counts as the sketch fills: at most the sketch
    (4 MB) is added for a moment, not a tuple of two Python ints per key (7 MB for 50,000)."""
    import tracemalloc

    from termcheck.corpus.counts import _empty_sketch

    sketch_bytes = len(_empty_sketch()) * _empty_sketch().itemsize
    counts = KeyCounts(limit=50_000)
    counts.add(range(2**40, 2**40 + 50_000))  # exact still: at the limit, not past it
    assert counts.is_exact and len(counts) == 50_000
    tracemalloc.start()
    try:
        counts.add([1])
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert not counts.is_exact and counts.count(2**40 + 7) == 1
    assert peak < sketch_bytes + 1_000_000


def test_folding_new_keys_grows_the_arrays_in_place() -> None:
    """New keys are inserted into the sorted arrays where they stand: a fold adds the room for
    them, not a second copy of the table (merged into new arrays, 50,000 keys held 1.2 MB
    twice for a moment)."""
    import tracemalloc

    counts = KeyCounts(limit=100_000)
    counts.add(range(0, 100_000, 2))  # 50,000 even keys
    assert len(counts) == 50_000
    table_bytes = 50_000 * 12
    tracemalloc.start()
    try:
        counts.add([1, 50_001, 99_999, 200_000])  # between, among and after the stored keys
        len(counts)  # folds them in
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert list(counts.items())[:3] == [(0, 1), (1, 1), (2, 1)]
    assert counts.count(50_001) == counts.count(200_000) == counts.count(50_000) == 1
    assert len(counts) == 50_004
    assert peak < table_bytes // 2


def test_a_new_key_below_every_stored_one_moves_the_table_without_a_copy() -> None:
    """The old keys move up in place: a key that sorts first copies no part of the table."""
    import tracemalloc

    counts = KeyCounts(limit=100_000)
    counts.add(range(2, 100_002, 2))
    len(counts)
    tracemalloc.start()
    try:
        counts.add([1])
        len(counts)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert list(counts.items())[:2] == [(1, 1), (2, 1)] and len(counts) == 50_001
    assert peak < 50_000  # the whole table is 600 kB


def test_counts_are_empty_until_something_is_counted_and_an_empty_merge_changes_nothing() -> None:
    """BP100's profile pass skips merging a document without an eligible line (``is_empty``):
    exact or estimated, merging empty counts would have left the total as it was."""
    from termcheck.config import Config
    from termcheck.context import Context, Resources
    from termcheck.document import Document
    from termcheck.rules import repeated

    assert KeyCounts().is_empty and KeyCounts(Counter()).is_empty
    assert not KeyCounts(Counter({7: 1})).is_empty
    for limit in (2, 1000):  # past the limit (a sketch) and exact
        total = KeyCounts(limit=limit)
        total.add(range(5))
        before = sorted(total.items()) if total.is_exact else [total.count(k) for k in range(9)]
        total.merge_into(KeyCounts())
        after = sorted(total.items()) if total.is_exact else [total.count(k) for k in range(9)]
        assert after == before and not total.is_empty
    ctx = Context(config=Config(lang="en"), resources=Resources(), lang="en")
    one_line = repeated.collect(Document("A single line of an article.\n"), ctx)
    assert one_line.counts.is_empty and one_line.documents == 1
    merged = repeated.merge_into(repeated.LineCounts(), one_line)
    assert merged.documents == 1 and merged.counts.is_empty
