"""Language identification: accuracy and speed of the backends, and its cost inside ``lint``.

    python benchmarks/langid_bench.py [CORPUS_DIR]

1. Accuracy on tests/data/langid (our own paragraphs, 12 languages, long and short): the label of
   each paragraph, and the LG001 decision "foreign for target T" for every target T of the set,
   for langdetect alone, lingua alone, and the fast function-word test in front of each.
2. On WMT21 newstest2021 (when ../shared is there): the share of lines the function-word test
   settles without a model.
3. Lint throughput (characters per second) on the WMT21 references (or the test set when
   ../shared is absent) with the default rules, and with LG001 added; the model cache is cleared
   before every run, so each measures a cold start. The ratio must stay above 0.25.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from termcheck.api import lint_text  # noqa: E402
from termcheck.config import Config  # noqa: E402
from termcheck.langid import identify, model_detect  # noqa: E402
from termcheck.rules.language import MIN_PROB  # noqa: E402

DATA = ROOT / "tests" / "data" / "langid"


def test_set() -> list[tuple[str, str]]:
    return [(p.stem, line) for p in sorted(DATA.glob("*.txt"))
            for line in p.read_text(encoding="utf-8").splitlines() if line.strip()]


def accuracy(backend: str, fast: bool) -> tuple[float, float, int, int, float]:
    """Label and decision accuracy, verdicts asked of the model, distinct model runs (cache
    misses), seconds (models loaded, cache cold)."""
    data = test_set()
    langs = sorted({gold for gold, _ in data})
    model_detect(backend, "A warm-up sentence that loads the language profiles once.")
    model_detect.cache_clear()
    labels = decisions = calls = 0
    started = time.perf_counter()
    for gold, text in data:
        labels += identify(text, None, backend, fast).lang == gold
        for target in langs:
            verdict = identify(text, target, backend, fast)
            calls += verdict.via == backend
            decisions += verdict.is_foreign(target, MIN_PROB) == (gold != target)
    seconds = time.perf_counter() - started
    runs = model_detect.cache_info().misses
    return labels / len(data), decisions / (len(data) * len(langs)), calls, runs, seconds


def model_speed(backend: str) -> tuple[float, float]:
    """Seconds to load the model (first call), and milliseconds per paragraph afterwards."""
    texts = [text for _, text in test_set()]
    model_detect.cache_clear()
    started = time.perf_counter()
    model_detect(backend, "A first sentence loads the model of this backend.")
    load = time.perf_counter() - started
    started = time.perf_counter()
    for text in texts:
        model_detect(backend, text)
    return load, 1000 * (time.perf_counter() - started) / len(texts)


def corpus_texts(shared: Path) -> list[tuple[str, str]]:
    refs = sorted((shared / "corpora" / "wmt21-news" / "references").glob("newstest2021.*.ref.A.*"))
    if refs:
        return [(p.suffix[1:], p.read_text(encoding="utf-8")) for p in refs]
    return [("en", "\n".join(text for _, text in test_set()) * 20)]


def throughput(texts: list[tuple[str, str]], extra: tuple[str, ...], lid: str,
               repeats: int = 5) -> float:
    """Best characters per second of ``lint`` over ``texts``, language-model cache cold."""
    chars = sum(len(text) for _, text in texts)
    best = 0.0
    for _ in range(repeats):
        model_detect.cache_clear()
        started = time.perf_counter()
        for lang, text in texts:
            lint_text(text, Config(lang=lang, extend_select=extra, lid=lid))
        best = max(best, chars / (time.perf_counter() - started))
    return best


def fast_share(shared: Path) -> None:
    """How many lines of 40+ letters of each WMT21 file the function-word test settles alone."""
    news = shared / "corpora" / "wmt21-news"
    for path in sorted([*(news / "references").glob("*"), *(news / "sources").glob("*")]):
        lang = path.suffix[1:]
        vias = [identify(line, lang).via for line in path.read_text(encoding="utf-8").splitlines()]
        judged = [v for v in vias if v != "short"]
        if judged:
            print(f"{path.name}: fast test settles {judged.count('fast')}/{len(judged)} "
                  f"({100 * judged.count('fast') / len(judged):.1f}%) lines of 40+ letters")


def main() -> None:
    for backend in ("langdetect", "lingua"):
        try:
            load, _ = model_speed(backend)
            print(f"{backend}: first call (model load) {load:.2f} s")
        except Exception as exc:
            print(f"{backend}: unavailable: {exc}")
    shared = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared"
    if not shared.is_dir():
        shared = ROOT.parents[1] / "shared"
    print("backend     fast  label-acc  decision-acc  model-verdicts  model-runs")
    for backend in ("langdetect", "lingua"):
        for fast in (False, True):
            try:
                accuracy(backend, fast)  # first run loads the models lazily
                label, decision, calls, runs, _ = accuracy(backend, fast)
            except Exception as exc:  # lingua not installed
                print(f"{backend:10s}  {fast!s:5s} unavailable: {exc}")
                break
            print(f"{backend:10s}  {fast!s:5s} {label:9.3f}  {decision:12.3f}  {calls:14d}  "
                  f"{runs:10d}")
    for backend in ("langdetect", "lingua"):
        try:
            load, per = model_speed(backend)
        except Exception as exc:
            print(f"{backend}: unavailable: {exc}")
            continue
        print(f"{backend}: {per:.2f} ms per paragraph (model already loaded)")
    fast_share(shared)
    texts = corpus_texts(shared)
    lint_text("warm up", Config())
    base = throughput(texts, (), "langdetect")
    print(f"lint without LG001: {base:,.0f} chars/s over {sum(len(t) for _, t in texts):,} chars")
    for lid in ("langdetect", "lingua"):
        try:
            with_lid = throughput(texts, ("LG001",), lid)
        except Exception as exc:
            print(f"lint with LG001 ({lid}): unavailable: {exc}")
            continue
        print(f"lint with LG001 ({lid}): {with_lid:,.0f} chars/s, ratio {with_lid / base:.2f}"
              " (must stay > 0.25)")


if __name__ == "__main__":
    main()
