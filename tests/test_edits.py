"""The ledger: composing rounds of edits onto the original and rebuilding it exactly."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from termcheck.edits import Change, TaggedEdit, apply_changes, apply_edits, compose, restore
from termcheck.model import Edit


@st.composite
def text_and_edits(draw, alphabet: str = "ab \n“”") -> tuple[str, list[Edit]]:
    text = draw(st.text(alphabet=alphabet, max_size=30))
    cuts = sorted(draw(st.lists(st.integers(0, len(text)), max_size=8)))
    edits, position = [], 0
    for start, end in zip(cuts[::2], cuts[1::2]):
        if start >= position:
            edits.append(Edit(start, end, draw(st.text(alphabet="xy«", max_size=3))))
            position = end if end > start else end + 1
    return text, edits


def tag(edits: list[Edit], code: str) -> list[TaggedEdit]:
    return [TaggedEdit(e, code, f"reason {code}") for e in edits]


@given(st.data())
def test_two_rounds_compose_into_one_ledger_on_the_original(data) -> None:
    original, first = data.draw(text_and_edits())
    ledger = compose(original, [], tag(first, "AA001"))
    middle = apply_changes(original, ledger)
    assert middle == apply_edits(original, first)
    _, second = data.draw(text_and_edits().filter(lambda te: True))
    second = [e for e in second if e.end <= len(middle)]
    ledger = compose(original, ledger, tag(second, "BB002"))
    assert apply_changes(original, ledger) == apply_edits(middle, second)
    assert restore(apply_changes(original, ledger), ledger) == original
    for change in ledger:
        assert original[change.start:change.end] == change.removed


def test_a_later_edit_over_an_earlier_change_merges_into_one_record() -> None:
    original = "Keep.\nby Dmitri Peskov\nKeep."
    ledger = compose(original, [], tag([Edit(9, 15, "Dmitry")], "NM001"))
    assert apply_changes(original, ledger) == "Keep.\nby Dmitry Peskov\nKeep."
    ledger = compose(original, ledger, tag([Edit(6, 23, "")], "BP001"))
    assert apply_changes(original, ledger) == "Keep.\nKeep."
    assert ledger == [Change(6, 23, "by Dmitri Peskov\n", "", ("NM001", "BP001"),
                             ("reason NM001", "reason BP001"))]
    assert restore("Keep.\nKeep.", ledger) == original


def test_change_round_trips_through_dict() -> None:
    change = Change(0, 3, "abc", "x", ("BP001",), ("Delete boilerplate line",))
    assert Change.from_dict(change.to_dict()) == change
