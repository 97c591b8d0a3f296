"""Where the per-document work runs: in this process, or in a pool of worker processes.

The seam is three engine-neutral functions, all top level so that any engine can ship them:

- ``collect(doc, config) -> profile``  the corpus statistics of one document
  (:func:`termcheck.engine.collect_document`);
- ``merge(left, right) -> profile``    associative and commutative
  (:func:`termcheck.engine.merge_profiles`);
- ``apply(doc, config, profile) -> R`` the work on one document: :func:`lint_apply` for lint,
  a fix or clean function for the others.

An executor runs a :class:`Task` over a stream of sources and yields, in input order, the result
of ``apply`` for every readable document and a :class:`FileProblem` for every other input. The
serial and process executors live here; :mod:`termcheck.corpus.dask_engine` adds Dask. Another
engine (Ray, Spark) only has to run the same three functions. Executors know nothing of the
commands: :class:`termcheck.pipeline.Run` drives them, and
:func:`termcheck.pipeline.make_executor` chooses one.

Worker processes are forked on Linux when this process runs a single thread (a fork then
inherits no lock held by another thread): a pool is started after the first documents were
checked in this process, so workers inherit the imported rules, their loaded data, compiled
patterns and the corpus profile instead of building them again, or receiving the profile
pickled. While the workers of the profile pass run, this process checks its first documents
(:func:`warm_check`, results dropped), so that the workers of the check pass, forked after the
profile is merged, start with the check's data loaded too; and as each worker's statistics
arrive, this process runs their rules' ``prepare`` hooks (:func:`prepared`: NM002 analyses the
name runs), so that what the check derives from the merged profile is ready when the pass ends.
The check workers are then forked after one document (:data:`CHECK_WARM_UP`), the time in which
the other cores wait. When a pass has more chunks than ``jobs``, a forking pool has one worker
fewer: this process runs a chunk itself whenever every worker has one running and another
queued (:class:`Helping`), and hands results to its caller only then, so that its results are not
pickled, the name runs of the chunks it collected are analysed here once, and no worker runs
dry meanwhile; it warms the check only once every worker has chunks queued
for that long (:data:`MEANWHILE_AHEAD`), and the last chunks of a pass are cut smaller
(:func:`tapered`), so that the processes end together. Elsewhere, or with other threads
running, they are started with the ``forkserver`` method (``spawn`` where there is none); the
package is safe to import in a child because importing it does no work and
``python -m termcheck`` runs only under ``if __name__ == "__main__"``.
"""

from __future__ import annotations

import os
import signal
from collections import deque
from contextlib import contextmanager
from dataclasses import dataclass, replace
from functools import partial
from itertools import chain, islice
from typing import TYPE_CHECKING, Any, Callable, Iterable, Iterator, Protocol

from termcheck.config import Config, ConfigResolver
from termcheck.corpus.sources import DEFAULT_READ, ReadOptions, Source, read_document
from termcheck.document import Document
from termcheck.engine import check_document, collect_document, merge_profiles_into, rules_for
from termcheck.errors import ConfigError, DataError, InputError, TermcheckError
from termcheck.model import FileProblem

if TYPE_CHECKING:
    from concurrent.futures import Future
    from multiprocessing.context import BaseContext

Profile = dict[str, Any]
Apply = Callable[[Document, Config, "Profile | None"], Any]
Item = Source | Document | FileProblem  # a file to read in the worker, or an already-read record

CHUNK_SIZE = 32  # documents sent to a worker at once (more: the last chunks leave a worker idle)
WARM_UP = 8  # documents done in this process before forking, so that workers inherit the data
# The check pass forks after one document: its data was loaded by warm_check during the profile
# pass, and the first document builds what depends on the merged profile (the other core waits)
CHECK_WARM_UP = 1
# chunks given to each worker of the profile pass before this process warms the check, so that
# no worker waits for it meanwhile: warm_check took 100 ms on the real benchmark corpus, where a
# worker collects a chunk in about 28 ms (with 3, the worker waited ~50 ms each run)
MEANWHILE_AHEAD = 4
# chunks waiting behind the one each worker runs before this process runs one itself (it hands
# a worker its next chunk only between its own). Two instead of one: a worker waited less, but
# more chunks were pickled and analysed twice (lint -j2, wall median of 21 runs, real corpus
# 1.015 s with one, 1.037 s with two)
QUEUED_PER_WORKER = 1
PROFILE_CHUNK_FACTOR = 2  # the profile pass is cheaper per document: larger chunks, fewer merges
# the last TAPERED_CHUNKS chunks of a pass are cut into TAPER pieces each (see tapered)
TAPERED_CHUNKS = 2
TAPER = 4
WINDOW_PER_JOB = 6  # chunks' worth of items in flight per worker: bounds memory, keeps them busy
MIN_PARALLEL = 24  # fewer inputs than this run in-process (no pool start-up cost)
# more worker processes than this per usable core only add forks and memory: the work is CPU
# bound (a worker reading a file waits little); -j beyond it is capped (the CLI says so)
MAX_JOBS_PER_CORE = 2


