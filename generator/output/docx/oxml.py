"""WordprocessingML elements added where the schema puts them.

Word reads the children of ``w:pPr``, ``w:rPr``, ``w:tblPr``… as sequences of
the OOXML schema: a child out of its place is ignored (a table's borders, a
paragraph's rule) or makes Word offer to repair the file. python-docx inserts
the properties it knows in order; the ones giaoban adds go through
``set_child``, which inserts each before the first sibling the schema puts
after it. The sequences are those of ECMA-376 (transitional), as far as these
elements go.
"""

from __future__ import annotations

from typing import Any

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from lxml.etree import SubElement, _Element

#: Child order of each parent element giaoban adds children to.
SEQUENCES: dict[str, tuple[str, ...]] = {
    "w:pPr": (
        "w:pStyle", "w:keepNext", "w:keepLines", "w:pageBreakBefore", "w:framePr",
        "w:widowControl", "w:numPr", "w:suppressLineNumbers", "w:pBdr", "w:shd", "w:tabs",
        "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap", "w:overflowPunct",
        "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi", "w:adjustRightInd",
        "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents",
        "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment",
        "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr",
        "w:pPrChange",
    ),
    "w:rPr": (
        "w:rStyle", "w:rFonts", "w:b", "w:bCs", "w:i", "w:iCs", "w:caps", "w:smallCaps",
        "w:strike", "w:dstrike", "w:outline", "w:shadow", "w:emboss", "w:imprint",
        "w:noProof", "w:snapToGrid", "w:vanish", "w:webHidden", "w:color", "w:spacing", "w:w",
        "w:kern", "w:position", "w:sz", "w:szCs", "w:highlight", "w:u", "w:effect", "w:bdr",
        "w:shd", "w:fitText", "w:vertAlign", "w:rtl", "w:cs", "w:em", "w:lang",
        "w:eastAsianLayout", "w:specVanish", "w:oMath",
    ),
    "w:tblPr": (
        "w:tblStyle", "w:tblpPr", "w:tblOverlap", "w:bidiVisual", "w:tblStyleRowBandSize",
        "w:tblStyleColBandSize", "w:tblW", "w:jc", "w:tblCellSpacing", "w:tblInd",
        "w:tblBorders", "w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook", "w:tblCaption",
        "w:tblDescription",
    ),
    "w:sectPr": (
        "w:headerReference", "w:footerReference", "w:footnotePr", "w:endnotePr", "w:type",
        "w:pgSz", "w:pgMar", "w:paperSrc", "w:pgBorders", "w:lnNumType", "w:pgNumType",
        "w:cols", "w:formProt", "w:vAlign", "w:noEndnote", "w:titlePg", "w:textDirection",
        "w:bidi", "w:rtlGutter", "w:docGrid", "w:printerSettings", "w:sectPrChange",
    ),
    "w:pBdr": ("w:top", "w:left", "w:bottom", "w:right", "w:between", "w:bar"),
    "w:tblBorders": ("w:top", "w:left", "w:bottom", "w:right", "w:insideH", "w:insideV"),
    "w:tblCellMar": ("w:top", "w:left", "w:bottom", "w:right"),
    "w:settings": (
        "w:writeProtection", "w:view", "w:zoom", "w:removePersonalInformation",
        "w:removeDateAndTime", "w:doNotDisplayPageBoundaries", "w:displayBackgroundShape",
        "w:printPostScriptOverText", "w:printFractionalCharacterWidth", "w:printFormsData",
        "w:embedTrueTypeFonts", "w:embedSystemFonts", "w:saveSubsetFonts",
        "w:saveFormsData", "w:mirrorMargins", "w:alignBordersAndEdges",
        "w:bordersDoNotSurroundHeader", "w:bordersDoNotSurroundFooter", "w:gutterAtTop",
        "w:hideSpellingErrors", "w:hideGrammaticalErrors", "w:activeWritingStyle",
        "w:proofState", "w:formsDesign", "w:attachedTemplate", "w:linkStyles",
        "w:stylePaneFormatFilter", "w:stylePaneSortMethod", "w:documentType",
        "w:mailMerge", "w:revisionView", "w:trackRevisions", "w:doNotTrackMoves",
        "w:doNotTrackFormatting", "w:documentProtection", "w:autoFormatOverride",
        "w:styleLockTheme", "w:styleLockQFSet", "w:defaultTabStop",
    ),
}  # fmt: skip


