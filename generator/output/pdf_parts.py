"""A long PDF laid out in parts side by side, then joined into the one document.

WeasyPrint lays a document out on one core, page after page. Where the document
itself starts a new page (a section of a long digest, its appendix), nothing
flows across: the pages after the break are the same whether laid out after
the ones before or alone. So the HTML is cut there, each part is laid out as a
document of its own (on any worker), and the parts' pages are put back in
order with qpdf (pikepdf). What depends on the pages before is the page number: the
parts are laid out without it, and a layer of numbers (page k of the layer
shows "k", laid out by WeasyPrint with the document's own stylesheet, so the
numbers look exactly as in one pass) is drawn over each page once the pages are
counted. The cut points are the document's, never the number of workers': the
joined file is the same whatever runs it.
"""

from __future__ import annotations

import io
import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Any

from generator.model.components import APPENDIX_TITLE, NEW_PAGE
from generator.output.formats import Document

#: Pages without their number: the layer draws it (``!important`` outweighs the
#: profile's rules for the first page and the appendix's).
_WITHOUT_NUMBERS = "\n@page { @top-center { content: none !important; } }\n"
#: The layer: one empty page per number, nothing drawn but the number.
_LAYER_CSS = "\n.page-of-numbers { break-before: page; }\n"
#: Characters of HTML a page holds at the least (a digest's pages hold 2,700 to 3,000,
#: tags included): the layer is laid out beside the parts for this many pages, and made
#: longer afterwards only if the parts came out longer still.
_CHARACTERS_A_PAGE = 2200
#: A document shorter than this (about 20 pages) is laid out in one pass: its parts would
#: not pay for the layer and the join.
_WORTH_SPLITTING = 20 * _CHARACTERS_A_PAGE
#: What a page of the layer costs to lay out, in characters of a part's HTML (3 ms against
#: 20 µs, benchmarks/digest.py): how the layer is weighed against the parts.
_LAYER_PAGE_COST = 150

_BODY = re.compile(r"<body[^>]*>", re.IGNORECASE)


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

    def costs(self) -> list[int]:
        """What each part, then the layer, costs to lay out, in characters of HTML: the
        longest are handed out first, so that the workers end together."""
        return [len(part.html) for part in self.parts] + [self.layer_pages * _LAYER_PAGE_COST]


_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
#: Elements a cut may come before: blocks (an inline element marked ``new-page`` starts
#: no page).
_BLOCKS = frozenset({*_HEADINGS, "p", "div", "section", "table", "ul", "ol", "blockquote"})
#: A part holds this many characters at the least (about ten pages): each document laid
#: out costs about what a page does, whatever its length; smaller neighbours are joined.
_LEAST_PART = 10 * _CHARACTERS_A_PAGE
#: What only one pass lays out as it should: other margin boxes than the number's, outline
#: levels or running strings set by CSS, links inside the document, styles inside the body
#: (and @page rules other than ``_PAGE_SELECTORS``: left and right pages, a first page of
#: its own).
_ONE_PASS_CSS = re.compile(
    r"bookmark-|string-set|@(?!top-center)[a-z]+-(?:top|bottom|left|right|center|corner)",
    re.IGNORECASE,
)
_ONE_PASS_BODY = re.compile(r"<style|href\s*=\s*[\"']#|bookmark-|string-set", re.IGNORECASE)
#: The @page rules a part may have: the page, its first page (no number), the appendix's first.
_PAGE_SELECTORS = frozenset({"", ":first", ":nth(1 of appendix)"})


@dataclass(frozen=True)
class _Piece:
    """What lies between two cuts: its HTML, its headings' levels, and whether the
    appendix opens it."""

    html: str
    levels: tuple[int, ...]
    appendix: bool


def _pieces(body: str, breaking: set[str]) -> list[_Piece] | None:
    """The body cut before each block directly in it that starts a page; ``None`` when
    the appendix's title is not directly in the body (a template that wraps it: its
    page numbers start anew only in one pass)."""
    from lxml import html as lxml_html

    tree = lxml_html.fragment_fromstring(body, create_parent="body")
    if any(e.getparent() is not tree for e in tree.find_class(APPENDIX_TITLE)):
        return None
    found: list[_Piece] = []
    levels: list[int] = []
    html, appendix = tree.text or "", False
    for child in tree:
        classes = set((child.get("class") or "").split())
        if (found or html.strip()) and classes & breaking and child.tag in _BLOCKS:
            found.append(_Piece(html, tuple(levels), appendix))
            html, levels, appendix = "", [], bool(APPENDIX_TITLE in classes)
        html += lxml_html.tostring(child, encoding="unicode")
        levels += [int(h.tag[1]) for h in child.iter(*_HEADINGS)]
    found.append(_Piece(html, tuple(levels), appendix))
    return found


