"""The Dask engine: a real LocalCluster gives the serial engine's output and profile."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("dask.bag", reason="the dask extra is not installed")
pytest.importorskip("distributed", reason="the dask extra is not installed")

import dask.bag as db

from termcheck.api import lint_paths
from termcheck.config import Config, ConfigResolver
from termcheck.corpus.dask_engine import DaskExecutor, lint_bag, profile_of
from termcheck.corpus.executors import SerialExecutor, Task
from termcheck.corpus.sources import iter_sources
from termcheck.engine import check_document
from termcheck.pipeline import documents as iter_documents
from tests import corpus_rule
from tests.corpus_gen import snapshot, write_clean_corpus, write_corpus

ALL = Config(select=("ALL",))
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def registered():
    corpus_rule.register()
    yield corpus_rule.CODE
    corpus_rule.unregister()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_corpus(tmp_path_factory.mktemp("dask"), 50)


@pytest.fixture(scope="module")
def cluster(registered: str):
    with DaskExecutor("local", jobs=2, partition_size=6, setup=corpus_rule.register) as executor:
        yield executor


def dicts(report) -> tuple[list, list, int]:
    return ([f.to_dict() for f in report.findings], [p.to_dict() for p in report.problems],
            report.files_checked)


def test_local_cluster_output_equals_serial(corpus: Path, cluster: DaskExecutor,
                                            registered: str) -> None:
    serial = lint_paths([corpus], ALL, executor=SerialExecutor())
    distributed = lint_paths([corpus], ALL, executor=cluster)
    assert dicts(distributed) == dicts(serial)
    assert any(f.code == registered for f in serial.findings)


def test_profile_is_a_tree_reduction_equal_to_serial(corpus: Path, cluster: DaskExecutor,
                                                     registered: str) -> None:
    task = Task(ConfigResolver(ALL))
    assert cluster.profile(iter_sources([corpus]), task) == \
        SerialExecutor().profile(iter_sources([corpus]), task)


@pytest.mark.parametrize("partitions", [1, 3, 7])
def test_bag_api_is_partition_independent(corpus: Path, registered: str,
                                          partitions: int) -> None:
    docs = [d for d in iter_documents([corpus]) if not hasattr(d, "code")]
    serial_profile = SerialExecutor().profile(iter_sources([corpus]), Task(ConfigResolver(ALL)))
    expected = [check_document(d, ALL, serial_profile).findings for d in docs]
    bag = db.from_sequence(docs, npartitions=partitions)
    assert profile_of(bag, ALL).compute(scheduler="sync") == serial_profile
    results = lint_bag(bag, ALL).compute(scheduler="sync")
    assert [r.findings for r in results] == expected


def test_cli_engine_dask_with_a_scheduler_address(corpus: Path, cluster: DaskExecutor,
                                                  tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from termcheck.cli import app

    runner = CliRunner()
    base = ["lint", "--isolated", "--select", "ALL", "-f", "json", str(corpus)]
    serial = runner.invoke(app, [*base, "--jobs", "1"])
    address = cluster.client.scheduler.address
    distributed = runner.invoke(app, [*base, "--engine", "dask", "--scheduler", address,
                                      "--profile", str(tmp_path / "profile.json")])
    assert distributed.exit_code == serial.exit_code == 1
    assert distributed.stdout == serial.stdout
    assert (tmp_path / "profile.json").is_file()


def test_cli_clean_on_the_cluster_writes_the_serial_tree(cluster: DaskExecutor,
                                                         tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from termcheck.cli import app

    corpus = write_clean_corpus(tmp_path / "corpus", 40)
    runner = CliRunner()

    def clean(name: str, *extra: str) -> tuple[int, str, dict[str, bytes], bytes]:
        out = tmp_path / name
        done = runner.invoke(app, ["clean", "--isolated", str(corpus), "--out", str(out),
                                   "--format", "jsonl", "--report-html",
                                   str(tmp_path / f"{name}.html"), *extra])
        return (done.exit_code, done.output, snapshot(out),
                (tmp_path / f"{name}.html").read_bytes())

    serial = clean("serial", "--jobs", "1")
    address = cluster.client.scheduler.address
    assert clean("dask", "--engine", "dask", "--scheduler", address) == serial
    records = serial[2]["documents.jsonl"].decode("utf-8")
    assert '"NM002"' in records and '"BP100"' in records


def test_ctrl_c_stops_a_local_cluster_run_without_tracebacks(tmp_path: Path) -> None:
    """Before: Ctrl-C (SIGINT to the whole process group) printed about 80 lines of tracebacks
    from the worker processes. Once started, the workers ignore SIGINT and the interrupted main
    process stops the cluster; the run ends with status 130 and says nothing more. (While the
    cluster starts, an interrupt may still make Dask log errors: that window is not tested.)"""
    import os
    import signal
    import subprocess
    import sys
    import time

    folder = tmp_path / "in"
    folder.mkdir()
    paragraph = "The alliance led by Moscow sent troops to the city on Sunday. " * 40
    for i in range(1500):  # a run of many seconds, interrupted after about one
        (folder / f"f{i:03}.txt").write_text((paragraph + "\n\n") * 20)
    main = subprocess.Popen([sys.executable, "-m", "termcheck", "lint", "--isolated", "--engine",
                             "dask", "--scheduler", "local", "-j", "2", str(folder)],
                            cwd=Path(__file__).parent.parent, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, start_new_session=True)
    deadline = time.monotonic() + 60
    while _workers_ignoring_sigint(main.pid) < 2 and time.monotonic() < deadline and \
            main.poll() is None:
        time.sleep(0.05)
    assert _workers_ignoring_sigint(main.pid) == 2, "the two workers never started"
    time.sleep(1)  # past the start: the task scattered to the workers, documents in flight
    os.killpg(main.pid, signal.SIGINT)
    _, errors = main.communicate(timeout=60)
    assert main.returncode == 130
    assert b"Traceback" not in errors and b"KeyboardInterrupt" not in errors
    assert b"CancelledError" not in errors


def _workers_ignoring_sigint(root: int) -> int:
    """How many worker processes under ``root`` (started by ``multiprocessing.spawn``) ignore
    SIGINT (``SigIgn`` in ``/proc/PID/status``)."""
    import os

    parents: dict[int, int] = {}
    ignoring: set[int] = set()
    for entry in filter(str.isdigit, os.listdir("/proc")):
        try:
            status = Path(f"/proc/{entry}/status").read_text()
        except OSError:
            continue
        fields = dict(line.split(":\t", 1) for line in status.splitlines() if ":\t" in line)
        parents[int(entry)] = int(fields.get("PPid", "0"))
        if int(fields.get("SigIgn", "0"), 16) & 1 << (2 - 1) and b"spawn_main" in \
                _command_line(entry):  # bit of signal 2, SIGINT
            ignoring.add(int(entry))
    below, pending = [], [root]
    while pending:
        pid = pending.pop()
        children = [child for child, parent in parents.items() if parent == pid]
        below += children
        pending += children
    return len([pid for pid in below if pid in ignoring])


def _command_line(pid: str) -> bytes:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return b""


def test_a_local_cluster_does_not_need_port_8787() -> None:
    """Before: with port 8787 taken (another run, any other cluster), starting the local
    cluster warned "Port 8787 is already in use" on stderr: its HTTP server now takes a free
    port of the loopback interface, and there is no dashboard."""
    import socket
    import warnings
    from contextlib import suppress

    taken = socket.socket()
    with suppress(OSError):  # if something else holds it already: the same situation
        taken.bind(("127.0.0.1", 8787))
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            with DaskExecutor("local", jobs=1) as executor:
                assert executor.client.scheduler_info()["workers"]
                server = executor._cluster.scheduler.http_server  # tornado's HTTPServer
                listening = {s.getsockname()[0] for s in server._sockets.values()}
                assert listening == {"127.0.0.1"}  # not every interface, as ":0" alone would
        assert [str(w.message) for w in caught if "8787" in str(w.message)] == []
    finally:
        taken.close()


def test_a_restarted_worker_of_the_local_cluster_still_leaves_interrupts_to_the_client(
) -> None:
    """The workers' set-up is a worker plugin: a worker that Dask restarts (after a crash, or
    here on request) ignores SIGINT too, as the first ones do."""
    import signal

    def sigint_handler() -> str:
        return str(signal.getsignal(signal.SIGINT))

    with DaskExecutor("local", jobs=1) as executor:
        assert set(executor.client.run(sigint_handler).values()) == {str(signal.SIG_IGN)}
        executor.client.restart()
        assert set(executor.client.run(sigint_handler).values()) == {str(signal.SIG_IGN)}


def log_lengths(dask_worker: Any) -> dict[str, object]:  # a distributed.Worker
    """What a worker keeps of its past: debug logs and profiles."""
    import dask

    return {"stimuli": dask_worker.state.stimulus_log.maxlen,
            "messages": dask_worker.batched_stream.recent_message_log.maxlen,
            "profile": dask.config.get("distributed.worker.profile.enabled")}


def test_the_local_cluster_keeps_short_logs_and_the_users_config_is_unchanged() -> None:
    """Before: Dask's debug logs kept the last 1,000 tasks' messages (whole partitions) in
    every process, and each worker a profile of every second: memory grew with the corpus up
    to 1,000 tasks, and with the wall time of a run. The cluster we start is made with short
    logs and no profiler; the user's own Dask config is left as it was."""
    import dask

    profiling = dask.config.get("distributed.worker.profile.enabled")
    with dask.config.set({"distributed.admin.low-level-log-length": 500}):
        with DaskExecutor("local", jobs=1) as executor:
            workers = executor.client.run(log_lengths)
            scheduler = executor._cluster.scheduler
            assert list(workers.values()) == [{"stimuli": 32, "messages": 32, "profile": False}]
            assert scheduler.transition_log.maxlen == 32
            assert {s.recent_message_log.maxlen for s in scheduler.stream_comms.values()} == {32}
            assert executor.client.scheduler_comm.recent_message_log.maxlen == 32
            assert dask.config.get("distributed.admin.low-level-log-length") == 500
        assert dask.config.get("distributed.worker.profile.enabled") == profiling


