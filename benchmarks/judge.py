"""Precision of each rule from the hand-judged samples in ``benchmarks/judged/``.

Each ``benchmarks/judged/<CODE>[.<lang>].tsv`` holds findings of one rule sampled from real MT
output that was not used to tune the rule, one verdict per row::

    # comment lines: corpus, systems, command, date
    path<TAB>start<TAB>end<TAB>span<TAB>verdict<TAB>reason

``verdict`` is ``tp`` (a defect a careful news editor wants flagged) or ``fp``. This script checks
the files (one clear line naming file and line for a malformed row) and prints tp / (tp + fp) per
file, so that the figure in each rule's ``## Precision`` section can be reproduced::

    python3 benchmarks/judge.py            # every file
    python3 benchmarks/judge.py QT001      # files of one rule
    python3 benchmarks/judge.py QT001 benchmarks/judged/before   # earlier samples of a rule

Samples judged before a rule was changed stay in ``benchmarks/judged/before/`` (the rule doc
quotes both figures); the current figure comes from the files directly under ``judged/``.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

JUDGED = Path(__file__).resolve().parent / "judged"
COLUMNS = ("path", "start", "end", "span", "verdict", "reason")
VERDICTS = ("tp", "fp")


class JudgedFileError(ValueError):
    """A malformed judged file; the message names file and line."""


@dataclass(frozen=True)
class Tally:
    """Verdict counts of one judged file."""

    name: str
    tp: int
    fp: int

    @property
    def judged(self) -> int:
        return self.tp + self.fp

    @property
    def precision(self) -> float:
        return self.tp / self.judged if self.judged else 0.0


def tally(path: Path) -> Tally:
    """Count the verdicts of one judged file, refusing malformed rows."""
    counts = dict.fromkeys(VERDICTS, 0)
    header_seen = False
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if not header_seen:
            if tuple(cells) != COLUMNS:
                raise JudgedFileError(f"{path}:{number}: header must be {' '.join(COLUMNS)}")
            header_seen = True
            continue
        if len(cells) != len(COLUMNS):
            raise JudgedFileError(f"{path}:{number}: {len(cells)} cells, expected {len(COLUMNS)}")
        if not (cells[1].isdigit() and cells[2].isdigit()) or int(cells[1]) > int(cells[2]):
            raise JudgedFileError(f"{path}:{number}: start/end must be offsets with start <= end")
        verdict = cells[4].strip()
        if verdict not in counts:
            raise JudgedFileError(f"{path}:{number}: verdict {verdict!r} is not tp or fp")
        if not cells[5].strip():
            raise JudgedFileError(f"{path}:{number}: a verdict needs a one-line reason")
        counts[verdict] += 1
    return Tally(path.name.removesuffix(".tsv"), counts["tp"], counts["fp"])


def tallies(prefix: str = "", folder: Path = JUDGED) -> list[Tally]:
    """Tallies of every judged file whose name starts with ``prefix``."""
    return [tally(path) for path in sorted(folder.glob(f"{prefix}*.tsv"))]


def main(argv: list[str]) -> int:
    try:
        folder = Path(argv[1]) if len(argv) > 1 else JUDGED
        results = tallies(argv[0] if argv else "", folder)
    except JudgedFileError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    print(f"{'file':<16} {'judged':>6} {'tp':>4} {'fp':>4} {'precision':>9}")
    for result in results:
        print(
            f"{result.name:<16} {result.judged:>6} {result.tp:>4} {result.fp:>4}"
            f" {result.precision:>9.1%}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