def _grouped(pieces: list[_Piece], most: int | None) -> list[_Piece]:
    """Neighbours joined until each part holds ``_LEAST_PART`` characters, then into
    ``most`` parts at the most (the smallest neighbours first), never across the
    appendix's start: its pages are numbered from there."""
    groups: list[list[_Piece]] = []
    for piece in pieces:
        small = groups and sum(len(p.html) for p in groups[-1]) < _LEAST_PART
        if groups and (small and not piece.appendix):
            groups[-1].append(piece)
        else:
            groups.append([piece])
    while len(groups) > 1 and _size(groups[-1]) < _LEAST_PART and not groups[-1][0].appendix:
        groups[-2] += groups.pop()
    while most is not None and len(groups) > most:
        pairs = [i for i in range(len(groups) - 1) if not groups[i + 1][0].appendix]
        if not pairs:
            break
        pair = min(pairs, key=lambda i: _size(groups[i]) + _size(groups[i + 1]))
        groups[pair : pair + 2] = [groups[pair] + groups[pair + 1]]
    return [_Piece("".join(p.html for p in g), tuple(x for p in g for x in p.levels),
                   g[0].appendix) for g in groups]  # fmt: skip


def _size(group: list[_Piece]) -> int:
    return sum(len(piece.html) for piece in group)


def _breaking(document: Document) -> set[str]:
    """The classes that start a page: ``new-page``, and the components the profile
    breaks before (the appendix's title in every built-in profile)."""
    styles = document.profile.styles() if document.profile is not None else {}
    return {NEW_PAGE} | {name for name, style in styles.items() if style.page_break_before}


def _one_pass_only(css: str, body: str) -> bool:
    """Whether the document lays out the same in parts only if laid out in one pass (see
    ``_ONE_PASS_CSS``): the built-in stylesheet never does; a secretariat's may."""
    import tinycss2

    if _ONE_PASS_CSS.search(css) or _ONE_PASS_BODY.search(body):
        return True
    for rule in tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True):
        if rule.type == "at-rule" and rule.lower_at_keyword == "page":
            selector = " ".join(tinycss2.serialize(rule.prelude).split())
            if selector not in _PAGE_SELECTORS:
                return True
            if selector == ":first" and _declares(rule.content):
                return True  # a first page other than by its number (margins, size)
    return False


def _declares(content: list[Any] | None) -> bool:
    """Whether an @page rule's block sets anything but its margin boxes."""
    import tinycss2

    declarations = tinycss2.parse_blocks_contents(content or [], skip_whitespace=True,
                                                  skip_comments=True)  # fmt: skip
    return any(d.type == "declaration" for d in declarations)


def split(document: Document, most: int | None = None) -> Split | None:
    """The document in parts, cut before each block directly in the body that starts a
    new page (``_breaking``), neighbours joined into parts of ten pages or more and
    ``most`` parts at the most; ``None`` (one pass) when there is nothing to cut, the
    document is short, its stylesheet or body asks for one pass (``_one_pass_only``), or
    the PDF is a variant whose structure is made for the whole document (PDF/A's
    metadata, PDF/UA's tags)."""
    if document.pdf_variant is not None or most == 1:
        return None
    head = _BODY.search(document.html)
    end = document.html.lower().rfind("</body")  # the last: one in a comment is not the end
    if head is None or end < head.end():
        return None
    body = document.html[head.end() : end]
    if len(body) < _WORTH_SPLITTING or _one_pass_only(document.css, body):
        return None
    pieces = _pieces(body, _breaking(document))
    if pieces is None or len(pieces) < 2:
        return None
    cuts = len(pieces) - 1
    pieces = _grouped(pieces, most)
    if len(pieces) < 2:
        return None
    prefix, suffix = document.html[: head.end()], document.html[end:]
    css = document.css + _WITHOUT_NUMBERS
    parts = tuple(replace(document, html=prefix + p.html + suffix, css=css) for p in pieces)
    appendix_from = next((i for i, p in enumerate(pieces) if p.appendix), len(parts))
    # Each cut may leave a page part-filled: a page more for each.
    pages = math.ceil(len(body) / _CHARACTERS_A_PAGE) + cuts + 1
    return Split(parts, tuple(p.levels for p in pieces), appendix_from,
                 numbers_layer(document, pages), pages)  # fmt: skip


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


#: What the first part's catalog says of the whole document.
_CATALOG_KEYS = ("/Lang", "/ViewerPreferences", "/PageMode")


