"""A stand-in for :func:`pipeline.tasks.run_task` that misbehaves on request, for the pool tests:
the task's source name says what to do."""

from __future__ import annotations

import gc
import os
import signal
import time

from pipeline.batch.tasks import Result, Task


def misbehave(task: Task) -> Result:
    if task.source == "hang":
        time.sleep(600)
    if task.source == "crash":
        os.kill(os.getpid(), signal.SIGSEGV)
    if task.source == "memory":
        bytearray(8 * 1024 ** 3)
    return Result("done", page_count=len(task.source), peak_memory_mb=1.0)


def report_collector(task: Task) -> Result:
    """Says in its reason whether Python's cycle collector was on while it ran."""
    return Result("done", reason="collector on" if gc.isenabled() else "collector off")
