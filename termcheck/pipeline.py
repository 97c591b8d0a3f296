"""The one pipeline of every command: walk → (profile) → apply → sink.

- :func:`walk` turns paths (files, directories, JSONL files) into :class:`WorkItem` objects: a
  file to read where it is processed, a document (a JSONL record), or a :class:`FileProblem`
  for an input that cannot be read. Every command walks with the same skip and exclude rules;
  a :class:`Walk` says only what differs (which suffixes, what a JSONL file is to the command).
- :class:`Run` is a resolver, an ``apply`` function and an executor: it computes the corpus
  profile when a selected rule needs one (or reuses ``profile_file``), maps ``apply`` over the
  items on the executor and yields ``(item, outcome)`` in input order. Nothing is held but the
  executor's window, so a run of any size streams.
- Lint, ``lint --fix``, ``clean`` and bilingual runs differ only in their ``apply``
  (:func:`~termcheck.corpus.executors.lint_apply`, :func:`termcheck.clean.fix_apply`,
  :func:`termcheck.clean.clean_apply`, :func:`termcheck.bilingual.bilingual_apply`) and in their
  sink (a report stream, files rewritten in place, a mirrored tree or JSONL with a ledger).
"""

from __future__ import annotations

import os
from collections import deque
from dataclasses import dataclass, field
from itertools import count, pairwise
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterable, Iterator, Sequence

from termcheck import heap
from termcheck.config import ConfigResolver
from termcheck.context import SHARED_RESOURCES, Context, Resources
from termcheck.corpus.executors import (
    Apply,
    Executor,
    Item,
    Profile,
    SerialExecutor,
    Task,
    default_jobs,
    lint_apply,
)
from termcheck.corpus.sources import (
    CORPUS_SUFFIXES,
    DEFAULT_READ,
    TEXT_SUFFIXES,
    ReadOptions,
    Source,
    iter_sources,
    path_list,
)
from termcheck.document import Document
from termcheck.model import FileProblem, Finding

if TYPE_CHECKING:
    from termcheck.config import Config

JSONL_READ = "read"  # a JSONL file's records are documents (lint)
JSONL_KEEP = "keep"  # ... and keep every field, to be written back (clean)

Watch = Callable[[str, Iterator[Any]], Iterator[Any]]  # (pass label, items) -> the same items


@dataclass(frozen=True)
class Walk:
    """What a command reads: the same walker, with what differs between commands said here."""

    read: ReadOptions = DEFAULT_READ
    suffixes: tuple[str, ...] = CORPUS_SUFFIXES  # searched for in directories (--extension wins)
    jsonl: str = JSONL_READ
    skip_under: str | None = None  # a real directory whose files are left out (clean's --out)
    # each real file once, where it is first named: a file fixed twice would lose the first
    # fix, a file cleaned twice would be written to two places, a file linted twice reported twice
    once: bool = True
    mirror: bool = False  # files named together are mirrored from their common folder (clean)


@dataclass(frozen=True)
class WorkItem:
    """One unit of work and the input file it comes from (``None``: a problem of a path)."""

    origin: Source | None
    item: Item


def walk(paths: str | os.PathLike[str] | Iterable[str | Path], how: Walk = Walk()
         ) -> Iterator[WorkItem]:
    """The work items of ``paths``, lazily, in input order: a file is one item (read where it
    is processed), a JSONL file one document per record (read here, a record at a time), an
    input that cannot be read one problem. Files whose absolute path is in ``read.exclude`` and
    files under ``skip_under`` are left out."""
    from termcheck.corpus.jsonl import is_jsonl, iter_jsonl

    read = how.read
    paths = path_list(paths)
    common = files_root(paths) if how.mirror else None
    # a set of every file's real path grows with the corpus (about 130 bytes a file): kept
    # only when a file may be reached twice
    seen: set[str] | None = set() if how.once and may_repeat(paths) else None
    real_path_of = RealPaths()
    for item in iter_sources(paths, read.extensions or how.suffixes, read.exclude):
        if isinstance(item, Source) and common is not None and \
                os.fspath(item.location) == os.fspath(item.root):  # a file named by itself
            item = Source(item.display, os.path.abspath(item.location), common)
        if isinstance(item, FileProblem):
            yield WorkItem(None, item)
            continue
        if how.skip_under is not None and _inside(real_path_of(item.location), how.skip_under):
            continue
        if seen is not None:
            real = real_path_of(item.location)
            if real in seen:
                continue
            seen.add(real)
        if not is_jsonl(item.location):
            yield WorkItem(item, item)
        else:
            for record in iter_jsonl(item.path, item.display, read.text_field, read.id_field,
                                     item.relative.as_posix(), keep_records=how.jsonl ==
                                     JSONL_KEEP):
                yield WorkItem(item, record)


