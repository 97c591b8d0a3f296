"""Findings of the default rules on the real corpora of ../shared/corpora, per rule and corpus.

    python benchmarks/precision.py [--shared DIR] [--sets NAME,...] [--show CODE,...]

Reproduces the figures of the "## Precision" sections of the rule docs (`termcheck rule CODE`).
Sets, each a list of corpora (a corpus is checked as one run: corpus-wide rules see it whole):

- wmt21-refs: the five WMT21 newstest2021 human references, one file = one document = one
  corpus (ru-en A, B as en; en-de A, C, D as de);
- wmt21-src: the two sources (en-de as en, ru-en as ru);
- wmt21-sys: the 16 system outputs (ru-en as en, en-de as de), each its own corpus;
- wmt21-pairs: bilingual rules (NU001, BL001-BL003), source → each reference and each system
  output: one pair per segment, and BL002 on whole files (the stricter test its doc quotes);
- aeb-gold: the 88 gold article bodies of scrapinghub-aeb, one corpus, as en (80 of them are
  English; the others are de, id, it, ko, pt, ru) and with `--lang auto` (".auto");
- aeb-extracted: the 264 extractor outputs (goose3, readability, trafilatura), one corpus, as en;
- mqm: the WMT23 en-de MT segments of mqm-generalmt2023-ende, one document per system and
  document (segments joined by newlines, as eval_mqm.py writes them), each system's documents
  one corpus, as de;
  the column "no-error" counts findings on the segments every rater marked No-error;
- ftfy: EN001's fix on ftfy-mojibake-cases (real cases repaired, look-alikes changed);
- seeds: the seed articles of ../shared/seeds (beside the corpora folder), as en.

``--show`` prints every finding of those rules (corpus, line, matched text, excerpt) for reading
by hand. Skips with a message when ../shared/corpora is absent.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from termcheck.bilingual import Pair, lint_pairs  # noqa: E402
from termcheck.config import Config  # noqa: E402
from termcheck.document import Document  # noqa: E402
from termcheck.engine import check_document, collect_profile  # noqa: E402
from termcheck.model import Finding  # noqa: E402
from termcheck.rules.registry import select_rules  # noqa: E402

BILINGUAL = ("NU001", "BL001", "BL002", "BL003")
SEGMENT_RULES = ("NU001", "BL001", "BL003")
EXTRACTORS = ("goose3", "readability", "trafilatura")


@dataclass
class Corpus:
    """Documents checked together in one language; ``label`` names its column."""

    label: str
    lang: str
    documents: list[Document]
    lines: int = 0


@dataclass
class Column:
    """Findings per rule in one corpus (or one slice of it)."""

    label: str
    lines: int
    counts: Counter[str] = field(default_factory=Counter)


def read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def file_corpus(path: Path, lang: str, label: str) -> Corpus:
    text = read(path)
    return Corpus(label, lang, [Document(text, str(path), lang=lang)], len(text.splitlines()))


def wmt_lang(path: Path) -> str:
    """The language of a WMT21 file: its last suffix (".en", ".de", ".ru")."""
    return path.suffix.lstrip(".")


def short(path: Path) -> str:
    """``newstest2021.ru-en.ref.A.en`` → ``ru-en.A``, ``…hyp.NiuTrans.en`` → ``ru-en.NiuTrans``
    (system names cut to 8 letters), ``…src.ru`` → ``ru-en.src``."""
    parts = path.name.split(".")
    name = ".".join(parts[3:-1]) or parts[2]
    return f"{parts[1]}.{name[:8]}"


def wmt_files(shared: Path, folder: str) -> list[Path]:
    return sorted((shared / "wmt21-news" / folder).glob("newstest2021.*"))


def monolingual(corpora: list[Corpus], shown: set[str]) -> list[Column]:
    """Default rules over each corpus (profile first, as `termcheck lint` does)."""
    columns = []
    for corpus in corpora:
        config = Config(lang=corpus.lang)
        profile = collect_profile(corpus.documents, config)
        column = Column(corpus.label, corpus.lines)
        for doc in corpus.documents:
            findings = check_document(doc, config, profile).findings
            column.counts.update(f.code for f in findings)
            show(corpus.label, findings, shown)
        columns.append(column)
    return columns


def show(label: str, findings: list[Finding], shown: set[str]) -> None:
    for f in findings:
        if f.code in shown:
            print(f"  {f.code} {label} {Path(f.path).name}:{f.line}: {f.matched!r}"
                  f" | {f.excerpt.strip()[:110]}")


def set_wmt(shared: Path, folder: str, shown: set[str]) -> list[Column]:
    return monolingual([file_corpus(p, wmt_lang(p), short(p)) for p in wmt_files(shared, folder)],
                       shown)


def set_pairs(shared: Path, shown: set[str]) -> list[Column]:
    """Source → reference/system output: segment pairs (NU001, BL001, BL003), files (BL002)."""
    sources = {p.name.split(".")[1]: p for p in wmt_files(shared, "sources")}
    columns = []
    for path in wmt_files(shared, "references") + wmt_files(shared, "system-outputs"):
        pair_name = path.name.split(".")[1]
        source_lang, lang = pair_name.split("-")
        source_text = read(sources[pair_name])
        target_text = read(path)
        column = Column(short(path), len(target_text.splitlines()))
        segments = [Pair(Document(t, path=f"{path}#{i}"), Document(s), source_lang)
                    for i, (s, t) in enumerate(zip(source_text.splitlines(),
                                                   target_text.splitlines()), 1)]
        per_segment = lint_pairs(segments, Config(lang=lang, select=SEGMENT_RULES)).findings
        whole = lint_pairs([Pair(Document(target_text, path=str(path)), Document(source_text),
                                 source_lang)], Config(lang=lang, select=("BL002",))).findings
        for findings in (per_segment, whole):
            column.counts.update(f.code for f in findings)
            show(column.label, findings, shown)
        columns.append(column)
    return columns


def aeb_corpus(shared: Path, folders: tuple[str, ...], lang: str = "en") -> Corpus:
    """scrapinghub-aeb outputs of ``folders``, one corpus; ``lang="auto"``: each its own."""
    paths = [p for folder in folders
             for p in sorted((shared / "scrapinghub-aeb" / folder).glob("*.txt"))]
    texts = [read(p) for p in paths]
    own = None if lang == "auto" else lang
    label = ("gold" if folders == ("gold",) else "extracted") + ("" if own else ".auto")
    return Corpus(label, lang, [Document(t, str(p), lang=own) for p, t in zip(paths, texts)],
                  sum(len(t.splitlines()) for t in texts))


Spans = dict[str, list[tuple[int, int, bool]]]


def mqm_documents(folder: Path) -> tuple[dict[str, list[Document]], Spans]:
    """The documents of each system, one per (system, doc), and per path each segment's span
    and whether every rater marked it No-error."""
    csv.field_size_limit(1 << 30)
    segments: dict[tuple[str, str], dict[str, str]] = defaultdict(dict)
    with (folder / "segments.tsv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
            segments[(row["system"], row["doc"])][row["docSegId"]] = row["target"]
    ratings: dict[tuple[str, str, str], set[str]] = defaultdict(set)
    with (folder / "ratings.tsv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
            ratings[(row["system"], row["doc"], row["docSegId"])].add(row["category"])
    documents: dict[str, list[Document]] = defaultdict(list)
    spans: Spans = {}
    for index, ((system, doc), segs) in enumerate(sorted(segments.items())):
        keys = sorted(segs, key=lambda k: int(k) if k.isdigit() else 0)
        path, pos, where = f"mqm/{index:05d}.txt", 0, []
        for key in keys:
            clean = ratings[(system, doc, key)] == {"No-error"}
            where.append((pos, pos + len(segs[key]), clean))
            pos += len(segs[key]) + 1
        documents[system].append(Document("\n".join(segs[k] for k in keys) + "\n", path,
                                          lang="de"))
        spans[path] = where
    return documents, spans


def set_mqm(shared: Path, shown: set[str]) -> list[Column]:
    """Each system's documents are one corpus (ten systems translate the same articles)."""
    systems, spans = mqm_documents(shared / "mqm-generalmt2023-ende")
    config = Config(lang="de")
    segments = sum(len(s) for s in spans.values())
    clean_segments = sum(c for s in spans.values() for *_, c in s)
    total, clean = Column("all", segments), Column("no-error", clean_segments)
    for documents in systems.values():
        profile = collect_profile(documents, config)
        for doc in documents:
            findings = check_document(doc, config, profile).findings
            total.counts.update(f.code for f in findings)
            for f in findings:
                if any(c and f.start < end + 1 and f.end > start
                       for start, end, c in spans[doc.path]):
                    clean.counts[f.code] += 1
            show("mqm", findings, shown)
    return [total, clean]