def test_on_a_users_scheduler_only_our_client_keeps_short_logs(cluster: DaskExecutor) -> None:
    """With ``--scheduler ADDRESS`` the scheduler and workers are the user's: only the log of
    our client's messages (each a partition) is short, and the user's config is unchanged."""
    import dask

    before = dask.config.get("distributed.admin.low-level-log-length")
    with DaskExecutor(cluster.client.scheduler.address) as executor:
        assert executor.client.scheduler_comm.recent_message_log.maxlen == 32
    assert dask.config.get("distributed.admin.low-level-log-length") == before


def _record_of_error_in(filename: str, function: str) -> Any:
    """A log record of the NameError raised in ``function`` of a file named ``filename``."""
    import logging
    import sys

    namespace: dict[str, Any] = {}
    exec(compile(f"def {function}():\n    return unbound_name\n", filename, "exec"), namespace)
    try:
        namespace[function]()
    except NameError:
        return logging.LogRecord("tornado.application", logging.ERROR, filename, 2,
                                 "Exception in callback", None, sys.exc_info())
    raise AssertionError("no NameError")


def test_the_error_of_an_interrupted_dask_call_is_not_logged() -> None:
    """Ctrl-C before Dask started a call of our client makes Dask's event loop log a NameError
    from its own ``cancel``: that one record is dropped, any other error is logged."""
    from termcheck.corpus.dask_engine import not_an_interrupted_sync

    dask_bug = _record_of_error_in("/site-packages/distributed/utils.py", "cancel")
    assert not_an_interrupted_sync(dask_bug) is False
    assert not_an_interrupted_sync(_record_of_error_in("/app/mine.py", "cancel")) is True
    assert not_an_interrupted_sync(_record_of_error_in("/x/distributed/utils.py", "run")) is True