def may_repeat(paths: Sequence[str | os.PathLike[str]]) -> bool:
    """Whether a walk of ``paths`` may reach one real file twice: two inputs that are, or hold,
    the same file or folder, or a symbolic link under a folder input (a linked file or folder
    may lead to a file the walk also reaches by its own path). Without either, every file the
    walk yields has a path of its own, so that no record of the files seen is needed."""
    # in the order of their components, an input is followed by the inputs inside it
    reals = sorted((real_path(path) for path in paths), key=lambda real: real.split(os.sep))
    if any(later == earlier or _inside(later, earlier)
           for earlier, later in pairwise(reals)):
        return True
    return any(_links_under(real) for real in reals if os.path.isdir(real))


def _links_under(directory: str) -> bool:
    """Whether a symbolic link is among the entries the walker reads under ``directory``
    (hidden names are never walked); one ``scandir`` per folder, no ``stat`` per file."""
    stack = [directory]
    while stack:
        try:
            entries = list(os.scandir(stack.pop()))
        except OSError:  # the walk reports it
            continue
        for entry in entries:
            if entry.name.startswith("."):
                continue
            try:
                if entry.is_symlink():
                    return True
                if entry.is_dir():  # not a link: its own folder
                    stack.append(entry.path)
            except OSError:  # it may be a link: remember the files seen, as before
                return True
    return False


class RealPaths:
    """``os.path.realpath`` of the files of one walk at the cost of one ``lstat`` per file:
    the real path of each folder is looked up once (``realpath`` checks every component of
    every path, and a walk lists many files per folder)."""

    def __init__(self) -> None:
        self._folders: dict[str, str] = {}

    def __call__(self, path: str | os.PathLike[str]) -> str:
        path = os.fspath(path)
        folder, name = os.path.split(path)
        if name in ("", ".", "..") or os.path.islink(path):
            return os.path.realpath(path)
        real_folder = self._folders.get(folder)
        if real_folder is None:
            real_folder = self._folders[folder] = os.path.realpath(folder)
        return os.path.join(real_folder, name)


def documents(paths: str | os.PathLike[str] | Iterable[str | Path],
              how: Walk = Walk(suffixes=TEXT_SUFFIXES)) -> Iterator[Document | FileProblem]:
    """The documents of :func:`walk`, read and decoded here (a problem for every input that
    cannot be read): for a caller that wants the texts themselves, such as ``glossary
    suggest``. Directories are searched for ``*.txt`` and ``*.md`` unless ``how`` says more."""
    from termcheck.corpus.sources import read_document
    from termcheck.errors import InputError

    for work in walk(paths, how):
        if not isinstance(work.item, Source):
            yield work.item
            continue
        try:
            yield read_document(work.item, how.read)
        except InputError as exc:
            yield FileProblem(work.item.display, exc.code, exc.message)


def files_root(paths: list[str | Path]) -> Path | None:
    """Where files named together are mirrored from: their common parent folder, so that
    ``a/x.txt b/x.txt`` become ``OUT/a/x.txt`` and ``OUT/b/x.txt`` (``None``: one file or none,
    mirrored by its name)."""
    files = [os.path.abspath(p) for p in paths if os.path.isfile(p)]
    if len(files) < 2:
        return None
    return Path(os.path.commonpath([os.path.dirname(f) for f in files]))


