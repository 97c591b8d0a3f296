"""Time grows linearly with line length: lint one single-line document of growing size.

    python benchmarks/long_line.py [--max 100MB] [--unit '"']

``--unit`` repeats another text instead of news prose: a run of quote marks ('"', "«»„“"), of
": " or of "(" is the hostile case for the pairing and spacing rules. Prints seconds and seconds
per MB for each size (doubling). Constant seconds per MB means linear time; quadratic behaviour
would double it at every step.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from termcheck.config import Config
from termcheck.document import Document
from termcheck.engine import check_document

UNIT = "Die Regierung (dpa) sagte „nein“ und [Reuters] ging. dpa) "


def line_of(size: int, unit: str = UNIT) -> bytes:
    line = (unit * (size // len(unit.encode()) + 1)).encode()[:size]
    return line.rsplit(b" ", 1)[0] if " " in unit else line.decode(errors="ignore").encode()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--max", default="100MB", help="largest line, e.g. 16MB, 100MB")
    parser.add_argument("--select", default="ALL", help="rules to run (default ALL)")
    parser.add_argument("--unit", default=UNIT, help="the text repeated to fill the line")
    args = parser.parse_args()
    largest = int(float(args.max.upper().removesuffix("MB")) * 1_000_000)
    config = Config(select=tuple(args.select.split(",")))
    size = 1_000_000
    print(f"{'MB':>6} {'seconds':>9} {'s/MB':>7} findings")
    while size <= largest:
        data = line_of(size, args.unit)
        start = time.perf_counter()
        doc = Document.from_bytes(data, "long.txt")
        findings = check_document(doc, config).findings
        elapsed = time.perf_counter() - start
        print(f"{len(data) / 1e6:6.0f} {elapsed:9.2f} {elapsed / (len(data) / 1e6):7.3f} "
              f"{len(findings)}", flush=True)
        size *= 2
    if size // 2 < largest:
        print("(sizes double; the last one below --max is shown)")


if __name__ == "__main__":
    main()
