"""The HTML review page, opened in headless Chromium: highlights sit exactly on the findings,
article text is escaped, the page runs without errors and needs no network."""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import replace
from html.parser import HTMLParser
from itertools import pairwise
from pathlib import Path

import pytest

from termcheck.api import LintReport, lint_paths
from termcheck.cli import app
from termcheck.config import Config
from termcheck.edits import Change
from termcheck.report import render
from termcheck.report.html import CleanView, highlighted_text, render_clean_html

REPO = Path(__file__).resolve().parents[1]
ARTICLES = {
    "hostile.txt": "Breaking <script>document.title='pwned'</script> news (dpa\n\n"
                   "Emoji 😀 then [an open bracket & “quotes”.\n",
    "plain.md": "# Title\n\nA calm (balanced) paragraph. dpa)\n",
    "clean.txt": "Nothing to see here.\n",
}
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--enable-logging=stderr", "--v=0"]


class PageParser(HTMLParser):
    """Collects each document's text, its marks and the listed findings from a dumped DOM."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.texts: dict[str, str] = {}
        self.marks: dict[str, list[dict[str, str]]] = {}
        self.items: dict[str, list[dict[str, str]]] = {}
        self.scripts = 0
        self.errors = ""
        self.ready = False
        self.sides: dict[str, dict[str, str]] = {}  # clean pages: path -> before/after text
        self.edits: dict[str, list[dict[str, str]]] = {}  # clean pages: del and ins elements
        self._path = ""
        self._in_pre = False
        self._side = ""
        self._edit: dict[str, str] | None = None
        self._mark: dict[str, str] | None = None
        self._in_errors = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attr = {k: v or "" for k, v in attrs}
        if tag == "body":
            self.ready = attr.get("data-ready") == "1"
        elif tag == "script":
            self.scripts += 1
        elif tag == "section" and "data-path" in attr:
            self._path = attr["data-path"]
            self.texts[self._path], self.marks[self._path], self.items[self._path] = "", [], []
        elif tag == "pre":
            self._in_pre = True
            self._side = attr.get("class", "").removeprefix("text").strip()
        elif tag in ("del", "ins") and self._in_pre:
            self._edit = {**attr, "tag": tag, "text": ""}
            self.edits.setdefault(self._path, []).append(self._edit)
        elif tag == "mark" and self._in_pre:
            self._mark = {**attr, "text": ""}
            self.marks[self._path].append(self._mark)
        elif tag == "li" and "data-finding" in attr:
            self.items[self._path].append(attr)
        elif tag == "div" and attr.get("id") == "errors":
            self._in_errors = True

    def handle_endtag(self, tag: str) -> None:
        if tag == "pre":
            self._in_pre = False
        elif tag == "mark":
            self._mark = None
        elif tag in ("del", "ins"):
            self._edit = None
        elif tag == "div":
            self._in_errors = False

    def handle_data(self, data: str) -> None:
        if self._in_pre:
            self.texts[self._path] += data
            if self._mark is not None:
                self._mark["text"] += data
            if self._side:
                side = self.sides.setdefault(self._path, {})
                side[self._side] = side.get(self._side, "") + data
            if self._edit is not None:
                self._edit["text"] += data
        if self._in_errors:
            self.errors += data


def chromium() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    pytest.skip("Chromium is not installed here (apt-get install chromium; .ci/run does it)")


def open_page(page: Path, tmp_path: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    profile = tmp_path / f"profile-{len(list(tmp_path.glob('profile-*')))}"
    return subprocess.run([chromium(), *FLAGS, f"--user-data-dir={profile}", *extra,
                           page.as_uri()], capture_output=True, text=True, timeout=120)


def dump(page: Path, tmp_path: Path) -> tuple[PageParser, str]:
    done = open_page(page, tmp_path, "--dump-dom")
    assert done.returncode == 0, done.stderr[-2000:]
    parser = PageParser()
    parser.feed(done.stdout)
    return parser, done.stderr


@pytest.fixture
def report(tmp_path: Path) -> LintReport:
    folder = tmp_path / "articles"
    folder.mkdir()
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    found = lint_paths([folder], Config(select=("BR",)), keep_texts=True)
    assert len(found.findings) >= 3
    return found


def check_page(parser: PageParser, report: LintReport) -> None:
    """Every highlight covers exactly its findings' spans, and the text survives unchanged."""
    assert parser.ready and not parser.errors
    assert parser.scripts == 2, "only the page's own scripts: article text is escaped"
    with_findings = {f.path for f in report.findings}
    assert set(parser.texts) == with_findings, "files with findings only"
    for path, text in report.texts.items():
        if path not in with_findings:
            continue
        assert parser.texts[path] == text
        for mark in parser.marks[path]:
            assert text[int(mark["data-start"]):int(mark["data-end"])] == mark["text"]
    for number, finding in enumerate(report.findings):
        covered = [(int(m["data-start"]), int(m["data-end"])) for m in parser.marks[finding.path]
                   if str(number) in m["data-findings"].split()]
        assert covered, f"finding {number} has no highlight"
        assert covered[0][0] == finding.start and covered[-1][1] == finding.end
        assert all(a[1] == b[0] for a, b in pairwise(covered))
        item = next(i for i in parser.items[finding.path] if i["data-finding"] == str(number))
        assert (item["data-start"], item["data-end"]) == (str(finding.start), str(finding.end))


