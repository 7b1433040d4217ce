"""The documents' HTML walked into a python-docx document.

It reads the small HTML vocabulary of our templates (docs/html-subset.md,
``generator.model.components``):

- ``table.doc-header`` and ``table.doc-closing``: borderless layout tables
  whose column widths come from the profile; any other ``table`` is a data
  table with borders whose ``thead`` rows repeat on every page;
- ``p`` and ``h1``–``h4`` with a component class: a paragraph in that
  component's Word style; bare ``p``, ``h2``, ``h3``, ``h4`` take the body,
  section, subsection and point styles;
- inline ``strong``/``b``, ``em``/``i``, ``u``, ``span``, ``sup``, ``sub``, ``img``
  and ``br``.

A rule under a component is a paragraph border sized from the font's metrics,
which Word and LibreOffice both draw.

Paragraphs, runs and table rows, a long digest's thousands of cells, are built
with lxml (``oxml``): python-docx's setters cost seven times as much for the same
XML. python-docx keeps the document, the tables' own properties, images and the
paragraph settings few paragraphs have.
"""

from __future__ import annotations

import base64
import io
import re
from copy import deepcopy
from dataclasses import dataclass
from typing import cast

from docx.document import Document as DocxDocument
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.oxml.ns import qn
from docx.oxml.table import CT_Tc
from docx.oxml.text.paragraph import CT_P
from docx.shared import Pt
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph
from docx.text.parfmt import ParagraphFormat
from lxml.etree import _Element
from lxml.html import HtmlElement

from generator.model.components import (
    APPENDIX_TITLE,
    BLOCK_TAGS,
    CLOSING_TABLE,
    DATA_TABLE_MARGIN_PT,
    HEADER_TABLE,
    INLINE_TAGS,
    KEEP_WITH_NEXT,
    LAYOUT_TABLES,
    LEVEL_WITH_RECIPIENTS,
    NEW_PAGE,
    RULE,
    TAG_DEFAULTS,
)
from generator.model.profiles import Profile, Style
from generator.output.docx.oxml import (
    add_line_break,
    add_paragraph,
    add_text_run,
    row_template,
    set_child,
    set_style,
)
from generator.output.docx.styles import RULE_LINE_PT, style_name
from generator.output.fonts import text_width_pt

_SPACE = re.compile(r"[ \t\r\n\f]+")


@dataclass(frozen=True)
class _Format:
    bold: bool = False
    italic: bool = False
    underline: bool = False


@dataclass
class _Segment:
    text: str
    fmt: _Format
    br: bool = False
    image: bytes | None = None
    width_pt: float | None = None
    #: What the image shows, for readers who cannot see it (Word's alt text).
    alt: str = ""


_DATA_URI = re.compile(r"^data:image/(?:png|jpeg|gif);base64,(?P<data>.+)$", re.DOTALL)
_WIDTH = re.compile(r"width:\s*(?P<value>[\d.]+)\s*(?P<unit>mm|cm|pt|%)")


def _length_pt(style: str, relative_to: float) -> float | None:
    """A CSS width from a ``style`` attribute, in points."""
    match = _WIDTH.search(style)
    if not match:
        return None
    value = float(match["value"])
    factor = {"mm": 72 / 25.4, "cm": 72 / 2.54, "pt": 1.0, "%": relative_to / 100}
    return value * factor[match["unit"]]


def _image(element: HtmlElement) -> bytes | None:
    """The image's bytes: ``data-png`` (the raster twin of a vector ``src``) or ``src``."""
    match = _DATA_URI.match(element.get("data-png") or element.get("src", ""))
    return base64.b64decode(match["data"]) if match else None


