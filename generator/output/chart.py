"""The digest's chart: a bar chart laid out once, drawn as SVG for the PDF (vector) and as
a PNG at print resolution for the DOCX, in the document's own font.

The document says what to draw (labels, values, title, width, font: plain data
in its context); templates draw it with the ``bar_chart_svg`` and
``bar_chart_png`` filters. No plotting library: a bar chart is a few
rectangles and lines of text, and the same layout feeds both drawings, so the
PDF and the DOCX show the same chart.
"""

from __future__ import annotations

import base64
import io
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from html import escape  # XML's five entities; xml.sax.saxutils imports urllib (10 ms)
from typing import Any

from generator.output.fonts import font_file

#: Print resolution of the DOCX's image.
DPI = 300
#: One point in millimetres.
PT = 25.4 / 72
_INK = "#4d4d4d"


@dataclass(frozen=True)
class Text:
    x: float
    y: float  # the baseline
    text: str
    size_pt: float


@dataclass(frozen=True)
class Box:
    x: float
    y: float
    width: float
    height: float


@dataclass(frozen=True)
class Layout:
    """A chart in millimetres from its top left corner."""

    width: float
    height: float
    bars: tuple[Box, ...]
    texts: tuple[Text, ...]
    axis: tuple[float, float, float]  # y, x from, x to
    family: str


def layout(labels: Sequence[str], values: Sequence[int], title: str, family: str,
           width_mm: float) -> Layout:  # fmt: skip
    height = width_mm * 0.45
    axis_y = height - 9.0
    top = 12.0
    slot = width_mm / max(len(labels), 1)
    highest = max([*values, 1]) * 1.15
    bars, texts = [], [Text(width_mm / 2, 5.5, title, 12)]
    for index, (label, value) in enumerate(zip(labels, values, strict=True)):
        centre = slot * (index + 0.5)
        tall = (axis_y - top) * value / highest
        bars.append(Box(centre - slot * 0.3, axis_y - tall, slot * 0.6, tall))
        texts.append(Text(centre, axis_y - tall - 1.5, str(value), 11))
        texts.append(Text(centre, axis_y + 5.5, label, 11))
    return Layout(width_mm, height, tuple(bars), tuple(texts), (axis_y, 0.0, width_mm), family)


def to_svg(chart: Layout) -> str:
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{chart.width:.2f}mm" '
        f'height="{chart.height:.2f}mm" viewBox="0 0 {chart.width:.2f} {chart.height:.2f}">'
    ]
    for bar in chart.bars:
        parts.append(f'<rect x="{bar.x:.2f}" y="{bar.y:.2f}" width="{bar.width:.2f}" '
                     f'height="{bar.height:.2f}" fill="{_INK}"/>')  # fmt: skip
    y, start, end = chart.axis
    parts.append(f'<line x1="{start:.2f}" y1="{y:.2f}" x2="{end:.2f}" y2="{y:.2f}" '
                 'stroke="black" stroke-width="0.25"/>')  # fmt: skip
    family = '"' + escape(chart.family) + '"'
    for text in chart.texts:
        parts.append(f'<text x="{text.x:.2f}" y="{text.y:.2f}" font-family={family} '
                     f'font-size="{text.size_pt * PT:.2f}" text-anchor="middle">'
                     f"{escape(text.text, quote=False)}</text>")  # fmt: skip
    parts.append("</svg>")
    return "".join(parts)


def to_png(chart: Layout, dpi: int = DPI) -> bytes:
    from PIL import Image, ImageDraw, ImageFont

    scale = dpi / 25.4
    image = Image.new("RGB", (round(chart.width * scale), round(chart.height * scale)), "white")
    draw = ImageDraw.Draw(image)
    for bar in chart.bars:
        draw.rectangle([bar.x * scale, bar.y * scale, (bar.x + bar.width) * scale,
                        (bar.y + bar.height) * scale], fill=_INK)  # fmt: skip
    y, start, end = chart.axis
    draw.line([start * scale, y * scale, end * scale, y * scale], fill="black",
              width=max(1, round(0.25 * scale)))  # fmt: skip
    path = font_file(chart.family, bold=False, italic=False)
    for text in chart.texts:
        size = round(text.size_pt * PT * scale)
        font = ImageFont.truetype(path, size) if path else ImageFont.load_default(size)
        draw.text((text.x * scale, text.y * scale), text.text, fill="black", font=font,
                  anchor="ms")  # fmt: skip
    out = io.BytesIO()
    image.save(out, format="PNG", dpi=(dpi, dpi), optimize=False)
    return out.getvalue()


def _layout_of(chart: Mapping[str, Any]) -> Layout:
    return layout(chart["labels"], chart["values"], chart["title"], chart["family"],
                  chart["width_mm"])  # fmt: skip


def bar_chart_svg(chart: Mapping[str, Any]) -> str:
    """A context's ``chart`` as a ``data:`` URI of its SVG, for the PDF."""
    svg = to_svg(_layout_of(chart)).encode("utf-8")
    return "data:image/svg+xml;base64," + base64.b64encode(svg).decode("ascii")


def bar_chart_png(chart: Mapping[str, Any]) -> str:
    """A context's ``chart`` as a ``data:`` URI of a PNG at print resolution, for the DOCX."""
    return "data:image/png;base64," + base64.b64encode(to_png(_layout_of(chart))).decode("ascii")