def test_highlights_sit_on_the_findings_in_chromium(report: LintReport, tmp_path: Path) -> None:
    page = tmp_path / "report.html"
    page.write_text(render(report, "html"), encoding="utf-8")
    parser, log = dump(page, tmp_path)
    check_page(parser, report)
    assert ":CONSOLE" not in log, "the page logs nothing to the console (no errors, no CSP hits)"
    assert "pwned" not in log
    shot = tmp_path / "report.png"
    open_page(page, tmp_path, "--window-size=1280,900", f"--screenshot={shot}")
    assert shot.stat().st_size > 10_000


def test_overlapping_and_empty_spans_stay_exact(report: LintReport, tmp_path: Path) -> None:
    first = report.findings[0]
    text = report.texts[first.path]
    wide = replace(first, start=0, end=first.end + 3, category="boilerplate", code="BP999")
    point = replace(first, start=first.end + 1, end=first.end + 1, code="SP999",
                    category="spacing")
    report.findings[1:1] = [wide, point]
    page = tmp_path / "overlap.html"
    page.write_text(render(report, "html"), encoding="utf-8")
    parser, _ = dump(page, tmp_path)
    check_page(parser, report)
    assert parser.texts[first.path] == text


def test_page_is_self_contained(report: LintReport) -> None:
    html = render(report, "html")
    assert "http://" not in html and "https://" not in html
    assert "<script>document.title" not in html


def test_highlighted_text_escapes_and_marks() -> None:
    marked = highlighted_text("a <b> c", [(2, 5, "spacing")])
    assert marked == ('a <mark class="hl" data-start="2" data-end="5" data-findings="0" '
                      'data-categories="spacing">&lt;b&gt;</mark> c')


def test_clean_page_shows_removals_and_insertions(tmp_path: Path) -> None:
    original = "Hello  world <b>! Read more\n"
    ledger = [Change(5, 7, "  ", " ", ("SP001",), ("double space",)),
              Change(18, 27, "Read more", "", ("BP001",), ("read-more link",))]
    cleaned = "Hello world <b>! \n"
    page = tmp_path / "clean.html"
    page.write_text(render_clean_html([CleanView("a.txt", original, cleaned, ledger)]),
                    encoding="utf-8")
    html = page.read_text(encoding="utf-8")
    assert '<del data-start="18" data-end="27" data-codes="BP001"' in html
    assert '<ins data-start="17" data-end="17" data-codes="BP001"' in html
    assert "&lt;b&gt;" in html and "<b>" not in html
    parser, _ = dump(page, tmp_path)
    assert parser.ready and not parser.errors


def test_samples_report_renders_with_a_screenshot(tmp_path: Path) -> None:
    samples = REPO / "samples"
    if not any(samples.rglob("*.txt")) and not any(samples.rglob("*.md")):
        pytest.skip("samples/ holds no articles yet")
    found = lint_paths([samples], keep_texts=True)
    page = tmp_path / "samples.html"
    page.write_text(render(found, "html"), encoding="utf-8")
    parser, log = dump(page, tmp_path)
    check_page(parser, found)
    assert ":CONSOLE" not in log
    shot = tmp_path / "samples.png"
    open_page(page, tmp_path, "--window-size=1280,1600", f"--screenshot={shot}")
    assert shot.stat().st_size > 10_000


def test_clean_report_html_shows_each_changed_document_before_and_after(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    folder = tmp_path / "articles"
    folder.mkdir()
    changed = "Breaking <script>document.title='pwned'</script>: Kazakhstanâ€™s news.\n"
    (folder / "changed.txt").write_text(changed, encoding="utf-8")
    (folder / "calm.txt").write_text("Nothing to see here.\n", encoding="utf-8")
    page = tmp_path / "clean.html"
    done = CliRunner().invoke(app, ["clean", "--isolated", str(folder), "--out",
                                    str(tmp_path / "out"), "--report-html", str(page)])
    assert done.exit_code == 0, done.output
    html = page.read_text(encoding="utf-8")
    assert "http://" not in html and "https://" not in html and "<script>document" not in html
    cleaned = (tmp_path / "out" / "changed.txt").read_text(encoding="utf-8")
    assert cleaned != changed
    parser, log = dump(page, tmp_path)
    assert parser.ready and not parser.errors and ":CONSOLE" not in log
    path = str(folder / "changed.txt")
    assert list(parser.sides) == [path], "only changed documents are shown"
    assert parser.sides[path] == {"before": changed, "after": cleaned}
    for edit in parser.edits[path]:
        text = changed if edit["tag"] == "del" else cleaned
        assert text[int(edit["data-start"]):int(edit["data-end"])] == edit["text"]
    assert {e["data-codes"] for e in parser.edits[path]} == {"EN001"}