def output_conflict(paths: Iterable[str | Path], out_dir: str | Path | None,
                    outputs: dict[str, str | Path | None]) -> str | None:
    """Why a run must not start (``None``: it may): an output file (``outputs``: by the option
    that names it) would replace an input or another output of the same run: it is a file named
    as an input, lies inside an input folder (which the run walks), inside ``out_dir`` (the
    run's own output tree), or is the same file as another output. Devices and FIFOs
    (``/dev/null``) are written through and never conflict."""
    paths = list(paths)
    named = {real_path(path) for path in paths if os.path.isfile(path)}
    folders = [(path, real_path(path)) for path in paths if os.path.isdir(path)]
    taken: dict[str, str] = {}
    for flag, output in outputs.items():
        if output is None or _is_stream(output):
            continue
        real = real_path(output)
        if real in named:
            return f"{flag} {output} is also an input; choose another file"
        for folder, folder_real in folders:
            if _inside(real, folder_real):
                return f"{flag} {output} lies inside the input folder {folder}; choose a file " \
                    "outside it"
        if out_dir is not None and _inside(real, real_path(out_dir)):
            return f"{flag} {output} lies inside --out {out_dir}, where this run writes; choose " \
                "a file outside it"
        if real in taken:
            return f"{flag} {output} is also {taken[real]}; choose another file"
        taken[real] = flag
    return None


def _is_stream(path: str | Path) -> bool:
    """A device or FIFO such as ``/dev/null`` or ``/dev/stdout``."""
    try:
        return os.path.exists(path) and not os.path.isfile(path) and not os.path.isdir(path)
    except OSError:
        return False


def real_path(path: str | Path) -> str:
    """``path`` with links resolved (as written, made absolute, when a link cannot be read)."""
    try:
        return os.path.realpath(path)
    except OSError:
        return os.path.abspath(path)


def _inside(path: str, directory: str) -> bool:
    from termcheck.fileio import is_inside

    return is_inside(path, directory)


def count_inputs(paths: Iterable[str | Path], how: Walk = Walk()) -> int:
    """How many input files a run will read (the total of a progress bar)."""
    read = how.read
    return sum(1 for item in iter_sources(path_list(paths), read.extensions or how.suffixes,
                                          read.exclude) if isinstance(item, Source))


@dataclass
class Run:
    """A resolver, an ``apply`` and an executor: the one orchestrator of every command.

    ``profile`` skips the profile pass; ``profile_file`` reuses the profile saved there (or saves
    the one computed, when the file does not exist yet). ``watch`` sees the items of each pass
    go by, labelled ``"profile"`` and ``"check"`` (a progress bar).
    """

    resolver: ConfigResolver
    apply: Apply = lint_apply
    executor: Executor = field(default_factory=SerialExecutor)
    read: ReadOptions = DEFAULT_READ
    profile: Profile | None = None
    profile_file: Path | None = None
    watch: Watch | None = None

    @property
    def task(self) -> Task:
        return Task(self.resolver, self.read, self.apply, self.profile)

    def stream(self, items: Callable[[], Iterable[WorkItem]], named: Sequence[str | Path] = ()
               ) -> Iterator[tuple[WorkItem, Any]]:
        """``(item, outcome)`` for every item of ``items()``, in input order: ``apply``'s
        result, or a :class:`FileProblem` for an input that could not be read.

        ``items`` is called once for the profile pass (when one is needed) and once for the
        check. ``named`` are the paths given by the user: a malformed configuration or data
        file of theirs is an error of the run, raised here, before any outcome.
        """
        task = self.task
        if task.profile is None:  # now, not at the first outcome: errors come before output
            task = task.with_profile(self.corpus_profile(items, named, task))
        return self._outcomes(items, task)

    def _outcomes(self, items: Callable[[], Iterable[WorkItem]], task: Task
                  ) -> Iterator[tuple[WorkItem, Any]]:
        pending: deque[WorkItem] = deque()

        def fed() -> Iterator[Item]:
            for work in heap.trimming(self._watched("check", iter(items()))):
                pending.append(work)
                yield work.item

        for outcome in self.executor.map(fed(), task):
            yield pending.popleft(), outcome

    def _watched(self, label: str, items: Iterator[Any]) -> Iterator[Any]:
        return self.watch(label, items) if self.watch is not None else items

    def corpus_profile(self, items: Callable[[], Iterable[WorkItem]],
                       named: Sequence[str | Path], task: Task) -> Profile | None:
        """The merged corpus profile (``None`` when no corpus-wide rule is on)."""
        from termcheck.corpus import profile as stored
        from termcheck.engine import profile_for_check

        for config in {id(c): c for c in map(task.resolver.for_path, named)}.values():
            load_configured_data(config)  # a bad data file of a named path: an error of the run
        wanted = corpus_rule_codes(named, task.resolver)
        if self.profile_file is not None and self.profile_file.is_file():
            return profile_for_check(stored.load(self.profile_file, wanted))
        counter = count()  # zip takes one number per item passed, none at the end
        passed = (work.item for work, _ in zip(
            heap.trimming(self._watched("profile", iter(items()))), counter))
        profile = self.executor.profile(passed, task)
        if next(counter) >= heap.CLEAR_FREE_LISTS_AFTER:
            heap.clear_free_lists()  # what a long pass left there serves the reduction and check
        if self.profile_file is not None:
            stored.save(profile or {}, self.profile_file, wanted)
        reduced = profile_for_check(profile)
        del profile
        heap.trim_heap()  # the full profile's counts are freed: their pages go back to the system
        return reduced


