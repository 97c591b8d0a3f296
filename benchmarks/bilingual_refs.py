"""Bilingual rules on correct translations: WMT21 sources → human references, per 1,000 segments.

    python benchmarks/bilingual_refs.py [--shared DIR] [--show CODE,...] [--systems]
    python benchmarks/bilingual_refs.py --ratios   # rewrites glossaries/bilingual/length-ratios.tsv

A human reference keeps every identifier, code and question of its source, so each finding of a
transfer rule on it is a false alarm or an error of the reference: the figure is an upper bound
of the false-alarm rate (target: under 2 per 1,000 segments). ``--systems`` also counts the
findings on the WMT21 system outputs of the same pairs, ``--show`` prints the findings of some
rules (reference, line, matched text) for reading by hand.

``--ratios`` learns BL007's length bounds: for each language pair, the 0.1st and 99.9th
percentiles of log(target letters / source letters) over reference segments whose source has
at least 80 letters, widened by three quarters of their distance from the median; the ``* *``
row pools all pairs. The output is deterministic (sorted, rounded to 3 decimals). Its report
also gives each pair's rate with the bounds learned *without* that pair (the rate on an unseen
language pair).
Skips with a message when ../shared/corpora is absent.
"""

from __future__ import annotations

import argparse
import math
import statistics
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from termcheck.bilingual import Pair, lint_pairs  # noqa: E402
from termcheck.config import Config  # noqa: E402
from termcheck.document import Document  # noqa: E402
from termcheck.rules.transfer import MIN_RATIO_LETTERS, _letters  # noqa: E402

RULES = ("BL004", "BL005", "BL006", "BL007", "BL008", "BL009", "BL010", "BL011")
FOLDERS = ("wmt21-news", "wmt21-news-ru-fr")
RATIOS = ROOT / "glossaries" / "bilingual" / "length-ratios.tsv"
LOW_PERCENTILE, HIGH_PERCENTILE = 0.001, 0.999
WIDEN = 0.75


def pair_files(shared: Path, kind: str) -> list[tuple[str, str, Path, Path]]:
    """(source lang, target lang, source file, target file) of every reference (or system)."""
    found = []
    for folder in FOLDERS:
        base = shared / folder
        sources = {p.name.split(".")[1]: p for p in sorted((base / "sources").glob("*"))}
        for path in sorted((base / kind).glob("newstest2021.*")):
            pair = path.name.split(".")[1]
            if pair in sources:
                source_lang, target_lang = pair.split("-")
                found.append((source_lang, target_lang, sources[pair], path))
    return found


def segment_pairs(source: Path, target: Path) -> list[tuple[str, str]]:
    return list(zip(source.read_text(encoding="utf-8").splitlines(),
                    target.read_text(encoding="utf-8").splitlines()))


def log_ratios(files: list[tuple[str, str, Path, Path]]) -> dict[tuple[str, str], list[float]]:
    ratios: dict[tuple[str, str], list[float]] = {}
    for source_lang, target_lang, source, target in files:
        for s, t in segment_pairs(source, target):
            if _letters(s) >= MIN_RATIO_LETTERS:
                ratios.setdefault((source_lang, target_lang), []).append(
                    math.log(max(_letters(t), 1) / _letters(s)))
    return ratios


def quantile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * (len(ordered) - 1))))]


def bounds(values: list[float]) -> tuple[float, float]:
    median = statistics.median(values)
    low, high = quantile(values, LOW_PERCENTILE), quantile(values, HIGH_PERCENTILE)
    return (round(low - WIDEN * (median - low), 3), round(high + WIDEN * (high - median), 3))


def write_ratios(shared: Path) -> None:
    ratios = log_ratios(pair_files(shared, "references"))
    pooled = [v for values in ratios.values() for v in values]
    rows = [("*", "*", *bounds(pooled), len(pooled))]
    rows += [(s, t, *bounds(v), len(v)) for (s, t), v in sorted(ratios.items())]
    lines = ["# BL007 (length-ratio): usual range of log(target letters / source letters) per",
             "# language pair, learned from the WMT21 newstest2021 human references by",
             "# benchmarks/bilingual_refs.py --ratios (0.1st/99.9th percentiles widened by 3/4 of",
             "# their distance from the median; segments with >= 80 source letters). `* *` pools",
             "# every pair and serves pairs not listed. Regenerate; do not edit by hand.",
             "source\ttarget\tlow\thigh\tsegments"]
    lines += ["\t".join(str(c) for c in row) for row in rows]
    RATIOS.parent.mkdir(parents=True, exist_ok=True)
    RATIOS.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {RATIOS.relative_to(ROOT)}")
    for pair, values in sorted(ratios.items()):
        others = [v for p, vs in ratios.items() if p != pair for v in vs]
        low, high = bounds(others)
        outside = sum(1 for v in values if not low <= v <= high)
        print(f"{pair[0]}-{pair[1]}: {len(values)} segments, {outside} outside the bounds "
              f"learned without this pair ({1000 * outside / len(values):.1f} per 1,000)")


def count(files: list[tuple[str, str, Path, Path]], shown: set[str]) -> None:
    print(f"{'file':<34} {'segments':>8} " + " ".join(f"{c:>6}" for c in RULES))
    total: Counter[str] = Counter()
    segments_total = 0
    for source_lang, target_lang, source, target in files:
        pairs = segment_pairs(source, target)
        documents = [Pair(Document(t, path=f"{target.name}:{i}"), Document(s), source_lang)
                     for i, (s, t) in enumerate(pairs, 1)]
        findings = lint_pairs(documents, Config(lang=target_lang, select=RULES)).findings
        counts = Counter(f.code for f in findings)
        total.update(counts)
        segments_total += len(pairs)
        print(f"{target.name:<34} {len(pairs):>8} " + " ".join(f"{counts[c]:>6}" for c in RULES))
        for finding in findings:
            if finding.code in shown:
                print(f"    {finding.code} {finding.path} {finding.message}")
    print(f"{'per 1,000 segments':<34} {segments_total:>8} "
          + " ".join(f"{1000 * total[c] / segments_total:>6.1f}" for c in RULES))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--show", default="")
    parser.add_argument("--systems", action="store_true")
    parser.add_argument("--ratios", action="store_true")
    args = parser.parse_args()
    shared = args.shared / "corpora"
    if not shared.is_dir():
        print(f"skipped: {shared} not found")
        return
    if args.ratios:
        write_ratios(shared)
        return
    shown = set(filter(None, args.show.split(",")))
    count(pair_files(shared, "references"), shown)
    if args.systems:
        count(pair_files(shared, "system-outputs"), shown)


if __name__ == "__main__":
    main()
