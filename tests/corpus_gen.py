"""Generated corpora for executor tests: varied documents, some words shared, some unique."""

from __future__ import annotations

import json
import random
from pathlib import Path

WORDS = ("government", "ministry", "president", "agreement", "delegation", "yesterday",
         "Kassym-Jomart", "Kassym-Shomart", "Tokayev", "parliament", "statement", "the", "and")
ARTEFACTS = (" (dpa", " dpa)", " [Reuters", "", "", "")
FOOTER = "Follow us for the latest news from the region"  # BP100 once in 5 documents or more


def article(seed: int) -> str:
    """A short article; the same seed always gives the same text."""
    rng = random.Random(seed)
    lines = []
    for _ in range(rng.randint(1, 6)):
        words = [rng.choice(WORDS) for _ in range(rng.randint(4, 14))]
        if rng.random() < 0.2:
            words.append(f"unusualword{seed:05d}")
        lines.append(" ".join(words).capitalize() + "." + rng.choice(ARTEFACTS))
    return "\n".join(lines) + "\n"


def chrome_article(seed: int) -> str:
    """An article with what only the whole corpus reveals: a name spelled two ways across
    documents (NM002: "Alikhan Smaylov" in one of 7, fixed safely to the name glossary's
    "Smailov" only because other documents spell it so too) and a repeated footer (BP100: one
    in 3)."""
    name = "Alikhan Smaylov" if seed % 7 == 3 else "Alikhan Smailov"
    text = article(seed) + f"Spokesman {name} commented on report {seed}.\n"
    return text + f"{FOOTER}\n" if seed % 3 == 0 else text


def write_corpus(root: Path, count: int, bad: bool = True, chrome: bool = False) -> Path:
    """``count`` articles in nested folders, plus an undecodable and a binary file.

    ``chrome`` gives articles cross-document artefacts that clean fixes (:func:`chrome_article`).
    """
    make = chrome_article if chrome else article
    for i in range(count):
        folder = root / f"part{i % 3}"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"article{i:04d}.txt").write_text(make(i), encoding="utf-8")
    if bad:
        (root / "part0" / "broken.txt").write_bytes(b"caf\xe9 au lait\n")
        (root / "part1" / "image.txt").write_bytes(b"\x89PNG\x00\x00")
    return root


def write_clean_corpus(root: Path, count: int) -> Path:
    """A corpus for ``clean``: :func:`write_corpus` with chrome, an empty file, and a JSONL file
    of ``count // 2`` more articles with a bad line and an empty record."""
    write_corpus(root, count, chrome=True)
    (root / "part2" / "empty.txt").write_bytes(b"")
    records = [json.dumps({"id": f"r{i}", "text": chrome_article(count + i)})
               for i in range(count // 2)]
    records[3:3] = ["{not json", json.dumps({"id": "blank", "text": " \n"})]
    (root / "part1" / "feed.jsonl").write_text("\n".join(records) + "\n", encoding="utf-8")
    return root


def snapshot(root: Path) -> dict[str, bytes]:
    """Every file under ``root`` by relative path, with its bytes."""
    return {p.relative_to(root).as_posix(): p.read_bytes()
            for p in sorted(root.rglob("*")) if p.is_file()}
