#!/usr/bin/env python3
"""Draw findings of one rule at random (fixed seed) from `termcheck lint --format json` outputs,
print each with its context for judging, and the skeleton rows of a judged TSV.

    python3 benchmarks/sample_lint_json.py CODE N OUT.tsv LINT.json [LINT.json ...]

Paths are written relative to ../shared/corpora (see benchmarks/judge.py for the format). The
verdict and reason columns are left as `?` for the judge to fill in; nothing of the corpus but
the matched span (60 characters at most) goes into the TSV.
"""

from __future__ import annotations

import json
import os
import random
import sys
from pathlib import Path

CORPORA = (Path(__file__).resolve().parents[2] / "shared" / "corpora").resolve()
SEED = 13


def escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n")[:60]


def relative(path: str) -> str:
    try:
        return str(Path(os.path.realpath(path)).relative_to(CORPORA))
    except ValueError:
        return path


def main(argv: list[str]) -> int:
    code, count, out, files = argv[0], int(argv[1]), Path(argv[2]), argv[3:]
    findings = []
    for name in files:
        data = json.loads(Path(name).read_text(encoding="utf-8"))
        findings += [f for f in data["findings"] if f["code"] == code]
    findings.sort(key=lambda f: (f["path"], f["start"]))
    chosen = sorted(random.Random(SEED).sample(findings, min(count, len(findings))),
                    key=lambda f: (f["path"], f["start"]))
    rows = []
    for number, finding in enumerate(chosen, 1):
        text = Path(finding["path"]).read_text(encoding="utf-8")
        start, end = finding["start"], finding["end"]
        print(f"--- {number} {relative(finding['path'])} {start}-{end} {finding['message']}")
        print(text[max(0, start - 400):start] + "[[" + text[start:end] + "]]"
              + text[end:end + 300])
        rows.append("\t".join([relative(finding["path"]), str(start), str(end),
                               escape(text[start:end]), "?", "?"]))
    out.write_text("path\tstart\tend\tspan\tverdict\treason\n" + "\n".join(rows) + "\n",
                   encoding="utf-8")
    print(f"{len(chosen)} of {len(findings)} {code} findings sampled into {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
