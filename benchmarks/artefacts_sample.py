"""Findings of one rule on real MT output, sampled for judging (``benchmarks/judged/``).

Lints each file (one document per file, each system on its own) with only the given rule,
samples up to ``--sample`` findings at random with a fixed seed, and prints judged-file rows with
an empty verdict plus, on stderr, the context of each finding (never committed)::

    python3 benchmarks/artefacts_sample.py EN003 --lang auto FILE... > rows.tsv

Also counts findings per 1,000 lines (``--rate``), for the human references.
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

from termcheck.config import Config
from termcheck.document import Document
from termcheck.engine import check_document

CORPORA = Path(__file__).resolve().parents[2] / "shared" / "corpora"


def _lang_of(path: Path, lang: str) -> str:
    if lang != "auto":
        return lang
    if path.parent.name.startswith("sys-") or path.parent.name == "source-en":
        return path.parent.parent.name.split("-")[1]
    return path.suffix.lstrip(".")


def _escape(text: str) -> str:
    return text.replace("\t", "\\t").replace("\n", "\\n")


def findings(code: str, paths: list[Path], lang: str) -> tuple[list[tuple], int]:
    rows, lines = [], 0
    for path in paths:
        text = path.read_text(encoding="utf-8")
        lines += text.count("\n") + 1
        config = Config(lang=_lang_of(path, lang), select=(code,))
        for finding in check_document(Document(text, path=str(path)), config).findings:
            if finding.code == code:
                rows.append((path, finding, text))
    return rows, lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("code")
    parser.add_argument("paths", nargs="+", type=Path)
    parser.add_argument("--lang", default="auto")
    parser.add_argument("--sample", type=int, default=40)
    parser.add_argument("--seed", type=int, default=14)
    parser.add_argument("--rate", action="store_true", help="only count findings per 1,000 lines")
    args = parser.parse_args(argv)
    rows, lines = findings(args.code, args.paths, args.lang)
    if args.rate:
        print(f"{args.code}: {len(rows)} findings in {lines} lines "
              f"({1000 * len(rows) / max(lines, 1):.2f} per 1,000 lines)")
        return 0
    random.Random(args.seed).shuffle(rows)
    sampled = min(len(rows), args.sample)
    print(f"# {len(rows)} findings in total, {sampled} sampled", file=sys.stderr)
    for path, finding, text in sorted(rows[:args.sample], key=lambda r: (str(r[0]), r[1].start)):
        rel = (path.resolve().relative_to(CORPORA.resolve())
               if path.resolve().is_relative_to(CORPORA.resolve()) else path)
        span = _escape(finding.matched[:60])
        print(f"{rel}\t{finding.start}\t{finding.end}\t{span}\t\t")
        context = text[max(0, finding.start - 150):finding.end + 100]
        print(f"--- {rel}:{finding.start} {finding.message}\n{context}\n", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