def ftfy_cases(shared: Path) -> None:
    """EN001's safe fix on the real cases (``fixed`` expected) and the look-alikes (unchanged).

    ftfy's expected texts also straighten curly quotes and split ligatures, which EN001 leaves
    alone by design, so both sides are compared after those two steps.
    """
    from ftfy.fixes import fix_latin_ligatures, uncurl_quotes

    from termcheck.api import fix_text

    def same(left: str, right: str) -> bool:
        return uncurl_quotes(fix_latin_ligatures(left)) == uncurl_quotes(fix_latin_ligatures(right))

    folder = shared / "ftfy-mojibake-cases"
    config = Config(select=("EN001",))
    real = json.loads(read(folder / "in-the-wild.json"))
    repaired = 0
    for case in real:
        result = fix_text(case["original"], config).text
        repaired += same(result, case["fixed"])
        if not same(result, case["fixed"]):
            print(f"  EN001 miss: {case['original']!r} -> {result!r}, ftfy: {case['fixed']!r}")
    print(f"  in-the-wild.json: {repaired}/{len(real)} repaired as expected")
    negative = json.loads(read(folder / "negative.json"))
    changed = sum(fix_text(c["original"], config).text != c["original"] for c in negative)
    print(f"  negative.json: {changed}/{len(negative)} look-alikes changed")


