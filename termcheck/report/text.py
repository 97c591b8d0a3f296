"""Human-readable report: ``path:line:col: CODE message``, the excerpt with the span marked."""

from __future__ import annotations

import unicodedata
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from termcheck.api import LintTally
    from termcheck.model import Finding

_STYLES = {"bold": "1", "red": "31", "yellow": "33", "cyan": "36", "dim": "2", "green": "32"}


def _paint(text: str, style: str, color: bool) -> str:
    return f"\x1b[{_STYLES[style]}m{text}\x1b[0m" if color else text


def _width(text: str) -> int:
    """Display width: East Asian wide characters take two cells, combining marks none."""
    if text.isascii():
        return len(text)
    return sum(map(_char_width, text))


@lru_cache(maxsize=4096)
def _char_width(ch: str) -> int:
    return 0 if unicodedata.combining(ch) else 2 if unicodedata.east_asian_width(ch) in "WF" else 1


def _visible(text: str) -> str:
    return text.replace("\t", " ").replace("\r", " ")


def render_finding(finding: Finding, color: bool = False) -> str:
    """Three lines: location and message, excerpt, carets under the span (and the fix)."""
    location = _paint(f"{finding.path}:{finding.line}:{finding.column}:", "bold", color)
    code = _paint(finding.code, "red" if finding.severity.value == "error" else "yellow", color)
    lines = [f"{location} {code} {finding.message}"]
    excerpt = _visible(finding.excerpt)
    if excerpt.strip():
        span_length = max(1, min(len(finding.matched), len(excerpt) - finding.excerpt_start))
        pad = _width(excerpt[:finding.excerpt_start])
        marks = max(1, _width(excerpt[finding.excerpt_start:finding.excerpt_start + span_length]))
        lines.append(_paint("  | ", "dim", color) + excerpt)
        lines.append(_paint("  | ", "dim", color) + " " * pad + _paint("^" * marks, "red", color))
    if finding.fix is not None:
        label = f"  fix ({finding.fix.applicability.value}): {finding.fix.title}"
        lines.append(_paint(label, "cyan", color))
    return "\n".join(lines)


def summary_line(tally: LintTally) -> str:
    """"Found 3 findings in 1 file; 2 fixable with --fix (1 more with --unsafe-fixes)." Only
    fixes that an option applies are counted: display-only suggestions are not fixes."""
    files = tally.files_checked
    noun = "finding" if tally.findings == 1 else "findings"
    text = f"Found {tally.findings} {noun} in {files} file{'s' if files != 1 else ''}"
    if tally.problems:
        skipped = len({p.path for p in tally.problems})
        text += f"; {len(tally.problems)} problem(s) in {skipped} input(s)"
    if not tally.fixes_offered:
        return text + "."
    return text + "." + fixable_note(tally.fixable, tally.unsafe_fixable)


def fixable_note(safe: int, unsafe: int) -> str:
    """What ``--fix`` and ``--unsafe-fixes`` would fix, as ruff words it ("" when nothing)."""
    if safe and unsafe:
        return f" {safe} fixable with --fix ({unsafe} more with --unsafe-fixes)."
    if safe:
        return f" {safe} fixable with --fix."
    if unsafe:
        return f" {unsafe} fixable with --fix --unsafe-fixes."
    return ""


SEPARATOR = ""


def head() -> str:
    return ""


def finding(item: Finding, color: bool = False) -> str:
    return render_finding(item, color) + "\n"


def tail(tally: LintTally, color: bool = False, quiet: bool = False) -> str:
    """Problems, then the summary line (or "All clear"); ``quiet``: problems only."""
    blocks = [_paint(f"{p.path}: {p.code} {p.message}", "red", color) for p in tally.problems]
    if quiet:
        pass
    elif not tally.files_checked and not tally.problems:
        blocks.append(_paint("Nothing checked: no file to read.", "yellow", color))
    elif not tally.findings and not tally.problems:
        blocks.append(_paint(f"All clear: {tally.files_checked} file(s) checked.", "green", color))
    else:
        blocks.append(_paint(summary_line(tally), "bold", color))
    return "".join(block + "\n" for block in blocks)


def statistics_table(tally: LintTally, color: bool = False, quiet: bool = False) -> str:
    """``--statistics``: the number of findings per rule, most first, then problems and a total.

    ``[*]`` marks a rule whose findings here ``--fix`` fixes, every one, as ruff does."""
    from termcheck.rules.registry import get_rule

    lines = []
    for code, count in sorted(tally.by_code.items(), key=lambda item: (-item[1], item[0])):
        found = get_rule(code)
        fixable = "[*]" if tally.fixable_by_code[code] == count else "   "
        name = found.name if found is not None else ""
        lines.append(f"{count:>7}  {_paint(code, 'yellow', color)}  {fixable} {name}")
    lines += [_paint(f"{p.path}: {p.code} {p.message}", "red", color) for p in tally.problems]
    if not quiet:
        lines.append(_paint(summary_line(tally), "bold", color))
    return "".join(line + "\n" for line in lines)
