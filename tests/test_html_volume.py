"""HTML reports made for volume: a 2,000-file corpus in Chromium; the clean page's rows."""

from __future__ import annotations

import subprocess
import time
from html.parser import HTMLParser
from pathlib import Path

import pytest

from termcheck.api import LintReport, lint_paths
from termcheck.config import Config
from termcheck.edits import Change
from termcheck.report import render
from termcheck.report.html import CleanView, render_clean_html
from tests.test_html_report import FLAGS, chromium

FILES, WITH_FINDINGS = 2000, 260
CALM = "The council met on Tuesday and agreed on the budget for next year.\n"


class Dom(HTMLParser):
    """Classes of findings, sections and index rows of a dumped page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.findings: list[dict[str, str]] = []
        self.sections: list[dict[str, str]] = []
        self.rows: list[dict[str, str]] = []
        self.ready = False
        self.errors = ""
        self._in_errors = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attr = {k: v or "" for k, v in attrs}
        if tag == "body":
            self.ready = attr.get("data-ready") == "1"
        elif tag == "li" and "data-finding" in attr:
            self.findings.append(attr)
        elif tag == "section" and "data-doc" in attr:
            self.sections.append(attr)
        elif tag == "tr" and "data-doc" in attr:
            self.rows.append(attr)
        self._in_errors = tag == "div" and attr.get("id") == "errors"

    def handle_data(self, data: str) -> None:
        if self._in_errors:
            self.errors += data


def off(attr: dict[str, str]) -> bool:
    return "off" in attr.get("class", "").split()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, LintReport]:
    folder = tmp_path_factory.mktemp("corpus")
    for number in range(FILES):
        text = CALM * 12
        if number % (FILES // WITH_FINDINGS) == 0 and number // (FILES // WITH_FINDINGS) < \
                WITH_FINDINGS:
            text += "A stray ) bracket." + ("  Two  spaces.\n" if number % 3 == 0 else "\n")
        (folder / f"article-{number:04d}.txt").write_text(text, encoding="utf-8")
    report = lint_paths([folder], Config(select=("BR001", "SP001")), keep_texts=True)
    return folder, report


@pytest.mark.slow
def test_two_thousand_files_page_is_small_and_lists_files_with_findings(
        corpus: tuple[Path, LintReport], tmp_path: Path) -> None:
    _, report = corpus
    assert report.files_checked == FILES
    html = render(report, "html")
    assert len({f.path for f in report.findings}) == WITH_FINDINGS
    assert html.count('<section class="doc" id="doc-') == WITH_FINDINGS
    assert html.count('<tr data-doc="') == WITH_FINDINGS
    assert f"in {WITH_FINDINGS} of {FILES} file(s); {FILES - WITH_FINDINGS} file(s) without " \
           "findings are not shown" in html
    assert "No findings" not in html
    assert len(html.encode()) < 1_000_000, "a page for 2,000 files stays under 1 MB"


def _open(page: str, tmp_path: Path, name: str) -> tuple[Dom, float]:
    started = time.perf_counter()
    done = subprocess.run([chromium(), *FLAGS, f"--user-data-dir={tmp_path / name}",
                           "--dump-dom", page], capture_output=True, text=True, timeout=180)
    elapsed = time.perf_counter() - started
    assert done.returncode == 0, done.stderr[-2000:]
    assert ":CONSOLE" not in done.stderr
    dom = Dom()
    dom.feed(done.stdout)
    assert dom.ready and not dom.errors
    return dom, elapsed


@pytest.mark.slow
def test_two_thousand_files_page_loads_and_filters_in_chromium(
        corpus: tuple[Path, LintReport], tmp_path: Path) -> None:
    _, report = corpus
    page = tmp_path / "volume.html"
    page.write_text(render(report, "html"), encoding="utf-8")
    dom, elapsed = _open(page.as_uri(), tmp_path, "all")
    assert elapsed < 60, f"the page took {elapsed:.1f} s to load and run"
    assert len(dom.sections) == WITH_FINDINGS and not any(map(off, dom.sections))
    assert not any(map(off, dom.findings))
    # a link from the index keeps one rule: the others' findings, files and rows are hidden
    dom, _ = _open(page.as_uri() + "#only=code:SP001", tmp_path, "sp")
    shown = [f for f in dom.findings if not off(f)]
    assert shown and {f["data-code"] for f in shown} == {"SP001"}
    with_sp = {f["data-doc"] for f in shown}
    assert {s["data-doc"] for s in dom.sections if not off(s)} == with_sp
    assert {r["data-doc"] for r in dom.rows if not off(r)} == with_sp
    assert len(with_sp) < WITH_FINDINGS
    dom, _ = _open(page.as_uri() + "#only=severity:none", tmp_path, "none")
    assert all(map(off, dom.findings)) and all(map(off, dom.sections))


def test_filters_name_every_rule_category_and_severity(corpus: tuple[Path, LintReport]) -> None:
    _, report = corpus
    html = render(report, "html")
    for finding in report.findings[:3]:
        assert f'data-group="code" value="{finding.code}"' in html
        assert f'data-group="category" value="{finding.category}"' in html
        assert f'data-group="severity" value="{finding.severity}"' in html
        assert f'href="#only=code:{finding.code}"' in html


ORIGINAL = "First line.\nRead more\nShare this\nSecond  line.\nThird line.\n"
LEDGER = [Change(12, 33, "Read more\nShare this\n", "", ("BP001",), ("boilerplate",)),
          Change(39, 41, "  ", " ", ("SP001",), ("double space",))]
CLEANED = "First line.\nSecond line.\nThird line.\n"


class Rows(HTMLParser):
    """The before/after cells of a clean page, in order."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.cells: list[tuple[str, str]] = []
        self.left: list[str] = []
        self._side = ""
        self._in_left = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attr = {k: v or "" for k, v in attrs}
        if tag == "pre":
            self._side = attr.get("class", "").removeprefix("text").strip()
            self.cells.append((self._side, ""))
        if tag == "li" and "data-code" in attr:
            self.left.append(attr["data-code"])

    def handle_endtag(self, tag: str) -> None:
        if tag == "pre":
            self._side = ""

    def handle_data(self, data: str) -> None:
        if self._side:
            side, text = self.cells[-1]
            self.cells[-1] = (side, text + data)


