"""Write again (or check) the tables termcheck ships so that a run need not load a library.

Three tables hold library answers that cost 30–50 ms to load in every process (Babel's locale
data, the confusable-homoglyphs package's 900 kB of JSON), while reading a table costs ~1 ms:

- ``glossaries/numbers/cldr.tsv``: Babel's number marks and date order of the languages of
  ``glossaries/lang/scripts.tsv`` (``numberformat.write_cldr``);
- ``glossaries/lang/language-names.tsv``: Babel's English language names
  (``langid.write_language_names``);
- ``glossaries/lang/lookalikes.tsv``: the letters LG004 repairs to
  (``rules.script.write_lookalikes``).

Each file's header names the library version it was generated with. Shipped tables also keep
findings the same whatever version of those libraries is installed. Usage::

    python3 tools/derived_tables.py           # write the three files
    python3 tools/derived_tables.py -c        # exit 1 if a file differs from a fresh generation
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from termcheck import langid, numberformat  # noqa: E402
from termcheck.data import read_table, shipped  # noqa: E402
from termcheck.rules import script  # noqa: E402


def _common_languages() -> list[str]:
    return [row["lang"] for _, row in read_table(shipped("lang", "scripts.tsv"),
                                                  ("lang", "script"))]


WRITERS: dict[tuple[str, str], Callable[[Path], None]] = {
    numberformat.CLDR: lambda path: numberformat.write_cldr(path, _common_languages()),
    ("lang", "language-names.tsv"): langid.write_language_names,
    script.LOOKALIKES: script.write_lookalikes,
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("-c", "--check", action="store_true",
                        help="compare with a fresh generation instead of writing")
    args = parser.parse_args()
    stale = []
    with tempfile.TemporaryDirectory() as scratch:
        for parts, write in WRITERS.items():
            target = shipped(*parts)
            fresh = Path(scratch) / target.name
            write(fresh)
            if fresh.read_bytes() == target.read_bytes():
                continue
            if args.check:
                stale.append(target)
            else:
                target.write_bytes(fresh.read_bytes())
                print(f"wrote {target.relative_to(ROOT)}")
    for target in stale:
        print(f"{target.relative_to(ROOT)} differs from a fresh generation", file=sys.stderr)
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main())
