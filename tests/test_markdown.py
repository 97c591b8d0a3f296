"""Markdown is checked as prose; inline suppression comments; the ignore file without a config."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from termcheck.api import lint_paths
from termcheck.clean import CleanOptions, clean_paths
from termcheck.config import Config
from termcheck.document import Document
from termcheck.engine import check_document, fix_document
from termcheck.markdown import MARKDOWN_SUFFIXES, is_markdown, prose_view

BR = Config(select=("BR001",))
ARTICLE = """---
title: "An (unclosed title
---

# Headline

Prose with a lone ) bracket and `inline ( code` and ``two ` ticks ) `` too.

    indented ( code

```python
print("unbalanced (")
```

<!-- a comment with ( inside -->

Text <span title="(">with html</span> ends here.

~~~
fenced ) again
~~~
"""


def _doc(text: str, path: str = "a.md") -> Document:
    return Document(text=text, path=path)


def test_code_front_matter_and_html_are_skipped_offsets_kept() -> None:
    findings = check_document(_doc(ARTICLE), BR).findings
    lone = ARTICLE.index("lone )") + 5
    assert [(f.start, f.line) for f in findings] == [(lone, 7)]
    assert findings[0].matched == ")" and findings[0].excerpt.startswith("Prose with a lone )")
    as_text = check_document(_doc(ARTICLE, "a.txt"), BR).findings
    assert len(as_text) > len(findings), "a .txt file is all prose"


def test_blanked_text_keeps_length_and_line_breaks() -> None:
    text = ARTICLE.replace("\n", "\r\n")
    view = prose_view(text)
    assert len(view.masked) == len(text)
    assert [i for i, c in enumerate(view.masked) if c in "\r\n"] == \
        [i for i, c in enumerate(text) if c in "\r\n"]
    assert "print" not in view.masked and "inline" not in view.masked
    assert "Headline" in view.masked and "lone )" in view.masked


def test_escaped_backticks_are_prose() -> None:
    text = "A \\`not code ) here\\` and `real ( code`.\n"
    findings = check_document(_doc(text), BR).findings
    assert [text[f.start:f.end] for f in findings] == [")"]


def test_format_meta_overrides_the_file_name() -> None:
    text = "Use `x)` here.\n"
    assert check_document(_doc(text, "a.txt"), BR).findings
    doc = _doc(text, "a.txt")
    doc.meta["format"] = "markdown"
    assert check_document(doc, BR).findings == []


def test_markdown_is_told_by_the_file_name_s_extension() -> None:
    names = ["a.md", "dir/B.MD", "c.markdown", "x..mdown", "e.mkd", "f.mkdn", "g.txt",
             ".md", "dir/.md", "..md", "md", "a.md.txt", "a.md/b.txt", "notes.MD "]
    for name in names:
        expected = os.path.splitext(name)[1].lower() in MARKDOWN_SUFFIXES
        assert is_markdown(_doc("x", name)) is expected, name
    assert [n for n in names if is_markdown(_doc("x", n))] == \
        ["a.md", "dir/B.MD", "c.markdown", "x..mdown", "e.mkd", "f.mkdn"]
    assert is_markdown(_doc("x", Path("dir/a.md"))) and not is_markdown(_doc("x", Path("a.txt")))


def test_fixes_never_touch_skipped_regions() -> None:
    text = ("Spaced  words here.\n\n```\ncode  with  spaces\n```\n\n"
            "`a  b` and  more.\n")
    fixed = fix_document(_doc(text), Config()).text
    assert "code  with  spaces" in fixed and "`a  b`" in fixed
    assert "Spaced words" in fixed and "and more" in fixed


def test_clean_keeps_markdown_code_byte_for_byte(tmp_path: Path) -> None:
    source = tmp_path / "in"
    source.mkdir()
    code = "```\nKazakhstanâ€™s  (raw)  log\n```\n"
    (source / "a.md").write_text(f"Kazakhstanâ€™s  news.\n\n{code}", encoding="utf-8")
    clean_paths([source], CleanOptions(tmp_path / "out"), Config())
    cleaned = (tmp_path / "out" / "a.md").read_text(encoding="utf-8")
    assert cleaned.endswith(code)
    assert cleaned.startswith("Kazakhstan’s news.")


def test_disable_and_enable_comments() -> None:
    text = ("One ) here.\n\n<!-- termcheck-disable BR001 -->\nTwo ) here.\n"
            "<!-- termcheck-enable -->\n\nThree ) here.\n\n<!-- termcheck-disable -->\n"
            "Four ) to the end.\n")
    lines = [f.line for f in check_document(_doc(text), BR).findings]
    assert lines == [1, 7]


def test_disable_names_codes_or_prefixes_or_rule_names() -> None:
    text = "A ) and  B.\n<!-- termcheck-disable BR, doubled-space -->\nC ) and  D.\n"
    findings = check_document(_doc(text), Config(select=("BR001", "SP"))).findings
    assert {f.line for f in findings} == {1}
    assert {f.code[:2] for f in findings} == {"BR", "SP"}


def test_disable_comment_in_a_txt_file_is_text() -> None:
    text = "<!-- termcheck-disable -->\nA ) here.\n"
    assert check_document(_doc(text, "a.txt"), BR).findings


def test_ignore_file_at_repository_root_without_config(tmp_path: Path) -> None:
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "a.txt").write_text("A lone ) here.\n")
    (tmp_path / "b.txt").write_text("A lone ) here.\n")
    (tmp_path / ".termcheck-ignore").write_text("[docs/*.txt]\nBR001\t)\n")
    found = lint_paths([tmp_path / "docs", tmp_path / "b.txt"], overrides={"select": ("BR001",)})
    assert [Path(f.path).name for f in found.findings] == ["b.txt"]


def test_ignore_file_patterns_limit_entries(tmp_path: Path) -> None:
    ignore = tmp_path / ".termcheck-ignore"
    ignore.write_text("BR001\t(\n[old/*]\nBR001\t)\n[*]\nSP\t  \n")
    from termcheck.suppression import IgnoreList

    entries = IgnoreList.load(ignore).entries
    assert entries == {("BR001", "(", None), ("BR001", ")", "old/*"), ("SP", "  ", None)}
    (tmp_path / "old").mkdir()
    (tmp_path / "old" / "a.txt").write_text("A lone ) here.\n")
    (tmp_path / "new.txt").write_text("A lone ) here.\n")
    config = Config(select=("BR001",), ignore_file=ignore)
    found = lint_paths([tmp_path / "old", tmp_path / "new.txt"], config)
    assert [Path(f.path).name for f in found.findings] == ["new.txt"]


def test_table_pipes_and_padding_are_markup_cells_are_prose() -> None:
    text = "Intro.\n\n| Name  | Age |\n|-------|----:|\n| Ann  x | 3   |\n\nEnd.\n"
    findings = check_document(_doc(text), Config(select=("SP001",))).findings
    assert [(f.line, f.matched) for f in findings] == [(5, "  ")]
    assert findings[0].start == text.index("Ann  x") + 3


def test_raw_html_blocks_are_code() -> None:
    text = "Prose.\n\n<pre>\nraw ( code\n</pre>\n\n<div>\nA lone ) in a div.\n</div>\n"
    findings = check_document(_doc(text), BR).findings
    assert [f.line for f in findings] == [8]


PIECES = ["Word", " ", "  ", "\n", "\n\n", ")", "(", "\"", "«", "`", "``", "`a  b`",
          "```\nx  (y\n```\n", "    indented  )\n", "<!-- c ( -->", "<b>", "â€™", " ,", "#", "|"]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=25))
def test_fixes_keep_every_skipped_region(pieces: list[str]) -> None:
    text = "".join(pieces)
    view = prose_view(text)
    assert len(view.masked) == len(text)
    fixed = fix_document(_doc(text), Config(), lambda f: f.fix is not None).text
    position = 0
    for start, end in view.skipped:
        found = fixed.find(text[start:end], position)
        assert found >= 0, (text[start:end], fixed)
        position = found + end - start
