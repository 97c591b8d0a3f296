"""``--format html``: one self-contained review page (inline CSS and JS, no network).

Every document with findings is shown with its findings highlighted (the others are counted),
after an index of those documents with their counts per rule: the text is cut at every finding
boundary and each piece covered by findings becomes ``<mark class="hl" data-start data-end
data-findings>`` (code-point offsets into the document, finding numbers), so overlapping findings
stay exact. Each finding is listed beside the text with its message and suggested fix; checkboxes
filter by rule, category and severity. Everything from the articles is escaped.
:func:`render_clean_html` shows a ``clean`` run: the original with removals marked next to the
cleaned text with insertions marked, row by row, and what is still left to review.
"""

from __future__ import annotations

import bisect
import re
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
.clean .rows{display:grid;grid-template-columns:minmax(0,1fr) minmax(0,1fr)}
.clean .rows pre.text{padding:0 14px}
.clean .rows pre.text[data-changed]{background:#fffbea}
.clean del[data-codes]::after,.clean ins[data-codes]::after{content:attr(data-codes);
font:bold 10px/1 ui-monospace,monospace;color:#fff;background:var(--accent);border-radius:6px;
padding:1px 4px;margin-left:2px;vertical-align:super;display:inline-block}
.clean ins[data-codes]::after{background:#0b6b3a}
.left .leftlist{padding:4px 14px}
.left h3{font-size:14px;margin:8px 0 4px;font-family:ui-monospace,monospace}
.left li{margin-bottom:4px;font-size:13px}
nav.index{background:var(--card);border:1px solid var(--line);border-radius:8px;
margin-bottom:20px;padding:6px 14px;max-height:45vh;overflow:auto}
nav.index table{border-collapse:collapse;font-size:13px;width:100%}
nav.index td,nav.index th{text-align:left;padding:2px 8px;border-bottom:1px solid var(--line)}
nav.index td.n{text-align:right}
nav.index tr.off,section.doc.off{display:none}
.rules{font-family:ui-monospace,monospace;font-size:12px;color:var(--muted)}
.filters .group{font-size:12px;color:var(--muted);margin-right:2px;align-self:center}
.filters .group:not(:first-child){margin-left:10px}
a.top{float:right;font-size:12px;font-family:system-ui,sans-serif;font-weight:normal}
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
  var on={code:{},category:{},severity:{}};
  boxes.forEach(function(b){on[b.dataset.group][b.value]=b.checked;});
  var shown={},perDoc={};
  document.querySelectorAll("li.finding").forEach(function(li){
    var d=li.dataset,keep=on.code[d.code]!==false&&on.category[d.category]!==false&&
      on.severity[d.severity]!==false;
    li.classList.toggle("off",!keep);shown[d.finding]=keep;
    if(keep){perDoc[d.doc]=(perDoc[d.doc]||0)+1;}});
  document.querySelectorAll("mark.hl").forEach(function(m){
    m.classList.toggle("off",!m.dataset.findings.split(" ").some(function(n){return shown[n];}));});
  document.querySelectorAll("section.doc[data-doc]").forEach(function(sec){
    sec.classList.toggle("off",!perDoc[sec.dataset.doc]);});
  document.querySelectorAll("nav.index tr[data-doc]").forEach(function(tr){
    var n=perDoc[tr.dataset.doc]||0;tr.classList.toggle("off",!n);
    tr.querySelector("td.n").textContent=n;});
  var count=document.getElementById("shown");
  if(count){count.textContent=Object.keys(shown).filter(function(k){return shown[k];}).length;}
}
boxes.forEach(function(b){b.addEventListener("change",apply);});
function fromHash(){
  var m=/^#only=(.+)$/.exec(decodeURIComponent(location.hash));if(!m){return;}
  var wanted={};m[1].split(",").forEach(function(p){var kv=p.split(":");
    (wanted[kv[0]]=wanted[kv[0]]||{})[kv.slice(1).join(":")]=true;});
  boxes.forEach(function(b){var w=wanted[b.dataset.group];if(w){b.checked=!!w[b.value];}});
  apply();
}
window.addEventListener("hashchange",fromHash);
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
apply();fromHash();
document.body.dataset.ready="1";
})();
"""


_LINE_BREAK = re.compile(r"\r\n|\r|\n")


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


def _finding_item(number: int, finding: Finding, text: str | None, doc: int = 0) -> str:
    return (
        f'<li class="finding" id="finding-{number}" data-finding="{number}" data-doc="{doc}" '
        f'data-code="{_attr(finding.code)}" data-category="{_attr(finding.category)}" '
        f'data-severity="{_attr(finding.severity)}" '
        f'data-start="{finding.start}" data-end="{finding.end}">'
        f'<span class="code">{escape(finding.code)}</span> '
        f'<span class="cat">{escape(finding.category)}</span> '
        f'<span class="where">{finding.line}:{finding.column}</span> '
        f'{escape(finding.message)}{_fix_html(finding, text)}</li>'
    )


def _document(path: str, text: str | None, findings: list[tuple[int, Finding]],
              doc: int = 0) -> str:
    spans = [(f.start, f.end, f.category) for _, f in findings]
    if text is None:
        body = '<pre class="text">(text not kept: run with keep_texts=True)</pre>'
    else:
        # mark numbers are local to the document; map them to report-wide finding numbers
        local = highlighted_text(text, spans)
        body = f'<pre class="text">{_renumber(local, [n for n, _ in findings])}</pre>'
    items = "".join(_finding_item(n, f, text, doc) for n, f in findings) or \
        "<li>No findings.</li>"
    return (f'<section class="doc" id="doc-{doc}" data-doc="{doc}" data-path="{_attr(path)}">'
            f'<h2>{escape(path)} <span class="summary">({len(findings)} finding(s))</span>'
            f'<a class="top" href="#index">index ↑</a></h2>'
            f'<div class="cols">{body}<ol class="findings">{items}</ol></div></section>')


def _renumber(marked: str, numbers: list[int]) -> str:
    def replace(match: re.Match[str]) -> str:
        return 'data-findings="' + " ".join(
            str(numbers[int(n)]) for n in match.group(1).split()) + '"'

    return re.sub(r'data-findings="([0-9 ]*)"', replace, marked)


def _filters(findings: Sequence[Finding]) -> str:
    """Checkboxes by severity, category and rule, each with its count."""
    groups = (("severity", "severity", Counter(str(f.severity) for f in findings), {}),
              ("category", "category", Counter(f.category for f in findings), {}),
              ("code", "rule", Counter(f.code for f in findings),
               {f.code: f.rule for f in findings}))
    parts = []
    for key, label, counts, names in groups:
        parts.append(f'<span class="group">{label}:</span>')
        parts += [f'<label title="{_attr(names.get(value, value))}"><input type="checkbox" '
                  f'data-group="{key}" value="{_attr(value)}" checked> {escape(value)} '
                  f'({n})</label>' for value, n in sorted(counts.items())]
    return f'<div class="filters">{"".join(parts)}</div>'


def _index(rows: list[tuple[int, str, list[Finding]]]) -> str:
    """A table of the files with findings: count and rules of each, with a link to jump."""
    body = []
    for doc, path, findings in rows:
        rules = " ".join(f'<a href="#only=code:{_attr(code)}">{escape(code)}</a>'
                         + (f"×{n}" if n > 1 else "")
                         for code, n in sorted(Counter(f.code for f in findings).items()))
        body.append(f'<tr data-doc="{doc}"><td><a href="#doc-{doc}">{escape(path)}</a></td>'
                    f'<td class="n">{len(findings)}</td><td class="rules">{rules}</td>'
                    f'</tr>')
    return ('<nav class="index" id="index"><table><thead><tr><th>file</th><th>findings</th>'
            f'<th>rules</th></tr></thead><tbody>{"".join(body)}</tbody></table></nav>')


def render(report: LintReport, color: bool = False) -> str:
    """The review page of a lint report: the files with findings (in report order), an index
    with counts per file and rule, and filters by rule, category and severity. Files without
    findings are counted, not shown, so a page of a large corpus stays small."""
    by_path: dict[str, list[tuple[int, Finding]]] = {}
    for number, finding in enumerate(report.findings):
        by_path.setdefault(finding.path, []).append((number, finding))
    order = [p for p in dict.fromkeys([*report.texts, *by_path]) if p in by_path]
    rows = [(doc, path, [f for _, f in by_path[path]]) for doc, path in enumerate(order)]
    sections = [_document(path, report.texts.get(path), by_path[path], doc)
                for doc, path, _ in rows]
    problems = "".join(f'<li>{escape(str(p))}</li>' for p in report.problems)
    if problems:
        sections.append(f'<section class="doc problems"><h2>Problems</h2><ul>{problems}</ul>'
                        f'</section>')
    without = max(report.files_checked - len(order), 0)
    summary = (f'<div class="summary"><span id="shown">{len(report.findings)}</span> of '
               f'{len(report.findings)} finding(s) shown, {report.fixable} fixable with --fix, in '
               f'{len(order)} of {report.files_checked} file(s); {without} file(s) without '
               f'findings are not shown</div>')
    header = summary + _filters(report.findings)
    return page("termcheck review", _index(rows) + "\n" + "\n".join(sections), header)


@dataclass(frozen=True)
class CleanView:
    """One cleaned document: its path, original and cleaned texts, the ledger of changes and
    the findings still left in the cleaned text (those with no fix ``clean`` may apply)."""

    path: str
    original: str
    cleaned: str
    ledger: Sequence[Change]
    remaining: Sequence[Finding] = ()


def _rows(text: str, ledger: Sequence[Change]) -> list[tuple[int, int, list[Change]]]:
    """``text`` cut at line starts, never inside a change: ``(start, end, changes)`` rows, so
    the before and after sides of a row stay side by side however many lines a change removes.
    """
    cuts = [0] + [m.end() for m in _LINE_BREAK.finditer(text) if m.end() < len(text)]
    inside = [(c.start, c.end) for c in ledger if c.end > c.start]
    cuts = [c for c in cuts if not any(a < c < b for a, b in inside)]
    bounds = [*cuts, len(text)]
    rows: list[tuple[int, int, list[Change]]] = [(a, b, []) for a, b in pairwise(bounds)]
    if not rows:
        rows = [(0, 0, [])]
    starts = [a for a, _, _ in rows]
    for change in ledger:
        index = max(bisect.bisect_right(starts, change.start) - 1, 0)
        rows[index][2].append(change)
    merged: list[tuple[int, int, list[Change]]] = []
    for row in rows:  # unchanged lines in a run are one row: both sides are the same text
        if merged and not row[2] and not merged[-1][2]:
            merged[-1] = (merged[-1][0], row[1], [])
        else:
            merged.append(row)
    return merged


def _clean_row(text: str, start: int, end: int, changes: list[Change],
               shift: int) -> tuple[str, str, int]:
    """One row's before and after HTML, and the offset shift after it."""
    before, after = [], []
    position = start
    for change in sorted(changes, key=lambda c: (c.start, c.end)):
        before.append(escape(text[position:change.start], quote=False))
        after.append(escape(text[position:change.start], quote=False))
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
    before.append(escape(text[position:end], quote=False))
    after.append(escape(text[position:end], quote=False))
    return "".join(before), "".join(after), shift


