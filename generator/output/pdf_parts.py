"""A long PDF laid out in parts side by side, then joined into the one document.

WeasyPrint lays a document out on one core, page after page. Where the document
itself starts a new page (a section of a long digest, its appendix), nothing
flows across: the pages after the break are the same whether laid out after
the ones before or alone. So the HTML is cut there, each part is laid out as a
document of its own (on any worker), and the parts' pages are put back in
order with pypdf. What depends on the pages before is the page number: the
parts are laid out without it, and a layer of numbers (page k of the layer
shows "k", laid out by WeasyPrint with the document's own stylesheet, so the
numbers look exactly as in one pass) is drawn over each page once the pages are
counted. The cut points are the document's, never the number of workers': the
joined file is the same whatever runs it.
"""

from __future__ import annotations

import hashlib
import io
import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from generator.model.components import APPENDIX_TITLE, NEW_PAGE
from generator.output.formats import Document

if TYPE_CHECKING:
    from pypdf import PdfWriter

#: Pages without their number: the layer draws it (``!important`` outweighs the
#: profile's rules for the first page and the appendix's).
_WITHOUT_NUMBERS = "\n@page { @top-center { content: none !important; } }\n"
#: The layer: one empty page per number, nothing drawn but the number.
_LAYER_CSS = "\n.page-of-numbers { break-before: page; }\n"
#: Characters of a part's HTML a page holds at the least (a page of the digest's tables
#: holds 2,000 to 6,000): the layer is laid out beside the parts for this many pages, and
#: made longer afterwards only if the parts came out longer still.
_CHARACTERS_A_PAGE = 1500
#: A document shorter than this (about 20 pages) is laid out in one pass: its parts would
#: not pay for the layer and the join.
_WORTH_SPLITTING = 20 * _CHARACTERS_A_PAGE

_BODY = re.compile(r"<body[^>]*>", re.IGNORECASE)
_BODY_END = re.compile(r"</body\s*>", re.IGNORECASE)


@dataclass(frozen=True)
class Numbering:
    """The profile's page-number rules that the layer follows."""

    #: Whether the first page (of the document, and of an appendix numbered on its own)
    #: shows its number.
    first_page: bool
    #: Whether the appendix's pages are numbered from 1.
    restart_in_appendix: bool


@dataclass(frozen=True)
class Split:
    """A document cut where it starts new pages: its parts, in order, and the layer."""

    parts: tuple[Document, ...]
    #: Each part's headings' levels (h1: 1…), in order: its outline items, in PDF's order.
    levels: tuple[tuple[int, ...], ...]
    #: The index of the first part that is (or follows) the appendix; ``len(parts)``
    #: without one.
    appendix_from: int
    numbers: Document
    #: Pages the layer is laid out for.
    layer_pages: int


_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")


def _children(body: str) -> list[tuple[set[str], str, list[int]]]:
    """Each element directly in the body: its classes, its HTML (with the text after it)
    and the levels of the headings in it (the outline WeasyPrint makes of them), in
    order."""
    from lxml import html as lxml_html

    tree = lxml_html.fragment_fromstring(body, create_parent="body")
    lead = tree.text or ""
    children = [(set((child.get("class") or "").split()),
                 lxml_html.tostring(child, encoding="unicode"),
                 [int(h.tag[1]) for h in child.iter(*_HEADINGS)]) for child in tree]  # fmt: skip
    if children:
        children[0] = (children[0][0], lead + children[0][1], children[0][2])
    return children


