"""Human-readable report: ``path:line:col: CODE message``, the excerpt with the span marked."""

from __future__ import annotations

import re
import unicodedata
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
    return sum(map(_CHAR_WIDTHS.__getitem__, text))  # a dict lookup per character, in C


def _char_width(ch: str) -> int:
    return 0 if unicodedata.combining(ch) else 2 if unicodedata.east_asian_width(ch) in "WF" else 1


class _Widths(dict[str, int]):
    """The width of each character met so far (an ``lru_cache`` call per character of every
    excerpt cost a third of the text report's time: most excerpts are not ASCII), and a screen:
    a pattern of every character but those met and found one cell wide. A text it finds nothing
    in is as wide as it is long, which one search says at C speed (a dict lookup per character
    was two thirds of the time of rendering a finding, 4 of 6 µs; a corpus's texts hold a few
    hundred distinct characters at most, so the screen soon knows them)."""

    def __init__(self) -> None:
        super().__init__()
        self.screen: re.Pattern[str] | None = None
        self.known = 0  # the one-cell characters it passes (ASCII aside)
        self.learned = False  # one-cell characters met since it was built
        self.misses = 0  # texts measured one by one since then

    def __missing__(self, ch: str) -> int:
        width = self[ch] = _char_width(ch)
        self.learned = self.learned or width == 1
        if len(self) > 65_536:  # bounded, like the cache it replaces (the screen stays true)
            self.clear()
        return width

    def one_cell_each(self, text: str) -> bool:
        """Whether the screen says that every character of ``text`` is one cell wide
        (``False``: it cannot, measure ``text`` one character at a time)."""
        if self.screen is not None and self.screen.search(text) is None:
            return True
        self.misses += 1
        if self.learned and self.misses >= max(SCREEN_AFTER_MISSES, self.known):
            self._build_screen()
        return False

    def _build_screen(self) -> None:
        ones = sorted(ch for ch, width in self.items() if width == 1 and not ch.isascii())
        self.screen = re.compile("[^\\x00-\\x7f" + "".join(map(re.escape, ones)) + "]")
        self.known, self.learned, self.misses = len(ones), False, 0


# Texts measured one by one before the screen is built again with the characters they brought,
# and at least as many as it knows: a build costs about as much per character it passes (4 µs)
# as measuring an excerpt one character at a time, so that rebuilding never costs more than
# measuring did, whatever the number of scripts (0.4 ms for the 109 of the real corpus).
SCREEN_AFTER_MISSES = 16
_CHAR_WIDTHS = _Widths()


def _visible(text: str) -> str:
    return text.replace("\t", " ").replace("\r", " ")


def render_finding(finding: Finding, color: bool = False) -> str:
    """Three lines: location and message, excerpt, carets under the span (and the fix)."""
    if color:
        return _render_painted(finding)
    text = f"{finding.path}:{finding.line}:{finding.column}: {finding.code} {finding.message}"
    excerpt = finding.excerpt
    if "\t" in excerpt or "\r" in excerpt:
        excerpt = _visible(excerpt)
    if excerpt.strip():
        pad, marks = _marks(finding, excerpt)
        text += f"\n  | {excerpt}\n  | {' ' * pad}{'^' * marks}"
    if finding.fix is not None:
        text += f"\n  fix ({finding.fix.applicability}): {finding.fix.title}"
    return text


def _marks(finding: Finding, excerpt: str) -> tuple[int, int]:
    """The display width before the span in ``excerpt``, and the number of carets under it."""
    start = finding.excerpt_start
    span_length = max(1, min(len(finding.matched), len(excerpt) - start))
    before, span = excerpt[:start], excerpt[start:start + span_length]
    if excerpt.isascii() or _CHAR_WIDTHS.one_cell_each(excerpt):  # both are parts of it
        return len(before), max(1, len(span))
    return _width(before), max(1, _width(span))


def _render_painted(finding: Finding) -> str:
    """:func:`render_finding` in colour (the same text, with ANSI styles)."""
    location = _paint(f"{finding.path}:{finding.line}:{finding.column}:", "bold", True)
    code = _paint(finding.code, "red" if finding.severity.value == "error" else "yellow", True)
    lines = [f"{location} {code} {finding.message}"]
    excerpt = _visible(finding.excerpt)
    if excerpt.strip():
        pad, marks = _marks(finding, excerpt)
        lines.append(_paint("  | ", "dim", True) + excerpt)
        lines.append(_paint("  | ", "dim", True) + " " * pad + _paint("^" * marks, "red", True))
    if finding.fix is not None:
        label = f"  fix ({finding.fix.applicability}): {finding.fix.title}"
        lines.append(_paint(label, "cyan", True))
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
    return text + "." + fixable_note(0 if "safe" in tally.applied else tally.fixable,
                                     0 if "unsafe" in tally.applied else tally.unsafe_fixable)


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
