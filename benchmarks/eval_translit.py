"""Measure the name-variant folding (glossaries/translit/fold.tsv) on Wikidata transliterations.

Usage: python benchmarks/eval_translit.py ../shared/corpora/wikidata-name-transliterations

Each row of ru_to_latin_variants.tsv is one Russian name token with the Latin spellings found
for it. Folding is good when the spellings of one Russian name share a key (recall) and bad
when two different Russian names end up with the same key (false merges). Both are compared
with a baseline key that only lower-cases and strips diacritics.
"""

from __future__ import annotations

import sys
from collections import defaultdict
from pathlib import Path
from typing import Callable

from termcheck.names.translit import fold, strip_diacritics

Entry = tuple[str, list[tuple[str, int]]]


def read_entries(folder: Path) -> list[Entry]:
    entries = []
    lines = (folder / "ru_to_latin_variants.tsv").read_text(encoding="utf-8").splitlines()
    for line in lines[1:]:
        russian, _, variants = line.split("\t")
        pairs = []
        for item in variants.split():
            spelling, _, count = item.rpartition(":")
            pairs.append((spelling, int(count)))
        entries.append((russian, pairs))
    return entries


def recall(entries: list[Entry], key: Callable[[str], str]) -> tuple[float, float]:
    """Share of other spellings (by type and by occurrence) folded onto the top spelling."""
    types = folded_types = occurrences = folded_occurrences = 0
    for _, variants in entries:
        top = key(variants[0][0])
        for spelling, count in variants[1:]:
            same = key(spelling) == top
            types += 1
            folded_types += same
            occurrences += count
            folded_occurrences += count * same
    return folded_types / types, folded_occurrences / occurrences


def false_merges(entries: list[Entry], key: Callable[[str], str]) -> tuple[int, float]:
    """Russian names whose top spelling shares its key with another Russian name's top spelling."""
    groups: dict[str, set[str]] = defaultdict(set)
    for russian, variants in entries:
        groups[key(variants[0][0])].add(russian)
    merged = sum(len(names) for names in groups.values() if len(names) > 1)
    return merged, merged / len(entries)


def examples(entries: list[Entry], key: Callable[[str], str], base: Callable[[str], str],
             limit: int = 15) -> list[str]:
    """Key collisions that folding creates and the baseline does not have."""
    groups: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for russian, variants in entries:
        groups[key(variants[0][0])].append((russian, variants[0][0]))
    found = []
    for group in groups.values():
        if len({base(spelling) for _, spelling in group}) > 1:
            found.append(" = ".join(f"{spelling} ({russian})" for russian, spelling in group))
    return found[:limit]


BGN = dict(zip("абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
               ["a", "b", "v", "g", "d", "e", "yo", "zh", "z", "i", "y", "k", "l", "m", "n", "o",
                "p", "r", "s", "t", "u", "f", "kh", "ts", "ch", "sh", "shch", "", "y", "", "e",
                "yu", "ya"]))


def plain_transliteration(russian: str) -> str:
    """A simple BGN-style romanisation of a Cyrillic name token."""
    return "".join(BGN.get(c, c) for c in russian)


def russian_style(entries: list[Entry]) -> list[Entry]:
    """Names written in Latin the Russian way: one spelling is the plain romanisation."""
    return [e for e in entries if any(baseline(s) == plain_transliteration(e[0]) for s, _ in e[1])]


RUSSIAN_ENDINGS = ("ов", "ев", "ёв", "ин", "ский", "цкий", "ович", "евич", "овна", "евна", "ий",
                   "ей", "ова", "ева", "ина", "ская")


def russian_surnames(entries: list[Entry]) -> list[Entry]:
    """Tokens with a typically Russian ending (-ov, -in, -sky, -ovich, -iy, -ey, -ova ...)."""
    return [e for e in entries if e[0].endswith(RUSSIAN_ENDINGS)]


def baseline(name: str) -> str:
    return strip_diacritics(name.casefold())


def main(folder: str) -> None:
    entries = read_entries(Path(folder))
    for subset, chosen in (("all names", entries), ("Russian-style names", russian_style(entries)),
                            ("Russian endings", russian_surnames(entries))):
        multi = [e for e in chosen if len(e[1]) > 1]
        print(f"== {subset}: {len(chosen)} Russian tokens, {len(multi)} with 2+ spellings")
        for label, key in (("baseline (case+diacritics)", baseline), ("translit/fold.tsv", fold)):
            by_type, by_count = recall(multi, key)
            merged, rate = false_merges(chosen, key)
            print(f"{label}: other spellings folded onto the top one: {by_type:.1%} of types, "
                  f"{by_count:.1%} of occurrences; names sharing a key with a different "
                  f"Russian name: {merged} ({rate:.2%})")
    print("new collisions, e.g.:")
    for line in examples(entries, fold, baseline):
        print("  " + line)


if __name__ == "__main__":
    main(sys.argv[1])
