"""The documents' HTML to DOCX, styled from the same format profile as the PDF.

It reads the small HTML vocabulary of our templates (docs/html-subset.md):

- ``table.doc-header`` and ``table.doc-closing``: borderless layout tables
  whose column widths come from the profile; any other ``table`` is a data
  table with borders whose ``thead`` rows repeat on every page;
- ``p`` and ``h1``–``h4`` with a component class: a paragraph in that
  component's Word style; bare ``p``, ``h2``, ``h3``, ``h4`` take the body,
  section, subsection and point styles;
- inline ``strong``/``b``, ``em``/``i``, ``u``, ``span`` and ``br``.

Every component is a real Word style ("GB Issuing Body"), so users restyle a
document in Word as usual. A rule under a component is a paragraph border
sized from the font's metrics, which Word and LibreOffice both draw.
"""

from __future__ import annotations

import base64
import datetime as dt
import io
import os
import re
import zipfile
from dataclasses import dataclass
from typing import Any

import lxml.html
from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.styles.style import ParagraphStyle
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph
from lxml.html import HtmlElement

from generator.documents.contexts import Metadata
from generator.model.profiles import TAG_DEFAULTS, Profile, Style
from generator.output.fonts import text_width_pt

_ALIGN = {
    "left": WD_ALIGN_PARAGRAPH.LEFT,
    "center": WD_ALIGN_PARAGRAPH.CENTER,
    "right": WD_ALIGN_PARAGRAPH.RIGHT,
    "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
}
_BLOCKS = {"p", "h1", "h2", "h3", "h4", "h5", "h6"}
_INLINE = {"br", "strong", "b", "em", "i", "u", "span", "sup", "sub", "img"}
_SPACE = re.compile(r"[ \t\r\n\f]+")
RULE_STYLE = "GB Rule"


def style_name(component: str) -> str:
    return "GB " + component.replace("-", " ").title()


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
    match = _DATA_URI.match(element.get("src", ""))
    return base64.b64decode(match["data"]) if match else None


def _set_fonts(rpr: Any, family: str) -> None:
    """Name the font for every script slot, dropping theme fonts that would win."""
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(attr), None)
    for slot in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(slot), family)


def _set_child(parent: Any, tag: str, **attrs: str) -> Any:
    element = parent.find(qn(tag))
    if element is None:
        element = OxmlElement(tag)
        parent.append(element)
    for key, value in attrs.items():
        element.set(qn(key), value)
    return element


def _apply_style(word_style: ParagraphStyle, style: Style, profile: Profile) -> None:
    font = word_style.font
    font.size = Pt(style.size_pt)
    font.bold = style.bold
    font.italic = style.italic
    font.underline = style.underline
    rpr = word_style.element.get_or_add_rPr()
    _set_fonts(rpr, profile.font.family)
    _set_child(rpr, "w:szCs", **{"w:val": str(round(style.size_pt * 2))})
    for tag, on in (("w:bCs", style.bold), ("w:iCs", style.italic)):
        _set_child(rpr, tag, **{"w:val": "1" if on else "0"})
    fmt = word_style.paragraph_format
    fmt.alignment = _ALIGN[style.align]
    fmt.first_line_indent = Mm(style.first_line_indent_cm * 10)
    fmt.space_before = Pt(style.space_before_pt)
    fmt.space_after = Pt(style.space_after_pt)
    fmt.line_spacing = style.line_spacing
    fmt.keep_with_next = style.keep_with_next
    fmt.page_break_before = style.page_break_before
    fmt.widow_control = True


def _add_page_field(paragraph: Paragraph) -> None:
    """A real PAGE field, which Word and LibreOffice update when they lay out."""
    run = paragraph.add_run()
    for kind, text in (("begin", None), ("instr", " PAGE "), ("separate", None), ("text", "2"),
                       ("end", None)):  # fmt: skip
        if kind == "instr":
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = text
        elif kind == "text":
            element = OxmlElement("w:t")
            element.text = text
        else:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        run._r.append(element)


