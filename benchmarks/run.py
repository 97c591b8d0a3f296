"""Throughput, peak memory and start-up of termcheck beside codespell and pofilter, same text.

    python benchmarks/run.py [--size 50MB] [--memory 10MB,1GB] [--keep DIR]
    python benchmarks/run.py --size 5MB --real ../shared/corpora --repeat 3 --ratios-only
    python benchmarks/run.py --memory 10MB,100MB --memory-only
    python benchmarks/run.py --memory-only --modes fix,dask --memory-corpus A --memory-corpus B

Builds a varied corpus (benchmarks/corpus.py), then times each configuration in a fresh process
and reports MB/s, MB/s per core and peak RSS (of the process and its workers). Peers run on the
same corpus in the same run, so ratios compare like with like on this machine.

``--real DIR``: also a corpus of real MT output, the files of every ``system-outputs`` folder
under DIR (the WMT21 system outputs of ../shared/corpora) cut into article-sized documents in the
scratch directory (never in the repository), up to ``--size``. ``--repeat N`` times default lint
(--jobs 1 and 2) and codespell N times, interleaved, on each corpus and reports the medians of
the ratios; ``--ratios-only`` skips everything else.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Iterable

sys.path.insert(0, str(Path(__file__).resolve().parent))
import corpus

REPO = Path(__file__).resolve().parents[1]
# Runs a command; prints wall time, peak RSS (summed over the process tree, sampled with psutil
# when installed: forkserver workers are not waited-for children) and CPU time of the tree.
MEASURE = """
import json, resource, subprocess, sys, time
try:
    import psutil
except ImportError:
    psutil = None
start = time.perf_counter()
proc = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
peak, cpu, each = 0.0, {}, {}
while True:
    if psutil is not None:
        try:
            tree = [psutil.Process(proc.pid)] + psutil.Process(proc.pid).children(recursive=True)
            rss = 0
            for p in tree:
                try:
                    own = p.memory_info().rss
                    rss += own
                    each[p.pid] = max(each.get(p.pid, 0.0), own / 2**20)
                    t = p.cpu_times()
                    cpu[p.pid] = t.user + t.system
                except psutil.Error:
                    pass
            peak = max(peak, rss / 2**20)
        except psutil.Error:
            pass
    try:  # sample every 0.2 s (reading /proc costs CPU the workers would miss), end at once
        proc.wait(timeout=0.2)
        break
    except subprocess.TimeoutExpired:
        pass
elapsed = time.perf_counter() - start
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({"seconds": elapsed, "code": proc.returncode,
                  "peak_mb": max(peak, usage.ru_maxrss / 1024),
                  "cpu": max(sum(cpu.values()), usage.ru_utime + usage.ru_stime),
                  "peak_each_mb": sorted(each.values(), reverse=True)}))
"""

def measure(command: list[str]) -> dict[str, float]:
    out = subprocess.run([sys.executable, "-c", MEASURE, *command], capture_output=True,
                         text=True, cwd=REPO, check=True).stdout
    return json.loads(out)  # type: ignore[no-any-return]


def termcheck(*args: str) -> list[str]:
    return [sys.executable, "-m", "termcheck", *args]


def rule_codes() -> list[str]:
    out = subprocess.run(termcheck("rules", "--format", "json"), capture_output=True, text=True,
                         cwd=REPO, check=True).stdout
    return [r["code"] for r in json.loads(out)]


def row(name: str, result: dict[str, float], size: int, cores: int = 1) -> dict[str, object]:
    mbps = size / 1e6 / result["seconds"]
    print(f"{name:<34} {result['seconds']:7.2f} s {mbps:8.2f} MB/s {mbps / cores:8.2f} MB/s/core"
          f" {result['peak_mb']:6.0f} MB peak {result['cpu']:7.2f} s CPU (exit {result['code']})",
          flush=True)
    return {"name": name, "mb_per_s": mbps, **result}


def compile_bytecode() -> None:
    """Compile termcheck's bytecode as ``pip install`` does, so that no timed run pays for
    compiling the package (a checkout run with PYTHONDONTWRITEBYTECODE=1 would, every time;
    codespell, installed, never does)."""
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(REPO / "termcheck")],
                   cwd=REPO, check=False, capture_output=True)


def startup(sample: Path, runs: int = 7) -> float:
    """Median wall time of ``lint`` on one small file, with bytecode compiled as an install has."""
    compile_bytecode()
    times = [measure(termcheck("lint", "--isolated", str(sample)))["seconds"]
             for _ in range(runs)]
    return statistics.median(times)


def machine() -> str:
    """Cores, CPU model and load: ratios are only comparable on a quiet machine."""
    import os
    import platform

    model = platform.processor() or platform.machine()
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    load = ", ".join(f"{n:.2f}" for n in os.getloadavg()) if hasattr(os, "getloadavg") else "?"
    return (f"machine: {os.cpu_count()} cores ({model}), Python {platform.python_version()}, "
            f"load average before the runs {load}")


def po_file(source: Path, target: Path, limit: int) -> int:
    """The corpus's paragraphs as PO segments (msgid = msgstr); returns text bytes written."""
    written = 0
    with target.open("w", encoding="utf-8") as po:
        po.write('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n')
        for path in sorted(source.rglob("*.txt")):
            for line in path.read_text(encoding="utf-8").splitlines():
                if not line.strip() or written > limit:
                    continue
                quoted = json.dumps(line, ensure_ascii=False)
                po.write(f"msgid {quoted}\nmsgstr {quoted}\n\n")
                written += len(line.encode("utf-8"))
    return written