def lint_apply(doc: Document, config: Config, profile: Profile | None) -> Any:
    """The ``apply`` function of lint: check one document."""
    return check_document(doc, config, profile)


@dataclass(frozen=True, eq=False, repr=False)
class Task:
    """What to run on every document; everything in it must be picklable."""

    resolver: ConfigResolver
    read: ReadOptions = DEFAULT_READ
    apply: Apply = lint_apply
    profile: Profile | None = None

    def with_profile(self, profile: Profile | None) -> Task:
        return replace(self, profile=profile)


class Executor(Protocol):
    """Runs a task over sources; results come back in input order."""

    def map(self, items: Iterable[Item], task: Task) -> Iterator[Any]: ...

    def profile(self, items: Iterable[Item], task: Task) -> Profile | None: ...


def wants_profile(task: Task, item: Item) -> bool:
    """True when a corpus-aware rule is enabled for this input."""
    if isinstance(item, FileProblem):
        return False
    path = doc_path(item)
    try:
        config = task.resolver.for_document(path)
    except ConfigError:  # reported by the check pass, as a problem of this input
        return False
    return bool(rules_for(config, path).corpus)


def any_corpus_rules() -> bool:
    """True when some registered rule is corpus-aware (else no profile pass is needed)."""
    from termcheck.rules.registry import all_rules

    return any(r.corpus is not None for r in all_rules())


def run_one(task: Task, item: Item) -> Any:
    """Read one source and apply the task to it; a bad input becomes a :class:`FileProblem`,
    and so does an input under a malformed configuration file (the rest of the run goes on)."""
    if isinstance(item, FileProblem):
        return item
    try:
        doc = read_item(item, task)
        config = task.resolver.for_document(doc.path)
    except InputError as exc:
        return FileProblem(exc.path or doc_path(item), exc.code, exc.message)
    except ConfigError as exc:
        return FileProblem(doc_path(item), "TC-CONFIG", str(exc))
    try:
        return task.apply(doc, config, task.profile)
    except DataError as exc:  # named by a configuration found while walking: its files only
        return FileProblem(doc_path(item), "TC-CONFIG", str(exc))


def read_item(item: Source | Document, task: Task) -> Document:
    """The document of an item: read and decoded here for a source, as is for a document."""
    return item if isinstance(item, Document) else read_document(item, task.read)


def doc_path(item: Source | Document) -> str:
    return item.path if isinstance(item, Document) else item.display


def collect_one(task: Task, item: Item) -> Profile:
    """The corpus statistics of one source ({} for a bad input)."""
    if isinstance(item, FileProblem):
        return {}
    try:
        doc = read_item(item, task)
        return collect_document(doc, task.resolver.for_document(doc.path))
    except (InputError, DataError):  # reported by the check pass, as a problem of this input
        return {}


def warm_check(task: Task, items: list[Item]) -> None:
    """Check ``items`` here and drop the results: the rules load their data and compile their
    patterns, so that the workers of the check pass, forked from this process, inherit them.
    Run during the profile pass, while this process waits for its workers, it takes the
    first-use costs of the check (a third of a second on a corpus) off the critical path."""
    for item in items:
        if isinstance(item, FileProblem):
            continue
        try:
            doc = read_item(item, task)
            check_document(doc, task.resolver.for_path(doc.path))
        except (InputError, ConfigError, DataError):  # the check pass reports them
            continue
    warm_rules(task, items)


def warm_rules(task: Task, items: list[Item], corpus_only: bool = False) -> None:
    """Run the ``warm`` hook of each rule enabled for the first of ``items`` (``corpus_only``:
    of each corpus-aware one, all that a profile worker runs): what the check loads only for
    some texts (ftfy for mojibake, NM002's patterns for long texts) is then loaded once, here,
    instead of once in every check worker."""
    from termcheck.context import SHARED_RESOURCES

    path = next((doc_path(i) for i in items if not isinstance(i, FileProblem)), None)
    if path is None:
        return
    try:
        rules = rules_for(task.resolver.for_path(path), path)
    except ConfigError:
        return
    for rule in rules:
        if rule.warm is not None and (rule.corpus is not None or not corpus_only):
            try:
                rule.warm(SHARED_RESOURCES)
            except Exception:  # the check loads it again, and reports a failure there
                continue