def test_clean_rows_stay_aligned_after_deleted_lines() -> None:
    from termcheck.model import Finding

    left = Finding(path="a.txt", code="BR001", rule="unbalanced-bracket", category="brackets",
                   severity="warning", message="Unbalanced", start=0, end=1, line=1, column=1,
                   end_line=1, end_column=2, excerpt="F", mqm="", matched="F")
    html = render_clean_html([CleanView("a.txt", ORIGINAL, CLEANED, LEDGER, (left,))])
    rows = Rows()
    rows.feed(html)
    pairs = list(zip(rows.cells[0::2], rows.cells[1::2]))
    assert all(b[0] == "before" and a[0] == "after" for b, a in pairs)
    assert [(b[1], a[1]) for b, a in pairs] == [
        ("First line.\n", "First line.\n"),
        ("Read more\nShare this\n", ""),  # the deleted lines face an empty cell, one row
        ("Second  line.\n", "Second line.\n"),
        ("Third line.\n", "Third line.\n"),
    ]
    assert "".join(a[1] for _, a in pairs) == CLEANED
    assert "del[data-codes]::after" in html and "content:attr(data-codes)" in html
    assert rows.left == ["BR001"] and "Left to review: 1 finding(s)" in html


def test_clean_page_rule_codes_are_visible_in_chromium(tmp_path: Path) -> None:
    page = tmp_path / "clean.html"
    page.write_text(render_clean_html([CleanView("a.txt", ORIGINAL, CLEANED, LEDGER)]),
                    encoding="utf-8")
    shot = tmp_path / "clean.png"
    done = subprocess.run([chromium(), *FLAGS, f"--user-data-dir={tmp_path / 'p'}",
                           "--window-size=900,500", f"--screenshot={shot}", page.as_uri()],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0 and shot.stat().st_size > 5_000
