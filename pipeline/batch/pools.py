"""Where tasks run: a supervised pool of local worker processes, or a Dask cluster.

Both pools have one interface: :meth:`submit` a :class:`~pipeline.batch.tasks.Task`, then
:meth:`results` gives the ``(task, result)`` pairs that have finished, waiting for at
least one. A task that fails in the worker comes back as a failed result; a task whose
worker dies, runs out of memory or passes the time limit comes back failed too, with
the reason, and the worker is replaced; the other tasks go on.

The local pool is a small supervisor rather than :mod:`concurrent.futures`, whose
process pool can neither stop a task that hangs nor survive a worker that crashes.
"""

from __future__ import annotations

import contextlib
import gc
import multiprocessing
import os
import resource
import signal
import time
from collections import deque
from collections.abc import Callable, Iterator
from multiprocessing.connection import Connection, wait

from .tasks import Result, Task, run_task

POLL_SECONDS = 1.0
"""How often the local pool checks for tasks past their deadline when nothing else happens."""


Work = Callable[[Task], Result]


class LocalPool:
    """``workers`` processes, each running one task at a time (``work``, a module-level
    function); a task may take ``timeout`` seconds, a worker may use ``max_memory_mb`` of
    address space (None: no limit)."""

    def __init__(self, workers: int, timeout: float | None = None, max_memory_mb: int | None = None,
                 work: Work = run_task) -> None:
        self._context = multiprocessing.get_context("forkserver")
        self._context.set_forkserver_preload(["pipeline.batch.tasks"])
        self._timeout = timeout
        self._max_memory_mb = max_memory_mb
        self._work = work
        self._size = workers
        self._idle: list[_Worker] = []
        self._busy: dict[_Worker, tuple[Task, float]] = {}
        self._queue: deque[Task] = deque()

    def submit(self, task: Task) -> None:
        self._queue.append(task)

    def pending(self) -> bool:
        return bool(self._queue or self._busy)

    def results(self) -> list[tuple[Task, Result]]:
        """The tasks finished since the last call (at least one, while any is pending)."""
        finished: list[tuple[Task, Result]] = []
        while not finished and self.pending():
            self._dispatch()
            finished = self._collect()
        return finished

    def close(self) -> None:
        for worker in [*self._idle, *self._busy]:
            worker.stop()
        self._idle.clear()
        self._busy.clear()

    def _dispatch(self) -> None:
        while self._queue and len(self._busy) < self._size:
            worker = self._idle.pop() if self._idle else _Worker(self._context, self._max_memory_mb, self._work)
            task = self._queue.popleft()
            try:
                worker.connection.send(task)
            except OSError:  # an idle worker killed from outside: replace it, keep the task
                worker.stop()
                self._queue.appendleft(task)
                continue
            deadline = time.monotonic() + self._timeout if self._timeout else float("inf")
            self._busy[worker] = (task, deadline)

    def _collect(self) -> list[tuple[Task, Result]]:
        waiting = [handle for worker in self._busy for handle in (worker.connection, worker.process.sentinel)]
        wait(waiting, timeout=self._wait_seconds())
        finished = []
        for worker, (task, deadline) in list(self._busy.items()):
            result = self._outcome(worker, deadline)
            if result is not None:
                del self._busy[worker]
                finished.append((task, result))
                self._release(worker, result)
        return finished

    def _wait_seconds(self) -> float:
        soonest = min(deadline for _, deadline in self._busy.values())
        return max(0.0, min(soonest - time.monotonic(), POLL_SECONDS))

    def _outcome(self, worker: _Worker, deadline: float) -> Result | None:
        """The worker's result, a failure if it died or overran; None while it is still working."""
        if worker.connection.poll():
            try:
                return worker.connection.recv()
            except (EOFError, OSError):
                return worker.death()
        if not worker.process.is_alive():
            return worker.death()
        if time.monotonic() > deadline:
            worker.stop()
            return Result("failed", reason=f"timed out after {self._timeout:g} s", kind="timeout", retire=True)
        return None

    def _release(self, worker: _Worker, result: Result) -> None:
        if result.retire:
            worker.stop()
        else:
            self._idle.append(worker)


