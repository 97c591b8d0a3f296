"""Build a benchmark corpus of a requested size: varied articles, never one file repeated.

Base texts: samples/ of this repository, plus ../shared/corpora (read at run time, never copied
into the repository) when present, plus generated text. Each output article is a fresh mix of
paragraphs from several bases with injected artefacts (lone brackets, broken quotes, agency
tags, name variants), so every file differs.
"""

from __future__ import annotations

import random
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared" / "corpora"
ARTEFACTS = (" (dpa", " dpa)", " [Reuters", "“", "”", " „", "\u00a0", "  ", " (AFP)", "",
             "", "", "", "")
NAMES = ("Kassym-Jomart Tokayev", "Kassym-Shomart Tokaev", "Dmitry Peskov", "Dmitri Peskov",
         "Sergei Lavrov", "Sergey Lavrov", "Kostanay", "Kostanai")
WORDS = ("the government said on Monday that", "die Regierung erklärte am Montag, dass",
         "правительство заявило в понедельник, что", "le gouvernement a déclaré lundi que",
         "el gobierno dijo el lunes que", "talks would continue", "prices rose by 3.5 percent",
         "according to the ministry", "officials confirmed", "the delegation arrived")


def base_paragraphs(limit_bytes: int = 40_000_000) -> list[str]:
    """Paragraphs of every available base text (samples, shared corpora, generated)."""
    files: list[Path] = sorted((REPO / "samples").rglob("*.txt"))
    if SHARED.is_dir():
        files += sorted((SHARED / "scrapinghub-aeb").glob("*/*.txt"))
        files += sorted((SHARED / "wmt21-news" / "system-outputs").glob("*"))
    paragraphs: list[str] = []
    total = 0
    for path in files:
        for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
            if line.strip():
                paragraphs.append(line.strip())
                total += len(line)
        if total > limit_bytes:
            break
    rng = random.Random(0)
    for _ in range(2000):
        paragraphs.append(generated_paragraph(rng))
    return paragraphs


def generated_paragraph(rng: random.Random) -> str:
    parts = [rng.choice(WORDS) for _ in range(rng.randint(2, 6))]
    parts.insert(rng.randint(0, len(parts)), rng.choice(NAMES))
    return " ".join(parts).capitalize() + "."


def article(rng: random.Random, paragraphs: list[str]) -> str:
    """One article: 3-25 paragraphs, each possibly altered by an artefact or a name variant."""
    chosen = []
    for _ in range(rng.randint(3, 25)):
        text = rng.choice(paragraphs)
        if rng.random() < 0.3:
            text += rng.choice(ARTEFACTS)
        if rng.random() < 0.1:
            text = text.replace(" ", f" {rng.choice(NAMES)} ", 1)
        chosen.append(text)
    newline = "\r\n" if rng.random() < 0.1 else "\n"
    return newline.join(chosen) + newline


def build(out: Path, size_bytes: int, seed: int = 0) -> tuple[int, int]:
    """Write articles under ``out`` until ``size_bytes``; return (files, bytes)."""
    rng = random.Random(seed)
    paragraphs = base_paragraphs()
    files = written = 0
    while written < size_bytes:
        folder = out / f"d{files // 500:04d}"
        folder.mkdir(parents=True, exist_ok=True)
        data = article(rng, paragraphs).encode("utf-8")
        (folder / f"a{files:07d}.txt").write_bytes(data)
        files += 1
        written += len(data)
    return files, written


REAL_LINES = 25  # lines per document cut from a system output: about a news article


def build_real(source: Path, out: Path, limit_bytes: int) -> tuple[int, int]:
    """Cut the MT system outputs found under ``source`` (files inside ``system-outputs``
    folders, e.g. WMT21's) into article-sized documents under ``out``, round-robin over the
    systems so that a limit keeps every language pair; return (files, bytes). The text stays
    outside the repository: ``out`` is a scratch directory."""
    outputs = sorted(p for p in source.rglob("*") if p.is_file()
                     and "system-outputs" in p.parts and not p.name.startswith("."))
    chunks = [_chunks(path) for path in outputs]
    files = written = 0
    while written < limit_bytes and any(chunks):
        for index, pending in enumerate(chunks):
            if not pending or written >= limit_bytes:
                continue
            data = pending.pop(0).encode("utf-8")
            folder = out / outputs[index].name.replace(".", "_")
            folder.mkdir(parents=True, exist_ok=True)
            (folder / f"r{files:07d}.txt").write_bytes(data)
            files += 1
            written += len(data)
    return files, written


def _chunks(path: Path) -> list[str]:
    lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    return ["\n".join(lines[i:i + REAL_LINES]) + "\n" for i in range(0, len(lines), REAL_LINES)]


def parse_size(text: str) -> int:
    units = {"KB": 10**3, "MB": 10**6, "GB": 10**9, "B": 1}
    upper = text.strip().upper()
    for unit, factor in units.items():
        if upper.endswith(unit):
            return int(float(upper[: -len(unit)]) * factor)
    return int(upper)