# the engine's floor: walk, read, decode, per-document set-up and one cheap rule (a C-level scan)
FLOOR = "termcheck lint --select SP001 -j1"


def lint_runs(root: Path, size: int, codes: list[str]) -> list[dict[str, object]]:
    results = [
        row("termcheck lint --jobs 1", measure(termcheck("lint", "--isolated", "-j", "1",
                                                         str(root))), size),
        row("termcheck lint --jobs 2", measure(termcheck("lint", "--isolated", "-j", "2",
                                                         str(root))), size, 2),
    ]
    results.append(row(FLOOR, measure(termcheck("lint", "--isolated", "-j", "1", "--select",
                                                "SP001", str(root))), size))
    if any(c.startswith("LG") for c in codes):
        results.append(row("termcheck lint --extend-select LG -j1", measure(termcheck(
            "lint", "--isolated", "-j", "1", "--extend-select", "LG", str(root))), size))
    else:
        print("termcheck lint --extend-select LG      n/a (no LG rules in this build)")
    for jobs in (1, 2):
        out = Path(tempfile.mkdtemp(prefix="tc-clean-"))
        results.append(row(f"termcheck clean --jobs {jobs}", measure(termcheck(
            "clean", "--isolated", str(root), "--out", str(out), "-j", str(jobs))), size, jobs))
        shutil.rmtree(out, ignore_errors=True)
    return results


def peer_runs(root: Path, size: int, work: Path) -> list[dict[str, object]]:
    results = []
    if shutil.which("codespell"):
        results.append(row("codespell", measure(["codespell", str(root)]), size))
    else:
        print("codespell                              n/a (pip install codespell)")
    if shutil.which("pofilter"):
        po = work / "segments.po"
        segment_bytes = po_file(root, po, min(size, 3_000_000))
        segments_txt = work / "segments"
        segments_txt.mkdir(exist_ok=True)
        text = "\n".join(json.loads(line[6:]) for line in po.read_text().splitlines()
                         if line.startswith("msgid \"") and line != 'msgid ""')
        (segments_txt / "segments.txt").write_text(text + "\n", encoding="utf-8")
        results.append(row("pofilter (same segments, PO)", measure(
            ["pofilter", "-i", str(po), "-o", str(work / "out.po")]), segment_bytes))
        results.append(row("termcheck lint -j1 (same segments)", measure(termcheck(
            "lint", "--isolated", "-j", "1", str(segments_txt))), segment_bytes))
    else:
        print("pofilter                               n/a (pip install translate-toolkit)")
    return results


def ratio_runs(label: str, root: Path, size: int, repeat: int) -> dict[str, float]:
    """Default lint with --jobs 1 and 2 against codespell, interleaved ``repeat`` times (the
    machine's load drifts): the median ratios, each from one round's three runs."""
    if not shutil.which("codespell"):
        print(f"{label}: codespell n/a (pip install codespell)")
        return {}
    one, two = [], []
    for _ in range(repeat):
        peer = size / 1e6 / measure(["codespell", str(root)])["seconds"]
        one.append(size / 1e6 / measure(termcheck("lint", "--isolated", "-j", "1",
                                                  str(root)))["seconds"] / peer)
        two.append(size / 1e6 / measure(termcheck("lint", "--isolated", "-j", "2",
                                                  str(root)))["seconds"] / peer)
    ratios = {"jobs 1": statistics.median(one), "jobs 2": statistics.median(two)}
    print(f"{label}: lint / codespell, median of {repeat}: --jobs 1 {ratios['jobs 1']:.2f} "
          f"({', '.join(f'{r:.2f}' for r in one)}), --jobs 2 {ratios['jobs 2']:.2f} "
          f"({', '.join(f'{r:.2f}' for r in two)}) (targets 0.45 and 0.8; goal 1 at two jobs)",
          flush=True)
    return ratios


