"""Lint throughput against glossary size: 100, 10,000 and 100,000 generated terms, same text.

Run from the repository root: ``python benchmarks/glossary_bench.py [--repeat N]``. The glossary is
built once per size (build time reported apart); throughput is the best of N runs of the
terminology rules (NM001, TM001) over the same ~100 KB of news-like text. The matcher is one
Aho-Corasick automaton, so the time should hardly depend on the number of terms.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from termcheck.config import Config
from termcheck.context import Resources
from termcheck.document import Document
from termcheck.engine import check_document

SIZES = (100, 10_000, 100_000)
SENTENCES = (
    "President Kassym-Shomart Tokayev said on Monday that the OVKS troops would leave Almaty.",
    "Kremlin spokesman Dmitri Peskov told reporters in Moscow that NATO had not been consulted.",
    "The European Union and the UN called for restraint after the protests over fuel prices.",
    "Ministers of the alliance met in Brussels to discuss the deployment and its cost.",
)


def make_text(size_chars: int = 100_000, seed: int = 1) -> str:
    rng = random.Random(seed)
    parts: list[str] = []
    while sum(len(p) + 1 for p in parts) < size_chars:
        parts.append(rng.choice(SENTENCES))
    return "\n".join(parts) + "\n"


def make_glossary(path: Path, terms: int, seed: int = 2) -> None:
    """Concepts of one preferred and one forbidden made-up name (two terms per concept)."""
    rng = random.Random(seed)
    letters = "abcdefghijklmnoprstuvyz"
    rows = ["concept\tlang\tterm\tstatus\tnote\tcase\tdomain"]
    for index in range(terms // 2):
        word = "".join(rng.choice(letters) for _ in range(rng.randint(5, 10))).capitalize()
        rows.append(f"c{index}\ten\t{word}ov\tpreferred\t\t\tperson")
        rows.append(f"c{index}\ten\t{word}off\tforbidden\t\t\tperson")
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")


def measure(text: str, glossary: Path, repeat: int) -> tuple[float, float, int]:
    """(build seconds, best check seconds, findings) for one glossary."""
    config = Config(lang="en", select=("NM001", "TM001"), glossaries=(glossary,))
    resources = Resources()
    doc = Document(text=text, path="bench.txt")
    started = time.perf_counter()
    findings = len(check_document(doc, config, resources=resources).findings)
    build = time.perf_counter() - started
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        check_document(doc, config, resources=resources)
        best = min(best, time.perf_counter() - started)
    return build, best, findings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    text = make_text()
    print(f"text: {len(text):,} characters")
    print(f"{'terms':>8} {'first run s':>12} {'check s':>9} {'MB/s':>7} "
          f"{'findings':>9} {'vs 100':>7}")
    baseline = None
    with tempfile.TemporaryDirectory() as tmp:
        for size in SIZES:
            path = Path(tmp) / f"g{size}.tsv"
            make_glossary(path, size)
            build, best, findings = measure(text, path, args.repeat)
            baseline = baseline or best
            print(f"{size:>8,} {build:>12.3f} {best:>9.4f} {len(text) / best / 1e6:>7.2f} "
                  f"{findings:>9} {best / baseline:>6.2f}x")


if __name__ == "__main__":
    main()
