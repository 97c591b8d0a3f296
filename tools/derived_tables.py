"""Write again (or check) the tables termcheck ships so that a run need not load a library.

Three tables hold library answers that cost 30–50 ms to load in every process (Babel's locale
data, the confusable-homoglyphs package's 900 kB of JSON), while reading a table costs ~1 ms:

- ``glossaries/numbers/cldr.tsv``: Babel's number marks and date order of the languages of
  ``glossaries/lang/scripts.tsv`` (rows of ``numberformat.cldr_row``);
- ``glossaries/lang/language-names.tsv``: Babel's English language names;
- ``glossaries/lang/lookalikes.tsv``: the letters LG004 repairs to (rows of
  ``rules.script.lookalike_rows``);
- ``glossaries/lang/bmp-letters.tsv``: the BMP's upper- and lower-case letters and non-letters
  (``names.runs.bmp_letter_ranges``, 7 ms at each start), one row per class and Unicode version
  of ``unicodedata``: a Python with another version adds its rows (until then it derives them);
- ``glossaries/lang/script-ranges.tsv``: the script of each code point LG002 classifies
  (``rules.language.script_ranges``, ~30M instructions at each start), kept the same way.

Each file's header names the library version it was generated with. Shipped tables also keep
findings the same whatever version of those libraries is installed. Usage::

    python3 tools/derived_tables.py      # write the files
    python3 tools/derived_tables.py -c   # exit 1 if a file differs from a fresh generation
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Iterable
from importlib.metadata import version
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from termcheck import langid, numberformat  # noqa: E402
from termcheck.data import code_points, read_table, shipped  # noqa: E402
from termcheck.names import runs  # noqa: E402
from termcheck.rules import language, script  # noqa: E402


def table(about: list[str], library: str, columns: tuple[str, ...],
          rows: Iterable[tuple[str, ...]]) -> str:
    """A shipped TSV: comment lines, the library version it came from, the columns, the rows."""
    lines = [f"# {line}" for line in about]
    lines.append(f"# generated with {library} {version(library)} by tools/derived_tables.py")
    lines.append("\t".join(columns))
    lines += ["\t".join(row) for row in rows]
    return "\n".join(lines) + "\n"


def cldr_marks() -> str:
    languages = [row["lang"] for _, row in read_table(shipped("lang", "scripts.tsv"),
                                                       ("lang", "script"))]
    rows = []
    for locale_id in languages:
        row = numberformat.cldr_row(locale_id)
        if row is not None:
            language, territory, decimal, group, date = row
            rows.append((locale_id, language, "yes" if territory else "no", code_points(decimal),
                         code_points(group), date))
    return table(["CLDR number marks and short date order (Babel), read by "
                  "numberformat.conventions"], "Babel",
                 ("locale", "language", "territory", "decimal", "group", "date"), rows)


def language_names() -> str:
    from babel import Locale

    return table(["CLDR's English language names (Babel's Locale(\"en\").languages), read by "
                  "langid.language_name"], "Babel", ("code", "name"),
                 Locale("en").languages.items())


def lookalikes() -> str:
    return table(["Usual letter of an alphabet that looks like a character (LG004's repairs),",
                  "derived from the confusable-homoglyphs package by lookalike_rows()"],
                 "confusable-homoglyphs", ("char", "script", "lookalike"),
                 ((code_points(char), name, code_points(alike))
                  for char, name, alike in script.lookalike_rows()))


def bmp_letters() -> str:
    fresh = runs.bmp_letter_ranges()
    return versioned_table(
        runs.BMP_LETTERS, "class",
        [(name, runs.write_ranges(getattr(fresh, name))) for name in ("upper", "lower", "other")],
        ["The Basic Multilingual Plane's upper-case and lower-case letters and its",
         "non-letters ([\\W\\d_]), as hexadecimal code point ranges, per version of",
         "Python's unicodedata; read by names.runs (NM002's word patterns), derived by",
         "bmp_letter_ranges() for a version not listed"])


def script_ranges() -> str:
    return versioned_table(
        language.SCRIPT_RANGES, "script",
        [(script or language._NON_LETTER, runs.write_ranges(parts))
         for script, parts in language.script_ranges().items()],
        ["The classified code points of LG002 (language._CLASSIFIED and _UNIFORM_BLOCKS) by",
         "script (langid.script_of), as hexadecimal code point ranges, per version of",
         "Python's unicodedata; read by rules.language, derived by script_ranges() for a",
         "version not listed"])


def versioned_table(where: tuple[str, ...], key: str, fresh: list[tuple[str, str]],
                    about: list[str]) -> str:
    """A table of ranges per Unicode version: the rows of other versions kept, this Python's
    (``fresh``: key and ranges) written afresh."""
    from unicodedata import unidata_version

    columns = ("unicode", key, "ranges")
    kept = [(row["unicode"], row[key], row["ranges"])
            for _, row in read_table(shipped(*where), columns)
            if row["unicode"] != unidata_version]
    rows = kept + [(unidata_version, name, ranges) for name, ranges in fresh]
    about = [*about, "generated with unicodedata by tools/derived_tables.py"]
    lines = [f"# {line}" for line in about] + ["\t".join(columns)]
    lines += ["\t".join(row) for row in sorted(rows)]
    return "\n".join(lines) + "\n"


TABLES: dict[tuple[str, str], Callable[[], str]] = {
    numberformat.CLDR: cldr_marks,
    langid.LANGUAGE_NAMES: language_names,
    script.LOOKALIKES: lookalikes,
    runs.BMP_LETTERS: bmp_letters,
    language.SCRIPT_RANGES: script_ranges,
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("-c", "--check", action="store_true",
                        help="compare with a fresh generation instead of writing")
    args = parser.parse_args()
    stale = 0
    for parts, generate in TABLES.items():
        target = shipped(*parts)
        fresh = generate()
        if target.read_text(encoding="utf-8") == fresh:
            continue
        if args.check:
            print(f"{target.relative_to(ROOT)} differs from a fresh generation", file=sys.stderr)
            stale += 1
        else:
            target.write_text(fresh, encoding="utf-8")
            print(f"wrote {target.relative_to(ROOT)}")
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main())