def _segments(element: HtmlElement) -> list[_Segment]:
    """The inline content of a block, with HTML white-space collapsing."""
    out: list[_Segment] = []

    def walk(node: HtmlElement, fmt: _Format) -> None:
        if node.text:
            out.append(_Segment(node.text, fmt))
        for child in node:
            if isinstance(child.tag, str):
                tag = child.tag
                if tag == "br":
                    out.append(_Segment("", fmt, br=True))
                elif tag == "img":
                    width = _length_pt(child.get("style", ""), 0)
                    out.append(_Segment("", fmt, image=_image(child), width_pt=width,
                                        alt=child.get("alt", "")))  # fmt: skip
                else:
                    walk(
                        child,
                        _Format(
                            bold=fmt.bold or tag in ("strong", "b"),
                            italic=fmt.italic or tag in ("em", "i"),
                            underline=fmt.underline or tag == "u",
                        ),
                    )
            if child.tail:
                out.append(_Segment(child.tail, fmt))

    walk(element, _Format())
    collapsed: list[_Segment] = []
    at_line_start = True
    for seg in out:
        if seg.image is not None:
            collapsed.append(seg)
            at_line_start = False
            continue
        if seg.br:
            if collapsed and collapsed[-1].text.endswith(" "):
                collapsed[-1].text = collapsed[-1].text.rstrip(" ")
            collapsed.append(seg)
            at_line_start = True
            continue
        text = _SPACE.sub(" ", seg.text)
        if at_line_start:
            text = text.lstrip(" ")
        if not text:
            continue
        if collapsed and not collapsed[-1].br and collapsed[-1].text.endswith(" "):
            text = text.lstrip(" ")
        collapsed.append(_Segment(text, seg.fmt))
        at_line_start = False
    while collapsed and not collapsed[-1].br and collapsed[-1].text.endswith(" "):
        collapsed[-1].text = collapsed[-1].text.rstrip(" ")
        if not collapsed[-1].text:
            collapsed.pop()
    return collapsed


@dataclass
class _CellBox:
    """A table cell being filled: python-docx's cell for what is rare (a table in it, its
    paragraphs read back), and the empty paragraph a new cell holds, which the cell's first
    paragraph takes instead of adding one."""

    cell: _Cell
    first: _Element | None


#: Where blocks go: the document's body or a table cell.
Container = DocxDocument | _CellBox


def _format(paragraph: _Element) -> ParagraphFormat:
    """python-docx's view of a paragraph's format, for the settings few paragraphs have."""
    return ParagraphFormat(cast(CT_P, paragraph))


