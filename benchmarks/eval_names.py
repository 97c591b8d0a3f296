"""Run NM002 on the WMT21 ru-en system outputs and references, one file = one corpus.

Usage: python benchmarks/eval_names.py ../shared/corpora/wmt21-news [--show]

Prints the number of NM002 findings per file (safe / display only) and, with --show, every
distinct (spelling → suggestion) pair with its count, for judging by hand.
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

from termcheck.api import lint_text
from termcheck.config import Config


def findings_of(path: Path) -> list[tuple[str, str, str]]:
    text = path.read_text(encoding="utf-8")
    found = lint_text(text, Config(select=("NM002",)), str(path))
    return [(f.matched, f.fix.edits[0].replacement if f.fix else "",
             f.fix.applicability.value if f.fix else "") for f in found]


def main(folder: str, show: bool) -> None:
    root = Path(folder)
    paths = sorted(root.glob("system-outputs/*.ru-en.*")) + sorted(root.glob("references/*ru-en*"))
    pairs: Counter[tuple[str, str, str]] = Counter()
    for path in paths:
        found = findings_of(path)
        safe = sum(1 for f in found if f[2] == "safe")
        print(f"{path.name}: {len(found)} findings ({safe} safe)")
        pairs.update(found)
    if show:
        for (surface, suggestion, applicability), count in sorted(pairs.items()):
            print(f"{count:3} {surface} -> {suggestion} [{applicability}]")


if __name__ == "__main__":
    main(sys.argv[1], "--show" in sys.argv[2:])
