"""A fault for process-pool tests: the worker that meets a file named ``*die*`` is killed."""

from __future__ import annotations

import os
import signal
from typing import Any


def kill_on_marker() -> None:
    """``ProcessExecutor(setup=...)``: replace the worker's ``run_one`` by one that SIGKILLs its
    own process on an input whose name contains ``die``."""
    from termcheck.corpus import executors

    original = executors.run_one

    def run_one(task: Any, item: Any) -> Any:
        if "die" in str(getattr(item, "display", "")):
            os.kill(os.getpid(), signal.SIGKILL)
        return original(task, item)

    executors.run_one = run_one