# the runs of the memory check, by name (``--modes``); ``fix`` rewrites its corpus: it runs last,
# on a scratch copy when the corpus is one of the user's (``--memory-corpus``)
MEMORY_MODES = {
    "j1": ("CLI lint -j1 (text report)", ("lint", "--isolated", "-j", "1")),
    "j2": ("CLI lint -j2 (text report)", ("lint", "--isolated", "-j", "2")),
    "dask": ("CLI lint, Dask engine (local)",
             ("lint", "--isolated", "--engine", "dask", "--scheduler", "local")),
    "fix": ("CLI lint --fix -j1", ("lint", "--isolated", "--fix", "-j", "1")),
}


def memory_modes(text: str) -> list[str]:
    """``--modes``: names of :data:`MEMORY_MODES`, comma-separated (an unknown one is an
    error, not a mode silently left out)."""
    modes = [mode.strip() for mode in text.split(",") if mode.strip()]
    unknown = [mode for mode in modes if mode not in MEMORY_MODES]
    if unknown or not modes:
        raise argparse.ArgumentTypeError(f"unknown mode(s) {', '.join(unknown) or '(none)'}; "
                                         f"choose from {', '.join(MEMORY_MODES)}")
    return modes


def memory_commands(root: Path, modes: list[str]) -> list[tuple[str, list[str]]]:
    """What the memory check runs on one corpus: ``modes`` in the order of MEMORY_MODES (the
    Dask engine only when installed), so that ``lint --fix`` comes last."""
    dask = importlib.util.find_spec("dask") is not None
    return [(MEMORY_MODES[mode][0], termcheck(*MEMORY_MODES[mode][1], str(root)))
            for mode in MEMORY_MODES if mode in modes and (mode != "dask" or dask)]


def corpus_size(root: Path) -> tuple[int, int]:
    """Files and bytes of an existing corpus."""
    sizes = [p.stat().st_size for p in root.rglob("*") if p.is_file()]
    return len(sizes), sum(sizes)


