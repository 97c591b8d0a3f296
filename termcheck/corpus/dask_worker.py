"""What each worker of the local Dask cluster that termcheck starts runs as it starts, and again
in a worker that Dask restarts (a worker plugin; imported only with the ``dask`` extra)."""

from __future__ import annotations

import logging
import signal
import threading
from typing import Any

from distributed import WorkerPlugin


class LeaveInterruptsToTheClient(WorkerPlugin):
    """Ignore SIGINT, and do not warn about the tasks that stopping an interrupted run cancels.

    Ctrl-C reaches the whole process group, and each worker would print tracebacks; the
    interrupted main process stops the cluster instead. (``setup`` runs on the worker's event
    loop, in its main thread, where signal handlers can be set.)
    """

    name = "termcheck-leave-interrupts-to-the-client"

    def setup(self, worker: Any) -> None:
        if threading.current_thread() is threading.main_thread():
            signal.signal(signal.SIGINT, signal.SIG_IGN)
        logging.getLogger("distributed.worker.state_machine").addFilter(not_a_cancelled_task)


def not_a_cancelled_task(record: logging.LogRecord) -> bool:
    """False for the warning a worker logs when the client cancels a running task (what
    stopping an interrupted run does)."""
    return not record.getMessage().endswith("ended with CancelledError")
