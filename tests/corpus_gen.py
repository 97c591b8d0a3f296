"""Generated corpora for executor tests: varied documents, some words shared, some unique."""

from __future__ import annotations

import random
from pathlib import Path

WORDS = ("government", "ministry", "president", "agreement", "delegation", "yesterday",
         "Kassym-Jomart", "Kassym-Shomart", "Tokayev", "parliament", "statement", "the", "and")
ARTEFACTS = (" (dpa", " dpa)", " [Reuters", "", "", "")


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


def write_corpus(root: Path, count: int, bad: bool = True) -> Path:
    """``count`` articles in nested folders, plus an undecodable and a binary file."""
    for i in range(count):
        folder = root / f"part{i % 3}"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"article{i:04d}.txt").write_text(article(i), encoding="utf-8")
    if bad:
        (root / "part0" / "broken.txt").write_bytes(b"caf\xe9 au lait\n")
        (root / "part1" / "image.txt").write_bytes(b"\x89PNG\x00\x00")
    return root
