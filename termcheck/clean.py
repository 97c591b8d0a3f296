"""Fixing files in place (``lint --fix``) and writing a cleaned corpus with a ledger (``clean``).

Clean policy: ``clean`` runs the fix loop with every *safe* fix, plus every fix of a default-on
rule of the ``boilerplate`` category that only deletes text, whatever its applicability (a
boilerplate line is deleted even when its rule marks the deletion unsafe, because removing chrome
is what cleaning is for, and the ledger keeps every deleted character). An opt-in rule (off by
default: below the precision bar, such as the BP003 classifier) gets only its safe fixes.
``unsafe=True`` adds every other unsafe fix. Display-only fixes are never applied. Each
document's ledger lists every changed span with its original offsets, the removed text, the rule
codes and reasons, so that ``edits.restore(cleaned, ledger)`` gives the original back.
"""

from __future__ import annotations

import contextlib
import difflib
import os
import re
from collections import Counter
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterable, Iterator

from termcheck.config import Config, ConfigResolver
from termcheck.corpus.executors import SerialExecutor
from termcheck.corpus.jsonl import NO_TEXT
from termcheck.corpus.sources import (
    CORPUS_SUFFIXES,
    DEFAULT_READ,
    LEDGER_NAME,
    LOSSY_DECODE,
    OUTPUT_MANIFEST,
    ReadOptions,
    Source,
    path_list,
)
from termcheck.document import Document
from termcheck.engine import (
    FixFilter,
    FixResult,
    allow_applicability,
    fix_document,
)
from termcheck.errors import TermcheckError
from termcheck.fileio import atomic_write_bytes, is_inside
from termcheck.model import Applicability, FileProblem, Finding

if TYPE_CHECKING:
    from termcheck.corpus.executors import Executor
    from termcheck.pipeline import Watch
    from termcheck.report.html import CleanView

TEXTS_JSONL = "documents.jsonl"  # where --format jsonl puts the documents of plain-text inputs
LEDGER_JSONL = LEDGER_NAME  # the ledger of a plain-text output tree
Progress = Callable[[int, int], None]  # (sources done, sources in total)


class CleanError(TermcheckError):
    """A clean run that must not start (unsafe output directory, bad options)."""


def clean_filter(unsafe: bool = False) -> FixFilter:
    """Safe fixes, the unsafe deletions of the boilerplate rules that are on by default (they
    met the precision bar), and every unsafe fix if asked; never a display-only one."""
    base = allow_applicability(unsafe)

    def allow(finding: Finding) -> bool:
        if base(finding):
            return True
        fix = finding.fix
        return (fix is not None and finding.category == "boilerplate"
                and fix.applicability == Applicability.UNSAFE
                and all(edit.replacement == "" for edit in fix.edits)
                and _meets_the_precision_bar(finding.code))

    return allow


def _meets_the_precision_bar(code: str) -> bool:
    """Whether a rule is on by default: an opt-in rule (below the 90 % precision a default rule
    needs, e.g. a classifier) is a guess, and ``clean`` applies its unsafe fixes only when
    ``--unsafe-fixes`` asks for them."""
    from termcheck.rules.registry import get_rule

    found = get_rule(code)
    return found is not None and found.default


# --- lint --fix ---------------------------------------------------------------------------------


@dataclass
class FileFix:
    """The fix loop's outcome for one file, and whether it was written."""

    source: Source
    result: FixResult
    written: bool = False
    record: bool = False  # a record of the JSONL file ``source``: never rewritten in place

    @property
    def display(self) -> str:
        """The name of the file in messages (``FILE#LINE`` for a JSONL record)."""
        return self.result.original.path if self.record else self.source.display

    @property
    def left(self) -> list[Finding]:
        """The findings the file on disk still has: those left after the fixes when it was
        rewritten (or needed no change), all of its findings when it was not rewritten."""
        if self.written or not self.result.changed:
            return self.result.remaining
        return self.result.found

    def diff(self) -> str:
        """A unified diff of the file before and after its fixes ("" when unchanged)."""
        if not self.result.changed:
            return ""
        lines = difflib.unified_diff(self.result.original.text.splitlines(keepends=True),
                                     self.result.text.splitlines(keepends=True),
                                     fromfile=self.source.display, tofile=self.source.display)
        return "".join(line if line.endswith(("\n", "\r")) else line + "\n\\ No newline at end "
                       "of file\n" for line in lines)


