"""Worker processes die with the run that started them.

When the main process is killed (SIGKILL, SIGTERM, out of memory), nothing closes its process
pool: the forkserver and the workers would keep running. On Linux each of them asks the kernel
for a parent-death signal (``prctl(PR_SET_PDEATHSIG, SIGKILL)``): the forkserver dies with the
main process, and every worker with the forkserver (or with the main process under ``spawn``).
The resource tracker then sees its last writer go and exits by itself. Elsewhere this does
nothing.

Importing this module in the forkserver (it is preloaded there) arms the forkserver: it is a
direct child of the process named by ``MAIN_PID_VARIABLE``. Workers call :func:`die_with_parent`
when they start.
"""

from __future__ import annotations

import ctypes
import os
import signal
import sys

MAIN_PID_VARIABLE = "TERMCHECK_MAIN_PID"
_PR_SET_PDEATHSIG = 1


def mark_main_process() -> None:
    """Name this process as the one whose children must die with it."""
    os.environ[MAIN_PID_VARIABLE] = str(os.getpid())


def die_with_parent() -> None:
    """Be killed when the parent process dies; exit now if it is already gone."""
    if not sys.platform.startswith("linux"):
        return
    parent = os.getppid()
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        if libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) != 0:
            return
    except (OSError, AttributeError):
        return
    if os.getppid() != parent or not _main_alive():  # died before the signal was armed
        os._exit(1)


def _main_alive() -> bool:
    main = os.environ.get(MAIN_PID_VARIABLE, "")
    return not main.isdigit() or _alive(int(main))


def _in_forkserver() -> bool:
    """Whether this process is a forkserver (``python -c "from multiprocessing.forkserver
    import main; main(...)"``), not a program that imports this module."""
    return sys.argv[:1] == ["-c"] and "multiprocessing.forkserver" in sys.modules


def _arm_forkserver() -> None:
    main = os.environ.get(MAIN_PID_VARIABLE)
    if main is None or not main.isdigit() or int(main) == os.getpid() or not _in_forkserver():
        return
    if int(main) == os.getppid():
        die_with_parent()
    elif not _alive(int(main)):  # the main process died before this one started
        os._exit(1)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


_arm_forkserver()
