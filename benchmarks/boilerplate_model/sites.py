"""A site proxy for the cross-validation of the boilerplate classifier (train.py --grouping site).

scrapinghub-aeb names no site. Folds grouped by article keep the three extractor outputs of a
page together, but two pages of one site in different folds would let a model that learns words
(a hashed lexicon) read the site's chrome in training and find it again in the held-out fold.
The proxy joins two articles when their texts show that they come from one site (or one
template), and the connected components are the groups:

- ``boilerplate``: both hold an identical non-trivial line that is not in their gold bodies
  (case-folded, spaces normalised, every run of digits read as 0, so "Published 10:02 AM EST"
  meets "Published 11:11 PM EST");
- ``gold``: both gold bodies hold an identical non-trivial line (a site's chrome kept in the
  gold body, or a syndicated story: either leaks);
- ``host``: both texts (outputs or gold) name a URL host of the same registrable domain.

Joining too much only makes the figures more pessimistic (fewer, larger groups); joining too
little would leak. A line is non-trivial with at least MIN_WORDS words and MIN_LETTERS letters
("Video", "Comments", "More:" are on pages of many sites).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

EXTRACTORS = ("goose3", "readability", "trafilatura")
RULES = ("boilerplate", "gold", "host")
MIN_WORDS = 3
MIN_LETTERS = 15
_DIGITS = re.compile(r"\d+")
_HOST = re.compile(r"(?:https?://|\bwww\.)([a-z0-9-]+(?:\.[a-z0-9-]+)+)"
                   r"|\b((?:[a-z0-9-]+\.)+(?:com|org|net|info|io|ru|de|fr|es|it|co\.uk))\b"
                   r"(?![.\w-]*[a-z0-9])")
_SECOND_LEVEL = {"co", "com", "org", "net", "ac", "gov", "edu"}


def line_key(line: str, norm: Callable[[str], str]) -> str | None:
    """The key two lines share when they are the same line of a template, or None when the
    line is too common to tell a site (fewer than MIN_WORDS words or MIN_LETTERS letters)."""
    text = norm(line).casefold()
    words = [w for w in text.split() if any(c.isalpha() for c in w)]
    if len(words) < MIN_WORDS or sum(c.isalpha() for c in text) < MIN_LETTERS:
        return None
    return _DIGITS.sub("0", text)


def domains(text: str) -> set[str]:
    """The registrable domains of the URL hosts in ``text`` ("pic.twitter.com" → twitter.com,
    "www.bbc.co.uk" → bbc.co.uk)."""
    found = set()
    for scheme_host, bare_host in _HOST.findall(text):
        labels = (scheme_host or bare_host).lower().strip(".-").split(".")
        size = 3 if len(labels) >= 3 and len(labels[-1]) == 2 and labels[-2] in _SECOND_LEVEL \
            else 2
        if len(labels) >= 2:
            found.add(".".join(labels[-size:]))
    return found


@dataclass
class Page:
    """What the proxy reads of one article: its boilerplate and gold line keys, its domains."""

    article: str
    keys: dict[str, set[str]]  # rule -> keys


def read_pages(corpus: Path, in_gold: Callable[[str, str, bool], bool],
               norm: Callable[[str], str]) -> list[Page]:
    """Every article of ``corpus`` (gold/NAME.txt and one output per extractor)."""
    pages = []
    for gold_path in sorted((corpus / "gold").glob("*.txt")):
        gold_text = gold_path.read_text(encoding="utf-8")
        gold = norm(gold_text)
        outputs = [(corpus / e / gold_path.name).read_text(encoding="utf-8")
                   for e in EXTRACTORS if (corpus / e / gold_path.name).is_file()]
        boilerplate = {key for text in outputs for line in text.split("\n")
                       if line.strip() and not in_gold(line, gold, True)
                       and (key := line_key(line, norm)) is not None}
        gold_keys = {key for line in gold_text.split("\n")
                     if (key := line_key(line, norm)) is not None}
        hosts = set().union(*(domains(text) for text in [gold_text, *outputs]))
        pages.append(Page(gold_path.name, {"boilerplate": boilerplate, "gold": gold_keys,
                                           "host": hosts}))
    return pages


def components(pages: list[Page], rules: Iterable[str] = RULES) -> dict[str, str]:
    """Each article's group: the first article (in name order) of its connected component,
    two articles being joined when they share a key of one of ``rules``."""
    parent = {page.article: page.article for page in pages}

    def root(article: str) -> str:
        while parent[article] != article:
            parent[article] = parent[parent[article]]
            article = parent[article]
        return article

    owner: dict[tuple[str, str], str] = {}
    for page in sorted(pages, key=lambda p: p.article):
        for rule in rules:
            for key in sorted(page.keys[rule]):
                other = owner.setdefault((rule, key), page.article)
                a, b = root(other), root(page.article)
                if a != b:
                    parent[max(a, b)] = min(a, b)
    return {article: root(article) for article in parent}


def describe(groups: dict[str, str]) -> str:
    """"N groups: sizes …" for the report."""
    sizes: dict[str, int] = {}
    for group in groups.values():
        sizes[group] = sizes.get(group, 0) + 1
    by_size: dict[int, int] = {}
    for size in sizes.values():
        by_size[size] = by_size.get(size, 0) + 1
    spread = ", ".join(f"{count} of {size}" for size, count in sorted(by_size.items(),
                                                                       reverse=True))
    return f"{len(groups)} articles in {len(sizes)} groups ({spread} articles)"
