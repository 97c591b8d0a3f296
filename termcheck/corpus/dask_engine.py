"""Dask: the same collect / merge / apply functions over a ``dask.bag`` (extra ``termcheck[dask]``).

For a bag, the corpus profile is a tree reduction (``Bag.fold``: ``collect`` then ``merge`` per
partition, partial profiles merged pairwise), never a shuffle. The executor of the command line
(:class:`DaskExecutor`) streams instead: partitions are submitted as the walker reads them, at
most two per worker in flight, and the task (with its profile) is scattered once to every
worker; results come back in input order, so output is identical to the serial engine. The
cluster it starts keeps Dask's debug logs short (``_LOCAL_CLUSTER_CONFIG``), so Dask's own
bookkeeping grows neither with the number of tasks nor with the length of a run.

Library use::

    import dask.bag as db
    docs = db.from_sequence(documents, npartitions=8)
    results = lint_bag(docs, Config())            # bag of DocumentResult, lazy
    cleaned = map_bag(docs, clean_function, Config(), profile_of(docs, Config()))
"""

from __future__ import annotations

import atexit
import logging
from collections import deque
from typing import TYPE_CHECKING, Any, Callable, Iterable, Iterator

from termcheck.config import Config
from termcheck.corpus.executors import (
    Apply,
    Item,
    Profile,
    Task,
    any_corpus_rules,
    chained,
    chunked,
    collect_one,
    default_jobs,
    lint_apply,
    merge_all,
    run_one,
    useful_jobs,
    wants_profile,
)
from termcheck.document import Document
from termcheck.engine import collect_document, merge_profiles

if TYPE_CHECKING:
    import dask.bag as db

PARTITION_SIZE = 32  # documents per partition for the CLI engine


def _require_dask() -> None:
    try:
        import dask.bag  # noqa: F401
        import distributed  # noqa: F401
    except ImportError:
        raise ImportError("the dask engine needs the extra: pip install 'termcheck[dask]'") \
            from None


def _collect(doc: Document, config: Config) -> Profile:
    return collect_document(doc, config)


def profile_of(docs: db.Bag, config: Config) -> Any:
    """The corpus profile of a bag of documents, as a lazy dask ``Item`` (tree reduction)."""
    return docs.map(_collect, config).fold(merge_profiles, merge_profiles, initial={})


def map_bag(docs: db.Bag, apply: Apply, config: Config, profile: Any = None) -> db.Bag:
    """``apply(doc, config, profile)`` on every document; ``profile`` may be lazy (an Item)."""
    return docs.map(apply, config, profile)


def lint_bag(docs: db.Bag, config: Config, profile: Any = None) -> db.Bag:
    """A bag of :class:`DocumentResult`, one per document, in order (profile computed lazily)."""
    if profile is None and _has_corpus_rules(config):
        profile = profile_of(docs, config)
    return map_bag(docs, lint_apply, config, profile)


def _has_corpus_rules(config: Config) -> bool:
    from termcheck.engine import rules_for

    return any(r.corpus is not None for r in rules_for(config))


def _run_items(items: list[Item], task: Task) -> list[Any]:
    return [run_one(task, item) for item in items]


def _collect_items(items: list[Item], task: Task) -> list[Profile]:
    return [merge_all(collect_one(task, item) for item in items)]


# No dashboard, and the scheduler's small HTTP server on a free port of the loopback interface
# rather than 8787, where a second run (or any other cluster) would make it warn that the port is
# taken (":0" alone would listen on every interface).
_NO_FIXED_HTTP_PORT = {"dashboard": False, "dashboard_address": "127.0.0.1:0"}


# Dask keeps, in every process, logs of the last 1,000 messages sent, scheduler transitions,
# events and worker stimuli, for debugging Dask itself ("low-level" logs). Ours carry whole
# partitions: they filled up only after about 1,000 tasks, so memory grew from a 10 MB to a
# 100 MB corpus (by 45 MB in the main process, 40 MB per worker) before it levelled off. Each
# worker's statistical profiler (a stack sample every 10 ms, one profile a second kept, 1,000 of
# them with the default log length) grew with the wall time of a run instead, and costs CPU.
_BOUNDED_LOGS = {"distributed.admin.low-level-log-length": 32}
# For the cluster we start (scheduler, nannies and workers take the config they are made with):
# the bounded logs, no profiler, and a few minutes of system-monitor samples rather than an hour.
_LOCAL_CLUSTER_CONFIG = {**_BOUNDED_LOGS, "distributed.worker.profile.enabled": False,
                         "distributed.admin.system-monitor.log-length": 600}


def _made_with(config: dict[str, Any]) -> Any:
    """A context in which Dask objects are made with ``config``; the user's Dask config is as
    it was afterwards (every log length is read when its object is made)."""
    import dask

    return dask.config.set(config)


