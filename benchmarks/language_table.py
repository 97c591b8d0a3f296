"""Findings per 1,000 lines and judged precision per default-on rule and language (README).

    python3 benchmarks/language_table.py [--termcheck CMD] [--shared DIR]

Lints each system folder of wmt24-news-multi on its own (``termcheck lint --isolated --lang XX
--format json``, default rules, as a user would), counts the findings per rule and language and
the lines of the linted files, and reads the judged samples ``benchmarks/judged/CODE.XX.tsv``
(see benchmarks/judge.py). Prints two Markdown tables for the README section "Languages and
conventions": findings per 1,000 lines, and judged precision (tp/judged) per rule and language,
``–`` where the rule finds nothing (with the earlier figure when a sample was judged before the
rule was taken out of, or fixed for, that language), ``unjudged`` where it finds something
nobody judged yet.
Below them, judged rows the rules no longer report (a sample gone stale) are counted per file.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from judge import JUDGED, tally
from sample_findings import (
    SHARED,
    WMT24_LANGS,
    judged_keys,
    lint,
    runs,
)

TARGET = 0.9


def lines_of(folder: Path) -> int:
    """Lines of the text files of one system folder."""
    return sum(len(p.read_text(encoding="utf-8").splitlines()) for p in folder.rglob("*.txt"))


def measure(termcheck: list[str], shared: Path) -> tuple[Counter, Counter, set]:
    """Findings per (rule, lang), lines per lang, and the (path, start, end) of every finding."""
    findings: Counter = Counter()
    lines: Counter = Counter()
    found: set[tuple[str, int, int]] = set()
    for run in runs(shared):
        if run.set_name not in WMT24_LANGS:
            continue
        lines[run.lang] += sum(lines_of(shared / p) for p in run.paths)
        for finding in lint(termcheck, shared, run, []):
            findings[finding["code"], run.lang] += 1
            path = str(Path(finding["path"]).resolve().relative_to(shared.resolve()))
            found.add((path, finding["start"], finding["end"]))
    return findings, lines, found


def per_thousand(count: int, lines: int) -> str:
    value = 1000 * count / lines if lines else 0.0
    return "0" if count == 0 else f"{value:.1f}"


def precision_cell(code: str, lang: str, count: int) -> str:
    """``tp/judged`` of the rule's judged sample in ``lang`` (marked when below target)."""
    file = JUDGED / f"{code}.{lang}.tsv"
    if not file.is_file():
        return "unjudged" if count else "–"
    result = tally(file)
    cell = f"{result.tp}/{result.judged}"
    if not count:  # judged before the rule was taken out of (or fixed for) this language
        return f"– ({cell} before)"
    return cell if result.precision >= TARGET else f"**{cell}**"


def table(header: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |",
             "| --- |" + " ---: |" * (len(header) - 1)]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def stale_rows(found: set[tuple[str, int, int]], findings: Counter) -> list[str]:
    """Judged files of rules still reporting in the language with rows no longer reported."""
    notes = []
    for file in sorted(JUDGED.glob("*.tsv")):
        parts = file.name.split(".")
        if len(parts) != 3 or parts[1] not in WMT24_LANGS or not findings[parts[0], parts[1]]:
            continue
        gone = judged_keys([file]) - found
        if gone:
            notes.append(f"{file.name}: {len(gone)} judged row(s) no longer reported")
    return notes


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", type=Path, default=SHARED)
    parser.add_argument("--termcheck", default=f"{sys.executable} -m termcheck")
    args = parser.parse_args(argv)
    if not (args.shared / "wmt24-news-multi").is_dir():
        print(f"{args.shared / 'wmt24-news-multi'} is not present on this machine", file=sys.stderr)
        return 2
    findings, lines, found = measure(args.termcheck.split(), args.shared)
    codes = sorted({code for code, _ in findings})
    langs = list(WMT24_LANGS)
    rate = [[code] + [per_thousand(findings[code, lang], lines[lang]) for lang in langs]
            for code in codes]
    rate.append(["every default rule"] + [
        per_thousand(sum(findings[c, lang] for c in codes), lines[lang]) for lang in langs])
    rate.append(["lines"] + [f"{lines[lang]:,}" for lang in langs])
    judged_codes = sorted(set(codes) | {p.name.split(".")[0] for p in JUDGED.glob("*.tsv")
                                        if p.name.split(".")[1] in langs})
    judged = [[code] + [precision_cell(code, lang, findings[code, lang]) for lang in langs]
              for code in judged_codes]
    print("Findings per 1,000 lines:\n")
    print(table(["rule", *langs], rate))
    print("\nJudged precision (tp/judged; bold below 90 %):\n")
    print(table(["rule", *langs], judged))
    notes = stale_rows(found, findings)
    if notes:
        print("\n" + "\n".join(notes))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