@dataclass
class FixRun:
    """Everything a ``lint --fix`` run did."""

    files: list[FileFix] = field(default_factory=list)
    problems: list[FileProblem] = field(default_factory=list)
    files_checked: int = 0

    @property
    def remaining(self) -> list[Finding]:
        return [f for item in self.files for f in item.left]

    @property
    def changed(self) -> list[FileFix]:
        return [item for item in self.files if item.result.changed]


def fix_apply(doc: Document, config: Config, profile: dict[str, Any] | None,
              unsafe: bool = False) -> FixResult:
    """The ``apply`` function of ``lint --fix``: the fix loop with safe (``unsafe``: all) fixes.

    ``original`` is a copy of the document without the caches the rules filled (lighter to send
    back from a worker).
    """
    result = fix_document(doc, config, allow_applicability(unsafe), profile)
    return replace(result, original=replace(doc))


def iter_fix(paths: Iterable[str | Path], config: Config | None = None,
             overrides: dict[str, Any] | None = None, read_options: ReadOptions = DEFAULT_READ,
             unsafe: bool = False, write: bool = True, *, executor: Executor | None = None,
             profile_file: Path | None = None, watch: Watch | None = None
             ) -> Iterator[FileFix | FileProblem]:
    """Run the fix loop on every input file and, when ``write``, rewrite the changed ones: a
    :class:`FileFix` per file (its ``result.problems`` included) and a problem per input that
    could not be read or written, streamed in input order (nothing is held but the executor's
    window).

    Unchanged files are never touched. Changed files keep their encoding, BOM, newline style and
    final newline, and are replaced atomically, by this process, in input order. Files decoded
    with ``errors`` other than ``strict`` are not written back (the undecodable bytes would be
    lost). The records of a JSONL file are checked as ``lint`` checks them (a :class:`FileFix`
    each, ``record`` set) and never written: ``clean --out`` writes cleaned JSONL. ``executor``,
    ``profile_file`` and ``watch`` work as for :func:`termcheck.api.iter_lint`.
    """
    from termcheck.pipeline import Run, Walk, walk

    paths = path_list(paths)
    how = Walk(read_options, CORPUS_SUFFIXES)
    run = Run(ConfigResolver(config, overrides), partial(fix_apply, unsafe=unsafe),
              executor or SerialExecutor(), read_options, profile_file=profile_file, watch=watch)
    for work, outcome in run.stream(lambda: walk(paths, how), paths):
        if isinstance(outcome, FileProblem):
            yield outcome
            continue
        assert work.origin is not None
        if not isinstance(work.item, Source):  # a JSONL record: checked, not fixed in place
            yield FileFix(work.origin, outcome, record=True)
            continue
        fixed = FileFix(work.origin, outcome)
        problem = _write_in_place(fixed, read_options) if write and outcome.changed else None
        yield fixed  # written (or not) by now
        if problem:
            yield problem


def fix_paths(paths: Iterable[str | Path], config: Config | None = None,
              overrides: dict[str, Any] | None = None, read_options: ReadOptions = DEFAULT_READ,
              unsafe: bool = False, write: bool = True, *, executor: Executor | None = None,
              profile_file: Path | None = None) -> FixRun:
    """:func:`iter_fix`, collected: every file's outcome is kept (texts included); the command
    line streams :func:`iter_fix` instead."""
    run = FixRun()
    for item in iter_fix(paths, config, overrides, read_options, unsafe, write,
                         executor=executor, profile_file=profile_file):
        if isinstance(item, FileProblem):
            run.problems.append(item)
            continue
        run.files_checked += 1
        run.problems.extend(item.result.problems)
        run.files.append(item)
    return run


def _write_in_place(fixed: FileFix, options: ReadOptions) -> FileProblem | None:
    display = fixed.source.display
    if options.errors != "strict":
        return FileProblem(display, "TC-NOT-WRITTEN",
                           f"decoded with --encoding-errors {options.errors}: not rewritten")
    try:
        data = fixed.result.to_bytes()
    except UnicodeEncodeError as exc:
        return FileProblem(display, "TC-NOT-WRITTEN",
                           f"fixed text has {exc.object[exc.start]!r}, not encodable as "
                           f"{fixed.result.original.encoding}: not rewritten")
    target = Path(os.path.realpath(fixed.source.path))  # keep symlinks
    if _leaves_its_tree(fixed.source, target):
        return FileProblem(display, "TC-NOT-WRITTEN", f"a symbolic link to {target}, outside the "
                           f"input folder {fixed.source.root}: not rewritten")
    if _changed_since_read(target, fixed.result.original):
        return FileProblem(display, "TC-NOT-WRITTEN",
                           "the file changed on disk while it was being fixed: not rewritten")
    try:
        atomic_write_bytes(target, data)
    except TermcheckError as exc:  # this file's directory is read-only: the others go on
        return FileProblem(display, "TC-NOT-WRITTEN", f"{exc.message}: not rewritten")
    fixed.written = True
    return None


def _leaves_its_tree(source: Source, real: Path) -> bool:
    """Whether a file found by walking a folder is really (through links) outside it."""
    if source.root == source.path:  # named on the command line: the user chose it
        return False
    return not _inside(str(real), os.path.realpath(source.root))


def _changed_since_read(path: Path, original: Document) -> bool:
    """Whether ``path`` no longer holds the text it was read with (or cannot be read again)."""
    try:
        now = Document.from_bytes(path.read_bytes(), str(path), original.encoding)
    except (OSError, TermcheckError):
        return True
    return (now.text, now.bom) != (original.text, original.bom)


# --- clean --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CleanOptions:
    """Where and how ``clean`` writes."""

    out: Path
    fmt: str = "text"  # "text": mirrored tree + ledger.jsonl; "jsonl": records with changes
    unsafe: bool = False
    skip_output_dir: bool = False  # skip an output directory found inside an input tree

    def __post_init__(self) -> None:
        object.__setattr__(self, "out", Path(self.out))  # a str is welcome too


@dataclass
class CleanReport:
    """Summary of a clean run (``--report``)."""

    documents_read: int = 0
    documents_changed: int = 0
    documents_written: int = 0
    not_converged: int = 0
    characters_removed: int = 0
    characters_inserted: int = 0
    edits_by_rule: Counter[str] = field(default_factory=Counter)
    problems: list[FileProblem] = field(default_factory=list)
    skipped: set[str] = field(default_factory=set)
    outputs: list[str] = field(default_factory=list)
    keep_views: bool = False
    views: list[CleanView] = field(default_factory=list)  # changed or not clean: keep_views

    def skip(self, problem: FileProblem) -> None:
        self.problems.append(problem)
        self.skipped.add(problem.path)

    def record(self, result: FixResult) -> None:
        self.documents_read += 1
        if result.changed:
            self.documents_changed += 1
        if not result.converged:
            self.not_converged += 1
        for change in result.ledger:
            self.characters_removed += len(change.removed)
            self.characters_inserted += len(change.replacement)
            self.edits_by_rule.update(change.codes)
        self.problems.extend(result.problems)
        if self.keep_views and (result.changed or result.remaining):
            from termcheck.report.html import CleanView

            self.views.append(CleanView(result.original.path, result.original.text, result.text,
                                        result.ledger, tuple(result.remaining)))

    @property
    def exit_code(self) -> int:
        """0: all written; 1: some inputs skipped; 2: nothing could be read."""
        if self.skipped and self.documents_read == 0:
            return 2
        return 1 if self.skipped else 0

    def to_dict(self) -> dict[str, Any]:
        return {
            "documents_read": self.documents_read,
            "documents_changed": self.documents_changed,
            "documents_written": self.documents_written,
            "documents_skipped": len(self.skipped),
            "not_converged": self.not_converged,
            "characters_removed": self.characters_removed,
            "characters_inserted": self.characters_inserted,
            "edits_by_rule": dict(sorted(self.edits_by_rule.items())),
            "outputs": self.outputs,
            "problems": [p.to_dict() for p in self.problems],
        }


def check_output_dir(out: Path, paths: Iterable[str | Path], skip_output_dir: bool) -> None:
    """Refuse an output directory that is an input, holds one, or lies inside an input tree."""
    out_real = os.path.realpath(out)
    for given in paths:
        real = os.path.realpath(given)
        if _inside(real, out_real):
            raise CleanError(f"input {given} is inside the output directory {out}; "
                             "choose another --out")
        if Path(given).is_dir() and _inside(out_real, real) and not skip_output_dir:
            raise CleanError(f"output directory {out} is inside the input {given}; choose "
                             "another --out, or pass --skip-output-dir to leave it out")


_inside = is_inside


class _Outputs:
    """Output files of one run: safe paths under ``out``, one writer per JSONL file."""

    def __init__(self, out: Path, report: CleanReport) -> None:
        from termcheck.corpus.jsonl import AtomicJsonlWriter

        try:
            out.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise CleanError(f"cannot create the output directory: {exc.strerror or exc}",
                             str(out)) from None
        self.out = out
        self.out_real = os.path.realpath(out)
        self.report = report
        self.folder = OutputFolder(out)
        self.writers: dict[Path, AtomicJsonlWriter] = {}
        self.files: set[Path] = set()
        self._writer_class = AtomicJsonlWriter
        self.reserved = {out / TEXTS_JSONL, out / LEDGER_JSONL}

    def target(self, relative: Path, display: str) -> Path | None:
        """``out / relative``, or ``None`` (and a problem) if it would leave ``out`` or collide."""
        if relative.is_absolute() or ".." in relative.parts:
            self.report.skip(FileProblem(display, "TC-OUTPUT", f"unsafe output path {relative}"))
            return None
        target = self.out / relative
        existing = target.parent
        while not existing.exists() and existing != self.out:
            existing = existing.parent  # check before mkdir: a planted link must not be followed
        if _inside(os.path.realpath(existing), self.out_real):
            target.parent.mkdir(parents=True, exist_ok=True)
        if not _inside(os.path.realpath(target.parent), self.out_real):
            self.report.skip(FileProblem(display, "TC-OUTPUT",
                                         f"{target.parent} leads outside {self.out}, not written"))
            return None
        return target

    def write_file(self, relative: Path, data: bytes, source: Source) -> bool:
        target = self.target(relative, source.display)
        if target is None:
            return False
        if target in self.files or target in self.writers:
            self.report.skip(FileProblem(source.display, "TC-OUTPUT",
                                         f"output {target} already written by another input"))
            return False
        if target.is_symlink():  # planted: it may lead to a FIFO, a device or outside --out
            self.report.skip(FileProblem(source.display, "TC-OUTPUT", f"output {target} is a "
                                         "symbolic link, not written through"))
            return False
        if _inside(os.path.realpath(source.path), self.out_real) or (
                target.exists() and os.path.samefile(target, source.path)):
            self.report.skip(FileProblem(source.display, "TC-OUTPUT",
                                         "input lies inside the output directory, not written"))
            return False
        self.folder.will_write(target)
        atomic_write_bytes(target, data)
        self.files.add(target)
        self.report.outputs.append(str(target))
        return True

    def jsonl(self, relative: Path, display: str, shared: bool = False) -> Any:
        """The writer of one JSONL output (created on first use), or ``None``.

        ``shared`` outputs (documents.jsonl, ledger.jsonl) take records from many inputs; a
        mirrored JSONL input of the same name is refused rather than mixed into them.
        """
        target = self.target(relative, display)
        if target is None:
            return None
        if target in self.files or (not shared and target in self.reserved):
            self.report.skip(FileProblem(display, "TC-OUTPUT", f"output {target} collides"))
            return None
        if not shared and target not in self.writers and target.is_symlink():
            self.report.skip(FileProblem(display, "TC-OUTPUT", f"output {target} is a symbolic "
                                         "link, not written through"))
            return None
        if target not in self.writers:
            self.folder.will_write(target)
            self.writers[target] = self._writer_class(target)
            self.report.outputs.append(str(target))
        return self.writers[target]

    def finish_mirrored(self) -> None:
        """Commit the JSONL outputs mirrored from inputs (one input at a time stays open)."""
        for target in [t for t in self.writers if t not in self.reserved]:
            self.writers.pop(target).commit()
            self.files.add(target)

    def commit(self) -> None:
        for writer in self.writers.values():
            writer.commit()
        self.folder.finish()

    def abort(self) -> None:
        """After an error: keep the shared outputs of what was written (the ledger of the files
        written so far, whole records); drop a mirrored JSONL output still being written."""
        for target, writer in self.writers.items():
            if target in self.reserved:
                writer.commit()
            else:
                writer.abort()
        self.folder.release()


LOCK_FILE = ".termcheck.lock"  # the run writing to an output folder (see lock_text)
MANIFEST_FILE = OUTPUT_MANIFEST  # what termcheck wrote there (NUL-separated paths)
_TEMPORARY = re.compile(r"^\..+\.[A-Za-z0-9_]{8}\.tmp$")  # fileio's and the JSONL writer's


class OutputFolder:
    """The output folder of one clean run: locked for the run, and termcheck's own.

    The lock file holds the process id, with the process's start time and the boot's id
    (:func:`lock_text`); a second run while it lives is refused (a lock of a process that is
    gone, or whose id now belongs to another process, is taken over). A non-empty folder without
    termcheck's manifest is refused: it is not a previous output. In a previous output,
    temporary files of a killed run are removed first, and files the previous run wrote that
    this one does not are removed at the end, so the folder holds exactly what the new ledger
    describes. The manifest is a journal: every output is added before it is written, so even a
    killed run leaves a record of its files.
    """

    def __init__(self, out: Path) -> None:
        self.out = out
        self.lock = out / LOCK_FILE
        self.manifest = out / MANIFEST_FILE
        self._take_lock()
        try:
            self.previous = self._previous_outputs()
            self._remove_temporaries()
            self.journal = os.fdopen(os.open(self.manifest, os.O_WRONLY | os.O_APPEND |
                                             os.O_CREAT | os.O_NOFOLLOW, 0o644), "ab")
        except BaseException:
            self._drop_lock()
            raise
        self.written: set[bytes] = set()

    def _take_lock(self) -> None:
        for _ in range(2):
            try:
                handle = os.open(self.lock, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
            except FileExistsError:
                holder = _lock_holder(self.lock)
                if holder is not None:
                    raise CleanError(f"another termcheck run (process {holder}) is writing to "
                                     f"{self.out}; wait for it or choose another --out") from None
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(self.lock)  # left by a run that was killed
                continue
            except OSError as exc:
                raise CleanError(f"cannot lock the output folder: {exc.strerror or exc}",
                                 str(self.out)) from None
            with os.fdopen(handle, "w") as stream:
                stream.write(lock_text(os.getpid()))
            return
        raise CleanError("cannot lock the output folder (another run keeps taking it)",
                         str(self.out))

    def _previous_outputs(self) -> set[bytes]:
        names = set(os.listdir(self.out)) - {LOCK_FILE}
        if not names:
            return set()
        if MANIFEST_FILE not in names:
            raise CleanError(f"--out {self.out} is not empty and was not written by termcheck; "
                             "choose a new or empty folder")
        if self.manifest.is_symlink() or not self.manifest.is_file():
            raise CleanError(f"--out {self.out}: {MANIFEST_FILE} is not a regular file (planted?); "
                             "choose a new or empty folder")
        with open(self.manifest, "rb") as stream:
            return {item for item in stream.read().split(b"\0") if item}

    def _remove_temporaries(self) -> None:
        for directory, _, files in os.walk(self.out):
            for name in files:
                if _TEMPORARY.match(name):
                    with contextlib.suppress(OSError):
                        os.unlink(os.path.join(directory, name))

    def will_write(self, target: Path) -> None:
        """Record ``target`` in the journal before it is written."""
        relative = os.fsencode(os.path.relpath(target, self.out))
        if relative not in self.written:
            self.written.add(relative)
            self.journal.write(relative + b"\0")
            self.journal.flush()

    def finish(self) -> None:
        """Remove what the previous run wrote and this one did not; the manifest lists this run's
        outputs; release the lock."""
        out_real = os.path.realpath(self.out)
        for relative in sorted(self.previous - self.written):
            name = Path(os.fsdecode(relative))
            path = self.out / name
            if name.is_absolute() or ".." in name.parts or \
                    not _inside(os.path.realpath(path.parent), out_real):
                continue  # never remove anything outside --out, whatever the manifest says
            if path.is_symlink() or path.is_file():
                with contextlib.suppress(OSError):
                    path.unlink()
                    _remove_empty_parents(path.parent, self.out)
        self.journal.close()
        atomic_write_bytes(self.manifest, b"".join(item + b"\0" for item in sorted(self.written)))
        self._drop_lock()

    def release(self) -> None:
        """Release the lock after a failed run (the journal keeps the list of every file)."""
        self.journal.close()
        self._drop_lock()

    def _drop_lock(self) -> None:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(self.lock)


def lock_text(pid: int) -> str:
    """What a lock file holds: the process id, and what tells that process from a later one
    given the same id (its start time since boot, the boot's id)."""
    return " ".join([str(pid), *_process_identity(pid)]) + "\n"


def _process_identity(pid: int) -> tuple[str, str]:
    """``(start time, boot id)`` of a running process (``("", "")`` where /proc has none)."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as stream:
            fields = stream.read().rsplit(b")", 1)[1].split()
        with open("/proc/sys/kernel/random/boot_id", encoding="ascii") as stream:
            boot = stream.read().strip()
        return fields[19].decode("ascii"), boot  # field 22 of stat: start time, in clock ticks
    except (OSError, IndexError, UnicodeDecodeError):
        return "", ""


def _lock_holder(lock: Path) -> int | None:
    """The process id in a lock file if that process still runs, else ``None``. A process
    that now has the id but started after the lock was taken (the id was reused), or a lock of
    an earlier boot, does not hold it."""
    if lock.is_symlink() or not lock.is_file():  # planted: never read through it
        return None
    try:
        pid_text, *identity = lock.read_text().split()
        pid = int(pid_text)
    except (OSError, ValueError):
        return None
    if pid <= 0 or pid == os.getpid():
        return None
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return None
    except PermissionError:  # alive, another user's
        pass
    if len(identity) == 2 and _process_identity(pid) not in (("", ""), tuple(identity)):
        return None  # the id was given to another process since (or the machine restarted)
    return pid


def _remove_empty_parents(directory: Path, top: Path) -> None:
    while directory != top and _inside(str(directory), str(top)):
        try:
            directory.rmdir()
        except OSError:
            return
        directory = directory.parent


def clean_apply(doc: Document, config: Config, profile: dict[str, Any] | None,
                unsafe: bool = False) -> FixResult | FileProblem:
    """The ``apply`` function of clean: the fix loop on one document under the clean policy.

    An empty document becomes a ``TC-EMPTY`` problem. The result is made light for its trip back
    from a worker: ``remaining`` is left empty (clean reports no findings) and ``original`` is a
    copy of the document without the caches the rules filled.
    """
    if doc.meta.get(NO_TEXT):  # a JSONL record without its text: kept as it is
        where = f"{doc.path.rsplit('#', 1)[0]}:{doc.meta.get('line')}"  # as lint names it
        return FileProblem(where, "TC-JSONL", str(doc.meta[NO_TEXT]))
    if not doc.text.strip():
        return FileProblem(doc.path, "TC-EMPTY", "empty document, skipped")
    result = fix_document(doc, config, clean_filter(unsafe), profile)
    return replace(result, original=replace(doc), remaining=[])


def clean_paths(paths: Iterable[str | Path], options: CleanOptions,
                config: Config | None = None, overrides: dict[str, Any] | None = None,
                read_options: ReadOptions = DEFAULT_READ,
                progress: Progress | None = None, *,
                executor: Executor | None = None,
                profile_file: Path | None = None,
                keep_views: bool = False, watch: Watch | None = None) -> CleanReport:
    """Write a cleaned copy of every input under ``options.out`` and return the summary.

    Plain-text inputs are mirrored (``Source.relative``) and written with their own encoding,
    BOM and newlines; with ``fmt="jsonl"`` they become records of ``out/documents.jsonl``.
    JSONL inputs are always written as JSONL, mirrored. Binary, undecodable and empty inputs are
    skipped and reported. The ledger is in every JSONL record (``changes``) and, for plain-text
    output, in ``out/ledger.jsonl``.

    ``executor`` decides where documents are cleaned (default: in this process; see
    :func:`termcheck.corpus.executors.make_executor`); outputs are always written here, in input
    order, so every executor writes the same bytes. ``profile_file`` saves the corpus profile,
    or reuses it when the file exists (as ``lint --profile``). ``keep_views`` keeps a
    before/after :class:`~termcheck.report.html.CleanView` of every changed document in
    ``report.views``. ``watch`` sees the items of each pass go by (a progress bar of the
    profile pass: ``progress`` follows the writing).
    """
    from termcheck.pipeline import JSONL_KEEP, Run, Walk, count_inputs, walk

    if options.fmt not in ("text", "jsonl"):
        raise CleanError(f"unknown output format {options.fmt!r}; choose text or jsonl")
    paths = path_list(paths)
    check_output_dir(options.out, paths, options.skip_output_dir)
    how = Walk(read_options, CORPUS_SUFFIXES, JSONL_KEEP, mirror=True, skip_under=os.path.realpath(
        options.out) if options.skip_output_dir else None)
    resolver = ConfigResolver(config, overrides)
    run = Run(resolver, partial(clean_apply, unsafe=options.unsafe),
              executor or SerialExecutor(), read_options, profile_file=profile_file, watch=watch)
    outcomes = run.stream(lambda: walk(paths, how), paths)
    report = CleanReport(keep_views=keep_views)
    total = count_inputs(paths, how) if progress else 0
    outputs = _Outputs(options.out, report)  # locks --out: nothing may fail before the try
    done, current = 0, None
    try:
        for work, item in outcomes:
            source = work.origin
            if source is None or source != current:
                outputs.finish_mirrored()
                current, done = source, done + 1
                if progress:
                    progress(min(done, total), total)
            if isinstance(item, FileProblem):
                if isinstance(work.item, Document) and isinstance(work.item.meta.get("record"),
                                                                  dict):
                    item = KeptRecord(work.item, item)  # written back unchanged, in its place
                else:
                    report.skip(item)
                    continue
            assert source is not None
            if isinstance(item, KeptRecord):
                _keep_record(source, item, outputs)
                continue
            report.record(item)
            lang = item.original.lang or resolver.for_path(item.original.path).lang
            if _write(source, item, options, outputs, lang):
                report.documents_written += 1
        outputs.commit()
    except BaseException:
        outputs.abort()
        raise
    return report


@dataclass(frozen=True)
class KeptRecord:
    """A JSONL record the executor could not clean (empty text...): it is written unchanged."""

    doc: Document
    problem: FileProblem


def _keep_record(source: Source, kept: KeptRecord, outputs: _Outputs) -> None:
    outputs.report.problems.append(kept.problem)
    outputs.report.documents_read += 1
    writer = outputs.jsonl(source.relative, source.display)
    if writer is not None:
        writer.write(kept_record(kept.doc, kept.problem))
        outputs.report.documents_written += 1


def _write(source: Source, result: FixResult, options: CleanOptions, outputs: _Outputs,
           lang: str) -> bool:
    doc = result.original
    if doc.meta.get(LOSSY_DECODE):  # the cleaned copy would be neither identical nor rebuildable
        outputs.report.skip(FileProblem(
            source.display, "TC-NOT-WRITTEN", f"decoded with --encoding-errors "
            f"{doc.meta[LOSSY_DECODE]}, which lost undecodable bytes: not written"))
        return False
    record = doc.meta.get("record")
    if record is not None or options.fmt == "jsonl":
        shared = record is None
        relative = Path(TEXTS_JSONL) if shared else source.relative
        writer = outputs.jsonl(relative, source.display, shared)
        if writer is None:
            return False
        writer.write(jsonl_record(source, result, lang, record))
        return True
    try:
        data = result.to_bytes()
    except UnicodeEncodeError as exc:
        outputs.report.skip(FileProblem(
            source.display, "TC-OUTPUT", f"cleaned text has {exc.object[exc.start]!r}, not "
            f"encodable as {doc.encoding}: not written"))
        return False
    written = outputs.write_file(source.relative, data, source)
    if written and result.ledger:
        ledger = outputs.jsonl(Path(LEDGER_JSONL), source.display, shared=True)
        if ledger is not None:
            ledger.write({"id": source.relative.as_posix(), "path": source.display,
                          "output": source.relative.as_posix(),
                          "changes": [c.to_dict() for c in result.ledger]})
    return written


NAMESPACE = "termcheck"  # the one key termcheck adds to a record of a JSONL input


def jsonl_record(source: Source, result: FixResult, lang: str,
                 record: dict[str, Any] | None = None) -> dict[str, Any]:
    """One cleaned document as a JSONL record.

    A record of a JSONL input keeps every field, in order and exactly as read (numbers as
    written); only its text field holds the cleaned text, and termcheck's additions (id, path,
    lang, changes) are under the one key ``termcheck``. A plain-text input becomes termcheck's
    own record: id, path, text, lang, changes.
    """
    doc = result.original
    ours = {
        "id": doc.meta.get("id", source.relative.as_posix()),
        "path": doc.path if record is not None else source.display,
        "text": result.text,
        "lang": lang,
        "changes": [change.to_dict() for change in result.ledger],
    }
    if record is None:
        return ours
    text_field = str(doc.meta.get("text_field", "text"))
    del ours["text"]
    return {**record, text_field: result.text, NAMESPACE: ours}


def kept_record(doc: Document, problem: FileProblem) -> dict[str, Any]:
    """A record that was not cleaned (empty text, a configuration problem), unchanged and in its
    place, with the problem under ``termcheck``: output lines stay aligned with input lines."""
    record = doc.meta["record"]
    assert isinstance(record, dict)
    ours = {"id": doc.meta.get("id"), "path": doc.path, "lang": doc.lang, "changes": [],
            "problems": [problem.to_dict()]}
    return {**record, NAMESPACE: ours}