def _base_document(profile: Profile) -> bytes:
    """An empty document with the profile's page, styles and page-number header."""
    doc = Document()
    styles_root = doc.styles.element
    defaults = styles_root.find(qn("w:docDefaults"))
    if defaults is not None:
        rpr = defaults.find(qn("w:rPrDefault") + "/" + qn("w:rPr"))
        if rpr is not None:
            _set_fonts(rpr, profile.font.family)
            _set_child(
                rpr, "w:lang", **{"w:val": "vi-VN", "w:eastAsia": "vi-VN", "w:bidi": "ar-SA"}
            )
    normal = doc.styles["Normal"]
    assert isinstance(normal, ParagraphStyle)
    body = profile.components["body"]
    plain = body.model_copy(
        update={"first_line_indent_cm": 0, "space_after_pt": 0, "align": "left"}
    )
    _apply_style(normal, plain, profile)
    for component, style in profile.styles().items():
        word_style = doc.styles.add_style(style_name(component), WD_STYLE_TYPE.PARAGRAPH)
        word_style.base_style = normal
        word_style.quick_style = True
        _apply_style(word_style, style, profile)
    rule = doc.styles.add_style(RULE_STYLE, WD_STYLE_TYPE.PARAGRAPH)
    rule.base_style = normal
    rule.font.size = Pt(1)
    rule.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    rule.paragraph_format.line_spacing = Pt(1)
    rule.paragraph_format.first_line_indent = Pt(0)
    rule.paragraph_format.space_after = Pt(0)

    section = doc.sections[0]
    page = profile.page
    section.page_width = Mm(page.width_mm)
    section.page_height = Mm(page.height_mm)
    section.top_margin = Mm(page.margins_mm.top)
    section.bottom_margin = Mm(page.margins_mm.bottom)
    section.left_margin = Mm(page.margins_mm.left)
    section.right_margin = Mm(page.margins_mm.right)
    section.header_distance = Mm(profile.page_number.offset_mm)
    section.footer_distance = Mm(profile.page_number.offset_mm)
    section.different_first_page_header_footer = not profile.page_number.first_page
    number = section.header.paragraphs[0]
    number.style = doc.styles[style_name("page-number")]
    number.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _add_page_field(number)
    _prune(doc)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


#: Parts of python-docx's template that our documents do not use: a thumbnail
#: of an empty page (shown as the file's preview), Word 2010's duplicate style
#: sheet and a custom XML item.
_UNUSED_PARTS = (
    RT.THUMBNAIL,
    "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects",
    RT.CUSTOM_XML,
)


def _prune(doc: DocxDocument) -> None:
    """Drop what the template carries but no document of ours uses.

    Every render parses and writes the base again, so its size is paid per
    document: the template's 190 styles, its table of ~370 "latent" built-in
    styles and its extra parts make a plain notice 800 KB; Word and LibreOffice
    need none of them. Kept: the default styles, ours, and what they are based on.
    """
    for rels in (doc.part.package.rels, doc.part.rels):
        for rid, rel in list(rels.items()):
            if rel.reltype in _UNUSED_PARTS:
                del rels[rid]
    root = doc.styles.element
    for latent in root.findall(qn("w:latentStyles")):
        root.remove(latent)
    by_id = {s.get(qn("w:styleId")): s for s in root.findall(qn("w:style"))}
    wanted = [
        sid
        for sid, s in by_id.items()
        if s.get(qn("w:default")) == "1" or _name(s).startswith("GB ")
    ]
    kept: set[str] = set()
    while wanted:
        sid = wanted.pop()
        if sid in kept or sid not in by_id:
            continue
        kept.add(sid)
        based = by_id[sid].find(qn("w:basedOn"))
        if based is not None:
            wanted.append(based.get(qn("w:val")))
    for sid, element in by_id.items():
        if sid not in kept:
            root.remove(element)
            continue
        for tag in ("w:link", "w:next"):
            ref = element.find(qn(tag))
            if ref is not None and ref.get(qn("w:val")) not in kept:
                element.remove(ref)


def _name(style: Any) -> str:
    name = style.find(qn("w:name"))
    return "" if name is None else str(name.get(qn("w:val"), ""))


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
                    out.append(_Segment("", fmt, image=_image(child), width_pt=width))
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


