"""How a batch shows its progress: a bar on a terminal, plain lines in a log, or nothing.

Progress goes to standard error, so standard output keeps only the results
(the files written) for scripts to read.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager

import click

from generator.messages import message
from generator.pipeline.tasks import Progress, Task


def _label(task: Task) -> str:
    return f"{task.label} → {task.doc}.{task.format}"


def _plain(done: int, total: int, task: Task) -> None:
    click.echo(message("progress_line", done=done, total=total, item=_label(task)), err=True)


@contextmanager
def progress_display(quiet: bool) -> Iterator[Progress | None]:
    if quiet:
        yield None
        return
    if not sys.stderr.isatty():
        yield _plain
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, TextColumn, TimeElapsedColumn
    from rich.progress import Progress as Bar

    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
               TimeElapsedColumn())  # fmt: skip
    with Bar(*columns, console=Console(stderr=True), transient=True) as bar:
        bar_task = bar.add_task(message("progress_bar"), total=None)

        def advance(done: int, total: int, task: Task) -> None:
            bar.update(bar_task, completed=done, total=total, description=_label(task))

        yield advance
