"""Baselines: record today's findings, then report only new ones.

A finding is keyed by path, rule code and matched text (not by line: unrelated edits move lines),
with a count per key, so that a second identical artefact in the same file still shows up.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Iterable

from termcheck.errors import TermcheckError
from termcheck.fileio import dumps_json
from termcheck.model import Finding

BASELINE_VERSION = 1
Key = tuple[str, str, str]


def finding_key(finding: Finding) -> Key:
    return (Path(finding.path).as_posix(), finding.code, finding.matched)


def baseline_dict(findings: Iterable[Finding]) -> dict[str, object]:
    """The JSON form: sorted entries of path, code, matched text and count."""
    counts = Counter(finding_key(f) for f in findings)
    entries = [{"path": p, "code": c, "matched": m, "count": n}
               for (p, c, m), n in sorted(counts.items())]
    return {"version": BASELINE_VERSION, "tool": "termcheck", "entries": entries}


def write_baseline(path: Path, findings: Iterable[Finding]) -> None:
    from termcheck.fileio import atomic_write_bytes

    text = dumps_json(baseline_dict(findings), indent=2) + "\n"
    atomic_write_bytes(path, text.encode("utf-8"))


def load_baseline(path: str | Path) -> Counter[Key]:
    """Counts per key; a clear error naming the file when it is not a baseline."""
    from termcheck.data import refuse_device

    path = Path(path)
    refuse_device(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise TermcheckError(f"{path}: cannot read baseline ({exc.strerror})") from exc
    except (ValueError, RecursionError) as exc:
        raise TermcheckError(f"{path}: not a JSON baseline ({exc})") from None
    if not isinstance(data, dict) or data.get("version") != BASELINE_VERSION:
        raise TermcheckError(f"{path}: not a termcheck baseline (version {BASELINE_VERSION})")
    entries = data.get("entries", [])
    if not isinstance(entries, list):
        raise TermcheckError(f"{path}: 'entries' must be a list, not {type(entries).__name__}")
    counts: Counter[Key] = Counter()
    for number, entry in enumerate(entries, 1):
        if not isinstance(entry, dict):
            raise TermcheckError(f"{path}: entry {number} must be an object with path, code and "
                                 "matched")
        try:
            key = (str(entry["path"]), str(entry["code"]), str(entry["matched"]))
            counts[key] += int(entry.get("count", 1))
        except (KeyError, TypeError, ValueError, OverflowError) as exc:
            raise TermcheckError(f"{path}: entry {number} is malformed ({exc})") from exc
    return counts


def new_findings(findings: Iterable[Finding], baseline: Counter[Key]) -> list[Finding]:
    """The findings not covered by the baseline (each baseline entry hides ``count`` of them)."""
    remaining = Counter(baseline)
    fresh = []
    for finding in findings:
        key = finding_key(finding)
        if remaining[key] > 0:
            remaining[key] -= 1
        else:
            fresh.append(finding)
    return fresh


def apply_baseline(findings: list[Finding], baseline: str | Path | None = None,
                   write_to: str | Path | None = None) -> list[Finding]:
    """The baseline step of a run: ``write_to`` records today's findings, then ``baseline``
    keeps only the findings it does not cover (the findings unchanged without either)."""
    if write_to is not None:
        write_baseline(Path(write_to), findings)
    if baseline is not None:
        return new_findings(findings, load_baseline(baseline))
    return findings
