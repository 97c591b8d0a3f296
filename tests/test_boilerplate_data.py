"""The shipped boilerplate lists load, bad lists fail with file and line, extra lists merge."""

from __future__ import annotations

from pathlib import Path

import pytest

from termcheck.api import lint_text
from termcheck.config import Config
from termcheck.context import Context, Resources
from termcheck.data import shipped
from termcheck.errors import DataError
from termcheck.rules.boilerplate import KINDS, boilerplate_for, load_entries, normalise

LANGS = ("en", "de", "fr", "es", "ru", "cs", "uk", "is", "hi", "ja", "zh")


@pytest.mark.parametrize("name", ["common", *LANGS])
def test_shipped_list_loads_with_known_kinds_and_no_repeated_phrase(name: str) -> None:
    entries = list(load_entries(shipped("boilerplate", f"{name}.tsv")))
    assert entries
    assert {e.kind for e in entries} <= set(KINDS)
    phrases = [normalise(e.pattern) for e in entries if e.kind == "line"]
    assert len(phrases) == len(set(phrases)), "a line phrase is listed twice"


def write(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "extra.tsv"
    path.write_text("kind\tpattern\tnote\n" + body, encoding="utf-8")
    return path


def test_invalid_regex_names_file_and_line(tmp_path: Path) -> None:
    path = write(tmp_path, "line\tfine\t\nregex\tread (also\tbroken\n")
    with pytest.raises(DataError) as error:
        list(load_entries(path))
    assert str(error.value).startswith(f"{path}:3: invalid regular expression")


def test_unknown_kind_names_file_and_line(tmp_path: Path) -> None:
    path = write(tmp_path, "phrase\tcontents\t\n")
    with pytest.raises(DataError, match=r":2: unknown kind 'phrase'"):
        list(load_entries(path))


def test_configured_list_is_merged_with_the_shipped_one(tmp_path: Path) -> None:
    extra = write(tmp_path, "line\tSupport our newsroom\tdonation prompt\n")
    config = Config(lang="en", select=("BP",), boilerplate=(extra,))
    text = "Markets fell.\n\nSupport our newsroom\n\nLeave a Comment\n"
    assert [f.matched for f in lint_text(text, config)] == ["Support our newsroom",
                                                            "Leave a Comment"]


def test_target_language_selects_the_list() -> None:
    context = Context(config=Config(lang="de"), resources=Resources())
    table = boilerplate_for(context)
    assert normalise("Lesen Sie auch") in table.lines
    assert normalise("Leave a Comment") not in table.lines


def test_invalid_configured_list_is_an_error_naming_file_and_line_not_a_crash(
        tmp_path: Path) -> None:
    """Every document would fail alike: the run stops with one clear error."""
    from termcheck.document import Document
    from termcheck.engine import check_document

    bad = write(tmp_path, "regex\t(unclosed\t\n")
    with pytest.raises(DataError, match=rf"{bad}:2: invalid regular expression"):
        check_document(Document("Text.\n"), Config(select=("BP001",), boilerplate=(bad,)),
                       resources=Resources())


@pytest.mark.parametrize("pattern", ["(?(1)a|b)", "a)(?:b", "[abc", "\\1x"])
def test_a_shipped_pattern_that_does_not_parse_is_an_error_at_load(
        tmp_path: Path, pattern: str) -> None:
    """Shipped patterns are compiled when first used, joined with the others; one invalid alone
    may compile there ("(?(1)a|b)" refers to another entry's group), so each is parsed at load."""
    from termcheck.rules.boilerplate import load_entries

    bad = write(tmp_path, f"regex\t{pattern}\t\n")
    with pytest.raises(DataError, match=rf"{bad}:2: invalid regular expression"):
        list(load_entries(bad, trusted=True, deferred=True))
