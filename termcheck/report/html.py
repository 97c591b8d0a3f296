"""``--format html``: one self-contained review page (inline CSS and JS, no network).

Every document's text is shown with its findings highlighted: the text is cut at every finding
boundary and each piece covered by findings becomes ``<mark class="hl" data-start data-end
data-findings>`` (code-point offsets into the document, finding numbers), so overlapping findings
stay exact. Each finding is listed beside the text with its message and suggested fix; checkboxes
filter by category. Everything from the articles is escaped. :func:`render_clean_html` shows a
``clean`` run: the original with removals marked next to the cleaned text with insertions marked.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from html import escape
from itertools import pairwise
from typing import TYPE_CHECKING, Iterable, Sequence

if TYPE_CHECKING:
    from termcheck.api import LintReport
    from termcheck.edits import Change
    from termcheck.model import Finding

CSS = """
:root{--bg:#fafaf7;--fg:#1d1d1f;--muted:#6b6b70;--line:#e3e3dc;--card:#fff;--accent:#b3261e}
*{box-sizing:border-box}
body{margin:0;font:15px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;background:var(--bg);
color:var(--fg)}
header{padding:16px 24px;border-bottom:1px solid var(--line);background:var(--card);
position:sticky;top:0;z-index:2}
h1{font-size:20px;margin:0 0 6px}
.summary{color:var(--muted);font-size:13px}
.filters{margin-top:8px;display:flex;flex-wrap:wrap;gap:6px}
.filters label{font-size:13px;border:1px solid var(--line);border-radius:14px;padding:2px 10px;
cursor:pointer;background:var(--bg)}
main{padding:16px 24px}
section.doc{background:var(--card);border:1px solid var(--line);border-radius:8px;
margin-bottom:20px;overflow:hidden}
section.doc h2{font-size:15px;margin:0;padding:10px 14px;border-bottom:1px solid var(--line);
font-family:ui-monospace,monospace;background:#f3f3ee}
.cols{display:grid;grid-template-columns:minmax(0,3fr) minmax(0,2fr)}
pre.text{margin:0;padding:14px;white-space:pre-wrap;word-wrap:break-word;
font:14px/1.6 Georgia,serif;border-right:1px solid var(--line)}
mark.hl{background:#ffd7d1;border-bottom:2px solid var(--accent);padding:0 1px;cursor:pointer}
mark.hl.empty::before{content:"\\2038";color:var(--accent);font-weight:bold}
mark.hl.off{background:none;border-bottom:none}
mark.hl.focus{outline:2px solid #1a73e8}
ol.findings{margin:0;padding:10px 14px 10px 34px;font-size:13px}
li.finding{margin-bottom:10px}
li.finding.off{display:none}
.code{font-family:ui-monospace,monospace;font-weight:bold;color:var(--accent)}
.where{color:var(--muted);font-family:ui-monospace,monospace}
.cat{font-size:11px;border-radius:8px;padding:0 6px;background:#eef;color:#335}
.fix{margin-top:3px;color:#0b6b3a}
.fix del{background:#fde2e2;text-decoration:line-through}
.fix ins{background:#dcf5e3;text-decoration:none}
.problems{color:var(--accent)}
.clean pre.text del{background:#fde2e2;text-decoration:line-through}
.clean pre.text ins{background:#dcf5e3;text-decoration:none}
.clean pre.text ins:empty{border-left:2px solid #0b6b3a}
.clean .cols{grid-template-columns:minmax(0,1fr) minmax(0,1fr)}
#errors:empty{display:none}
#errors{background:#b3261e;color:#fff;padding:8px 24px}
"""

ERROR_HOOK = """
window.addEventListener("error",function(e){var d=document.getElementById("errors");
if(d){d.textContent+=String(e.message)+"\\n";}});
"""

SCRIPT = """
(function(){
var boxes=document.querySelectorAll(".filters input");
function apply(){
  var on={};boxes.forEach(function(b){on[b.value]=b.checked;});
  document.querySelectorAll("li.finding").forEach(function(li){
    li.classList.toggle("off",!on[li.dataset.category]);});
  document.querySelectorAll("mark.hl").forEach(function(m){
    var cats=m.dataset.categories.split(" ");
    m.classList.toggle("off",!cats.some(function(c){return on[c];}));});
}
boxes.forEach(function(b){b.addEventListener("change",apply);});
document.querySelectorAll("li.finding").forEach(function(li){
  li.addEventListener("click",function(){
    document.querySelectorAll("mark.focus").forEach(function(m){m.classList.remove("focus");});
    document.querySelectorAll('mark.hl[data-findings~="'+li.dataset.finding+'"]').forEach(
      function(m,i){m.classList.add("focus");if(i===0){m.scrollIntoView({block:"center"});}});
  });});
document.querySelectorAll("mark.hl").forEach(function(m){
  m.addEventListener("click",function(){
    var first=m.dataset.findings.split(" ")[0];
    var li=document.getElementById("finding-"+first);
    if(li){li.scrollIntoView({block:"center"});}});});
apply();
document.body.dataset.ready="1";
})();
"""


def _attr(value: object) -> str:
    return escape(str(value), quote=True)


def page(title: str, body: str, header: str = "") -> str:
    """A complete HTML document with the inline style, error hook and script."""
    return (
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">"
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
        "style-src 'unsafe-inline'; script-src 'unsafe-inline'\">"
        f"<title>{escape(title)}</title><style>{CSS}</style>"
        f"<script>{ERROR_HOOK}</script></head>\n"
        f"<body><div id=\"errors\"></div><header><h1>{escape(title)}</h1>{header}</header>\n"
        f"<main>{body}</main>\n<script>{SCRIPT}</script></body></html>\n"
    )


def highlighted_text(text: str, spans: Sequence[tuple[int, int, str]]) -> str:
    """``text`` escaped, each piece covered by spans wrapped in a ``mark``.

    ``spans`` are ``(start, end, category)`` numbered by position; empty spans become empty marks.
    """
    cuts = sorted({0, len(text), *(s for s, _, _ in spans), *(e for _, e, _ in spans)})
    parts = []
    for number, (start, end, category) in enumerate(spans):
        if start == end:
            parts.append((start, 0, _mark(start, end, [number], [category], "", empty=True)))
    for left, right in pairwise(cuts):
        covering = [i for i, (s, e, _) in enumerate(spans) if s <= left and right <= e and s < e]
        piece = escape(text[left:right], quote=False)
        if covering:
            piece = _mark(left, right, covering, [spans[i][2] for i in covering], piece)
        parts.append((left, 1, piece))
    return "".join(piece for _, _, piece in sorted(parts, key=lambda p: (p[0], p[1])))


def _mark(start: int, end: int, numbers: list[int], categories: list[str], inner: str,
          empty: bool = False) -> str:
    classes = "hl empty" if empty else "hl"
    findings = " ".join(str(n) for n in numbers)
    cats = " ".join(sorted(set(categories)))
    return (f'<mark class="{classes}" data-start="{start}" data-end="{end}" '
            f'data-findings="{_attr(findings)}" data-categories="{_attr(cats)}">{inner}</mark>')


def _fix_html(finding: Finding, text: str | None) -> str:
    if finding.fix is None:
        return ""
    changes = []
    for edit in finding.fix.edits:
        removed = text[edit.start:edit.end] if text is not None else ""
        arrow = f"→<ins>{escape(edit.replacement)}</ins>" if edit.replacement else " (delete)"
        changes.append(f"<del>{escape(removed)}</del>{arrow}")
    return (f'<div class="fix">fix ({escape(finding.fix.applicability.value)}): '
            f'{escape(finding.fix.title)} {" ".join(changes)}</div>')


def _finding_item(number: int, finding: Finding, text: str | None) -> str:
    return (
        f'<li class="finding" id="finding-{number}" data-finding="{number}" '
        f'data-code="{_attr(finding.code)}" data-category="{_attr(finding.category)}" '
        f'data-start="{finding.start}" data-end="{finding.end}">'
        f'<span class="code">{escape(finding.code)}</span> '
        f'<span class="cat">{escape(finding.category)}</span> '
        f'<span class="where">{finding.line}:{finding.column}</span> '
        f'{escape(finding.message)}{_fix_html(finding, text)}</li>'
    )


def _document(path: str, text: str | None, findings: list[tuple[int, Finding]]) -> str:
    spans = [(f.start, f.end, f.category) for _, f in findings]
    if text is None:
        body = '<pre class="text">(text not kept: run with keep_texts=True)</pre>'
    else:
        # mark numbers are local to the document; map them to report-wide finding numbers
        local = highlighted_text(text, spans)
        body = f'<pre class="text">{_renumber(local, [n for n, _ in findings])}</pre>'
    items = "".join(_finding_item(n, f, text) for n, f in findings) or "<li>No findings.</li>"
    return (f'<section class="doc" data-path="{_attr(path)}"><h2>{escape(path)} '
            f'<span class="summary">({len(findings)} finding(s))</span></h2>'
            f'<div class="cols">{body}<ol class="findings">{items}</ol></div></section>')


def _renumber(marked: str, numbers: list[int]) -> str:
    import re

    def replace(match: re.Match[str]) -> str:
        return 'data-findings="' + " ".join(
            str(numbers[int(n)]) for n in match.group(1).split()) + '"'

    return re.sub(r'data-findings="([0-9 ]*)"', replace, marked)


def _filters(categories: Iterable[str]) -> str:
    boxes = "".join(f'<label><input type="checkbox" value="{_attr(c)}" checked> {escape(c)} '
                    f'({n})</label>' for c, n in sorted(Counter(categories).items()))
    return f'<div class="filters">{boxes}</div>'


def render(report: LintReport, color: bool = False) -> str:
    """The review page of a lint report (documents in report order, clean ones included)."""
    numbered = list(enumerate(report.findings))
    paths = list(dict.fromkeys([*report.texts, *(f.path for f in report.findings)]))
    sections = [_document(p, report.texts.get(p), [(n, f) for n, f in numbered if f.path == p])
                for p in paths]
    problems = "".join(f'<li>{escape(str(p))}</li>' for p in report.problems)
    if problems:
        sections.append(f'<section class="doc problems"><h2>Problems</h2><ul>{problems}</ul>'
                        f'</section>')
    summary = (f'<div class="summary">{len(report.findings)} finding(s), {report.fixable} '
               f'fixable with --fix, in {report.files_checked} file(s)</div>')
    header = summary + _filters(f.category for f in report.findings)
    return page("termcheck review", "\n".join(sections), header)


@dataclass(frozen=True)
class CleanView:
    """One cleaned document: its path, original and cleaned texts and the ledger of changes."""

    path: str
    original: str
    cleaned: str
    ledger: Sequence[Change]


def _clean_sides(view: CleanView) -> tuple[str, str]:
    """The original with removals as ``del`` and the cleaned text with insertions as ``ins``.

    The cleaned side is rebuilt from the original and the ledger, so it equals ``view.cleaned``
    exactly when the ledger is complete (which ``termcheck.edits`` guarantees).
    """
    before, after = [], []
    position, shift = 0, 0
    for change in sorted(view.ledger, key=lambda c: (c.start, c.end)):
        before.append(escape(view.original[position:change.start], quote=False))
        after.append(escape(view.original[position:change.start], quote=False))
        codes = _attr(" ".join(change.codes))
        title = _attr("; ".join(change.reasons))
        new_start = change.start + shift
        new_end = new_start + len(change.replacement)
        before.append(f'<del data-start="{change.start}" data-end="{change.end}" '
                      f'data-codes="{codes}" title="{title}">{escape(change.removed)}</del>')
        after.append(f'<ins data-start="{new_start}" data-end="{new_end}" '
                     f'data-codes="{codes}" title="{title}">{escape(change.replacement)}</ins>')
        shift += len(change.replacement) - (change.end - change.start)
        position = change.end
    before.append(escape(view.original[position:], quote=False))
    after.append(escape(view.original[position:], quote=False))
    return "".join(before), "".join(after)


def render_clean_html(views: Iterable[CleanView], title: str = "termcheck clean") -> str:
    """A before/after page of a ``clean`` run: one section per document."""
    sections = []
    total = 0
    for view in views:
        before, after = _clean_sides(view)
        total += len(view.ledger)
        sections.append(
            f'<section class="doc clean" data-path="{_attr(view.path)}"><h2>{escape(view.path)} '
            f'<span class="summary">({len(view.ledger)} change(s))</span></h2><div class="cols">'
            f'<pre class="text before">{before}</pre><pre class="text after">{after}</pre>'
            f'</div></section>')
    header = f'<div class="summary">{total} change(s) in {len(sections)} file(s)</div>'
    return page(title, "\n".join(sections), header)