def split(document: Document, most: int | None = None) -> Split | None:
    """The document in parts, cut before each element of the body that starts a new page
    (``new-page``, the appendix's title), merged into ``most`` parts at the most; ``None``
    when there is nothing to cut, or the PDF is a variant whose structure is made for the
    whole document (PDF/A's metadata, PDF/UA's tags)."""
    if document.pdf_variant is not None or most == 1:
        return None
    head = _BODY.search(document.html)
    tail = _BODY_END.search(document.html)
    if head is None or tail is None:
        return None
    body = document.html[head.end() : tail.start()]
    if len(body) < _WORTH_SPLITTING:
        return None
    pieces: list[str] = []
    levels: list[list[int]] = []
    starts: list[int] = []
    appendix_at: int | None = None
    for index, (classes, markup, headings) in enumerate(_children(body)):
        if not pieces or classes & {NEW_PAGE, APPENDIX_TITLE}:
            pieces.append("")
            levels.append([])
            starts.append(index)
            if APPENDIX_TITLE in classes and appendix_at is None:
                appendix_at = index
        pieces[-1] += markup
        levels[-1] += headings
    if len(pieces) < 2:
        return None
    if most is not None and len(pieces) > most:
        pieces, levels, starts = _grouped(pieces, levels, starts, most, appendix_at)
    prefix, suffix = document.html[: head.end()], document.html[tail.start() :]
    css = document.css + _WITHOUT_NUMBERS
    parts = tuple(replace(document, html=prefix + piece + suffix, css=css) for piece in pieces)
    appendix_from = next((i for i, s in enumerate(starts) if appendix_at is not None
                          and s >= appendix_at), len(parts))  # fmt: skip
    pages = math.ceil(len(body) / _CHARACTERS_A_PAGE) + 1
    return Split(parts, tuple(tuple(found) for found in levels), appendix_from,
                 numbers_layer(document, pages), pages)  # fmt: skip


def _grouped(pieces: list[str], levels: list[list[int]], starts: list[int], most: int,
             appendix_at: int | None) -> tuple[list[str], list[list[int]], list[int]]:  # fmt: skip
    """Adjacent pieces joined into ``most`` parts of about the same size; the appendix
    still starts a part of its own when there are two or more."""
    total = sum(len(p) for p in pieces)
    groups: list[list[int]] = [[]]
    done = 0
    for index, piece in enumerate(pieces):
        opens_appendix = starts[index] == appendix_at and groups[-1]
        full = done >= total * len(groups) / most and groups[-1] and len(groups) < most
        if opens_appendix or full:
            groups.append([])
        groups[-1].append(index)
        done += len(piece)
    while len(groups) > most:  # the appendix's own part pushed one over: join the smallest pair
        sizes = [sum(len(pieces[i]) for i in g) for g in groups]
        pair = min(range(len(groups) - 1), key=lambda i: sizes[i] + sizes[i + 1])
        groups[pair : pair + 2] = [groups[pair] + groups[pair + 1]]
    return (["".join(pieces[i] for i in g) for g in groups],
            [[level for i in g for level in levels[i]] for g in groups],
            [starts[g[0]] for g in groups])  # fmt: skip


def numbers_layer(document: Document, pages: int) -> Document:
    """``pages`` empty pages laid out with the document's stylesheet: page k shows the
    number k where the document's page k would (the first shows none)."""
    head = _BODY.search(document.html)
    opening = document.html[: head.end()] if head else "<html><body>"
    html = opening + '<div class="page-of-numbers"></div>' * pages + "</body></html>"
    return replace(document, html=html, css=document.css + _LAYER_CSS)


def numbers_of(pages: Sequence[int], appendix_from: int, numbering: Numbering) -> list[int | None]:
    """The number each page of the joined document shows (``None``: none), from the
    pages of each part."""
    shown: list[int | None] = []
    count = 0
    for index, part_pages in enumerate(pages):
        if index == appendix_from and numbering.restart_in_appendix:
            count = 0
        for _ in range(part_pages):
            count += 1
            first = count == 1
            shown.append(None if first and not numbering.first_page else count)
    return shown