class _Worker:
    """One worker process and the parent's end of its pipe."""

    def __init__(self, context, max_memory_mb: int | None, work: Work) -> None:
        self.connection, child = context.Pipe()
        self.process = context.Process(target=serve, args=(child, max_memory_mb, work), daemon=True)
        self.process.start()
        child.close()

    def death(self) -> Result:
        """The failure of the task the process was running when it ended: a kill (the kernel's
        answer to running out of memory) is a ``memory`` failure, any other end a ``crash``."""
        self.process.join(5)
        self._kill_group()
        code = self.process.exitcode
        if code == -signal.SIGKILL:
            return Result("failed", reason="worker killed (signal 9, SIGKILL: out of memory?)", kind="memory",
                          retire=True)
        if code is not None and code < 0:
            reason = f"worker crashed (signal {-code}, {signal.Signals(-code).name})"
        else:
            reason = f"worker exited unexpectedly (exit code {code})"
        return Result("failed", reason=reason, kind="crash", retire=True)

    def stop(self) -> None:
        self._kill_group()
        if self.process.is_alive():
            self.process.kill()
        self.process.join()
        self.connection.close()

    def _kill_group(self) -> None:
        """Kill what the worker started (a Tesseract process) along with it: a worker leads its
        own process group (see :func:`serve`)."""
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(self.process.pid, signal.SIGKILL)


def serve(connection: Connection, max_memory_mb: int | None, work: Work) -> None:
    """A worker's loop: receive tasks, send results, until the pipe closes."""
    os.setpgrp()  # its own process group, so that stopping it also stops the programs it runs
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    if max_memory_mb:
        limit = max_memory_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    while True:
        try:
            task = connection.recv()
        except EOFError:
            return
        try:
            with garbage_collection_paused():
                result = work(task)
        except MemoryError:
            result = Result("failed", reason=f"ran out of memory (limit {max_memory_mb} MB)", kind="memory",
                            retire=True)
        connection.send(result)
        if result.retire:
            return


@contextlib.contextmanager
def garbage_collection_paused() -> Iterator[None]:
    """Pause Python's cycle collector while a worker does a task.

    The stages allocate hundreds of thousands of small objects and make no reference
    cycles, so the collector's repeated scans cost time (about 15%, and most of the time
    pickle takes for a stored part) and free nothing. Only a process that does nothing
    else may pause it: a worker of the local pool, never a caller of ``process_pdf``.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


class DaskPool:
    """The tasks on a Dask distributed cluster (``scheduler``: its address, e.g. ``tcp://host:8786``).

    Workers must reach the inputs and the output folder by the same paths (shared storage).
    Tasks are handed to the cluster as it has threads free, so that ``timeout`` counts from
    when a task can start; a task past it is reported failed and cancelled (Dask cannot
    stop a running thread: its worker finishes it in the background); a worker that dies
    is replaced by its nanny, and a task that killed workers is reported failed.
    """

    def __init__(self, scheduler: str, timeout: float | None = None) -> None:
        from distributed import Client

        self._client = Client(scheduler)
        self._timeout = timeout
        self._queue: deque[Task] = deque()
        self._running: dict = {}

    def submit(self, task: Task) -> None:
        self._queue.append(task)

    def pending(self) -> bool:
        return bool(self._queue or self._running)

    def _hand_out(self) -> None:
        threads = max(sum(self._client.nthreads().values()), 1)
        while self._queue and len(self._running) < threads:
            task = self._queue.popleft()
            future = self._client.submit(run_task, task, pure=False)
            deadline = time.monotonic() + self._timeout if self._timeout else float("inf")
            self._running[future] = (task, deadline)

    def results(self) -> list[tuple[Task, Result]]:
        from distributed import wait as wait_for

        finished: list[tuple[Task, Result]] = []
        while not finished and self.pending():
            self._hand_out()
            soonest = min(deadline for _, deadline in self._running.values())
            with contextlib.suppress(TimeoutError):
                wait_for(list(self._running), timeout=max(0.1, min(soonest - time.monotonic(), POLL_SECONDS)),
                         return_when="FIRST_COMPLETED")
            finished = [self._take(future) for future in list(self._running) if self._is_over(future)]
        return finished

    def _is_over(self, future) -> bool:
        return future.done() or time.monotonic() > self._running[future][1]

    def _take(self, future) -> tuple[Task, Result]:
        task, _ = self._running.pop(future)
        if not future.done():
            future.cancel()
            return task, Result("failed", reason=f"timed out after {self._timeout:g} s", kind="timeout")
        try:
            return task, future.result()
        except MemoryError:
            return task, Result("failed", reason="ran out of memory", kind="memory")
        except Exception as error:  # KilledWorker and the like: the task brought workers down
            return task, Result("failed", reason=f"worker crashed ({type(error).__name__}: {error})", kind="crash")

    def close(self) -> None:
        self._client.close()
