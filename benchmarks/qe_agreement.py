"""How well the reference-free MQM-style penalty agrees with human MQM annotations.

    python benchmarks/qe_agreement.py [../shared/corpora/mqm-generalmt2023-ende]

Human score of a segment: the mean over its raters of the summed error weights (Major 5,
Minor 1, Minor Fluency/Punctuation 0.1, Non-translation 25, Source issue 0; Freitag et al. 2021).
termcheck's penalty: `termcheck score --hyp` logic (lint findings weighted by
glossaries/score/mqm-weights.tsv), each (system, document) linted as one text, one segment a
line. Prints Pearson and Kendall tau (scipy when installed, else our own) per segment and per
document, and how many segments termcheck penalises.
"""

from __future__ import annotations

import collections
import csv
import math
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from termcheck.config import Config  # noqa: E402
from termcheck.score import load_weights, mqm_penalties, segment_findings  # noqa: E402

Key = tuple[str, str, str]
HUMAN = {"major": 5.0, "minor": 1.0}


def human_weight(category: str, severity: str) -> float:
    if category in ("No-error", "Source issue"):
        return 0.0
    if category.startswith("Non-translation"):
        return 25.0
    if category == "Fluency/Punctuation" and severity.lower() == "minor":
        return 0.1
    return HUMAN.get(severity.lower(), 0.0)


def load(corpus: Path) -> tuple[dict[Key, str], dict[Key, float]]:
    csv.field_size_limit(10**9)
    segments: dict[Key, str] = {}
    with (corpus / "segments.tsv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
            segments[(row["system"], row["doc"], row["docSegId"])] = row["target"]
    per_rater: dict[Key, dict[str, float]] = collections.defaultdict(dict)
    with (corpus / "ratings.tsv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
            key = (row["system"], row["doc"], row["docSegId"])
            raters = per_rater[key]
            raters[row["rater"]] = raters.get(row["rater"], 0.0) + human_weight(
                row["category"], row["severity"])
    human = {k: sum(r.values()) / len(r) for k, r in per_rater.items() if k in segments}
    return segments, human


def ours(segments: dict[Key, str], lang: str) -> dict[Key, float]:
    documents: dict[tuple[str, str], list[Key]] = collections.defaultdict(list)
    for key in segments:
        documents[key[:2]].append(key)
    weights = load_weights()
    result = {}
    for keys in documents.values():
        keys.sort(key=lambda k: int(k[2]) if k[2].isdigit() else 0)
        hyps = [" ".join(segments[k].splitlines()) for k in keys]
        penalties = mqm_penalties(segment_findings(hyps, Config(lang=lang)), weights)
        result.update(zip(keys, penalties))
    return result


def pearson(x: list[float], y: list[float]) -> float:
    mx, my = sum(x) / len(x), sum(y) / len(y)
    sx = math.sqrt(sum((a - mx) ** 2 for a in x))
    sy = math.sqrt(sum((b - my) ** 2 for b in y))
    return sum((a - mx) * (b - my) for a, b in zip(x, y)) / (sx * sy) if sx and sy else float("nan")


def kendall(x: list[float], y: list[float]) -> float:
    try:
        from scipy.stats import kendalltau

        return float(kendalltau(x, y).statistic)
    except ImportError:  # tau-b, quadratic but fine for a thousand segments
        concordant = discordant = ties_x = ties_y = 0
        for i in range(len(x)):
            for j in range(i + 1, len(x)):
                dx, dy = x[i] - x[j], y[i] - y[j]
                if dx == 0 and dy == 0:
                    continue
                if dx == 0:
                    ties_x += 1
                elif dy == 0:
                    ties_y += 1
                elif dx * dy > 0:
                    concordant += 1
                else:
                    discordant += 1
        n0 = concordant + discordant
        denominator = math.sqrt((n0 + ties_x) * (n0 + ties_y))
        return (concordant - discordant) / denominator if denominator else float("nan")


def main() -> None:
    default = next((p for p in (ROOT.parent / "shared", ROOT.parents[1] / "shared")
                    if p.is_dir()), ROOT.parent / "shared")
    corpus = Path(sys.argv[1]) if len(sys.argv) > 1 else \
        default / "corpora" / "mqm-generalmt2023-ende"
    segments, human = load(corpus)
    penalty = ours(segments, corpus.name[-2:])
    keys = sorted(human)
    x, y = [penalty[k] for k in keys], [human[k] for k in keys]
    print(f"{corpus.name}: {len(keys)} rated segments, termcheck penalises "
          f"{sum(1 for v in x if v)} of them; human MQM mean {sum(y) / len(y):.2f}")
    print(f"segment level: Pearson {pearson(x, y):.3f}, Kendall tau {kendall(x, y):.3f}")
    docs_x: dict[tuple[str, str], float] = collections.defaultdict(float)
    docs_y: dict[tuple[str, str], float] = collections.defaultdict(float)
    for key in keys:
        docs_x[key[:2]] += penalty[key]
        docs_y[key[:2]] += human[key]
    dkeys = sorted(docs_x)
    dx, dy = [docs_x[k] for k in dkeys], [docs_y[k] for k in dkeys]
    print(f"document level ({len(dkeys)} system-documents): Pearson {pearson(dx, dy):.3f}, "
          f"Kendall tau {kendall(dx, dy):.3f}")


if __name__ == "__main__":
    main()