def _clean_sides(view: CleanView) -> list[tuple[str, str, bool]]:
    """Rows of the original with removals as ``del`` beside the cleaned text with insertions as
    ``ins`` (``(before, after, changed)``); each change names its rules in ``data-codes``.

    The cleaned side is rebuilt from the original and the ledger, so it equals ``view.cleaned``
    exactly when the ledger is complete (which ``termcheck.edits`` guarantees).
    """
    shift = 0
    sides = []
    for start, end, changes in _rows(view.original, view.ledger):
        before, after, shift = _clean_row(view.original, start, end, changes, shift)
        sides.append((before, after, bool(changes)))
    return sides


def _clean_section(number: int, view: CleanView) -> str:
    cells = []
    for before, after, changed in _clean_sides(view):
        mark = ' data-changed="1"' if changed else ""
        cells.append(f'<pre class="text before"{mark}>{before}</pre>'
                     f'<pre class="text after"{mark}>{after}</pre>')
    left = (f', <a href="#left-{number}">{len(view.remaining)} left to review</a>'
            if view.remaining else "")
    return (f'<section class="doc clean" id="doc-{number}" data-path="{_attr(view.path)}">'
            f'<h2>{escape(view.path)} <span class="summary">({len(view.ledger)} change(s)'
            f'{left})</span></h2><div class="rows">{"".join(cells)}</div></section>')


