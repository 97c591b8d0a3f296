"""Executors: worker processes give exactly the serial results, in the same order."""

from __future__ import annotations

import ntpath
import os
import posixpath
from collections import Counter
from pathlib import Path
from typing import Callable, Iterator

import pytest
from typer.testing import CliRunner

from termcheck.api import iter_lint, lint_paths
from termcheck.cli import app
from termcheck.config import Config, ConfigResolver
from termcheck.corpus import profile as stored
from termcheck.corpus.executors import ProcessExecutor, SerialExecutor, Task
from termcheck.corpus.sources import Source, folder_prefix, iter_sources
from termcheck.errors import DataError
from termcheck.pipeline import make_executor
from tests import corpus_rule
from tests.conftest import SAMPLES
from tests.corpus_gen import write_corpus

ALL = Config(select=("ALL",))


@pytest.fixture
def corpus_rule_registered():
    corpus_rule.register()
    yield corpus_rule.CODE
    corpus_rule.unregister()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_corpus(tmp_path_factory.mktemp("corpus"), 60)


def as_dicts(report) -> tuple[list, list, int, int]:
    return ([f.to_dict() for f in report.findings], [p.to_dict() for p in report.problems],
            report.files_checked, report.exit_code)


@pytest.mark.slow
def test_two_workers_give_the_serial_report(corpus: Path, corpus_rule_registered: str) -> None:
    serial = lint_paths([corpus], ALL, executor=SerialExecutor())
    pooled = lint_paths([corpus], ALL, executor=ProcessExecutor(2, chunk_size=5,
                                                                setup=corpus_rule.register))
    assert as_dicts(pooled) == as_dicts(serial)
    assert any(f.code == corpus_rule_registered for f in serial.findings)
    assert {p.code for p in serial.problems} == {"TC-BINARY", "TC-DECODE"}


@pytest.mark.slow
def test_pooled_profile_equals_serial_profile(corpus: Path, corpus_rule_registered: str) -> None:
    task = Task(ConfigResolver(ALL))
    serial = SerialExecutor().profile(iter_sources([corpus]), task)
    pooled = ProcessExecutor(2, chunk_size=7, setup=corpus_rule.register).profile(
        iter_sources([corpus]), task)
    assert pooled == serial
    assert isinstance(serial[corpus_rule_registered], Counter)


def test_a_corpus_rule_sees_other_documents(tmp_path: Path, corpus_rule_registered: str) -> None:
    (tmp_path / "a.txt").write_text("The delegation arrived.\n")
    (tmp_path / "b.txt").write_text("A delegation and a parliament.\n")
    config = Config(select=(corpus_rule_registered,))
    found = [f.matched for f in lint_paths([tmp_path], config).findings]
    assert found == ["parliament"]  # "delegation" is in both documents


def test_iter_lint_streams_one_result_per_input_in_order(corpus: Path) -> None:
    results = iter_lint([corpus], ALL)
    first = next(results)
    assert first.path.endswith("article0000.txt")
    rest = list(results)
    assert len(rest) + 1 == 62
    assert [r.checked for r in rest].count(False) == 2


def test_profile_file_is_saved_then_reused(tmp_path: Path, corpus: Path,
                                           corpus_rule_registered: str) -> None:
    saved = tmp_path / "profile.json"
    first = lint_paths([corpus], ALL, profile_file=saved)
    assert stored.load(saved)[corpus_rule_registered]
    saved_bytes = saved.read_bytes()
    again = lint_paths([corpus], ALL, profile_file=saved)
    assert as_dicts(again) == as_dicts(first)
    assert saved.read_bytes() == saved_bytes


def test_profile_json_round_trips_container_types() -> None:
    profile = {"XX1": Counter({"a": 2, ("b", 1): 3}), "XX2": {"set": {3, 1}, "t": (1, "x")},
               "XX3": [frozenset({"q"}), None, 1.5, {"__tuple__": 1}]}
    text = stored.dumps(profile)
    assert stored.loads(text) == profile
    assert stored.dumps(stored.loads(text)) == text


def test_a_bad_profile_file_names_file_and_line(tmp_path: Path) -> None:
    bad = tmp_path / "p.json"
    bad.write_text('{\n"format": \n')
    with pytest.raises(Exception, match=r"p.json:3: invalid profile JSON"):
        stored.load(bad)


def test_make_executor_choices() -> None:
    assert isinstance(make_executor(1), SerialExecutor)
    assert isinstance(make_executor(3), ProcessExecutor)
    with pytest.raises(ValueError, match="unknown engine"):
        make_executor(2, "spark")


