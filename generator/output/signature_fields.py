"""Empty signature fields where the signature block landed, so ``sign`` needs no coordinates.

The layout knows where the signer's title and name lines are on whichever page
the block falls; the space between them is where Decree 30 (Phụ lục I, II.7.d)
and the Party's guidance put the signer's image, and the seal goes over its
left part. The fields are added to the PDF as WeasyPrint writes it (its
``finisher``), with pydyf, so a render stays byte-reproducible and loads no
signing library. Each field has an empty appearance and prints: PDF/A requires
both of every widget.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pydyf

from generator.output.signature_layout import Rect

#: The fields' names: what ``sign`` fills.
SIGNER_FIELD = "ChuKyNguoiKy"
ORGANIZATION_FIELD = "ChuKyCoQuan"
#: An attachment's, added by ``sign`` at the top right of its first page.
ATTACHMENT_FIELD = "ChuKyPhuLuc"

#: The block's classes (the templates' signature block; see ``model.components``).
_CELL, _LINES, _NAME = "signature", ("sig-authority", "sig-title"), "sig-name"
#: PDF points per CSS pixel.
_PT = 0.75
#: Widget flags: Print (PDF/A asks for it) and Locked (the rectangle is not for moving).
_FLAGS = 4 | 128


@dataclass(frozen=True)
class Gap:
    """The space between the signer's title and name: its page (from 0) and rectangle."""

    page: int
    rect: Rect


def _blocks(page: Any) -> Iterator[tuple[Any, set[str]]]:
    """The page's block boxes (a paragraph, a cell: not their lines) with their classes."""
    from weasyprint.formatting_structure.boxes import BlockContainerBox

    for box in page._page_box.descendants():
        if isinstance(box, BlockContainerBox) and box.element is not None:
            yield box, set((box.element.get("class") or "").split())


def find_gap(document: Any) -> Gap | None:
    """The space between the last line above the signer's name (title, or authority when
    the signer signs in no one's name) and the name, or ``None`` without a signature
    block. Its width is the signature cell's. Pages are read from the last: the block
    closes the document (only appendices follow it), so a long one is not walked whole."""
    for number, page in reversed(list(enumerate(document.pages))):
        cell = title = name = None
        for box, classes in _blocks(page):
            if _CELL in classes and box.element_tag == "td":
                cell = box
            elif classes & set(_LINES) and name is None:
                title = box
            elif _NAME in classes and name is None:
                name = box
        if name is None or cell is None:
            continue
        height = page.height
        top = title.content_box_y() + title.height if title is not None else cell.content_box_y()
        bottom = name.content_box_y()
        x = cell.content_box_x()
        rect = Rect(x * _PT, (height - bottom) * _PT, (x + cell.width) * _PT, (height - top) * _PT)
        return Gap(number, rect)
    return None


def _widget(pdf: pydyf.PDF, page: pydyf.Dictionary, name: str, rect: Rect) -> None:
    box = pydyf.Array([0, 0, round(rect.width), round(rect.height)])
    blank = pydyf.Stream(extra={"Type": "/XObject", "Subtype": "/Form", "BBox": box})
    pdf.add_object(blank)
    field = pydyf.Dictionary({
        "Type": "/Annot", "Subtype": "/Widget", "FT": "/Sig", "T": pydyf.String(name),
        "Rect": pydyf.Array(rect.as_list()), "F": _FLAGS, "P": page.reference,
        "AP": pydyf.Dictionary({"N": blank.reference}),
    })  # fmt: skip
    pdf.add_object(field)
    page.setdefault("Annots", pydyf.Array()).append(field.reference)
    form = pdf.catalog.setdefault("AcroForm", pydyf.Dictionary({"Fields": pydyf.Array()}))
    form["Fields"].append(field.reference)


def finisher(document: Any, pdf: pydyf.PDF) -> None:
    """Adds the empty fields of the signer and of the organization over the gap (``sign``
    sets their exact rectangles from the images when the signer signs)."""
    gap = find_gap(document)
    if gap is None:
        return
    page = pdf.objects[pdf.pages["Kids"][3 * gap.page]]  # Kids: number, generation, "R"…
    for name in (SIGNER_FIELD, ORGANIZATION_FIELD):
        _widget(pdf, page, name, gap.rect)