_TORNADO_LOG = logging.getLogger("tornado.application")


def not_an_interrupted_sync(record: logging.LogRecord) -> bool:
    """False for the error the event loop logs when Ctrl-C interrupts a call of our client
    before Dask started it (``distributed.utils.sync`` then cancels a future it has not made:
    a ``NameError`` in its ``cancel``), so an interrupted run ends without a traceback."""
    error = record.exc_info[1] if record.exc_info else None
    if not isinstance(error, NameError) or error.__traceback__ is None:
        return True
    last = error.__traceback__
    while last.tb_next is not None:
        last = last.tb_next
    code = last.tb_frame.f_code
    return not (code.co_name == "cancel" and code.co_filename.endswith(
        ("distributed/utils.py", "distributed\\utils.py")))


class DaskExecutor:
    """An executor on a Dask cluster: ``scheduler`` is an address or ``"local"``.

    ``"local"`` starts a ``distributed.LocalCluster`` of ``jobs`` single-threaded worker
    processes (all cores by default) and stops it when the executor is closed. ``setup`` (a
    picklable function) runs once on every worker, e.g. to register plug-in rules.
    """

    def __init__(self, scheduler: str = "local", jobs: int | None = None,
                 partition_size: int = PARTITION_SIZE, processes: bool = True,
                 setup: Callable[[], None] | None = None) -> None:
        _require_dask()
        self.setup = setup
        self.scheduler = scheduler
        self.jobs = jobs or default_jobs()
        self.partition_size = partition_size
        self.processes = processes
        self._client: Any = None
        self._cluster: Any = None

    @property
    def client(self) -> Any:
        if self._client is None:
            from distributed import Client, LocalCluster

            if self.scheduler == "local":
                with _made_with(_LOCAL_CLUSTER_CONFIG):
                    self._cluster = LocalCluster(n_workers=useful_jobs(self.jobs),
                                                 threads_per_worker=1, processes=self.processes,
                                                 dashboard_address=None,
                                                 scheduler_kwargs=_NO_FIXED_HTTP_PORT)
                    self._client = Client(self._cluster, set_as_default=False)
                if self.processes:
                    from termcheck.corpus.dask_worker import LeaveInterruptsToTheClient

                    self._client.register_plugin(LeaveInterruptsToTheClient())
            else:  # a user's scheduler and workers keep their config: only our client is ours
                with _made_with(_BOUNDED_LOGS):
                    self._client = Client(self.scheduler, set_as_default=False)
            atexit.register(self.close)
            _TORNADO_LOG.addFilter(not_an_interrupted_sync)  # until close()
            if self.setup is not None:
                self._client.run(self.setup)
        return self._client

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None
        if self._cluster is not None:
            self._cluster.close()
            self._cluster = None
        _TORNADO_LOG.removeFilter(not_an_interrupted_sync)

    def __enter__(self) -> DaskExecutor:
        return self

    def __exit__(self, kind: type[BaseException] | None, *exc: object) -> None:
        if kind is None or not issubclass(kind, KeyboardInterrupt):
            self.close()
            return
        logger = logging.getLogger("distributed")
        level = logger.level
        logger.setLevel(logging.CRITICAL)  # stopping busy workers is expected: no warnings
        try:
            self.close()
        finally:
            logger.setLevel(level)

    def map(self, items: Iterable[Item], task: Task) -> Iterator[Any]:
        """Partitions of ``items`` go to the cluster as they are read, at most two per worker
        in flight: the documents held do not grow with the corpus (its profile does)."""
        chunks = chunked(items, self.partition_size)
        first = next(chunks, None)
        if first is None:
            return
        shared = self.client.scatter(task, broadcast=True)  # sent once to every worker
        window: deque[Any] = deque()
        for chunk in chained([first], chunks):
            window.append(self.client.submit(_run_items, chunk, shared, pure=False))
            if len(window) >= 2 * self.jobs:
                yield from window.popleft().result()
        while window:
            yield from window.popleft().result()

    def profile(self, items: Iterable[Item], task: Task) -> Profile | None:
        """Partial profiles of partitions, computed on the cluster as the items are read and
        merged here, in place, as they come back (``merge`` is associative and commutative):
        the running total is never copied, so merging is linear in the corpus."""
        if not any_corpus_rules():
            return None
        chunks = chunked((i for i in items if wants_profile(task, i)), self.partition_size)
        first = next(chunks, None)
        if first is None:
            return None
        shared = self.client.scatter(task, broadcast=True)
        window: deque[Any] = deque()
        merged: Profile = {}
        for chunk in chained([first], chunks):
            window.append(self.client.submit(_collect_items, chunk, shared, pure=False))
            if len(window) >= 2 * self.jobs:
                merged = merge_all(window.popleft().result(), into=merged)
        while window:
            merged = merge_all(window.popleft().result(), into=merged)
        return merged
