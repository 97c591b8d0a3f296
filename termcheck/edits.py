"""Applying edits, and the ledger that records every change against the original text.

A ledger is a sorted list of non-overlapping :class:`Change` records on the *original* text.
``apply_changes(original, ledger)`` gives the cleaned text and ``restore(cleaned, ledger)`` gives
the original back, so nothing is ever lost unrecorded.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterable, Sequence

from termcheck.model import Edit


@dataclass(frozen=True)
class Change:
    """One recorded change: ``original[start:end]`` (== ``removed``) became ``replacement``."""

    start: int
    end: int
    removed: str
    replacement: str
    codes: tuple[str, ...]
    reasons: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "start": self.start,
            "end": self.end,
            "removed": self.removed,
            "replacement": self.replacement,
            "codes": list(self.codes),
            "reasons": list(self.reasons),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Change:
        return cls(int(data["start"]), int(data["end"]), str(data["removed"]),
                   str(data["replacement"]), tuple(data["codes"]), tuple(data["reasons"]))


@dataclass(frozen=True, eq=False, repr=False)
class TaggedEdit:
    """An edit on the current text with the rule code and reason that produced it."""

    edit: Edit
    code: str
    reason: str


def apply_edits(text: str, edits: Iterable[Edit]) -> str:
    """Apply sorted, non-overlapping edits to ``text``."""
    parts: list[str] = []
    position = 0
    for edit in sorted(edits):
        if edit.start < position:
            raise ValueError(f"overlapping edit at {edit.start}")
        parts.append(text[position:edit.start])
        parts.append(edit.replacement)
        position = edit.end
    parts.append(text[position:])
    return "".join(parts)


def apply_changes(original: str, ledger: Sequence[Change]) -> str:
    """The text obtained by applying a ledger to its original."""
    return apply_edits(original, (Edit(c.start, c.end, c.replacement) for c in ledger))


def restore(cleaned: str, ledger: Sequence[Change]) -> str:
    """Rebuild the original text from the cleaned text and its ledger."""
    parts: list[str] = []
    position = 0
    shift = 0
    for change in ledger:
        start = change.start + shift
        parts.append(cleaned[position:start])
        parts.append(change.removed)
        position = start + len(change.replacement)
        shift += len(change.replacement) - (change.end - change.start)
    parts.append(cleaned[position:])
    return "".join(parts)


def compose(original: str, ledger: Sequence[Change], edits: Sequence[TaggedEdit]) -> list[Change]:
    """Fold edits made on ``apply_changes(original, ledger)`` into a ledger on ``original``.

    Edits that touch or overlap an earlier change are merged with it into one change that keeps
    the codes and reasons of both, so the ledger stays a flat list of spans of the original.
    """
    current = apply_changes(original, ledger)
    blocks: list[tuple[int, int, list[Change], list[TaggedEdit]]] = []
    shift = 0
    for change in ledger:
        start = change.start + shift
        blocks.append((start, start + len(change.replacement), [change], []))
        shift += len(change.replacement) - (change.end - change.start)
    blocks += [(t.edit.start, t.edit.end, [], [t]) for t in edits]
    blocks.sort(key=lambda b: (b[0], b[1]))
    merged: list[tuple[int, int, list[Change], list[TaggedEdit]]] = []
    for block in blocks:
        if merged and block[0] <= merged[-1][1] and (block[3] or merged[-1][3]):
            last = merged[-1]
            merged[-1] = (last[0], max(last[1], block[1]), last[2] + block[2], last[3] + block[3])
        else:
            merged.append(block)
    return [_merge_block(original, current, ledger, *block) for block in merged]


def _merge_block(original: str, current: str, ledger: Sequence[Change], start: int, end: int,
                 changes: list[Change], tagged: list[TaggedEdit]) -> Change:
    if not tagged:
        return changes[0]
    original_start = changes[0].start if changes and _current_start(ledger, changes[0]) == start \
        else _to_original(ledger, start)
    original_end = changes[-1].end if changes and _current_end(ledger, changes[-1]) == end \
        else _to_original(ledger, end)
    local = [Edit(t.edit.start - start, t.edit.end - start, t.edit.replacement) for t in tagged]
    replacement = apply_edits(current[start:end], local)
    codes = tuple(dict.fromkeys([c for ch in changes for c in ch.codes] + [t.code for t in tagged]))
    reasons = tuple(dict.fromkeys([r for ch in changes for r in ch.reasons]
                                  + [t.reason for t in tagged]))
    return Change(original_start, original_end, original[original_start:original_end],
                  replacement, codes, reasons)


def _current_start(ledger: Sequence[Change], target: Change) -> int:
    shift = 0
    for change in ledger:
        if change is target:
            return change.start + shift
        shift += len(change.replacement) - (change.end - change.start)
    raise ValueError("change not in ledger")


def _current_end(ledger: Sequence[Change], target: Change) -> int:
    return _current_start(ledger, target) + len(target.replacement)


def _to_original(ledger: Sequence[Change], position: int) -> int:
    """Map a position of the current text that lies outside every change to the original."""
    shift = 0
    for change in ledger:
        current_start = change.start + shift
        if position <= current_start:
            break
        shift += len(change.replacement) - (change.end - change.start)
    return position - shift
