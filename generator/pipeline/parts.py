"""A digest's PDF written as parts on the workers and joined here when the last is back.

The parts and the layer of page numbers are ordinary tasks (``pipeline.tasks``), so
they run wherever documents run: in this process, on the run's worker processes, or
on a dask cluster. The joined file is delivered like any other output, once: a part
that fails fails the run before anything is written.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from generator.output.formats import Document
from generator.output.pdf_parts import Numbering, Split, join, numbers_layer
from generator.pipeline.tasks import Task


@dataclass
class PartedPdf:
    """The parts of one PDF, collected as they come back."""

    document: Document
    split: Split
    numbering: Numbering
    #: Writes a document's PDF in this process (a layer longer than the one laid out).
    write_here: Callable[[Document], bytes]
    _done: dict[int, bytes] = field(default_factory=dict)

    def tasks(self, label: str, doc: str) -> list[tuple[int, Task]]:
        """Each part's task, then the layer's, keyed by their place."""
        count = len(self.split.parts)
        found = [(index, Task(part, "pdf", f"{label} [{index + 1}/{count}]", doc))
                 for index, part in enumerate(self.split.parts)]  # fmt: skip
        numbers = f"{label} [1–{self.split.layer_pages}]"
        return [*found, (count, Task(self.split.numbers, "pdf", numbers, doc))]

    def deliver(self, index: int, data: bytes) -> bytes | None:
        """Keeps one part's bytes; the joined PDF when it was the last one missing."""
        self._done[index] = data
        count = len(self.split.parts)
        if len(self._done) <= count:
            return None
        parts = [self._done[i] for i in range(count)]
        joined = join(parts, self._done[count], self.split, self.numbering, self._longer)
        self._done.clear()
        return joined

    def _longer(self, pages: int) -> bytes:
        return self.write_here(numbers_layer(self.document, pages))