@pytest.mark.slow
def test_cli_jobs_2_output_and_exit_status_equal_jobs_1(corpus: Path) -> None:
    runner = CliRunner()
    serial = runner.invoke(app, ["lint", "--isolated", "--select", "ALL", "-f", "json",
                                 "--jobs", "1", str(corpus)])
    pooled = runner.invoke(app, ["lint", "--isolated", "--select", "ALL", "-f", "json",
                                 "--jobs", "2", str(corpus)])
    assert serial.exit_code == pooled.exit_code == 1
    assert pooled.stdout == serial.stdout


def test_already_read_documents_are_items_too(corpus: Path) -> None:
    """Records of a JSONL file reach the executors as documents; files as sources."""
    from termcheck.pipeline import documents as iter_documents

    task = Task(ConfigResolver(ALL))
    documents = list(iter_documents([corpus]))
    from_sources = list(ProcessExecutor(2, chunk_size=4).map(iter_sources([corpus]), task))
    from_documents = list(ProcessExecutor(2, chunk_size=4).map(documents, task))
    assert [getattr(r, "findings", r) for r in from_documents] == \
        [getattr(r, "findings", r) for r in from_sources]


def test_profile_of_every_shipped_corpus_rule_round_trips(tmp_path: Path) -> None:
    config = Config(select=("ALL",))
    resolver = ConfigResolver(config)
    profile = SerialExecutor().profile(iter_sources([SAMPLES]), Task(resolver))
    assert profile and {"NM002", "BP100"} <= set(profile)
    saved = tmp_path / "profile.json"
    stored.save(profile, saved)
    assert stored.load(saved) == profile


def test_a_profile_built_without_an_enabled_corpus_rule_is_refused(tmp_path: Path) -> None:
    saved = tmp_path / "profile.json"
    runner = CliRunner()
    base = ["lint", "--isolated", str(SAMPLES)]
    first = runner.invoke(app, [*base, "--select", "BP001", "--profile", str(saved)])
    assert first.exit_code == 1 and saved.is_file()
    reused = runner.invoke(app, [*base, "--profile", str(saved)])
    assert reused.exit_code == 2
    assert "profile was built without BL011, BP100, NM002" in reused.output


@pytest.mark.parametrize("body", ['{"format": "termcheck-profile", "version": 1}',
                                  '{"format": "termcheck-profile", "version": 1, '
                                  '"rules": {"BP100": {"__counter__": 5}}}'])
def test_a_malformed_profile_is_a_clear_error(tmp_path: Path, body: str) -> None:
    bad = tmp_path / "p.json"
    bad.write_text(body)
    with pytest.raises(DataError, match=r"p.json: profile"):
        stored.load(bad)


def test_writing_a_profile_or_report_onto_a_directory_is_a_usage_error(tmp_path: Path) -> None:
    runner = CliRunner()
    for option in ("--profile", "--output", "--write-baseline"):
        result = runner.invoke(app, ["lint", "--isolated", str(SAMPLES), option, str(tmp_path)])
        assert result.exit_code == 2, option
        assert "is a directory, not a file to write" in result.output
        assert result.exception is None or isinstance(result.exception, SystemExit)


def test_fix_refuses_options_it_would_ignore(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["lint", "--fix", "--isolated", "--baseline", "b.json",
                                      "--format", "sarif", "--jobs", "2", str(tmp_path)])
    assert result.exit_code == 2
    assert "--fix and --diff do not take --baseline, --format" in result.output


