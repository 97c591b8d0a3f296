"""The conventions load as they did: the generated CLDR file read line by line gives what
tomllib gives, other files go to tomllib, and header lines are found as the pattern found them."""

from __future__ import annotations

import re
import tomllib

import pytest

from termcheck.data import read_text, shipped
from termcheck.quoting import _header_lines, _string_tables


def test_the_generated_cldr_file_reads_as_tomllib_reads_it() -> None:
    text = read_text(shipped("cldr", "conventions.toml"))
    assert _string_tables(text) == tomllib.loads(text)
    assert _string_tables(text.replace("\n", "\r\n")) == tomllib.loads(text)


@pytest.mark.parametrize("text", [
    '[a]\nx = "1"\n[a]\ny = "2"\n',  # a table twice
    '[a]\nx = "1"\nx = "2"\n',  # a key twice
    'x = "1"\n',  # a key outside a table
    '[a]\nx = "\\ud800"\n',  # an escaped surrogate
    '[a]\nx = "a\\tb"\n',  # another escape
    '[a]\nx = "a\tb"\n',  # a tab (tomllib takes it)
    '[a]\nx = 1\n',  # not a string
    '[a.b]\nx = "1"\n',  # a dotted table
    '[a]\nx = "1" # note\n',  # a comment after a value
    '[a]\rx = "1"\n',  # a lone carriage return
    '  [a]\nx = "1"\n',  # indented
])
def test_other_files_go_to_tomllib(text: str) -> None:
    assert _string_tables(text) is None


def test_simple_files_read_as_tomllib_reads_them() -> None:
    for text in ['', '# only a comment\n', '[a]\n', '["zh-Hant"]\nname = "x\\u00a0y"\n\n[b]\n',
                 '[a]\nx = ""\ny = "«»"\n',
                 '[a]\nx = "\ud800"\n']:  # a raw surrogate (no file decodes to one): kept
        assert _string_tables(text) == tomllib.loads(text), repr(text)


def test_header_lines_are_the_lines_the_pattern_found() -> None:
    text = read_text(shipped("quotes.toml"))
    text += '\n["de"]\n[x.y]\n["q]\n[r"]\n'
    names = [*tomllib.loads(read_text(shipped("quotes.toml"))), "q", "r", "x", "x.y", "nowhere"]
    for name in names:
        match = re.search(rf"^\[\"?{re.escape(name)}\"?\]", text, re.M)
        expected = text.count("\n", 0, match.start()) + 1 if match else 1
        assert _header_lines(text).get(name, 1) == expected, name
