"""Sample findings of real MT output for judging precision by hand (benchmarks/judged/).

    python3 benchmarks/sample_findings.py CODE [CODE ...] [--per-set N] [--seed S]
        [--sets ru,fr,de,en,aeb] [--exclude FILE ...] [--no-context] [--termcheck CMD]
    python3 benchmarks/sample_findings.py CODE --from-json LINT.json [...] [--per-set N]

Lints each system's output on its own (``termcheck lint --format json``, as a user would: one
run per system, in the system's target language), pools the findings of each rule per set,
and draws up to ``--per-set`` of them per set with a fixed seed, across systems. Each draw is
printed as a row of the judged format (``path start end span ? ?``, see benchmarks/judge.py)
followed, unless ``--no-context``, by an indented ``ctx:`` line: the text around the span with
the span between ⟦ ⟧, for the judge to read. The context is third-party text: it is printed
for reading only and must never be written into the repository (only the span goes into a
judged file). ``--exclude`` skips findings already judged in the given files, so a fresh sample
after a rule change draws findings not seen before.

Sets (paths relative to ../shared/corpora; none of them was used to tune the rules):

- ru: wmt21-news-ru-fr, the nine en→ru primary systems, ``--lang ru``;
- fr: wmt21-news-ru-fr, the nine de→fr primary systems, ``--lang fr``;
- de: wmt21-news en→de systems HuaweiTSC, VolcTrans-GLAT, eTranslation, ``--lang de``;
- en: wmt21-news ru→en systems AFRL, Manifold, NVIDIA-NeMo, Online-A, Online-B, Online-G,
  ``--lang en``;
- aeb: the dev half of the scrapinghub-aeb gold article bodies (files whose name starts with a
  hex digit 0-7), one run, ``--lang auto`` (most are English);
- cs, es, hi, is, ja, uk, zh: wmt24-news-multi, the eight systems into that language, one run
  per system folder, ``--lang`` the set's name (issue #20).

``--from-json`` draws from ``termcheck lint --format json`` outputs already made instead of
linting the sets (one pool named ``json``; paths in them are taken relative to ``--base``, the
folder the lint ran in, default the current one; the pool is put in corpus order before the
draw). This replaces the former ``sample_lint_json.py``: ``sample_lint_json.py CODE N OUT LINT...``
is ``sample_findings.py CODE --per-set N --seed 13 --from-json LINT...``.
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "corpora"
RU_FR = "wmt21-news-ru-fr/system-outputs"
WMT21 = "wmt21-news/system-outputs"
RU_SYSTEMS = ("Facebook-AI", "Manifold", "NVIDIA-NeMo", "NiuTrans", "Online-A", "Online-B",
              "Online-G", "Online-W", "Online-Y")
FR_SYSTEMS = ("LISN", "Manifold", "Online-A", "Online-B", "Online-G", "Online-W", "Online-Y",
              "P3AI", "talp_upc")
DE_SYSTEMS = ("HuaweiTSC", "VolcTrans-GLAT", "eTranslation")
EN_SYSTEMS = ("AFRL", "Manifold", "NVIDIA-NeMo", "Online-A", "Online-B", "Online-G")
WMT24 = "wmt24-news-multi"
WMT24_LANGS = ("cs", "es", "hi", "is", "ja", "uk", "zh")
WMT24_SYSTEMS = ("Aya23", "Claude-3.5", "CommandR-plus", "GPT-4", "IKUN", "Llama3-70B", "ONLINE-A",
                 "ONLINE-B")
CONTEXT = 90


@dataclass(frozen=True)
class Run:
    """One lint run: the files of one system, in one language."""

    set_name: str
    lang: str
    paths: tuple[str, ...]


@dataclass(frozen=True)
class Drawn:
    """A finding to judge: where it is, what it matched, and the file text to read it in."""

    path: str
    start: int
    end: int
    text: str


def runs(shared: Path) -> list[Run]:
    """Every system of every set, each its own run."""
    wmt = [Run("ru", "ru", (f"{RU_FR}/newstest2021.en-ru.hyp.{s}.ru",)) for s in RU_SYSTEMS]
    wmt += [Run("fr", "fr", (f"{RU_FR}/newstest2021.de-fr.hyp.{s}.fr",)) for s in FR_SYSTEMS]
    wmt += [Run("de", "de", (f"{WMT21}/newstest2021.en-de.hyp.{s}.de",)) for s in DE_SYSTEMS]
    wmt += [Run("en", "en", (f"{WMT21}/newstest2021.ru-en.hyp.{s}.en",)) for s in EN_SYSTEMS]
    gold = sorted(p for p in (shared / "scrapinghub-aeb" / "gold").glob("*.txt")
                  if p.name[0] in "01234567")
    multi = [Run(lang, lang, (f"{WMT24}/en-{lang}/sys-{s}",))
             for lang in WMT24_LANGS for s in WMT24_SYSTEMS]
    return wmt + [Run("aeb", "auto", tuple(str(p.relative_to(shared)) for p in gold))] + multi


def lint(termcheck: list[str], shared: Path, run: Run, codes: list[str]) -> list[dict]:
    """The JSON findings of one run, restricted to ``codes`` (none: the default rules)."""
    select = ["--select", ",".join(codes)] if codes else []
    command = [*termcheck, "lint", "--isolated", "--format", "json", "--lang", run.lang,
               *select, *(str(shared / p) for p in run.paths)]
    done = subprocess.run(command, capture_output=True, text=True, check=False, cwd=ROOT)
    if done.returncode not in (0, 1):
        raise SystemExit(f"termcheck failed on {run.paths[0]}: {done.stderr.strip()}")
    return json.loads(done.stdout)["findings"]


def judged_keys(files: list[Path]) -> set[tuple[str, int, int]]:
    """``(path, start, end)`` of the rows of judged files."""
    keys = set()
    for file in files:
        for line in file.read_text(encoding="utf-8").splitlines():
            cells = line.split("\t")
            if len(cells) >= 3 and cells[1].isdigit():
                keys.add((cells[0], int(cells[1]), int(cells[2])))
    return keys


def escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace(
        "\r", "\\r")


def span_of(drawn: Drawn) -> str:
    """The matched text, escaped, cut to about 60 characters."""
    span = escape(drawn.text[drawn.start:drawn.end])
    return span if len(span) <= 60 else span[:57] + "..."


def context_of(drawn: Drawn) -> str:
    """The text around the span (for reading only, never for the repository)."""
    text = drawn.text
    before = text[max(0, drawn.start - CONTEXT):drawn.start]
    after = text[drawn.end:drawn.end + CONTEXT]
    return escape(before) + "⟦" + escape(text[drawn.start:drawn.end]) + "⟧" + escape(after)


def sample(pool: list[Drawn], size: int, seed: int) -> list[Drawn]:
    """``size`` findings of the pool at random (all when fewer), in corpus order."""
    chosen = pool if len(pool) <= size else random.Random(seed).sample(pool, size)
    return sorted(chosen, key=lambda d: (d.path, d.start))


def findings_of(args: argparse.Namespace) -> Iterator[tuple[str, dict]]:
    """``(set name, finding)`` of the runs of the chosen sets, or of the ``--from-json`` files."""
    if args.from_json:
        for file in args.from_json:
            for finding in json.loads(file.read_text(encoding="utf-8"))["findings"]:
                if finding["code"] in args.codes:
                    yield "json", {**finding, "path": str(args.base / finding["path"])}
        return
    for run in runs(args.shared):
        if run.set_name in args.sets:
            for finding in lint(args.termcheck, args.shared, run, args.codes):
                yield run.set_name, finding


def draw(args: argparse.Namespace) -> dict[tuple[str, str], list[Drawn]]:
    """The pooled findings per (rule, set), judged ones excluded."""
    shared: Path = args.shared
    skip = judged_keys(args.exclude)
    texts: dict[str, str] = {}
    pools: dict[tuple[str, str], list[Drawn]] = defaultdict(list)
    for set_name, finding in findings_of(args):
        path = str(Path(finding["path"]).resolve().relative_to(shared.resolve()))
        if (path, finding["start"], finding["end"]) in skip:
            continue
        if path not in texts:
            texts[path] = (shared / path).read_text(encoding="utf-8")
        pools[finding["code"], set_name].append(
            Drawn(path, finding["start"], finding["end"], texts[path]))
    if args.from_json:  # JSON files come in any order: draw from the pool in corpus order
        for pool in pools.values():
            pool.sort(key=lambda d: (d.path, d.start))
    return pools


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("codes", nargs="+")
    parser.add_argument("--per-set", type=int, default=10)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--sets", default="ru,fr,de,en,aeb")
    parser.add_argument("--exclude", nargs="*", type=Path, default=[])
    parser.add_argument("--no-context", action="store_true")
    parser.add_argument("--shared", type=Path, default=SHARED)
    parser.add_argument("--termcheck", default=f"{sys.executable} -m termcheck")
    parser.add_argument("--from-json", nargs="*", type=Path, default=[])
    parser.add_argument("--base", type=Path, default=Path.cwd())
    args = parser.parse_args(argv)
    args.codes = [c.upper() for c in args.codes]
    args.sets = ["json"] if args.from_json else args.sets.split(",")
    args.termcheck = args.termcheck.split()
    if not args.shared.is_dir():
        print(f"{args.shared} is not present on this machine", file=sys.stderr)
        return 2
    pools = draw(args)
    for code in args.codes:
        for set_name in args.sets:
            pool = pools.get((code, set_name), [])
            print(f"# {code} {set_name}: {len(pool)} findings, {min(len(pool), args.per_set)} drawn"
                  f" (seed {args.seed})")
            for drawn in sample(pool, args.per_set, args.seed):
                print("\t".join((drawn.path, str(drawn.start), str(drawn.end), span_of(drawn),
                                 "?", "?")))
                if not args.no_context:
                    print(f"    ctx: {context_of(drawn)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
