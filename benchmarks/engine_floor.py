"""The engine's own cost per document: ``check_document`` with one cheap rule, and the
building and rendering of findings.

    python benchmarks/engine_floor.py DIR [--select SP001] [--repeat 5]

Prints CPU microseconds per document of ``check_document`` (rules selected by ``--select``),
then, over the default rules' findings of DIR, the CPU seconds of ``make_findings`` (as the
engine calls it: once per document and rule) and of
rendering them as text and JSON (the best of ``--repeat`` runs of each).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from termcheck.config import Config
from termcheck.document import Document
from termcheck.engine import check_document, make_findings, rules_for


def documents(paths: list[str]) -> list[Document]:
    from termcheck.pipeline import Walk
    from termcheck.pipeline import documents as read_all

    return [doc for doc in read_all(paths, Walk()) if isinstance(doc, Document)]


def best(repeat: int, work) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(repeat):
        start = time.process_time()
        work()
        times.append(time.process_time() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("paths", nargs="+")
    parser.add_argument("--select", default="SP001")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    docs = documents(args.paths)
    floor = Config(select=tuple(args.select.split(",")), lang="en")
    check_document(docs[0], floor)  # data loaded once, outside the timing

    seconds = best(args.repeat, lambda: [check_document(d, floor) for d in docs])
    print(f"check_document --select {args.select}: {1e6 * seconds / len(docs):.1f} µs/document "
          f"({len(docs)} documents)")

    config = Config(lang="en")
    hits = []
    for doc in docs:
        rules = {r.code: r for r in rules_for(config, doc.path)}
        for found in check_document(doc, config).findings:
            hits.append((doc, rules[found.code], found))
    print(f"{len(hits)} findings")
    from itertools import groupby

    from termcheck.model import Hit

    raw = [(doc, rule, [Hit(f.start, f.end, f.message, f.fix) for _, _, f in group])
           for (doc, rule), group in groupby(hits, key=lambda found: found[:2])]
    seconds = best(args.repeat, lambda: [make_findings(d, r, h) for d, r, h in raw])
    print(f"make_findings: {seconds:.3f} s")
    findings = [f for _, _, f in hits]
    from termcheck.report import render_findings

    for fmt in ("text", "json"):
        seconds = best(args.repeat, lambda fmt=fmt: render_findings(fmt, False, findings))
        print(f"render {fmt}: {seconds:.3f} s")


if __name__ == "__main__":
    main()