def print_table(name: str, columns: list[Column], total: bool = True) -> None:
    """One row per rule, one column per corpus (and their sum when ``total``)."""
    codes = BILINGUAL if name == "wmt21-pairs" else tuple(r.code for r in select_rules())
    width = max(7, *(len(c.label) + 1 for c in columns))

    def row(head: str, values: list[int]) -> str:
        cells = "".join(f"{v:>{width}}" for v in values)
        return f"{head:<6}{cells}" + (f"{sum(values):>{width}}" if total else "")

    print(f"\n{name}")
    print(f"{'rule':<6}" + "".join(f"{c.label:>{width}}" for c in columns)
          + (f"{'total':>{width}}" if total else ""))
    print(row("lines", [c.lines for c in columns]))
    for code in codes:
        print(row(code, [c.counts.get(code, 0) for c in columns]))


SETS = ("wmt21-refs", "wmt21-src", "wmt21-sys", "wmt21-pairs", "aeb-gold", "aeb-extracted",
        "mqm", "ftfy", "seeds")


def run_set(name: str, shared: Path, shown: set[str]) -> None:
    if name == "ftfy":
        print("\nftfy (EN001 fix)")
        ftfy_cases(shared)
        return
    if name == "wmt21-refs":
        columns = set_wmt(shared, "references", shown)
    elif name == "wmt21-src":
        columns = set_wmt(shared, "sources", shown)
    elif name == "wmt21-sys":
        columns = set_wmt(shared, "system-outputs", shown)
    elif name == "wmt21-pairs":
        columns = set_pairs(shared, shown)
    elif name == "aeb-gold":
        columns = monolingual([aeb_corpus(shared, ("gold",)),
                               aeb_corpus(shared, ("gold",), "auto")], shown)
    elif name == "seeds":
        columns = monolingual([file_corpus(p, "en", p.name[:8])
                               for p in sorted((shared.parent / "seeds").glob("*.txt"))], shown)
    elif name == "aeb-extracted":
        columns = monolingual([aeb_corpus(shared, EXTRACTORS)], shown)
    else:
        columns = set_mqm(shared, shown)
    print_table(name, columns, total=name not in ("aeb-gold", "mqm"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared" / "corpora",
                        help="the shared corpora folder (default: ../shared/corpora)")
    parser.add_argument("--sets", default=",".join(SETS), help=f"some of {', '.join(SETS)}")
    parser.add_argument("--show", default="", help="print the findings of these rule codes")
    args = parser.parse_args()
    if not args.shared.is_dir():
        print(f"skipped: {args.shared} does not exist (the real corpora are not on this machine)")
        return
    shown = {c for c in args.show.split(",") if c}
    for name in args.sets.split(","):
        if name not in SETS:
            parser.error(f"unknown set {name!r}: choose from {', '.join(SETS)}")
        run_set(name, args.shared, shown)


if __name__ == "__main__":
    main()
