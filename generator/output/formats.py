"""The formats giaoban writes: a registry of writers, all with one interface.

A writer turns one ``Document`` (its HTML, rendered once, with the stylesheet,
profile and properties that lay it out) into the bytes of a file. A new format
is one module with a ``Writer`` class, named here. The modules are imported on
first use, so naming the formats (the command line does) loads no renderer.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from importlib import import_module
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from generator.model.metadata import Metadata
    from generator.model.profiles import Profile

#: Each format's writer module; its ``Writer`` class writes that format.
WRITERS = {
    "docx": "generator.output.docx",
    "pdf": "generator.output.pdf",
}
FORMATS = tuple(WRITERS)


@dataclass(frozen=True)
class Document:
    """One document ready for the writers: plain, picklable data."""

    html: str
    #: The print stylesheet generated from the profile (the PDF's).
    css: str
    #: ``None`` in a document sent to a writer that reads only the stylesheet (``shipped``).
    profile: Profile | None
    meta: Metadata
    #: The file problems in the output are reported against (a record, the settings).
    source: Path
    #: Folders the document may load images and fonts from (the template folders).
    asset_dirs: tuple[Path, ...] = ()
    #: A WeasyPrint PDF variant (``pdf/a-2b``…), for the PDF.
    pdf_variant: str | None = None


class Writer(Protocol):
    """Keeps what serves many documents (fonts, styled base files) between them."""

    def write(self, document: Document) -> bytes: ...


#: Formats whose writer reads the profile itself; the others read the stylesheet made from it.
PROFILE_READERS = frozenset({"docx"})


def shipped(document: Document, fmt: str) -> Document:
    """The document as sent to a worker writing ``fmt``: without the profile when the writer
    does not read it, so that the worker need not import the models (pydantic, 80 ms) to
    receive it."""
    return document if fmt in PROFILE_READERS else replace(document, profile=None)


def new_writer(fmt: str) -> Writer:
    writer: Writer = import_module(WRITERS[fmt]).Writer()
    return writer


def write(writer: Writer, document: Document) -> bytes:
    """The document's bytes, with the garbage collector kept out of the way meanwhile."""
    with _fewer_collections():
        return writer.write(document)


#: Allocations between two collections of the youngest generation while a file is written.
_WRITING_THRESHOLD = 50_000


@contextmanager
def _fewer_collections() -> Iterator[None]:
    """Layout makes millions of short-lived objects that reference counting frees; the
    cyclic collector, run every 700 allocations by default, then scans a heap that keeps
    growing with the pages laid out: 20 % of a 100-page digest (5.1 s to 4.0 s, the same
    peak memory, benchmarks/digest.py). The default comes back after the write."""
    before = gc.get_threshold()
    gc.set_threshold(_WRITING_THRESHOLD, 50, 1000)
    try:
        yield
    finally:
        gc.set_threshold(*before)
