"""A DOCX file opened as a hostile input: bounded in size, never trusted.

A DOCX is a zip of XML parts. Everything a user may hand over is recognised
before it is read: a binary Word file (.doc), an encrypted (password-protected)
DOCX, which is an OLE compound file, an OpenDocument text, a PDF, a spreadsheet
or presentation; each is refused with a message that says what it is and what
to do. A zip bomb is refused by the sizes its directory declares and by reading
at most the declared size. XML is parsed without DTDs, entities or network, and
relationships to outside targets (linked images, templates) are never followed.
"""

from __future__ import annotations

import posixpath
import stat
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from generator.errors import InputError, Position, Problem
from generator.messages import message, os_reason

#: Largest file read: a notice with its photographs is a few megabytes.
MAX_FILE_BYTES = 20 * 1024 * 1024
#: Largest XML part read, uncompressed (a 200-page document's text is under 5 MB).
MAX_PART_BYTES = 32 * 1024 * 1024
#: Most entries a package may list (Word writes about fifteen).
MAX_ENTRIES = 2000
#: Highest ratio of a part's size to its compressed size: XML compresses ~10 times, a
#: bomb a thousand times and more.
MAX_RATIO = 200

_CFB = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED = "EncryptedPackage".encode("utf-16-le")
_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
_OFFICE_DOCUMENT = (
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
)
_STRICT_DOCUMENT = "http://purl.oclc.org/ooxml/officeDocument/relationships/officeDocument"

_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                          huge_tree=False, remove_pis=True)  # fmt: skip


def refuse(path: Path, msg_id: str, **values: object) -> InputError:
    return InputError([Problem(Position(path), message(msg_id, **values))])


@dataclass(frozen=True)
class Relationship:
    type: str
    #: The part it names, as a path inside the package ("" for an outside target).
    target: str


@dataclass
class Package:
    """The parts of one DOCX, read on demand and parsed once."""

    path: Path
    archive: zipfile.ZipFile
    #: The main document part ("word/document.xml").
    main: str
    _parsed: dict[str, etree._Element | None] = field(default_factory=dict)

    def read(self, name: str) -> bytes | None:
        """A part's bytes, at most ``MAX_PART_BYTES`` whatever its entry claims."""
        try:
            info = self.archive.getinfo(name)
        except KeyError:
            return None
        if info.flag_bits & 0x1:
            raise refuse(self.path, "docx_encrypted")
        if info.file_size > MAX_PART_BYTES or (
            info.file_size > 1024 * 1024 and info.file_size > MAX_RATIO * max(1, info.compress_size)
        ):
            raise refuse(self.path, "docx_bomb", part=name)
        try:
            with self.archive.open(info) as stream:
                data = stream.read(MAX_PART_BYTES + 1)
        except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError, RuntimeError) as e:
            raise refuse(self.path, "docx_corrupt", part=name) from e
        if len(data) > MAX_PART_BYTES:
            raise refuse(self.path, "docx_bomb", part=name)
        return data

    def xml(self, name: str) -> etree._Element | None:
        """A part parsed as XML (``None`` when the package has no such part)."""
        if name not in self._parsed:
            data = self.read(name)
            if data is None:
                self._parsed[name] = None
            else:
                try:
                    self._parsed[name] = etree.fromstring(data, _PARSER)
                except etree.XMLSyntaxError as e:
                    raise refuse(self.path, "docx_corrupt", part=name) from e
        return self._parsed[name]

    def relationships(self, part: str) -> dict[str, Relationship]:
        """A part's relationships by id; outside targets keep an empty target."""
        folder, name = posixpath.split(part)
        rels = self.xml(posixpath.join(folder, "_rels", f"{name}.rels"))
        found: dict[str, Relationship] = {}
        if rels is None:
            return found
        for rel in rels.iter(f"{{{_RELS}}}Relationship"):
            target = rel.get("Target", "")
            if rel.get("TargetMode") == "External":
                target = ""
            elif target.startswith("/"):
                target = target.lstrip("/")
            else:
                target = posixpath.normpath(posixpath.join(folder, target))
            found[rel.get("Id", "")] = Relationship(rel.get("Type", ""), target)
        return found

    def related(self, part: str, kind: str) -> str | None:
        """The first part ``part`` relates to with a relationship type ending in ``kind``."""
        for rel in self.relationships(part).values():
            if rel.type.endswith(f"/{kind}") and rel.target:
                return rel.target
        return None


def _head(path: Path) -> bytes:
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            raise refuse(path, "docx_not_a_file")
        if info.st_size > MAX_FILE_BYTES:
            raise refuse(path, "docx_too_big", size=round(info.st_size / 1024 / 1024, 1),
                          limit=MAX_FILE_BYTES // 1024 // 1024)  # fmt: skip
        with path.open("rb") as stream:
            return stream.read(4096)
    except OSError as e:
        raise refuse(path, "docx_unreadable", reason=os_reason(e)) from e


def _what_else(path: Path, head: bytes) -> str:
    """The message id naming what a file that is not a DOCX is."""
    if head.startswith(_CFB):
        with path.open("rb") as stream:
            whole = stream.read(MAX_FILE_BYTES)
        return "docx_encrypted" if _ENCRYPTED in whole else "docx_is_doc"
    if head.lstrip().startswith(b"%PDF"):
        return "docx_is_pdf"
    if head.startswith(b"{\\rtf"):
        return "docx_is_rtf"
    return "docx_not_docx"


def open_package(path: Path) -> Package:
    """The DOCX at ``path``, checked to be one; every other file is refused, saying why."""
    head = _head(path)
    if not head.startswith(b"PK"):
        raise refuse(path, _what_else(path, head))
    try:
        archive = zipfile.ZipFile(path)
        entries = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as e:
        raise refuse(path, "docx_corrupt", part="zip") from e
    if len(entries) > MAX_ENTRIES:
        raise refuse(path, "docx_too_many_entries", n=len(entries))
    names = {info.filename for info in entries}
    if "mimetype" in names and "content.xml" in names:
        raise refuse(path, "docx_is_odt")
    if any(n.startswith("xl/") for n in names):
        raise refuse(path, "docx_is_other", kind="Excel")
    if any(n.startswith("ppt/") for n in names):
        raise refuse(path, "docx_is_other", kind="PowerPoint")
    package = Package(path, archive, "")
    main = None
    for rel in package.relationships("").values():
        if rel.type in (_OFFICE_DOCUMENT, _STRICT_DOCUMENT) and rel.target:
            main = rel.target
    if main is None or main not in names or "[Content_Types].xml" not in names:
        raise refuse(path, "docx_zip_not_docx")
    package.main = main
    return package
