"""A DOCX read into the paragraphs a reader sees, in reading order, each with where it
stands (the body, a table's cell, a page header), its text as Word shows it, and its
effective formatting (``formatting``).

The text is what Word displays: tracked insertions accepted and deletions dropped,
a field's result (not its code), a soft line break as a newline, a tab as a tab,
non-breaking spaces kept as such, hidden text left out, and the label Word's own
list numbering draws before an item ("1.", "a)", "-") computed apart from it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from generator.reading.formatting import (
    ParagraphFormat,
    RunFormat,
    Styles,
    is_on,
    runs_of,
    w,
)
from generator.reading.package import Package, open_package, refuse

_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_TEXT_BOX = "{http://schemas.microsoft.com/office/word/2010/wordprocessingShape}txbx"
_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"


@dataclass(frozen=True)
class Place:
    """Where a paragraph stands: ``part`` is "body", "header", "footer" or "text box";
    ``table``, ``row`` and ``cell`` count from 1 (``table`` 0: not in a table)."""

    part: str = "body"
    table: int = 0
    row: int = 0
    cell: int = 0


@dataclass(frozen=True)
class Run:
    text: str
    format: RunFormat


@dataclass
class Paragraph:
    #: Its number in reading order, counting from 1 (the "đoạn" of messages).
    index: int
    runs: list[Run]
    format: ParagraphFormat
    #: The name of its paragraph style, as Word's Styles gallery shows it.
    style: str
    place: Place
    #: The label Word's list numbering draws before it ("1.", "a)", "-"), or "".
    label: str = ""
    images: int = 0
    #: The instructions of the fields in it ("PAGE", "DATE \\@ …").
    fields: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        """The text as typed (capitals set by formatting not applied)."""
        return "".join(r.text for r in self.runs)

    @property
    def shown(self) -> str:
        """The text as it is shown: runs in capitals by formatting are in capitals."""
        return "".join(r.text.upper() if r.format.caps else r.text for r in self.runs)

    def lettered_runs(self, line: int | None = None) -> list[Run]:
        """The runs that show a letter or digit: what a reader judges the look by; of one
        line only (the lines a soft break separates, from 0), or of all."""
        runs = self.runs if line is None else self.lines()[line]
        return [r for r in runs if any(c.isalnum() for c in r.text)]

    def lines(self) -> list[list[Run]]:
        """The runs of each line a soft line break ends."""
        out: list[list[Run]] = [[]]
        for run in self.runs:
            for n, piece in enumerate(run.text.split("\n")):
                if n:
                    out.append([])
                if piece:
                    out[-1].append(Run(piece, run.format))
        return out

    def excerpt(self, words: int = 6) -> str:
        text = " ".join(self.text.split())
        cut = " ".join(text.split(" ")[:words])
        return cut + ("…" if len(cut) < len(text) else "")


@dataclass(frozen=True)
class Section:
    width_mm: float
    height_mm: float
    top_mm: float
    bottom_mm: float
    left_mm: float
    right_mm: float
    header_mm: float
    #: Whether page 1 has a header of its own ("different first page").
    title_page: bool
    #: The page headers by kind ("default", "first", "even"), their paragraphs.
    headers: dict[str, list[Paragraph]]
    footers: dict[str, list[Paragraph]]


@dataclass
class Document:
    path: Path
    paragraphs: list[Paragraph]
    sections: list[Section]
    #: How many tables stand in the body (nested tables not counted).
    tables: int


_TWIP_MM = 25.4 / 1440


class _Reader:
    def __init__(self, package: Package) -> None:
        self.package = package
        main = package.main
        self.styles = Styles.read(
            package.xml(package.related(main, "styles") or ""),
            package.xml(package.related(main, "theme") or ""),
            package.xml(package.related(main, "numbering") or ""),
        )
        self.counters: dict[str, list[int]] = {}
        self.index = 0
        self.field_depth = 0

    # -- paragraphs ------------------------------------------------------------------

    def paragraph(self, p: etree._Element, place: Place, table_style: str | None,
                  out: list[Paragraph]) -> None:  # fmt: skip
        ppr = p.find(w("pPr"))
        props = self.styles.paragraph_props(ppr, table_style)
        style_id = props.get("pStyle", {}).get("val") or self.styles.defaults.get("paragraph")
        fmt = self.styles.paragraph_format(props)
        runs: list[Run] = []
        fields: list[str] = []
        images = 0
        boxes: list[etree._Element] = []
        for r in runs_of(p):
            text, instruction, found = self.run_text(r)
            if instruction:
                fields.append(instruction)
            images += found
            boxes += [b for b in r.iter(_TEXT_BOX) if not _in_fallback(b)]
            if not text:
                continue
            rformat = self.styles.run_format(
                self.styles.run_props(style_id, r.find(w("rPr")), table_style), text
            )
            if not rformat.hidden:
                runs.append(Run(text, rformat))
        for simple in p.iter(w("fldSimple")):
            fields.append(simple.get(w("instr"), "").strip())
        self.index += 1
        out.append(Paragraph(self.index, _joined(runs), fmt, self.styles.name(style_id), place,
                             self.label(fmt), images, fields))  # fmt: skip
        for box in boxes:
            for inner in box.iter(w("p")):
                self.paragraph(inner, Place("text box"), None, out)

    def run_text(self, r: etree._Element) -> tuple[str, str, int]:
        """A run's shown text, the field instruction it holds, and its images."""
        parts: list[str] = []
        instruction: list[str] = []
        images = 0
        for child in r:
            if not isinstance(child.tag, str):
                continue
            tag = etree.QName(child).localname
            if tag == "fldChar":
                kind = child.get(w("fldCharType"))
                if kind == "begin":
                    self.field_depth += 1
                elif kind in ("separate", "end") and self.field_depth:
                    self.field_depth -= 1
            elif tag == "instrText":
                instruction.append(child.text or "")
            elif self.field_depth:
                continue  # inside a field's code: not shown
            elif tag == "t":
                parts.append(child.text or "")
            elif tag == "tab" or tag == "ptab":
                parts.append("\t")
            elif tag in ("br", "cr"):
                if child.get(w("type"), "textWrapping") == "textWrapping":
                    parts.append("\n")
            elif tag == "noBreakHyphen":
                parts.append("-")
            elif tag == "sym":
                parts.append(_symbol(child.get(w("char"), "20")))
            elif tag in ("drawing", "pict", "object", "AlternateContent"):
                # Word 2010 and later, and LibreOffice, write every shape as
                # mc:AlternateContent (a drawing, and a VML fallback for older readers).
                images += 1
        return "".join(parts), "".join(instruction).strip(), images

    def label(self, fmt: ParagraphFormat) -> str:
        """The label Word draws for a list item, counting the items before it."""
        lvl = self.styles.level(fmt.num_id, fmt.level)
        if lvl is None or fmt.num_id is None:
            return ""
        counters = self.counters.setdefault(fmt.num_id, [])
        while len(counters) <= fmt.level:
            counters.append(0)
        start = _value(lvl, "start", 1)
        counters[fmt.level] = counters[fmt.level] + 1 if counters[fmt.level] else start
        del counters[fmt.level + 1 :]
        text = _value_text(lvl, "lvlText")
        for n, count in enumerate(counters, start=1):
            level = self.styles.level(fmt.num_id, n - 1)
            kind = "decimal" if level is None else _value_text(level, "numFmt") or "decimal"
            text = text.replace(f"%{n}", _format_number(count or 1, kind))
        if _value_text(lvl, "numFmt") == "bullet":
            text = {"\uf0b7": "•", "\uf0a7": "▪", "\uf0d8": "➢", "o": "◦"}.get(text, text)
        return text

    # -- the body --------------------------------------------------------------------

    def blocks(self, container: etree._Element, place: Place, table_style: str | None,
               out: list[Paragraph], tables: list[int]) -> None:  # fmt: skip
        for child in container:
            if child.tag == w("p"):
                self.paragraph(child, place, table_style, out)
            elif child.tag == w("tbl"):
                if place.table == 0 and place.part == "body":
                    tables[0] += 1
                self.table(child, place, tables, out)
            elif child.tag in (w("sdt"), w("customXml")):
                content = child.find(w("sdtContent"))
                self.blocks(child if content is None else content, place, table_style, out,
                            tables)  # fmt: skip
            elif child.tag in (w("ins"), w("moveTo")):
                self.blocks(child, place, table_style, out, tables)

    def table(self, tbl: etree._Element, place: Place, tables: list[int],
              out: list[Paragraph]) -> None:  # fmt: skip
        style = tbl.find(f"{w('tblPr')}/{w('tblStyle')}")
        style_id = None if style is None else style.get(w("val"))
        number = place.table or tables[0]
        rows = [tr for tr in tbl.iter(w("tr")) if _row_of(tr, tbl)]
        for row_index, tr in enumerate(rows, start=1):
            for cell_index, tc in enumerate(tr.findall(w("tc")), start=1):
                here = Place(place.part, number, place.row or row_index,
                             place.cell or cell_index) if not place.table else place  # fmt: skip
                self.blocks(tc, here, style_id, out, tables)

    def section(self, sect: etree._Element) -> Section:
        size = sect.find(w("pgSz"))
        margins = sect.find(w("pgMar"))

        def mm(element: etree._Element | None, name: str, default: float) -> float:
            if element is None or element.get(w(name)) is None:
                return default
            try:
                return abs(float(element.get(w(name), "0"))) * _TWIP_MM
            except ValueError:
                return default

        parts: dict[str, dict[str, list[Paragraph]]] = {"header": {}, "footer": {}}
        relationships = self.package.relationships(self.package.main)
        for kind in ("header", "footer"):
            for ref in sect.findall(w(f"{kind}Reference")):
                rel = relationships.get(ref.get(f"{{{_R}}}id", ""))
                root = None if rel is None or not rel.target else self.package.xml(rel.target)
                found: list[Paragraph] = []
                if root is not None:
                    saved = self.index
                    self.blocks(root, Place(kind), None, found, [0])
                    self.index = saved
                parts[kind][ref.get(w("type"), "default")] = found
        return Section(
            width_mm=mm(size, "w", 215.9),
            height_mm=mm(size, "h", 279.4),
            top_mm=mm(margins, "top", 25.4),
            bottom_mm=mm(margins, "bottom", 25.4),
            left_mm=mm(margins, "left", 25.4),
            right_mm=mm(margins, "right", 25.4),
            header_mm=mm(margins, "header", 12.7),
            title_page=_on(sect.find(w("titlePg"))),
            headers=parts["header"],
            footers=parts["footer"],
        )