def _tag(element: Any) -> str:
    """``w:pBdr`` for an element in the WordprocessingML namespace."""
    local = element.tag.rsplit("}", 1)[-1]
    return f"w:{local}" if qn(f"w:{local}") == element.tag else element.tag


def set_child(parent: Any, tag: str, **attrs: str) -> Any:
    """``parent``'s child ``tag`` (made, at its schema place, if missing) with ``attrs`` set."""
    element = parent.find(qn(tag))
    if element is None:
        element = OxmlElement(tag)
        order = SEQUENCES.get(_tag(parent), ())
        later = order[order.index(tag) + 1 :] if tag in order else ()
        successor = next((child for child in parent if _tag(child) in later), None)
        if successor is None:
            parent.append(element)
        else:
            successor.addprevious(element)
    for key, value in attrs.items():
        element.set(qn(key), value)
    return element


# The elements of a long document's bulk (thousands of table cells, each a paragraph of
# runs), built with lxml directly. python-docx's property setters find each child's place
# by searching the parent for every later sibling's name, one ``qn`` each: most of a long
# digest's writing time. These build the same XML, child by child in schema order.

_W_P, _W_PPR, _W_PSTYLE, _W_VAL = qn("w:p"), qn("w:pPr"), qn("w:pStyle"), qn("w:val")
_W_R, _W_RPR, _W_T, _W_BR = qn("w:r"), qn("w:rPr"), qn("w:t"), qn("w:br")
_W_B, _W_I, _W_U = qn("w:b"), qn("w:i"), qn("w:u")
_W_TRPR, _W_TC, _W_TCPR, _W_TCW = qn("w:trPr"), qn("w:tc"), qn("w:tcPr"), qn("w:tcW")
_W_TYPE, _W_W = qn("w:type"), qn("w:w")
_W_SECTPR, _XML_SPACE = qn("w:sectPr"), qn("xml:space")


def add_paragraph(container: _Element) -> _Element:
    """A new empty paragraph last in a body or cell: before the body's closing
    ``w:sectPr``, which python-docx finds by searching every child, though it is the last."""
    paragraph = container.makeelement(_W_P, {})
    last = container[-1] if len(container) else None
    if last is not None and last.tag == _W_SECTPR:
        last.addprevious(paragraph)
    else:
        container.append(paragraph)
    return paragraph


def set_style(paragraph: _Element, style_id: str) -> None:
    """The paragraph's Word style: its ``w:pPr``, first, made with ``w:pStyle`` as its first
    child (the paragraph is new: nothing else is in it yet)."""
    ppr = paragraph.makeelement(_W_PPR, {})
    paragraph.insert(0, ppr)
    SubElement(ppr, _W_PSTYLE).set(_W_VAL, style_id)


def add_text_run(paragraph: _Element, text: str, bold: bool, italic: bool,
                 underline: bool) -> None:  # fmt: skip
    """A run of ``text`` (no tab nor line break in it: white space is collapsed before).

    Its ``w:rPr`` is there even when empty, as python-docx leaves it once a run's
    bold, italic and underline are set to "as the style says"; ``xml:space`` keeps
    space at either end, as python-docx's ``add_t`` does.
    """
    run = SubElement(paragraph, _W_R)
    rpr = SubElement(run, _W_RPR)
    if bold:
        SubElement(rpr, _W_B)
    if italic:
        SubElement(rpr, _W_I)
    if underline:
        SubElement(rpr, _W_U).set(_W_VAL, "single")
    t = SubElement(run, _W_T)
    t.text = text
    if len(text.strip()) < len(text):
        t.set(_XML_SPACE, "preserve")


def add_line_break(paragraph: _Element) -> None:
    """A run holding a line break (``<br>``)."""
    SubElement(SubElement(paragraph, _W_R), _W_BR)


def row_template(twips: list[str], header: bool) -> _Element:
    """An empty table row, copied for each row of a table: kept whole on one page (as the
    PDF keeps it), repeated atop each page if a ``header`` row; each cell ``twips`` wide
    with the one empty paragraph Word requires of a cell, which its first block takes."""
    row = OxmlElement("w:tr")  # python-docx's classes for its copies' elements too
    properties = SubElement(row, _W_TRPR)
    if header:
        SubElement(properties, qn("w:tblHeader"))
    SubElement(properties, qn("w:cantSplit"))
    for width in twips:
        cell = SubElement(row, _W_TC)
        cell_width = SubElement(SubElement(cell, _W_TCPR), _W_TCW)
        cell_width.set(_W_TYPE, "dxa")
        cell_width.set(_W_W, width)
        SubElement(cell, _W_P)
    return row
