"""Baselines: record today's findings, then report only new ones.

A finding is keyed by path, rule code and matched text (not by line: unrelated edits move lines),
with a count per key, so that a second identical artefact in the same file still shows up.
"""

from __future__ import annotations

import json
import re
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
    """Counts per key; a clear error naming the file (and the line) when it is not a baseline."""
    from termcheck.data import refuse_device

    path = Path(path)
    refuse_device(path)
    try:
        text = path.read_text(encoding="utf-8")
        data = json.loads(text)
    except OSError as exc:
        raise TermcheckError(f"{path}: cannot read baseline ({exc.strerror})") from exc
    except UnicodeDecodeError as exc:
        raise TermcheckError(f"{path}: not a JSON baseline (not valid UTF-8 at byte "
                             f"{exc.start})") from None
    except json.JSONDecodeError as exc:
        raise TermcheckError(f"{path}:{exc.lineno}: not a JSON baseline ({exc.msg})") from None
    except RecursionError as exc:
        raise TermcheckError(f"{path}: not a JSON baseline ({exc})") from None
    if not isinstance(data, dict) or data.get("version") != BASELINE_VERSION:
        raise TermcheckError(f"{path}: not a termcheck baseline (version {BASELINE_VERSION})")
    entries = data.get("entries", [])
    if not isinstance(entries, list):
        raise TermcheckError(f"{path}: 'entries' must be a list, not {type(entries).__name__}")
    counts: Counter[Key] = Counter()
    for number, entry in enumerate(entries, 1):
        problem = _entry_problem(entry)
        if problem:  # its line is looked for only now: a good baseline is parsed once
            raise TermcheckError(f"{path}:{_entry_line(text, number)}: entry {number} {problem}")
        counts[(entry["path"], entry["code"], entry["matched"])] += entry.get("count", 1)
    return counts


def _entry_problem(entry: object) -> str | None:
    """What is wrong with one baseline entry, or ``None``."""
    if not isinstance(entry, dict):
        return "must be an object with path, code and matched"
    for name in ("path", "code", "matched"):
        if not isinstance(entry.get(name), str):
            return f"needs a string {name!r}, not {_shown(entry.get(name))}"
    count = entry.get("count", 1)
    if isinstance(count, bool) or not isinstance(count, int) or count < 1:
        return f"needs a positive integer 'count', not {_shown(count)}"
    return None


def _shown(value: object) -> str:
    """``value`` as the baseline file writes it (``null``, ``true``, ``"5"``)."""
    return json.dumps(value, ensure_ascii=False)


_SPACE = re.compile(r"[ \t\n\r]*")


def _entry_line(text: str, number: int) -> int | str:
    """The line of entry ``number`` (from 1) of a parsed baseline, or ``?`` if not found."""
    lines = _entry_lines(text)
    return lines[number - 1] if number <= len(lines) else "?"


def _entry_lines(text: str) -> list[int]:
    """The line of each item of a parsed baseline's ``entries`` list (the last one, as for
    ``json.loads``, when the key is repeated)."""
    decoder = json.JSONDecoder()
    position, start = _SPACE.match(text).end(), None  # at "{" (the text parsed as an object)
    while text[position] != "}":
        position = _SPACE.match(text, position + 1).end()  # past "{" or ","
        if text[position] == "}":
            break
        key, position = decoder.raw_decode(text, position)
        position = _SPACE.match(text, _SPACE.match(text, position).end() + 1).end()  # past ":"
        if key == "entries":
            start = position
        position = _SPACE.match(text, decoder.raw_decode(text, position)[1]).end()
    lines: list[int] = []
    position = start if start is not None else position
    line, counted = 1, 0  # the line of text[counted]
    while start is not None and text[position] != "]":
        position = _SPACE.match(text, position + 1).end()  # past "[" or ","
        if text[position] == "]":
            break
        line, counted = line + text.count("\n", counted, position), position
        lines.append(line)
        position = _SPACE.match(text, decoder.raw_decode(text, position)[1]).end()
    return lines


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