def test_a_pool_starts_no_more_workers_than_it_has_chunks(
        corpus: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """``-j 500`` on a few chunks of work forks as many workers as there are chunks, and never
    more than two a core; the report is the serial one."""
    import concurrent.futures

    started: list[int] = []

    class CountedPool(concurrent.futures.ProcessPoolExecutor):
        def __init__(self, max_workers: int, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
            started.append(max_workers)
            super().__init__(max_workers, *args, **kwargs)

    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", CountedPool)
    monkeypatch.setattr("termcheck.corpus.executors.default_jobs", lambda: 8)
    many = ProcessExecutor(500, chunk_size=25, min_parallel=1)
    assert many.jobs == 16  # two a core
    config = Config(select=("SP",))
    assert as_dicts(lint_paths([corpus], config, executor=many)) == as_dicts(
        lint_paths([corpus], config, executor=SerialExecutor()))
    assert started and max(started) <= 3  # 60 inputs: at most 3 chunks of 25 a pass


def test_jobs_beyond_two_a_core_are_capped_with_one_note(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("termcheck.corpus.executors.default_jobs", lambda: 2)
    (tmp_path / "a.txt").write_text("One  space too many.\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["lint", "--isolated", "-j", "500", str(tmp_path)])
    assert result.exit_code == 1, result.output
    assert result.output.count("termcheck: note: --jobs 500 capped at 4 processes") == 1
    quiet = CliRunner().invoke(app, ["lint", "--isolated", "-j", "4", str(tmp_path)])
    assert "capped" not in quiet.output


@pytest.mark.slow
def test_chunks_the_main_process_runs_itself_come_back_in_input_order(
        corpus: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """With two jobs a forking pool has one worker, and this process runs every other chunk
    itself (here: whatever the worker is doing); the report is the serial one."""
    from termcheck.corpus import executors

    turns: list[bool] = []
    monkeypatch.setattr(executors.Helping, "busy",
                        lambda self, window, workers: turns.append(len(turns) % 2 == 1)
                        or turns[-1])
    pooled = lint_paths([corpus], ALL, executor=ProcessExecutor(2, chunk_size=3,
                                                                min_parallel=1))
    assert as_dicts(pooled) == as_dicts(lint_paths([corpus], ALL, executor=SerialExecutor()))
    if executors.can_fork():
        assert turns.count(True) >= 10  # both passes: 60 inputs, 20 chunks of 3 in the check


def test_an_error_in_a_chunk_this_process_runs_comes_in_its_turn() -> None:
    """Like a worker's future, the chunk this process ran raises only when its results are
    due: the chunks before it (in a worker) are reported first, not dropped."""
    from termcheck.corpus.executors import Done, Helping

    def fails(chunk: list) -> list:
        raise RuntimeError(f"chunk of {len(chunk)}")

    outcome = Helping(Task(ConfigResolver(Config())), fails).run(["a", "b"])
    assert isinstance(outcome, Done) and outcome.done()
    with pytest.raises(RuntimeError, match="chunk of 2"):
        outcome.result()
    assert Done([1, 2]).result() == [1, 2]


@pytest.mark.slow
def test_with_a_chunk_or_less_per_job_every_chunk_goes_to_a_worker_of_its_own(
        corpus: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """This process helps only when there is more work than a chunk per job: with as many
    chunks as jobs, a worker each runs them at once (before, with two jobs, one worker ran both
    chunks in turn)."""
    import os

    from termcheck.corpus import executors

    monkeypatch.setattr(executors, "CHECK_WARM_UP", 0)
    files = sorted(iter_sources([corpus]), key=lambda s: s.display)[:40]
    task = Task(ConfigResolver(Config()), apply=_slow_process_id)
    pids = list(ProcessExecutor(2, chunk_size=20, min_parallel=1).map(files, task))
    assert len(pids) == 40
    workers = {pid for pid in pids if isinstance(pid, int)}  # not the corpus's broken files
    if executors.can_fork():
        assert len(workers) == 2 and os.getpid() not in workers


def _slow_process_id(doc: object, config: object, profile: object) -> int:
    """The process that ran the document, after 20 ms: a chunk lasts longer than a worker's
    start on a loaded host, so the second worker is up before the first could take its chunk
    too (that race made the test fail about once in twenty runs under load)."""
    import time

    time.sleep(0.02)
    return _process_id(doc, config, profile)


def _process_id(doc: object, config: object, profile: object) -> int:
    import os

    return os.getpid()


@pytest.mark.slow
def test_results_reach_the_caller_only_while_every_worker_has_chunks_queued(
        corpus: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The caller merges or renders each result it gets, and a worker that finishes its chunk
    meanwhile would wait: results are handed over only while every worker has its chunks
    queued (``Helping.busy``), or once the window is full. Here the workers never count as
    busy, so after the warm-up document nothing comes back before a full window was sent,
    although the inputs come slowly and the worker is done with each chunk long before."""
    import time

    from termcheck.corpus import executors

    if not executors.can_fork():
        pytest.skip("this process helps its workers only when they are forked")
    monkeypatch.setattr(executors.Helping, "busy", lambda self, window, workers: False)
    files = sorted(iter_sources([corpus]), key=lambda s: s.display)
    pulled = [0]

    def counted() -> Iterator[Source]:
        for source in files:
            pulled[0] += 1
            time.sleep(0.005)
            yield source

    size, jobs = 2, 2
    task = Task(ConfigResolver(Config()), apply=_process_id)
    held = [pulled[0] - done for done, _ in enumerate(
        ProcessExecutor(jobs, chunk_size=size, min_parallel=1).map(counted(), task), start=1)]
    window = (jobs - 1) * executors.WINDOW_PER_JOB * size  # one worker: this process helps
    assert len(held) == len(files)
    # inputs read but not yet handed back, while more are left: a full window's worth
    assert min(held[executors.CHECK_WARM_UP:len(files) - window]) >= window


def test_the_last_chunks_of_a_pass_are_cut_smaller_and_keep_their_order() -> None:
    """A pass ends with its last process: the last two chunks go out in quarters, so that a
    process is left alone with a quarter of a chunk at most, not a whole one."""
    from termcheck.corpus.executors import TAPER, TAPERED_CHUNKS, chunked, tapered

    items = list(range(50))
    given = list(tapered(chunked(items, 8)))
    assert [x for chunk in given for x in chunk] == items
    assert [len(c) for c in given] == [8, 8, 8, 8, 8] + [2, 2, 2, 2] + [1, 1]
    assert (TAPER, TAPERED_CHUNKS) == (4, 2)
    assert list(tapered(chunked([1, 2, 3], 8))) == [[1], [2], [3]]
    assert list(tapered([])) == []


@pytest.mark.slow
def test_the_profile_workers_have_chunks_queued_before_this_process_warms_the_check(
        corpus: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """``warm_check`` keeps this process busy a while: every worker is given
    ``MEANWHILE_AHEAD`` chunks before it, and this process collects none itself until it is
    done; the profile is the serial one."""
    import concurrent.futures

    from termcheck.corpus import executors

    if not executors.can_fork():
        pytest.skip("the check is warmed here only when workers are forked")
    events: list[str] = []
    submit, run, warm_check = (concurrent.futures.ProcessPoolExecutor.submit,
                               executors.Helping.run, executors.warm_check)
    monkeypatch.setattr(concurrent.futures.ProcessPoolExecutor, "submit",
                        lambda self, *args: events.append("worker") or submit(self, *args))
    monkeypatch.setattr(executors.Helping, "run",
                        lambda self, chunk: events.append("here") or run(self, chunk))
    monkeypatch.setattr(executors, "warm_check",
                        lambda task, items: events.append("warm") or warm_check(task, items))
    task = Task(ConfigResolver(Config(select=("NM002",))))
    pooled = ProcessExecutor(2, chunk_size=2, min_parallel=1).profile(iter_sources([corpus]),
                                                                      task)
    ahead = executors.MEANWHILE_AHEAD
    assert events[:ahead + 1] == ["worker"] * ahead + ["warm"]
    assert "here" in events[ahead + 1:]  # then it helps
    assert pooled == SerialExecutor().profile(iter_sources([corpus]), task)


@pytest.mark.slow
def test_documents_in_flight_are_bounded_by_the_window_tapered_chunks_too(corpus: Path) -> None:
    """The window counts documents, not chunks: the small chunks at the end of a pass (see
    ``tapered``) let this process go on helping instead of waiting on a worker's whole chunk,
    and no more than the window's chunks' worth (plus the chunks read ahead) is ever held."""
    from termcheck.corpus import executors

    files = sorted(iter_sources([corpus]), key=lambda s: s.display)
    pulled = [0]

    def counted() -> Iterator[Source]:
        for source in files:
            pulled[0] += 1
            yield source

    size, jobs = 2, 2
    held = []
    task = Task(ConfigResolver(Config()), apply=_process_id)
    for done, _ in enumerate(ProcessExecutor(jobs, chunk_size=size, min_parallel=1).map(
            counted(), task), start=1):
        held.append(pulled[0] - done)
    assert done == len(files) > 50
    # the window, the chunk just added to it, the chunks tapered reads ahead, the next one
    bound = (jobs * executors.WINDOW_PER_JOB + 1 + executors.TAPERED_CHUNKS + 1) * size
    assert max(held) <= bound < len(files)


@pytest.mark.parametrize(("join", "shown", "name", "expected"), [
    (posixpath.join, "corpus", "a.txt", "corpus/a.txt"),
    (posixpath.join, "corpus/", "a.txt", "corpus/a.txt"),
    (posixpath.join, "", "a.txt", "a.txt"),
    (ntpath.join, "C:\\corpus", "a.txt", "C:\\corpus\\a.txt"),
    (ntpath.join, "C:", "a.txt", "C:a.txt"),
    (ntpath.join, "D:\\", "a.txt", "D:\\a.txt"),
    (ntpath.join, "\\\\server\\share", "a.txt", "\\\\server\\share\\a.txt"),
])
def test_a_walked_file_is_shown_as_its_folder_joined_with_its_name(
        join: Callable[[str, str], str], shown: str, name: str, expected: str) -> None:
    assert folder_prefix(shown, join) + name == join(shown, name) == expected


def test_walked_files_are_shown_under_the_root_as_named(tmp_path: Path) -> None:
    (tmp_path / "top.txt").write_text("Top.\n")
    (tmp_path / "inner" / "deeper").mkdir(parents=True)
    (tmp_path / "inner" / "deeper" / "low.txt").write_text("Low.\n")
    for named in (str(tmp_path), str(tmp_path) + os.sep):
        shown = sorted(source.display for source in iter_sources([named]))
        assert shown == [os.path.join(named, "inner", "deeper", "low.txt"),
                         os.path.join(named, "top.txt")]