def corpus_rule_codes(paths: Iterable[str | Path], resolver: ConfigResolver) -> set[str]:
    """Codes of the corpus-wide rules enabled for any of ``paths`` (as named). A malformed
    configuration of a named path is an error of the run; one found deeper, while walking, is a
    TC-CONFIG problem of each input under it (:func:`termcheck.corpus.executors.run_one`)."""
    from termcheck.engine import rules_for

    return {r.code for path in paths for r in rules_for(resolver.for_path(path), str(path))
            if r.corpus is not None}


def load_configured_data(config: Config, resources: Resources = SHARED_RESOURCES) -> None:
    """Load the data files ``config`` names (glossaries, boilerplate lists, quote conventions,
    ignore file) once; :class:`DataError` names the first that is missing or malformed."""
    from termcheck.engine import _ignore_list
    from termcheck.quoting import conventions
    from termcheck.rules.boilerplate import boilerplate_for
    from termcheck.rules.kinds import glossary_for

    context = Context(config, resources)
    if config.glossaries:
        glossary_for(context)
    if config.boilerplate:
        boilerplate_for(context)
    if config.option("quote-conventions"):
        conventions(context)
    _ignore_list(config, resources)


def outcomes_only(pairs: Iterable[tuple[WorkItem, Any]]) -> Iterator[Any]:
    """The outcomes of :meth:`Run.stream`, without their items."""
    return (outcome for _, outcome in pairs)


# --- apply functions shared by the lint-like commands (top level: shipped to workers) -------


def rendering(render: Callable[[list[Finding]], str], apply: Apply, doc: Document,
              config: Config, profile: Profile | None) -> Any:
    """``apply``'s result with its findings rendered by ``render`` where the document was
    checked: ``result.rendered`` and ``result.counted`` replace ``result.findings`` (less to
    send back from a worker; a result without findings keeps its empty list and carries no
    counts); use with partial."""
    result = apply(doc, config, profile)
    result.rendered = render(result.findings)
    if not result.findings:  # most documents: nothing to count
        return result
    from termcheck.tally import kinds_of

    result.counted = kinds_of(result.findings)
    result.findings = []
    return result


def keeping_text(apply: Apply, doc: Document, config: Config, profile: Profile | None) -> Any:
    """``apply``'s result carrying the checked text too (for HTML, SARIF); use with partial."""
    result = apply(doc, config, profile)
    result.text = doc.text
    return result


def make_executor(jobs: int | None = None, engine: str = "local",
                  scheduler: str | None = None) -> Executor:
    """The executor for ``--jobs`` / ``--engine`` / ``--scheduler`` (jobs ``None``: all cores)."""
    from termcheck.corpus.executors import ProcessExecutor

    if engine == "dask":
        from termcheck.corpus.dask_engine import DaskExecutor

        return DaskExecutor(scheduler or "local", jobs)
    if engine != "local":
        raise ValueError(f"unknown engine {engine!r}; choose local or dask")
    jobs = jobs or default_jobs()
    return SerialExecutor() if jobs == 1 else ProcessExecutor(jobs)