class _Writer:
    """Walks one document's HTML and appends to a python-docx document."""

    def __init__(self, doc: DocxDocument, profile: Profile) -> None:
        self.doc = doc
        self.profile = profile
        self.styles = profile.styles()
        # python-docx resolves a style by name on every assignment (a scan of all
        # styles); the ids are looked up once and set directly instead.
        names = {style_name(c): c for c in self.styles} | {RULE_STYLE: RULE_STYLE}
        self.style_ids = {names[s.name]: s.style_id for s in doc.styles if s.name in names}
        self.fresh_cells: set[int] = set()

    def new_paragraph(self, container: DocxDocument | _Cell) -> Paragraph:
        if isinstance(container, _Cell) and id(container._tc) in self.fresh_cells:
            self.fresh_cells.discard(id(container._tc))
            first: Paragraph = container.paragraphs[0]
            return first
        return container.add_paragraph()

    def component(self, element: HtmlElement) -> str:
        for cls in element.classes:
            if cls in self.styles:
                return str(cls)
        return TAG_DEFAULTS.get(element.tag, "body")

    def blocks(
        self, element: HtmlElement, container: DocxDocument | _Cell, width_pt: float
    ) -> None:
        children = [c for c in element if isinstance(c.tag, str)]
        if all(c.tag in _INLINE for c in children):
            if (element.text or "").strip() or children:
                self.paragraph(element, container, width_pt)
            return
        for child in children:
            if child.tag == "table":
                self.table(child, container, width_pt)
            elif child.tag in _BLOCKS:
                self.paragraph(child, container, width_pt)
            else:
                self.blocks(child, container, width_pt)

    def paragraph(self, element: HtmlElement, container: DocxDocument | _Cell,
                  width_pt: float) -> None:  # fmt: skip
        component = self.component(element)
        style = self.styles[component]
        paragraph = self.new_paragraph(container)
        paragraph._p.style = self.style_ids[component]
        text_parts = []
        for seg in _segments(element):
            if seg.br:
                paragraph.add_run().add_break()
                continue
            if seg.image is not None:
                width = min(seg.width_pt or width_pt, width_pt)
                paragraph.add_run().add_picture(io.BytesIO(seg.image), width=Pt(width))
                continue
            text = seg.text.upper() if style.upper else seg.text
            text_parts.append(text)
            run = paragraph.add_run(text)
            run.bold = True if seg.fmt.bold else None
            run.italic = True if seg.fmt.italic else None
            run.underline = True if seg.fmt.underline else None
        if style.rule is not None:
            paragraph.paragraph_format.space_after = Pt(0)
            self.rule(container, "".join(text_parts), style, width_pt)

    def rule(self, container: DocxDocument | _Cell, text: str, style: Style,
             width_pt: float) -> None:  # fmt: skip
        assert style.rule is not None
        available = width_pt - style.first_line_indent_cm * 72 / 2.54
        measured = text_width_pt(text, self.profile.font.family, style.size_pt, style.bold,
                                 style.italic)  # fmt: skip
        length = style.rule.length * min(measured, available)
        spare = max(0.0, width_pt - length)
        left = {"left": 0.0, "right": spare}.get(style.align, spare / 2)
        paragraph = self.new_paragraph(container)
        paragraph._p.style = self.style_ids[RULE_STYLE]
        fmt = paragraph.paragraph_format
        fmt.left_indent = Pt(left)
        fmt.right_indent = Pt(spare - left)
        fmt.space_before = Pt(style.rule.gap_pt)
        fmt.space_after = Pt(style.space_after_pt)
        borders = _set_child(paragraph._p.get_or_add_pPr(), "w:pBdr")
        _set_child(borders, "w:bottom", **{
            "w:val": "single", "w:sz": str(max(2, round(style.rule.weight_pt * 8))),
            "w:space": "0", "w:color": "000000",
        })  # fmt: skip

    def table(self, element: HtmlElement, container: DocxDocument | _Cell, width_pt: float) -> None:
        rows = element.xpath("./tr | ./thead/tr | ./tbody/tr | ./tfoot/tr")
        if not rows:
            return
        ncols = max(len(row.xpath("./td | ./th")) for row in rows)
        fractions = self.column_fractions(element, ncols)
        widths = [width_pt * f for f in fractions]
        layout = bool({"doc-header", "doc-closing"} & set(element.classes))
        table = container.add_table(rows=0, cols=ncols)
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        table.autofit = False
        self.table_properties(table, width_pt, widths, layout)
        for row_element in rows:
            row = table.add_row()
            trpr = row._tr.get_or_add_trPr()
            if row_element.getparent().tag == "thead":
                _set_child(trpr, "w:tblHeader", **{"w:val": "true"})
            if layout:
                _set_child(trpr, "w:cantSplit", **{"w:val": "true"})
            for cell, cell_element, width in zip(
                row.cells, row_element.xpath("./td | ./th"), widths, strict=False
            ):
                cell.width = Pt(width)
                self.fresh_cells.add(id(cell._tc))
                self.blocks(cell_element, cell, width)

    def column_fractions(self, element: HtmlElement, ncols: int) -> list[float]:
        classes = set(element.classes)
        if "doc-header" in classes:
            first = self.profile.header.issuer_width
        elif "doc-closing" in classes:
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
        _set_child(tblpr, "w:tblW", **{"w:w": str(round(width_pt * 20)), "w:type": "dxa"})
        _set_child(tblpr, "w:tblLayout", **{"w:type": "fixed"})
        borders = _set_child(tblpr, "w:tblBorders")
        for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
            if layout:
                _set_child(borders, f"w:{edge}", **{"w:val": "nil"})
            else:
                _set_child(
                    borders,
                    f"w:{edge}",
                    **{"w:val": "single", "w:sz": "4", "w:space": "0", "w:color": "000000"},
                )
        if layout:
            margins = _set_child(tblpr, "w:tblCellMar")
            for edge in ("left", "right"):
                _set_child(margins, f"w:{edge}", **{"w:w": "0", "w:type": "dxa"})
        for column, width in zip(table.columns, widths, strict=True):
            column.width = Pt(width)


