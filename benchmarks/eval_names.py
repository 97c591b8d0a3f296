"""Measure NM002 (name-inconsistent) on the real corpora in ../shared/corpora.

Usage: python benchmarks/eval_names.py ../shared/corpora [--show]

- wmt21-news ru-en system outputs and references, and en-de ones: one file = one corpus;
- mqm-generalmt2023-ende: the documents of each system = one corpus;
- scrapinghub-aeb gold article bodies: the folder = one corpus.

Prints the number of findings (and safe fixes) per corpus and, with --show, every distinct
(spelling → suggestion) pair with its count, for judging by hand.
"""

from __future__ import annotations

import csv
import sys
from collections import Counter, defaultdict
from pathlib import Path

from termcheck.config import Config
from termcheck.document import Document
from termcheck.engine import check_document, collect_profile

Pairs = Counter[tuple[str, str, str]]


def check_corpus(documents: list[Document], config: Config, pairs: Pairs) -> tuple[int, int]:
    """Findings and safe fixes of NM002 over ``documents`` taken as one corpus."""
    profile = collect_profile(documents, config)
    total = safe = 0
    for doc in documents:
        for finding in check_document(doc, config, profile).findings:
            fix = finding.fix
            applicability = fix.applicability.value if fix else ""
            pairs[(finding.matched, fix.edits[0].replacement if fix else "", applicability)] += 1
            total += 1
            safe += applicability == "safe"
    return total, safe


def wmt(root: Path, pattern: str, lang: str, pairs: Pairs) -> None:
    config = Config(select=("NM002",), lang=lang)
    for path in sorted(root.glob(pattern)):
        doc = Document(path.read_text(encoding="utf-8"), str(path), lang=lang)
        print(f"{path.name}: %d findings (%d safe)" % check_corpus([doc], config, pairs))


def mqm(root: Path, pairs: Pairs) -> None:
    csv.field_size_limit(1 << 30)
    segments: dict[tuple[str, str], dict[int, str]] = defaultdict(dict)
    with (root / "segments.tsv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
            segments[(row["system"], row["doc"])][int(row["docSegId"])] = row["target"]
    systems: dict[str, list[Document]] = defaultdict(list)
    for (system, doc), lines in sorted(segments.items()):
        text = "\n".join(lines[k] for k in sorted(lines))
        systems[system].append(Document(text, f"{system}/{doc}", lang="de"))
    config = Config(select=("NM002",), lang="de")
    total = safe = 0
    for documents in systems.values():
        found, fixed = check_corpus(documents, config, pairs)
        total, safe = total + found, safe + fixed
    print(f"mqm-generalmt2023-ende ({len(segments)} system documents, {len(systems)} systems): "
          f"{total} findings ({safe} safe)")


def gold(root: Path, pairs: Pairs) -> None:
    paths = sorted(root.glob("*.txt"))
    documents = [Document(p.read_text(encoding="utf-8"), str(p)) for p in paths]
    found, safe = check_corpus(documents, Config(select=("NM002",)), pairs)
    print(f"scrapinghub-aeb gold ({len(paths)} articles): {found} findings ({safe} safe)")


def main(corpora: str, show: bool) -> None:
    root = Path(corpora)
    sets = [("ru-en", lambda p: wmt(root / "wmt21-news", "*/*.ru-en.*", "en", p)),
            ("en-de", lambda p: wmt(root / "wmt21-news", "*/*.en-de.*de", "de", p)),
            ("mqm", lambda p: mqm(root / "mqm-generalmt2023-ende", p)),
            ("gold", lambda p: gold(root / "scrapinghub-aeb" / "gold", p))]
    for name, run in sets:
        pairs: Pairs = Counter()
        print(f"== {name}")
        run(pairs)
        if show:
            for (surface, suggestion, applicability), count in sorted(pairs.items()):
                print(f"  {count:3} {surface} -> {suggestion} [{applicability}]")


if __name__ == "__main__":
    main(sys.argv[1], "--show" in sys.argv[2:])
