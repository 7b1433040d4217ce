"""The formats giaoban writes: a registry of writers, all with one interface.

A writer turns one ``Document`` (its HTML, rendered once, with the stylesheet,
profile and properties that lay it out) into the bytes of a file. A new format
is one module with a ``Writer`` class, named here. The modules are imported on
first use, so naming the formats (the command line does) loads no renderer.
"""

from __future__ import annotations

from dataclasses import dataclass
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
    profile: Profile
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


def new_writer(fmt: str) -> Writer:
    writer: Writer = import_module(WRITERS[fmt]).Writer()
    return writer