def prepared(profile: Profile) -> Profile:
    """``profile`` (a worker's statistics), after the ``prepare`` hook of each of its rules
    loaded here what the check will derive from it (see
    :class:`~termcheck.rules.registry.CorpusHooks`); a failing hook only leaves that to the
    check."""
    from termcheck.context import SHARED_RESOURCES
    from termcheck.rules.registry import corpus_hooks

    for code, stats in profile.items():
        hooks = corpus_hooks(code)
        if hooks is not None and hooks.prepare is not None:
            try:
                hooks.prepare(stats, SHARED_RESOURCES)
            except Exception:  # the check computes it again, and reports a failure there
                continue
    return profile


def merge_all(profiles: Iterable[Profile], into: Profile | None = None) -> Profile:
    """Merge profiles one by one into ``into`` (a running total the caller owns; by default a
    new profile), in place: linear in their total size, the total never copied."""
    merged: Profile = {} if into is None else into
    for profile in profiles:
        merged = merge_profiles_into(merged, profile)
    return merged


class SerialExecutor:
    """Everything in this process, one document after the other (``--jobs 1``)."""

    def map(self, items: Iterable[Item], task: Task) -> Iterator[Any]:
        for item in items:
            yield run_one(task, item)

    def profile(self, items: Iterable[Item], task: Task) -> Profile | None:
        if not any_corpus_rules():
            return None
        wanted = (i for i in items if wants_profile(task, i))
        first = next(wanted, None)  # items are never listed: a JSONL corpus can be large
        if first is None:
            return None
        return merge_all(collect_one(task, i) for i in chain([first], wanted))


# Worker side: the task arrives once per worker (initializer), chunks carry only sources.
_WORKER_TASK: Task | None = None


def _init_worker(task: Task, setup: Callable[[], None] | None, prepares: bool = False) -> None:
    """A worker's start; ``prepares``: the main process runs the ``prepare`` hooks on this
    worker's results (:func:`prepared`), so its collect need not load what they load."""
    from termcheck.context import PREPARED_ELSEWHERE, SHARED_RESOURCES
    from termcheck.corpus.lifeline import die_with_parent

    global _WORKER_TASK
    die_with_parent()
    signal.signal(signal.SIGINT, _leave_quietly)  # Ctrl-C reaches the whole process group
    _WORKER_TASK = task
    if prepares:
        SHARED_RESOURCES.put(PREPARED_ELSEWHERE, True)
    if setup is not None:
        setup()


def _leave_quietly(signum: int, frame: Any) -> None:
    """A worker's SIGINT: end at once, without a traceback (the main process, interrupted by
    the same Ctrl-C, reports it; workers write nothing, so nothing is left half done)."""
    os._exit(128 + signum)


def _run_chunk(chunk: list[Item]) -> list[Any]:
    assert _WORKER_TASK is not None
    return [run_one(_WORKER_TASK, item) for item in chunk]


def _collect_chunk(chunk: list[Item]) -> Profile:
    assert _WORKER_TASK is not None
    return merge_all(collect_one(_WORKER_TASK, item) for item in chunk)


