"""Where lint time goes: seconds per rule (collect, merge, for_check, check) and engine overhead.

    python benchmarks/profile_rules.py DIR_OR_FILES... [--select CODES] [--lang en|auto] [--top 20]

Runs the default rule selection serially over the inputs, timing each rule's corpus ``collect``,
the profile ``merge``, its reduction for the check (``for_check``, as ``lint`` reduces it), each
rule's ``check`` (hits consumed; as the engine, only the rules a document calls for: no
bilingual rule without a source, none whose trigger is absent), the building of findings and
their rendering as the JSON report writes them (``-f json``), and prints a table sorted by CPU
time (process time: other load on the machine disturbs it little).
Use it before optimising a rule, and compare the findings count before and after.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from termcheck.alignment import alignment_of
from termcheck.config import Config
from termcheck.context import SHARED_RESOURCES, Context
from termcheck.document import Document
from termcheck.engine import (
    _ignore_list,
    _unsuppressed,
    called_for,
    document_lang,
    make_findings,
    merge_profiles_into,
    one_finding_per_mark,
    profile_for_check,
    rules_for,
)
from termcheck.model import Finding
from termcheck.report import render_findings


def documents(paths: list[str]) -> list[Document]:
    from termcheck.pipeline import Walk
    from termcheck.pipeline import documents as read_all

    return [doc for doc in read_all(paths, Walk()) if isinstance(doc, Document)]


def timed(times: dict[str, float], key: str, start: float) -> float:
    now = time.process_time()
    times[key] += now - start
    return now


def profile_pass(docs: list[Document], config: Config, times: dict[str, float]) -> dict:
    profile: dict = {}
    for doc in docs:
        context = Context(config=config, resources=SHARED_RESOURCES,
                          lang=document_lang(doc, config))
        for rule in rules_for(config, doc.path):
            if rule.corpus is None:
                continue
            start = time.process_time()
            stats = {rule.code: rule.corpus.collect(doc, context)}
            start = timed(times, f"{rule.code} collect", start)
            profile = merge_profiles_into(profile, stats)
            timed(times, f"{rule.code} merge", start)
    return profile


def reduce_profile(profile: dict[str, Any], times: dict[str, float]) -> dict[str, Any]:
    """Each rule's statistics reduced for its check (``CorpusHooks.for_check``), timed per
    rule: ``lint`` checks with the reduced profile, and a check given the raw one measures
    work (an expansion of every name, runs decided on first sight) that ``lint`` never does."""
    from termcheck.rules.registry import corpus_hooks

    reduced = {}
    for code, stats in profile.items():
        hooks = corpus_hooks(code)
        start = time.process_time()
        reduced[code] = profile_for_check({code: stats})[code]  # type: ignore[index]
        if hooks is not None and hooks.for_check is not None:
            timed(times, f"{code} for_check", start)
    return reduced


def check_pass(docs: list[Document], config: Config, profile: dict,
               times: dict[str, float]) -> int:
    found = 0
    for doc in docs:
        start = time.process_time()
        context = Context(config=config, resources=SHARED_RESOURCES, profile=profile,
                          lang=document_lang(doc, config))
        rules = rules_for(config, doc.path)
        start = timed(times, "engine: lang + rule selection", start)
        rules = called_for(rules, doc.text, bilingual=alignment_of(doc) is not None)
        start = timed(times, "engine: triggers", start)
        kept: list[Finding] = []
        for rule in rules:
            hits = list(rule.check(doc, context))
            start = timed(times, f"{rule.code} check", start)
            findings = make_findings(doc, rule, hits) if hits else []
            found += len(findings)
            kept += findings
            start = timed(times, "engine: make_findings", start)
        kept = one_finding_per_mark(_unsuppressed(doc, _ignore_list(config, SHARED_RESOURCES),
                                                   kept))
        kept.sort(key=Finding.sort_key)
        start = timed(times, "engine: suppression, one per mark, sort", start)
        render_findings("json", False, kept)
        timed(times, "report: JSON rendering", start)
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("paths", nargs="+")
    parser.add_argument("--select", default="", help="comma-separated rule prefixes")
    parser.add_argument("--lang", default="en", help="target language, or auto")
    parser.add_argument("--top", type=int, default=20)
    args = parser.parse_args()
    select = tuple(s for s in args.select.split(",") if s) or None
    config = Config(select=select, lang=args.lang) if select else Config(lang=args.lang)
    start = time.process_time()
    docs = documents(args.paths)
    read = time.process_time() - start
    size = sum(len(d.text) for d in docs)
    times: dict[str, float] = defaultdict(float)
    times["read + decode"] = read
    profile = reduce_profile(profile_pass(docs, config, times), times)
    found = check_pass(docs, config, profile, times)
    total = sum(times.values())
    print(f"{len(docs)} documents, {size / 1e6:.1f} M characters, {found} findings, "
          f"{total:.2f} s ({size / 1e6 / total:.2f} M chars/s)")
    for key, seconds in sorted(times.items(), key=lambda kv: -kv[1])[:args.top]:
        print(f"{key:<34} {seconds:8.3f} s {100 * seconds / total:5.1f} %")


if __name__ == "__main__":
    main()