class HtmlWriter:
    """Walks one document's HTML and appends to a python-docx document."""

    def __init__(self, doc: DocxDocument, profile: Profile) -> None:
        self.doc = doc
        self.profile = profile
        self.styles = profile.styles()
        # python-docx resolves a style by name on every assignment (a scan of all
        # styles); the ids are looked up once and set directly instead.
        names = {style_name(c): c for c in (*self.styles, RULE)}
        self.style_ids = {names[s.name]: s.style_id for s in doc.styles if s.name in names}
        #: Space the next paragraph must have above it: a data table just ended.
        self.space_pending = 0.0

    def new_paragraph(self, container: Container, component: str) -> _Element:
        """A paragraph in ``component``'s style, last in ``container`` (a new cell's first
        paragraph is the one the cell has)."""
        if isinstance(container, _CellBox):
            paragraph, container.first = container.first, None
            if paragraph is None:
                paragraph = add_paragraph(container.cell._tc)
        else:
            paragraph = add_paragraph(container.element.body)
        set_style(paragraph, self.style_ids[component])
        return paragraph

    def component(self, element: HtmlElement) -> str:
        for cls in element.classes:
            if cls in self.styles:
                return str(cls)
        return TAG_DEFAULTS.get(element.tag, "body")

    def blocks(self, element: HtmlElement, container: Container, width_pt: float) -> None:
        children = [c for c in element if isinstance(c.tag, str)]
        if all(c.tag in INLINE_TAGS for c in children):
            if (element.text or "").strip() or children:
                self.paragraph(element, container, width_pt)
            return
        for child in children:
            if child.tag == "table":
                self.table(child, container, width_pt)
            elif child.tag in BLOCK_TAGS:
                self.paragraph(child, container, width_pt)
            else:
                self.blocks(child, container, width_pt)

    def paragraph(self, element: HtmlElement, container: Container,
                  width_pt: float) -> None:  # fmt: skip
        component = self.component(element)
        style = self.styles[component]
        restart = component == APPENDIX_TITLE and self.profile.page_number.restart_in_appendix
        if restart and isinstance(container, DocxDocument):
            self.new_section(container)
        paragraph = self.new_paragraph(container, component)
        if restart:  # the section starts the page: no break of its own (LibreOffice adds one)
            _format(paragraph).page_break_before = False
        if KEEP_WITH_NEXT in element.classes:
            _format(paragraph).keep_with_next = True
        if NEW_PAGE in element.classes:
            _format(paragraph).page_break_before = True
        if LEVEL_WITH_RECIPIENTS in element.classes:
            label = self.styles["recipients-label"]
            _format(paragraph).space_before = Pt(label.space_before_pt)
        if self.space_pending:
            gap = max(style.space_before_pt, self.space_pending)
            _format(paragraph).space_before = Pt(gap)
            self.space_pending = 0.0
        text_parts = []
        for seg in _segments(element):
            if seg.br:
                add_line_break(paragraph)
                continue
            if seg.image is not None:
                self.picture(paragraph, seg, min(seg.width_pt or width_pt, width_pt))
                continue
            text = seg.text.upper() if style.upper else seg.text
            text_parts.append(text)
            add_text_run(paragraph, text, seg.fmt.bold, seg.fmt.italic, seg.fmt.underline)
        if style.rule is not None:
            _format(paragraph).space_after = Pt(0)
            self.rule(container, "".join(text_parts), style, width_pt)

    def picture(self, paragraph: _Element, seg: _Segment, width_pt: float) -> None:
        """An image in a run of its own, ``width_pt`` wide, described for those who cannot
        see it (python-docx stores the image in the package)."""
        assert seg.image is not None
        run = Paragraph(cast(CT_P, paragraph), self.doc).add_run()
        shape = run.add_picture(io.BytesIO(seg.image), width=Pt(width_pt))
        shape._inline.docPr.set("descr", seg.alt)

    def new_section(self, doc: DocxDocument) -> None:
        """A section break before the appendix, whose pages are numbered from 1 (HD05).

        Word closes a section with a ``w:sectPr`` in its last paragraph: a copy of the
        document's own (page, margins, headers with their PAGE field, no number on the first
        page), in a 1 pt paragraph, since the closing table before the appendix cannot carry
        it. The document's last section, the appendix, then restarts its numbering.
        """
        final = doc.element.body.sectPr
        carrier = doc.add_paragraph()
        carrier._p.style = self.style_ids[RULE]
        carrier._p.get_or_add_pPr().append(deepcopy(final))
        set_child(final, "w:pgNumType", **{"w:start": "1"})

    def rule(self, container: Container, text: str, style: Style,
             width_pt: float) -> None:  # fmt: skip
        assert style.rule is not None
        available = width_pt - style.first_line_indent_cm * 72 / 2.54
        measured = text_width_pt(text, self.profile.font.family, style.size_pt, style.bold,
                                 style.italic)  # fmt: skip
        length = style.rule.length * min(measured, available)
        spare = max(0.0, width_pt - length)
        left = {"left": 0.0, "right": spare}.get(style.align, spare / 2)
        paragraph = self.new_paragraph(container, RULE)
        fmt = _format(paragraph)
        fmt.left_indent = Pt(left)
        fmt.right_indent = Pt(spare - left)
        # The rule paragraph's own line (1 pt, its style) is part of the gap above the border.
        fmt.space_before = Pt(max(0.0, style.rule.gap_pt - RULE_LINE_PT))
        fmt.space_after = Pt(style.space_after_pt)
        borders = set_child(cast(CT_P, paragraph).get_or_add_pPr(), "w:pBdr")
        set_child(borders, "w:bottom", **{
            "w:val": "single", "w:sz": str(max(2, round(style.rule.weight_pt * 8))),
            "w:space": "0", "w:color": "000000",
        })  # fmt: skip

    def table(self, element: HtmlElement, container: Container, width_pt: float) -> None:
        rows = element.xpath("./tr | ./thead/tr | ./tbody/tr | ./tfoot/tr")
        if not rows:
            return
        ncols = max(len(row.xpath("./td | ./th")) for row in rows)
        fractions = self.column_fractions(element, ncols)
        widths = [width_pt * f for f in fractions]
        layout = bool(set(LAYOUT_TABLES) & set(element.classes))
        if not layout:
            self.space_above_table(container)
        parent = container.cell if isinstance(container, _CellBox) else container
        table = parent.add_table(rows=0, cols=ncols)
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        table.autofit = False
        self.table_properties(table, width_pt, widths, layout)
        # Every cell's width as python-docx writes a cell's width (twips of whole EMUs).
        twips = [str(Pt(width).twips) for width in widths]
        templates = {header: row_template(twips, header) for header in (False, True)}
        for row_element in rows:
            row = deepcopy(templates[row_element.getparent().tag == "thead"])
            table._tbl.append(row)
            cells = row.iterchildren(qn("w:tc"))
            for tc, cell_element, width in zip(
                cells, row_element.xpath("./td | ./th"), widths, strict=False
            ):
                box = _CellBox(_Cell(cast(CT_Tc, tc), table), first=tc[-1])
                self.blocks(cell_element, box, width)
        if not layout:
            self.space_pending = DATA_TABLE_MARGIN_PT

    def space_above_table(self, container: Container) -> None:
        """The space a data table has above it, taken from the paragraph before as CSS
        collapses margins: the larger of that paragraph's space after and the table's."""
        parent = container.cell if isinstance(container, _CellBox) else container
        before = parent.paragraphs[-1] if parent.paragraphs else None
        if before is None or before._p.getnext() is not None:
            return
        style = self.styles.get(self.component_of(before), self.styles["body"])
        space = before.paragraph_format.space_after
        current = space.pt if space is not None else style.space_after_pt
        before.paragraph_format.space_after = Pt(max(current, DATA_TABLE_MARGIN_PT))

    def component_of(self, paragraph: Paragraph) -> str:
        ids = {v: k for k, v in self.style_ids.items()}
        return ids.get(paragraph._p.style or "", "body")

    def column_fractions(self, element: HtmlElement, ncols: int) -> list[float]:
        classes = set(element.classes)
        if HEADER_TABLE in classes:
            first = self.profile.header.issuer_width
        elif CLOSING_TABLE in classes:
            first = self.profile.recipients.width
        else:
            declared = [_length_pt(c.get("style", ""), 1.0) for c in element.iter("col")]
            if len(declared) == ncols and all(declared):
                total = sum(d for d in declared if d)
                return [(d or 0) / total for d in declared]
            return [1 / ncols] * ncols
        return [first, 1 - first] if ncols == 2 else [1 / ncols] * ncols

    def table_properties(self, table: Table, width_pt: float, widths: list[float],
                         layout: bool) -> None:  # fmt: skip
        tblpr = table._tbl.tblPr
        set_child(tblpr, "w:tblW", **{"w:w": str(round(width_pt * 20)), "w:type": "dxa"})
        set_child(tblpr, "w:tblLayout", **{"w:type": "fixed"})
        borders = set_child(tblpr, "w:tblBorders")
        for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
            if layout:
                set_child(borders, f"w:{edge}", **{"w:val": "nil"})
            else:
                set_child(
                    borders,
                    f"w:{edge}",
                    **{"w:val": "single", "w:sz": "4", "w:space": "0", "w:color": "000000"},
                )
        if layout:
            margins = set_child(tblpr, "w:tblCellMar")
            for edge in ("left", "right"):
                set_child(margins, f"w:{edge}", **{"w:w": "0", "w:type": "dxa"})
        for column, width in zip(table.columns, widths, strict=True):
            column.width = Pt(width)