def default_jobs() -> int:
    """Every core this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return max(1, os.cpu_count() or 1)


def max_jobs() -> int:
    """The most worker processes a run starts on this machine (:data:`MAX_JOBS_PER_CORE` a
    usable core)."""
    return MAX_JOBS_PER_CORE * default_jobs()


def useful_jobs(jobs: int | None) -> int:
    """``jobs`` (``None``: every core), at most :func:`max_jobs`."""
    return min(jobs or default_jobs(), max_jobs())


def can_fork() -> bool:
    """Whether workers may be forked from this process: on Linux, with no other thread running
    (a thread could hold a lock that the child would inherit held)."""
    import sys
    import threading

    return sys.platform.startswith("linux") and threading.active_count() == 1


def mp_context(fork: bool = False) -> BaseContext:
    """``fork`` when asked (see :func:`can_fork`), else ``forkserver`` (preloading this
    module, so workers start warm) or ``spawn``."""
    import multiprocessing

    from termcheck.corpus.lifeline import mark_main_process

    mark_main_process()  # the forkserver, or forked workers, die with this process (lifeline)
    if fork:
        return multiprocessing.get_context("fork")
    if "forkserver" in multiprocessing.get_all_start_methods():
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(["termcheck.corpus.executors",
                                        "termcheck.corpus.lifeline"])
        return context
    return multiprocessing.get_context("spawn")


class ProcessExecutor:
    """Documents in chunks on ``jobs`` processes (forked, with more chunks than jobs: this process
    and ``jobs - 1`` workers); results in input order.

    At most ``jobs * WINDOW_PER_JOB`` chunks' worth of documents are in flight, so memory does
    not grow with the number of documents. Runs fewer than :data:`MIN_PARALLEL` inputs
    in-process. A pass starts no more workers than it has chunks, and ``jobs`` is capped at
    :func:`max_jobs`. ``setup`` (a picklable function) runs once in each worker, e.g. to register
    plug-in rules.
    """

    def __init__(self, jobs: int | None = None, chunk_size: int = CHUNK_SIZE,
                 min_parallel: int = MIN_PARALLEL, setup: Callable[[], None] | None = None
                 ) -> None:
        self.jobs = useful_jobs(jobs)
        self.chunk_size = chunk_size
        self.min_parallel = min_parallel
        self.setup = setup

    def map(self, items: Iterable[Item], task: Task) -> Iterator[Any]:
        iterator = iter(items)
        head = list(islice(iterator, self.min_parallel))
        if len(head) < self.min_parallel or self.jobs == 1:
            yield from SerialExecutor().map(chained(head, iterator), task)
            return
        for results in self._pooled(chained(head, iterator), self.chunk_size, task, _run_chunk,
                                    warm_up=CHECK_WARM_UP):
            yield from results

    def profile(self, items: Iterable[Item], task: Task) -> Profile | None:
        if not any_corpus_rules():
            return None
        wanted = (i for i in items if wants_profile(task, i))
        head = list(islice(wanted, self.min_parallel))
        if not head:
            return None
        if len(head) < self.min_parallel or self.jobs == 1:
            return SerialExecutor().profile(chained(head, wanted), task)
        size = self.chunk_size * PROFILE_CHUNK_FACTOR
        forks = self._forks()
        partials = self._pooled(chained(head, wanted), size, task, _collect_chunk,
                                partial(warm_check, task), warm_corpus_only=True,
                                prepares=forks)
        return merge_all(map(prepared, partials) if forks else partials)

    def _forks(self) -> bool:
        """Whether workers are forked from this process (see :func:`can_fork`)."""
        return can_fork() and self.setup is None

    def _pooled(self, items: Iterator[Item], size: int, task: Task,
                function: Callable[[list[Item]], Any],
                meanwhile: Callable[[list[Item]], None] | None = None,
                warm_up: int = WARM_UP, warm_corpus_only: bool = False,
                prepares: bool = False) -> Iterator[Any]:
        """``function`` of each chunk of ``size`` items, in order, from a pool of workers.

        Workers forked from this process start after it ran ``function`` on the first items
        (the warm-up) and the rules' ``warm`` hooks (``warm_corpus_only``: those of the corpus
        rules, which the profile workers run; ``meanwhile`` warms the others after the fork, off
        the path where the other cores wait); ``meanwhile`` then runs here on those items once
        every worker has :data:`MEANWHILE_AHEAD` chunks, as this process would otherwise only
        wait for them, and they must not wait for it. When there are more chunks
        than ``jobs``, a forking pool has one worker fewer: this process is the last one, and
        runs a chunk itself whenever every worker has one running and
        :data:`QUEUED_PER_WORKER` queued (:class:`Helping`), and yields results only then (or
        when the window is full), so that no worker runs dry while the caller uses them.
        ``prepares``: this process runs the ``prepare`` hooks on the workers' results.
        """
        from concurrent.futures import ProcessPoolExecutor

        global _WORKER_TASK
        fork, forks = can_fork(), self._forks()
        first: list[Item] = []
        if forks:  # workers fork from a process that has loaded the data
            with _as_worker(task):
                first = list(islice(items, warm_up))
                # before the fork: loaded once, not in every worker
                warm_rules(task, first, corpus_only=warm_corpus_only)
                result = function(first)
            yield result
        if not first:  # nothing was warmed up here: nothing to do meanwhile
            meanwhile = None
        chunks = chunked(items, size)
        ahead = list(islice(chunks, self.jobs + 1))  # no more workers than chunks to give them
        # with a chunk or less per job, a worker each runs them all at once: no help needed
        helping = Helping(task, function) if forks and 1 < self.jobs < len(ahead) else None
        workers = max(1, min(len(ahead), self.jobs) - (helping is not None))
        window: deque[Future[Any] | Done] = deque()
        sizes: deque[int] = deque()  # the items of each chunk in the window
        limit = workers * WINDOW_PER_JOB * size  # items in flight: tapered chunks count less
        # more chunks than jobs: the last ones smaller, so that no process ends alone on one
        given = chain(ahead, chunks)
        if len(ahead) > self.jobs:
            given = tapered(given)
        with ProcessPoolExecutor(workers, mp_context(fork), _init_worker,
                                 (task, self.setup, prepares)) as pool, _worker_deaths():
            for chunk in given:
                if helping is not None and meanwhile is None and helping.busy(window, workers):
                    window.append(helping.run(chunk))
                else:
                    window.append(pool.submit(function, chunk))
                sizes.append(len(chunk))
                if meanwhile is not None and len(window) >= workers * MEANWHILE_AHEAD:
                    meanwhile(first)  # the workers have work for as long as it takes
                    meanwhile = None
                # results go to the caller (who merges or renders them meanwhile) only while
                # every worker has its chunks queued, or when the window is full
                while window and (sum(sizes) >= limit or (window[0].done() and (
                        helping is None or helping.busy(window, workers)))):
                    sizes.popleft()
                    yield window.popleft().result()
            if meanwhile is not None:
                meanwhile(first)
            while window:
                yield window.popleft().result()


@dataclass(frozen=True, eq=False, repr=False)
class Done:
    """The result of a chunk run in this process, queued among the workers' futures; like a
    future, it raises the chunk's error only when its turn comes (the chunks before it are
    reported first)."""

    value: Any = None
    error: Exception | None = None

    def done(self) -> bool:
        return True

    def result(self) -> Any:
        if self.error is not None:
            raise self.error
        return self.value


@dataclass(frozen=True, eq=False, repr=False)
class Helping:
    """This process as the last worker of a forking pool: its results need no pickling, and
    what its chunks load (NM002's analysed name runs) is already here when the pass ends."""

    task: Task
    function: Callable[[list[Item]], Any]

    def busy(self, window: deque[Future[Any] | Done], workers: int) -> bool:
        """Whether every worker has a chunk running and :data:`QUEUED_PER_WORKER` queued."""
        pending = sum(not f.done() for f in window if not isinstance(f, Done))
        return pending >= (1 + QUEUED_PER_WORKER) * workers

    def run(self, chunk: list[Item]) -> Done:
        try:
            with _as_worker(self.task):
                return Done(self.function(chunk))
        except Exception as exc:  # raised in its turn, as the error of a worker's chunk is
            return Done(error=exc)


@contextmanager
def _as_worker(task: Task) -> Iterator[None]:
    """Run chunk functions (:func:`_run_chunk`, :func:`_collect_chunk`) in this process: they
    read the task a worker gets from its initializer."""
    global _WORKER_TASK
    _WORKER_TASK = task
    try:
        yield
    finally:
        _WORKER_TASK = None


class WorkerDied(TermcheckError):
    """A worker process died (killed, out of memory): the run cannot finish."""


@contextmanager
def _worker_deaths() -> Iterator[None]:
    from concurrent.futures.process import BrokenProcessPool

    try:
        yield
    except BrokenProcessPool:
        raise WorkerDied("a worker process died (killed, or out of memory); the run stopped",
                         code="TC-WORKER") from None


def chained(head: list[Item], rest: Iterator[Item]) -> Iterator[Item]:
    yield from head
    yield from rest


def tapered(chunks: Iterable[list[Item]], pieces: int = TAPER) -> Iterator[list[Item]]:
    """``chunks``, the last :data:`TAPERED_CHUNKS` of them each cut into ``pieces``: a pass
    ends when its last process is done, and a process that takes the last whole chunk while
    another has one queued leaves the others waiting up to a chunk's time. Reads that many
    chunks ahead (the memory of the window is bounded all the same)."""
    held: deque[list[Item]] = deque()
    for chunk in chunks:
        held.append(chunk)
        if len(held) > TAPERED_CHUNKS:
            yield held.popleft()
    for chunk in held:
        step = -(-len(chunk) // pieces)  # ceil: never more than ``pieces`` pieces
        for start in range(0, len(chunk), step):
            yield chunk[start:start + step]


def chunked(items: Iterable[Item], size: int) -> Iterator[list[Item]]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk
