"""Issue #18, reliability round two: one regression test per defect of the attack round.

Each test reproduced its defect on the main branch before the fix (the docstring says what
happened then). Texts are our own.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from termcheck.cli import app

runner = CliRunner()


def run(*args: str):
    result = runner.invoke(app, list(args))
    assert "Traceback" not in result.output, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result


# --- 1. outputs never replace inputs ------------------------------------------------------------


def test_an_output_inside_a_walked_input_folder_or_the_out_tree_is_refused(tmp_path: Path) -> None:
    """Before: 'lint in -o in/a.txt' skipped a.txt, wrote the report over it and exited 0; clean
    --report o/ledger.jsonl replaced the ledger; glossary convert g.tsv g.tsv rewrote its input."""
    folder = tmp_path / "in"
    folder.mkdir()
    text = folder / "a.txt"
    text.write_text("He said (dpa\n")
    glossary = tmp_path / "g.tsv"
    glossary.write_text("# mine\nforbidden\tpreferred\textra\n")
    out = tmp_path / "o"
    cases = [
        ["lint", str(folder), "-o", str(text)],
        ["lint", str(folder), "-o", str(folder / "report.txt")],
        ["lint", str(folder), "--write-baseline", str(folder / "b.json")],
        ["clean", str(folder), "--out", str(out), "--report", str(folder / "r.json")],
        ["clean", str(folder), "--out", str(out), "--report-html", str(folder / "r.html")],
        ["clean", str(folder), "--out", str(out), "--report", str(out / "ledger.jsonl")],
        ["clean", str(folder), "--out", str(out), "--report", str(out / "a.txt")],
        ["clean", str(folder), "--out", str(out), "--report", str(tmp_path / "r"),
         "--report-html", str(tmp_path / "r")],
        ["glossary", "suggest", str(folder), "-o", str(folder / "draft.tsv")],
        ["glossary", "convert", str(glossary), str(glossary)],
    ]
    for args in cases:
        result = run(*args)
        assert result.exit_code == 2, (args, result.output)
        assert result.output.startswith("termcheck: error: ") and result.output.count("\n") == 1
    assert text.read_text() == "He said (dpa\n"
    assert glossary.read_text() == "# mine\nforbidden\tpreferred\textra\n"
    assert sorted(p.name for p in folder.iterdir()) == ["a.txt"]
    assert not out.exists()


# --- 11. deep trees ----------------------------------------------------------------------------


def test_hundreds_of_nested_folders_are_walked_without_recursion_in_linear_time(
        tmp_path: Path) -> None:
    """Before: 500 nested folders gave a RecursionError traceback in the configuration lookup,
    and the walk took a realpath per folder (O(depth²): 2,000 levels took 94 s)."""
    deep = tmp_path / "deep"
    path = deep
    for _ in range(600):
        path = path / "d"
    path.mkdir(parents=True)
    (path / "a.txt").write_text("He said hello.\n")
    (path.parent / "b.txt").write_text("He said hello.\n")
    started = time.perf_counter()
    result = run("lint", str(deep))
    assert result.exit_code == 0, result.output
    assert "2 file(s) checked" in result.output
    assert time.perf_counter() - started < 20


MOJIBAKE = "The alliance â€“ led by Moscow â€“ sent troops.\n"
REPAIRED = "The alliance – led by Moscow – sent troops.\n"


def corpus(folder: Path, names: list[str], text: str = MOJIBAKE) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name in names:
        (folder / name).write_text(text, encoding="utf-8")
    return folder


# --- 2. lossy decoding never reaches the cleaned corpus ------------------------------------------


@pytest.mark.parametrize("errors", ["replace", "ignore"])
def test_clean_does_not_write_a_document_decoded_with_loss(tmp_path: Path, errors: str) -> None:
    """Before: --encoding-errors replace wrote U+FFFD (ignore: dropped the byte) into a file
    that had no finding, with no ledger entry: neither identical nor rebuildable."""
    folder = corpus(tmp_path / "in", ["fine.txt"], "Fine text.\n")
    (folder / "latin.txt").write_bytes("Caf\xe9 au lait.\n".encode("latin-1"))
    out = tmp_path / "out"
    result = run("clean", str(folder), "--out", str(out), "--encoding-errors", errors)
    assert result.exit_code == 1
    assert f"{folder / 'latin.txt'}: TC-NOT-WRITTEN decoded with --encoding-errors {errors}" \
        in result.output
    assert not (out / "latin.txt").exists()
    assert (out / "fine.txt").read_bytes() == b"Fine text.\n"


# --- 3. JSONL records keep their own data ------------------------------------------------------


def test_a_cleaned_jsonl_record_keeps_every_field_exactly_and_its_line(tmp_path: Path) -> None:
    """Before: the record's own path, changes and id were overwritten (7 became "7"), numbers
    went through floats (12345678901234567890.123 -> 1.2345678901234567e+19, 1e400 ->
    Infinity) and records with empty text were dropped with all their fields."""
    from termcheck.edits import restore

    lines = [
        '{"id": 7, "path": "theirs", "changes": [1], "body": "' + MOJIBAKE.strip() + '", '
        '"n": 12345678901234567890.123, "big": 1e400, "zero": -0, "small": 1.50}',
        '{"id": 8, "body": "", "keep": {"x": 0.1}}',
        '{"id": 9, "body": "Calm again."}',
    ]
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "part.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    result = run("clean", str(folder), "--out", str(out), "--text-field", "body")
    assert result.exit_code == 0, result.output
    written = (out / "part.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(written) == 3
    first = written[0]
    assert first.startswith('{"id": 7, "path": "theirs", "changes": [1], "body": "The alliance –')
    assert '"n": 12345678901234567890.123, "big": 1e400, "zero": -0, "small": 1.50, ' \
           '"termcheck": {' in first
    record = json.loads(first)
    assert restore(record["body"], ledger_of(record)) == MOJIBAKE.strip()
    assert record["termcheck"]["id"] == "7"
    empty = json.loads(written[1])
    assert empty["id"] == 8 and empty["body"] == "" and empty["keep"] == {"x": 0.1}
    assert empty["termcheck"]["problems"][0]["code"] == "TC-EMPTY"
    assert '"keep": {"x": 0.1}' in written[1]
    assert json.loads(written[2])["body"] == "Calm again."


# --- 4. one run at a time in an output folder, and no stale files -------------------------------


def test_the_output_folder_is_locked_and_holds_only_what_the_last_run_wrote(
        tmp_path: Path) -> None:
    """Before: two runs into one --out mixed their files, and a reused --out kept cleaned files
    that the new ledger did not describe."""
    import subprocess

    folder = corpus(tmp_path / "in", ["a.txt", "b.txt"])
    out = tmp_path / "out"
    assert run("clean", str(folder), "--out", str(out)).exit_code == 0
    assert (out / "b.txt").exists()
    (folder / "b.txt").unlink()
    (out / ".a.txt.abcd1234.tmp").write_text("litter of a killed run")
    assert run("clean", str(folder), "--out", str(out)).exit_code == 0
    assert sorted(p.name for p in out.iterdir() if not p.name.startswith(".")) == [
        "a.txt", "ledger.jsonl"]
    assert not (out / ".a.txt.abcd1234.tmp").exists() and not (out / ".termcheck.lock").exists()
    assert [json.loads(line)["id"] for line in (out / "ledger.jsonl").open()] == ["a.txt"]

    sleeper = subprocess.Popen(["sleep", "30"])
    try:
        (out / ".termcheck.lock").write_text(f"{sleeper.pid}\n")
        busy = run("clean", str(folder), "--out", str(out))
        assert busy.exit_code == 2
        assert busy.output == f"termcheck: error: another termcheck run (process {sleeper.pid}) " \
            f"is writing to {out}; wait for it or choose another --out\n"
    finally:
        sleeper.kill()
        sleeper.wait()
    assert run("clean", str(folder), "--out", str(out)).exit_code == 0  # a dead run's lock

    foreign = tmp_path / "foreign"
    foreign.mkdir()
    (foreign / "notes.txt").write_text("mine")
    refused = run("clean", str(folder), "--out", str(foreign))
    assert refused.exit_code == 2 and "is not empty and was not written by termcheck" in \
        refused.output
    assert sorted(p.name for p in foreign.iterdir()) == ["notes.txt"]


# --- 5. owner, group, mode and hard links survive a fix ------------------------------------------


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0,
                    reason="only root can give a file to another user")
def test_a_file_fixed_by_root_keeps_its_owner_group_mode_and_hard_links(tmp_path: Path) -> None:
    """Before: lint --fix as root made another user's file root-owned (unreadable to its
    owner at mode 0600) and split its hard links."""
    owned = tmp_path / "owned.txt"
    owned.write_text(MOJIBAKE, encoding="utf-8")
    os.chown(owned, 4242, 4343)
    os.chmod(owned, 0o640)
    linked = tmp_path / "linked.txt"
    linked.write_text(MOJIBAKE, encoding="utf-8")
    twin = tmp_path / "twin.txt"
    os.link(linked, twin)
    result = run("lint", "--isolated", "--fix", str(owned), str(linked))
    assert "Fixed 4 span(s) in 2 file(s)." in result.output, result.output
    info = owned.stat()
    assert (info.st_uid, info.st_gid, info.st_mode & 0o7777) == (4242, 4343, 0o640)
    assert owned.read_text(encoding="utf-8") == REPAIRED
    assert twin.read_text(encoding="utf-8") == REPAIRED and os.path.samefile(linked, twin)


# --- 8. no write through a symbolic link -------------------------------------------------------


def test_clean_never_writes_through_a_link_planted_in_out(tmp_path: Path) -> None:
    """Before: a planted link to a FIFO in --out made clean hang (to a device: write to it)."""
    folder = corpus(tmp_path / "in", ["a.txt", "b.txt"])
    out = tmp_path / "out"
    assert run("clean", str(folder), "--out", str(out)).exit_code == 0
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    (out / "a.txt").unlink()
    (out / "a.txt").symlink_to(fifo)
    result = run("clean", str(folder), "--out", str(out))
    assert result.exit_code == 1
    assert f"{folder / 'a.txt'}: TC-OUTPUT output {out / 'a.txt'} is a symbolic link, not " \
        "written through" in result.output
    assert (out / "b.txt").read_text() == REPAIRED
    assert not os.path.lexists(out / "a.txt")  # not this run's output: removed, not followed
    assert fifo.is_fifo()


def test_lint_fix_does_not_follow_a_link_out_of_the_input_tree(tmp_path: Path) -> None:
    """Before: lint --fix followed a link inside the tree and rewrote its target outside it (a
    file that was not even a .txt)."""
    outside = tmp_path / "secret.conf"
    outside.write_text(MOJIBAKE, encoding="utf-8")
    folder = corpus(tmp_path / "in", ["a.txt"])
    (folder / "link.txt").symlink_to(outside)
    result = run("lint", "--isolated", "--fix", str(folder))
    assert f"{folder / 'link.txt'}: TC-NOT-WRITTEN a symbolic link to {outside}, outside the " \
        f"input folder {folder}: not rewritten" in result.output
    assert outside.read_text(encoding="utf-8") == MOJIBAKE
    assert (folder / "a.txt").read_text(encoding="utf-8") == REPAIRED


# --- 9. file names that are not UTF-8 ------------------------------------------------------------


def test_file_names_that_are_not_utf8_round_trip_through_every_json_output(
        tmp_path: Path) -> None:
    """Before: clean died with a UnicodeEncodeError after writing some files and no ledger; so
    did lint --write-baseline; lint --format json -o wrote invalid UTF-8."""
    folder = tmp_path / "in"
    folder.mkdir()
    names = [os.fsdecode(b"caf\xe9.txt"), "new\nline.txt"]
    for name in names:
        (folder / name).write_text(MOJIBAKE, encoding="utf-8")
    out = tmp_path / "out"
    assert run("clean", str(folder), "--out", str(out), "--report",
               str(tmp_path / "r.json")).exit_code == 0
    assert run("lint", "--isolated", str(folder), "--write-baseline",
               str(tmp_path / "b.json")).exit_code == 0
    assert run("lint", "--isolated", str(folder), "-f", "json", "-o",
               str(tmp_path / "l.json")).exit_code == 1
    ledger = [json.loads(line.decode("utf-8")) for line in (out / "ledger.jsonl").open("rb")]
    assert sorted(entry["output"] for entry in ledger) == sorted(names)
    assert all((out / entry["output"]).read_text(encoding="utf-8") == REPAIRED
               for entry in ledger)
    for report in ("r.json", "b.json", "l.json"):
        loaded = json.loads((tmp_path / report).read_bytes().decode("utf-8"))
        assert os.fsdecode(b"caf\xe9.txt") in json.dumps(loaded, ensure_ascii=False)


# --- 10. a worker that dies ----------------------------------------------------------------------


def test_a_killed_worker_is_one_line_exit_2_and_the_ledger_of_what_was_written(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Before: a 50-line BrokenProcessPool traceback, exit 1, and no ledger."""
    import worker_faults

    from termcheck import pipeline
    from termcheck.corpus import executors

    names = [f"a{i:02}.txt" for i in range(40)] + ["zz-die.txt"]
    folder = corpus(tmp_path / "in", names)
    out = tmp_path / "out"
    monkeypatch.setattr(pipeline, "make_executor", lambda *args: executors.ProcessExecutor(
        2, chunk_size=2, min_parallel=1, setup=worker_faults.kill_on_marker))
    result = run("clean", str(folder), "--out", str(out), "-j", "2")
    assert result.exit_code == 2
    assert result.output == "termcheck: error: a worker process died (killed, or out of " \
        "memory); the run stopped\n"
    written = sorted(p.name for p in out.iterdir() if p.suffix == ".txt")
    assert written and "zz-die.txt" not in written
    assert sorted(json.loads(line)["output"] for line in (out / "ledger.jsonl").open()) == written
    assert not (out / ".termcheck.lock").exists()


