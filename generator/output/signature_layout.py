"""Where each digital signature's image goes, in PDF points: plain geometry from the
format's rule (the profile's ``electronic_signature``), tested on numbers."""

from __future__ import annotations

from dataclasses import dataclass

#: PDF points per millimetre.
MM = 72 / 25.4


@dataclass(frozen=True)
class Rect:
    """A rectangle in PDF points, from the bottom left of the page."""

    x0: float
    y0: float
    x1: float
    y1: float

    @property
    def width(self) -> float:
        return self.x1 - self.x0

    @property
    def height(self) -> float:
        return self.y1 - self.y0

    def as_list(self) -> list[int]:
        """In whole points: pyHanko lays appearances out in whole units (a fractional
        rectangle breaks its layout), and half a point is a sixth of a millimetre."""
        return [round(self.x0), round(self.y0), round(self.x1), round(self.y1)]


def image_box(gap: Rect, aspect: float, fill: float) -> Rect:
    """The signer's image (``aspect`` = width / height) as large as ``fill`` of the gap
    allows, centred between the title and the name."""
    height = min(gap.height * fill, gap.width * fill / aspect)
    width = height * aspect
    cx, cy = (gap.x0 + gap.x1) / 2, (gap.y0 + gap.y1) / 2
    return Rect(cx - width / 2, cy - height / 2, cx + width / 2, cy + height / 2)


def seal_box(signature: Rect, size: float, overlap: float, side: str) -> Rect:
    """The seal at its real ``size``, covering ``overlap`` of the signer's image on ``side``,
    level with the image's middle."""
    cy = (signature.y0 + signature.y1) / 2
    if side == "left":
        x1 = signature.x0 + overlap * signature.width
        return Rect(x1 - size, cy - size / 2, x1, cy + size / 2)
    x0 = signature.x1 - overlap * signature.width
    return Rect(x0, cy - size / 2, x0 + size, cy + size / 2)


def with_caption(seal: Rect, width: float, height: float) -> Rect:
    """The seal's field: the seal, and its caption (``width`` × ``height``) centred under it."""
    half = max(seal.width, width) / 2
    cx = (seal.x0 + seal.x1) / 2
    return Rect(cx - half, seal.y0 - height, cx + half, seal.y1)


def top_right(page: Rect, right_margin: float, top: float, width: float, height: float) -> Rect:
    """An attachment's mark: its right edge on the right margin, ``top`` below the page's
    top edge."""
    x1 = page.x1 - right_margin
    y1 = page.y1 - top
    return Rect(x1 - width, y1 - height, x1, y1)
