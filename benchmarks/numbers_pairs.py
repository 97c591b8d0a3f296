"""NU001 (number-mismatch) on the WMT21 pairs: findings per 1,000 segments, and samples to judge.

    python3 benchmarks/numbers_pairs.py [--shared DIR] [--kind references|system-outputs|wmt24|mqm]
        [--rules NU001] [--show] [--sample N --seed S --exclude FILE ...] [--options JSON]

Reads every source → reference (or source → system output) pair of wmt21-news and
wmt21-news-ru-fr, one pair per segment (as ``benchmarks/bilingual_refs.py`` does), or with
``--kind wmt24`` every WMT24 system article of wmt24-news-multi (en → cs, es, hi, is, ja, uk,
zh, 8 systems each) against its English source, one pair per paragraph, or with ``--kind mqm``
the WMT23 MQM en-de segments (mqm-generalmt2023-ende/segments.tsv), and lints it
with the number rule and prints the findings per 1,000 segments of each file. ``--show`` prints
each finding (file, line, message); ``--sample`` draws N findings at random (fixed ``--seed``)
and prints them as rows of the judged format (``benchmarks/judge.py``: path relative to
../shared/corpora, code-point offsets in the file, span, ``?`` verdict) followed by an indented
``src:`` / ``ctx:`` line for reading: that text is third-party and never goes into the
repository. Skips with a message when ../shared/corpora is absent.
"""

from __future__ import annotations

import argparse
import random
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from bilingual_refs import pair_files, segment_pairs  # noqa: E402

from termcheck.bilingual import Pair, lint_pairs  # noqa: E402
from termcheck.config import Config  # noqa: E402
from termcheck.document import Document  # noqa: E402


def wmt24_files(shared: Path) -> list[tuple[str, str, Path, Path]]:
    """(source lang, target lang, source file, target file) of every WMT24 system article."""
    found = []
    for folder in sorted((shared / "wmt24-news-multi").glob("en-*")):
        target_lang = folder.name.split("-")[1]
        for path in sorted(folder.glob("sys-*/*.txt")):
            found.append(("en", target_lang, folder / "source-en" / path.name, path))
    return found


def mqm_findings(shared: Path, rules: tuple[str, ...]) -> tuple[list, int]:
    """The rows of :func:`findings_of` for the WMT23 MQM en-de segments (``segments.tsv``: one
    source → system output pair per row; offsets are the target cell's in the file)."""
    path = shared / "mqm-generalmt2023-ende" / "segments.tsv"
    lines = path.read_text(encoding="utf-8").split("\n")
    header = lines[0].split("\t")
    source_column, target_column = header.index("source"), header.index("target")
    pairs, offsets, position = [], [], len(lines[0]) + 1
    for line in lines[1:]:
        cells = line.split("\t")
        if len(cells) > target_column:
            before = sum(len(c) + 1 for c in cells[:target_column])
            pairs.append((cells[source_column], cells[target_column]))
            offsets.append(position + before)
        position += len(line) + 1
    documents = [Pair(Document(t, path=str(i)), Document(s), "en")
                 for i, (s, t) in enumerate(pairs)]
    report = lint_pairs(documents, Config(lang="de", select=rules))
    for problem in report.problems:
        print(f"PROBLEM {path.name}: {problem.code} {problem.message}")
    relative = path.relative_to(shared)
    rows = [(relative, int(f.path), offsets[int(f.path)], f, *pairs[int(f.path)])
            for f in report.findings]
    print(f"{relative!s:<40} {len(pairs):>6} {len(rows)} findings")
    return rows, len(pairs)


def findings_of(shared: Path, kind: str, rules: tuple[str, ...]) -> tuple[list, int]:
    """(file, line number, line offset in file, finding, source line, target line) rows."""
    if kind == "mqm":
        return mqm_findings(shared, rules)
    rows = []
    total = 0
    files = wmt24_files(shared) if kind == "wmt24" else pair_files(shared, kind)
    for source_lang, target_lang, source, target in files:
        pairs = segment_pairs(source, target)
        offsets, position = [], 0
        for _, t in pairs:
            offsets.append(position)
            position += len(t) + 1
        documents = [Pair(Document(t, path=str(i)), Document(s), source_lang)
                     for i, (s, t) in enumerate(pairs)]
        report = lint_pairs(documents, Config(lang=target_lang, select=rules))
        findings = report.findings
        for problem in report.problems:
            print(f"PROBLEM {target.name}: {problem.code} {problem.message}")
        counts = Counter(f.code for f in findings)
        total += len(pairs)
        if kind != "wmt24":
            print(f"{target.name:<40} {len(pairs):>6} " + " ".join(
                f"{c} {counts[c]:>4} ({1000 * counts[c] / len(pairs):.1f}/1,000)" for c in rules))
        relative = target.relative_to(shared)
        for finding in findings:
            index = int(str(finding.path).rsplit(":", 1)[-1]) if ":" in str(finding.path) \
                else int(str(finding.path))
            rows.append((relative, index, offsets[index], finding, *pairs[index]))
    return rows, total


def judged_keys(paths: list[Path]) -> set[tuple[str, int, int]]:
    keys = set()
    for path in paths:
        for line in path.read_text(encoding="utf-8").splitlines():
            cells = line.split("\t")
            if len(cells) >= 3 and cells[1].isdigit():
                keys.add((cells[0], int(cells[1]), int(cells[2])))
    return keys


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--kind", default="references")
    parser.add_argument("--rules", default="NU001")
    parser.add_argument("--show", action="store_true")
    parser.add_argument("--sample", type=int, default=0)
    parser.add_argument("--seed", type=int, default=19)
    parser.add_argument("--exclude", type=Path, nargs="*", default=[])
    args = parser.parse_args()
    shared = args.shared / "corpora"
    if not shared.is_dir():
        print(f"skipped: {shared} not found")
        return
    rules = tuple(args.rules.split(","))
    rows, total = findings_of(shared, args.kind, rules)
    print(f"{'all':<40} {total:>6} {len(rows)} findings, {1000 * len(rows) / total:.2f} per 1,000")
    if args.show:
        for relative, index, _, finding, _, _ in rows:
            print(f"  {finding.code} {relative}:{index + 1} {finding.message}")
    if args.sample:
        seen = judged_keys(args.exclude)
        keyed = [(str(r[0]), r[2] + r[3].start, r[2] + r[3].end, r) for r in rows]
        keyed = [k for k in keyed if k[:3] not in seen]
        random.Random(args.seed).shuffle(keyed)
        for path, start, end, row in keyed[:args.sample]:
            finding, source, target = row[3], row[4], row[5]
            span = target[finding.start:finding.end][:60].replace("\t", "\\t")
            print(f"{path}\t{start}\t{end}\t{span}\t?\t?\t{finding.message}")
            print(f"    src: {source}")
            print(f"    ctx: {target[:finding.start]}⟦{target[finding.start:finding.end]}⟧"
                  f"{target[finding.end:]}")


if __name__ == "__main__":
    main()
