"""Speed work on the whole run keeps its results: the real paths of a walk, and the check
warm-up run while the profile pass is in the workers."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from termcheck.api import lint_paths
from termcheck.config import Config
from termcheck.corpus import executors
from termcheck.corpus.executors import ProcessExecutor, SerialExecutor
from termcheck.pipeline import RealPaths
from tests.corpus_gen import write_corpus

PATHS = ["a/b/x.txt", "lb/x.txt", "lb/../y.txt", "ly.txt", "a/rel.txt", "./a/y.txt", "x.txt",
         "missing/z.txt", "lb/../lb/x.txt", "loop", "loop/x", "a/b/../../ly.txt", "a/b/",
         "a/.", "a/.."]


def test_real_paths_are_those_of_realpath(tmp_path: Path, monkeypatch: pytest.MonkeyPatch
                                          ) -> None:
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "b" / "x.txt").write_text("x")
    (tmp_path / "a" / "y.txt").write_text("y")
    (tmp_path / "lb").symlink_to(tmp_path / "a" / "b")
    (tmp_path / "ly.txt").symlink_to(tmp_path / "a" / "y.txt")
    (tmp_path / "a" / "rel.txt").symlink_to("b/x.txt")
    (tmp_path / "loop").symlink_to(tmp_path / "loop")
    monkeypatch.chdir(tmp_path)
    real_path_of = RealPaths()
    for path in PATHS + [str(tmp_path / p) for p in PATHS]:
        assert real_path_of(path) == os.path.realpath(path), path


@pytest.mark.slow
def test_check_warm_up_during_the_profile_pass_changes_nothing(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    corpus = write_corpus(tmp_path, 40)
    config = Config(select=("ALL",))
    warmed: list[int] = []
    warm_check = executors.warm_check
    monkeypatch.setattr(executors, "warm_check",
                        lambda task, items: warmed.append(len(items)) or warm_check(task, items))
    serial = lint_paths([corpus], config, executor=SerialExecutor())
    pooled = lint_paths([corpus], config, executor=ProcessExecutor(2, chunk_size=3,
                                                                   min_parallel=2))
    if executors.can_fork():
        assert warmed == [executors.WARM_UP]
    assert [f.to_dict() for f in pooled.findings] == [f.to_dict() for f in serial.findings]
    assert pooled.problems == serial.problems
    assert pooled.files_checked == serial.files_checked


def test_a_lazy_pattern_is_compiled_at_first_use_and_takes_its_global_s_place() -> None:
    from termcheck.lazyre import LazyPattern, lazy

    namespace: dict[str, object] = {}
    namespace["WORD"] = lazy(namespace, "WORD", r"[^\W\d_]+", re.IGNORECASE)
    kept = namespace["WORD"]
    assert isinstance(kept, LazyPattern)
    assert [m.group() for m in kept.finditer("ab 1 Cd")] == ["ab", "Cd"]  # type: ignore
    assert namespace["WORD"] == re.compile(r"[^\W\d_]+", re.IGNORECASE)
    assert kept.pattern == r"[^\W\d_]+"  # type: ignore[attr-defined]


def test_a_lazy_pattern_under_another_name_leaves_that_name_alone() -> None:
    from termcheck.lazyre import lazy

    namespace: dict[str, object] = {"OTHER": None}
    pattern = lazy(namespace, "OTHER", "a+")
    assert pattern.fullmatch("aa") is not None  # type: ignore[attr-defined]
    assert namespace["OTHER"] is None


def test_the_lazy_module_patterns_stand_for_their_own_globals() -> None:
    """Every ``NAME = lazy(globals(), "NAME", ...)`` names the global it is assigned to (else it
    would never be replaced by the compiled pattern)."""
    package = Path(__file__).resolve().parents[1] / "termcheck"
    for path in package.rglob("*.py"):
        for name, named in re.findall(r"^(\w+) = lazy\(globals\(\), \"(\w+)\"",
                                      path.read_text(encoding="utf-8"), re.MULTILINE):
            assert name == named, f"{path}: {name}"


def test_a_lazy_pattern_copies_and_pickles_as_the_compiled_pattern() -> None:
    import copy
    import pickle
    import re

    from termcheck.lazyre import lazy

    namespace: dict[str, object] = {}
    namespace["P"] = lazy(namespace, "P", r"a+b", re.IGNORECASE)
    for duplicate in (copy.copy(namespace["P"]), pickle.loads(pickle.dumps(namespace["P"]))):
        assert duplicate == re.compile(r"a+b", re.IGNORECASE)
    assert namespace["P"].search("xAAB").group() == "AAB"
    assert namespace["P"] == re.compile(r"a+b", re.IGNORECASE)  # the global is now compiled


def test_the_configuration_of_a_file_is_looked_up_once_per_folder_and_stays_right(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from termcheck import config as config_module
    from termcheck.config import ConfigResolver

    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "termcheck.toml").write_text('lang = "de"\n')
    (tmp_path / "a" / "b" / "termcheck.toml").write_text('lang = "fr"\n')
    lookups: list[Path] = []
    find = config_module.find_config_file
    monkeypatch.setattr(config_module, "find_config_file",
                        lambda start: lookups.append(start) or find(start))
    resolver = ConfigResolver()
    langs = {name: resolver.for_path(tmp_path / name).lang
             for name in ["a/x.txt", "a/y.txt", "a/b/x.txt", "a/b", "a/b/y.txt", "a/missing/z.txt",
                          "a"]}
    assert langs == {"a/x.txt": "de", "a/y.txt": "de", "a/b/x.txt": "fr", "a/b": "fr",
                     "a/b/y.txt": "fr", "a/missing/z.txt": "de", "a": "de"}
    assert len(lookups) == 3  # one per folder: a (also the folder a itself), a/b, a/missing
    fresh = ConfigResolver()
    assert all(fresh.for_path(tmp_path / name).lang == lang for name, lang in langs.items())


@pytest.mark.slow
def test_a_pool_s_main_process_analyses_the_name_runs_as_the_workers_send_them(
        tmp_path: Path) -> None:
    """NM002's ``prepare`` hook: every run of the merged statistics is in this process's run
    table when the profile pass ends, so the check workers forked after it inherit them."""
    from termcheck.config import ConfigResolver
    from termcheck.context import SHARED_RESOURCES, Context
    from termcheck.corpus.executors import Task
    from termcheck.pipeline import walk
    from termcheck.rules.names import run_table

    if not executors.can_fork():
        pytest.skip("workers inherit this process's data only when forked")
    for i in range(30):
        tag = "abcdefghij"[i % 10] + "klmnopqrst"[i // 10]
        (tmp_path / f"d{i:02d}.txt").write_text(
            f"Minister Quorvalt Ebbinsky{tag} met Zendra Poliakh{tag} at the Vantor{tag} "
            "summit.\n", encoding="utf-8")
    task = Task(ConfigResolver(Config(select=("NM002",))))
    items = [work.item for work in walk([tmp_path])]
    profile = ProcessExecutor(2, chunk_size=3, min_parallel=2).profile(items, task)
    assert profile is not None
    runs = set(profile["NM002"].runs)
    assert any("Vantorjm" in run for run in runs)
    assert runs <= set(run_table(Context(resources=SHARED_RESOURCES)))
    serial = SerialExecutor().profile(items, task)
    assert serial is not None and serial["NM002"] == profile["NM002"]


def test_the_warm_up_of_a_pool_runs_the_warm_hooks_of_the_rules_enabled(tmp_path: Path) -> None:
    """EN001 loads ftfy and NM002 its listed patterns in the main process (``Rule.warm``), which
    the check workers forked later inherit; a rule that is not enabled is not warmed."""
    from termcheck.config import ConfigResolver
    from termcheck.context import SHARED_RESOURCES
    from termcheck.corpus.executors import Task, warm_rules
    from termcheck.corpus.sources import Source
    from termcheck.names.runs import patterns
    from termcheck.rules.registry import get_rule

    assert get_rule("EN001").warm is not None and get_rule("NM002").warm is not None
    text = tmp_path / "a.txt"
    text.write_text("Plain text.\n", encoding="utf-8")
    item = Source(str(text), str(text), tmp_path)
    SHARED_RESOURCES._cache.pop("ftfy-config", None)
    patterns.cache_clear()
    warm_rules(Task(ConfigResolver(Config(select=("NM002",)))), [item])
    assert "ftfy-config" not in SHARED_RESOURCES._cache
    misses = patterns.cache_info().misses
    patterns(listed=True)
    assert patterns.cache_info().misses == misses
    both = Task(ConfigResolver(Config(select=("EN001", "NM002"))))
    warm_rules(both, [item], corpus_only=True)  # before the profile pass forks: NM002's only
    assert "ftfy-config" not in SHARED_RESOURCES._cache
    warm_rules(Task(ConfigResolver(Config(select=("EN001",)))), [item])
    assert "ftfy-config" in SHARED_RESOURCES._cache


def test_the_cli_s_objects_are_frozen_after_its_exit_handlers(tmp_path: Path) -> None:
    """Python's collection at exit then walks none of them (``tune_gc``): freeing what the run
    made is left to the system."""
    import subprocess
    import sys

    code = ("import atexit, gc\n"
            "from termcheck.runtime import tune_gc\n"
            "tune_gc()\n"
            "made = [[] for _ in range(10_000)]\n"
            "atexit.register(lambda: print(len(gc.get_objects()) >= 10_000))\n"
            "atexit._run_exitfuncs()\n"
            "print(len(gc.get_objects()) < 1_000, gc.get_freeze_count() >= 10_000)\n")
    root = Path(__file__).resolve().parents[1]
    env = {**os.environ, "PYTHONPATH": str(root)}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          env=env, cwd=tmp_path, check=True)
    assert done.stdout.split() == ["True", "True", "True"]