def _left_section(views: Sequence[CleanView]) -> str:
    """What ``clean`` left: the findings of each document that had no fix it may apply."""
    parts = []
    total = 0
    for number, view in enumerate(views):
        if not view.remaining:
            continue
        total += len(view.remaining)
        link = f'<a href="#doc-{number}">{escape(view.path)}</a>' if view.ledger else \
            escape(view.path)
        items = "".join(
            f'<li data-code="{_attr(f.code)}"><span class="code">{escape(f.code)}</span> '
            f'<span class="cat">{escape(f.category)}</span> '
            f'<span class="where">{f.line}:{f.column}</span> {escape(f.message)}: '
            f'<q>{escape(f.matched)}</q>{_fix_html(f, None) if f.fix else ""}</li>'
            for f in view.remaining)
        parts.append(f'<h3 id="left-{number}">{link} ({len(view.remaining)})</h3>'
                     f'<ul>{items}</ul>')
    if not parts:
        return ('<section class="doc left" id="left"><h2>Left to review: nothing</h2>'
                '</section>')
    return (f'<section class="doc left" id="left"><h2>Left to review: {total} finding(s) with '
            f'no safe fix (positions in the cleaned text)</h2><div class="leftlist">'
            f'{"".join(parts)}</div></section>')


def render_clean_html(views: Iterable[CleanView], title: str = "termcheck clean") -> str:
    """A before/after page of a ``clean`` run: one section per changed document, rows of the
    original beside the cleaned text, and a section of what is still left to review."""
    views = list(views)
    changed = [(n, v) for n, v in enumerate(views) if v.ledger or v.cleaned != v.original]
    sections = [_clean_section(n, v) for n, v in changed]
    sections.append(_left_section(views))
    total = sum(len(v.ledger) for v in views)
    left = sum(len(v.remaining) for v in views)
    header = (f'<div class="summary">{total} change(s) in {len(changed)} file(s); '
              f'<a href="#left">{left} finding(s) left to review</a></div>')
    return page(title, "\n".join(sections), header)