def _row_of(tr: etree._Element, tbl: etree._Element) -> bool:
    """Whether a row belongs to this table (not to a table nested in one of its cells)."""
    parent = tr.getparent()
    while parent is not None and parent.tag != w("tbl"):
        parent = parent.getparent()
    return parent is tbl


def _on(element: etree._Element | None) -> bool:
    if element is None:
        return False
    return is_on({etree.QName(k).localname: str(v) for k, v in element.attrib.items()})


def _in_fallback(element: etree._Element) -> bool:
    """A text box drawn twice (DrawingML and its VML fallback) is read once."""
    return any(a.tag == _MC_FALLBACK for a in element.iterancestors())


def _joined(runs: list[Run]) -> list[Run]:
    """Runs of the same look joined: text split across runs reads as one."""
    out: list[Run] = []
    for run in runs:
        if out and out[-1].format == run.format:
            out[-1] = Run(out[-1].text + run.text, run.format)
        else:
            out.append(run)
    return out


def _value(lvl: etree._Element, tag: str, default: int) -> int:
    try:
        return int(_value_text(lvl, tag) or default)
    except ValueError:
        return default


def _value_text(lvl: etree._Element, tag: str) -> str:
    child = lvl.find(w(tag))
    return "" if child is None else child.get(w("val"), "")