def join(parts: Sequence[bytes], layer: bytes, split: Split, numbering: Numbering,
         longer_layer: Callable[[int], bytes]) -> bytes:  # fmt: skip
    """The parts' pages in order, each with its number drawn over it, with one outline,
    the first part's metadata and language, and the signature fields where they fell.
    ``longer_layer(pages)`` lays the layer out again when the parts have more pages than
    it was laid out for. With qpdf (pikepdf): a tenth of the time pypdf takes to parse
    and write the same 160 pages."""
    import pikepdf

    from generator.output.pdf_fonts import merge_fonts  # pikepdf: imported when joining

    sources = [pikepdf.Pdf.open(io.BytesIO(part)) for part in parts]
    shown = numbers_of([len(s.pages) for s in sources], split.appendix_from, numbering)
    needed = max((n for n in shown if n is not None), default=0)
    numbers = pikepdf.Pdf.open(io.BytesIO(layer if needed <= split.layer_pages
                                          else longer_layer(needed)))  # fmt: skip
    joined = pikepdf.Pdf.new()
    outline: list[tuple[int, str, int, float, float]] = []
    for source, levels in zip(sources, split.levels, strict=True):
        offset = len(joined.pages)
        joined.add_pages_from(source, outlines="ignore")
        items = _outline(source)
        if len(items) == len(levels):  # else (a heading left out of the outline) by depth
            items = [(level, *item[1:]) for level, item in zip(levels, items, strict=True)]
        outline += [(level, title, offset + page, left, top)
                    for level, title, page, left, top in items]  # fmt: skip
    _overlay(joined, numbers, shown)
    _rebuild_outline(joined, outline)
    first = sources[0]
    places = [(joined.trailer, first.trailer, "/Info"),
              *((joined.Root, first.Root, key) for key in _CATALOG_KEYS)]  # fmt: skip
    for into, held, key in places:
        if key in held:
            value = held[key]
            into[key] = joined.copy_foreign(value) if value.is_indirect else value
    merge_fonts(joined)  # each part, and the layer, embed their own subset of each face
    out = io.BytesIO()
    # The identifier is made from the content: the same parts give the same bytes.
    joined.save(out, deterministic_id=True, min_version=first.pdf_version,
                object_stream_mode=pikepdf.ObjectStreamMode.generate)  # fmt: skip
    return out.getvalue()


def _overlay(joined: Any, numbers: Any, shown: Sequence[int | None]) -> None:
    """Page k of the layer drawn on each page numbered k, as a form XObject after the
    page's own content, where WeasyPrint draws the margin boxes (a reader finds the
    number last, as in one pass); the page's content is wrapped in q … Q so that its
    transformation does not carry over; under a name of our own (pikepdf's
    ``add_overlay`` draws random names: the file would change from run to run). The
    streams are shared: one "q" for all pages, one drawing for each number."""
    import pikepdf

    save = joined.make_indirect(pikepdf.Stream(joined, b"q\n"))
    drawn: dict[int, tuple[Any, Any]] = {}  # a number's form and the stream drawing it
    for page, number in zip(joined.pages, shown, strict=True):
        if number is None:
            continue
        name = pikepdf.Name(f"/PageNumber{number}")
        if number not in drawn:
            form = joined.copy_foreign(pikepdf.Page(numbers.pages[number - 1]).as_form_xobject())
            draw = pikepdf.Stream(joined, b"Q\nq " + bytes(name.unparse()) + b" Do Q\n")
            drawn[number] = (form, joined.make_indirect(draw))
        form, draw = drawn[number]
        if pikepdf.Name.Resources not in page.obj:
            page.obj.Resources = pikepdf.Dictionary()
        if pikepdf.Name.XObject not in page.obj.Resources:
            page.obj.Resources.XObject = pikepdf.Dictionary()
        page.obj.Resources.XObject[name] = form
        page.contents_add(save, prepend=True)
        page.contents_add(draw)


def _outline(source: Any) -> list[tuple[int, str, int, float, float]]:
    """Each outline item as (depth, title, page, left, top), in order."""
    found: list[tuple[int, str, int, float, float]] = []
    pages = {page.objgen: index for index, page in enumerate(source.pages)}

    def walk(items: Sequence[Any], depth: int) -> None:
        for item in items:
            target = item.destination  # [page, /XYZ, left, top, zoom], as WeasyPrint writes
            found.append((depth, str(item.title), pages[target[0].objgen], float(target[2]),
                          float(target[3])))  # fmt: skip
            walk(item.children, depth + 1)

    with source.open_outline() as outline:
        walk(outline.root, 0)
    return found


def _rebuild_outline(joined: Any, items: list[tuple[int, str, int, float, float]]) -> None:
    """One tree, as WeasyPrint builds it in one pass: an item is the child of the last
    item of a lower level before it, whichever part each came from."""
    import pikepdf

    with joined.open_outline() as outline:
        parents: list[tuple[int, Any]] = []
        for level, title, page, left, top in items:
            while parents and parents[-1][0] >= level:
                parents.pop()
            made = pikepdf.OutlineItem(title, page, "XYZ", left=left, top=top)
            (parents[-1][1].children if parents else outline.root).append(made)
            parents.append((level, made))