def join(parts: Sequence[bytes], layer: bytes, split: Split, numbering: Numbering,
         longer_layer: Callable[[int], bytes]) -> bytes:  # fmt: skip
    """The parts' pages in order, each with its number drawn over it, with one outline,
    the first part's metadata and language, and the signature fields where they fell.
    ``longer_layer(pages)`` lays the layer out again when the parts have more pages than
    it was laid out for."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import NameObject

    readers = [PdfReader(io.BytesIO(part)) for part in parts]
    counts = [len(r.pages) for r in readers]
    shown = numbers_of(counts, split.appendix_from, numbering)
    needed = max((n for n in shown if n is not None), default=0)
    numbers = PdfReader(io.BytesIO(layer if needed <= split.layer_pages
                                   else longer_layer(needed)))  # fmt: skip
    writer = PdfWriter()
    outline: list[tuple[int, str, int, Any, Any]] = []
    for reader, levels in zip(readers, split.levels, strict=True):
        offset = len(writer.pages)
        writer.append(reader, import_outline=False)
        items = _outline(reader)
        if len(items) == len(levels):  # else (a heading left out of the outline) by depth
            items = [(level, *item[1:]) for level, item in zip(levels, items, strict=True)]
        outline += [(level, title, offset + page, left, top)
                    for level, title, page, left, top in items]  # fmt: skip
    _overlay(writer, numbers, shown)
    _rebuild_outline(writer, outline)
    first = readers[0]
    if first.metadata is not None:
        writer.add_metadata(dict(first.metadata))
    root = first.root_object
    for key in ("/Lang", "/ViewerPreferences", "/PageMode"):
        if key in root:
            writer.root_object[NameObject(key)] = root[key].clone(writer)
    _identify(writer, parts)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _outline(reader: Any) -> list[tuple[int, str, int, Any, Any]]:
    """Each outline item as (level, title, page, left, top), in order."""
    found: list[tuple[int, str, int, Any, Any]] = []

    def walk(items: list[Any], level: int) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item, level + 1)
            else:
                page = reader.get_destination_page_number(item)
                found.append((level, str(item.title), page, item.left, item.top))

    walk(reader.outline, 0)
    return found


def _rebuild_outline(writer: PdfWriter, items: list[tuple[int, str, int, Any, Any]]) -> None:
    """One tree, as WeasyPrint builds it in one pass: an item is the child of the last
    item of a lower level before it, whichever part each came from."""
    from pypdf.generic import Fit

    parents: list[tuple[int, Any]] = []
    for level, title, page, left, top in items:
        while parents and parents[-1][0] >= level:
            parents.pop()
        parent = parents[-1][1] if parents else None
        made = writer.add_outline_item(title=title, page_number=page, parent=parent,
                                       fit=Fit.xyz(left, top, 0))  # fmt: skip
        parents.append((level, made))


def _overlay(writer: PdfWriter, numbers: Any, shown: Sequence[int | None]) -> None:
    """Page k of the layer drawn over each page numbered k, as a form XObject after the
    page's own content (wrapped in q … Q, so the page's transformation does not carry
    over): no content stream is parsed or rewritten."""
    from pypdf.generic import ArrayObject, DecodedStreamObject, DictionaryObject, NameObject

    forms: dict[int, Any] = {}
    save = writer._add_object(_stream(b"q\n"))
    for page, number in zip(writer.pages, shown, strict=True):
        if number is None:
            continue
        if number not in forms:
            source = numbers.pages[number - 1]
            form = DecodedStreamObject()
            form.set_data(source.get_contents().get_data())
            form[NameObject("/Type")] = NameObject("/XObject")
            form[NameObject("/Subtype")] = NameObject("/Form")
            form[NameObject("/BBox")] = source.mediabox.clone(writer)
            form[NameObject("/Resources")] = source["/Resources"].clone(writer)
            forms[number] = writer._add_object(form)
        resources = page.setdefault(NameObject("/Resources"), DictionaryObject()).get_object()
        xobjects = resources.setdefault(NameObject("/XObject"), DictionaryObject()).get_object()
        # A name of its own: WeasyPrint's pages may share one resource dictionary.
        name = f"/PageNumber{number}"
        xobjects[NameObject(name)] = forms[number]
        contents = page.raw_get("/Contents")  # the reference: a stream must stay indirect
        listed = contents.get_object()
        own = list(listed) if isinstance(listed, list) else [contents]
        draw = writer._add_object(_stream(f"Q\nq {name} Do Q\n".encode()))
        page[NameObject("/Contents")] = ArrayObject([save, *own, draw])


def _stream(data: bytes) -> Any:
    from pypdf.generic import DecodedStreamObject

    stream = DecodedStreamObject()
    stream.set_data(data)
    return stream


def _identify(writer: PdfWriter, parts: Sequence[bytes]) -> None:
    """A file identifier made from the parts, so the joined file is the same byte for byte
    each time (pypdf draws a random one)."""
    from pypdf.generic import ArrayObject, ByteStringObject

    digest = hashlib.sha256()
    for part in parts:
        digest.update(part)
    identifier = ByteStringObject(digest.digest()[:16])
    writer._ID = ArrayObject([identifier, identifier])
