"""Rendering many documents: in this process, or spread over an executor's workers.

A task is one format of one document, with its template context: plain,
picklable data, so any ``concurrent.futures.Executor`` can run it, a process
pool by default or a distributed executor a library user brings. Each worker
process keeps one ``Renderer`` (templates, stylesheets, fonts, base DOCX) for
all the tasks it is given. Results come back in task order whatever the
number of workers, and rendering is deterministic, so the files are the same
byte for byte for any ``--jobs``.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from concurrent.futures import Executor, Future, ProcessPoolExecutor, as_completed
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from generator.output.renderer import Renderer


@dataclass(frozen=True)
class Task:
    doc: str
    format: str
    context: dict[str, Any]
    #: The file problems in the template output are reported against.
    source: Path
    template_dirs: tuple[Path, ...] = ()
    #: A WeasyPrint PDF variant (``pdf/a-2b``…), for PDF tasks.
    pdf_variant: str | None = None


#: Called after each task with the number done, the total and the task.
Progress = Callable[[int, int, Task], None]

_RENDERERS: dict[tuple[Path, ...], Renderer] = {}


def _worker_renderer(template_dirs: tuple[Path, ...]) -> Renderer:
    from generator.output.renderer import Renderer

    renderer = _RENDERERS.get(template_dirs)
    if renderer is None:
        renderer = _RENDERERS[template_dirs] = Renderer(template_dirs)
    return renderer


def forget_renderers() -> None:
    """Drop the renderers kept for template folders (their templates are read again)."""
    _RENDERERS.clear()


def run_task(task: Task) -> bytes:
    """One task in a worker: module-level so executors can pickle a reference to it."""
    return render_with(_worker_renderer(task.template_dirs), task)


def render_with(renderer: Renderer, task: Task) -> bytes:
    formats = (task.format,)
    return renderer.render(task.doc, task.context, formats, task.source, task.pdf_variant)[
        task.format
    ]


def default_jobs() -> int:
    """One worker per CPU this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def run_tasks(
    tasks: Sequence[Task],
    *,
    renderer: Renderer,
    executor: Executor | None = None,
    jobs: int = 1,
    progress: Progress | None = None,
) -> list[bytes]:
    """The bytes of every task, in task order.

    With an ``executor`` it runs there; else with ``jobs`` > 1 and more than
    one task, in a process pool made for this call; else here, with ``renderer``.
    The first failure stops the run and is raised as it was raised in the worker.
    """
    done = 0

    def tick(task: Task) -> None:
        nonlocal done
        done += 1
        if progress is not None:
            progress(done, len(tasks), task)

    if executor is None and (jobs <= 1 or len(tasks) <= 1):
        # ``renderer`` serves the tasks with its template folders; others get their own.
        results = []
        for task in tasks:
            chosen = renderer if task.template_dirs == tuple(renderer.template_dirs) else None
            results.append(render_with(chosen or _worker_renderer(task.template_dirs), task))
            tick(task)
        return results
    with ExitStack() as stack:
        if executor is None:
            executor = stack.enter_context(ProcessPoolExecutor(min(jobs, len(tasks))))
        futures: dict[Future[bytes], int] = {
            executor.submit(run_task, task): index for index, task in enumerate(tasks)
        }
        out: list[bytes | None] = [None] * len(tasks)
        try:
            for future in as_completed(futures):
                index = futures[future]
                out[index] = future.result()
                tick(tasks[index])
        except BaseException:
            for future in futures:
                future.cancel()
            raise
    return [data for data in out if data is not None]