class DocxRenderer:
    """Reusable across documents: the styled base document is built once per profile."""

    def __init__(self) -> None:
        self._bases: dict[str, bytes] = {}

    def base(self, profile: Profile) -> bytes:
        key = profile.model_dump_json()
        if key not in self._bases:
            self._bases[key] = _base_document(profile)
        return self._bases[key]

    def render(self, html: str, profile: Profile, meta: Metadata) -> bytes:
        doc = Document(io.BytesIO(self.base(profile)))
        body = lxml.html.document_fromstring(html).find("body")
        writer = _Writer(doc, profile)
        writer.blocks(body, doc, profile.text_width_mm * 72 / 25.4)
        props = doc.core_properties
        props.title = meta.title
        props.author = meta.author
        props.subject = meta.subject
        props.language = meta.language
        # python-docx writes the time as UTC ("Z") whatever its zone: give it UTC.
        created = meta.created.astimezone(dt.UTC).replace(tzinfo=None)
        props.created = created
        props.modified = created
        props.last_modified_by = meta.author
        props.revision = 1
        out = io.BytesIO()
        doc.save(out)
        return reproducible_zip(out.getvalue(), build_time() or meta.created.replace(tzinfo=None))


def build_time() -> dt.datetime | None:
    """``SOURCE_DATE_EPOCH`` (reproducible-builds.org), when set, dates the package entries."""
    value = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not value.isdigit():
        return None
    return dt.datetime.fromtimestamp(int(value), dt.UTC).replace(tzinfo=None)


def reproducible_zip(data: bytes, when: dt.datetime) -> bytes:
    """The same package with every entry dated ``when``, in a fixed order, with fixed modes.

    python-docx stamps each entry with the current time, so two renders of the
    same record would differ byte for byte; archives and content-hash checks
    need them identical.
    """
    stamp = max(when, dt.datetime(1980, 1, 1)).timetuple()[:6]
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        names = source.namelist()
        # [Content_Types].xml first, as Office writes it; then the parts in name order.
        ordered = sorted(names, key=lambda n: (n != "[Content_Types].xml", n))
        for name in ordered:
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            target.writestr(info, source.read(name), compresslevel=6)
    return out.getvalue()
