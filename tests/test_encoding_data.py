"""The encoding family's data file is validated when loaded."""

from __future__ import annotations

from pathlib import Path

import pytest

from termcheck.data import shipped
from termcheck.errors import DataError
from termcheck.rules.encoding import load_invisible


def test_invisible_character_table_loads_and_bad_rows_name_file_and_line(tmp_path: Path) -> None:
    table = load_invisible(shipped("encoding", "invisible.tsv"))
    assert table["\u00ad"].name == "soft hyphen" and table["\u200d"].legit == "joiner"
    bad = tmp_path / "bad.tsv"
    bad.write_text("codepoint\tname\tlegit\n200B\tzero-width space\tsometimes\n")
    with pytest.raises(DataError, match=r"bad.tsv:2: legit must be"):
        load_invisible(bad)