def memory_runs(sizes: list[int], work: Path, modes: Iterable[str] = tuple(MEMORY_MODES),
                corpora: Iterable[Path] = ()) -> None:
    """Peak RSS of ``lint`` (report streamed) per corpus size; the issue wants < 2x from 10 MB
    to 1 GB: memory may grow with the corpus profile (distinct names and lines) only. Corpora
    are built (``sizes``, removed after) or given (``corpora``, ``--fix`` runs on a copy)."""
    peaks: dict[str, list[float]] = {}
    for root, size in [(work / f"mem{size}", size) for size in sizes] + \
            [(path, 0) for path in corpora]:
        files, written = corpus.build(root, size, seed=size) if size else corpus_size(root)
        for label, command in memory_commands(root, modes):
            scratch = None
            if "--fix" in command and not size:
                scratch = work / f"fix-{root.name}"
                shutil.copytree(root, scratch)
                command = command[:-1] + [str(scratch)]
            try:
                result = measure(command)
            finally:
                if scratch is not None:
                    shutil.rmtree(scratch, ignore_errors=True)
            peaks.setdefault(label, []).append(result["peak_mb"])
            each = ", ".join(f"{mb:.0f}" for mb in result["peak_each_mb"][:4])
            print(f"peak RSS {label:<28} {written / 1e6:6.0f} MB, {files:7d} files: "
                  f"{result['peak_mb']:6.1f} MB  ({result['seconds']:.1f} s, "
                  f"{result['cpu']:.1f} s CPU; by process {each})", flush=True)
        if size:
            shutil.rmtree(root, ignore_errors=True)
    for label, values in peaks.items():
        print(f"peak RSS ratio largest / smallest corpus, {label}: {values[-1] / values[0]:.2f} "
              "(target < 2)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--size", default="50MB", help="corpus size, e.g. 20MB, 1GB")
    parser.add_argument("--memory", default="", help="sizes for the RSS check, e.g. 10MB,200MB")
    parser.add_argument("--memory-only", action="store_true",
                        help="only the RSS check of --memory (lint -j1/-j2, Dask, lint --fix)")
    parser.add_argument("--memory-corpus", type=Path, action="append", default=[],
                        help="an existing corpus for the RSS check (repeatable, smallest first; "
                        "--fix runs on a copy)")
    parser.add_argument("--modes", default=",".join(MEMORY_MODES),
                        type=memory_modes,
                        help=f"runs of the RSS check, of {','.join(MEMORY_MODES)}")
    parser.add_argument("--keep", type=Path, help="build the corpus here and keep it")
    parser.add_argument("--real", type=Path, help="a folder holding MT system outputs "
                        "(e.g. ../shared/corpora): also time a corpus cut from them")
    parser.add_argument("--repeat", type=int, default=1, help="rounds of the ratio runs")
    parser.add_argument("--ratios-only", action="store_true",
                        help="only the lint / codespell ratios")
    args = parser.parse_args()
    compile_bytecode()
    work = args.keep or Path(tempfile.mkdtemp(prefix="tc-bench-"))
    if args.memory_only:
        print(machine())
        memory_runs([corpus.parse_size(s) for s in args.memory.split(",") if s], work,
                    args.modes, args.memory_corpus)
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)
        return
    root = work / "corpus"
    if not root.exists():
        files, size = corpus.build(root, corpus.parse_size(args.size))
    else:
        files, size = sum(1 for _ in root.rglob("*.txt")), sum(
            p.stat().st_size for p in root.rglob("*.txt"))
    print(f"corpus: {files} files, {size / 1e6:.1f} MB in {root}")
    print(machine())
    if args.real is not None:
        real = work / "real"
        if not real.exists():
            real_files, real_size = corpus.build_real(args.real, real, corpus.parse_size(args.size))
        else:
            real_files, real_size = sum(1 for _ in real.rglob("*.txt")), sum(
                p.stat().st_size for p in real.rglob("*.txt"))
        print(f"real MT corpus: {real_files} files, {real_size / 1e6:.1f} MB in {real}")
        ratio_runs("real MT corpus", real, real_size, args.repeat)
    if args.real is not None or args.repeat > 1 or args.ratios_only:
        ratio_runs("generated corpus", root, size, args.repeat)
    if args.ratios_only:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)
        return
    small = work / "small.txt"
    small.write_text("A short article (with a lone bracket.\n", encoding="utf-8")
    print(f"start-up, lint of one small file (median of 7): {startup(small):.3f} s "
          "(target < 0.3)")
    glossary = Path(__file__).resolve().parent / "glossary_bench.py"
    if glossary.exists():
        subprocess.run([sys.executable, str(glossary)], cwd=REPO, check=False)
    results = lint_runs(root, size, rule_codes()) + peer_runs(root, size, work)
    by_name = {r["name"]: r["mb_per_s"] for r in results}
    by_cpu = {r["name"]: r["cpu"] for r in results}
    one, two = by_name["termcheck lint --jobs 1"], by_name["termcheck lint --jobs 2"]
    cpu_ratio = by_cpu["termcheck lint --jobs 2"] / by_cpu["termcheck lint --jobs 1"]
    print(f"ratio --jobs 2 / --jobs 1: {two / one:.2f} (target >= 1.7); CPU time "
          f"--jobs 2 / --jobs 1: {cpu_ratio:.2f} (1.0 = no parallel overhead)")
    clean_one, clean_two = by_name["termcheck clean --jobs 1"], by_name["termcheck clean --jobs 2"]
    print(f"ratio clean --jobs 2 / --jobs 1: {clean_two / clean_one:.2f}")
    if "codespell" in by_name:
        peer = by_name["codespell"]
        print(f"ratio lint -j1 / codespell: {one / peer:.2f}, lint -j2 / codespell: "
              f"{two / peer:.2f} (target >= 2); engine floor (one rule) -j1 / codespell: "
              f"{by_name[FLOOR] / peer:.2f}")
    if "pofilter (same segments, PO)" in by_name:
        ratio = by_name["termcheck lint -j1 (same segments)"] / \
            by_name["pofilter (same segments, PO)"]
        print(f"ratio lint -j1 / pofilter: {ratio:.2f}")
    if args.memory:
        memory_runs([corpus.parse_size(s) for s in args.memory.split(",")], work)
    if args.keep is None:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