@pytest.mark.skipif(not os.path.exists("/proc/self/stat"), reason="needs Linux /proc")
def test_workers_and_forkserver_die_with_a_killed_main_process(tmp_path: Path) -> None:
    """Before: SIGKILL of the main process left the forkserver, the resource tracker and the
    workers running for minutes."""
    import signal
    import subprocess
    import sys

    folder = tmp_path / "in"
    folder.mkdir()
    paragraph = "The alliance led by Moscow sent troops to the city on Sunday. " * 40
    for i in range(300):
        (folder / f"f{i:03}.txt").write_text((paragraph + "\n\n") * 20)
    main = subprocess.Popen([sys.executable, "-m", "termcheck", "clean", str(folder), "--out",
                             str(tmp_path / "out"), "-j", "2"], cwd=Path(__file__).parent.parent,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    children: list[int] = []
    deadline = time.monotonic() + 30
    while not children and time.monotonic() < deadline and main.poll() is None:
        time.sleep(0.2)
        children = _descendants(main.pid)
    # a forked worker (the main process is the second), or a forkserver and its workers
    assert children, "no pool started"
    main.send_signal(signal.SIGKILL)
    main.wait()
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and _alive(children):
        time.sleep(0.2)
    assert _alive(children) == []


def test_ctrl_c_ends_a_pooled_run_without_a_traceback_from_the_workers(tmp_path: Path) -> None:
    """Before: Ctrl-C (SIGINT to the whole process group) printed a KeyboardInterrupt
    traceback from each idle worker, and the main process waited for the chunks in flight."""
    import signal

    folder = tmp_path / "in"
    folder.mkdir()
    paragraph = "The alliance led by Moscow sent troops to the city on Sunday. " * 40
    for i in range(300):
        (folder / f"f{i:03}.txt").write_text((paragraph + "\n\n") * 20)
    main = subprocess.Popen([sys.executable, "-m", "termcheck", "lint", "--isolated", "-j", "2",
                             str(folder)], cwd=Path(__file__).parent.parent,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            start_new_session=True)
    deadline = time.monotonic() + 30
    while not _descendants(main.pid) and time.monotonic() < deadline and main.poll() is None:
        time.sleep(0.05)
    time.sleep(0.3)  # the workers wait for their first chunk
    os.killpg(main.pid, signal.SIGINT)
    _, errors = main.communicate(timeout=60)
    assert main.returncode == 130
    assert b"Traceback" not in errors and b"KeyboardInterrupt" not in errors


def _descendants(pid: int) -> list[int]:
    parents: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                fields = Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            parents[int(entry)] = int(fields[1])
    found, pending = [], [pid]
    while pending:
        current = pending.pop()
        for child, parent in parents.items():
            if parent == current:
                found.append(child)
                pending.append(child)
    return found


def _alive(pids: list[int]) -> list[int]:
    alive = []
    for pid in pids:
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue
        if state != "Z":
            alive.append(pid)
    return alive


# --- 6. line-break controls ----------------------------------------------------------------------


def test_line_break_controls_become_line_breaks_not_glued_words(tmp_path: Path) -> None:
    """Before: EN002 deleted vertical tab and form feed ('resigned\\von Monday' ->
    'resignedon') and EN001 turned U+0085 into '…'."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("He resigned\von Monday.\r\nShe left\fthe room\x85at noon.\r\n",
                                  encoding="utf-8", newline="")
    out = tmp_path / "out"
    assert run("clean", "--isolated", str(folder), "--out", str(out)).exit_code == 0
    assert (out / "a.txt").read_bytes() == \
        b"He resigned\r\non Monday.\r\nShe left\r\nthe room\r\nat noon.\r\n"


# --- 7. overlapping glossary terms ---------------------------------------------------------------


GLOSSARY = ("concept\tlang\tterm\tstatus\tnote\tcase\tdomain\n"
            "ab\ten\tA.B.\tpreferred\t\t\torg\nab\ten\tA*\tforbidden\t\t\torg\n"
            "st\ten\tStar\tpreferred\t\t\torg\nst\ten\t*\tforbidden\t\t\torg\n")


def test_a_glossary_replacement_is_never_matched_again(tmp_path: Path) -> None:
    """Before: with forbidden 'A*' (preferred 'A.B.') and forbidden '*' (preferred 'Star'),
    clean wrote 'A.B..B.Star': the next round of the fix loop matched 'A' inside 'A.B.'."""
    from termcheck.edits import restore

    glossary = tmp_path / "g.tsv"
    glossary.write_text(GLOSSARY, encoding="utf-8")
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("We saw Ab* here, and A and * too.\n", encoding="utf-8")
    out = tmp_path / "out"
    result = run("clean", "--isolated", "--glossary", str(glossary), "--unsafe-fixes",
                 str(folder), "--out", str(out))
    assert result.exit_code == 0, result.output
    assert (out / "a.txt").read_text(encoding="utf-8") == \
        "We saw A.B.Star here, and A.B. and Star too.\n"
    record = json.loads((out / "ledger.jsonl").read_text(encoding="utf-8"))
    assert restore((out / "a.txt").read_text(encoding="utf-8"), ledger_of(record)) == \
        "We saw Ab* here, and A and * too.\n"


def test_glossary_check_warns_about_terms_inside_other_concepts_terms(tmp_path: Path) -> None:
    glossary = tmp_path / "g.tsv"
    glossary.write_text("concept\tlang\tterm\tstatus\tnote\nstar\ten\tStar\tpreferred\t\n"
                        "alliance\ten\tStar Alliance\tpreferred\t\n"
                        "coffee\ten\tStarbucks\tpreferred\t\n", encoding="utf-8")
    result = run("glossary", "check", str(glossary))
    assert result.exit_code == 0
    assert result.output == (
        f"{glossary}:3: warning: 'Star Alliance' contains 'Star' of concept 'star' (line 2): "
        "their matches overlap; the longer one wins\n0 problem(s), 1 warning(s) in 1 file(s).\n")


# --- 13. bounded memory --------------------------------------------------------------------------


def test_a_huge_binary_file_is_refused_from_its_first_bytes(tmp_path: Path) -> None:
    """Before: a 2 GB sparse all-NUL .txt was read whole (2 GB RSS) before being rejected as
    binary from its first 8 KB. Sparse files of 8 GB: reading them would take seconds and 8 GB."""
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("zeros.txt", "zeros.jsonl"):
        with open(folder / name, "wb") as stream:
            stream.truncate(8 << 30)
    started = time.perf_counter()
    result = run("lint", "--isolated", str(folder))
    assert time.perf_counter() - started < 5
    assert result.exit_code == 2
    assert result.output.count("TC-BINARY binary file (NUL bytes), skipped") == 2


def test_the_findings_of_one_document_are_capped_with_a_problem(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Before: a document with 2 million findings needed 1.3 GB (2.5 KB per finding)."""
    from termcheck import engine
    from termcheck.config import Config
    from termcheck.document import Document

    monkeypatch.setattr(engine, "MAX_FINDINGS", 100)
    result = engine.check_document(Document("Word\u200b" * 300), Config(select=("EN002",)))
    assert len(result.findings) == 100
    assert [p.code for p in result.problems] == ["TC-TOO-MANY-FINDINGS"]
    assert "more than 100 findings" in result.problems[0].message


# --- 14. an unreadable file named on the command line --------------------------------------------


def test_an_unreadable_file_named_on_the_command_line_is_one_line(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Before: Typer's usage box ('Path ... is not readable', exit 2) instead of the README's
    one-line TC-UNREADABLE problem (which a file inside a directory already got)."""
    secret = tmp_path / "secret.txt"
    secret.write_text("He said hello.\n")
    real_access, real_open = os.access, os.open  # documents are read through a descriptor

    def access(path: Any, mode: int, **kwargs: Any) -> bool:
        return False if str(path).endswith("secret.txt") else real_access(path, mode, **kwargs)

    def deny(path: Any, *args: Any, **kwargs: Any) -> Any:  # root reads whatever the mode
        if os.path.basename(path) == "secret.txt":
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(os, "access", access)
    monkeypatch.setattr(os, "open", deny)
    for command in (["lint", "--isolated"], ["clean", "--isolated", "--out",
                                             str(tmp_path / "out")]):
        result = run(*command, str(secret))
        assert result.exit_code == 2, result.output
        assert result.output.startswith(f"{secret}: TC-UNREADABLE permission denied\n")
        assert "Usage" not in result.output


@pytest.mark.skipif(not os.path.exists("/proc/self/stat"), reason="needs Linux /proc")
def test_a_lock_whose_process_id_was_reused_is_stale(tmp_path: Path) -> None:
    """Before: the lock held only the process id; a run killed long ago whose id now belongs to
    another process (a shell, a daemon) kept --out locked for ever."""
    from termcheck.clean import lock_text

    folder = corpus(tmp_path / "in", ["a.txt"])
    out = tmp_path / "out"
    assert run("clean", str(folder), "--out", str(out)).exit_code == 0
    sleeper = subprocess.Popen(["sleep", "30"])
    try:
        pid, started, boot = lock_text(sleeper.pid).split()
        (out / ".termcheck.lock").write_text(f"{pid} {int(started) - 1} {boot}\n")  # reused id
        assert run("clean", str(folder), "--out", str(out)).exit_code == 0
        (out / ".termcheck.lock").write_text(f"{pid} {started} another-boot\n")  # before a reboot
        assert run("clean", str(folder), "--out", str(out)).exit_code == 0
        (out / ".termcheck.lock").write_text(lock_text(sleeper.pid))  # the very process: live
        assert run("clean", str(folder), "--out", str(out)).exit_code == 2
    finally:
        sleeper.kill()
        sleeper.wait()


def test_a_planted_lock_or_manifest_never_leads_outside_out(tmp_path: Path) -> None:
    """The lock and manifest of item 4 are themselves no way out: a lock that is a link to a
    FIFO is not read through, and manifest entries outside --out are never removed."""
    folder = corpus(tmp_path / "in", ["a.txt"])
    out = tmp_path / "out"
    assert run("clean", str(folder), "--out", str(out)).exit_code == 0
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    (out / ".termcheck.lock").symlink_to(fifo)
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me")
    with open(out / ".termcheck-outputs", "ab") as manifest:
        manifest.write(b"../victim.txt\0" + os.fsencode(victim) + b"\0")
    assert run("clean", str(folder), "--out", str(out)).exit_code == 0
    assert victim.read_text() == "keep me" and fifo.is_fifo()
    assert not os.path.lexists(out / ".termcheck.lock")


def test_a_fix_removes_the_temporary_files_a_killed_run_left_beside_its_files(
        tmp_path: Path) -> None:
    """Item 10: `lint --fix` rerun after a kill leaves no `.NAME.XXXXXXXX.tmp` litter; a file
    that merely looks alike (no sibling of that name, or newer than the run) is kept."""
    article = tmp_path / "a.txt"
    article.write_text("Two  spaces.\n", encoding="utf-8")
    litter = tmp_path / ".a.txt.k3j9_x2q.tmp"
    litter.write_text("half written", encoding="utf-8")
    unrelated = tmp_path / ".notes.txt.abcdefgh.tmp"  # no notes.txt beside it: not ours
    unrelated.write_text("keep", encoding="utf-8")
    past = 1_000_000_000
    for path in (litter, unrelated):
        os.utime(path, (past, past))
    result = subprocess.run([sys.executable, "-m", "termcheck", "lint", "--isolated", "--fix",
                             str(article)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert article.read_text(encoding="utf-8") == "Two spaces.\n"
    assert not litter.exists() and unrelated.exists()


def test_clean_keeps_a_record_without_string_text_in_its_place(tmp_path: Path) -> None:
    """Item 3: a record whose text is null (or a number) stays on its line, unchanged, with the
    problem under "termcheck"; output lines stay aligned with the input's records."""
    source = tmp_path / "in"
    source.mkdir()
    (source / "r.jsonl").write_text('{"id": 1, "text": "a  b"}\n{"id": 2, "text": null}\n'
                                    '{"id": 3, "text": 7}\n', encoding="utf-8")
    result = CliRunner().invoke(app, ["clean", "--isolated", str(source), "--out",
                                      str(tmp_path / "out")])
    assert result.exit_code == 0, result.output  # kept, with their problems, not skipped
    lines = (tmp_path / "out" / "r.jsonl").read_text(encoding="utf-8").splitlines()
    records = [json.loads(line) for line in lines]
    assert [r["id"] for r in records] == [1, 2, 3]
    assert (records[1]["text"], records[2]["text"]) == (None, 7)
    assert records[1]["termcheck"]["problems"][0]["code"] == "TC-JSONL"


def ledger_of(record: dict[str, Any]) -> list[Any]:
    """The ledger of a cleaned JSONL record: ``termcheck.changes`` (a record of a JSONL input)
    or ``changes`` (termcheck's own record of a plain-text input)."""
    from termcheck.edits import Change

    ours = record.get("termcheck")
    changes = ours.get("changes", []) if isinstance(ours, dict) else record.get("changes", [])
    return [Change.from_dict(item) for item in changes]
