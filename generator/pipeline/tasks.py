"""Writing many files: in this process, or spread over an executor's workers.

A task is one format of one document whose HTML is already rendered: plain,
picklable data, so any ``concurrent.futures.Executor`` can run it, a process
pool by default or a distributed executor a library user brings. Each worker
process keeps one writer per format (fonts, base DOCX) for all the tasks it is
given. Results come back in task order whatever the number of workers, and
writing is deterministic, so the files are the same byte for byte for any
``--jobs``.
"""

from __future__ import annotations

import ctypes
import os
import signal
import sys
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import FIRST_COMPLETED, BrokenExecutor, Executor, Future, wait
from contextlib import ExitStack
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any, TypeVar

from generator.caches import cached
from generator.errors import CrashError
from generator.messages import message
from generator.output.formats import Document, Writer, new_writer, shipped, write

if TYPE_CHECKING:
    from concurrent.futures import ProcessPoolExecutor


@dataclass(frozen=True)
class Task:
    document: Document
    format: str
    #: What the progress display names: the record or period, and the document type.
    label: str
    doc: str


#: Called after each task with the number done, the total and the task.
Progress = Callable[[int, int, Task], None]
#: What the caller knows a task by (its output).
K = TypeVar("K")


@cached
def _worker_writer(fmt: str) -> Writer:
    return new_writer(fmt)


def _shipped(task: Task) -> Task:
    return replace(task, document=shipped(task.document, task.format))


def run_task(task: Task) -> bytes:
    """One task in a worker: module-level so executors can pickle a reference to it."""
    return write(_worker_writer(task.format), task.document)


def _die_with_parent(parent: int) -> None:
    """Worker start-up: end when the run that started it ends, however it ends.

    A run killed with ``kill -9`` or SIGTERM cannot shut its pool down; on
    Linux the kernel then sends each worker SIGTERM (``PR_SET_PDEATHSIG``),
    so no worker is left holding a hundred megabytes forever.
    """
    if sys.platform.startswith("linux"):
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)
    if os.getppid() != parent:  # the parent died before the request was made
        os._exit(1)


#: prctl(2) option: the signal a process gets when its parent dies.
_PR_SET_PDEATHSIG = 1


def _start_worker(parent: int) -> None:
    _die_with_parent(parent)
    _worker_writer("pdf")  # WeasyPrint (0.2 s) imported before the first task comes


def start_workers(count: int) -> ProcessPoolExecutor:
    """A pool of ``count`` workers forked now, each importing the PDF writer (WeasyPrint)
    while the caller is still reading its records: on 2 cores, the imports no longer wait
    for the records."""
    from concurrent.futures import ProcessPoolExecutor  # multiprocessing: 15 ms to import

    pool = ProcessPoolExecutor(count, initializer=_start_worker, initargs=(os.getpid(),))
    pool.submit(os.getpid)  # forks the workers (all at once, with the fork start method)
    return pool


def end_workers(pool: ProcessPoolExecutor) -> None:
    """End the pool's workers now, whatever they are doing: a run interrupted (Ctrl-C,
    SIGINT) or failed does not wait for the PDF a worker is writing (up to 44 s for a
    large digest). ``concurrent.futures`` only waits for them; before Python 3.14's
    ``terminate_workers``, the processes are ended one by one."""
    terminate = getattr(pool, "terminate_workers", None)
    if terminate is not None:
        terminate()
        return
    processes: dict[int, Any] = getattr(pool, "_processes", None) or {}
    for process in list(processes.values()):
        process.terminate()
    # The pool's thread fails what was waiting once it sees the workers gone; a future
    # cancelled before makes it die on it (Python 3.11: InvalidStateError) before it stops
    # the queue's feeder, which may be stuck writing a part no worker will read: the
    # interpreter's exit joined that thread forever (found with a 150-meeting digest in
    # parts interrupted by Ctrl-C). Nothing is cancelled here, and the feeder not joined.
    queue = getattr(pool, "_call_queue", None)
    if queue is not None:
        queue.cancel_join_thread()
    pool.shutdown(wait=False)


def default_jobs() -> int:
    """One worker per CPU this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def pooled(formats: Sequence[str], jobs: int) -> int:
    """How many workers a run of files of ``formats`` (one a file) starts: none for one
    process or one file, else one per file handed out (light formats are written here),
    up to ``jobs``."""
    if jobs <= 1 or len(formats) <= 1:
        return 0
    return min(jobs, sum(fmt not in LOCAL_FORMATS for fmt in formats))


#: Formats the run's own process writes while its workers write the others: quick to
#: import and to write (a DOCX is a fifth of its PDF), they keep this process busy while it
#: waits, and spare a worker WeasyPrint's memory (a digest: 276 -> 241 MiB for all processes).
LOCAL_FORMATS = frozenset({"docx"})


def run_tasks(
    tasks: Iterable[tuple[K, Task]],
    *,
    formats: Sequence[str],
    write: Callable[[Task], bytes],
    deliver: Callable[[K, bytes], None],
    executor: Executor | None = None,
    jobs: int = 1,
    progress: Progress | None = None,
    pool: ProcessPoolExecutor | None = None,
) -> None:
    """Write every task's file, handing each one's bytes to ``deliver`` as soon as it is
    made, with the key it came with: a batch of any size holds only the documents in
    flight, never all of its outputs (``tasks`` may be a generator that renders each
    document when it is asked for the next).

    With an ``executor``, all of them run there. Else, when ``pooled`` gives workers for
    the ``formats`` of the tasks (one a task, known before they are made), the light
    formats are written here with ``write`` while the others run on ``pool``
    (``start_workers``, shut down after) or a pool started now; else all run here. At
    most ``window`` tasks of a generator wait on the workers at a time (all of a list:
    they are made already). The first failure stops the run (the tasks waiting are
    cancelled) and is raised as it was raised in the worker.
    """
    done = 0
    pending: dict[Future[bytes], tuple[K, Task]] = {}

    def finish(key: K, task: Task, data: bytes) -> None:
        nonlocal done
        deliver(key, data)
        done += 1
        if progress is not None:
            progress(done, len(formats), task)

    def collect(block: bool) -> None:
        ready, _ = wait(pending, timeout=None if block else 0, return_when=FIRST_COMPLETED)
        for future in ready:
            key, task = pending.pop(future)
            try:
                data = future.result()
            except BrokenExecutor as e:  # a worker died (SIGSEGV in a C library)
                detail = message("worker_crashed", label=task.label, doc=task.doc,
                                 format=task.format)  # fmt: skip
                raise CrashError(detail) from e
            finish(key, task, data)

    workers = pooled(formats, jobs)
    with ExitStack() as stack:
        if pool is not None:
            stack.enter_context(pool)
        owned = None  # the pool of this run's own, whose workers it may end
        if executor is None and workers:
            executor = owned = pool or stack.enter_context(start_workers(workers))
        window = 2 * max(workers, jobs, 1) + 2
        if isinstance(tasks, Sequence):  # made already: all handed out, none waits on another
            window = max(window, len(tasks))
        try:
            for key, task in tasks:
                if executor is None or (workers and task.format in LOCAL_FORMATS):
                    finish(key, task, write(task))
                else:
                    pending[executor.submit(run_task, _shipped(task))] = (key, task)
                collect(block=len(pending) >= window)
            while pending:
                collect(block=True)
        except BaseException:
            if owned is not None:
                end_workers(owned)  # the tasks waiting end with them (see end_workers)
            else:
                for future in pending:
                    future.cancel()
            raise