_ROMAN = ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
          (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))  # fmt: skip


def _format_number(n: int, kind: str) -> str:
    if kind in ("lowerLetter", "upperLetter"):
        letters = "abcdefghijklmnopqrstuvwxyz"
        text = letters[(n - 1) % 26] * ((n - 1) // 26 + 1)
        return text.upper() if kind == "upperLetter" else text
    if kind in ("lowerRoman", "upperRoman"):
        text = ""
        for value, numeral in _ROMAN:
            while n >= value:
                text += numeral
                n -= value
        return text.upper() if kind == "upperRoman" else text
    if kind == "decimalZero":
        return f"{n:02d}"
    if kind in ("none", "bullet"):
        return ""
    return str(n)


def read_document(path: Path) -> Document:
    """The document at ``path``; a file that is not a readable DOCX is an ``InputError``."""
    package = open_package(path)
    with package.archive:
        root = package.xml(package.main)
        body = None if root is None else root.find(w("body"))
        if body is None:
            raise refuse(path, "docx_not_docx")
        reader = _Reader(package)
        paragraphs: list[Paragraph] = []
        tables = [0]
        reader.blocks(body, Place(), None, paragraphs, tables)
        sections = [reader.section(s) for s in body.iter(w("sectPr"))]
    return Document(path, paragraphs, sections, tables[0])


def _symbol(code: str) -> str:
    """A symbol font's character (``w:sym``): its code in the Private Use Area (F0xx) as
    the character it stands for; a code that is no character ("ZZZZ") shows nothing."""
    try:
        number = int(code, 16)
        return chr(number - 0xF000 if number >= 0xF000 else number)
    except (ValueError, OverflowError):
        return ""
